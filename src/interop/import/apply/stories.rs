//! Each record as a story: what it asks for in this board's terms, then a new story, or an
//! update of the story imported from it before that takes what changed at the source and keeps
//! what was edited here.

use std::collections::BTreeMap;

use super::columns::nearest_column;
use super::tracked::{TRACKED, Wanted, hash};
use super::{Counted, Import};
use crate::domain::fields::Field;
use crate::domain::{
    Board, Change, Changes, Ctx, Edit, Kind, ListId, Move, NewStory, OpError, Origin, Position, ShortText, SprintState,
};
use crate::interop::import::{Progress, Record};

/// A label as this board can hold it: one word, so spaces become `_` (and a leading `#`, which
/// the filter uses, is dropped).
fn spell_label(raw: &str, notes: &mut Counted) -> Option<ShortText> {
    let l: String = raw.trim().trim_start_matches('#').split_whitespace().collect::<Vec<_>>().join("_");
    if l.is_empty() {
        return None;
    }
    if l != raw {
        notes.add(format!("label {raw:?} → {l} (a label is one word)"));
    }
    Some(l.into())
}

impl Import<'_> {
    /// The story a record asks for, in this board's terms.
    pub(super) fn wanted(&mut self, board: &mut Board, r: &Record) -> Result<Wanted, OpError> {
        let kind = match r.kind.as_deref() {
            None => Kind::Story,
            Some(k) => Kind::parse(k).unwrap_or_else(|| {
                self.notes.add(format!("type {k:?} → story"));
                Kind::Story
            }),
        };
        // A status may become a column's name (`--create-columns`): the rule of a typed name.
        if let Some(status) = &r.status {
            crate::domain::ops::check_controls("status", status)?;
        }
        let backlog =
            r.backlog || r.status.as_deref().is_some_and(|s| self.to_backlog.contains(&s.trim().to_lowercase()));
        let status = if backlog {
            // Not planned yet: the first column (or done, when the source says so).
            nearest_column(board, "", r.progress)
        } else {
            self.column(board, r.status.as_deref(), r.progress)
        };
        let sprint: ListId = if backlog {
            None
        } else if let Some(name) = r.sprints.last() {
            self.sprints.get(&name.trim().to_lowercase()).cloned()
        } else if r.current {
            self.current.clone()
        } else {
            None
        };
        let points = match r.points {
            Some(p) if p > f64::from(crate::domain::fields::MAX_POINTS) => {
                let max = crate::domain::fields::MAX_POINTS;
                self.summary.ignored.push(format!("{}: {p} points (too many: a story holds at most {max})", r.origin));
                None
            }
            Some(p) if p.fract() != 0.0 => {
                let up = p.ceil() as u32;
                self.summary
                    .approximated
                    .push(format!("{}: {p} points rounded up to {up} (points are whole)", r.origin));
                Some(up)
            }
            Some(p) => Some(p as u32),
            None => None,
        };
        if r.assignees.len() > 1 {
            self.summary.approximated.push(format!(
                "{}: assigned to {}; also to {} (a story has one assignee)",
                r.origin,
                r.assignees[0],
                r.assignees[1..].join(", ")
            ));
        }
        let mut labels: Vec<ShortText> = Vec::new();
        for l in &r.labels {
            if let Some(l) = spell_label(l, &mut self.notes)
                && !labels.contains(&l)
            {
                labels.push(l);
            }
        }
        Ok(Wanted {
            title: r.title.trim().to_owned(),
            kind,
            status,
            sprint,
            points,
            assignee: r.assignees.first().map(|a| ShortText::from(a.trim())).filter(|a| !a.is_empty()),
            epic: r.epic.as_ref().and_then(|o| self.epics.get(o).cloned()),
            labels,
            // Line breaks as the board writes them (Windows exports use CR LF).
            description: r.description.replace("\r\n", "\n"),
            acceptance: r.acceptance.replace("\r\n", "\n"),
        })
    }

    /// Whether a record is finished work that was never in a sprint (and not current work).
    pub(super) fn done_without_sprint(&self, board: &Board, r: &Record) -> bool {
        let status = r.status.as_deref().map(str::trim).unwrap_or_default();
        let done = board.file.done_column().map(|c| c.id.clone());
        let mapped = self.manual.get(&status.to_lowercase()).or_else(|| self.columns.get(&status.to_lowercase()));
        let is_done = r.progress == Some(Progress::Done)
            || Progress::parse(status) == Some(Progress::Done)
            || mapped
                .or_else(|| board.file.find_column(status).map(|c| &c.id))
                .is_some_and(|c| Some(c) == done.as_ref());
        is_done && r.sprints.is_empty() && !r.current && !r.backlog
    }

    pub(super) fn create(
        &mut self,
        board: &mut Board,
        r: &Record,
        w: Wanted,
        ctx: &mut Ctx,
    ) -> Result<String, OpError> {
        // A story of a closed sprint is added to the backlog and then put there.
        let closed =
            w.sprint.as_deref().and_then(|id| board.file.sprint(id)).is_some_and(|s| s.state == SprintState::Closed);
        let list = if closed { None } else { w.sprint.clone() };
        let last = match self.last.get(&list) {
            Some(last) => last.clone(),
            None => board.list(list.as_deref()).last().map(|s| s.rank.clone()),
        };
        let new = NewStory {
            title: w.title.clone(),
            sprint: list.clone(),
            status: Some(w.status.to_string()),
            points: w.points,
            assignee: w.assignee.as_ref().map(ShortText::to_string),
            epic: w.epic.as_ref().map(ShortText::to_string),
            labels: w.labels.iter().map(ShortText::to_string).collect(),
        };
        let (key, c) = board.add_story_after(new, last.as_ref(), ctx)?;
        self.changes.merge(c);
        if closed {
            self.put_in_closed_sprint(board, &key, w.sprint.clone(), ctx);
        }
        let edit = Edit {
            description: Some(w.description.clone()),
            acceptance: Some(w.acceptance.clone()),
            kind: Some(w.kind),
            origin: Some(
                (!r.origin.is_empty()).then(|| Box::new(Origin { id: r.origin.clone(), fields: BTreeMap::new() })),
            ),
            ..Edit::default()
        };
        self.changes.merge(board.edit_story(&key, edit, ctx)?);
        Self::record_fields(board, &key, &w, true);
        if let Some(s) = board.story(&key) {
            self.last.insert(list, Some(s.rank.clone()));
        }
        self.summary.created.push(key.clone());
        Ok(key)
    }

    pub(super) fn put_in_closed_sprint(&mut self, board: &mut Board, key: &str, sprint: ListId, ctx: &Ctx) {
        if let Some(s) = board.stories.get_mut(key)
            && s.sprint != sprint
        {
            s.history.push(ctx.event(Change::Sprint { from: s.sprint.clone(), to: sprint.clone() }));
            s.sprint = sprint;
        }
    }

    /// A story imported before: each field the source changed is taken, unless it was edited
    /// here too (then the local value stays, and the summary says so).
    pub(super) fn update(
        &mut self,
        board: &mut Board,
        key: &str,
        r: &Record,
        w: Wanted,
        ctx: &mut Ctx,
    ) -> Result<(), OpError> {
        let Some(story) = board.story(key) else { return Err(OpError::UnknownStory(key.to_owned())) };
        let prior = story.clone();
        let here = Wanted::of(story);
        let last = story.origin.as_ref().map(|o| o.fields.clone()).unwrap_or_default();
        let mut take: Vec<Field> = Vec::new();
        for field in TRACKED {
            let f = field.spec().name;
            let (source, local) = (hash(&w.value(field)), hash(&here.value(field)));
            match last.get(f) {
                Some(l) if *l == source => {}
                _ if source == local => {}
                Some(l) if *l != local => {
                    self.summary.kept_local.push(format!("{key} ({}): {f}", r.origin));
                }
                _ => take.push(field),
            }
        }
        if take.is_empty() {
            Self::record_fields(board, key, &w, false);
            if board.story(key) != Some(&prior) {
                self.changes.merge(Changes::story(key, Some(prior)));
            }
            self.summary.unchanged += 1;
            return Ok(());
        }
        let has = |f: Field| take.contains(&f);
        let edit = Edit {
            title: has(Field::Title).then(|| w.title.clone()),
            kind: has(Field::Kind).then_some(w.kind),
            points: has(Field::Points).then_some(w.points),
            assignee: has(Field::Assignee).then(|| w.assignee.as_ref().map(ShortText::to_string)),
            epic: has(Field::Epic).then(|| w.epic.as_ref().map(ShortText::to_string)),
            labels: has(Field::Labels).then(|| w.labels.iter().map(ShortText::to_string).collect()),
            description: has(Field::Description).then(|| w.description.clone()),
            acceptance: has(Field::Acceptance).then(|| w.acceptance.clone()),
            ..Edit::default()
        };
        self.changes.merge(board.edit_story(key, edit, ctx)?);
        if has(Field::Sprint) || has(Field::Status) {
            let closed = w
                .sprint
                .as_deref()
                .and_then(|id| board.file.sprint(id))
                .is_some_and(|s| s.state == SprintState::Closed);
            let sprint = (has(Field::Sprint) && !closed).then(|| w.sprint.clone());
            let mv =
                Move { sprint, status: has(Field::Status).then(|| w.status.to_string()), position: Position::Keep };
            self.changes.merge(board.move_story(key, &mv, ctx)?);
            if has(Field::Sprint) && closed {
                self.put_in_closed_sprint(board, key, w.sprint.clone(), ctx);
            }
        }
        Self::record_fields(board, key, &w, false);
        if board.story(key) != Some(&prior) {
            self.changes.merge(Changes::story(key, Some(prior)));
        }
        if has(Field::Sprint) {
            // Its list's last story may be this one now.
            self.last.remove(&w.sprint);
        }
        self.summary.updated.push(key.to_owned());
        Ok(())
    }
}
