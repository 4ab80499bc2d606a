//! What a person asks an operation for: a move ([`Move`], [`Position`]), a new story
//! ([`NewStory`]) and field edits ([`Edit`]).

use crate::domain::board::ListId;
use crate::domain::model::{Kind, Moscow, Origin, Rice, Wsjf};

/// Where a story goes in its (new) list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Position {
    /// Where it is (or the bottom, when it changes list).
    #[default]
    Keep,
    Top,
    Bottom,
    /// One place up or down in its list.
    Up,
    Down,
    Before(String),
    After(String),
}

/// A move: any of a new list, a new column and a new place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Move {
    pub sprint: Option<ListId>,
    pub status: Option<String>,
    pub position: Position,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewStory {
    pub title: String,
    pub sprint: ListId,
    pub status: Option<String>,
    pub points: Option<u32>,
    pub assignee: Option<String>,
    pub epic: Option<String>,
    pub labels: Vec<String>,
}

/// Field edits; `None` leaves a field as it is. (`Edit::merge` lists every field.)
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edit {
    pub title: Option<String>,
    pub points: Option<Option<u32>>,
    pub assignee: Option<Option<String>>,
    pub epic: Option<Option<String>>,
    pub labels: Option<Vec<String>>,
    pub moscow: Option<Option<Moscow>>,
    pub rice: Option<Option<Rice>>,
    pub wsjf: Option<Option<Wsjf>>,
    pub blocked: Option<Option<String>>,
    pub description: Option<String>,
    pub acceptance: Option<String>,
    pub kind: Option<Kind>,
    /// Set by `import` only: where the story came from, and what the import set.
    pub origin: Option<Option<Box<Origin>>>,
    /// The keys of the stories it waits on, all of them (see `Board::link`).
    pub blocked_by: Option<Vec<String>>,
}

impl Edit {
    /// Both edits; a field `other` sets replaces this one's.
    pub fn merge(&mut self, other: Edit) {
        fn take<T>(a: &mut Option<T>, b: Option<T>) {
            if b.is_some() {
                *a = b;
            }
        }
        take(&mut self.title, other.title);
        take(&mut self.points, other.points);
        take(&mut self.assignee, other.assignee);
        take(&mut self.epic, other.epic);
        take(&mut self.labels, other.labels);
        take(&mut self.moscow, other.moscow);
        take(&mut self.rice, other.rice);
        take(&mut self.wsjf, other.wsjf);
        take(&mut self.blocked, other.blocked);
        take(&mut self.description, other.description);
        take(&mut self.acceptance, other.acceptance);
        take(&mut self.kind, other.kind);
        take(&mut self.origin, other.origin);
        take(&mut self.blocked_by, other.blocked_by);
    }
}
