//! Finding what a person named: a column, sprint or epic by id or name, a story by its key as
//! typed, and the name a list is shown by.

use super::{OpError, Position};
use crate::domain::board::{Board, ListId};
use crate::domain::key;
use crate::domain::short_text::ShortText;

impl Board {
    /// The sprints a story can be planned into, for a message about a sprint not found.
    pub(crate) fn unknown_sprint(&self, name: &str) -> OpError {
        OpError::UnknownSprint(name.to_owned(), self.open_sprints())
    }

    /// Where a story can go: the sprints not closed, and the backlog.
    pub(crate) fn open_sprints(&self) -> String {
        let open: Vec<&str> = self
            .file
            .sprints
            .iter()
            .filter(|s| s.state != crate::domain::SprintState::Closed)
            .map(|s| s.name.as_str())
            .collect();
        if open.is_empty() {
            "no sprint is open (`sprintboard sprint new NAME` plans one), and the backlog is `backlog`".to_owned()
        } else {
            format!("the open sprints are {}, and the backlog is `backlog`", open.join(", "))
        }
    }

    /// The board's epics, for a message about an epic not found.
    pub(crate) fn unknown_epic(&self, name: &str) -> OpError {
        let names: Vec<&str> = self.file.epics.iter().map(|e| e.name.as_str()).collect();
        let known = if names.is_empty() {
            "the board has no epic yet (`sprintboard epic new NAME`)".to_owned()
        } else {
            format!("the epics are {}", names.join(", "))
        };
        OpError::UnknownEpic(name.to_owned(), known)
    }

    pub(crate) fn column_names(&self) -> String {
        self.file.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// Resolves a column given by id or name.
    pub fn resolve_column(&self, name: &str) -> Result<ShortText, OpError> {
        self.file
            .find_column(name)
            .map(|c| c.id.clone())
            .ok_or_else(|| OpError::UnknownColumn(name.to_owned(), self.column_names()))
    }

    /// Resolves a sprint given by id or name (not the backlog).
    pub fn resolve_sprint(&self, name: &str) -> Result<ShortText, OpError> {
        self.resolve_list(name)?.ok_or_else(|| OpError::Refused("the backlog is not a sprint".into()))
    }

    /// Resolves `backlog` or a sprint given by id or name.
    pub fn resolve_list(&self, name: &str) -> Result<ListId, OpError> {
        if name.trim().eq_ignore_ascii_case("backlog") {
            return Ok(None);
        }
        self.file.find_sprint(name).map(|s| Some(s.id.clone())).ok_or_else(|| self.unknown_sprint(name))
    }

    pub fn resolve_epic(&self, name: &str) -> Result<ShortText, OpError> {
        self.file.find_epic(name).map(|e| e.id.clone()).ok_or_else(|| self.unknown_epic(name))
    }

    /// Resolves a key as a person typed it.
    pub fn resolve_key(&self, input: &str) -> Result<String, OpError> {
        let key = key::normalize(input, &self.file.prefix);
        if self.stories.contains_key(key.as_str()) {
            Ok(key)
        } else if let Some((k, d)) =
            self.damaged.get_key_value(key.as_str()).or_else(|| self.damaged.get_key_value(input.trim()))
        {
            Err(OpError::Damaged { key: k.to_string(), problem: d.describe() })
        } else {
            Err(OpError::UnknownStory(input.trim().to_owned()))
        }
    }

    /// The place a person asked for (`top`, `bottom`, before or after a story by key; at most
    /// one is given), else where it is.
    pub fn resolve_place(
        &self,
        top: bool,
        bottom: bool,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<Position, OpError> {
        Ok(match (before, after) {
            _ if top => Position::Top,
            _ if bottom => Position::Bottom,
            (Some(k), _) => Position::Before(self.resolve_key(k)?),
            (None, Some(k)) => Position::After(self.resolve_key(k)?),
            (None, None) => Position::Keep,
        })
    }

    /// The error for a story that is not on the board: one whose file cannot be read says so,
    /// with the way out.
    pub(crate) fn unknown(&self, key: &str) -> OpError {
        match self.damaged.get(key) {
            Some(d) => OpError::Damaged { key: key.to_owned(), problem: d.describe() },
            None => OpError::UnknownStory(key.to_owned()),
        }
    }

    /// A human name for a list.
    pub fn list_name(&self, list: Option<&str>) -> String {
        self.file.sprint_name(list).unwrap_or_else(|| "the backlog".to_owned())
    }
}
