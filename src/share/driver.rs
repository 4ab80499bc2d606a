//! The merge driver git runs for the board's files (`merge-driver %O %A %B %L %P`): reads the
//! three sides, has `interop::merge` merge them field by field, writes the result over ours, and
//! says what conflicted in a line `sync` reads back out of git's output.

use std::path::Path;

use super::ShareError;
use crate::interop::merge;

/// How the merge driver's lines on standard error begin (`sync` picks them out of git's output).
const DRIVER_SAYS: &str = "sprintboard: ";

/// What the driver made of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Whether the merge was clean (git's exit 0) or left a conflict (exit 1).
    pub clean: bool,
    /// The line for standard error, which git shows and `sync` reads: the fields both sides
    /// changed, a side that could not be read, or a result too large to read.
    pub said: Option<String>,
}

/// Merges `base`, `ours` and `theirs` (the board file `name`, with conflict markers `marker`
/// long) and writes the result into `ours`. Never panics, and never writes a file over the
/// reader's limit; a side that cannot be read is merged as empty (a conflict over the file).
pub fn merge_files(base: &Path, ours: &Path, theirs: &Path, marker: usize, name: &str) -> Result<Merged, ShareError> {
    let read = |p: &Path| std::fs::read(p).unwrap_or_default();
    let (o, a, b) = (read(base), read(ours), read(theirs));
    let doc = if Path::new(name).file_name().is_some_and(|n| n == "board.ron") {
        merge::Doc::Board
    } else {
        merge::Doc::Story
    };
    let outcome = merge::drive(doc, &o, &a, &b, marker, name);
    std::fs::write(ours, &outcome.text).map_err(|source| ShareError::Write { path: ours.to_owned(), source })?;
    let said = outcome.message.map(|message| format!("{DRIVER_SAYS}{name}: {message}"));
    Ok(Merged { clean: outcome.clean, said })
}

/// The merge driver's lines in git's output (`sprintboard: PATH: what happened`), by path.
pub fn lines_in(stderr: &str) -> Vec<(String, String)> {
    stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix(DRIVER_SAYS)?.split_once(": "))
        .map(|(path, said)| (path.to_owned(), said.to_owned()))
        .collect()
}
