//! Turning the bytes a terminal sends into events: keys, mouse, pastes.
//!
//! The input thread (`event.rs`) reads every byte that is waiting, as soon as it arrives, and
//! hands them here all at once. The escape sequences themselves are parsed by `terminput` (a
//! maintained port of crossterm's parser that can be fed bytes); this module only frames them:
//! it knows where one event ends and the next begins, keeps an unfinished sequence (or an
//! unfinished paste) for the next read, and decides what a lone `Esc` means.
//!
//! Why not let crossterm read the terminal itself: its reader waits on an edge-triggered epoll,
//! reads at most 1,024 bytes per wake-up and returns after the first event, so when more than
//! that arrives at once (a paste, a key burst) the rest waits for the next key press. The
//! design follows yazi and helix in giving one reader sole ownership of the terminal, and
//! gitui in pausing that reader while `$EDITOR` runs.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// An escape sequence longer than this is garbage (a real one is a few dozen bytes at most).
const MAX_SEQUENCE: usize = 256;
/// A paste larger than this is handed over in parts rather than held back without end, so a
/// terminal that never sends the closing marker cannot swallow every later key.
const MAX_PASTE: usize = 4 << 20;
const PASTE_START: &[u8] = b"\x1b[200~";

/// Frames the byte stream into events; holds what is not complete yet.
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
    /// Inside an overlong sequence: bytes are dropped up to its final byte.
    discarding: bool,
}

impl Decoder {
    /// Decodes `bytes`, everything the terminal has sent for now. An `Esc` at the very end is
    /// the Esc key: the bytes of an escape sequence arrive together, so nothing more follows it.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            if self.discarding {
                // A control sequence ends with a byte in `@`..=`~`.
                self.discarding = !(0x40..=0x7e).contains(&b);
                continue;
            }
            self.pending.push(b);
            let more = i + 1 < bytes.len();
            // A lone Esc with more bytes behind it is the start of a sequence (or Esc followed
            // at once by a key: `Alt+key`, which the keymap splits again where Alt means nothing).
            if self.pending == [0x1b] && more {
                continue;
            }
            self.step(&mut out);
        }
        self.flush_lone_escape(&mut out);
        out
    }

    fn step(&mut self, out: &mut Vec<Event>) {
        match terminput::Event::parse_from(&self.pending) {
            Ok(Some(event)) => {
                self.pending.clear();
                out.extend(convert(event));
            }
            Ok(None) => {
                let paste = self.pending.starts_with(PASTE_START);
                if paste && self.pending.len() > MAX_PASTE {
                    let text = String::from_utf8_lossy(&self.pending[PASTE_START.len()..]).into_owned();
                    self.pending.clear();
                    // Whatever follows is still the paste: keep treating it as such.
                    self.pending.extend_from_slice(PASTE_START);
                    out.push(Event::Paste(text));
                } else if !paste && self.pending.len() > MAX_SEQUENCE {
                    self.pending.clear();
                    self.discarding = true;
                }
            }
            // Not an event this program knows: dropped, as every terminal program does.
            Err(_) => self.pending.clear(),
        }
    }

    fn flush_lone_escape(&mut self, out: &mut Vec<Event>) {
        if self.pending == [0x1b] {
            self.pending.clear();
            out.push(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        }
    }
}

/// terminput's event in crossterm's terms, which the keymap, the text areas and the mouse
/// handling use. Events this program has no use for (focus, media keys) are dropped.
fn convert(event: terminput::Event) -> Option<Event> {
    match event {
        terminput::Event::Key(k) => key(k).map(Event::Key),
        terminput::Event::Mouse(m) => mouse(m).map(Event::Mouse),
        terminput::Event::Paste(text) => Some(Event::Paste(text)),
        terminput::Event::Resize { cols, rows } => {
            Some(Event::Resize(u16::try_from(cols).unwrap_or(u16::MAX), u16::try_from(rows).unwrap_or(u16::MAX)))
        }
        terminput::Event::FocusGained | terminput::Event::FocusLost => None,
    }
}

fn modifiers(m: terminput::KeyModifiers) -> KeyModifiers {
    let mut out = KeyModifiers::NONE;
    for (from, to) in [
        (terminput::KeyModifiers::SHIFT, KeyModifiers::SHIFT),
        (terminput::KeyModifiers::ALT, KeyModifiers::ALT),
        (terminput::KeyModifiers::CTRL, KeyModifiers::CONTROL),
        (terminput::KeyModifiers::SUPER, KeyModifiers::SUPER),
        (terminput::KeyModifiers::HYPER, KeyModifiers::HYPER),
        (terminput::KeyModifiers::META, KeyModifiers::META),
    ] {
        if m.contains(from) {
            out |= to;
        }
    }
    out
}

fn key(k: terminput::KeyEvent) -> Option<KeyEvent> {
    use terminput::KeyCode as T;
    let mods = modifiers(k.modifiers);
    let code = match k.code {
        T::Backspace => KeyCode::Backspace,
        T::Enter => KeyCode::Enter,
        T::Left => KeyCode::Left,
        T::Right => KeyCode::Right,
        T::Up => KeyCode::Up,
        T::Down => KeyCode::Down,
        T::Home => KeyCode::Home,
        T::End => KeyCode::End,
        T::PageUp => KeyCode::PageUp,
        T::PageDown => KeyCode::PageDown,
        // crossterm's name for Shift-Tab, which the keymap calls `backtab`.
        T::Tab if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        T::Tab => KeyCode::Tab,
        T::Delete => KeyCode::Delete,
        T::Insert => KeyCode::Insert,
        T::F(n) => KeyCode::F(n),
        T::Char(c) => KeyCode::Char(c),
        T::Esc => KeyCode::Esc,
        _ => return None,
    };
    let kind = match k.kind {
        terminput::KeyEventKind::Press => KeyEventKind::Press,
        terminput::KeyEventKind::Repeat => KeyEventKind::Repeat,
        terminput::KeyEventKind::Release => KeyEventKind::Release,
    };
    Some(KeyEvent::new_with_kind(code, mods, kind))
}

fn mouse(m: terminput::MouseEvent) -> Option<MouseEvent> {
    let button = |b: terminput::MouseButton| match b {
        terminput::MouseButton::Left => Some(MouseButton::Left),
        terminput::MouseButton::Right => Some(MouseButton::Right),
        terminput::MouseButton::Middle => Some(MouseButton::Middle),
        terminput::MouseButton::Unknown => None,
    };
    let kind = match m.kind {
        terminput::MouseEventKind::Down(b) => MouseEventKind::Down(button(b)?),
        terminput::MouseEventKind::Up(b) => MouseEventKind::Up(button(b)?),
        terminput::MouseEventKind::Drag(b) => MouseEventKind::Drag(button(b)?),
        terminput::MouseEventKind::Moved => MouseEventKind::Moved,
        terminput::MouseEventKind::Scroll(d) => match d {
            terminput::ScrollDirection::Up => MouseEventKind::ScrollUp,
            terminput::ScrollDirection::Down => MouseEventKind::ScrollDown,
            terminput::ScrollDirection::Left => MouseEventKind::ScrollLeft,
            terminput::ScrollDirection::Right => MouseEventKind::ScrollRight,
        },
    };
    Some(MouseEvent { kind, column: m.column, row: m.row, modifiers: modifiers(m.modifiers) })
}

/// An `Alt+key` that the keymap does not bind in this context is what a person typed as `Esc`
/// followed at once by the key (terminals send both the same way): split it back into the two.
pub fn split_escape(event: Event, alt_is_bound: impl Fn(&KeyEvent) -> bool) -> Vec<Event> {
    match event {
        Event::Key(k) if k.modifiers.contains(KeyModifiers::ALT) && !alt_is_bound(&k) => {
            let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
            let plain = KeyEvent::new_with_kind(k.code, k.modifiers - KeyModifiers::ALT, k.kind);
            vec![Event::Key(esc), Event::Key(plain)]
        }
        other => vec![other],
    }
}

#[cfg(test)]
mod tests;
