//! The git commands at the command line: `git-setup`, `merge-driver` and `sync`. Each finds
//! the board, calls `share` (which does the work and returns what happened) and says it.

use std::path::{Path, PathBuf};

use super::CliError;
use crate::share::{self, ShareError};
use crate::store::layout;

/// Everything sharing refuses is a refusal (exit 1), in its own words.
impl From<ShareError> for CliError {
    fn from(e: ShareError) -> CliError {
        CliError::refused(e.to_string())
    }
}

/// The team board named by `--board`, or the one here or above; `missing` says what to do when
/// there is none.
fn team_board(board: Option<&Path>, missing: &str) -> Result<PathBuf, CliError> {
    let cwd = std::env::current_dir().map_err(|e| CliError::bad(format!("cannot read the current directory: {e}")))?;
    match board {
        Some(b) => Ok(layout::explicit(b)?),
        None => layout::find_team(&cwd).ok_or_else(|| CliError::refused(missing)),
    }
}

/// `sprintboard git-setup`: the per-clone half of the merge driver set-up.
pub fn setup(board: Option<&Path>) -> Result<(), CliError> {
    let root = team_board(board, "no team board (.sprintboard/) here or above: run this inside the clone")?;
    let registered = share::setup::register(&root)?;
    println!("Registered the sprintboard merge driver in {}", registered.top.display());
    // A fresh clone has the attributes already (they are committed with the board): then only
    // this clone's git config changed, and there is nothing to commit.
    if registered.had_attributes {
        println!("Edits of different fields of one story now merge cleanly; nothing to commit");
    } else {
        println!(
            "Edits of different fields of one story now merge cleanly; commit {}",
            registered.attributes.display()
        );
    }
    Ok(())
}

/// `sprintboard merge-driver %O %A %B %L %P`: git's merge driver. The result goes into the
/// `ours` file; exit 0 when clean, 1 on a conflict, saying on standard error (which git
/// shows) what conflicted.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, marker: usize, name: &str) -> Result<u8, CliError> {
    let merged = share::driver::merge_files(base, ours, theirs, marker, name)?;
    if let Some(said) = &merged.said {
        eprintln!("{said}");
    }
    Ok(if merged.clean { 0 } else { 1 })
}

/// `sprintboard sync`: commit the board's changes, pull (the driver merges), check what the
/// merge made, sync with the board's issue tracker (unless `no_remote`), push; then what the
/// merge left wrong on the board, on standard error. A tracker sync that fails does not stop
/// the git sync: it is said after it, and the exit is 1.
pub fn sync(board: Option<&Path>, no_remote: bool) -> Result<(), CliError> {
    let root = team_board(board, "no team board (.sprintboard/) here or above")?;
    let has_remote =
        !no_remote && crate::store::Store::open_places(&root).is_ok_and(|(_, b)| !b.file.remotes.is_empty());
    let mut tracker = Ok(());
    let mut between = || {
        if has_remote {
            tracker = super::remote::between(Some(&root));
        }
    };
    let synced = share::sync::sync_with(&root, &mut between)?;
    match (&synced.remote, synced.done.is_empty()) {
        (Some(remote), true) => println!("Nothing to do: the board is up to date with {remote}"),
        _ => {
            let done: Vec<String> = synced.done.iter().map(ToString::to_string).collect();
            println!("{}", done.join("; "));
        }
    }
    // The merge itself is fine; what it made of the board is said, each with its fix.
    if !synced.problems.is_empty() {
        eprintln!(
            "The merge left {} on the board, each with its fix:",
            crate::text::count(synced.problems.len(), "problem", "problems")
        );
        for p in &synced.problems {
            eprintln!("warning: {p}");
        }
    }
    tracker
}
