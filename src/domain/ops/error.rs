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
    #[error("no sprint named {0:?} (see `sprintboard sprint list`)")]
    UnknownSprint(String),
    #[error("no column named {0:?}; the columns are {1}")]
    UnknownColumn(String, String),
    #[error("no epic named {0:?} (see `sprintboard epic list`)")]
    UnknownEpic(String),
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
