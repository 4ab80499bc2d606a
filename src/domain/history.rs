//! A story's history: every change of status, sprint, blocked flag or estimate, with its time
//! and author. Velocity, burndown and cycle time are computed from it, so it is recorded from
//! the start.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::short_text::ShortText;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub at: Timestamp,
    pub by: ShortText,
    pub change: Change,
}

// Refused at every depth, like at the top: an unknown field inside an event would otherwise be
// dropped on the next save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Change {
    /// The story was created in this column and sprint.
    Created { status: ShortText, sprint: Option<ShortText> },
    /// Column ids.
    Status { from: ShortText, to: ShortText },
    /// Sprint ids; `None` is the backlog.
    Sprint { from: Option<ShortText>, to: Option<ShortText> },
    /// Flagged blocked with a reason, or unflagged (`None`).
    Blocked { reason: Option<String> },
    /// Re-estimated: the points before and after (`None`: no estimate).
    Points { from: Option<u32>, to: Option<u32> },
    /// A field (its name in the table of fields) was saved over a value another person set
    /// while it was being edited here, after asking: their value is kept here, so it is not lost.
    Overwrote { field: ShortText, theirs: String },
}

impl Change {
    /// The short name used in JSON output.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Created { .. } => "created",
            Change::Status { .. } => "status",
            Change::Sprint { .. } => "sprint",
            Change::Blocked { .. } => "blocked",
            Change::Points { .. } => "points",
            Change::Overwrote { .. } => "overwrote",
        }
    }
}
