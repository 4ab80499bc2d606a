//! Whether given files of a board read, one by one, as the loader reads them: what `sync` asks of
//! every file before it commits or pushes, so nothing unreadable leaves this clone; and what
//! makes `board.ron` unreadable, for a command that could not open the board.

use std::path::Path;

use super::codec::{self, MAX_BOARD_BYTES, MAX_STORY_BYTES};
use super::error::{FileError, StoreError};
use super::layout::{BOARD_FILE, STORIES_DIR, is_story_file};
use super::read::read_limited;
use super::validate::{check_board, check_key};
use crate::domain::{BoardFile, Story};

/// The problems the reader has with each of `files` (paths under the board at `root`; files
/// that are not the board's, or no longer exist, are skipped): too large, not text, not
/// parsing, conflict markers, a key that is not the file's.
pub fn unreadable(root: &Path, files: &[std::path::PathBuf]) -> Vec<FileError> {
    // The prefix a story's key must have; an unreadable board.ron is said on its own.
    let prefix = read_limited(&root.join(BOARD_FILE), MAX_BOARD_BYTES)
        .ok()
        .flatten()
        .and_then(|b| codec::decode::<BoardFile>(&root.join(BOARD_FILE), &b, MAX_BOARD_BYTES).ok())
        .map(|b| b.prefix);
    let mut out = Vec::new();
    for path in files {
        let is_board = path == &root.join(BOARD_FILE);
        let is_story = path.parent() == Some(&root.join(STORIES_DIR)) && is_story_file(path);
        if !is_board && !is_story {
            continue;
        }
        let max = if is_board { MAX_BOARD_BYTES } else { MAX_STORY_BYTES };
        let bytes = match read_limited(path, max) {
            Ok(Some(b)) => b,
            Ok(None) => continue,
            Err(StoreError::Io { source, .. }) => {
                out.push(FileError::new(path, None, format!("cannot be read: {source}")));
                continue;
            }
            Err(e) => {
                out.push(FileError::new(path, None, e.to_string()));
                continue;
            }
        };
        let problem = if is_board {
            codec::decode::<BoardFile>(path, &bytes, max).err()
        } else {
            match codec::decode::<Story>(path, &bytes, max) {
                Err(e) => Some(e),
                Ok(story) => prefix.as_deref().and_then(|p| check_key(&story.key, p, path)).map(|message| {
                    let text = String::from_utf8_lossy(&bytes);
                    FileError::new(path, codec::field_position(&text, "key"), message)
                }),
            }
        };
        out.extend(problem);
    }
    out
}

/// What makes `board.ron` of the board at `root` unreadable, if anything does (a story file
/// never does: it is left out, see [`Store::damaged`](super::Store::damaged)).
pub fn board_file_problem(root: &Path) -> Option<FileError> {
    let path = root.join(BOARD_FILE);
    let bytes = match read_limited(&path, codec::MAX_BOARD_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return None,
        Err(StoreError::Bad(mut errors)) if !errors.is_empty() => return Some(errors.swap_remove(0)),
        Err(e) => return Some(FileError::new(&path, None, e.to_string())),
    };
    match codec::decode::<BoardFile>(&path, &bytes, codec::MAX_BOARD_BYTES) {
        Err(e) => Some(e),
        Ok(file) => check_board(&path, &String::from_utf8_lossy(&bytes), &file).0.into_iter().next(),
    }
}

#[cfg(test)]
mod tests;
