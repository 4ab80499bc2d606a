//! The only place the TUI's state changes: `update(state, action)` returns the effects the event
//! loop must carry out (save files, open the editor, quit). Pure, so tests run it without a
//! terminal or a disk.

mod damaged;
mod moves;
mod nav;
mod outcome;
mod remote;
mod sprints;
mod story;
mod story_fields;
mod write;

pub use damaged::damaged_notice;
pub use nav::select_key;

use ratatui::layout::Rect;

use super::action::{Action, Stack, View};
use super::scroll::{message_rows, report_max_scroll};
use super::state::{AfterClash, App, Popup, UndoEntry};
use crate::domain::{Changes, Ctx, Op};

/// How many changes `u` can undo.
const UNDO_DEPTH: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write what changed. When another process changed one of those files, the runtime reads
    /// the board again and makes `op` (the change as asked for) again on the fresh copy; with no
    /// `op` the change is not re-applied and the conflict is reported. `stack`: where the
    /// change's undo entry is, so that a change that did not reach the disk can be taken off.
    Save {
        changes: Box<Changes>,
        op: Option<Box<Op>>,
        stack: Stack,
    },
    /// Hand the terminal to `$VISUAL` / `$EDITOR` on this text (a story's form); the runtime
    /// answers with [`crate::tui::action::Outcome::EditorReturned`].
    OpenEditor {
        key: String,
        text: String,
    },
    /// Hand the terminal to `$VISUAL` / `$EDITOR` on the text of the story file `key`, which
    /// cannot be read, and write it back once it parses; the runtime answers with
    /// [`crate::tui::action::Outcome::Repaired`].
    Repair {
        key: String,
    },
    /// Sync the board with the remote `repo` (`OWNER/REPO`) on a thread of its own; the
    /// runtime answers with [`crate::tui::action::Outcome::RemoteSynced`] when it ends.
    RemoteSync {
        repo: String,
    },
    Quit,
}

pub fn update(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    app.today = ctx.now.to_zoned_datetime(app.tz.clone()).date();
    if matches!(app.view, View::Board | View::Planning) {
        app.last_list = app.view;
    }
    let effects = match action {
        // The Standup timer: whatever is open, a second passing changes nothing else.
        Action::Tick => {
            app.standup.seconds += 1;
            return Vec::new();
        }
        Action::Resized { width, height } => {
            app.area = Rect::new(0, 0, width, height);
            // The report view shows as much as fits (the lists are clamped below).
            let body = app.screen().body;
            let last = report_max_scroll(app, app.view, body).unwrap_or(app.report_scroll);
            app.report_scroll = app.report_scroll.min(last);
            Vec::new()
        }
        Action::Done(outcome) => outcome::handle(app, *outcome, ctx),
        action => match app.popup.clone() {
            Some(Popup::Help { scroll }) => {
                let lines = app.keymap.help(app.view_context()).len() as u16;
                scroll_popup(action, app, scroll, lines, |scroll| Popup::Help { scroll })
            }
            Some(Popup::Messages { scroll }) => {
                let lines = message_rows(app, app.area).len() as u16;
                scroll_popup(action, app, scroll, lines, |scroll| Popup::Messages { scroll })
            }
            Some(Popup::Picker { key, options, selected }) => moves::picker(app, action, ctx, key, options, selected),
            Some(Popup::Sort { list, selected }) => moves::sort_popup(app, action, list, selected),
            Some(Popup::Prompt(prompt)) => write::prompt(app, action, ctx, *prompt),
            Some(Popup::ConfirmDelete { key }) => write::confirm_delete(app, action, &key),
            Some(Popup::ConfirmClose { id }) => sprints::confirm_close(app, action, ctx, &id),
            Some(Popup::ConfirmNewEpic { key, name, step }) => {
                story::confirm_new_epic(app, action, ctx, &key, &name, step)
            }
            Some(Popup::Clash(clash)) => match clash.then.clone() {
                AfterClash::Field(step) => story::answer_clash(app, ctx, action, *clash, step),
                AfterClash::Prompt(prompt) => write::answer_clash(app, ctx, action, *clash, *prompt),
            },
            None if app.view == View::Story && app.editor.is_some() => story::action(app, action, ctx),
            None => view_action(app, action, ctx),
        },
    };
    nav::clamp(app);
    effects
}

/// Keeps a change for `u`, says what happened, and asks for it to be saved. `op`: the change as
/// asked for, to be made again over a change made elsewhere (none: never re-applied).
fn record(app: &mut App, label: String, changes: Changes, op: Option<Op>) -> Vec<Effect> {
    if changes.is_empty() {
        return Vec::new();
    }
    app.undo.push(UndoEntry::new(label.clone(), changes.clone()));
    if app.undo.len() > UNDO_DEPTH {
        app.undo.remove(0);
    }
    app.redo.clear();
    app.info(label);
    vec![Effect::Save { changes: Box::new(changes), op: op.map(Box::new), stack: Stack::Undo }]
}

/// A box of `lines` lines to read (the help, the last messages): the keys scroll it, any other
/// closes it.
fn scroll_popup(action: Action, app: &mut App, scroll: u16, lines: u16, popup: fn(u16) -> Popup) -> Vec<Effect> {
    // As the box is drawn: centred on the screen, framed.
    let shown = lines.min(app.area.height.saturating_sub(2)).max(1);
    let last = lines.saturating_sub(shown);
    let page = shown;
    let scroll = scroll.min(last);
    match action {
        Action::Up => app.popup = Some(popup(scroll.saturating_sub(1))),
        Action::Down => app.popup = Some(popup((scroll + 1).min(last))),
        Action::PageUp => app.popup = Some(popup(scroll.saturating_sub(page))),
        Action::PageDown => app.popup = Some(popup(scroll.saturating_add(page).min(last))),
        Action::First => app.popup = Some(popup(0)),
        Action::Last => app.popup = Some(popup(last)),
        Action::Quit => return vec![Effect::Quit],
        Action::Scroll { .. } | Action::Paste(_) => {}
        _ => app.popup = None,
    }
    Vec::new()
}

pub(super) fn view_action(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    let lists = matches!(app.view, View::Board | View::Planning);
    if lists && let Some(effects) = damaged::action(app, &action) {
        return effects;
    }
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::Messages if app.messages.is_empty() => app.info("No messages yet"),
        Action::Messages => app.popup = Some(Popup::Messages { scroll: 0 }),
        Action::Show(View::Story) => story::open(app),
        // A view switch keeps the status line: the last confirmation stays until the next one.
        Action::Show(View::Standup) => {
            app.view = View::Standup;
            app.report_scroll = 0;
            app.standup = crate::tui::state::Standup {
                person: 0,
                seconds: 0,
                since: Some(crate::tui::state::last_standup(ctx.now, app.today)),
            };
        }
        Action::Right | Action::NextPane if app.view == View::Standup => {
            app.standup.person += 1;
            app.standup.seconds = 0;
            app.report_scroll = 0;
        }
        Action::Left | Action::PrevPane if app.view == View::Standup => {
            app.standup.person = app.standup.person.saturating_sub(1);
            app.standup.seconds = 0;
            app.report_scroll = 0;
        }
        Action::Show(v) => {
            app.view = v;
            app.report_scroll = 0;
        }
        Action::SprintEarlier | Action::SprintLater if app.view == View::Metrics => {
            // The sprints that have a burndown: started ones (active or closed).
            let started: Vec<crate::domain::ShortText> = app
                .board()
                .file
                .sprints
                .iter()
                .filter(|s| s.state != crate::domain::SprintState::Planned)
                .map(|s| s.id.clone())
                .collect();
            let at = app.metrics_sprint().and_then(|s| started.iter().position(|id| *id == s.id));
            let next = match (at, action == Action::SprintLater) {
                (Some(i), true) => started.get(i + 1),
                (Some(i), false) => i.checked_sub(1).and_then(|i| started.get(i)),
                (None, _) => started.last(),
            };
            match next {
                Some(id) => app.metrics_sprint = Some(id.to_string()),
                None => app.info(if action == Action::SprintLater {
                    "No later sprint has started"
                } else {
                    "No earlier sprint"
                }),
            }
        }
        Action::SprintEarlier | Action::SprintLater => {}
        // The report views scroll (each draws no further than its end).
        Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::First | Action::Last
            if matches!(app.view, View::Metrics | View::Roadmap | View::Standup) =>
        {
            let body = app.screen().body;
            let page = (body.height as usize).saturating_sub(3).max(1);
            let last = report_max_scroll(app, app.view, body).unwrap_or(0);
            let scroll = app.report_scroll.min(last);
            app.report_scroll = match action {
                Action::Down => scroll + 1,
                Action::Up => scroll.saturating_sub(1),
                Action::PageDown => scroll + page,
                Action::PageUp => scroll.saturating_sub(page),
                Action::First => 0,
                _ => last,
            }
            .min(last);
        }
        Action::NextPane => nav::move_pane(app, 1, true),
        Action::PrevPane => nav::move_pane(app, -1, true),
        Action::Right => nav::move_pane(app, 1, false),
        Action::Left => nav::move_pane(app, -1, false),
        Action::Down => nav::move_row(app, 1),
        // Above a list's first row: the placeholders of unreadable story files, if any.
        Action::Up if lists && !app.board().damaged.is_empty() && nav::at_first_row(app) => damaged::enter(app),
        Action::Up => nav::move_row(app, -1),
        Action::PageDown => nav::move_row(app, nav::page(app) as isize),
        Action::PageUp => nav::move_row(app, -(nav::page(app) as isize)),
        Action::First => nav::move_row(app, isize::MIN / 2),
        Action::Last => nav::move_row(app, isize::MAX / 2),
        Action::Jump => write::open_jump(app),
        Action::NewSprint => sprints::open_new(app),
        Action::StartSprint => return sprints::start(app, ctx),
        Action::CloseSprint => sprints::open_close(app),
        Action::EditSprint => sprints::open_edit(app),
        Action::StatusNext => return moves::change_status(app, ctx, 1),
        Action::StatusPrev => return moves::change_status(app, ctx, -1),
        Action::RankUp | Action::RankDown | Action::RankTop | Action::RankBottom => {
            return moves::rerank(app, ctx, action);
        }
        Action::SprintNext => return moves::change_sprint(app, ctx, 1),
        Action::SprintPrev => return moves::change_sprint(app, ctx, -1),
        Action::PickSprint => moves::open_picker(app),
        Action::Sort => moves::open_sort(app),
        Action::NewStory => write::open_new_story(app),
        Action::Edit => story::open(app),
        Action::EditInEditor => return write::open_editor(app),
        Action::Delete => write::open_delete(app),
        Action::Block => return write::block(app, ctx),
        Action::Assign => write::open_assign(app),
        Action::Points => write::open_points(app),
        Action::Filter => write::open_filter(app),
        Action::Swimlanes if app.view == View::Board => {
            let key = app.selected_key();
            app.lanes = app.lanes.next();
            app.lane_scroll = 0;
            if let Some(k) = key {
                nav::select_key(app, &k);
            }
            app.info(format!("Board: {}", app.lanes.label()));
        }
        Action::Swimlanes => {}
        Action::RemoteSync => return remote::start(app),
        Action::Undo => return write::undo_or_redo(app, true),
        Action::Redo => return write::undo_or_redo(app, false),
        Action::Paste(_) => app.info("Nothing to paste into here: n starts a new story, e edits this one"),
        Action::Click { column, row } => nav::click(app, column, row),
        Action::Scroll { column, row, down } => {
            nav::click_pane(app, column, row);
            nav::move_row(app, if down { 1 } else { -1 });
        }
        Action::Cancel => {
            app.status = None;
            if !app.filter.is_empty() {
                app.filter.clear();
                app.info("Filter cleared");
            }
        }
        Action::Confirm
        | Action::RenameEpic
        | Action::Type(_)
        | Action::NextField
        | Action::PrevField
        | Action::KeepMine
        | Action::TakeTheirs
        | Action::Tick
        | Action::Resized { .. }
        | Action::Done(_) => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
