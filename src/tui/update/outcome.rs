//! What the runtime reports back: files changed elsewhere, saves that met someone else's
//! change or failed, `$EDITOR` finishing. Each is applied here like any other action, so the
//! runtime only does I/O.

use super::damaged::damaged_notice;
use super::nav::select_key;
use super::{Effect, write};
use crate::domain::{Board, Ctx};
use crate::store::Refresh;
use crate::tui::action::{Opened, Outcome, Stack, View};
use crate::tui::state::{App, UndoEntry};

pub(super) fn handle(app: &mut App, outcome: Outcome, ctx: &mut Ctx) -> Vec<Effect> {
    match outcome {
        Outcome::Refreshed(report) => refreshed(app, *report),
        Outcome::SaveReapplied { board, changes, key, stack } => {
            if let Some(top) = top_of(app, stack) {
                // The change as written now, over the fresh story: what `u` must put back.
                top.changes = *changes;
            }
            replace_board(app, *board, Some(stack));
            let said = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
            app.info(format!("{said} (saved on top of a change made elsewhere to {key})"));
        }
        Outcome::SaveConflict { board, key, reason, stack } => {
            take_off(app, stack);
            replace_board(app, *board, None);
            app.error(reason.unwrap_or_else(|| {
                format!("{key} was changed elsewhere, so this change was not saved; the board shows theirs")
            }));
        }
        Outcome::SaveFailed { board, message, stack } => {
            take_off(app, stack);
            match board {
                Some(board) => {
                    replace_board(app, *board, None);
                    app.error(format!("Not saved: {message}; the board is read again"));
                }
                None => app.error(format!("Not saved: {message}")),
            }
        }
        Outcome::EditorReturned { key, text } => return write::editor_returned(app, ctx, key, text),
        Outcome::ReadFailed(message) => app.error(format!("Cannot read the board again: {message}")),
        Outcome::Repaired { key, report } => {
            refreshed(app, *report);
            if app.board().story(&key).is_some() {
                app.damaged_focus = None;
                select_key(app, &key);
                app.info(format!("{key} repaired: it can be read again and is back on the board"));
            } else if let Some(d) = app.board().damaged.get(key.as_str()) {
                let text = format!("{key} still cannot be read: {}", d.describe());
                app.error(text);
            }
        }
        Outcome::RepairEnded { key, message, error } => {
            if error {
                app.error(format!("{key} not repaired: {message}"));
            } else {
                app.info(format!("{key} not repaired: {message}"));
            }
        }
        Outcome::Opened(opened) => first_message(app, *opened),
        Outcome::WatchFailed(why) => app.error(format!("Changes made elsewhere will not show until restart: {why}")),
        Outcome::TerminalNotTakenBack(message) => app.error(message),
        Outcome::RemoteSynced { repo, text, error, synced } => super::remote::ended(app, repo, text, error, synced),
        Outcome::RemoteSyncWaiting(text) => app.info(text),
        Outcome::SyncTimes(times) => super::remote::times(app, times),
    }
    Vec::new()
}

/// The first message, as the board opens: the first that applies of what [`Opened`] lists.
fn first_message(app: &mut App, opened: Opened) {
    if let Some(text) = damaged_notice(app.board()) {
        // The first placeholder starts selected: `E` repairs it at once, `j` goes to the board.
        app.damaged_focus = Some(0);
        app.error(text);
    } else if let Some(w) = opened.warning {
        app.error(w);
    } else if let Some(f) = opened.finished {
        let mut chars = f.chars();
        app.info(chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or(f));
    } else if !opened.problems.is_empty() {
        app.error(opened.problems.join("; "));
    } else if let Some(described) = opened.created {
        // What happened first; where, last (a long path is shortened from the left).
        let text = match described.split_once(" at ") {
            Some((what, at)) => format!("Created your {what} from the example board: {at}"),
            None => format!("Created your {described} from the example board"),
        };
        app.info(text);
    }
}

fn stack_of(app: &mut App, stack: Stack) -> Option<&mut Vec<UndoEntry>> {
    match stack {
        Stack::Undo => Some(&mut app.undo),
        Stack::Redo => Some(&mut app.redo),
        Stack::None => None,
    }
}

fn top_of(app: &mut App, stack: Stack) -> Option<&mut UndoEntry> {
    stack_of(app, stack).and_then(|s| s.last_mut())
}

/// A change that did not reach the disk is not undoable.
fn take_off(app: &mut App, stack: Stack) {
    if let Some(s) = stack_of(app, stack) {
        s.pop();
    }
}

/// Marks each undo and redo entry that touches something `changed` says was changed elsewhere:
/// `u` then says so instead of putting back an old version over it. `keep` is an entry known
/// to be current (the change just saved over the fresh board).
fn mark_stale(app: &mut App, changed: impl Fn(&str) -> bool, board_changed: bool, keep: Option<Stack>) {
    for (stack, word) in [(Stack::Undo, "undo"), (Stack::Redo, "redo")] {
        let Some(entries) = stack_of(app, stack) else { continue };
        let skip_top = keep == Some(stack);
        let n = entries.len();
        for (i, e) in entries.iter_mut().enumerate() {
            if e.stale.is_some() || (skip_top && i + 1 == n) {
                continue;
            }
            if let Some(k) = e.changes.prior.keys().find(|k| changed(k)) {
                e.stale = Some(format!("{k} was changed elsewhere since; its {word} was dropped"));
            } else if board_changed && e.changes.prior_board.is_some() {
                e.stale =
                    Some(format!("board.ron was changed elsewhere since; the {word} of \"{}\" was dropped", e.label));
            }
        }
    }
}

/// Shows `board` (the disk's version) instead of what is in memory, keeping the selection and
/// the undo entries that still hold.
fn replace_board(app: &mut App, board: Board, keep: Option<Stack>) {
    let key = app.selected_key();
    let old = app.board();
    let changed_keys: Vec<String> = app
        .undo
        .iter()
        .chain(&app.redo)
        .flat_map(|e| e.changes.prior.keys())
        .filter(|k| old.story(k) != board.story(k))
        .cloned()
        .collect();
    let board_changed = old.file != board.file;
    let open_changed = board_changed || app.editor.as_ref().is_some_and(|e| old.story(&e.key) != board.story(&e.key));
    mark_stale(app, |k| changed_keys.iter().any(|c| c == k), board_changed, keep);
    app.set_board(board);
    after_reload(app, key, open_changed, &[]);
}

fn refreshed(app: &mut App, report: Refresh) {
    if report.is_empty() {
        return;
    }
    let key = app.selected_key();
    let board_changed = report.board.as_ref().is_some_and(|b| b.file != app.board().file);
    match &report.board {
        Some(fresh) => {
            let changed_keys: Vec<String> = app
                .undo
                .iter()
                .chain(&app.redo)
                .flat_map(|e| e.changes.prior.keys())
                .filter(|k| app.board().story(k) != fresh.story(k))
                .cloned()
                .collect();
            mark_stale(app, |k| changed_keys.iter().any(|c| c == k), board_changed, None);
        }
        None => {
            let touched: Vec<&str> = report.touched().collect();
            mark_stale(app, |k| touched.contains(&k), false, None);
        }
    }
    report.apply_to(app.board_mut());
    if let Some(p) = report.problems.first() {
        // Which file first (its name is never cut), then what became of it, then why.
        let file = crate::text::short_path(&p.path.display().to_string(), 40);
        let place = p.at.map(|(line, col)| format!("line {line}, column {col}: ")).unwrap_or_default();
        let why = p.message.split(';').next().unwrap_or(&p.message);
        app.error(format!(
            "{file} was changed elsewhere and cannot be read; the version before is kept ({place}{why})"
        ));
    } else if let Some((key, d)) = report.damaged.first() {
        let text = format!("{key} cannot be read: E repairs it in your editor ({})", d.describe());
        app.error(text);
    } else if let Some(w) = report.warnings.first() {
        app.error(crate::store::error::summary(&report.warnings).unwrap_or_else(|| w.short()));
    } else if report.board.is_some() {
        app.info("The board was changed elsewhere and is read again");
    } else {
        let mut keys: Vec<&str> = report.touched().collect();
        let more = keys.len().saturating_sub(3);
        keys.truncate(3);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        app.info(format!("Updated from disk: {}{more}", keys.join(", ")));
    }
    let open_changed =
        report.board.is_some() || app.editor.as_ref().is_some_and(|e| report.changed.iter().any(|s| s.key == e.key));
    after_reload(app, key, open_changed, &report.removed);
}

/// After the board was replaced: the selection back on its story, the open story brought up to
/// date (or closed when it is gone).
fn after_reload(app: &mut App, key: Option<String>, open_changed: bool, removed: &[String]) {
    if let Some(k) = &key {
        select_key(app, k);
    }
    super::story::reload_prompt(app);
    // Last, so that "deleted elsewhere" is what the status line says about an open story.
    super::story::reload_editor(app, open_changed, removed);
    if app.view != View::Story
        && let Some(k) = &key
    {
        select_key(app, k);
    }
}
