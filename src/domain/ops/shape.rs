//! The board's shape: workflow columns and epics added, renamed, reordered, limited, removed.
//! Each is one change of `board.ron` (and of the stories it moves or unlinks, one file each).

use super::{Changes, Ctx, OpError, clean_line};
use crate::domain::board::Board;
use crate::domain::history::Change;
use crate::domain::model::{Column, slug, unique_id};
use crate::domain::short_text::ShortText;

/// Where a column goes: after another one, or first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnPlace {
    First,
    After(String),
    Last,
}

impl Board {
    fn column_at(&self, id: &str) -> Result<usize, OpError> {
        self.file.column_index(id).ok_or_else(|| OpError::UnknownColumn(id.to_owned(), self.column_names()))
    }

    fn insert_at(&self, place: &ColumnPlace) -> Result<usize, OpError> {
        Ok(match place {
            ColumnPlace::First => 0,
            ColumnPlace::Last => self.file.columns.len(),
            ColumnPlace::After(col) => self.column_at(&self.resolve_column(col)?)? + 1,
        })
    }

    /// Adds a workflow column (by default before the last one, where finished work goes).
    pub fn add_column(
        &mut self,
        name: &str,
        place: Option<ColumnPlace>,
        wip: Option<u32>,
    ) -> Result<(String, Changes), OpError> {
        let name = clean_line("column name", name)?;
        if self.file.find_column(&name).is_some() {
            return Err(OpError::Refused(format!("there is already a column named {name:?}")));
        }
        let at = match place {
            Some(p) => self.insert_at(&p)?,
            None => self.file.columns.len().saturating_sub(1),
        };
        let prior = self.file.clone();
        let id = unique_id(slug(&name), |id| self.file.column(id).is_some());
        self.file.columns.insert(at, Column { id: id.as_str().into(), name, wip });
        Ok((id, Changes::board(prior)))
    }

    /// Renames a column: one change of `board.ron` (stories name a column by its id, which
    /// stays), so it is made whole or not at all. Renaming again a column already renamed
    /// (`column` is gone, `name` is there) changes nothing and is not an error: running the
    /// command again after an interruption is always safe.
    pub fn rename_column(&mut self, column: &str, name: &str) -> Result<Changes, OpError> {
        if self.file.find_column(column).is_none() && self.file.find_column(name.trim()).is_some() {
            return Ok(Changes::default());
        }
        let id = self.resolve_column(column)?;
        let name = clean_line("column name", name)?;
        if self.file.find_column(&name).is_some_and(|c| c.id != id) {
            return Err(OpError::Refused(format!("there is already a column named {name:?}")));
        }
        let prior = self.file.clone();
        let at = self.column_at(&id)?;
        self.file.columns[at].name = name;
        Ok(if self.file == prior { Changes::default() } else { Changes::board(prior) })
    }

    /// Moves a column to another place in the workflow (the stories stay in it).
    pub fn move_column(&mut self, column: &str, place: ColumnPlace) -> Result<Changes, OpError> {
        let id = self.resolve_column(column)?;
        if let ColumnPlace::After(other) = &place
            && self.resolve_column(other)? == id
        {
            return Err(OpError::Invalid("a column cannot go after itself".into()));
        }
        let prior = self.file.clone();
        let from = self.column_at(&id)?;
        let col = self.file.columns.remove(from);
        let at = self.insert_at(&place)?.min(self.file.columns.len());
        self.file.columns.insert(at, col);
        Ok(if self.file == prior { Changes::default() } else { Changes::board(prior) })
    }

    pub fn set_wip(&mut self, column: &str, wip: Option<u32>) -> Result<Changes, OpError> {
        let id = self.resolve_column(column)?;
        let prior = self.file.clone();
        let at = self.column_at(&id)?;
        self.file.columns[at].wip = wip;
        Ok(if self.file == prior { Changes::default() } else { Changes::board(prior) })
    }

    /// Removes a column. Refused while stories are in it, unless `to` names the column they
    /// move to (each move recorded in its story's history). Returns how many moved.
    /// Many files: the store writes them through its journal, so an interruption is finished by
    /// the next command, exactly (see `store::journal` for why a journal and not an order).
    pub fn remove_column(
        &mut self,
        column: &str,
        to: Option<&str>,
        ctx: &mut Ctx,
    ) -> Result<(usize, Changes), OpError> {
        let id = self.resolve_column(column)?;
        if self.file.columns.len() == 1 {
            return Err(OpError::Refused("the workflow needs at least one column".into()));
        }
        let keys: Vec<ShortText> = self.stories.values().filter(|s| s.status == id).map(|s| s.key.clone()).collect();
        let target = match to {
            Some(t) => {
                let t = self.resolve_column(t)?;
                if t == id {
                    return Err(OpError::Invalid("its stories cannot move to the column being removed".into()));
                }
                Some(t)
            }
            None if keys.is_empty() => None,
            None => {
                return Err(OpError::Refused(format!(
                    "{} {} in it: `--to COLUMN` moves them first",
                    keys.len(),
                    if keys.len() == 1 { "story is" } else { "stories are" }
                )));
            }
        };
        let mut changes = Changes::board(self.file.clone());
        if let Some(target) = target {
            for key in &keys {
                let Some(story) = self.stories.get_mut(key.as_str()) else { continue };
                let before = (**story).clone();
                story.history.push(ctx.event(Change::Status { from: id.clone(), to: target.clone() }));
                story.status = target.clone();
                story.updated = ctx.now;
                changes.merge(Changes::story(key, Some(before)));
            }
        }
        let at = self.column_at(&id)?;
        self.file.columns.remove(at);
        Ok((keys.len(), changes))
    }

    pub fn rename_epic(&mut self, epic: &str, name: &str) -> Result<Changes, OpError> {
        let id = self.resolve_epic(epic)?;
        let name = clean_line("epic name", name)?;
        if self.file.find_epic(&name).is_some_and(|e| e.id != id) {
            return Err(OpError::Refused(format!("there is already an epic named {name:?}")));
        }
        self.change_epic(&id, |e| e.name = name)
    }

    pub fn describe_epic(&mut self, epic: &str, description: &str) -> Result<Changes, OpError> {
        let id = self.resolve_epic(epic)?;
        let description = description.trim().to_owned();
        self.change_epic(&id, |e| e.description = description)
    }

    fn change_epic(&mut self, id: &str, change: impl FnOnce(&mut crate::domain::Epic)) -> Result<Changes, OpError> {
        let prior = self.file.clone();
        let i = self.file.epics.iter().position(|e| e.id == id).ok_or_else(|| self.unknown_epic(id))?;
        change(&mut self.file.epics[i]);
        Ok(if self.file == prior { Changes::default() } else { Changes::board(prior) })
    }

    /// Deletes an epic; its stories stay, without an epic. Returns how many lost it.
    /// Many files: the store writes them through its journal, so an interruption is finished by
    /// the next command, exactly (see `store::journal` for why a journal and not an order).
    pub fn delete_epic(&mut self, epic: &str, ctx: &Ctx) -> Result<(usize, Changes), OpError> {
        let id = self.resolve_epic(epic)?;
        let mut changes = Changes::board(self.file.clone());
        let keys: Vec<ShortText> =
            self.stories.values().filter(|s| s.epic.as_deref() == Some(id.as_str())).map(|s| s.key.clone()).collect();
        for key in &keys {
            let Some(story) = self.stories.get_mut(key.as_str()) else { continue };
            let before = (**story).clone();
            story.epic = None;
            story.updated = ctx.now;
            changes.merge(Changes::story(key, Some(before)));
        }
        self.file.epics.retain(|e| e.id != id);
        Ok((keys.len(), changes))
    }

    /// How many stories are in the epic (for the question before deleting it).
    pub fn epic_size(&self, epic: &str) -> usize {
        self.resolve_epic(epic)
            .map_or(0, |id| self.stories.values().filter(|s| s.epic.as_deref() == Some(id.as_str())).count())
    }
}
