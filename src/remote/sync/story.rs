//! One linked story and its issue: each synced field compared with what the last sync left
//! (the hash kept in the story's origin); a field changed on one side takes that side, one
//! changed on both keeps the board's and is reported. What was taken is saved before anything
//! is sent; what was sent is recorded as soon as GitHub took it.

use super::values::{Values, body_of, other_labels, spell_label, status_label};
use super::{Conflict, SYNCED, Sync, Why};
use crate::domain::{Board, Change, Changes, Edit, Move, NewSprint, OpError, Position, ShortText, SprintState, Story};
use crate::remote::github::{Issue, IssueWrite};

/// The keys of the origin's bookkeeping beside the field hashes: the issue's other labels and
/// all its assignees as GitHub spells them (one a line), so that a push keeps what the board
/// does not hold (a label's spaces, the second assignee) when the issue was not read again.
pub(super) const LABELS_SEEN: &str = "github.labels";
pub(super) const ASSIGNEES_SEEN: &str = "github.assignees";

/// What GitHub holds of the issue, as far as the sync knows it.
pub(super) struct Seen {
    pub(super) labels: Vec<String>,
    pub(super) assignees: Vec<String>,
}

impl Seen {
    pub(super) fn of(remote: &crate::domain::Remote, issue: &Issue) -> Seen {
        Seen {
            labels: other_labels(remote, issue),
            assignees: issue.assignees.iter().map(|u| u.login.clone()).collect(),
        }
    }

    fn kept(story: &Story) -> Seen {
        let list = |k: &str| -> Vec<String> {
            story
                .origin
                .as_ref()
                .and_then(|o| o.fields.get(k))
                .map(|v| v.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect())
                .unwrap_or_default()
        };
        Seen { labels: list(LABELS_SEEN), assignees: list(ASSIGNEES_SEEN) }
    }

    pub(super) fn record(&self, story: &mut Story) {
        if let Some(o) = story.origin.as_mut() {
            o.fields.insert(LABELS_SEEN.to_owned(), self.labels.join("\n"));
            o.fields.insert(ASSIGNEES_SEEN.to_owned(), self.assignees.join("\n"));
        }
    }
}

/// Sets the base hash of `fields` to what the story holds now.
pub(super) fn record_fields(story: &mut Story, fields: &[&str]) {
    let now = Values::of_story(story);
    if let Some(o) = story.origin.as_mut() {
        for f in fields {
            o.fields.insert((*f).to_owned(), now.hash(f));
        }
    }
}

impl Sync<'_> {
    /// Exchanges what changed of one linked story; `issue`: as GitHub listed it now, `None`
    /// when it did not change since the last sync.
    pub(super) fn exchange(&mut self, board: &mut Board, key: &str, issue: Option<&Issue>) -> Result<(), Why> {
        let Some(story) = board.story(key) else { return Ok(()) };
        let Some(number) = story.origin.as_ref().and_then(|o| self.remote.issue_of(&o.id)) else { return Ok(()) };
        let (prior, prior_file) = (story.clone(), board.file.clone());
        let base = story.origin.as_ref().map(|o| o.fields.clone()).unwrap_or_default();
        let here = Values::of_story(story);
        let there = issue.map(|i| Values::of_issue(board, &self.remote, i));
        let (mut pull, mut push, mut same) = (Vec::new(), Vec::new(), Vec::new());
        for f in SYNCED {
            let l = here.hash(f);
            let r = match &there {
                Some(t) => t.hash(f),
                // Not changed on GitHub since the last sync: as the last sync left it.
                None => base.get(f).cloned().unwrap_or_else(|| l.clone()),
            };
            let b = base.get(f);
            if l == r {
                same.push(f);
            } else if b == Some(&r) {
                push.push(f);
            } else if b == Some(&l) || self.opts.take_theirs.iter().any(|t| t.covers(key, f)) {
                pull.push(f);
            } else if let Some(t) = &there {
                let shown = |v: &str| v.strip_prefix('+').unwrap_or(v).to_owned();
                self.report.conflicts.push(Conflict {
                    key: key.to_owned(),
                    number,
                    field: f,
                    ours: here.get(f).to_owned(),
                    theirs: shown(t.get(f)),
                });
            }
        }
        if let (Some(t), false) = (&there, pull.is_empty()) {
            if let Err(e) = self.take(board, key, t, &pull, issue) {
                // GitHub's value does not fit the board (a title too long, controls): the story
                // is left as it was, and said.
                board.stories.insert(key.into(), Box::new(prior.clone()));
                board.file = prior_file;
                self.report.skipped.push(format!("{key} (#{number}): GitHub's {} not taken: {e}", pull.join(", ")));
                return Ok(());
            }
            self.report.pulled.push((key.to_owned(), number, pull.clone()));
            push.extend(self.reshaped(board, key, issue, &pull));
        }
        let seen = match issue {
            Some(i) => Seen::of(&self.remote, i),
            None => board.story(key).map(Seen::kept).unwrap_or(Seen { labels: Vec::new(), assignees: Vec::new() }),
        };
        if let Some(s) = board.stories.get_mut(key) {
            record_fields(s, &same);
            record_fields(s, &pull);
            if issue.is_some() {
                seen.record(s);
            }
        }
        self.keep_story(board, key, &prior, &prior_file)?;
        if !push.is_empty() {
            self.push(board, key, number, &push, issue, &seen)?;
        }
        let prior = board.story(key).cloned().unwrap_or(prior);
        self.comments(board, key, number, issue)?;
        self.keep_story(board, key, &prior, &board.file.clone())
    }

    /// Saves the story (and board.ron, when a sprint was made) when they changed.
    pub(super) fn keep_story(
        &mut self,
        board: &Board,
        key: &str,
        prior: &Story,
        prior_file: &crate::domain::BoardFile,
    ) -> Result<(), Why> {
        let mut changes = Changes::default();
        if board.story(key) != Some(prior) {
            changes.merge(Changes::story(key, Some(prior.clone())));
        }
        if &board.file != prior_file {
            changes.merge(Changes::board(prior_file.clone()));
        }
        self.keep(board, &changes)
    }

    /// The sprint id of a milestone, made on the board when it has none by that name.
    pub(super) fn sprint_for(
        &mut self,
        board: &mut Board,
        value: &str,
        issue: Option<&Issue>,
    ) -> Result<Option<ShortText>, OpError> {
        let Some(title) = value.strip_prefix('+') else {
            return Ok((!value.is_empty()).then(|| value.into()));
        };
        let end = issue
            .and_then(|i| i.milestone.as_ref())
            .and_then(|m| m.due_on.as_deref())
            .and_then(|d| d.get(..10)?.parse().ok());
        let new = NewSprint { name: title.to_owned(), goal: String::new(), start: None, end, capacity: None };
        let (id, _) = board.new_sprint(new)?;
        self.report.sprints_created.push(title.to_owned());
        Ok(Some(id.into()))
    }

    /// Takes GitHub's value of `fields` into the story.
    fn take(
        &mut self,
        board: &mut Board,
        key: &str,
        t: &Values,
        fields: &[&str],
        issue: Option<&Issue>,
    ) -> Result<(), OpError> {
        let has = |f: &str| fields.contains(&f);
        let edit = Edit {
            title: has("title").then(|| t.title.clone()),
            description: has("description").then(|| t.description.clone()),
            acceptance: has("acceptance").then(|| t.acceptance.clone()),
            labels: has("labels").then(|| t.labels.lines().map(str::to_owned).collect()),
            assignee: has("assignee").then(|| (!t.assignee.is_empty()).then(|| t.assignee.clone())),
            ..Edit::default()
        };
        if edit != Edit::default() {
            board.edit_story(key, edit, self.ctx)?;
        }
        if has("sprint") || has("status") {
            let sprint = if has("sprint") { Some(self.sprint_for(board, &t.sprint, issue)?) } else { None };
            let closed = sprint
                .as_ref()
                .and_then(|s| s.as_deref())
                .and_then(|id| board.file.sprint(id))
                .is_some_and(|s| s.state == SprintState::Closed);
            let mv = Move {
                sprint: sprint.clone().filter(|_| !closed),
                status: has("status").then(|| t.status.clone()),
                position: Position::Keep,
            };
            if mv.sprint.is_some() || mv.status.is_some() {
                board.move_story(key, &mv, self.ctx)?;
            }
            // A closed sprint takes no moves: the story is put there, as an import does.
            if let (true, Some(to)) = (closed, sprint)
                && let Some(s) = board.stories.get_mut(key)
            {
                s.history.push(self.ctx.event(Change::Sprint { from: s.sprint.clone(), to: to.clone() }));
                s.sprint = to;
            }
        }
        Ok(())
    }

    /// The fields taken from `issue` that the board holds in its own form (a tab in a title is
    /// a space here, a value trimmed): sent back as the board holds them, so the two agree.
    pub(super) fn reshaped(
        &self,
        board: &Board,
        key: &str,
        issue: Option<&Issue>,
        taken: &[&'static str],
    ) -> Vec<&'static str> {
        let (Some(issue), Some(story)) = (issue, board.story(key)) else { return Vec::new() };
        let (theirs, ours) = (Values::of_issue(board, &self.remote, issue), Values::of_story(story));
        taken.iter().copied().filter(|f| theirs.hash(f) != ours.hash(f)).collect()
    }

    /// Sends the story's value of `fields` to its issue, then records them as synced.
    pub(super) fn push(
        &mut self,
        board: &mut Board,
        key: &str,
        number: u64,
        fields: &[&'static str],
        issue: Option<&Issue>,
        seen: &Seen,
    ) -> Result<(), Why> {
        let Some(story) = board.story(key).cloned() else { return Ok(()) };
        let has = |f: &str| fields.contains(&f);
        let mut w = IssueWrite::default();
        if has("title") {
            w.title = Some(story.title.clone());
        }
        if has("description") || has("acceptance") {
            w.body = Some(body_of(&story.description, &story.acceptance));
        }
        if has("labels") || has("status") {
            let mut labels: Vec<String> = story
                .labels
                .iter()
                .map(|l| {
                    seen.labels
                        .iter()
                        .find(|r| spell_label(r).as_deref() == Some(l.as_str()))
                        .cloned()
                        .unwrap_or_else(|| l.to_string())
                })
                .collect();
            let status = status_label(&self.remote, board, &story.status);
            match issue {
                Some(i) if !has("status") => labels.extend(
                    i.labels.iter().map(|l| l.name.clone()).filter(|l| super::values::is_status_label(&self.remote, l)),
                ),
                _ => {
                    if self.writes() {
                        self.api.ensure_label(&status)?;
                    }
                    labels.push(status);
                }
            }
            w.labels = Some(labels);
        }
        if has("status") {
            let done = board.file.done_column().is_some_and(|c| c.id == story.status);
            w.state = Some(if done { "closed" } else { "open" }.to_owned());
            w.state_reason = done.then(|| "completed".to_owned());
        }
        if has("assignee") {
            let login = story.assignee.as_deref().map(|a| self.login_of(board, a, seen));
            let others = seen.assignees.iter().skip(1).filter(|o| Some(*o) != login.as_ref()).cloned();
            w.assignees = Some(login.clone().into_iter().chain(others).collect());
        }
        if has("sprint") {
            w.milestone = Some(self.milestone_for(board, story.sprint.as_deref())?);
        }
        if self.writes() {
            let updated = self.api.update_issue(number, &w)?;
            if let Some(s) = board.stories.get_mut(key) {
                let prior = s.as_ref().clone();
                record_fields(s, fields);
                Seen::of(&self.remote, &updated).record(s);
                let file = board.file.clone();
                self.keep_story(board, key, &prior, &file)?;
            }
        }
        self.report.pushed.push((key.to_owned(), number, fields.to_vec()));
        Ok(())
    }

    /// The GitHub login to assign for a board name: the issue's first assignee when it is the
    /// same person, else an alias of theirs that reads as a login, else the name.
    pub(super) fn login_of(&self, board: &Board, name: &str, seen: &Seen) -> String {
        let member = board.file.people.iter().find(|m| m.answers_to(name));
        if let (Some(m), Some(first)) = (member, seen.assignees.first())
            && m.answers_to(first)
        {
            return first.clone();
        }
        member
            .and_then(|m| {
                m.aliases.iter().find(|a| !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            })
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    /// The milestone of a sprint (`None`: the backlog), made on GitHub when it has none of that
    /// title, due on the sprint's end.
    pub(super) fn milestone_for(&mut self, board: &Board, sprint: Option<&str>) -> Result<Option<u64>, Why> {
        let Some(sprint) = sprint.and_then(|id| board.file.sprint(id)) else { return Ok(None) };
        if self.milestones.is_none() {
            self.milestones = Some(self.api.milestones()?);
        }
        let known = self.milestones.as_ref().and_then(|ms| ms.iter().find(|m| m.title == sprint.name));
        if let Some(m) = known {
            return Ok(Some(m.number));
        }
        self.report.milestones_created.push(sprint.name.clone());
        if !self.writes() {
            return Ok(None);
        }
        let due = sprint.end.map(|d| format!("{d}T00:00:00Z"));
        let m = self.api.create_milestone(&sprint.name, due.as_deref())?;
        let number = m.number;
        self.milestones.get_or_insert_with(Vec::new).push(m);
        Ok(Some(number))
    }
}
