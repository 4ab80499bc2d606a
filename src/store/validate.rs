//! The checks of a board's files once they parse: what makes `board.ron` unusable, what a merge
//! of two good versions can leave wrong in it, a story's key against its file's name, and a
//! story's references to the sprints, columns and epics of `board.ron`.

use std::collections::HashSet;
use std::path::Path;

use super::codec;
use super::error::FileError;
use crate::domain::{BoardFile, SprintState, Story};

/// `board.ron` on its own: what makes it unusable (errors), and what a merge of two good
/// versions can produce and a command can fix (warnings, the board still opens).
pub(super) fn check_board(path: &Path, text: &str, b: &BoardFile) -> (Vec<FileError>, Vec<FileError>) {
    let mut errors = Vec::new();
    let mut err = |field: &str, msg: String| errors.push(FileError::new(path, codec::field_position(text, field), msg));
    if b.prefix.is_empty() || b.prefix.len() > 10 || !b.prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        err("prefix", format!("prefix {:?} must be 1 to 10 letters or digits", b.prefix));
    }
    if b.columns.is_empty() {
        err("columns", "the workflow needs at least one column".into());
    }
    let mut warnings = Vec::new();
    let mut warn =
        |field: &str, msg: String| warnings.push(FileError::new(path, codec::field_position(text, field), msg));
    for (what, ids) in [
        ("column", b.columns.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()),
        ("sprint", b.sprints.iter().map(|s| s.id.as_str()).collect()),
        ("epic", b.epics.iter().map(|e| e.id.as_str()).collect()),
    ] {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                warn(&format!("{what}s"), format!("two {what}s have the id {id:?}; the first one is used"));
            }
        }
    }
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    for d in &b.working_days {
        if !DAYS.iter().any(|n| n.eq_ignore_ascii_case(d.trim())) {
            warn("working_days", format!("{d:?} is not a day: working_days takes {}", DAYS.join(", ")));
        }
    }
    let active: Vec<&str> =
        b.sprints.iter().filter(|s| s.state == SprintState::Active).map(|s| s.name.as_str()).collect();
    if let [first, .., last] = active[..] {
        warn(
            "sprints",
            format!(
                "more than one sprint is active ({}), as when two clones each started one; the board shows \
                 {first}: `sprintboard sprint stop \"{last}\"` puts {last} back to planned \
                 (or `sprintboard sprint close \"{last}\"` closes it)",
                active.join(", ")
            ),
        );
    }
    (errors, warnings)
}

/// A story's key must be the board's prefix, a dash and a code of letters and digits, and its
/// file must be named after it (writes go to `stories/KEY.ron`).
pub(super) fn check_key(key: &str, prefix: &str, path: &Path) -> Option<String> {
    if !crate::domain::key::is_of_board(key, prefix) {
        return Some(format!(
            "{key:?} is not a story key of this board: keys are {prefix}- and letters or digits (like {prefix}-K7QX)"
        ));
    }
    if key.bytes().any(|b| b.is_ascii_lowercase()) {
        return Some(format!("the key {key:?} must be written in capitals ({})", key.to_ascii_uppercase()));
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != key {
        return Some(format!(
            "the key {key} does not match the file's name ({stem}.ron): rename the file to {key}.ron"
        ));
    }
    None
}

/// The ids a story may refer to, looked up in constant time (a board may hold 100,000 stories
/// and dozens of sprints).
pub(super) struct Refs<'a> {
    sprints: HashSet<&'a str, super::Hasher>,
    columns: HashSet<&'a str, super::Hasher>,
    epics: HashSet<&'a str, super::Hasher>,
}

impl<'a> Refs<'a> {
    pub(super) fn of(b: &'a BoardFile) -> Refs<'a> {
        Refs {
            sprints: b.sprints.iter().map(|s| s.id.as_str()).collect(),
            columns: b.columns.iter().map(|c| c.id.as_str()).collect(),
            epics: b.epics.iter().map(|e| e.id.as_str()).collect(),
        }
    }
}

/// A story's references to the board: each problem with the field it is about.
pub(super) fn check_story(s: &Story, refs: &Refs) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    if let Some(sprint) = &s.sprint
        && !refs.sprints.contains(sprint.as_str())
    {
        errors.push((
            "sprint",
            format!(
                "{} is in sprint {sprint:?}, which board.ron does not have: `sprintboard move {} --sprint NAME` (or backlog) puts it in one",
                s.key, s.key
            ),
        ));
    }
    if !refs.columns.contains(s.status.as_str()) {
        errors.push((
            "status",
            format!(
                "{} has status {:?}, which is not a column of board.ron: `sprintboard move {} --status COLUMN` puts it in one",
                s.key, s.status, s.key
            ),
        ));
    }
    if let Some(epic) = &s.epic
        && !refs.epics.contains(epic.as_str())
    {
        errors.push((
            "epic",
            format!(
                "{} belongs to epic {epic:?}, which board.ron does not have: `sprintboard edit {} --epic none` (or another epic) fixes it",
                s.key, s.key
            ),
        ));
    }
    errors
}
