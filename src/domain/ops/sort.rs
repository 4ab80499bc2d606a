//! Ordering a whole list by a score.

use super::{Changes, OpError};
use crate::domain::board::Board;
use crate::domain::model::Story;
use crate::domain::rank::Rank;
use crate::domain::short_text::ShortText;

/// What a list can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Rice,
    Wsjf,
    Moscow,
}

impl SortBy {
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Rice => "RICE score, highest first",
            SortBy::Wsjf => "WSJF score, highest first",
            SortBy::Moscow => "MoSCoW: Must, Should, Could, Won't",
        }
    }
}

impl Board {
    /// Reorders a whole list by a score, highest first (MoSCoW: Must, Should, Could, Won't).
    /// Stories without the score keep their order, after the scored ones. Every story whose
    /// place changes gets a fresh rank; the result is one change, undone as one.
    pub fn sort_list(&mut self, list: Option<&str>, by: SortBy) -> Result<Changes, OpError> {
        let current: Vec<&Story> = self.list(list);
        let key_of = |s: &Story| -> Option<f64> {
            match by {
                SortBy::Rice => s.rice_score(),
                SortBy::Wsjf => s.wsjf_score(),
                // Lower is better for MoSCoW: negate so that "highest first" holds for all three.
                SortBy::Moscow => s.moscow.map(|m| -(m as u8 as f64)),
            }
        };
        let mut sorted: Vec<&Story> = current.clone();
        // A stable sort: equal scores, and unscored stories, keep their order.
        sorted.sort_by(|a, b| match (key_of(a), key_of(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        if sorted.iter().map(|s| &s.key).eq(current.iter().map(|s| &s.key)) {
            return Ok(Changes::default());
        }
        let order: Vec<ShortText> = sorted.iter().map(|s| s.key.clone()).collect();
        let mut changes = Changes::default();
        let mut last: Option<Rank> = None;
        for key in order {
            let rank = Rank::between(last.as_ref(), None)?;
            last = Some(rank.clone());
            let prior = self.story(&key).cloned();
            let story = self.story_mut(&key)?;
            if story.rank != rank {
                story.rank = rank;
                changes.merge(Changes::story(&key, prior));
            }
        }
        Ok(changes)
    }
}
