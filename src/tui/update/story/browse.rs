//! Browsing the Story view: keys move between the fields and start editing one; `Esc` leaves.

use super::edit::finish;
use super::reload_editor;
use crate::domain::Ctx;
use crate::domain::fields;
use crate::tui::action::{Action, View};
use crate::tui::layout;
use crate::tui::state::{App, Editing, Field, FieldStep, Popup, StoryEditor};
use crate::tui::text_field;
use crate::tui::update::nav::select_key;
use crate::tui::update::story_fields::{style, value};
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

pub(super) fn click(app: &mut App, ctx: &mut Ctx, column: u16, row: u16) -> Vec<Effect> {
    let pos = ratatui::layout::Position::new(column, row);
    let screen = app.screen();
    if screen.tabs.contains(pos) {
        let editing = app.editor.as_ref().is_some_and(|e| e.editing.is_some());
        let effects = if editing { finish(app, ctx, FieldStep::Stop) } else { Vec::new() };
        if app.popup.is_none()
            && let Some(view) = layout::tab_at(screen.tabs, app.view, pos)
        {
            if view == View::Story {
                crate::tui::update::story_fields::open(app);
            } else {
                app.view = view;
            }
        }
        return effects;
    }
    let places = layout::story(screen.body);
    let Some(e) = app.editor.as_ref() else { return Vec::new() };
    let hit = |f: &Field| {
        let (label, input) = f.places(&places);
        label.contains(pos) || input.contains(pos)
    };
    let Some(target) = e.fields.iter().position(|(f, _)| hit(f)) else { return Vec::new() };
    // A click on a field edits it: the pointer says which, no view key is involved.
    let by = target as isize - e.focus as isize;
    if e.editing.is_some() {
        return if by == 0 { Vec::new() } else { finish(app, ctx, FieldStep::Focus(by)) };
    }
    focus_by(app, by);
    start_editing(app);
    Vec::new()
}

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
