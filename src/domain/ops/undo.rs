//! Putting stories and `board.ron` back to earlier versions: how a change is undone (with
//! its priors) and redone (with what it produced).

use std::collections::BTreeMap;

use super::Changes;
use crate::domain::board::Board;
use crate::domain::model::{BoardFile, Story};

impl Board {
    /// Puts stories (and `board.ron`) back to the given versions: `None` removes a story. Used
    /// to undo a change with its priors, and to redo it with what it produced.
    pub fn restore(&mut self, stories: &BTreeMap<String, Option<Story>>, board: Option<&BoardFile>) -> Changes {
        let mut changes = Changes::default();
        for (key, version) in stories {
            let prior = self.stories.get(key.as_str()).map(|s| (**s).clone());
            changes.prior.insert(key.clone(), prior);
            match version {
                Some(s) => {
                    self.stories.insert(key.as_str().into(), Box::new(s.clone()));
                    changes.stories.insert(key.clone());
                }
                None => {
                    self.stories.remove(key.as_str());
                    changes.deleted.insert(key.clone());
                }
            }
        }
        if let Some(file) = board {
            changes.prior_board = Some(self.file.clone());
            changes.board = true;
            self.file = file.clone();
        }
        changes
    }
}
