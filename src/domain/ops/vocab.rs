//! The vocabulary of the operations: who acts and when ([`Ctx`]), what an operation changed
//! ([`Changes`]), why one was refused ([`OpError`]), and what is asked for ([`Move`],
//! [`Position`], [`NewStory`], [`Edit`]).

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;

use crate::domain::board::ListId;
use crate::domain::history::{Change, Event};
use crate::domain::model::{BoardFile, Kind, Moscow, Origin, Rice, Short, Story, Wsjf};
use crate::domain::rank::RankError;

/// Who acts, when, and the randomness for new keys and ranks (seeded in tests).
pub struct Ctx {
    pub now: Timestamp,
    pub user: Short,
    pub rng: fastrand::Rng,
}

impl Ctx {
    pub fn new(now: Timestamp, user: impl Into<Short>, seed: u64) -> Ctx {
        Ctx { now, user: user.into(), rng: fastrand::Rng::with_seed(seed) }
    }

    pub(crate) fn event(&self, change: Change) -> Event {
        Event { at: self.now, by: self.user.clone(), change }
    }

    /// The date now, in the system's time zone.
    pub fn today(&self) -> Date {
        self.now.to_zoned_datetime(jiff::tz::TimeZone::system()).date()
    }
}

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

impl Edit {
    /// The values this edit sets, as a person reads them: `title "X", points 5`.
    pub fn describe(&self) -> String {
        use crate::domain::fields::{FIELDS, in_edit};
        FIELDS
            .iter()
            .filter_map(|f| in_edit(self, f.field).map(|v| format!("{} {v}", f.name)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The fields this edit sets that also changed between `before` (what the edit was made
    /// on) and `now` (what is there now): re-applying the edit on `now` would overwrite those.
    pub fn clashes(&self, before: &Story, now: &Story) -> Vec<&'static str> {
        use crate::domain::fields::{FIELDS, differs, in_edit};
        FIELDS
            .iter()
            .filter(|f| in_edit(self, f.field).is_some() && differs(before, now, f.field))
            .map(|f| f.name)
            .collect()
    }
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
