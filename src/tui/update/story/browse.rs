//! Browsing the Story view: keys move between the fields and start editing one; `Esc` leaves.

use super::edit::click;
use super::focus::{focus_by, start_editing};
use super::reload_editor;
use crate::domain::Ctx;
use crate::domain::fields;
use crate::tui::action::{Action, View};
use crate::tui::state::{App, Field, Popup, StoryEditor};
use crate::tui::text_field;
use crate::tui::update::nav::select_key;
use crate::tui::update::{Effect, record};

/// Browsing the fields: keys move between them and start editing one; the view keys, `:`, `?`,
/// `q` and `E` do what they do everywhere. Nothing typed here reaches a field.
pub(super) fn browsing(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    match action {
        Action::NextField => focus_by(app, 1),
        Action::PrevField => focus_by(app, -1),
        Action::Edit => start_editing(app),
        Action::RenameEpic => open_rename_epic(app),
        Action::Cancel => return leave(app),
        Action::Click { column, row } => return click(app, ctx, column, row),
        Action::Show(View::Story) | Action::Scroll { .. } => {}
        Action::Type(_) | Action::Paste(_) => {
            let how = app.keymap.hint(app.context(), &Action::Edit, "edits the field").unwrap_or_default();
            app.info(format!("Nothing is typed into a field until it is edited: {how}"));
        }
        action @ (Action::Quit
        | Action::Help
        | Action::Messages
        | Action::Show(_)
        | Action::Jump
        | Action::RemoteSync
        | Action::EditInEditor) => {
            return crate::tui::update::view_action(app, action, ctx);
        }
        action @ (Action::Undo | Action::Redo) => {
            let effects = crate::tui::update::view_action(app, action, ctx);
            // The fields show the story as the undo left it.
            reload_editor(app, true, &[]);
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

/// `R` in the Story view: a prompt for a new name of the story's epic.
pub(super) fn open_rename_epic(app: &mut App) {
    let Some(e) = app.editor.as_ref() else { return };
    let epic = app.board().story(&e.key).and_then(|s| s.epic.as_deref()).and_then(|id| app.board().file.epic(id));
    match epic {
        Some(epic) => {
            let kind = crate::tui::state::PromptKind::RenameEpic { id: epic.id.to_string() };
            app.popup = Some(Popup::Prompt(Box::new(crate::tui::state::Prompt::new(kind, &epic.name))));
        }
        None => {
            let key = e.key.clone();
            let how = app.keymap.hint(app.context(), &Action::Edit, "on Epic").unwrap_or_default();
            app.info(format!("{key} has no epic to rename: {how} picks one or creates one"));
        }
    }
}

/// `Esc` while browsing: back to the list.
pub(super) fn leave(app: &mut App) -> Vec<Effect> {
    // RICE or WSJF inputs partly filled in are not thrown away by one Esc: the view stays, and
    // says how to keep them; a second Esc leaves without them.
    if let Some(e) = app.editor.as_mut()
        && !e.leaving
        && let Some(scores) = partial_scores(e)
    {
        e.leaving = true;
        app.info(format!(
            "{scores} is not complete: fill in its other inputs (Enter edits), or Esc again to leave without them"
        ));
        return Vec::new();
    }
    if let Some(e) = app.editor.take() {
        app.view = e.back;
        select_key(app, &e.key);
    }
    Vec::new()
}

/// The label of a field taken as several inputs (RICE, WSJF) when some of its inputs are
/// filled in and some are empty.
pub(super) fn partial_scores(e: &StoryEditor) -> Option<&'static str> {
    let filled = |f: fields::Field, i: usize| {
        e.fields
            .iter()
            .find(|(g, _)| *g == Field::Part(f, i))
            .is_some_and(|(_, t)| !text_field::text(t).trim().is_empty())
    };
    fields::FIELDS.iter().filter(|s| !s.parts.is_empty()).find_map(|s| {
        let n = (0..s.parts.len()).filter(|i| filled(s.field, *i)).count();
        (1..s.parts.len()).contains(&n).then_some(s.label)
    })
}

/// The name typed for `R`: the epic renamed, and the Story view shows it.
pub(in crate::tui::update) fn rename_epic(app: &mut App, id: &str, name: &str) -> Result<Vec<Effect>, String> {
    let old = app.board().file.epic(id).map(|e| e.name.clone()).unwrap_or_else(|| id.to_owned());
    let changes = app.apply(|b| b.rename_epic(id, name)).map_err(|e| format!("Epic: {e}"))?;
    app.popup = None;
    let effects = record(app, format!("Epic {old:?} renamed {:?}", name.trim()), changes, None);
    reload_editor(app, true, &[]);
    Ok(effects)
}
