//! Three-way merge of store files, field by field: the git merge driver's logic.
//!
//! Each side is read, turned into a JSON value, and merged against the common ancestor: a field
//! changed on one side only takes that side; a field changed on both sides to different values
//! is a conflict. Lists of things with an `id` (sprints, columns, epics) merge item by item;
//! lists of words (labels, people) merge as sets; a story's history is the union of both
//! sides' events in time order (an event both sides added for the same change, as when both
//! closed the same sprint, once: the earlier), and so are its comments (only ever added);
//! `updated` is the later of the two; a sprint's
//! `started_at` and `closed_at`, and dates both sides filled in, the earlier of the two (both
//! started or closed it: it happened at the first). A conflict is written as
//! ordinary git conflict markers around the conflicting field's lines only, so the file says
//! what to do, and the loader points at the markers until they are resolved. A side that is not
//! a file of its kind, or a merge larger than the reader takes, is a conflict over the whole
//! file that says so ([`drive`]): never one side's silent win.
//!
//! This file reads the sides and joins them; the rule of each kind of field is in `value`, the
//! conflict markers in `markers`, and the driver's whole-file fallback in `driver`.

mod driver;
mod markers;
mod value;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::{BoardFile, Story};
use crate::store::codec::{self, Versioned};
pub use driver::{NOTE, Outcome, drive};
pub use markers::with_markers;
use value::merge_value;

/// The outcome of a merge: the text to write, and what conflicted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    /// The fields that conflicted, by their paths (`title`, `sprints[s1].capacity`).
    pub fn fields(&self) -> Vec<&str> {
        self.conflicts.iter().map(Conflict::field).collect()
    }
}

/// One conflict of a field-by-field merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Both sides changed this field, to different values.
    Changed(String),
    /// One side removed this item (a column, a sprint, an epic), the other changed it.
    RemovedAndChanged(String),
    /// Between them the two sides removed every item of a list that must keep one (the
    /// columns: a board without a workflow opens nowhere).
    NoneLeft(String),
}

impl Conflict {
    pub fn field(&self) -> &str {
        match self {
            Conflict::Changed(f) | Conflict::RemovedAndChanged(f) | Conflict::NoneLeft(f) => f,
        }
    }
}

/// What the conflicts of a merge are, in one phrase: `both sides changed title, points`.
pub fn describe(conflicts: &[Conflict]) -> String {
    let changed: Vec<&str> =
        conflicts.iter().filter(|c| matches!(c, Conflict::Changed(_))).map(Conflict::field).collect();
    let removed: Vec<&str> =
        conflicts.iter().filter(|c| matches!(c, Conflict::RemovedAndChanged(_))).map(Conflict::field).collect();
    let mut out = Vec::new();
    if !changed.is_empty() {
        out.push(format!("both sides changed {}", changed.join(", ")));
    }
    if !removed.is_empty() {
        out.push(format!("{} removed on one side and changed on the other", removed.join(", ")));
    }
    for c in conflicts.iter().filter(|c| matches!(c, Conflict::NoneLeft(_))) {
        out.push(format!("between them the two sides removed all the {}, and none would be left", c.field()));
    }
    out.join("; ")
}

/// One of the two versions a merge is given to join (an unreadable common ancestor is no
/// reason to stop: see [`drive`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// This clone's version.
    Ours,
    /// The version being merged in.
    Theirs,
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        })
    }
}

/// Why a merge could not be done field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmergeable {
    /// These sides are not a file of this kind (junk, truncated, nested too deeply, too large):
    /// each with why, as the reader says it.
    Unreadable(Vec<(Side, String)>),
    /// Something that cannot happen with two readable sides (a merged value that does not
    /// encode), said as it is.
    Failed(String),
}

impl std::fmt::Display for Unmergeable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unmergeable::Unreadable(sides) => {
                let each: Vec<String> =
                    sides.iter().map(|(side, why)| format!("{side} could not be read ({why})")).collect();
                f.write_str(&each.join("; "))
            }
            Unmergeable::Failed(why) => f.write_str(why),
        }
    }
}

/// The kind of file merged: its reader and its size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Story,
    Board,
}

impl Doc {
    /// The most the reader takes of a file of this kind.
    pub fn max_bytes(self) -> u64 {
        match self {
            Doc::Story => codec::MAX_STORY_BYTES,
            Doc::Board => codec::MAX_BOARD_BYTES,
        }
    }
}

fn parse<T: DeserializeOwned + Versioned>(bytes: &[u8], max: u64) -> Result<T, String> {
    codec::decode(std::path::Path::new(""), bytes, max).map_err(|e| match e.at {
        Some((line, col)) => format!("line {line}, column {col}: {}", e.message),
        None => e.message,
    })
}

fn to_value<T: Serialize>(v: &T) -> Result<Value, Unmergeable> {
    serde_json::to_value(v).map_err(|e| Unmergeable::Failed(e.to_string()))
}

/// Merges a story file (`base` empty when both sides added it).
pub fn merge_story(base: &str, ours: &str, theirs: &str, marker: usize) -> Result<Merged, Unmergeable> {
    merge_doc::<Story>(base.as_bytes(), ours.as_bytes(), theirs.as_bytes(), marker, codec::MAX_STORY_BYTES)
        .map(|(m, _)| m)
}

/// Merges `board.ron`.
pub fn merge_board(base: &str, ours: &str, theirs: &str, marker: usize) -> Result<Merged, Unmergeable> {
    merge_doc::<BoardFile>(base.as_bytes(), ours.as_bytes(), theirs.as_bytes(), marker, codec::MAX_BOARD_BYTES)
        .map(|(m, _)| m)
}

/// Merges the three versions. An unreadable base is merged without (as if both sides had
/// added the file, so every field they hold differently is a conflict), and said: the second
/// value is why the base could not be read.
fn merge_doc<T: Serialize + DeserializeOwned + Versioned>(
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    marker: usize,
    max: u64,
) -> Result<(Merged, Option<String>), Unmergeable> {
    let a = parse::<T>(ours, max);
    let b = parse::<T>(theirs, max);
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let mut sides = Vec::new();
            if let Err(why) = a {
                sides.push((Side::Ours, why));
            }
            if let Err(why) = b {
                sides.push((Side::Theirs, why));
            }
            return Err(Unmergeable::Unreadable(sides));
        }
    };
    let (o, base_unread) = if String::from_utf8_lossy(base).trim().is_empty() {
        (None, None)
    } else {
        match parse::<T>(base, max) {
            Ok(o) => (Some(to_value(&o)?), None),
            Err(why) => (None, Some(why)),
        }
    };
    let (a, b) = (to_value(&a)?, to_value(&b)?);
    let mut conflicts = Vec::new();
    let (ours_side, theirs_side) = merge_value(o.as_ref(), &a, &b, "", &mut conflicts);
    let encode = |v: Value| -> Result<String, Unmergeable> {
        let doc: T = serde_json::from_value(v).map_err(|e| Unmergeable::Failed(e.to_string()))?;
        codec::encode(&doc).map_err(|e| Unmergeable::Failed(e.to_string()))
    };
    let ours_text = encode(ours_side)?;
    if conflicts.is_empty() {
        return Ok((Merged { text: ours_text, conflicts }, base_unread));
    }
    let theirs_text = encode(theirs_side)?;
    Ok((Merged { text: with_markers(&ours_text, &theirs_text, marker), conflicts }, base_unread))
}

#[cfg(test)]
mod tests;
