//! The two ways a link is made: an issue brought in as a new story, and a story published as
//! a new issue (its body marked with the story's key, so that a publish interrupted after
//! GitHub made the issue finds it on the next sync instead of making another).

use std::collections::BTreeMap;

use super::story::{Seen, record_fields};
use super::values::{Values, body_of, marker, status_label};
use super::{SYNCED, Sync, Why};
use crate::domain::{Board, Change, Changes, Edit, NewStory, OpError, Origin, SprintState};
use crate::remote::github::{Issue, IssueWrite};

impl Sync<'_> {
    /// A new story from an issue no story is linked to.
    pub(super) fn bring_in(&mut self, board: &mut Board, issue: &Issue) -> Result<(), Why> {
        let n = issue.number;
        let t = Values::of_issue(board, &self.remote, issue);
        if t.title.is_empty() {
            self.report.skipped.push(format!("#{n}: no title"));
            return Ok(());
        }
        let prior_file = board.file.clone();
        let key = match self.make_story(board, issue, &t) {
            Ok(key) => key,
            Err((made, e)) => {
                if let Some(k) = made {
                    board.stories.remove(k.as_str());
                }
                board.file = prior_file;
                self.report.skipped.push(format!("#{n} {:?}: not brought in: {e}", t.title));
                return Ok(());
            }
        };
        if let Some(s) = board.stories.get_mut(key.as_str()) {
            record_fields(s, &SYNCED);
            Seen::of(&self.remote, issue).record(s);
        }
        self.report.brought_in.push((key.clone(), n));
        let mut changes = Changes::story(&key, None);
        if board.file != prior_file {
            changes.merge(Changes::board(prior_file));
        }
        self.keep(board, &changes)?;
        let reshaped = self.reshaped(board, &key, Some(issue), &SYNCED);
        if !reshaped.is_empty() {
            self.push(board, &key, n, &reshaped, Some(issue), &Seen::of(&self.remote, issue))?;
        }
        self.comments(board, &key, n, Some(issue))
    }

    /// Adds the story an issue asks for; on failure, the key of the story made so far.
    fn make_story(
        &mut self,
        board: &mut Board,
        issue: &Issue,
        t: &Values,
    ) -> Result<String, (Option<String>, OpError)> {
        let sprint = self.sprint_for(board, &t.sprint, Some(issue)).map_err(|e| (None, e))?;
        let closed =
            sprint.as_deref().and_then(|id| board.file.sprint(id)).is_some_and(|s| s.state == SprintState::Closed);
        let new = NewStory {
            title: t.title.clone(),
            sprint: if closed { None } else { sprint.clone() },
            status: Some(t.status.clone()),
            points: None,
            assignee: (!t.assignee.is_empty()).then(|| t.assignee.clone()),
            epic: None,
            labels: t.labels.lines().map(str::to_owned).collect(),
        };
        let (key, _) = board.add_story(new, self.ctx).map_err(|e| (None, e))?;
        let origin = Origin { id: self.remote.origin_of(issue.number), fields: BTreeMap::new() };
        let edit = Edit {
            description: Some(t.description.clone()),
            acceptance: Some(t.acceptance.clone()),
            origin: Some(Some(Box::new(origin))),
            ..Edit::default()
        };
        board.edit_story(&key, edit, self.ctx).map_err(|e| (Some(key.clone()), e))?;
        if closed && let Some(s) = board.stories.get_mut(key.as_str()) {
            s.history.push(self.ctx.event(Change::Sprint { from: s.sprint.clone(), to: sprint.clone() }));
            s.sprint = sprint;
        }
        Ok(key)
    }

    /// Links a story to the issue its publish made (found by the marker in its body); the
    /// exchange that follows records what both hold.
    pub(super) fn relink(&mut self, board: &mut Board, key: &str, number: u64) -> Result<(), Why> {
        let Some(s) = board.stories.get_mut(key) else { return Ok(()) };
        let prior = s.as_ref().clone();
        s.origin = Some(Box::new(Origin { id: self.remote.origin_of(number), fields: BTreeMap::new() }));
        self.report.relinked.push((key.to_owned(), number));
        let file = board.file.clone();
        self.keep_story(board, key, &prior, &file)
    }

    /// Publishes a story linked to nothing as a new issue, then links it.
    pub(super) fn publish(&mut self, board: &mut Board, key: &str) -> Result<(), Why> {
        let Some(story) = board.story(key).cloned() else { return Ok(()) };
        let status = status_label(&self.remote, board, &story.status);
        let mut labels: Vec<String> = story.labels.iter().map(ToString::to_string).collect();
        labels.push(status.clone());
        let seen = Seen { labels: Vec::new(), assignees: Vec::new() };
        let assignees = story.assignee.as_deref().map(|a| vec![self.login_of(board, a, &seen)]);
        let milestone = self.milestone_for(board, story.sprint.as_deref())?;
        let w = IssueWrite {
            title: Some(story.title.clone()),
            body: Some(format!("{}\n\n{}", body_of(&story.description, &story.acceptance), marker(key))),
            labels: Some(labels),
            assignees,
            milestone: milestone.map(Some),
            ..IssueWrite::default()
        };
        if !self.writes() {
            self.report.published.push((key.to_owned(), 0));
            self.report.comments_out += story.comments.len();
            return Ok(());
        }
        self.api.ensure_label(&status)?;
        let issue = self.api.create_issue(&w)?;
        let n = issue.number;
        // Linked at once: every field but the column, which is recorded once the issue is
        // closed (a finished story), so an interruption in between is not taken as GitHub's.
        let done = board.file.done_column().is_some_and(|c| c.id == story.status);
        if let Some(s) = board.stories.get_mut(key) {
            s.origin = Some(Box::new(Origin { id: self.remote.origin_of(n), fields: BTreeMap::new() }));
            let fields: Vec<&str> = SYNCED.into_iter().filter(|f| !done || *f != "status").collect();
            record_fields(s, &fields);
            Seen::of(&self.remote, &issue).record(s);
        }
        let file = board.file.clone();
        self.keep_story(board, key, &story, &file)?;
        if done {
            let close = IssueWrite {
                state: Some("closed".into()),
                state_reason: Some("completed".into()),
                ..IssueWrite::default()
            };
            self.api.update_issue(n, &close)?;
            if let Some(s) = board.stories.get_mut(key) {
                let prior = s.as_ref().clone();
                record_fields(s, &["status"]);
                self.keep_story(board, key, &prior, &file)?;
            }
        }
        self.report.published.push((key.to_owned(), n));
        self.comments(board, key, n, None)
    }
}
