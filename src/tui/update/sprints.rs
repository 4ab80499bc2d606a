//! Planning a sprint from the keyboard: `N` new, `S` start, `C` close (asks), `R` edit its
//! fields one prompt after another. Each is one undoable change, saved at once.

use super::{Effect, record};
use crate::domain::{Ctx, OpError, SprintEdit};
use crate::text::count;
use crate::tui::action::{Action, View};
use crate::tui::state::{App, Popup, Prompt, PromptKind, SprintField};

/// The sprint of the focused Planning pane (none on the backlog or elsewhere).
fn focused_sprint(app: &mut App) -> Option<String> {
    let id = match app.view {
        View::Planning => app.planning_lists().get(app.plan_sel.pane).cloned().flatten(),
        _ => app.board().file.active_sprint().map(|s| s.id.clone()),
    };
    if id.is_none() {
        app.info("The backlog is not a sprint: Tab to a sprint's pane first");
    }
    id.map(|s| s.to_string())
}

/// Says a refused operation, or records the change.
fn done(app: &mut App, result: Result<(String, crate::domain::Changes), OpError>) -> Vec<Effect> {
    match result {
        Ok((label, changes)) => record(app, label, changes, None),
        Err(e) => {
            app.error(e.to_string());
            Vec::new()
        }
    }
}

pub(super) fn open_new(app: &mut App) {
    let suggested = app.board().next_sprint(app.today, app.velocity()).name;
    app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::NewSprint, &suggested))));
}

/// The name typed for `N`: the sprint is planned after the others, with the default dates and
/// capacity (`R` changes them).
pub(super) fn create(app: &mut App, name: &str) -> Result<Vec<Effect>, String> {
    let mut new = app.board().next_sprint(app.today, app.velocity());
    new.name = name.to_owned();
    let (id, changes) = app.board_mut().new_sprint(new.clone()).map_err(|e| e.to_string())?;
    app.popup = None;
    if let Some(pane) = app.planning_lists().iter().position(|l| l.as_deref() == Some(id.as_str())) {
        app.plan_sel.pane = pane;
    }
    let dates = match (new.start, new.end) {
        (Some(s), Some(e)) => format!(" {s} – {e}"),
        _ => String::new(),
    };
    let capacity = new.capacity.map(|c| format!(", capacity {c}")).unwrap_or_default();
    Ok(record(app, format!("{} planned:{dates}{capacity} (R edits)", new.name), changes, None))
}

pub(super) fn start(app: &mut App, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(id) = focused_sprint(app) else { return Vec::new() };
    let result = app.apply(|b| b.start_sprint(&id, ctx)).map(|c| {
        let name = app.board().list_name(Some(&id));
        (format!("{name} started: it is the Board now"), c)
    });
    done(app, result)
}

pub(super) fn open_close(app: &mut App) {
    match app.board().file.active_sprint() {
        Some(s) => app.popup = Some(Popup::ConfirmClose { id: s.id.to_string() }),
        None => app.info("No sprint is active: S starts the focused one"),
    }
}

pub(super) fn confirm_close(app: &mut App, action: Action, ctx: &mut Ctx, id: &str) -> Vec<Effect> {
    if matches!(action, Action::Scroll { .. } | Action::Paste(_)) {
        return Vec::new();
    }
    app.popup = None;
    match action {
        Action::Confirm => {
            let name = app.board().list_name(Some(id));
            let mut carried_to = None;
            let result = app.apply(|b| {
                b.close_sprint(id, ctx).map(|(to, c)| {
                    carried_to = Some(to);
                    c
                })
            });
            let result = result.map(|c| {
                let to = app.board().list_name(carried_to.flatten().as_deref());
                let moved = c.stories.len();
                (format!("{name} closed; {} moved to {to}", count(moved, "unfinished story", "unfinished stories")), c)
            });
            done(app, result)
        }
        Action::Quit => vec![Effect::Quit],
        _ => {
            app.info("Not closed");
            Vec::new()
        }
    }
}

pub(super) fn open_edit(app: &mut App) {
    let Some(id) = focused_sprint(app) else { return };
    ask(app, id, SprintField::Name);
}

fn ask(app: &mut App, id: String, field: SprintField) {
    let value = app.board().file.sprint(&id).map(|s| field.value(s)).unwrap_or_default();
    app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::SprintField { id, field }, &value))));
}

/// One field of `R` typed: saved (when it changed), then the next field is asked for.
pub(super) fn set_field(app: &mut App, id: &str, field: SprintField, text: &str) -> Result<Vec<Effect>, String> {
    let date = |t: &str| -> Result<Option<jiff::civil::Date>, String> {
        if t.is_empty() {
            return Ok(None);
        }
        t.parse().map(Some).map_err(|_| format!("{t:?} is not a date: YYYY-MM-DD (empty: none)"))
    };
    let edit = match field {
        SprintField::Name => SprintEdit { name: Some(text.to_owned()), ..SprintEdit::default() },
        SprintField::Goal => SprintEdit { goal: Some(text.to_owned()), ..SprintEdit::default() },
        SprintField::Start => SprintEdit { start: Some(date(text)?), ..SprintEdit::default() },
        SprintField::End => SprintEdit { end: Some(date(text)?), ..SprintEdit::default() },
        SprintField::Capacity => {
            SprintEdit { capacity: Some(crate::domain::fields::limit(text)?), ..SprintEdit::default() }
        }
    };
    let changes = app.apply(|b| b.edit_sprint(id, edit)).map_err(|e| e.to_string())?;
    let name = app.board().list_name(Some(id));
    match field.next() {
        Some(next) => ask(app, id.to_owned(), next),
        None => app.popup = None,
    }
    let label = format!("{name}: {} set", field.label().split(' ').next().unwrap_or(""));
    let effects = record(app, label, changes, None);
    if app.popup.is_some() && effects.is_empty() {
        app.info(format!("{name}: Enter keeps each value, Esc stops"));
    }
    Ok(effects)
}
