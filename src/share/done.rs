//! What a sync did, step by step, in the words it reports: kept in a finished sync's report
//! and in the error of one that stopped part-way.

use std::fmt;

/// One thing a sync did, in the words it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// The board's own changes were committed: how many files.
    Committed(usize),
    /// These stories were deleted on one side of a merge and edited on the other: the edited
    /// version is kept, so no one's work is lost.
    KeptEdited(Vec<String>),
    /// A merge (pulled now, or left by an earlier sync or `git pull`) was committed.
    FinishedMerge,
    /// No remote is configured: nothing was pulled or pushed.
    NoRemote,
    /// The pull changed this many board files.
    Pulled(usize),
    /// The board was pushed to this remote.
    Pushed(String),
}

impl fmt::Display for Done {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::count;
        match self {
            Done::Committed(n) => write!(f, "Committed {} to the board", count(*n, "change", "changes")),
            Done::KeptEdited(keys) => write!(
                f,
                "{} deleted on one side and edited on the other: the edited version is kept (`sprintboard delete KEY` deletes it again)",
                keys.join(", ")
            ),
            Done::FinishedMerge => f.write_str("finished the merge"),
            Done::NoRemote => f.write_str(
                "no remote is configured, so nothing was pulled or pushed (`git remote add origin URL` sets one)",
            ),
            Done::Pulled(n) => write!(f, "pulled {}", count(*n, "changed board file", "changed board files")),
            Done::Pushed(remote) => write!(f, "pushed to {remote}"),
        }
    }
}
