//! Repairing a file that cannot be read: its own text in `$EDITOR`, with the problem noted on
//! top, written back (atomically, and only over the bytes it was read from) once it parses.
//! Until then nothing is written: the editor opens again with the new problem noted.

use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::codec::{self, MAX_BOARD_BYTES, MAX_STORY_BYTES};
use super::error::{FileError, StoreError};
use super::fingerprint::fingerprint;
use super::layout::{BOARD_FILE, STORIES_DIR};
use super::lock::lock;
use super::read::read_with_meta;
use super::validate::{check_board, check_key};
use crate::domain::{BoardFile, Story};

/// What became of a repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repaired {
    /// The file parses now and was written.
    Saved,
    /// The editor was left with nothing in it: nothing was written.
    Cancelled,
    /// The file could be read already (repaired elsewhere): nothing was done.
    AlreadyReadable,
}

/// Runs the editor on a text and returns what the person left in it.
pub type Editor<'a> = dyn FnMut(&str) -> Result<String, String> + 'a;

/// Larger than this is no text to edit: such a file is taken from git or removed.
const MAX_EDITABLE: u64 = 64 << 20;

/// The lines this program adds on top of the text (RON comments, taken off again).
const NOTE: &str = "// sprintboard: ";

/// Repairs the story file `stories/KEY.ron` of the board at `root` (whose prefix is `prefix`).
pub fn story(root: &Path, key: &str, prefix: &str, edit: &mut Editor<'_>) -> Result<Repaired, StoreError> {
    let path = root.join(STORIES_DIR).join(format!("{key}.ron"));
    let check = |p: &Path, bytes: &[u8]| -> Result<(), FileError> {
        let story: Story = codec::decode(p, bytes, MAX_STORY_BYTES)?;
        match check_key(&story.key, prefix, p) {
            Some(message) => {
                let at = codec::field_position(&String::from_utf8_lossy(bytes), "key");
                Err(FileError::new(p, at, message))
            }
            None => Ok(()),
        }
    };
    repair(root, &path, &check, edit)
}

/// Repairs the board's `board.ron`.
pub fn board_file(root: &Path, edit: &mut Editor<'_>) -> Result<Repaired, StoreError> {
    let check = |p: &Path, bytes: &[u8]| -> Result<(), FileError> {
        let file: BoardFile = codec::decode(p, bytes, MAX_BOARD_BYTES)?;
        let (errors, _) = check_board(p, &String::from_utf8_lossy(bytes), &file);
        errors.into_iter().next().map_or(Ok(()), Err)
    };
    repair(root, &root.join(BOARD_FILE), &check, edit)
}

type Check<'a> = dyn Fn(&Path, &[u8]) -> Result<(), FileError> + 'a;

fn repair(root: &Path, path: &Path, check: &Check<'_>, edit: &mut Editor<'_>) -> Result<Repaired, StoreError> {
    let Some((bytes, _)) = read_with_meta(path, MAX_EDITABLE)? else {
        return Err(StoreError::bad(path, None, "is not there any more: nothing to repair"));
    };
    if bytes.len() as u64 > MAX_EDITABLE {
        return Err(StoreError::bad(
            path,
            None,
            format!(
                "is larger than {} MiB, too large to edit: take one side with git (`git checkout --theirs -- FILE`) or remove it",
                MAX_EDITABLE >> 20
            ),
        ));
    }
    let Err(problem) = check(path, &bytes) else { return Ok(Repaired::AlreadyReadable) };
    let was = fingerprint(&bytes);
    let mut text = with_note(&String::from_utf8_lossy(&bytes), &problem);
    let fixed = loop {
        let edited = edit(&text).map_err(|message| StoreError::bad(path, None, message))?;
        let body = without_note(&edited);
        if body.trim().is_empty() {
            return Ok(Repaired::Cancelled);
        }
        match check(path, body.as_bytes()) {
            Ok(()) => break body,
            Err(problem) => text = with_note(&body, &problem),
        }
    };
    let _lock = lock(root)?;
    // Written only over what was edited: a file changed meanwhile (a pull, another repair) is
    // left as it is, and the text typed is kept for the person to use.
    let now = read_with_meta(path, MAX_EDITABLE)?.map(|(b, _)| fingerprint(&b));
    if now != Some(was) {
        let kept = keep_aside(path, &fixed);
        return Err(StoreError::bad(
            path,
            None,
            format!("changed on disk while it was in the editor, so nothing was written; {kept}"),
        ));
    }
    write_atomic(path, fixed.as_bytes())?;
    Ok(Repaired::Saved)
}

/// The text with its problem noted on top (its place moved down by the note's lines).
fn with_note(body: &str, problem: &FileError) -> String {
    let place = match problem.at {
        Some((line, col)) => format!("line {}, column {col}: ", line + 2),
        None => String::new(),
    };
    format!(
        "{NOTE}{} cannot be read: {place}{}\n{NOTE}fix it, then save and close the editor; lines like these are ignored, an empty file cancels\n{body}",
        problem.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        problem.message.replace('\n', " "),
    )
}

/// The text without the notes added on top.
fn without_note(text: &str) -> String {
    let mut rest = text;
    while rest.starts_with(NOTE) {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest.to_owned()
}

/// Keeps a repair that could not be written in a file of its own; says where.
fn keep_aside(path: &Path, text: &str) -> String {
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let kept: Option<PathBuf> = tempfile::Builder::new()
        .prefix(&format!("sprintboard-repair-{name}-"))
        .tempfile()
        .ok()
        .and_then(|f| std::fs::write(f.path(), text).ok().and_then(|()| f.keep().ok()).map(|(_, p)| p));
    match kept {
        Some(p) => format!("what you wrote is kept in {}", p.display()),
        None => "what you wrote could not be kept".into(),
    }
}

#[cfg(test)]
mod tests;
