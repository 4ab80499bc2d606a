//! Dependencies between stories: B waits on A when A's key is in B's `blocked_by`. A link is
//! kept in the waiting story's file only; what a story blocks is worked out from the others.

use super::{Changes, Ctx, Edit, OpError};
use crate::domain::board::Board;
use crate::domain::short_text::ShortText;

impl Board {
    /// The stories `key` blocks (those that wait on it), in key order.
    pub fn blocks(&self, key: &str) -> Vec<&str> {
        self.stories.values().filter(|s| s.blocked_by.iter().any(|b| b == key)).map(|s| s.key.as_str()).collect()
    }

    /// The blockers of `key` that are not done yet, each with the column it is in.
    pub fn open_blockers(&self, key: &str) -> Vec<(String, String)> {
        let done = self.file.done_column().map(|c| c.id.as_str());
        let Some(story) = self.story(key) else { return Vec::new() };
        story
            .blocked_by
            .iter()
            .filter_map(|b| self.story(b))
            .filter(|b| Some(b.status.as_str()) != done)
            .map(|b| {
                (
                    b.key.to_string(),
                    self.file.column(&b.status).map_or_else(|| b.status.to_string(), |c| c.name.clone()),
                )
            })
            .collect()
    }

    /// What is wrong with the plan: a story planned before one of its blockers (an earlier
    /// sprint, or a sprint while the blocker is in the backlog), or waiting on a story that is
    /// no longer there (as a merge can leave).
    pub fn link_problems(&self) -> Vec<String> {
        let order = |sprint: &Option<ShortText>| -> Option<usize> {
            sprint.as_deref().and_then(|id| self.file.sprints.iter().position(|s| s.id == id))
        };
        let done = self.file.done_column().map(|c| c.id.as_str());
        let mut out = Vec::new();
        for s in self.stories.values() {
            for b in &s.blocked_by {
                let Some(blocker) = self.story(b) else {
                    out.push(format!(
                        "{} waits on {b}, which is not on the board: `sprintboard unlink {b} {}`",
                        s.key, s.key
                    ));
                    continue;
                };
                if Some(blocker.status.as_str()) == done {
                    continue;
                }
                let planned_before = match (order(&s.sprint), order(&blocker.sprint)) {
                    (Some(mine), Some(theirs)) => mine < theirs,
                    (Some(_), None) => true,
                    _ => false,
                };
                if planned_before {
                    out.push(format!(
                        "{} is planned in {} before {b}, which it waits on ({})",
                        s.key,
                        self.list_name(s.sprint.as_deref()),
                        self.list_name(blocker.sprint.as_deref())
                    ));
                }
            }
        }
        out
    }

    /// Said when a move filled the story's column past its WIP limit, in the story's list (see
    /// [`crate::domain::Column::over_limit`]).
    pub fn wip_note(&self, key: &str) -> Option<String> {
        let story = self.story(key)?;
        let column = self.file.column(&story.status)?;
        column.wip?;
        let cards = self.list(story.sprint.as_deref()).into_iter().filter(|s| s.status == story.status).count();
        column.over_limit(cards)
    }

    /// Said when a story past the first column still waits on something not done: `SB-2 waits
    /// on SB-1 (In Progress)`. The move is allowed; this is the warning.
    pub fn waiting_note(&self, key: &str) -> Option<String> {
        let story = self.story(key)?;
        if self.file.columns.first().is_some_and(|c| c.id == story.status) {
            return None;
        }
        let open = self.open_blockers(key);
        if open.is_empty() {
            return None;
        }
        let list: Vec<String> = open.iter().map(|(k, col)| format!("{k} ({col})")).collect();
        Some(format!("{key} waits on {}", list.join(", ")))
    }

    /// The chain of blockers from `from` back to `to` (`from` waits on … waits on `to`), if
    /// there is one: what a new link `to` → `from` would close into a cycle.
    fn waits_on(&self, from: &str, to: &str, blocked_by: &dyn Fn(&str) -> Vec<String>) -> Option<Vec<String>> {
        let mut stack = vec![vec![from.to_owned()]];
        let mut seen = std::collections::HashSet::new();
        while let Some(path) = stack.pop() {
            let last = path.last().cloned().unwrap_or_default();
            if last == to {
                return Some(path);
            }
            if !seen.insert(last.clone()) {
                continue;
            }
            for next in blocked_by(&last) {
                let mut longer = path.clone();
                longer.push(next);
                stack.push(longer);
            }
        }
        None
    }

    /// Refuses a `blocked_by` list for `key` that names an unknown story, the story itself, or
    /// closes a cycle (naming it).
    pub(super) fn check_blockers(&self, key: &str, blockers: &[String]) -> Result<(), OpError> {
        for b in blockers {
            if b == key {
                return Err(OpError::Invalid(format!("{key} cannot wait on itself")));
            }
            if self.story(b).is_none() {
                return Err(self.unknown(b));
            }
        }
        let blocked_by = |k: &str| -> Vec<String> {
            if k == key {
                blockers.to_vec()
            } else {
                self.story(k).map(|s| s.blocked_by.iter().map(ShortText::to_string).collect()).unwrap_or_default()
            }
        };
        for b in blockers {
            // key waits on b; if b waits (through others) on key, that is a cycle.
            if let Some(path) = self.waits_on(b, key, &blocked_by) {
                let mut cycle = vec![key.to_owned()];
                cycle.extend(path);
                return Err(OpError::Refused(format!(
                    "that would be a cycle: {} (each waits on the next)",
                    cycle.join(" → ")
                )));
            }
        }
        Ok(())
    }

    /// `blocker` blocks `key`: `key` waits on it.
    pub fn link(&mut self, blocker: &str, key: &str, ctx: &mut Ctx) -> Result<Changes, OpError> {
        let story = self.story(key).ok_or_else(|| self.unknown(key))?;
        if story.blocked_by.iter().any(|b| b == blocker) {
            return Ok(Changes::default());
        }
        let mut list: Vec<String> = story.blocked_by.iter().map(ShortText::to_string).collect();
        list.push(blocker.to_owned());
        self.edit_story(key, Edit { blocked_by: Some(list), ..Edit::default() }, ctx)
    }

    /// `key` no longer waits on `blocker`.
    pub fn unlink(&mut self, blocker: &str, key: &str, ctx: &mut Ctx) -> Result<Changes, OpError> {
        let story = self.story(key).ok_or_else(|| self.unknown(key))?;
        if !story.blocked_by.iter().any(|b| b == blocker) {
            return Err(OpError::Refused(format!("{key} does not wait on {blocker}")));
        }
        let list = story.blocked_by.iter().filter(|b| *b != blocker).map(ShortText::to_string).collect();
        self.edit_story(key, Edit { blocked_by: Some(list), ..Edit::default() }, ctx)
    }

    /// After `key` was deleted: no story waits on it any more (one write per story touched).
    pub(super) fn forget_blocker(&mut self, key: &str, changes: &mut Changes) {
        let waiting: Vec<String> = self.blocks(key).into_iter().map(str::to_owned).collect();
        for k in waiting {
            if let Some(s) = self.stories.get_mut(k.as_str()) {
                let before = (**s).clone();
                s.blocked_by.retain(|b| b != key);
                changes.merge(Changes::story(&k, Some(before)));
            }
        }
    }
}
