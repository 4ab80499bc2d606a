//! When `board.ron` itself cannot be read there is no board to show: a screen names the file,
//! the line and column and what is wrong, and offers `E` to repair it in `$EDITOR` (its own
//! text, written back once it parses); then the board opens.

use std::path::Path;
use std::sync::mpsc;

use ratatui::Frame;
use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::theme::Theme;
use super::{editor, event, terminal};
use crate::store::repair::{self, Repaired};

/// What the screen shows: the problem, and what became of the last repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenBoard {
    pub problem: String,
    pub note: Option<String>,
}

/// What a key asks for on this screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Quit,
    Repair,
    Stay,
}

/// The one thing a key does here: `E` (or `e`) repairs, `q`, `Esc` or `Ctrl-C` quits.
pub fn step(key: &KeyEvent) -> Step {
    match key.code {
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => Step::Quit,
        KeyCode::Char('q') | KeyCode::Esc => Step::Quit,
        KeyCode::Char('E' | 'e') => Step::Repair,
        _ => Step::Stay,
    }
}

impl BrokenBoard {
    /// What a repair came to: `true` when the board can be opened now.
    pub fn repaired(&mut self, result: Result<Repaired, crate::store::StoreError>) -> bool {
        match result {
            Ok(Repaired::Saved | Repaired::AlreadyReadable) => return true,
            Ok(Repaired::Cancelled) => self.note = Some("The editor was left empty: board.ron is unchanged.".into()),
            Err(e) => self.note = Some(format!("Not repaired: {e}")),
        }
        false
    }
}

pub fn render(screen: &BrokenBoard, theme: &Theme, frame: &mut Frame) {
    let mut lines = vec![
        Line::styled("The board cannot be opened: board.ron cannot be read.", theme.error()),
        Line::raw(""),
        Line::raw(screen.problem.clone()),
        Line::raw(""),
        Line::styled("E  open board.ron in your editor; the board opens once it parses", theme.accent()),
        Line::raw("q  quit (or take one side with git: git checkout --theirs -- board.ron)"),
    ];
    if let Some(note) = &screen.note {
        lines.push(Line::raw(""));
        lines.push(Line::styled(note.clone(), theme.warn()));
    }
    let block = Block::bordered().title(" sprintboard ");
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), frame.area());
}

/// Shows the screen until the board is repaired (`Ok(true)`: open it now) or the person quits.
pub fn run(root: &Path, problem: String, theme: &Theme) -> Result<bool, String> {
    let mut guard = terminal::enter().map_err(|e| format!("cannot use this terminal: {e}"))?;
    let (tx, rx) = mpsc::channel();
    event::spawn_signals(tx.clone()).map_err(|e| format!("cannot watch for signals: {e}"))?;
    let mut input = event::spawn_input(tx).map_err(|e| format!("cannot read the terminal: {e}"))?;
    let mut screen = BrokenBoard { problem, note: None };
    let repaired = loop {
        guard.terminal.draw(|f| render(&screen, theme, f)).map_err(|e| format!("cannot draw: {e}"))?;
        match rx.recv() {
            Ok(event::Event::Terminal(TermEvent::Key(k))) if k.kind == KeyEventKind::Press => match step(&k) {
                Step::Quit => break false,
                Step::Repair => {
                    let mut lender = editor::Lender::new(&mut guard, &mut input);
                    let result = repair::board_file(root, &mut |text| lender.edit("board", text));
                    if let Some(problem) = lender.finish() {
                        return Err(problem);
                    }
                    if screen.repaired(result) {
                        break true;
                    }
                }
                Step::Stay => {}
            },
            Ok(event::Event::Terminal(TermEvent::Resize(..))) => {
                let _ = guard.terminal.autoresize();
            }
            Ok(event::Event::InputError(e)) => return Err(format!("cannot read the terminal: {e}")),
            Ok(event::Event::Signal(_)) | Err(_) => break false,
            Ok(_) => {}
        }
    };
    // The board's own screen reads the terminal next: this reader stops for good (paused, and
    // never resumed, so that nothing it holds is closed under a signal handler).
    input.pause();
    std::mem::forget(input);
    Ok(repaired)
}

#[cfg(test)]
mod tests;
