//! The size limits on what is written: never a file the reader would refuse as too large
//! ([`codec::MAX_STORY_BYTES`], [`codec::MAX_BOARD_BYTES`]), and a message that names the part
//! that made it so.
//!
//! [`codec::MAX_STORY_BYTES`]: super::codec::MAX_STORY_BYTES
//! [`codec::MAX_BOARD_BYTES`]: super::codec::MAX_BOARD_BYTES

use std::path::Path;

use super::error::StoreError;
use crate::domain::{BoardFile, Story};

/// Never writes what the reader would refuse: a file over its size limit is not written, and the
/// message names the part that made it so.
pub(super) fn within_limit(
    path: &Path,
    bytes: &[u8],
    max: u64,
    largest: impl Fn() -> (&'static str, usize),
) -> Result<(), StoreError> {
    if bytes.len() as u64 <= max {
        return Ok(());
    }
    let (part, size) = largest();
    Err(StoreError::bad(
        path,
        None,
        format!(
            "would be {} KiB, more than the {} KiB a file here may be (the {part} alone is {} KiB); nothing was written",
            bytes.len().div_ceil(1024),
            max / 1024,
            size.div_ceil(1024)
        ),
    ))
}

pub(super) fn largest_story_part(s: &Story) -> (&'static str, usize) {
    let history: usize = s.history.iter().map(|e| e.by.len() + 64).sum();
    let comments: usize = s.comments.iter().map(|c| c.by.len() + c.text.len() + 64).sum();
    [
        ("description", s.description.len()),
        ("acceptance criteria", s.acceptance.len()),
        ("history", history),
        ("comments", comments),
    ]
    .into_iter()
    .max_by_key(|(_, n)| *n)
    .unwrap_or(("story", 0))
}

pub(super) fn largest_board_part(b: &BoardFile) -> (&'static str, usize) {
    let epics: usize = b.epics.iter().map(|e| e.name.len() + e.description.len()).sum();
    let sprints: usize = b.sprints.iter().map(|s| s.name.len() + s.goal.len() + 128).sum();
    [("epics", epics), ("sprints", sprints)].into_iter().max_by_key(|(_, n)| *n).unwrap_or(("board", 0))
}
