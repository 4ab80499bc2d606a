//! The board an agent works on, kept open while the server runs: caught up with what other
//! processes wrote before each call, and changed through the one retry policy
//! (`store::retry`) as the command line changes it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config;
use crate::domain::{Board, Changes, Ctx, OpError};
use crate::store::retry::{self, NotSaved, Saved};
use crate::store::{Store, StoreError, layout};

use super::reply::ToolError;

pub struct Workspace {
    root: PathBuf,
    store: Store,
    board: Board,
    /// The name the person's configuration sets (`$SPRINTBOARD_USER`, `user` in config.ron):
    /// when set, an agent's changes are recorded under it instead of the agent's own name.
    configured_user: Option<String>,
    /// Only the reading tools are offered.
    pub read_only: bool,
    /// What changed since [`Workspace::take_changed`] was last asked, here or elsewhere: the
    /// keys of the stories, and whether the board file did (for the change notifications).
    changed: (BTreeSet<String>, bool),
}

impl Workspace {
    /// The board `--board` names, or the team board of the current directory, or the personal
    /// board; one that is not there yet is not created (an agent must not fill a board with the
    /// example's stories).
    pub fn open(board_arg: Option<&Path>, read_only: bool) -> Result<Workspace, StoreError> {
        let cwd = std::env::current_dir().map_err(|e| StoreError::io(Path::new("."), e))?;
        let location = layout::locate(board_arg, &cwd)?;
        Workspace::at(&location.root, read_only)
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
        Ok(Workspace {
            root: root.to_owned(),
            store,
            board,
            configured_user: config::configured_user(&cfg),
            read_only,
            changed: Default::default(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    /// Catches up with the files as other processes left them; returns the keys of the
    /// stories that changed, and whether the board file (workflow, sprints, epics) did.
    pub fn refresh(&mut self) -> Result<(), ToolError> {
        let found = self.store.refresh(&mut self.board).map_err(ToolError::store)?;
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

    fn saved(&mut self, changes: &Changes) {
        self.changed.0.extend(changes.stories.iter().chain(&changes.deleted).cloned());
        self.changed.1 |= changes.board;
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
        // The op works on a copy, so a refusal half-way leaves nothing changed in memory.
        let mut work = self.board.clone();
        let (out, changes) = op(&mut work, &mut ctx)?;
        let mut again_out = None;
        let mut again = |b: &mut Board| -> Result<Changes, OpError> {
            let (o, c) = op(b, &mut ctx)?;
            again_out = Some(o);
            Ok(c)
        };
        match retry::save(&mut self.store, &self.root, &work, &changes, Some(&mut again)) {
            Ok(Saved::AsMade) => {
                self.board = work;
                self.saved(&changes);
                Ok(out)
            }
            Ok(Saved::Again { board, changes }) => {
                self.board = *board;
                self.saved(&changes);
                Ok(again_out.unwrap_or(out))
            }
            Err(NotSaved::Refused { board, reason }) => {
                self.board = *board;
                Err(reason.map_or_else(|| ToolError::store(StoreError::Conflict(Vec::new())), ToolError::from))
            }
            Err(NotSaved::Failed { board, error }) => {
                if let Some(b) = board {
                    self.board = *b;
                }
                Err(ToolError::store(*error))
            }
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
