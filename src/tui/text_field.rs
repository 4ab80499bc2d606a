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
    if t.is_selecting() && !replaces {
        t.cancel_selection();
    }
    t.input(key);
}

/// Pasted text, put where the cursor is (over the selection, like typing).
pub fn paste(t: &mut TextArea<'static>, text: &str) {
    t.insert_str(normalise_breaks(text));
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
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_replaces_a_shown_value() {
        let mut t = new("35");
        type_key(&mut t, key(KeyCode::Char('5')));
        assert_eq!(text(&t), "5");
        type_key(&mut t, key(KeyCode::Char('0')));
        assert_eq!(text(&t), "50", "then it is ordinary typing");
    }

    #[test]
    fn backspace_and_arrows_start_editing_the_value() {
        let mut t = new("Sam");
        type_key(&mut t, key(KeyCode::Backspace));
        assert_eq!(text(&t), "Sa");
        let mut t = new("Sam");
        type_key(&mut t, key(KeyCode::Left));
        type_key(&mut t, key(KeyCode::Char('x')));
        assert_eq!(text(&t), "Saxm");
        let mut t = new("Sam");
        type_key(&mut t, key(KeyCode::Home));
        type_key(&mut t, key(KeyCode::Char('>')));
        assert_eq!(text(&t), ">Sam");
    }

    #[test]
    fn an_empty_field_is_just_typed_into() {
        let mut t = new("");
        for c in "Kim".chars() {
            type_key(&mut t, key(KeyCode::Char(c)));
        }
        assert_eq!(text(&t), "Kim");
    }

    #[test]
    fn a_paste_replaces_the_selection_and_keeps_or_joins_its_lines() {
        let mut t = new("old");
        paste(&mut t, "one\r\ntwo\rthree");
        assert_eq!(t.lines(), ["one", "two", "three"]);
        let mut t = new("old");
        paste(&mut t, &one_line("Guest checkout\rGuest users buy\n"));
        assert_eq!(text(&t), "Guest checkout Guest users buy ");
    }
}
