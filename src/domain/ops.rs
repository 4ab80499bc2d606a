//! Every change to a board. Each operation validates its input, changes the board in memory and
//! returns [`Changes`]: the files the store must write or delete. Nothing here touches a disk, so
//! the CLI and the TUI share these and tests run them directly.
//!
//! This file holds the changes to one story: add, move, edit, comment, delete. The others are
//! beside it, one concept a file: sprints and epics (`plan`), columns (`shape`), links between
//! stories (`links`), ordering a list (`sort`), undo and redo (`undo`), making a change again
//! after a conflict (`reapply`), finding what a person named (`resolve`), what a value must be
//! (`clean`); and what every operation is given and gives back (`ctx`, `request`, `changes`,
//! `error`).

use super::board::Board;
use super::fields::Field;
use super::history::Change;
use super::key;
use super::model::{SprintState, Story};
use super::rank::Rank;
use super::short_text::ShortText;

impl Board {
    fn check_open_list(&self, list: Option<&str>) -> Result<(), OpError> {
        match list.map(|id| self.file.sprint(id)) {
            None => Ok(()),
            Some(None) => Err(self.unknown_sprint(list.unwrap_or_default())),
            Some(Some(s)) if s.state == SprintState::Closed => {
                Err(OpError::Refused(format!("sprint {} is closed; {}", s.name, self.open_sprints())))
            }
            Some(Some(_)) => Ok(()),
        }
    }

    fn story_mut(&mut self, key: &str) -> Result<&mut Story, OpError> {
        if !self.stories.contains_key(key) {
            return Err(self.unknown(key));
        }
        self.stories.get_mut(key).map(|s| &mut **s).ok_or_else(|| OpError::UnknownStory(key.to_owned()))
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
        check_points(new.points)?;
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
            return Err(self.unknown_epic(e));
        }
        let assignee = new.assignee.as_deref().map(|a| clean_line("assignee", a)).transpose()?;
        let labels = clean_labels(&new.labels)?;
        let key = key::generate(
            &self.file.prefix,
            self.stories.len(),
            // Never the key of a file that could not be read: the new story would be written
            // over it.
            |k| self.stories.contains_key(k) || self.damaged.contains_key(k),
            &mut ctx.rng,
        );
        let rank = Rank::between_jittered(last, None, &mut ctx.rng)?;
        let story = Story {
            key: key.as_str().into(),
            title,
            status: status.clone(),
            sprint: new.sprint.clone(),
            rank,
            points: new.points,
            assignee: assignee.map(ShortText::from),
            epic: new.epic.map(ShortText::from),
            labels: labels.into_iter().map(ShortText::from).collect(),
            created: ctx.now,
            updated: ctx.now,
            history: vec![ctx.event(Change::Created { status, sprint: new.sprint })],
            ..Story::placeholder()
        };
        self.stories.insert(key.as_str().into(), Box::new(story));
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
        ordered: &dyn Fn(Option<&str>) -> Option<&'k [ShortText]>,
    ) -> Result<Changes, OpError> {
        let story = self.story(key).ok_or_else(|| self.unknown(key))?;
        let from_list = story.sprint.clone();
        let from_status = story.status.clone();
        let anchor = match &mv.position {
            Position::Before(k) | Position::After(k) => {
                if k == key {
                    return Err(OpError::Refused(format!("cannot place {key} relative to itself")));
                }
                let other = self.story(k).ok_or_else(|| self.unknown(k))?;
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

    /// The new ranks that put `key` at `pos` in `list`: its own first, then any neighbours that
    /// shared one rank (after a merge) and must be spread out to make room. Empty: no change.
    fn place(
        &self,
        key: &str,
        full: Vec<&Story>,
        pos: &Position,
        changes_list: bool,
        rng: &mut fastrand::Rng,
    ) -> Result<Vec<(ShortText, Rank)>, OpError> {
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
                Ok(std::iter::once((key.into(), mine)).chain(spread).collect())
            }
            _ => Ok(vec![(key.into(), Rank::between_jittered(prev, next, rng)?)]),
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
            return Err(self.unknown_epic(e));
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
        if let Some(p) = edit.points {
            check_points(p)?;
        }
        if let Some(Some(r)) = &edit.rice {
            check_finite(Field::Rice, &[r.reach, r.impact, r.confidence, r.effort])?;
        }
        if let Some(Some(w)) = &edit.wsjf {
            check_finite(Field::Wsjf, &[w.business_value, w.time_criticality, w.risk_reduction, w.job_size])?;
        }
        let blocked_by = match &edit.blocked_by {
            Some(list) => {
                let mut keys: Vec<String> = Vec::new();
                for k in list {
                    let k = self.resolve_key(k)?;
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
                self.check_blockers(key, &keys)?;
                Some(keys)
            }
            None => None,
        };
        let before = self.story(key).ok_or_else(|| self.unknown(key))?.clone();
        let mut s = before.clone();
        if let Some(b) = blocked_by {
            s.blocked_by = b.into_iter().map(ShortText::from).collect();
        }
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
            s.assignee = a.map(ShortText::from);
        }
        if let Some(e) = edit.epic {
            s.epic = e.map(ShortText::from);
        }
        if let Some(l) = labels {
            s.labels = l.into_iter().map(ShortText::from).collect();
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
        self.stories.insert(key.into(), Box::new(s));
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
        check_comments(key, story.comments.iter().map(|c| c.text.len()).sum(), text)?;
        let before = story.clone();
        story.comments.push(crate::domain::Comment { at: ctx.now, by: ctx.user.clone(), text: text.to_owned() });
        story.updated = ctx.now;
        Ok(Changes::story(key, Some(before)))
    }

    /// Records that `field` of `key` was saved over `theirs`, a value set elsewhere while it was
    /// being edited here: the person was asked and kept theirs out, and the history keeps it.
    pub fn record_overwrite(&mut self, key: &str, field: &str, theirs: &str, ctx: &Ctx) -> Result<Changes, OpError> {
        let story = self.story_mut(key)?;
        let before = story.clone();
        story.history.push(ctx.event(Change::Overwrote { field: field.into(), theirs: theirs.to_owned() }));
        story.updated = ctx.now;
        Ok(Changes::story(key, Some(before)))
    }

    /// Deletes a story; the stories that waited on it wait on it no more (each one written).
    /// Many files: the store writes them through its journal, so an interruption is finished by
    /// the next command, exactly (see `store::journal` for why a journal and not an order).
    pub fn delete_story(&mut self, key: &str) -> Result<Changes, OpError> {
        let story = self.stories.remove(key).ok_or_else(|| self.unknown(key))?;
        let mut c = Changes::default();
        c.deleted.insert(key.to_owned());
        c.prior.insert(key.to_owned(), Some(*story));
        self.forget_blocker(key, &mut c);
        Ok(c)
    }
}

mod changes;
mod clean;
mod ctx;
mod error;
mod links;
mod plan;
mod reapply;
mod request;
mod resolve;
mod shape;
mod sort;
mod undo;

pub use changes::Changes;
pub use clean::{MAX_COMMENTS_BYTES, MAX_TEXT_BYTES};
pub(crate) use clean::{
    check_comments, check_controls, check_finite, check_points, check_text, clean_labels, clean_line, clean_title,
};
pub use ctx::Ctx;
pub use error::OpError;
pub use request::{Edit, Move, NewStory, Position};

pub use plan::{NewSprint, SprintEdit, Stranded};
pub use reapply::Op;
pub use shape::ColumnPlace;
pub use sort::SortBy;

#[cfg(test)]
mod tests;
