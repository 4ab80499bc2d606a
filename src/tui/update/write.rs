//! Writing from the lists: a new story, blocked, assignee and points prompts, deleting, the
//! filter, and undo / redo.

use super::moves::selected_or_say;
use super::nav::select_key;
use super::{Effect, record};
use crate::domain::{Changes, Ctx, Edit, NewStory, Op};
use crate::interop::story_form;
use crate::tui::action::{Action, Stack, View};
use crate::tui::choices::{POINT_SCALE, assign_options};
use crate::tui::state::{AfterClash, App, Clash, Popup, Prompt, PromptKind, UndoEntry};

pub(super) fn open_new_story(app: &mut App) {
    let first_column = app.board().file.columns.first().map(|c| c.id.to_string()).unwrap_or_default();
    let (list, status) = match app.view {
        View::Planning => (app.planning_lists().get(app.plan_sel.pane).cloned().flatten(), first_column),
        _ => {
            let Some(active) = app.board().file.active_sprint() else {
                app.info("No sprint is active: add the story in Planning (2)");
                return;
            };
            let column = app.board().file.columns.get(app.board_sel.pane).map_or(first_column, |c| c.id.to_string());
            (Some(active.id.clone()), column)
        }
    };
    app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::NewStory { list, status }, ""))));
}

pub(super) fn open_delete(app: &mut App) {
    if let Some(key) = selected_or_say(app) {
        app.popup = Some(Popup::ConfirmDelete { key });
    }
}

pub(super) fn open_assign(app: &mut App) {
    if let Some(key) = selected_or_say(app) {
        let current = app.board().story(&key).and_then(|s| s.assignee.clone()).unwrap_or_default();
        app.popup =
            Some(Popup::Prompt(Box::new(Prompt::on_field(PromptKind::Assign { key }, &current, current.to_string()))));
    }
}

pub(super) fn open_points(app: &mut App) {
    if let Some(key) = selected_or_say(app) {
        let current = app.board().story(&key).and_then(|s| s.points).map(|p| p.to_string()).unwrap_or_default();
        app.popup =
            Some(Popup::Prompt(Box::new(Prompt::on_field(PromptKind::Points { key }, &current, current.clone()))));
    }
}

pub(super) fn open_jump(app: &mut App) {
    app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::Jump, ""))));
}

/// `:` answered: the story selected where it is (the Board for the active sprint, Planning for
/// the backlog and planned sprints; a closed sprint's story opens in the Story view).
fn jump(app: &mut App, text: &str) -> Result<(), String> {
    let key = match app.board().resolve_key(text) {
        Ok(key) => key,
        // A story whose file cannot be read: its placeholder, where `E` repairs it.
        Err(crate::domain::OpError::Damaged { key, .. }) => {
            app.popup = None;
            if !matches!(app.view, View::Board | View::Planning) {
                app.view = app.last_list;
            }
            app.damaged_focus = app.board().damaged.keys().position(|k| *k == key);
            super::damaged::say(app);
            return Ok(());
        }
        Err(e) => return Err(e.to_string()),
    };
    let Some(story) = app.board().story(&key) else { return Err(format!("no story {key}")) };
    let sprint = story.sprint.as_deref().and_then(|id| app.board().file.sprint(id));
    let state = sprint.map(|s| s.state);
    let list = app.board().list_name(story.sprint.as_deref());
    let column = app.board().file.column(&story.status).map_or(story.status.to_string(), |c| c.name.clone());
    let hidden = !app.shown(story);
    app.popup = None;
    if hidden {
        app.filter.clear();
    }
    let view = match state {
        Some(crate::domain::SprintState::Active) => View::Board,
        Some(crate::domain::SprintState::Closed) => View::Story,
        _ => View::Planning,
    };
    if view == View::Story {
        super::story::open_key(app, &key);
    } else {
        app.view = view;
        select_key(app, &key);
    }
    let cleared = if hidden { " (the filter hid it: cleared)" } else { "" };
    let closed = if view == View::Story { ", a closed sprint" } else { "" };
    app.info(format!("{key} is in {list}{closed} · {column}{cleared}"));
    Ok(())
}

pub(super) fn open_filter(app: &mut App) {
    let current = app.filter.clone();
    app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::Filter, &current))));
}

/// `b`: unflag a blocked story at once; ask for the reason to flag one.
pub(super) fn block(app: &mut App, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(key) = selected_or_say(app) else { return Vec::new() };
    if app.board().story(&key).is_some_and(|s| s.blocked.is_some()) {
        return edit(app, ctx, &key, Edit { blocked: Some(None), ..Edit::default() }, format!("{key} unblocked"));
    }
    app.popup = Some(Popup::Prompt(Box::new(Prompt::on_field(PromptKind::Blocked { key }, "", String::new()))));
    Vec::new()
}

/// Applies field edits to a story, undoably. After a conflicting save the runtime makes the
/// same edit again on the fresh story unless the other side changed the same fields.
pub(super) fn edit(app: &mut App, ctx: &mut Ctx, key: &str, e: Edit, label: String) -> Vec<Effect> {
    edit_over(app, ctx, key, e, label, None)
}

/// [`edit`], saved over a value of `field` set elsewhere meanwhile (`Some((field, theirs))`),
/// after asking: the history keeps theirs.
fn edit_over(
    app: &mut App,
    ctx: &mut Ctx,
    key: &str,
    e: Edit,
    label: String,
    overwrote: Option<(&str, &str)>,
) -> Vec<Effect> {
    let before = app.board().story(key).cloned().map(Box::new);
    let op = Op::Edit { key: key.to_owned(), edit: Box::new(e.clone()), before };
    let edited = app.apply(|b| -> Result<Changes, crate::domain::OpError> {
        let mut changes = b.edit_story(key, e, ctx)?;
        if let Some((field, theirs)) = overwrote
            && !changes.is_empty()
        {
            changes.merge(b.record_overwrite(key, field, theirs, ctx)?);
        }
        Ok(changes)
    });
    match edited {
        Ok(changes) if changes.is_empty() => {
            app.info(format!("{key}: nothing changed"));
            Vec::new()
        }
        Ok(changes) => record(app, label, changes, Some(op)),
        Err(err) => {
            app.error(err.to_string());
            Vec::new()
        }
    }
}

/// `E`: the selected story as a form, for `$EDITOR`.
pub(super) fn open_editor(app: &mut App) -> Vec<Effect> {
    let Some(key) = selected_or_say(app) else { return Vec::new() };
    let Some(story) = app.board().story(&key) else { return Vec::new() };
    let text = story_form::render(app.board(), story);
    vec![Effect::OpenEditor { key, text }]
}

/// `$EDITOR` ended: apply what was written, open it again with the mistake on top when it does
/// not parse (everything typed is still there), or say why nothing changed.
pub(super) fn editor_returned(app: &mut App, ctx: &mut Ctx, key: String, text: Result<String, String>) -> Vec<Effect> {
    let text = match text {
        Ok(t) => t,
        Err(message) => {
            app.error(message);
            return Vec::new();
        }
    };
    if app.board().story(&key).is_none() {
        app.error(format!("{key} was deleted elsewhere while it was in the editor; nothing was saved"));
        return Vec::new();
    }
    match story_form::parse(app.board(), &text) {
        Ok(Some(e)) => edit(app, ctx, &key, e, format!("{key} saved from the editor")),
        Ok(None) => {
            app.info(format!("{key}: editing cancelled, nothing changed"));
            Vec::new()
        }
        Err(e) => vec![Effect::OpenEditor { text: story_form::with_error(&text, &e), key }],
    }
}

pub(super) fn prompt(app: &mut App, action: Action, ctx: &mut Ctx, mut p: Prompt) -> Vec<Effect> {
    match action {
        Action::Cancel => {
            app.popup = None;
            if p.kind == PromptKind::Filter {
                app.filter.clear();
                app.info("Filter cleared");
            }
            return Vec::new();
        }
        Action::Quit => return vec![Effect::Quit],
        Action::Confirm => return confirm_prompt(app, ctx, p),
        Action::Type(key) => {
            crate::tui::text_field::type_key(&mut p.input, key);
            p.selected = None;
            if p.kind == PromptKind::Filter {
                app.filter = p.text().trim().to_owned();
            }
        }
        Action::Paste(text) => {
            // One line: line breaks become spaces.
            crate::tui::text_field::paste(&mut p.input, &crate::tui::text_field::one_line(&text));
            p.selected = None;
            if p.kind == PromptKind::Filter {
                app.filter = p.text().trim().to_owned();
            }
        }
        Action::Up | Action::Down => {
            let down = action == Action::Down;
            match &p.kind {
                PromptKind::Assign { .. } => {
                    let n = assign_options(app.board(), &app.user, &p.text()).len();
                    p.selected = Some(match (p.selected, down) {
                        (None, _) => 0,
                        (Some(i), true) => (i + 1).min(n.saturating_sub(1)),
                        (Some(i), false) => i.saturating_sub(1),
                    });
                }
                PromptKind::Points { .. } => {
                    let current: Option<u32> = p.text().trim().parse().ok();
                    let i = current.and_then(|c| POINT_SCALE.iter().position(|s| *s >= c));
                    let next = match (i, down) {
                        (None, _) => 3,
                        (Some(i), true) => (i + 1).min(POINT_SCALE.len() - 1),
                        (Some(i), false) => i.saturating_sub(1),
                    };
                    p = Prompt::new(p.kind.clone(), &POINT_SCALE[next].to_string());
                }
                _ => {}
            }
        }
        _ => {}
    }
    app.popup = Some(Popup::Prompt(Box::new(p)));
    Vec::new()
}

/// The answer to a clash on a prompt: mine set over theirs (the history keeps theirs), or theirs
/// kept (the status line says what mine was); `Esc` goes back to the prompt.
pub(super) fn answer_clash(app: &mut App, ctx: &mut Ctx, action: Action, clash: Clash, mut p: Prompt) -> Vec<Effect> {
    match action {
        Action::KeepMine => {
            app.popup = None;
            if let Some(editing) = p.edits.as_mut() {
                editing.theirs = None;
            }
            confirm_over(app, ctx, p, Some(&clash.theirs))
        }
        Action::TakeTheirs => {
            app.popup = None;
            app.info(clash.theirs_taken());
            Vec::new()
        }
        Action::Cancel => {
            app.popup = Some(Popup::Prompt(Box::new(p)));
            Vec::new()
        }
        Action::Quit => vec![Effect::Quit],
        _ => {
            app.popup = Some(Popup::Clash(Box::new(clash)));
            Vec::new()
        }
    }
}

fn confirm_prompt(app: &mut App, ctx: &mut Ctx, p: Prompt) -> Vec<Effect> {
    // The field was changed elsewhere since the prompt opened, to something else than typed.
    if let Some((key, field)) = p.story_field()
        && let Some(theirs) = p.edits.as_ref().and_then(|e| e.theirs.clone())
        && theirs != p.text().trim()
    {
        let clash = Clash {
            key: key.to_owned(),
            field: field.spec().label,
            mine: p.text().trim().to_owned(),
            theirs,
            then: AfterClash::Prompt(Box::new(p.clone())),
        };
        app.popup = Some(Popup::Clash(Box::new(clash)));
        return Vec::new();
    }
    confirm_over(app, ctx, p, None)
}

/// A prompt answered; `overwrote`: the value set elsewhere that it replaces, after asking.
fn confirm_over(app: &mut App, ctx: &mut Ctx, p: Prompt, overwrote: Option<&str>) -> Vec<Effect> {
    let field = p.story_field().map(|(_, f)| f.spec().name);
    let over = field.zip(overwrote);
    let text = p.text().trim().to_owned();
    // A prompt stays open on a mistake, with what was typed, so nothing is lost.
    let keep = |app: &mut App, p: Prompt, message: String| {
        app.error(message);
        app.popup = Some(Popup::Prompt(Box::new(p)));
        Vec::new()
    };
    match p.kind.clone() {
        PromptKind::Filter => {
            app.popup = None;
            app.filter = text;
            if !app.filter.is_empty() {
                app.info(format!("Filter: {} (Esc clears it)", app.filter));
            }
            Vec::new()
        }
        PromptKind::NewStory { list, status } => {
            if text.is_empty() {
                return keep(app, p, "A story needs a title (Esc cancels)".into());
            }
            let new = NewStory { title: text, sprint: list.clone(), status: Some(status), ..NewStory::default() };
            match app.board_mut().add_story(new, ctx) {
                Ok((key, changes)) => {
                    app.popup = None;
                    select_key(app, &key);
                    let where_ = app.board().list_name(list.as_deref());
                    let hidden = app.board().story(&key).is_some_and(|s| !app.shown(s));
                    let note = if hidden { " (hidden by the filter: Esc clears it)" } else { "" };
                    record(app, format!("{key} created in {where_}{note}"), changes, None)
                }
                Err(e) => keep(app, p, e.to_string()),
            }
        }
        PromptKind::Blocked { key } => {
            if text.is_empty() {
                return keep(app, p, "Say why it is blocked (Esc cancels)".into());
            }
            app.popup = None;
            edit_over(
                app,
                ctx,
                &key,
                Edit { blocked: Some(Some(text.clone())), ..Edit::default() },
                format!("{key} blocked: {text}"),
                over,
            )
        }
        PromptKind::Points { key } => {
            let points = match crate::domain::fields::points(&text) {
                Ok(points) => points,
                Err(e) => return keep(app, p, e),
            };
            app.popup = None;
            let label = points.map_or_else(
                || format!("{key}: points cleared"),
                |n| format!("{key}: {}", crate::text::count(n as usize, "point", "points")),
            );
            edit_over(app, ctx, &key, Edit { points: Some(points), ..Edit::default() }, label, over)
        }
        PromptKind::MoveBefore { key } => match super::moves::move_before(app, ctx, &key, &text) {
            Ok(effects) => effects,
            Err(e) => keep(app, p, e),
        },
        PromptKind::Jump => match jump(app, &text) {
            Ok(()) => Vec::new(),
            Err(e) => keep(app, p, e),
        },
        PromptKind::NewSprint => match super::sprints::create(app, &text) {
            Ok(effects) => effects,
            Err(e) => keep(app, p, e),
        },
        PromptKind::RenameEpic { id } => match super::story::rename_epic(app, &id, &text) {
            Ok(effects) => effects,
            Err(e) => keep(app, p, e),
        },
        PromptKind::SprintField { id, field } => match super::sprints::set_field(app, &id, field, &text) {
            Ok(effects) => effects,
            Err(e) => keep(app, p, e),
        },
        PromptKind::Assign { key } => {
            let who = match p.selected {
                Some(i) => assign_options(app.board(), &app.user, &text).get(i).cloned().flatten(),
                None if text.is_empty() => None,
                None => Some(text),
            };
            app.popup = None;
            let label = who.as_ref().map_or_else(|| format!("{key} unassigned"), |w| format!("{key} → @{w}"));
            edit_over(app, ctx, &key, Edit { assignee: Some(who), ..Edit::default() }, label, over)
        }
    }
}

pub(super) fn confirm_delete(app: &mut App, action: Action, key: &str) -> Vec<Effect> {
    if matches!(action, Action::Scroll { .. } | Action::Paste(_)) {
        return Vec::new();
    }
    app.popup = None;
    match action {
        Action::Confirm => match app.apply(|b| b.delete_story(key)) {
            Ok(changes) => {
                let effects = record(app, format!("{key} deleted"), changes, None);
                app.info(format!("{key} deleted: u undoes it"));
                effects
            }
            Err(e) => {
                app.error(e.to_string());
                Vec::new()
            }
        },
        Action::Quit => vec![Effect::Quit],
        _ => {
            app.info("Not deleted");
            Vec::new()
        }
    }
}

/// Puts back what the entry's change replaced; returns the entry for the other stack. `stack`:
/// the stack that entry goes on.
fn restore(app: &mut App, entry: UndoEntry, stack: Stack) -> (UndoEntry, Vec<Effect>) {
    let key = entry.changes.prior.keys().next().cloned().unwrap_or_default();
    let Ok(inverse) = app.apply(|b| {
        Ok::<_, std::convert::Infallible>(b.restore(&entry.changes.prior, entry.changes.prior_board.as_ref()))
    });
    if app.board().story(&key).is_some() {
        select_key(app, &key);
    }
    // An undo is never made again over a change made elsewhere: it would put back an old version.
    let effects = vec![Effect::Save { changes: Box::new(inverse.clone()), op: None, stack }];
    (UndoEntry::new(entry.label, inverse), effects)
}

/// Takes the next entry off `stack`; one dropped because its stories were changed elsewhere is
/// taken off too, and said instead of being undone.
fn next_entry(app: &mut App, undo: bool) -> Result<UndoEntry, String> {
    let stack = if undo { &mut app.undo } else { &mut app.redo };
    match stack.pop() {
        None => Err(if undo { "Nothing to undo" } else { "Nothing to redo" }.to_owned()),
        Some(UndoEntry { stale: Some(why), .. }) => {
            let left = stack.len();
            let more = if left > 0 {
                format!(" ({left} more to {})", if undo { "undo" } else { "redo" })
            } else {
                String::new()
            };
            Err(format!("{why}{more}"))
        }
        Some(entry) => Ok(entry),
    }
}

/// `u` (`undo`) or `Ctrl-r`: puts back the last entry's change and moves the entry to the
/// other stack.
pub(super) fn undo_or_redo(app: &mut App, undo: bool) -> Vec<Effect> {
    let entry = match next_entry(app, undo) {
        Ok(e) => e,
        Err(message) => {
            app.info(message);
            return Vec::new();
        }
    };
    let (back, effects) = restore(app, entry, if undo { Stack::Redo } else { Stack::Undo });
    app.info(format!("{}: {}", if undo { "Undone" } else { "Redone" }, back.label));
    if undo {
        app.redo.push(back)
    } else {
        app.undo.push(back)
    }
    effects
}
