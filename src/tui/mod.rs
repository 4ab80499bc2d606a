//! The terminal user interface: the Elm architecture. Events become [`Action`]s through the
//! keymap, [`update`] changes the [`App`] and returns effects, the loop carries the effects out
//! (saving through the store) and draws when something changed.
//!
//! Each module imports only those below it: `action`; the helpers (`keymap`, `theme`,
//! `layout`, `lanes`, `choices`, `hints`, `text_field`); `state`; `scroll`; then `update` and
//! `view`, which never call each other; this file, the runtime, on top.

pub mod action;
pub mod background;
pub mod broken_board;
pub mod choices;
pub(crate) mod editor;
pub mod event;
pub mod hints;
pub mod input;
pub mod keymap;
pub mod lanes;
pub mod layout;
pub mod scroll;
pub mod state;
pub mod terminal;
#[doc(hidden)]
pub mod testing;
pub mod text_field;
pub mod theme;
pub mod update;
pub mod view;

use std::collections::VecDeque;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait after a change on disk before reading it: a `git pull` or a save touches
/// several files in a burst, read once.
const REFRESH_DELAY: Duration = Duration::from_millis(150);

/// The Standup view's timer.
const TICK: Duration = Duration::from_secs(1);

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind, MouseButton, MouseEventKind};

pub use action::{Action, Opened, Outcome, View};
pub use state::App;
pub use update::damaged_notice;
use update::{Effect, update};

use crate::domain::{Board, Changes, Ctx, Op, OpError};
use crate::store::Store;
use crate::store::layout::Location;
use crate::store::retry::{self, NotSaved, Saved};

/// Everything the loop needs besides the state: the store it saves to and who acts.
pub struct Runtime {
    pub store: Store,
    pub location: Location,
    pub ctx: Ctx,
    /// What runs off the UI thread (a remote sync), and where it reports.
    pub jobs: background::Jobs,
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
        TermEvent::Paste(text) => Some(Action::Paste(text.clone())),
        TermEvent::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column: m.column, row: m.row }),
            MouseEventKind::ScrollDown => Some(Action::Scroll { column: m.column, row: m.row, down: true }),
            MouseEventKind::ScrollUp => Some(Action::Scroll { column: m.column, row: m.row, down: false }),
            _ => None,
        },
        TermEvent::Resize(width, height) => Some(Action::Resized { width: *width, height: *height }),
        _ => None,
    }
}

/// The events a terminal event stands for: `Esc` followed at once by a key arrives as
/// `Alt+key`, and is split back into the two wherever `Alt+key` means nothing.
pub fn events_for(app: &App, event: TermEvent) -> Vec<TermEvent> {
    input::split_escape(event, |k| app.keymap.resolve(app.context(), k).is_some())
}

/// What carrying out effects came to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Performed {
    /// The program must end.
    pub quit: bool,
    /// Something came back to `update` (a conflict, a failure, the editor): draw again. A save
    /// that simply saved changes nothing on screen.
    pub reported: bool,
}

/// What runs the editor for the runtime: the real one lends the terminal to `$EDITOR`.
pub type EditorFn<'a> = dyn FnMut(&str, &str) -> Result<String, String> + 'a;

impl Runtime {
    /// Brings the clock up to date before an action: a change is recorded in the history with
    /// the time it was made, not the time the TUI started.
    pub fn tick_clock(&mut self) {
        if let Ok(now) = crate::config::now() {
            self.ctx.now = now;
        }
    }

    /// Runs an action through `update` and carries out its effects at once, without a
    /// terminal (an editor cannot be opened).
    pub fn dispatch(&mut self, app: &mut App, action: Action) -> Performed {
        let effects = update(app, action, &mut self.ctx);
        self.perform(app, effects, &mut |_, _| Err("no terminal to run an editor in".into()))
    }

    /// Carries out effects, running `editor` where one is asked for, and hands each result
    /// back to `update` (which may ask for more).
    pub fn perform(&mut self, app: &mut App, effects: Vec<Effect>, editor: &mut EditorFn<'_>) -> Performed {
        let mut queue: VecDeque<Effect> = effects.into();
        let mut done = Performed::default();
        while let Some(effect) = queue.pop_front() {
            let outcome = match effect {
                Effect::Quit => {
                    done.quit = true;
                    None
                }
                Effect::Save { changes, op, stack } => self.save(app.board(), &changes, op, stack),
                Effect::OpenEditor { key, text } => {
                    let text = editor(&key, &text);
                    Some(Outcome::EditorReturned { key, text })
                }
                Effect::Repair { key } => Some(self.repair(app, key, editor)),
                Effect::RemoteSync { repo } => self.jobs.remote_sync(self.location.root.clone(), repo, &mut self.ctx),
            };
            if let Some(o) = outcome {
                done.reported = true;
                let more = update(app, Action::Done(Box::new(o)), &mut self.ctx);
                for e in more.into_iter().rev() {
                    queue.push_front(e);
                }
            }
        }
        done
    }

    /// Saves through the shared retry policy; what became of it, unless it simply saved.
    fn save(&mut self, board: &Board, changes: &Changes, op: Option<Box<Op>>, stack: action::Stack) -> Option<Outcome> {
        let key = op
            .as_ref()
            .map(|o| o.key().to_owned())
            .or_else(|| changes.prior.keys().next().cloned())
            .unwrap_or_else(|| "board.ron".to_owned());
        let ctx = &mut self.ctx;
        let mut again = op.map(|op| move |b: &mut Board| op.apply(b, ctx));
        let again = again.as_mut().map(|f| f as retry::Again<'_, OpError>);
        match retry::save(&mut self.store, &self.location.root, board, changes, again) {
            Ok(Saved::AsMade) => None,
            Ok(Saved::Again { board, changes }) => Some(Outcome::SaveReapplied { board, changes, key, stack }),
            Err(NotSaved::Refused { board, reason }) => {
                Some(Outcome::SaveConflict { board, key, reason: reason.map(|e| e.to_string()), stack })
            }
            Err(NotSaved::Failed { board, error }) => {
                Some(Outcome::SaveFailed { board, message: error.to_string(), stack })
            }
        }
    }

    /// Repairs the story file `key`, which cannot be read, in the editor; then reads it again.
    fn repair(&mut self, app: &App, key: String, editor: &mut EditorFn<'_>) -> Outcome {
        use crate::store::repair::{self, Repaired};
        let prefix = app.board().file.prefix.clone();
        let root = self.location.root.clone();
        match repair::story(&root, &key, &prefix, &mut |text| editor(&key, text)) {
            Ok(Repaired::Cancelled) => Outcome::RepairEnded {
                key,
                message: "the editor was left empty, nothing was written".into(),
                error: false,
            },
            Ok(Repaired::Saved | Repaired::AlreadyReadable) => {
                let path = self.store.story_path(&key);
                match self.store.changes_elsewhere(app.board(), Some(&[path])) {
                    Ok(report) => Outcome::Repaired { key, report: Box::new(report) },
                    Err(e) => Outcome::ReadFailed(e.to_string()),
                }
            }
            Err(e) => Outcome::RepairEnded { key, message: e.to_string(), error: true },
        }
    }

    /// Reads what other processes changed (in `paths`, or anywhere), as an outcome for
    /// `update` (none: nothing changed).
    pub fn read_changes(&mut self, app: &App, paths: Option<&[std::path::PathBuf]>) -> Option<Outcome> {
        match self.store.changes_elsewhere(app.board(), paths) {
            Ok(r) if r.is_empty() => None,
            Ok(r) => Some(Outcome::Refreshed(Box::new(r))),
            Err(e) => Some(Outcome::ReadFailed(e.to_string())),
        }
    }

    /// When this clone last synced each of the board's remotes, for `update`.
    pub fn sync_times(&self, app: &App) -> Outcome {
        let root = &self.location.root;
        let times = app.board().file.remotes.iter();
        Outcome::SyncTimes(
            times.filter_map(|r| Some((r.repo.clone(), crate::remote::state::synced_at(root, &r.repo)?))).collect(),
        )
    }

    /// Catches up with files changed by other processes. Returns whether anything changed (so
    /// the screen must be drawn again).
    pub fn refresh(&mut self, app: &mut App) -> bool {
        match self.read_changes(app, None) {
            Some(o) => {
                self.dispatch(app, Action::Done(Box::new(o)));
                true
            }
            None => false,
        }
    }
}

fn draw(guard: &mut terminal::Guard, app: &App) -> Result<(), String> {
    guard.terminal.draw(|f| view::render(app, f)).map(|_| ()).map_err(|e| format!("cannot draw: {e}"))
}

/// Carries out effects in the real terminal: the editor gets the terminal while it runs.
fn perform_in_terminal(
    rt: &mut Runtime,
    app: &mut App,
    effects: Vec<Effect>,
    guard: &mut terminal::Guard,
    input: &mut event::Input,
) -> Performed {
    let mut lender = editor::Lender::new(guard, input);
    let mut done = rt.perform(app, effects, &mut |key, text| lender.edit(key, text));
    if let Some(problem) = lender.finish() {
        // Told to `update` like everything else; what it asks for then runs without lending
        // the terminal again.
        let more = rt.dispatch(app, Action::Done(Box::new(Outcome::TerminalNotTakenBack(problem))));
        done.quit |= more.quit;
        done.reported = true;
    }
    done
}

/// Runs an action through `update` and carries out its effects in the real terminal.
fn dispatch_in_terminal(
    rt: &mut Runtime,
    app: &mut App,
    action: Action,
    guard: &mut terminal::Guard,
    input: &mut event::Input,
) -> Performed {
    let effects = update(app, action, &mut rt.ctx);
    perform_in_terminal(rt, app, effects, guard, input)
}

/// Runs the TUI until the user quits. Returns a message for the terminal when it ends badly.
pub fn run(app: &mut App, rt: &mut Runtime) -> Result<(), String> {
    let mut guard = terminal::enter().map_err(|e| format!("cannot use this terminal: {e}"))?;
    let (tx, rx) = mpsc::channel();
    event::spawn_signals(tx.clone()).map_err(|e| format!("cannot watch for signals: {e}"))?;
    let watch_tx = tx.clone();
    rt.jobs.attach(tx.clone());
    let mut input = event::spawn_input(tx).map_err(|e| format!("cannot read the terminal: {e}"))?;
    if let Ok(size) = guard.terminal.size() {
        rt.dispatch(app, Action::Resized { width: size.width, height: size.height });
    }
    let times = rt.sync_times(app);
    rt.dispatch(app, Action::Done(Box::new(times)));
    draw(&mut guard, app)?;
    // Debug builds only: lets the end-to-end tests prove that a panic restores the terminal.
    // Release builds compile this out.
    #[cfg(debug_assertions)]
    if std::env::var_os("SPRINTBOARD_DEBUG_PANIC").is_some() {
        panic!("SPRINTBOARD_DEBUG_PANIC is set");
    }
    // Watched from right after the first frame; a change made before it is caught by the first
    // refresh, which compares every file with what was read.
    let watcher = match crate::store::watch::watch(&rt.location.root, move |paths| {
        let _ = watch_tx.send(event::Event::StoreChanged(paths));
    }) {
        Ok(w) => Some(w),
        Err(e) => {
            let failed = Action::Done(Box::new(Outcome::WatchFailed(e.to_string())));
            if dispatch_in_terminal(rt, app, failed, &mut guard, &mut input).quit {
                return Ok(());
            }
            None
        }
    };
    let mut dirty = watcher.is_none();
    let mut refresh_at: Option<Instant> = Some(Instant::now() + REFRESH_DELAY);
    // What the watcher reported since the last refresh; `None`: look at everything (at start, a
    // change made before the watch began; after lost notifications).
    let mut changed_paths: Option<std::collections::HashSet<std::path::PathBuf>> = None;
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
                    let paths: Option<Vec<std::path::PathBuf>> =
                        changed_paths.take().map(|set| set.into_iter().collect());
                    changed_paths = Some(Default::default());
                    if let Some(outcome) = rt.read_changes(app, paths.as_deref()) {
                        let read = Action::Done(Box::new(outcome));
                        if dispatch_in_terminal(rt, app, read, &mut guard, &mut input).quit {
                            return Ok(());
                        }
                        dirty = true;
                    }
                }
                if let Some(at) = tick_at.filter(|at| *at <= now) {
                    tick_at = Some(at + TICK);
                    if dispatch_in_terminal(rt, app, Action::Tick, &mut guard, &mut input).quit {
                        return Ok(());
                    }
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
                    if let TermEvent::Resize(..) = te {
                        let _ = guard.terminal.autoresize();
                    }
                    for te in events_for(app, te) {
                        let Some(action) = action_for(app, &te) else { continue };
                        rt.tick_clock();
                        let effects = update(app, action, &mut rt.ctx);
                        dirty = true;
                        if !effects.is_empty() {
                            // Show the change first, then save it: the save (with its fsync)
                            // is off the path from key to frame, and done before the next key.
                            draw(&mut guard, app)?;
                            let done = perform_in_terminal(rt, app, effects, &mut guard, &mut input);
                            if done.quit {
                                return Ok(());
                            }
                            // Drawn already; again only if what came back changed something.
                            dirty = done.reported;
                        }
                    }
                }
                event::Event::StoreChanged(paths) => {
                    match (paths, changed_paths.as_mut()) {
                        (Some(paths), Some(pending)) => pending.extend(paths),
                        _ => changed_paths = None,
                    }
                    refresh_at.get_or_insert(Instant::now() + REFRESH_DELAY);
                }
                event::Event::Background(outcome) => {
                    if dispatch_in_terminal(rt, app, Action::Done(outcome), &mut guard, &mut input).quit {
                        return Ok(());
                    }
                    dirty = true;
                }
                event::Event::Signal(_) => return Ok(()),
                event::Event::InputError(e) => return Err(format!("cannot read the terminal: {e}")),
            }
            next = rx.try_recv().ok();
        }
    }
}

#[cfg(test)]
mod tests;
