//! A change kept as what the person asked for, so that it can be made again on a board read
//! afresh when another process changed one of its files in the meantime (see
//! `store::retry`). A move is a move whatever else changed; an edit is made again only when the
//! other side did not change the same fields, so neither side's value is lost silently.

use super::{Changes, Ctx, Edit, Move, OpError};
use crate::domain::{Board, Story, fields};

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Move {
        key: String,
        mv: Move,
    },
    /// `before`: the story the edit was made on, to tell what the other side changed.
    Edit {
        key: String,
        edit: Box<Edit>,
        before: Option<Box<Story>>,
    },
}

impl Op {
    pub fn key(&self) -> &str {
        match self {
            Op::Move { key, .. } | Op::Edit { key, .. } => key,
        }
    }

    /// Makes the change (again) on `board`.
    pub fn apply(&self, board: &mut Board, ctx: &mut Ctx) -> Result<Changes, OpError> {
        match self {
            Op::Move { key, mv } => {
                board.story(key).ok_or_else(|| OpError::Gone(key.clone()))?;
                board.move_story(key, mv, ctx)
            }
            Op::Edit { key, edit, before } => {
                let now = board.story(key).ok_or_else(|| OpError::Gone(key.clone()))?;
                if let Some(before) = before {
                    let clashes = fields::clashes(edit, before, now);
                    if !clashes.is_empty() {
                        return Err(OpError::Refused(format!(
                            "{key}: {} also changed elsewhere; theirs is kept. Yours was: {}",
                            clashes.join(", "),
                            crate::text::truncate(&fields::describe(edit), 120)
                        )));
                    }
                }
                board.edit_story(key, (**edit).clone(), ctx)
            }
        }
    }
}
