//! Reading other trackers' exports: a Jira CSV export, a Trello board export (JSON), GitHub
//! issues (`gh issue list --json …` or the REST API's shape) and this board's own
//! `export --format json`. Each parser turns its file into an [`Export`]: what the source says,
//! with nothing decided about this board yet, and what it skipped and why. [`apply`] then maps
//! it onto a board and says what it did with every record and field.

mod apply;
mod github;
mod jira;
mod own;
mod summary;
mod trello;

/// The hash an import keeps of each field's value, which the GitHub sync keeps too.
pub(crate) use apply::tracked::hash as field_hash;
pub use apply::{Options, apply};
pub use github::github_json;
pub use jira::jira_csv;
pub use own::{Snapshot as OwnExport, apply_own, sprintboard_json};
pub use summary::Summary;
pub use trello::trello_json;

use jiff::civil::Date;

/// How far along the source says a record is, whatever its status is called there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    ToDo,
    InProgress,
    Done,
}

impl Progress {
    /// Jira's status categories (and the words trackers use for them).
    fn parse(s: &str) -> Option<Progress> {
        match s.trim().to_lowercase().as_str() {
            "to do" | "todo" | "new" | "open" => Some(Progress::ToDo),
            "in progress" | "indeterminate" => Some(Progress::InProgress),
            "done" | "complete" | "closed" => Some(Progress::Done),
            _ => None,
        }
    }
}

/// One story as the source has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Where it is in the export, for messages: `line 12`, `card 3`, `issue 7`.
    pub place: String,
    /// Its id in the source, kept in the story: `jira:WEB-1`, `trello:5f…`, `github:o/r#7`;
    /// empty when the export has none (then every import adds it anew).
    pub origin: String,
    pub title: String,
    pub description: String,
    pub acceptance: String,
    /// The source's issue type (`Bug`, `Story`, …), matched to a story type.
    pub kind: Option<String>,
    /// The source's status or list name, matched against the board's columns.
    pub status: Option<String>,
    /// What the source says of its progress beyond the status's name (a resolution, a
    /// status category, a closed issue).
    pub progress: Option<Progress>,
    /// As the source writes them (decimals too).
    pub points: Option<f64>,
    /// Everyone assigned, the first first.
    pub assignees: Vec<String>,
    /// As the source writes them.
    pub labels: Vec<String>,
    /// Every sprint (or milestone) it was in; the last is where it is now.
    pub sprints: Vec<String>,
    /// The source puts it in a backlog (a Trello list named like one).
    pub backlog: bool,
    /// The source has no sprints: the record is current work (the active sprint, if any).
    pub current: bool,
    /// The origin id of its epic.
    pub epic: Option<String>,
    /// Sorts in the source's order (Jira's LexoRank, Trello's positions); records without one
    /// come after, in file order.
    pub order: Option<String>,
    /// The origin ids of the records it blocks.
    pub blocks: Vec<String>,
    /// The origin ids of the records it waits on.
    pub blocked_by: Vec<String>,
}

/// An epic as the source has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EpicRecord {
    pub origin: String,
    pub name: String,
    pub description: String,
}

/// A sprint the source defines (a GitHub milestone), with what it knows of its dates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SprintRecord {
    pub name: String,
    pub end: Option<Date>,
    /// When the source does not say when it ended: the last day work in it was finished, to
    /// put sprints in order (not kept as the sprint's end).
    pub seen: Option<Date>,
}

/// A list of a board-shaped source (Trello), in the source's order: each becomes a column, or
/// the backlog.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListRecord {
    pub name: String,
    /// Its name reads as a backlog (Backlog, Ideas, Icebox, Someday, Future…).
    pub backlog: bool,
}

/// Something in the export that is not imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub place: String,
    pub title: String,
    pub reason: String,
}

/// Everything an export holds, as the source has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Export {
    /// The tracker's name, for the summary.
    pub source: &'static str,
    pub records: Vec<Record>,
    pub epics: Vec<EpicRecord>,
    pub sprints: Vec<SprintRecord>,
    /// The source's open lists, in its order (Trello); empty for a tracker without lists.
    pub lists: Vec<ListRecord>,
    /// The source board's name, for the sprint its current work goes to when none is active.
    pub board_name: Option<String>,
    /// How to make an export whose records have ids, said when one has none.
    pub with_ids: &'static str,
    pub skipped: Vec<Skipped>,
    /// The source's fields that were read, and where they went (`Summary → title`).
    pub mapped: Vec<String>,
    /// The source's fields that hold values but are not imported.
    pub ignored: Vec<String>,
}

fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// The date at the start of an ISO 8601 date or time (`2026-12-24`, `2026-12-24T17:00:00Z`).
fn date_of(s: &str) -> Option<Date> {
    s.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests;
