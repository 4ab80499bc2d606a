//! The change in progress: how a change of several files is always finished.
//!
//! One file is replaced atomically, so a change of one file is whole or not made. A change of
//! several (closing a sprint carries each unfinished story over; deleting a story unlinks it
//! from every story that waited on it; removing a column or an epic rewrites each story in it;
//! an import creates thousands) cannot be made atomically with files. Ordering the writes alone
//! does not do either: what a half-written column removal, epic deletion, story deletion or
//! import leaves is a board that looks legitimate (some stories moved, some unlinked, some
//! imported), so nothing could tell that work is pending, and making the change again on the
//! half-changed board does not give what one run would have (a sprint's carried stories would
//! get other ranks, an import's rows another order).
//!
//! So, as git keeps its merge state, a change of more than one file is first written whole to
//! a journal in the board's directory (`.unfinished.ron.journal`, kept out of git by the
//! board's `.gitignore`: `.*.ron.*`): for each file, a fingerprint of what it held and what it
//! will hold. Then the files are written, then the journal is removed. After a crash, `kill -9`
//! or a lost power, the journal is still there, and:
//!
//! - the next command (and the TUI when it opens or saves) finishes the change first, under the
//!   store's lock: each file that still holds what it held before gets what the change gives it,
//!   byte for byte, so the board is what one uninterrupted run gives; a file that someone
//!   changed since (an editor, `git pull`) is left as it is and named;
//! - running the interrupted command again finishes it and stops there (`Finished the
//!   interrupted …`), like `git merge --continue`: the same command twice is not run twice;
//! - `sprintboard check` reports it, with that command, until it is finished.
//!
//! The journal holds whole files (an import of 2,000 rows: about a megabyte), written once and
//! fsynced once; next to fsyncing each of those files, it costs little.

mod command;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{sync_dir, write_atomic};
use super::codec::{self, Versioned};
use super::error::StoreError;
use super::fingerprint::fingerprint;
pub use super::layout::JOURNAL_FILE;
use super::layout::{BOARD_FILE, STORIES_DIR, is_story_file};
use super::lock::wait_for_savers;
use super::read::read_limited;
pub use command::{command, set_command, shell_words};
/// The largest journal read: an import of the largest export this program reads (64 MiB),
/// written out as story files, with room to spare.
const MAX_JOURNAL_BYTES: u64 = 512 << 20;
const JOURNAL_SCHEMA: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Journal<'a> {
    schema: u32,
    /// The command whose change this is, as typed after `sprintboard` (without `--board`);
    /// none: a change made in the TUI.
    #[serde(default)]
    command: Option<Vec<String>>,
    files: Vec<Entry<'a>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry<'a> {
    /// Relative to the board's directory: `board.ron` or `stories/KEY.ron`.
    path: String,
    /// A fingerprint of what the file held before the change; none: it was not there.
    before: Option<u64>,
    /// What the file holds once the change is made; none: it is removed. Borrowed from the
    /// save's own bytes when written (a big import is not held twice).
    after: Option<Cow<'a, str>>,
}

impl Versioned for Journal<'_> {
    fn schema(&self) -> Option<u32> {
        Some(self.schema)
    }
}

fn journal_path(root: &Path) -> PathBuf {
    root.join(JOURNAL_FILE)
}

/// The path a journal entry names, inside the board: `board.ron` or a story file, nothing
/// else (a journal is never trusted to write anywhere else).
fn entry_path(root: &Path, name: &str) -> Option<PathBuf> {
    if name == BOARD_FILE {
        return Some(root.join(BOARD_FILE));
    }
    let file = name.strip_prefix(STORIES_DIR)?.strip_prefix('/')?;
    let valid =
        is_story_file(Path::new(file)) && file.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    valid.then(|| root.join(STORIES_DIR).join(file))
}

/// The path of a board file relative to the board's directory, as a journal names it.
fn entry_name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Writes the journal of a change before any of its files: `writes` are the files with what
/// each will hold (none: removed), `before` the fingerprint of what each holds now.
pub(super) fn begin(
    root: &Path,
    writes: &[(PathBuf, Option<Vec<u8>>)],
    before: &[Option<u64>],
) -> Result<(), StoreError> {
    let path = journal_path(root);
    let files = writes
        .iter()
        .zip(before)
        .map(|((p, bytes), before)| {
            let after = match bytes {
                Some(b) => Some(Cow::Borrowed(
                    std::str::from_utf8(b)
                        .map_err(|_| StoreError::bad(p, None, "cannot be written: not UTF-8 text"))?,
                )),
                None => None,
            };
            Ok(Entry { path: entry_name(root, p), before: *before, after })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let journal = Journal { schema: JOURNAL_SCHEMA, command: command().map(<[String]>::to_vec), files };
    // Strings escaped, one entry per line or so: a story's text may hold a line that looks like
    // a conflict marker, which the reader refuses at the start of a line.
    let config = ron::ser::PrettyConfig::new().escape_strings(true).struct_names(false);
    let text = ron::Options::default()
        .to_string_pretty(&journal, config)
        .map_err(|e| StoreError::bad(&path, None, format!("cannot be written: {e}")))?;
    write_atomic(&path, text.as_bytes())
}

/// Removes the journal once every file of its change is written.
pub(super) fn end(root: &Path) -> Result<(), StoreError> {
    let path = journal_path(root);
    match std::fs::remove_file(&path) {
        Ok(()) => sync_dir(root),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(&path, e)),
    }
}

fn read(root: &Path) -> Result<Option<Journal<'static>>, StoreError> {
    let path = journal_path(root);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(&path, e)),
        Ok(m) if !m.is_file() => {
            return Err(StoreError::bad(
                &path,
                None,
                "is not a regular file, so it was not followed: remove it (`rm` it) to go on",
            ));
        }
        Ok(_) => {}
    }
    let Some(bytes) = read_limited(&path, MAX_JOURNAL_BYTES)? else { return Ok(None) };
    codec::decode::<Journal>(&path, &bytes, MAX_JOURNAL_BYTES).map(Some).map_err(|mut e| {
        e.message = format!(
            "{}; it records a change that was interrupted, and cannot be finished: check the board, then remove this file",
            e.message
        );
        StoreError::Bad(vec![e])
    })
}

/// Where one file of the journal's change stands.
enum State {
    /// It holds what the change gives it.
    Done,
    /// It still holds what it held before: the change is to be made.
    ToDo,
    /// Someone changed it since: it is left as it is.
    ChangedSince,
}

fn state(path: &Path, entry: &Entry) -> Result<State, StoreError> {
    let now = read_limited(path, codec::MAX_BOARD_BYTES)?.map(|b| fingerprint(&b));
    let after = entry.after.as_ref().map(|a| fingerprint(a.as_bytes()));
    Ok(if now == after {
        State::Done
    } else if now == entry.before {
        State::ToDo
    } else {
        State::ChangedSince
    })
}

/// A change that was interrupted and is not finished yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The command that made it (none: the TUI).
    pub command: Option<Vec<String>>,
    /// How many files it writes or removes in all, and how many are still to do.
    pub files: usize,
    pub to_do: usize,
}

impl Pending {
    /// What `check` says about it, with the command that finishes it.
    pub fn message(&self) -> String {
        let left =
            format!("{} of its {} not written yet", self.to_do, crate::text::count(self.files, "file is", "files are"));
        match &self.command {
            Some(args) => {
                let cmd = shell_words(args);
                format!("`{cmd}` was interrupted and {left}: run `{cmd}` again to finish it")
            }
            None => format!(
                "a change made in the TUI was interrupted and {left}: open the board (`sprintboard`) to finish it"
            ),
        }
    }
}

/// The interrupted change of the board at `root`, if one is left to finish (read only; waits
/// while another sprintboard is saving, whose journal is not an interrupted one).
pub fn pending(root: &Path) -> Result<Option<Pending>, StoreError> {
    if !journal_path(root).exists() {
        return Ok(None);
    }
    let _shared = wait_for_savers(root);
    let Some(journal) = read(root)? else { return Ok(None) };
    let mut to_do = 0;
    for entry in &journal.files {
        let Some(path) = entry_path(root, &entry.path) else { continue };
        if !matches!(state(&path, entry)?, State::Done) {
            to_do += 1;
        }
    }
    Ok((to_do > 0).then_some(Pending { command: journal.command, files: journal.files.len(), to_do }))
}

/// What finishing an interrupted change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// The command that made it (none: the TUI).
    pub command: Option<Vec<String>>,
    /// How many files were written or removed now.
    pub written: usize,
    /// The files someone changed since, left as they are.
    pub changed_since: Vec<PathBuf>,
}

impl Finished {
    /// One line for standard error or the status line.
    pub fn message(&self) -> String {
        let what = match &self.command {
            Some(args) => format!("`{}`", shell_words(args)),
            None => "a change made in the TUI".to_owned(),
        };
        let mut out = format!(
            "finished {what}, which was interrupted: {} written now",
            crate::text::count(self.written, "file", "files")
        );
        if !self.changed_since.is_empty() {
            let names: Vec<String> = self.changed_since.iter().take(5).map(|p| p.display().to_string()).collect();
            let more = self.changed_since.len().saturating_sub(5);
            out.push_str(&format!(
                "; {} changed since and left as {}: {}{}",
                crate::text::count(self.changed_since.len(), "file was", "files were"),
                if self.changed_since.len() == 1 { "it is" } else { "they are" },
                names.join(", "),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            ));
        }
        out
    }

    /// Whether the finished change was made by this very command line.
    pub fn is_command(&self, args: &[String]) -> bool {
        self.command.as_deref() == Some(args)
    }
}

/// Finishes the interrupted change recorded in the journal, if there is one. The caller holds
/// the store's lock.
pub(super) fn finish_locked(root: &Path) -> Result<Option<Finished>, StoreError> {
    let Some(journal) = read(root)? else { return Ok(None) };
    let mut written = 0;
    let mut changed_since = Vec::new();
    for entry in &journal.files {
        let Some(path) = entry_path(root, &entry.path) else {
            // Not a board file (this program never writes such a journal): left alone, and named
            // with its escapes shown, never sent to the terminal raw.
            changed_since.push(PathBuf::from(entry.path.escape_debug().to_string()));
            continue;
        };
        match state(&path, entry)? {
            State::Done => {}
            State::ChangedSince => changed_since.push(path),
            State::ToDo => {
                match &entry.after {
                    Some(text) => {
                        // The save made `stories/` before its journal; someone may have
                        // removed it since (it held nothing yet).
                        if path.parent() != Some(root) {
                            super::atomic::ensure_stories_dir(root)?;
                        }
                        write_atomic(&path, text.as_bytes())?
                    }
                    None => {
                        std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, e))?;
                        if let Some(dir) = path.parent() {
                            sync_dir(dir)?;
                        }
                    }
                }
                written += 1;
            }
        }
    }
    end(root)?;
    Ok(Some(Finished { command: journal.command, written, changed_since }))
}

/// Debug builds only: `SPRINTBOARD_DEBUG_KILL_AFTER_WRITES=N` kills this process with SIGKILL,
/// as `kill -9` does, once N files of the board were written (after the journal; N at most
/// the number of files: after the last one, before the journal is removed). The crash tests
/// stop a command at an exact point with it instead of racing a timer.
pub(super) fn crash_point() {
    #[cfg(all(debug_assertions, unix))]
    {
        use std::sync::OnceLock;
        use std::sync::atomic::{AtomicUsize, Ordering};
        static LIMIT: OnceLock<Option<usize>> = OnceLock::new();
        static WRITTEN: AtomicUsize = AtomicUsize::new(0);
        let limit = LIMIT.get_or_init(|| {
            std::env::var("SPRINTBOARD_DEBUG_KILL_AFTER_WRITES").ok().and_then(|v| v.trim().parse().ok())
        });
        if let Some(limit) = *limit
            && WRITTEN.fetch_add(1, Ordering::SeqCst) == limit
        {
            // SAFETY: raise(2) with a valid signal number; SIGKILL ends the process at once.
            unsafe {
                libc::raise(libc::SIGKILL);
            }
        }
    }
}

#[cfg(test)]
mod tests;
