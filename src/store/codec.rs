//! Reading and writing RON files, with every bad-input check a person needs a clear message for.

use std::path::Path;

use ron::Options;
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::FileError;
use crate::domain::SCHEMA;

/// The largest story file read; anything bigger is refused unread. Four times what one clone
/// can write into a story by its own limits (see `domain::ops::MAX_COMMENTS_BYTES`): a merge
/// keeps both sides' comments and histories, and what two clones each legally added must merge
/// into a file every clone still reads. A bigger merge is left to a person as a conflict.
pub const MAX_STORY_BYTES: u64 = 4 << 20;
/// How the merge driver's notes in a conflicted file begin (a RON comment, so a side kept with
/// its note still reads): the first says what happened and the way out.
pub const DRIVER_NOTE: &str = "// sprintboard: ";
/// The largest `board.ron` read.
pub const MAX_BOARD_BYTES: u64 = 16 << 20;

fn options() -> Options {
    Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Writes a value as the RON a person reads, diffs and merges: one field per line, multi-line text
/// as raw strings.
pub fn encode<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = PrettyConfig::new().indentor("    ").escape_strings(false).struct_names(false);
    let mut out = options().to_string_pretty(value, config)?;
    out.push('\n');
    Ok(out)
}

/// The 1-based line and column (in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The place of the first line whose trimmed text starts with `field:`, for errors about a value
/// that parsed but refers to something that does not exist.
pub fn field_position(text: &str, field: &str) -> Option<(usize, usize)> {
    let needle = format!("{field}:");
    text.lines().enumerate().find_map(|(i, l)| {
        let trimmed = l.trim_start();
        trimmed.starts_with(&needle).then(|| (i + 1, l.len() - trimmed.len() + 1))
    })
}

#[derive(serde::Deserialize)]
struct SchemaProbe {
    schema: u32,
}

/// Checks the raw bytes of a file and parses them; `max` is the size limit it was read with.
pub fn decode<T: DeserializeOwned + Versioned>(path: &Path, bytes: &[u8], max: u64) -> Result<T, FileError> {
    let err = |at, msg: String| FileError::new(path, at, msg);
    if bytes.len() as u64 > max {
        return Err(err(
            None,
            format!("the whole file is larger than {} KiB, the most a file here may be", max / 1024),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(err(Some(position(good, good.len())), "the file is not valid UTF-8 text".into()));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(err(None, "the whole file is empty".into()));
    }
    if let Some((i, _)) = text.lines().enumerate().find(|(_, l)| {
        ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
            .iter()
            .any(|m| l.starts_with(m) && l[m.len()..].chars().next().is_none_or(|c| c == ' '))
    }) {
        // The merge driver marks only a field both sides changed, as `ours` / `theirs`; git's
        // own markers (HEAD, a branch) mean the driver was not used in this clone.
        let by_driver = text.lines().any(|l| l.trim_end() == "<<<<<<< ours");
        // A conflict over the whole file (a side that could not be read, a merge too large)
        // carries the driver's note of what happened and the way out.
        let note = text.lines().find_map(|l| l.strip_prefix(DRIVER_NOTE));
        let hint = if let Some(note) = note {
            note
        } else if by_driver {
            "both sides changed this field: keep one side's lines and delete the markers"
        } else {
            "keep the right lines and delete the markers (`sprintboard git-setup` lets git merge these files itself)"
        };
        return Err(err(Some((i + 1, 1)), format!("unresolved git merge conflict markers: {hint}")));
    }
    // One full parse on the happy path; the schema is looked at on its own only to explain a
    // failure (a newer version's file usually fails on a field this one does not know).
    let parsed = options().from_str::<T>(text);
    let schema = match &parsed {
        Ok(value) => value.schema(),
        Err(_) => options().from_str::<SchemaProbe>(text).map(|p| p.schema).ok(),
    };
    if let Some(schema) = schema.filter(|s| *s > SCHEMA || *s == 0) {
        let message = if schema == 0 {
            format!("schema 0 does not exist; this one reads schema {SCHEMA}")
        } else {
            format!(
                "written by a newer sprintboard (schema {schema}; this one reads schema {SCHEMA}): upgrade sprintboard"
            )
        };
        return Err(err(field_position(text, "schema"), message));
    }
    parsed.map_err(|e| {
        let at = Some((e.span.start.line, e.span.start.col));
        let line = text.lines().nth(e.span.start.line.saturating_sub(1)).unwrap_or("");
        err(at, not_a_whole_number(line).unwrap_or_else(|| describe(&e.code)))
    })
}

/// A stored document that carries a schema version.
pub trait Versioned {
    fn schema(&self) -> Option<u32>;
}

impl Versioned for crate::domain::Story {
    fn schema(&self) -> Option<u32> {
        Some(self.schema)
    }
}

impl Versioned for crate::domain::BoardFile {
    fn schema(&self) -> Option<u32> {
        Some(self.schema)
    }
}

/// `points: 1.0` stops RON at the `.` ("expected comma"): say what is wrong instead.
fn not_a_whole_number(line: &str) -> Option<String> {
    let (field, value) = line.trim().split_once(':')?;
    let value = value.trim().trim_end_matches(',').trim();
    let value = value.strip_prefix("Some(").and_then(|v| v.strip_suffix(')')).unwrap_or(value);
    (value.parse::<f64>().is_ok() && value.parse::<u64>().is_err() && !field.contains(char::is_whitespace))
        .then(|| format!("`{field}` takes a whole number (like 3), not {value}"))
}

/// RON's error, said the way this program speaks.
fn describe(e: &ron::Error) -> String {
    use ron::Error as E;
    match e {
        E::MissingStructField { field, .. } => format!("missing field `{field}`"),
        E::NoSuchStructField { found, expected, .. } => format!(
            "unknown field `{found}` (refused rather than dropped on the next save); the fields are {}",
            expected.join(", ")
        ),
        E::DuplicateStructField { field, .. } => format!("field `{field}` appears twice"),
        E::NoSuchEnumVariant { found, expected, .. } => {
            format!("unknown value `{found}`; expected one of {}", expected.join(", "))
        }
        E::ExceededRecursionLimit => "the file is nested too deeply".into(),
        E::Eof => "the file ends too early (is it truncated?)".into(),
        E::Message(m) => m.clone(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or(text)
        }
    }
}

#[cfg(test)]
mod tests;
