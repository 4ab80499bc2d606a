//! The stable JSON shape of a story, documented in the README: names where a person reads them
//! (column, sprint, epic: as the table of fields shows them), ids in the history. The keys are
//! the table's `json` names (tests/fields.rs checks each field is here under its name); the
//! shape is written out as a struct so that its order never moves with the table's.

use serde::Serialize;

use crate::domain::fields::{self, Field};
use crate::domain::{Board, Change, Moscow, Rice, ShortText, Story, Wsjf};

/// One story as `list --format json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySummary {
    pub key: ShortText,
    pub title: String,
    /// The column's name.
    pub status: String,
    /// The sprint's name; `null` in the backlog.
    pub sprint: Option<String>,
    pub rank: ShortText,
    pub points: Option<u32>,
    pub assignee: Option<ShortText>,
    /// The epic's name.
    pub epic: Option<String>,
    pub labels: Vec<ShortText>,
    /// The reason it is blocked; `null` when it is not.
    pub blocked: Option<String>,
}

/// One story as `show --format json` prints it: the summary plus every field and the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryDetail {
    #[serde(flatten)]
    pub summary: StorySummary,
    pub status_id: ShortText,
    pub sprint_id: Option<ShortText>,
    pub epic_id: Option<ShortText>,
    /// story, bug, task or spike.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Where `import` brought it from (`jira:WEB-12`, `trello:…`, `github:owner/repo#7`).
    pub origin: Option<String>,
    pub moscow: Option<Moscow>,
    pub rice: Option<Rice>,
    pub rice_score: Option<f64>,
    pub wsjf: Option<Wsjf>,
    pub wsjf_score: Option<f64>,
    pub description: String,
    pub acceptance: String,
    /// `{at, by, text}`, oldest first.
    pub comments: Vec<crate::domain::Comment>,
    /// The keys of the stories it waits on.
    pub blocked_by: Vec<ShortText>,
    /// The keys of the stories that wait on it.
    pub blocks: Vec<ShortText>,
    pub created: String,
    pub updated: String,
    pub history: Vec<HistoryEntry>,
}

/// A history event: `change` is `created`, `status`, `sprint` or `blocked`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub at: String,
    pub by: ShortText,
    pub change: &'static str,
    /// Column or sprint id before (status and sprint changes), points before (`points`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<serde_json::Value>,
    /// Column or sprint id after (status and sprint changes), points after (`points`); for
    /// `created`, the column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<serde_json::Value>,
    /// For `created`, the sprint id it was created in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sprint: Option<Option<ShortText>>,
    /// For `blocked`: the reason, or `null` when unblocked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Option<String>>,
    /// For `overwrote`: the field saved over a change made elsewhere (whose value is `from`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<ShortText>,
}

impl StorySummary {
    pub fn new(board: &Board, s: &Story) -> StorySummary {
        StorySummary {
            key: s.key.clone(),
            title: s.title.clone(),
            status: fields::show(board, s, Field::Status),
            // `null` in the backlog, where the table's text says `backlog`.
            sprint: s.sprint.as_ref().map(|_| fields::show(board, s, Field::Sprint)),
            rank: s.rank.clone().into(),
            points: s.points,
            assignee: s.assignee.clone(),
            epic: s.epic.as_ref().map(|_| fields::show(board, s, Field::Epic)),
            labels: s.labels.clone(),
            blocked: s.blocked.clone(),
        }
    }
}

impl StoryDetail {
    pub fn new(board: &Board, s: &Story) -> StoryDetail {
        StoryDetail {
            summary: StorySummary::new(board, s),
            status_id: s.status.clone(),
            sprint_id: s.sprint.clone(),
            epic_id: s.epic.clone(),
            kind: s.kind.label(),
            origin: s.origin.as_ref().map(|o| o.id.clone()),
            moscow: s.moscow,
            rice: s.rice,
            rice_score: fields::score(s, Field::Rice),
            wsjf: s.wsjf,
            wsjf_score: fields::score(s, Field::Wsjf),
            description: s.description.clone(),
            acceptance: s.acceptance.clone(),
            comments: s.comments.clone(),
            blocked_by: s.blocked_by.clone(),
            blocks: board.blocks(&s.key).into_iter().map(ShortText::from).collect(),
            created: s.created.to_string(),
            updated: s.updated.to_string(),
            history: s.history.iter().map(HistoryEntry::new).collect(),
        }
    }
}

impl HistoryEntry {
    fn new(e: &crate::domain::Event) -> HistoryEntry {
        let mut h = HistoryEntry {
            at: e.at.to_string(),
            by: e.by.clone(),
            change: e.change.kind(),
            from: None,
            to: None,
            sprint: None,
            reason: None,
            field: None,
        };
        match &e.change {
            Change::Created { status, sprint } => {
                h.to = Some(status.as_str().into());
                h.sprint = Some(sprint.clone());
            }
            Change::Status { from, to } => {
                h.from = Some(from.as_str().into());
                h.to = Some(to.as_str().into());
            }
            Change::Sprint { from, to } => {
                h.from = Some(from.as_deref().into());
                h.to = Some(to.as_deref().into());
            }
            Change::Blocked { reason } => h.reason = Some(reason.clone()),
            Change::Points { from, to } => {
                h.from = Some((*from).into());
                h.to = Some((*to).into());
            }
            Change::Overwrote { field, theirs } => {
                h.field = Some(field.clone());
                h.from = Some(theirs.as_str().into());
            }
        }
        h
    }
}
