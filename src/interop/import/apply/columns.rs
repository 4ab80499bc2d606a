//! Which column each source status and list goes to: as the person mapped it, by name, a new
//! column (`--create-columns`), by what the name says, else by its place.

use super::Import;
use crate::domain::model::{slug, unique_id};
use crate::domain::{Board, Changes, Column, ShortText};
use crate::interop::import::Progress;

/// Where a status that matches no column by name goes: by what its name (or the source's
/// category) says of its progress, else the first column.
pub(super) fn nearest_column(board: &Board, name: &str, progress: Option<Progress>) -> ShortText {
    column_by_words(board, name, progress)
        .unwrap_or_else(|| board.file.columns.first().map(|c| c.id.clone()).unwrap_or_default())
}

/// The column a status's name (or the source's category) points to, when it says anything.
fn column_by_words(board: &Board, name: &str, progress: Option<Progress>) -> Option<ShortText> {
    let cols = &board.file.columns;
    let lower = name.to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let named = |words: &[&str]| {
        cols.iter().find(|c| words.iter().any(|w| c.name.to_lowercase().contains(w))).map(|c| c.id.clone())
    };
    let first = cols.first().map(|c| c.id.clone()).unwrap_or_default();
    let done = board.file.done_column().map_or_else(|| first.clone(), |c| c.id.clone());
    let middle =
        |i: usize| cols.get(i.min(cols.len().saturating_sub(1))).map_or_else(|| first.clone(), |c| c.id.clone());
    if progress == Some(Progress::Done)
        || says(&["done", "closed", "resolved", "accepted", "complete", "fixed", "shipped", "released"])
    {
        Some(done)
    } else if says(&["review", "verif", "test", "qa", "approv", "merge"]) {
        Some(named(&["review", "test", "qa", "verif"]).unwrap_or_else(|| middle(cols.len().saturating_sub(2))))
    } else if progress == Some(Progress::InProgress)
        || says(&["progress", "doing", "develop", "implement", "started", "active", "wip", "working"])
    {
        Some(named(&["progress", "doing"]).unwrap_or_else(|| middle(1)))
    } else if progress == Some(Progress::ToDo) || says(&["to do", "todo", "open", "new", "ready", "next", "planned"]) {
        Some(first)
    } else {
        None
    }
}

impl Import<'_> {
    /// The column a source status goes to.
    pub(super) fn column(&mut self, board: &mut Board, status: Option<&str>, progress: Option<Progress>) -> ShortText {
        let name = status.map(str::trim).filter(|s| !s.is_empty());
        if let Some(id) = name.and_then(|n| self.manual.get(&n.to_lowercase())) {
            return id.clone();
        }
        // A resolution means done, whatever the status is called.
        if progress == Some(Progress::Done) {
            return nearest_column(board, "", progress);
        }
        let Some(name) = name else { return nearest_column(board, "", progress) };
        let lower = name.to_lowercase();
        if let Some(id) = self.columns.get(&lower) {
            return id.clone();
        }
        let id = if let Some(c) = board.file.find_column(name) {
            c.id.clone()
        } else if self.opts.create_columns {
            self.new_column(board, name)
        } else {
            let id = nearest_column(board, name, progress);
            let column = board.file.column(&id).map_or(id.as_str(), |c| c.name.as_str());
            self.summary.approximated.push(format!(
                "status {name:?} → {column}, the nearest column (`--map-status \"{name}=COLUMN\"` chooses another)"
            ));
            id
        };
        self.columns.insert(lower, id.clone());
        id
    }

    /// The columns a source's lists go to, in the source's order: by name, else a new column
    /// (`--create-columns`), else by what the name says, else by position — the first list is
    /// the first column and the last list is where finished work goes.
    pub(super) fn list_columns(&mut self, board: &mut Board) {
        let lists: Vec<String> = self
            .export
            .lists
            .iter()
            .filter(|l| !l.backlog && !self.to_backlog.contains(&l.name.trim().to_lowercase()))
            .map(|l| l.name.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        // A new board's own columns (the default To Do, In Progress, Review) give way to the
        // source's lists, so the board has the columns the source had; never a column of a
        // board that holds stories, nor the last one, where finished work goes.
        if self.opts.create_columns && board.stories.is_empty() && !lists.is_empty() {
            let done = board.file.done_column().map(|c| c.id.clone());
            let unnamed = |c: &Column| {
                Some(&c.id) != done.as_ref()
                    && !lists.iter().any(|l| board.file.find_column(l).is_some_and(|f| f.id == c.id))
                    && !self.manual.values().any(|m| *m == c.id)
            };
            let gone: Vec<String> = board.file.columns.iter().filter(|c| unnamed(c)).map(|c| c.name.clone()).collect();
            if !gone.is_empty() {
                let prior = board.file.clone();
                board.file.columns.retain(|c| !gone.contains(&c.name));
                self.changes.merge(Changes::board(prior));
                self.summary
                    .approximated
                    .push(format!("columns {} removed: the board was empty and no list is called so", gone.join(", ")));
            }
        }
        let n = lists.len();
        for (i, name) in lists.iter().enumerate() {
            let lower = name.to_lowercase();
            if self.manual.contains_key(&lower) || self.columns.contains_key(&lower) {
                continue;
            }
            let last = n > 1 && i + 1 == n;
            let (id, how) = if let Some(c) = board.file.find_column(name) {
                (c.id.clone(), "")
            } else if last && board.file.done_column().is_some() {
                (board.file.done_column().map(|c| c.id.clone()).unwrap_or_default(), "the last list: finished work")
            } else if self.opts.create_columns {
                (self.new_column(board, name), "")
            } else if let Some(id) = column_by_words(board, name, None) {
                (id, "the nearest column")
            } else {
                // Between the first column and the last (finished work), as the list sits in its board.
                let m = board.file.columns.len();
                let at = if i == 0 || m < 3 { 0 } else { (i * (m - 1)).div_ceil(n.max(2) - 1).clamp(1, m - 2) };
                (board.file.columns.get(at).map(|c| c.id.clone()).unwrap_or_default(), "by its place in the board")
            };
            if !how.is_empty() {
                let column = board.file.column(&id).map_or(id.as_str(), |c| c.name.as_str());
                self.summary
                    .approximated
                    .push(format!("list {name:?} → {column}, {how} (`--map-list \"{name}=COLUMN\"` chooses another)"));
            }
            self.columns.insert(lower, id);
        }
    }

    /// Adds a column named like a source status, before the last column (where finished work goes).
    pub(super) fn new_column(&mut self, board: &mut Board, name: &str) -> ShortText {
        let prior = board.file.clone();
        let id = unique_id(slug(name), |id| board.file.column(id).is_some());
        let at = board.file.columns.len().saturating_sub(1);
        board.file.columns.insert(at, Column { id: id.as_str().into(), name: name.to_owned(), wip: None });
        self.changes.merge(Changes::board(prior));
        self.summary.columns_created.push(name.to_owned());
        id.into()
    }
}
