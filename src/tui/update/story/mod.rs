//! The Story view: every field of one story, edited in place. A field is saved when it is left
//! (Tab, Shift-Tab, Esc, a click elsewhere); a mistake keeps the field open and says why. It is
//! browsed (`browse`), moved through (`focus`), a field edited and saved (`edit`), and a change
//! made elsewhere meanwhile asked about (`clash`).

mod browse;
mod clash;
mod edit;
mod focus;

use browse::browsing;
use edit::editing;

pub(super) use super::story_fields::{open, open_key};
pub(super) use browse::rename_epic;
pub(super) use clash::answer_clash;
pub(super) use edit::confirm_new_epic;

use super::Effect;
use super::story_fields::{editor_for, style};
use crate::domain::{Ctx, fields};
use crate::tui::action::{Action, View};
use crate::tui::state::{App, Popup};
use crate::tui::text_field;

pub(super) fn action(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(editor) = app.editor.as_mut() else { return Vec::new() };
    if action != Action::Cancel {
        editor.leaving = false;
    }
    if editor.editing.is_some() { editing(app, action, ctx) } else { browsing(app, action, ctx) }
}

/// After the board was read again. When the open story changed elsewhere, every field shows
/// what is on disk now, except the field being edited, which keeps what was typed; if that
/// field itself changed elsewhere, it shows theirs beside it and saving asks which to keep. A
/// story deleted elsewhere closes the view.
pub fn reload_editor(app: &mut App, changed: bool, removed: &[String]) {
    let Some(e) = app.editor.clone() else { return };
    if removed.contains(&e.key) || app.board().story(&e.key).is_none() {
        app.editor = None;
        if app.view == View::Story {
            app.view = e.back;
        }
        app.error(format!("{} was deleted elsewhere", e.key));
        return;
    }
    if !changed {
        return;
    }
    let Some(mut fresh) = editor_for(app, &e.key, e.back) else { return };
    fresh.focus = e.focus.min(fresh.fields.len().saturating_sub(1));
    fresh.leaving = e.leaving;
    if let Some(mut editing) = e.editing
        && let (Some(slot), Some(typing)) = (fresh.fields.get_mut(fresh.focus), e.fields.get(e.focus))
    {
        let now = text_field::text(&slot.1);
        let typed = text_field::text(&typing.1);
        *slot = typing.clone();
        editing.changed_elsewhere(now, &typed);
        if let Some(theirs) = &editing.theirs {
            app.error(format!(
                "{}: {} was changed elsewhere to {:?} while you edit it; saving asks which to keep",
                e.key,
                slot.0.label(),
                crate::text::truncate(theirs, 40)
            ));
        }
        fresh.editing = Some(editing);
    }
    style(&mut fresh);
    app.editor = Some(fresh);
}

/// After the board was read again: a prompt open on a story's field (points, assignee,
/// blocked) notes a change made elsewhere to that field, shown beside it; confirming asks.
pub fn reload_prompt(app: &mut App) {
    let Some(Popup::Prompt(p)) = app.popup.as_ref() else { return };
    let Some((key, field)) = p.story_field().map(|(k, f)| (k.to_owned(), f)) else { return };
    let Some(now) = app.board().story(&key).map(|s| fields::show(app.board(), s, field)) else { return };
    if let Some(Popup::Prompt(p)) = app.popup.as_mut() {
        let typed = p.text();
        if let Some(editing) = p.edits.as_mut() {
            editing.changed_elsewhere(now, typed.trim());
        }
    }
}
