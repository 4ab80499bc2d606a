//! The terminal user interface: the Elm architecture. Events become [`Action`]s through the
//! keymap, [`update`] changes the [`App`] and returns effects, the loop carries the effects out
//! (saving through the store) and draws when something changed.

pub mod action;
mod editor;
pub mod event;
pub mod keymap;
pub mod lanes;
pub mod layout;
pub mod state;
pub mod terminal;
#[cfg(test)]
#[path = "tests/fixture.rs"]
pub mod testing;
pub mod theme;
pub mod update;
pub mod view;

use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait after a change on disk before reading it: a `git pull` or a save touches
/// several files in a burst, read once.
const REFRESH_DELAY: Duration = Duration::from_millis(150);

/// The Standup view's timer.
const TICK: Duration = Duration::from_secs(1);

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

pub use action::{Action, View};
pub use state::App;
use update::{Effect, select_key, update};

use crate::domain::Ctx;
use crate::store::layout::Location;
use crate::store::{Store, StoreError};

/// Everything the loop needs besides the state: the store it saves to and who acts.
pub struct Runtime {
    pub store: Store,
    pub location: Location,
    pub ctx: Ctx,
}

/// Turns a terminal event into an action, through the keymap for keys.
pub fn action_for(app: &App, event: &TermEvent) -> Option<Action> {
    match event {
        TermEvent::Key(k) if k.kind == KeyEventKind::Press => {
            let ctx = app.context();
            match app.keymap.resolve(ctx, k) {
                Some(a) => Some(a),
                // In a text field, a key that is not bound is typed.
                None if ctx.takes_text() => Some(Action::Type(*k)),
                None => None,
            }
        }
        TermEvent::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column: m.column, row: m.row }),
            MouseEventKind::ScrollDown => Some(Action::Scroll { column: m.column, row: m.row, down: true }),
            MouseEventKind::ScrollUp => Some(Action::Scroll { column: m.column, row: m.row, down: false }),
            _ => None,
        },
        TermEvent::Resize(..) => Some(Action::Resize),
        _ => None,
    }
}

impl Runtime {
    /// Brings the clock up to date before an action: a change is recorded in the history with
    /// the time it was made, not the time the TUI started.
    pub fn tick_clock(&mut self, app: &mut App) {
        if let Ok(now) = crate::config::now() {
            self.ctx.now = now;
            app.today = now.to_zoned_datetime(app.tz.clone()).date();
        }
    }

    /// Runs an action and carries out its effects at once.
    pub fn dispatch(&mut self, app: &mut App, action: Action) {
        let effects = update(app, action, &mut self.ctx);
        self.perform(app, effects);
    }

    /// Carries out effects. A save that finds a file changed by someone else reads the board
    /// again and does the action once more on the fresh copy. Returns whether the state changed
    /// (so the screen must be drawn again).
    pub fn perform(&mut self, app: &mut App, effects: Vec<Effect>) -> bool {
        let mut changed = false;
        for effect in effects {
            if let Effect::Save { changes, key, retry } = effect {
                match self.store.save(app.board(), &changes) {
                    Ok(()) => {}
                    Err(StoreError::Conflict(_)) => {
                        match retry {
                            Some(Action::ApplyEdit(k, edit)) => {
                                let before = changes.prior.get(&k).cloned().flatten();
                                self.retry_edit(app, &k, *edit, before);
                            }
                            Some(action) => self.retry(app, &key, action),
                            None => {
                                // An edit is not re-applied blindly over someone else's: show
                                // their version and say so. Undo entries no longer match it.
                                self.reload(app);
                                app.undo.clear();
                                app.redo.clear();
                                app.error(format!(
                                    "{key} was changed elsewhere, so this change was not saved; the board is reloaded"
                                ));
                            }
                        }
                        changed = true;
                    }
                    Err(e) => {
                        let message = format!("Not saved: {e}");
                        self.reload(app);
                        app.error(message);
                        changed = true;
                    }
                }
            }
        }
        changed
    }

    /// An edit whose file changed elsewhere: on the fresh story, re-applied when the other change
    /// touched other fields; otherwise theirs is kept and ours is shown, so neither is lost.
    fn retry_edit(
        &mut self,
        app: &mut App,
        key: &str,
        edit: crate::domain::Edit,
        before: Option<crate::domain::Story>,
    ) {
        if !self.reload(app) {
            return;
        }
        let (Some(before), Some(now)) = (before, app.board().story(key).cloned()) else {
            app.error(format!("{key} was deleted elsewhere; the board is reloaded"));
            return;
        };
        let clashes = edit.clashes(&before, &now);
        if !clashes.is_empty() {
            app.error(format!(
                "{key}: {} also changed elsewhere; theirs is kept. Yours was: {}",
                clashes.join(", "),
                crate::text::truncate(&edit.describe(), 120)
            ));
            return;
        }
        let effects = update(app, Action::ApplyEdit(key.to_owned(), Box::new(edit)), &mut self.ctx);
        if self.save_again(app, effects) {
            app.info(format!("{key} saved on top of a change made elsewhere"));
        }
    }

    /// Saves what a re-applied action asks for, once: no more retries after this one. On a
    /// failure the board is read again and the status line says so. Returns whether it saved.
    fn save_again(&mut self, app: &mut App, effects: Vec<Effect>) -> bool {
        for effect in effects {
            if let Effect::Save { changes, .. } = effect
                && let Err(e) = self.store.save(app.board(), &changes)
            {
                let message = format!("Not saved ({e}); the board is reloaded");
                self.reload(app);
                app.error(message);
                return false;
            }
        }
        true
    }

    fn retry(&mut self, app: &mut App, key: &str, action: Action) {
        if !self.reload(app) {
            return;
        }
        if app.board().story(key).is_none() {
            app.error(format!("{key} was deleted elsewhere; the board is reloaded"));
            return;
        }
        select_key(app, key);
        let effects = update(app, action, &mut self.ctx);
        self.save_again(app, effects);
    }

    /// Catches up with files changed by other processes, keeping the selection on the same
    /// story. Returns whether anything changed (so the screen must be drawn again).
    pub fn refresh(&mut self, app: &mut App) -> bool {
        let key = app.selected_key();
        let report = match self.store.refresh(app.board_mut()) {
            Ok(r) => r,
            Err(e) => {
                app.error(format!("Cannot read the board again: {e}"));
                return true;
            }
        };
        if report.is_empty() {
            return false;
        }
        // Undo must not put back versions over what someone else just wrote.
        if report.board {
            app.undo.clear();
            app.redo.clear();
        } else {
            let touched: Vec<&String> = report.changed.iter().chain(&report.removed).collect();
            let stale = |e: &state::UndoEntry| e.changes.prior.keys().any(|k| touched.contains(&k));
            app.undo.retain(|e| !stale(e));
            app.redo.retain(|e| !stale(e));
        }
        if let Some(k) = &key {
            select_key(app, k);
        }
        if let Some(p) = report.problems.first() {
            app.error(format!("Changed elsewhere but cannot be read (the version before is kept): {}", p.short()));
        } else if report.board {
            app.info("The board was changed elsewhere and is reloaded");
        } else {
            let mut keys: Vec<&str> = report.changed.iter().chain(&report.removed).map(String::as_str).collect();
            let more = keys.len().saturating_sub(3);
            keys.truncate(3);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            app.info(format!("Updated from disk: {}{more}", keys.join(", ")));
        }
        // Last, so that "deleted elsewhere" is what the status line says about an open story.
        let open_changed = app.editor.as_ref().is_some_and(|e| report.board || report.changed.contains(&e.key));
        update::reload_editor(app, open_changed, &report.removed);
        if app.view != View::Story
            && let Some(k) = &key
        {
            select_key(app, k);
        }
        true
    }

    /// Reads the board from disk again, keeping the selection on the same story. Returns false
    /// (and says why) when the board cannot be read.
    fn reload(&mut self, app: &mut App) -> bool {
        let key = app.selected_key();
        match Store::open_fresh(&self.location.root) {
            Ok((store, board)) => {
                self.store = store;
                app.set_board(board);
                if let Some(k) = key {
                    select_key(app, &k);
                }
                true
            }
            Err(e) => {
                app.error(format!("Cannot read the board again: {e}"));
                false
            }
        }
    }
}

fn draw(guard: &mut terminal::Guard, app: &App) -> Result<(), String> {
    guard.terminal.draw(|f| view::render(app, f)).map(|_| ()).map_err(|e| format!("cannot draw: {e}"))
}

/// Runs the TUI until the user quits. Returns a message for the terminal when it ends badly.
pub fn run(app: &mut App, rt: &mut Runtime) -> Result<(), String> {
    let mut guard = terminal::enter().map_err(|e| format!("cannot use this terminal: {e}"))?;
    let (tx, rx) = mpsc::channel();
    event::spawn_signals(tx.clone()).map_err(|e| format!("cannot watch for signals: {e}"))?;
    let watch_tx = tx.clone();
    let mut input = event::spawn_input(tx).map_err(|e| format!("cannot read the terminal: {e}"))?;
    if let Ok(size) = guard.terminal.size() {
        app.area = Rect::new(0, 0, size.width, size.height);
    }
    rt.dispatch(app, Action::Resize);
    draw(&mut guard, app)?;
    // Debug builds only: lets the end-to-end tests prove that a panic restores the terminal.
    // Release builds compile this out.
    #[cfg(debug_assertions)]
    if std::env::var_os("SPRINTBOARD_DEBUG_PANIC").is_some() {
        panic!("SPRINTBOARD_DEBUG_PANIC is set");
    }
    // Watched from right after the first frame; a change made before it is caught by the first
    // refresh, which compares every file with what was read.
    let watcher = match crate::store::watch::watch(&rt.location.root, move || {
        let _ = watch_tx.send(event::Event::StoreChanged);
    }) {
        Ok(w) => Some(w),
        Err(e) => {
            app.error(format!("Changes made elsewhere will not show until restart: {e}"));
            None
        }
    };
    let mut dirty = watcher.is_none();
    let mut refresh_at: Option<Instant> = Some(Instant::now() + REFRESH_DELAY);
    let mut tick_at: Option<Instant> = None;
    loop {
        if dirty {
            draw(&mut guard, app)?;
            dirty = false;
        }
        // The Standup view's timer ticks once a second while it is shown; nothing else does.
        if app.view == View::Standup {
            tick_at.get_or_insert(Instant::now() + TICK);
        } else {
            tick_at = None;
        }
        // Block until something happens (with a deadline only while a change on disk waits to
        // be read, notifications coming in bursts, or while the timer runs), then take
        // everything already queued.
        let deadline = [refresh_at, tick_at].into_iter().flatten().min();
        let first = match deadline {
            None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
            Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
        };
        let first = match first {
            Ok(ev) => ev,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let now = Instant::now();
                if refresh_at.is_some_and(|at| at <= now) {
                    refresh_at = None;
                    dirty |= rt.refresh(app);
                }
                if let Some(at) = tick_at.filter(|at| *at <= now) {
                    tick_at = Some(at + TICK);
                    update(app, Action::Tick, &mut rt.ctx);
                    dirty = true;
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut next = Some(first);
        while let Some(ev) = next {
            match ev {
                event::Event::Terminal(te) => {
                    if let TermEvent::Resize(w, h) = te {
                        app.area = Rect::new(0, 0, w, h);
                        let _ = guard.terminal.autoresize();
                    }
                    if let Some(action) = action_for(app, &te) {
                        rt.tick_clock(app);
                        let mut effects = update(app, action, &mut rt.ctx);
                        dirty = true;
                        if let Some(Effect::EditInEditor { key }) = effects.first().cloned() {
                            effects.remove(0);
                            if let Some(edit) = editor::edit_story(app, &key, &mut guard, &mut input) {
                                effects.extend(update(app, Action::ApplyEdit(key, Box::new(edit)), &mut rt.ctx));
                            }
                        }
                        if !effects.is_empty() {
                            // Show the change first, then save it: the save (with its fsync)
                            // is off the path from key to frame, and done before the next key.
                            draw(&mut guard, app)?;
                            dirty = rt.perform(app, effects);
                        }
                    }
                }
                event::Event::StoreChanged => {
                    refresh_at.get_or_insert(Instant::now() + REFRESH_DELAY);
                }
                event::Event::Signal(_) => return Ok(()),
                event::Event::InputError(e) => return Err(format!("cannot read the terminal: {e}")),
            }
            if app.quit {
                return Ok(());
            }
            next = rx.try_recv().ok();
        }
    }
}

#[cfg(test)]
#[path = "tests/runtime.rs"]
mod tests;
