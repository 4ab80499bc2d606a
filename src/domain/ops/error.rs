//! Why an operation was refused, worded for the person who asked.

use crate::domain::rank::RankError;

/// Why an operation was refused. Messages are written for the person who asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpError {
    #[error("no story {0} on this board")]
    UnknownStory(String),
    /// A story that was there when a change was made, deleted by another process since.
    #[error("{0} was deleted elsewhere")]
    Gone(String),
    /// The name asked for, and the sprints a story may go to (see `Board::open_sprint_names`).
    #[error("no sprint named {0:?}; {1}")]
    UnknownSprint(String, String),
    #[error("no column named {0:?}; the columns are {1}")]
    UnknownColumn(String, String),
    /// The name asked for, and the board's epics.
    #[error("no epic named {0:?}; {1}")]
    UnknownEpic(String, String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Refused(String),
    /// The story's file cannot be read: nothing is done to it until it is repaired.
    #[error("{key} cannot be read ({problem}), so it is left as it is: {}", crate::domain::Damaged::way_out(.key))]
    Damaged { key: String, problem: String },
    #[error(transparent)]
    Rank(#[from] RankError),
}
