//! Every change to a board. Each operation validates its input, changes the board in memory and
//! returns [`Changes`]: the files the store must write or delete. Nothing here touches a disk, so
//! the CLI and the TUI share these and tests run them directly.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;

use super::board::{Board, ListId};
use super::history::{Change, Event};
use super::key;
use super::model::{BoardFile, Kind, Moscow, Origin, Rice, SprintState, Story, Wsjf};
use super::rank::{Rank, RankError};

/// Who acts, when, and the randomness for new keys and ranks (seeded in tests).
pub struct Ctx {
    pub now: Timestamp,
    pub user: String,
    pub rng: fastrand::Rng,
}

impl Ctx {
    pub fn new(now: Timestamp, user: impl Into<String>, seed: u64) -> Ctx {
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
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
        let mut parts = Vec::new();
        if let Some(t) = &self.title {
            parts.push(format!("title {t:?}"));
        }
        if let Some(p) = &self.points {
            parts.push(format!("points {}", p.map_or_else(|| "none".into(), |p| p.to_string())));
        }
        if let Some(a) = &self.assignee {
            parts.push(format!("assignee {}", opt(a)));
        }
        if let Some(e) = &self.epic {
            parts.push(format!("epic {}", opt(e)));
        }
        if let Some(l) = &self.labels {
            parts.push(format!("labels {}", l.join(" ")));
        }
        if let Some(m) = &self.moscow {
            parts.push(format!("MoSCoW {}", m.map_or("none", |m| m.label())));
        }
        if self.rice.is_some() {
            parts.push("RICE inputs".into());
        }
        if self.wsjf.is_some() {
            parts.push("WSJF inputs".into());
        }
        if let Some(b) = &self.blocked {
            parts.push(format!("blocked {}", opt(b)));
        }
        if let Some(d) = &self.description {
            parts.push(format!("description {:?}", d.lines().next().unwrap_or("")));
        }
        if let Some(a) = &self.acceptance {
            parts.push(format!("acceptance {:?}", a.lines().next().unwrap_or("")));
        }
        if let Some(k) = self.kind {
            parts.push(format!("type {}", k.label()));
        }
        parts.join(", ")
    }

    /// The fields this edit sets that also changed between `before` (what the edit was made
    /// on) and `now` (what is there now): re-applying the edit on `now` would overwrite those.
    pub fn clashes(&self, before: &Story, now: &Story) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut check = |set: bool, same: bool, name: &'static str| {
            if set && !same {
                out.push(name);
            }
        };
        check(self.title.is_some(), before.title == now.title, "title");
        check(self.points.is_some(), before.points == now.points, "points");
        check(self.assignee.is_some(), before.assignee == now.assignee, "assignee");
        check(self.epic.is_some(), before.epic == now.epic, "epic");
        check(self.labels.is_some(), before.labels == now.labels, "labels");
        check(self.moscow.is_some(), before.moscow == now.moscow, "MoSCoW");
        check(self.rice.is_some(), before.rice == now.rice, "RICE");
        check(self.wsjf.is_some(), before.wsjf == now.wsjf, "WSJF");
        check(self.blocked.is_some(), before.blocked == now.blocked, "blocked");
        check(self.description.is_some(), before.description == now.description, "description");
        check(self.acceptance.is_some(), before.acceptance == now.acceptance, "acceptance criteria");
        check(self.kind.is_some(), before.kind == now.kind, "type");
        check(self.origin.is_some(), before.origin == now.origin, "origin");
        out
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

/// Field edits; `None` leaves a field as it is.
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
    pub origin: Option<Option<Origin>>,
}

/// A title may hold a pasted sentence or two; other one-line values (names, labels) are short.
const MAX_TITLE_CHARS: usize = 2000;
const MAX_LINE_CHARS: usize = 500;
/// The description and the acceptance criteria: each at most this many bytes, so that a story
/// always fits the store's 1 MiB per file with room for its history.
pub const MAX_TEXT_BYTES: usize = 256 << 10;

/// A multi-line text field, refused when it is larger than [`MAX_TEXT_BYTES`].
fn check_text(what: &str, value: &str) -> Result<(), OpError> {
    if value.len() > MAX_TEXT_BYTES {
        return Err(OpError::Invalid(format!(
            "the {what} is {} KiB, more than the {} KiB a story's {what} may hold",
            value.len().div_ceil(1024),
            MAX_TEXT_BYTES >> 10
        )));
    }
    Ok(())
}

fn clean_line(what: &str, value: &str) -> Result<String, OpError> {
    clean_line_max(what, value, MAX_LINE_CHARS)
}

fn clean_title(value: &str) -> Result<String, OpError> {
    clean_line_max("title", value, MAX_TITLE_CHARS)
}

fn clean_line_max(what: &str, value: &str, max: usize) -> Result<String, OpError> {
    // A tab would be drawn as nothing: it is a space; other control characters are refused.
    let tabbed = value.replace('\t', " ");
    let v = tabbed.trim();
    if let Some(c) = v.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\r')) {
        return Err(OpError::Invalid(format!("the {what} holds a control character ({:?})", c)));
    }
    if v.is_empty() {
        return Err(OpError::Invalid(format!("the {what} cannot be empty")));
    }
    if v.contains(['\n', '\r']) {
        return Err(OpError::Invalid(format!("the {what} must be a single line")));
    }
    if v.chars().count() > max {
        return Err(OpError::Invalid(format!("the {what} is longer than {max} characters")));
    }
    Ok(v.to_owned())
}

fn clean_labels(labels: &[String]) -> Result<Vec<String>, OpError> {
    let mut out: Vec<String> = Vec::new();
    for l in labels {
        let l = clean_line("label", l.trim_start_matches('#'))?;
        if l.contains(char::is_whitespace) {
            return Err(OpError::Invalid(format!("a label is one word: {l:?}")));
        }
        if !out.contains(&l) {
            out.push(l);
        }
    }
    Ok(out)
}

fn check_finite(what: &str, values: &[f64]) -> Result<(), OpError> {
    if values.iter().all(|v| v.is_finite() && *v >= 0.0) {
        Ok(())
    } else {
        Err(OpError::Invalid(format!("{what} inputs must be numbers of at least 0")))
    }
}

impl Board {
    pub(crate) fn column_names(&self) -> String {
        self.file.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// Resolves a column given by id or name.
    pub fn resolve_column(&self, name: &str) -> Result<String, OpError> {
        self.file
            .find_column(name)
            .map(|c| c.id.clone())
            .ok_or_else(|| OpError::UnknownColumn(name.to_owned(), self.column_names()))
    }

    /// Resolves a sprint given by id or name (not the backlog).
    pub fn resolve_sprint(&self, name: &str) -> Result<String, OpError> {
        self.resolve_list(name)?.ok_or_else(|| OpError::Refused("the backlog is not a sprint".into()))
    }

    /// Resolves `backlog` or a sprint given by id or name.
    pub fn resolve_list(&self, name: &str) -> Result<ListId, OpError> {
        if name.trim().eq_ignore_ascii_case("backlog") {
            return Ok(None);
        }
        self.file.find_sprint(name).map(|s| Some(s.id.clone())).ok_or_else(|| OpError::UnknownSprint(name.to_owned()))
    }

    pub fn resolve_epic(&self, name: &str) -> Result<String, OpError> {
        self.file.find_epic(name).map(|e| e.id.clone()).ok_or_else(|| OpError::UnknownEpic(name.to_owned()))
    }

    /// Resolves a key as a person typed it.
    pub fn resolve_key(&self, input: &str) -> Result<String, OpError> {
        let key = key::normalize(input, &self.file.prefix);
        if self.stories.contains_key(&key) { Ok(key) } else { Err(OpError::UnknownStory(input.trim().to_owned())) }
    }

    fn check_open_list(&self, list: Option<&str>) -> Result<(), OpError> {
        match list.map(|id| self.file.sprint(id)) {
            None => Ok(()),
            Some(None) => Err(OpError::UnknownSprint(list.unwrap_or_default().to_owned())),
            Some(Some(s)) if s.state == SprintState::Closed => {
                Err(OpError::Refused(format!("sprint {} is closed", s.name)))
            }
            Some(Some(_)) => Ok(()),
        }
    }

    fn story_mut(&mut self, key: &str) -> Result<&mut Story, OpError> {
        self.stories.get_mut(key).ok_or_else(|| OpError::UnknownStory(key.to_owned()))
    }

    /// Adds a story at the bottom of its list and returns its new key.
    pub fn add_story(&mut self, new: NewStory, ctx: &mut Ctx) -> Result<(String, Changes), OpError> {
        let last = self.list(new.sprint.as_deref()).last().map(|s| s.rank.clone());
        self.add_story_after(new, last.as_ref(), ctx)
    }

    /// [`Board::add_story`] with the rank of the story it goes after (the last of its list), for
    /// a caller adding many stories to one list without sorting the list for each.
    pub fn add_story_after(
        &mut self,
        new: NewStory,
        last: Option<&Rank>,
        ctx: &mut Ctx,
    ) -> Result<(String, Changes), OpError> {
        let title = clean_title(&new.title)?;
        self.check_open_list(new.sprint.as_deref())?;
        let status = match &new.status {
            Some(s) => self.resolve_column(s)?,
            None => self
                .file
                .columns
                .first()
                .map(|c| c.id.clone())
                .ok_or_else(|| OpError::Refused("the board has no columns".into()))?,
        };
        if let Some(e) = &new.epic
            && self.file.epic(e).is_none()
        {
            return Err(OpError::UnknownEpic(e.clone()));
        }
        let assignee = new.assignee.as_deref().map(|a| clean_line("assignee", a)).transpose()?;
        let labels = clean_labels(&new.labels)?;
        let key = key::generate(&self.file.prefix, self.stories.len(), |k| self.stories.contains_key(k), &mut ctx.rng);
        let rank = Rank::between_jittered(last, None, &mut ctx.rng)?;
        let story = Story {
            key: key.clone(),
            title,
            status: status.clone(),
            sprint: new.sprint.clone(),
            rank,
            points: new.points,
            assignee,
            epic: new.epic,
            labels,
            created: ctx.now,
            updated: ctx.now,
            history: vec![ctx.event(Change::Created { status, sprint: new.sprint })],
            ..Story::placeholder()
        };
        self.stories.insert(key.clone(), story);
        Ok((key.clone(), Changes::story(&key, None)))
    }

    /// Moves a story to another list, column or place. Returns no changes when nothing moved.
    pub fn move_story(&mut self, key: &str, mv: &Move, ctx: &mut Ctx) -> Result<Changes, OpError> {
        self.move_story_in(key, mv, ctx, &|_| None)
    }

    /// [`Board::move_story`], with the keys of a list in rank order when the caller keeps them
    /// (the TUI's index), so that a move on a big board does not sort through every story.
    pub fn move_story_in<'k>(
        &mut self,
        key: &str,
        mv: &Move,
        ctx: &mut Ctx,
        ordered: &dyn Fn(Option<&str>) -> Option<&'k [String]>,
    ) -> Result<Changes, OpError> {
        let story = self.story(key).ok_or_else(|| OpError::UnknownStory(key.to_owned()))?;
        let from_list = story.sprint.clone();
        let from_status = story.status.clone();
        let anchor = match &mv.position {
            Position::Before(k) | Position::After(k) => {
                if k == key {
                    return Err(OpError::Refused(format!("cannot place {key} relative to itself")));
                }
                let other = self.story(k).ok_or_else(|| OpError::UnknownStory(k.clone()))?;
                Some((k.clone(), other.sprint.clone()))
            }
            _ => None,
        };
        let to_list = match (&mv.sprint, &anchor) {
            (Some(list), Some((k, anchor_list))) if list != anchor_list => {
                return Err(OpError::Refused(format!(
                    "{k} is in {}, not in {}",
                    self.list_name(anchor_list.as_deref()),
                    self.list_name(list.as_deref())
                )));
            }
            (Some(list), _) => list.clone(),
            (None, Some((_, anchor_list))) => anchor_list.clone(),
            (None, None) => from_list.clone(),
        };
        if to_list != from_list {
            self.check_open_list(to_list.as_deref())?;
        }
        let to_status = match &mv.status {
            Some(s) => self.resolve_column(s)?,
            None => from_status.clone(),
        };
        let full = match ordered(to_list.as_deref()) {
            Some(keys) => keys.iter().filter_map(|k| self.story(k)).collect(),
            None => self.list(to_list.as_deref()),
        };
        let ranks = self.place(key, full, &mv.position, to_list != from_list, &mut ctx.rng)?;

        if to_list == from_list && to_status == from_status && ranks.is_empty() {
            return Ok(Changes::default());
        }
        let mut changes = Changes::story(key, self.story(key).cloned());
        for (k, rank) in ranks {
            if k != key {
                changes.merge(Changes::story(&k, self.story(&k).cloned()));
            }
            self.story_mut(&k)?.rank = rank;
        }
        let mut events = Vec::new();
        if to_list != from_list {
            events.push(ctx.event(Change::Sprint { from: from_list, to: to_list.clone() }));
        }
        if to_status != from_status {
            events.push(ctx.event(Change::Status { from: from_status, to: to_status.clone() }));
        }
        let story = self.story_mut(key)?;
        story.sprint = to_list;
        story.status = to_status;
        story.updated = ctx.now;
        story.history.extend(events);
        Ok(changes)
    }

    /// A human name for a list.
    pub fn list_name(&self, list: Option<&str>) -> String {
        self.file.sprint_name(list).unwrap_or_else(|| "the backlog".to_owned())
    }

    /// The new ranks that put `key` at `pos` in `list`: its own first, then any neighbours that
    /// shared one rank (after a merge) and must be spread out to make room. Empty: no change.
    fn place(
        &self,
        key: &str,
        full: Vec<&Story>,
        pos: &Position,
        changes_list: bool,
        rng: &mut fastrand::Rng,
    ) -> Result<Vec<(String, Rank)>, OpError> {
        let current = full.iter().position(|s| s.key == key);
        let others: Vec<&Story> = full.iter().copied().filter(|s| s.key != key).collect();
        let index_of = |k: &str| others.iter().position(|s| s.key == k);
        let at = match (pos, current) {
            (Position::Keep, Some(_)) => return Ok(Vec::new()),
            (Position::Keep | Position::Bottom, _) => others.len(),
            (Position::Top, _) => 0,
            (Position::Up, Some(0)) => return Ok(Vec::new()),
            (Position::Up, Some(c)) => c - 1,
            (Position::Down, Some(c)) if c + 1 >= full.len() => return Ok(Vec::new()),
            (Position::Down, Some(c)) => c + 1,
            (Position::Up | Position::Down, None) => others.len(),
            (Position::Before(k), _) => index_of(k).ok_or_else(|| OpError::UnknownStory(k.clone()))?,
            (Position::After(k), _) => index_of(k).ok_or_else(|| OpError::UnknownStory(k.clone()))? + 1,
        };
        if !changes_list && current == Some(at) {
            return Ok(Vec::new());
        }
        let prev = at.checked_sub(1).map(|i| &others[i].rank);
        let next = others.get(at).map(|s| &s.rank);
        match (prev, next) {
            (Some(p), Some(n)) if p >= n => {
                // Neighbours with one rank (two clones appended at once): spread the run out.
                let run_end = others[at..].iter().position(|s| s.rank != *p).map_or(others.len(), |o| at + o);
                let upper = others.get(run_end).map(|s| &s.rank);
                let mut lo = p.clone();
                let mut spread = Vec::new();
                for s in &others[at..run_end] {
                    lo = Rank::between(Some(&lo), upper)?;
                    spread.push((s.key.clone(), lo.clone()));
                }
                let mine = Rank::between_jittered(Some(p), spread.first().map(|(_, r)| r), rng)?;
                Ok(std::iter::once((key.to_owned(), mine)).chain(spread).collect())
            }
            _ => Ok(vec![(key.to_owned(), Rank::between_jittered(prev, next, rng)?)]),
        }
    }

    /// Applies field edits. Returns no changes when every field already had its value.
    pub fn edit_story(&mut self, key: &str, edit: Edit, ctx: &mut Ctx) -> Result<Changes, OpError> {
        let title = edit.title.as_deref().map(clean_title).transpose()?;
        let assignee = match &edit.assignee {
            Some(Some(a)) => Some(Some(clean_line("assignee", a)?)),
            other => other.clone(),
        };
        if let Some(Some(e)) = &edit.epic
            && self.file.epic(e).is_none()
        {
            return Err(OpError::UnknownEpic(e.clone()));
        }
        let labels = edit.labels.as_deref().map(clean_labels).transpose()?;
        let blocked = match &edit.blocked {
            Some(Some(reason)) => Some(Some(clean_line("blocked reason", reason)?)),
            other => other.clone(),
        };
        if let Some(d) = &edit.description {
            check_text("description", d)?;
        }
        if let Some(a) = &edit.acceptance {
            check_text("acceptance criteria", a)?;
        }
        if let Some(Some(r)) = &edit.rice {
            check_finite("RICE", &[r.reach, r.impact, r.confidence, r.effort])?;
        }
        if let Some(Some(w)) = &edit.wsjf {
            check_finite("WSJF", &[w.business_value, w.time_criticality, w.risk_reduction, w.job_size])?;
        }
        let before = self.story(key).ok_or_else(|| OpError::UnknownStory(key.to_owned()))?.clone();
        let mut s = before.clone();
        if let Some(t) = title {
            s.title = t;
        }
        if let Some(p) = edit.points
            && p != s.points
        {
            // An estimate changed: recorded, so that a sprint's commitment and its burndown are
            // what they were at the time, not what the story says now.
            s.history.push(ctx.event(Change::Points { from: s.points, to: p }));
            s.points = p;
        }
        if let Some(a) = assignee {
            s.assignee = a;
        }
        if let Some(e) = edit.epic {
            s.epic = e;
        }
        if let Some(l) = labels {
            s.labels = l;
        }
        if let Some(m) = edit.moscow {
            s.moscow = m;
        }
        if let Some(r) = edit.rice {
            s.rice = r;
        }
        if let Some(w) = edit.wsjf {
            s.wsjf = w;
        }
        if let Some(d) = edit.description {
            s.description = d;
        }
        if let Some(a) = edit.acceptance {
            s.acceptance = a;
        }
        if let Some(k) = edit.kind {
            s.kind = k;
        }
        if let Some(o) = edit.origin {
            s.origin = o;
        }
        if let Some(b) = blocked
            && b != s.blocked
        {
            s.history.push(ctx.event(Change::Blocked { reason: b.clone() }));
            s.blocked = b;
        }
        if s == before {
            return Ok(Changes::default());
        }
        s.updated = ctx.now;
        self.stories.insert(key.to_owned(), s);
        Ok(Changes::story(key, Some(before)))
    }

    /// Adds a comment to a story, by the one in `ctx`, now.
    pub fn add_comment(&mut self, key: &str, text: &str, ctx: &Ctx) -> Result<Changes, OpError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(OpError::Invalid("a comment cannot be empty".into()));
        }
        check_text("comment", text)?;
        let story = self.story_mut(key)?;
        let before = story.clone();
        story.comments.push(crate::domain::Comment { at: ctx.now, by: ctx.user.clone(), text: text.to_owned() });
        story.updated = ctx.now;
        Ok(Changes::story(key, Some(before)))
    }

    pub fn delete_story(&mut self, key: &str) -> Result<Changes, OpError> {
        let story = self.stories.remove(key).ok_or_else(|| OpError::UnknownStory(key.to_owned()))?;
        let mut c = Changes::default();
        c.deleted.insert(key.to_owned());
        c.prior.insert(key.to_owned(), Some(story));
        Ok(c)
    }
}

mod plan;
mod redo;
mod shape;
mod sort;

pub use plan::{NewSprint, SprintEdit};
pub use redo::Op;
pub use shape::ColumnPlace;
pub use sort::SortBy;

#[cfg(test)]
mod tests;
