//! Keys are data: the default keymap ships in `assets/keymap.ron`, the user's `keymap.ron` in the
//! configuration directory is laid over it key by key, and the help screen is drawn from the
//! merged map.

use std::collections::BTreeMap;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, BINDABLE};
use crate::store::codec::{self, Versioned};
use crate::store::error::FileError;

const DEFAULT: &str = include_str!("../../assets/keymap.ron");

/// Where a key is looked up: a view, or a popup that takes every key while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    Global,
    Board,
    Planning,
    Picker,
    Help,
    Prompt,
    Confirm,
    /// The Story view, browsing its fields: the view keys work as everywhere.
    Story,
    /// A field of the Story view being edited: it takes every key.
    Field,
    /// "Changed elsewhere meanwhile: keep mine or take theirs?"
    Clash,
    /// The report views: Metrics, Roadmap, Standup.
    Report,
}

impl Context {
    /// Popups take every key: nothing falls through to the view or the global keys.
    fn is_modal(self) -> bool {
        !matches!(self, Context::Global | Context::Board | Context::Planning | Context::Story | Context::Report)
    }

    /// Where keys that are not bound are typed into a text field.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Prompt | Context::Field)
    }
}

/// A key with its modifiers, normalised so that `H` and `shift-h` are one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
    shift: bool,
}

/// `KeyCode` without the variants a keymap cannot name, made orderable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(u8),
}

const NAMED: &[(&str, KeyCode, &str)] = &[
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("tab", KeyCode::Tab, "Tab"),
    ("backtab", KeyCode::BackTab, "S-Tab"),
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("pageup", KeyCode::PageUp, "PgUp"),
    ("pagedown", KeyCode::PageDown, "PgDn"),
    ("delete", KeyCode::Delete, "Del"),
    ("backspace", KeyCode::Backspace, "Bksp"),
];

impl Key {
    /// The key of a terminal event.
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let m = e.modifiers;
        let (code, shift) = match e.code {
            // The character already says whether shift was held.
            KeyCode::Char(' ') => (KeyCodeOrd::Char(' '), m.contains(KeyModifiers::SHIFT)),
            KeyCode::Char(c) => (KeyCodeOrd::Char(c), false),
            KeyCode::BackTab => (KeyCodeOrd::Named(index_of(KeyCode::BackTab)?), false),
            KeyCode::F(n) => (KeyCodeOrd::F(n), m.contains(KeyModifiers::SHIFT)),
            other => (KeyCodeOrd::Named(index_of(other)?), m.contains(KeyModifiers::SHIFT)),
        };
        Some(Key { code, ctrl: m.contains(KeyModifiers::CONTROL), alt: m.contains(KeyModifiers::ALT), shift })
    }

    /// Parses the keymap notation: `q`, `H`, `ctrl-r`, `shift-left`, `f1`, `space`.
    pub fn parse(s: &str) -> Option<Key> {
        let mut key = Key { code: KeyCodeOrd::Char(' '), ctrl: false, alt: false, shift: false };
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                key.ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                key.alt = true;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                key.shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if key.shift && c.is_alphabetic() {
                    key.shift = false;
                    KeyCodeOrd::Char(c.to_uppercase().next().unwrap_or(c))
                } else {
                    KeyCodeOrd::Char(c)
                }
            }
            _ => {
                let name = rest.to_ascii_lowercase();
                if name == "space" {
                    KeyCodeOrd::Char(' ')
                } else if let Some(n) = name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    KeyCodeOrd::F(n)
                } else {
                    KeyCodeOrd::Named(NAMED.iter().position(|(n, _, _)| *n == name)? as u8)
                }
            }
        };
        if key.code == KeyCodeOrd::Named(index_of(KeyCode::BackTab)?) {
            key.shift = false;
        }
        Some(key)
    }

    /// How the help screen shows the key.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.ctrl {
            out.push_str("C-");
        }
        if self.alt {
            out.push_str("M-");
        }
        if self.shift {
            out.push_str("S-");
        }
        match self.code {
            KeyCodeOrd::Char(' ') => out.push_str("Space"),
            KeyCodeOrd::Char(c) => out.push(c),
            KeyCodeOrd::F(n) => out.push_str(&format!("F{n}")),
            KeyCodeOrd::Named(i) => out.push_str(NAMED.get(i as usize).map_or("?", |(_, _, l)| l)),
        }
        out
    }
}

fn index_of(code: KeyCode) -> Option<u8> {
    NAMED.iter().position(|(_, c, _)| *c == code).map(|i| i as u8)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    #[serde(default)]
    global: BTreeMap<String, String>,
    #[serde(default)]
    board: BTreeMap<String, String>,
    #[serde(default)]
    planning: BTreeMap<String, String>,
    #[serde(default)]
    picker: BTreeMap<String, String>,
    #[serde(default)]
    help: BTreeMap<String, String>,
    #[serde(default)]
    prompt: BTreeMap<String, String>,
    #[serde(default)]
    confirm: BTreeMap<String, String>,
    #[serde(default)]
    story: BTreeMap<String, String>,
    #[serde(default)]
    field: BTreeMap<String, String>,
    #[serde(default)]
    clash: BTreeMap<String, String>,
    #[serde(default)]
    report: BTreeMap<String, String>,
}

impl Versioned for KeymapFile {
    fn schema(&self) -> Option<u32> {
        None
    }
}

/// The keymap in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// For each context, each key's action.
    maps: BTreeMap<Context, BTreeMap<Key, Action>>,
}

impl Keymap {
    /// The built-in keymap.
    pub fn default_keymap() -> Keymap {
        let mut k = Keymap { maps: BTreeMap::new() };
        // The default keymap is part of the program and tested; a mistake in it cannot come from
        // outside, but it is still reported rather than trusted.
        if let Err(e) = k.overlay(Path::new("assets/keymap.ron"), DEFAULT.as_bytes()) {
            eprintln!("sprintboard: {e}");
        }
        k
    }

    /// The built-in keymap with the user's file laid over it. A file that cannot be used is
    /// reported and the defaults stay in force.
    pub fn load(path: &Path) -> (Keymap, Option<FileError>) {
        let defaults = Keymap::default_keymap();
        let Ok(bytes) = std::fs::read(path) else {
            return (defaults, None);
        };
        let mut user = defaults.clone();
        match user.overlay(path, &bytes) {
            Ok(()) => (user, None),
            Err(e) => (defaults, Some(e)),
        }
    }

    fn overlay(&mut self, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
        let file: KeymapFile = codec::decode(path, bytes, codec::MAX_STORY_BYTES)?;
        let text = String::from_utf8_lossy(bytes);
        let sections = [
            (Context::Global, file.global),
            (Context::Board, file.board),
            (Context::Planning, file.planning),
            (Context::Picker, file.picker),
            (Context::Help, file.help),
            (Context::Prompt, file.prompt),
            (Context::Confirm, file.confirm),
            (Context::Story, file.story),
            (Context::Field, file.field),
            (Context::Clash, file.clash),
            (Context::Report, file.report),
        ];
        for (ctx, entries) in sections {
            let map = self.maps.entry(ctx).or_default();
            for (key, action) in entries {
                let place = || position_of(&text, &key);
                let k = Key::parse(&key)
                    .ok_or_else(|| FileError::new(path, place(), format!("{key:?} is not a key this program knows")))?;
                if action == "none" {
                    map.remove(&k);
                } else if let Some(a) = Action::from_name(&action) {
                    map.insert(k, a);
                } else {
                    return Err(FileError::new(
                        path,
                        place(),
                        format!(
                            "{action:?} is not an action; the actions are: {}",
                            Action::names().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The action for a key in a context: the context's own binding, else (outside popups) the
    /// global one. In a popup, only a global `quit` on a control key (Ctrl-C) still gets through.
    pub fn resolve(&self, ctx: Context, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        let lookup = |c: Context| self.maps.get(&c).and_then(|m| m.get(&key)).cloned();
        if let Some(a) = lookup(ctx) {
            return Some(a);
        }
        match lookup(Context::Global) {
            Some(Action::Quit) if ctx.is_modal() && key.ctrl => Some(Action::Quit),
            Some(_) if ctx.is_modal() => None,
            other => other,
        }
    }

    /// The bindings of a context for the help screen: each action (in the order of the table
    /// of actions) with the keys bound to it, the context's own first and then the global ones.
    pub fn help(&self, ctx: Context) -> Vec<(&'static str, Vec<String>)> {
        BINDABLE
            .iter()
            .filter_map(|(_, action, what)| {
                let keys = self.keys_for(ctx, action);
                (!keys.is_empty()).then_some((*what, keys))
            })
            .collect()
    }

    /// The keys that do `action` in a context, as the help screen shows them.
    pub fn keys_for(&self, ctx: Context, action: &Action) -> Vec<String> {
        self.keys_doing(ctx, action).map(Key::label).collect()
    }

    /// The keys that do `action` in a context: its own bindings, then (outside popups) the
    /// global ones that a binding of the same key in the context does not hide.
    fn keys_doing<'a>(&'a self, ctx: Context, action: &'a Action) -> impl Iterator<Item = &'a Key> + 'a {
        let contexts = if ctx.is_modal() { vec![ctx] } else { vec![ctx, Context::Global] };
        let own = self.maps.get(&ctx);
        contexts
            .into_iter()
            .flat_map(move |c| self.maps.get(&c).into_iter().flatten().map(move |(k, a)| (c, k, a)))
            .filter(move |(c, k, a)| *a == action && (*c == ctx || !own.is_some_and(|m| m.contains_key(k))))
            .map(|(_, k, _)| k)
    }

    /// `"F1 help"`: the plainest key that does `action` in a context (no modifier first, then a
    /// named key, Esc before the others), and the words, for the hints in the status line and under
    /// popups. Nothing when no key does it.
    pub fn hint(&self, ctx: Context, action: &Action, words: &str) -> Option<String> {
        self.keys_doing(ctx, action)
            .min_by_key(|k| {
                let esc = k.code == KeyCodeOrd::Named(index_of(KeyCode::Esc).unwrap_or(u8::MAX));
                (k.ctrl || k.alt || k.shift, matches!(k.code, KeyCodeOrd::Char(_)), !esc, k.label())
            })
            .map(|k| format!("{} {words}", k.label()))
    }
}

/// Where `key` is written as a map key in the file, to point at it.
fn position_of(text: &str, key: &str) -> Option<(usize, usize)> {
    let needle = format!("{key:?}:");
    text.lines().enumerate().find_map(|(i, l)| l.find(&needle).map(|c| (i + 1, l[..c].chars().count() + 1)))
}

#[cfg(test)]
mod tests;
