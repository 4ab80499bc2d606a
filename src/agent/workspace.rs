//! The board an agent works on, kept open while the server runs: caught up with what other
//! processes wrote before each call, and changed through the one retry policy
//! (`store::retry`) as the command line changes it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::config;
use crate::domain::{Board, Changes, Ctx, OpError};
use crate::store::retry::{self, NotSaved, Saved};
use crate::store::watch::StoreWatcher;
use crate::store::{Store, StoreError, layout};

use super::reply::ToolError;

pub struct Workspace {
    root: PathBuf,
    store: Store,
    board: Board,
    /// The name the person's configuration sets (`$SPRINTBOARD_USER`, `user` in config.ron):
    /// when set, an agent's changes are recorded under it instead of the agent's own name.
    configured_user: Option<String>,
    /// Only the reading tools are offered, and nothing is written.
    read_only: bool,
    /// Which board this is and where (`team board at /src/shop/.sprintboard`): said to the
    /// agent, which may have been started far from the board it meant.
    pub place: String,
    /// What changed since [`Workspace::take_changed`] was last asked, here or elsewhere: the
    /// keys of the stories, and whether the board file did (for the change notifications).
    changed: (BTreeSet<String>, bool),
    /// How the board is read: [`Store::open_fresh`] when read-only (not even the parse cache is
    /// written), else [`Store::open`].
    open: fn(&Path) -> Result<(Store, Board), StoreError>,
    /// The stories' count and keys as [`Workspace::listing_changed`] last saw them.
    listed: (usize, u64),
    /// The board in memory may hold a change that was refused but could not be read again:
    /// the next refresh reads the whole board.
    stale: bool,
    /// The store's watcher and the files it saw change, once [`Workspace::watch`] started it:
    /// a refresh then reads those files only, instead of looking at every file of the board.
    watching: Option<(StoreWatcher, Arc<Mutex<Seen>>)>,
}

/// The board files the watcher saw change since the last refresh; `all` when it lost track.
#[derive(Default)]
struct Seen {
    paths: BTreeSet<PathBuf>,
    all: bool,
}

impl Workspace {
    /// The board `--board` names, or the team board of the current directory, or the personal
    /// board; one that is not there yet is not created (an agent must not fill a board with the
    /// example's stories).
    pub fn open(board_arg: Option<&Path>, read_only: bool) -> Result<Workspace, StoreError> {
        let cwd = std::env::current_dir().map_err(|e| StoreError::io(Path::new("."), e))?;
        let location = layout::locate(board_arg, &cwd)?;
        let mut ws = Workspace::at(&location.root, read_only)?;
        ws.place = location.describe();
        Ok(ws)
    }

    /// The board at `root`.
    pub fn at(root: &Path, read_only: bool) -> Result<Workspace, StoreError> {
        let (cfg, problem) = config::load();
        if let Some(p) = problem {
            eprintln!("sprintboard: ignoring the configuration: {p}");
        }
        let open = if read_only { Store::open_fresh } else { Store::open };
        let (store, board) = open(root)?;
        for (key, e) in store.damaged() {
            eprintln!(
                "sprintboard: {e}; {key} is left out until it is repaired: {}",
                crate::domain::Damaged::way_out(key)
            );
        }
        let mut ws = Workspace {
            root: root.to_owned(),
            store,
            board,
            configured_user: config::configured_user(&cfg),
            read_only,
            place: format!("board at {}", root.display()),
            changed: Default::default(),
            open,
            stale: false,
            watching: None,
            listed: (0, 0),
        };
        ws.listing_changed();
        Ok(ws)
    }

    /// Sets the configured name as `$SPRINTBOARD_USER` or config.ron would: the tests' own,
    /// whatever the environment they run in holds.
    #[cfg(test)]
    pub(crate) fn set_configured_user(&mut self, user: Option<&str>) {
        self.configured_user = user.map(str::to_owned);
    }

    pub fn read_only(&self) -> bool {
        self.read_only
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    /// Starts watching the board's files; `woken` is called (on the watcher's thread) when they
    /// changed. From then on a refresh reads only the files the watcher named.
    pub fn watch(&mut self, woken: impl Fn() + Send + 'static) -> notify::Result<()> {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let record = Arc::clone(&seen);
        let watcher = crate::store::watch::watch(&self.root, move |paths| {
            {
                let mut seen = record.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                match paths {
                    Some(paths) => seen.paths.extend(paths),
                    None => seen.all = true,
                }
            }
            woken();
        })?;
        // What changed between the first read and the watch's start is read now.
        seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).all = true;
        self.watching = Some((watcher, seen));
        Ok(())
    }

    /// Catches up with the files as other processes left them: those the watcher saw change,
    /// or every file when nothing watches (or the watcher lost track).
    pub fn refresh(&mut self) -> Result<(), ToolError> {
        if self.stale {
            self.reload();
            if self.stale {
                return Err(ToolError::refused("the board cannot be read just now: try again"));
            }
        }
        let paths: Option<Vec<PathBuf>> = match &self.watching {
            None => None,
            Some((_, seen)) => {
                let mut seen = seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                let Seen { paths, all } = std::mem::take(&mut *seen);
                if !all && paths.is_empty() {
                    return Ok(());
                }
                (!all).then(|| paths.into_iter().collect())
            }
        };
        let found = match self.store.changes_elsewhere(&self.board, paths.as_deref()) {
            Ok(found) => found,
            Err(e) => {
                // What the watcher named is not read yet: the next refresh looks at everything.
                if let Some((_, seen)) = &self.watching {
                    seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).all = true;
                }
                return Err(ToolError::store(e));
            }
        };
        found.apply_to(&mut self.board);
        self.changed.0.extend(found.touched().map(str::to_owned));
        self.changed.1 |= found.board.is_some();
        Ok(())
    }

    /// The keys of the stories changed (here or elsewhere) since this was last asked, and
    /// whether the board file changed; `None` when nothing did.
    pub fn take_changed(&mut self) -> Option<(Vec<String>, bool)> {
        let (keys, board) = std::mem::take(&mut self.changed);
        (!keys.is_empty() || board).then(|| (keys.into_iter().collect(), board))
    }

    /// Whether the stories on the board are others than when this was last asked (one was
    /// added or removed): the list of resources a client was given has changed.
    pub fn listing_changed(&mut self) -> bool {
        use std::hash::BuildHasher;
        let state = foldhash::fast::FixedState::with_seed(0);
        // The keys' hashes added up: the same for the same set of keys, whatever their order.
        let sum = self.board.stories.keys().fold(0u64, |sum, key| sum.wrapping_add(state.hash_one(key)));
        let now = (self.board.stories.len(), sum);
        std::mem::replace(&mut self.listed, now) != now
    }

    fn saved(&mut self, changes: &Changes) {
        self.changed.0.extend(changes.stories.iter().chain(&changes.deleted).cloned());
        self.changed.1 |= changes.board;
    }

    /// Takes `fresh`, the board as a retry read it again, in place of the one held: what
    /// another process changed meanwhile is reported as changed as a refresh reports it (the
    /// store now vouches for those files, so the next refresh would not).
    fn read_again(&mut self, fresh: Board) {
        let (old, new) = (&self.board.stories, &fresh.stories);
        let differ = old.keys().chain(new.keys()).filter(|k| old.get(*k) != new.get(*k));
        self.changed.0.extend(differ.map(|k| k.to_string()));
        self.changed.1 |= self.board.file != fresh.file;
        self.board = fresh;
    }

    /// Who a change is recorded as: the configured name, else the agent's (`agent:claude-code`).
    pub fn author(&self, client: Option<&str>) -> String {
        self.configured_user.clone().unwrap_or_else(|| agent_name(client))
    }

    /// Makes a change and saves it. When another process changed one of its files meanwhile,
    /// the board is read again and the change made again on it (`store::retry`); a change the
    /// board refuses is an error, and nothing is written.
    pub fn apply<T>(
        &mut self,
        client: Option<&str>,
        mut op: impl FnMut(&mut Board, &mut Ctx) -> Result<(T, Changes), OpError>,
    ) -> Result<T, ToolError> {
        if self.read_only {
            return Err(ToolError::refused("this server is read-only (started with --read-only): nothing was changed"));
        }
        let now = config::now().map_err(ToolError::refused)?;
        let mut ctx = Ctx { now, user: self.author(client).into(), rng: fastrand::Rng::new() };
        let (out, changes) = match op(&mut self.board, &mut ctx) {
            Ok(done) => done,
            Err(e) => {
                // A refusal half-way may have left part of the change in memory: read the board
                // again (a refused call is rare; copying the board before every call is not).
                self.reload();
                return Err(e.into());
            }
        };
        let mut again_out = None;
        let mut again = |b: &mut Board| -> Result<Changes, OpError> {
            let (o, c) = op(b, &mut ctx)?;
            again_out = Some(o);
            Ok(c)
        };
        match retry::save(&mut self.store, &self.root, &self.board, &changes, Some(&mut again)) {
            Ok(Saved::AsMade) => {
                self.saved(&changes);
                Ok(out)
            }
            Ok(Saved::Again { board, changes }) => {
                self.read_again(*board);
                self.saved(&changes);
                Ok(again_out.unwrap_or(out))
            }
            Err(NotSaved::Refused { board, reason }) => {
                self.read_again(*board);
                Err(reason.map_or_else(|| ToolError::store(StoreError::Conflict(Vec::new())), ToolError::from))
            }
            Err(NotSaved::Failed { board, error }) => {
                match board {
                    Some(b) => self.read_again(*b),
                    None => self.reload(),
                }
                Err(ToolError::store(*error))
            }
        }
    }

    /// After a call that panicked half-way: the board in memory is not trusted, and the next
    /// refresh reads it whole.
    pub fn distrust(&mut self) {
        self.stale = true;
    }

    /// Reads the board again, as the disk holds it; when it cannot be read now, the next
    /// refresh tries again (and the board in memory is not used meanwhile).
    fn reload(&mut self) {
        match (self.open)(&self.root) {
            Ok((store, board)) => {
                self.store = store;
                self.read_again(board);
                self.stale = false;
            }
            Err(_) => self.stale = true,
        }
    }
}

/// `agent:` and the client's name as a short word (`Claude Code` → `agent:claude-code`): what
/// the history shows for an agent's changes. Only letters, digits, `-`, `_` and `.` are kept,
/// so a client cannot write controls or a long text into every story it touches.
pub fn agent_name(client: Option<&str>) -> String {
    let word: String = client
        .unwrap_or("")
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c.to_ascii_lowercase() })
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(40)
        .collect();
    let word = word.trim_matches('-');
    format!("agent:{}", if word.is_empty() { "unknown" } else { word })
}

#[cfg(test)]
mod tests;
