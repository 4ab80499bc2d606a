//! The behaviour every text field shares (the prompts and the Story view's fields), on top of
//! `ratatui-textarea`: a field that shows a current value starts with it selected, so typing
//! replaces it while Backspace, an arrow or any other editing key starts editing it; a paste is
//! text, never keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea};

/// A field holding `text`, selected when there is any, with the cursor at its end.
pub fn new(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(text.split('\n').map(str::to_owned).collect());
    t.set_cursor_line_style(Style::new());
    // Reverse video shows the selection with or without colours (NO_COLOR).
    t.set_selection_style(Style::new().add_modifier(Modifier::REVERSED));
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    if !text.is_empty() {
        t.select_all();
    }
    t
}

/// A key typed into the field. While the whole value is selected, a character replaces it;
/// any other key first drops the selection, then does what it does (Backspace deletes the last
/// character, an arrow moves the cursor).
pub fn type_key(t: &mut TextArea<'static>, key: KeyEvent) {
    let replaces =
        matches!(key.code, KeyCode::Char(_)) && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if replaces && all_selected(t) => replace_all(t, &c.to_string()),
        _ => {
            if t.is_selecting() && !replaces {
                t.cancel_selection();
            }
            t.input(key);
        }
    }
}

/// Pasted text, put where the cursor is (over the selection, like typing).
pub fn paste(t: &mut TextArea<'static>, text: &str) {
    let text = normalise_breaks(text);
    if all_selected(t) {
        replace_all(t, &text);
    } else {
        t.insert_str(text);
    }
}

/// Whether the whole value is selected (as a field shows it when it opens).
fn all_selected(t: &TextArea<'_>) -> bool {
    let last = t.lines().len().saturating_sub(1);
    let end = (last, t.lines().last().map_or(0, |l| l.chars().count()));
    t.selection_range().is_some_and(|range| range == ((0, 0), end))
}

/// The whole value replaced by `text`, with the cursor at its end: a new text area, so that
/// its view starts from the first column rather than where the old value had scrolled it.
fn replace_all(t: &mut TextArea<'static>, text: &str) {
    let mut fresh = new(text);
    fresh.cancel_selection();
    fresh.set_cursor_style(t.cursor_style());
    fresh.set_selection_style(t.selection_style());
    *t = fresh;
}

/// The text of a paste for a one-line field: each line break (and tab) becomes a space.
pub fn one_line(text: &str) -> String {
    normalise_breaks(text).split('\n').map(str::trim_end).collect::<Vec<_>>().join(" ").replace('\t', " ")
}

/// Terminals send a pasted line break as `\r`, `\r\n` or `\n`: all become `\n`.
fn normalise_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The field's text, its lines joined with `\n`.
pub fn text(t: &TextArea<'_>) -> String {
    t.lines().join("\n")
}

#[cfg(test)]
mod tests;
