//! Moving among the Story view's fields and starting to edit one: asked while browsing and
//! after a field is saved.

use crate::domain::fields;
use crate::tui::state::{App, Editing, Field};
use crate::tui::text_field;
use crate::tui::update::story_fields::{style, value};

/// Browsing: the focus `by` fields on.
pub(super) fn focus_by(app: &mut App, by: isize) {
    if let Some(e) = app.editor.as_mut() {
        let n = e.fields.len() as isize;
        e.focus = (e.focus as isize + by).rem_euclid(n) as usize;
        style(e);
    }
}

/// `Enter` or `e`: the focused field edited, its value selected (typing replaces it).
pub(super) fn start_editing(app: &mut App) {
    let Some(story) = app.editor.as_ref().and_then(|e| app.board().story(&e.key)).cloned() else { return };
    let focused = app.editor.as_ref().and_then(|e| e.fields.get(e.focus)).map(|(f, _)| *f);
    let stored = focused.map(|f| value(app, &story, f));
    if let Some(e) = app.editor.as_mut()
        && let Some((_, t)) = e.fields.get_mut(e.focus)
    {
        let typed = text_field::text(t);
        // A RICE or WSJF input typed before (not saved until all four are filled) is kept.
        e.editing = Some(Editing::of(stored.unwrap_or_default()));
        if !typed.is_empty() {
            t.select_all();
        }
        style(e);
    }
    if focused == Some(Field::Whole(fields::Field::Epic)) {
        // What can be typed: an epic's name, a new name (which asks to create it), nothing.
        let names: Vec<&str> = app.board().file.epics.iter().map(|e| e.name.as_str()).collect();
        let epics = if names.is_empty() { "no epics yet".to_owned() } else { format!("epics: {}", names.join(", ")) };
        app.info(format!("Epic: ↑ ↓ pick one; a name that is not an epic creates it; empty for none ({epics})"));
    }
}
