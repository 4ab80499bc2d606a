//! Opening the Story view: the story's fields, each in its text area, filled from the story.
//! The list views (a click on the tab) and the Story view itself open it from here.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use crate::domain::{Story, fields};
use crate::tui::action::View;
use crate::tui::state::{App, Field, StoryEditor};
use crate::tui::text_field;

/// A field's text as the story holds it.
pub(super) fn value(app: &App, s: &Story, field: Field) -> String {
    match field {
        Field::Whole(f) => fields::show(app.board(), s, f),
        Field::Part(f, i) => {
            fields::parts_of(s, f).and_then(|n| n.get(i).copied()).map(crate::text::exact_number).unwrap_or_default()
        }
        Field::Comment => String::new(),
    }
}

/// A field's text area: its value selected (typing replaces it), the cursor at its end; empty,
/// it says what it takes.
pub(super) fn text_area(field: Field, text: &str) -> TextArea<'static> {
    let mut t = text_field::new(text);
    t.set_placeholder_text(field.placeholder());
    if field.multiline() {
        // The description and acceptance criteria wrap at word boundaries while typed, as
        // they do when read (a long word is broken rather than scrolled sideways).
        t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    }
    t
}

/// Shows the cursor and the selection in the focused field only.
pub(super) fn style(editor: &mut StoryEditor) {
    for (i, (_, t)) in editor.fields.iter_mut().enumerate() {
        let shown = if i == editor.focus { Style::new().add_modifier(Modifier::REVERSED) } else { Style::new() };
        t.set_cursor_style(shown);
        t.set_selection_style(shown);
    }
}

pub(super) fn editor_for(app: &App, key: &str, back: View) -> Option<StoryEditor> {
    let s = app.board().story(key)?;
    let fields = Field::all().into_iter().map(|f| (f, text_area(f, &value(app, s, f)))).collect();
    let mut e = StoryEditor { key: key.to_owned(), fields, focus: 0, editing: None, back, leaving: false };
    style(&mut e);
    Some(e)
}

/// `e` or `3`: the selected story in the Story view (or the last one shown there), browsed.
pub(super) fn open(app: &mut App) {
    let from = app.view;
    let list_view = matches!(from, View::Board | View::Planning);
    let key = if list_view { app.selected_key() } else { None };
    let back = if list_view { from } else { app.editor.as_ref().map_or(app.last_list, |e| e.back) };
    // From a report view: the story open before, else the one selected in the list view left.
    let key = key
        .or_else(|| app.editor.as_ref().map(|e| e.key.clone()))
        .or_else(|| if list_view { None } else { app.selected_in(app.last_list) });
    app.editor = key.and_then(|k| editor_for(app, &k, back));
    app.view = View::Story;
}

/// The Story view on `key`, going back to the list view last shown.
pub(super) fn open_key(app: &mut App, key: &str) {
    let back = app.last_list;
    app.editor = editor_for(app, key, back);
    app.view = View::Story;
}
