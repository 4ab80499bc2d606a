//! Where a board is and how its directory is laid out: the names of its files (the one place
//! the loader, the journal, the lock and `check` learn them from), and which board opens —
//! `--board PATH`, else the nearest `.sprintboard/` walking up from the current directory, else
//! the personal board in the platform data directory (created on first use).

use std::path::{Path, PathBuf};

use super::StoreError;

pub const BOARD_FILE: &str = "board.ron";
pub const STORIES_DIR: &str = "stories";
pub(super) const LOCK_FILE: &str = ".lock";
/// The journal of the change in progress, in the board's directory (see `journal`).
pub const JOURNAL_FILE: &str = ".unfinished.ron.journal";
/// Kept out of git by the board's own `.gitignore`: the lock, interrupted temporary files and
/// the journal of a change in progress (`.unfinished.ron.journal`, see `journal`).
pub(super) const GITIGNORE: &str = "# written by sprintboard\n.lock\n.*.ron.*\n";

/// The directory name of a team board inside a repository.
pub const TEAM_DIR: &str = ".sprintboard";

/// A story file is `*.ron` and not hidden: interrupted atomic writes leave `.NAME.ron.XXXXXX`.
pub(super) fn is_story_file(path: &Path) -> bool {
    is_story_name(path.file_name().and_then(|n| n.to_str()).unwrap_or(""))
}

pub(super) fn is_story_name(name: &str) -> bool {
    !name.starts_with('.') && name.len() > 4 && name.ends_with(".ron")
}

/// What an interrupted atomic write leaves: `.NAME.ron.XXXXXX` (not the journal of a change
/// in progress, which the next command finishes: see `journal`).
pub fn is_leftover(name: &str) -> bool {
    name.starts_with('.') && name.contains(".ron.") && name != JOURNAL_FILE
}

/// How a board was found, so the program can say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Given with `--board`.
    Explicit,
    /// A `.sprintboard/` in this directory or above.
    Team,
    /// The personal board in the platform data directory.
    Personal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub root: PathBuf,
    pub origin: Origin,
}

impl Location {
    pub fn describe(&self) -> String {
        let what = match self.origin {
            Origin::Explicit => "board",
            Origin::Team => "team board",
            Origin::Personal => "personal board",
        };
        format!("{what} at {}", self.root.display())
    }
}

/// `--board PATH` may name the board directory itself or a directory holding `.sprintboard/`.
pub fn explicit(path: &Path) -> Result<PathBuf, StoreError> {
    if path.join(BOARD_FILE).is_file() {
        return Ok(path.to_owned());
    }
    let team = path.join(TEAM_DIR);
    if team.join(BOARD_FILE).is_file() {
        return Ok(team);
    }
    Err(StoreError::NotFound(path.to_owned()))
}

/// The nearest `.sprintboard/` holding a `board.ron`, from `start` upwards.
pub fn find_team(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(TEAM_DIR)).find(|d| d.join(BOARD_FILE).is_file())
}

/// Where the personal board lives.
pub fn personal_root() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "sprintboard").map(|d| d.data_dir().join("board")).ok_or(StoreError::NoHome)
}

/// Finds the board to open; the personal board may not exist yet (see [`Origin::Personal`]).
pub fn locate(board: Option<&Path>, cwd: &Path) -> Result<Location, StoreError> {
    if let Some(path) = board {
        return Ok(Location { root: explicit(path)?, origin: Origin::Explicit });
    }
    if let Some(root) = find_team(cwd) {
        return Ok(Location { root, origin: Origin::Team });
    }
    Ok(Location { root: personal_root()?, origin: Origin::Personal })
}

#[cfg(test)]
mod tests;
