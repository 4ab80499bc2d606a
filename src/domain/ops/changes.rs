//! What an operation changed: the files the store must write or delete, with what each was
//! before, so that the change can be undone exactly.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::model::{BoardFile, Story};

/// What an operation changed: the story files to write or delete and whether `board.ron`
/// changed, with what each touched thing was before (so the change can be undone exactly).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Changes {
    pub stories: BTreeSet<String>,
    pub deleted: BTreeSet<String>,
    pub board: bool,
    /// Each touched story as it was before (`None`: it did not exist).
    pub prior: BTreeMap<String, Option<Story>>,
    /// `board.ron` as it was before, when it changed.
    pub prior_board: Option<BoardFile>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty() && self.deleted.is_empty() && !self.board
    }

    /// A story written, with what it was before.
    pub(crate) fn story(key: &str, prior: Option<Story>) -> Changes {
        let mut c = Changes::default();
        c.stories.insert(key.to_owned());
        c.prior.insert(key.to_owned(), prior);
        c
    }

    /// `board.ron` written, with what it was before.
    pub(crate) fn board(prior: BoardFile) -> Changes {
        Changes { board: true, prior_board: Some(prior), ..Changes::default() }
    }

    /// Both sets of changes; for a thing touched twice, the earlier prior is kept.
    pub fn merge(&mut self, other: Changes) {
        self.stories.extend(other.stories);
        self.deleted.extend(other.deleted);
        self.board |= other.board;
        for (k, v) in other.prior {
            self.prior.entry(k).or_insert(v);
        }
        if self.prior_board.is_none() {
            self.prior_board = other.prior_board;
        }
    }
}
