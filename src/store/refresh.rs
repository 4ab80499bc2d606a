//! Catching up with changes other processes made (another sprintboard, the CLI, `git pull`):
//! only files whose size or time changed are read again, and a file whose bytes are what this
//! store wrote itself is not reported, so its own saves never cause a reload loop.

use std::collections::HashSet;
use std::path::PathBuf;

use super::load::{Refs, check_key, check_story, is_story_file, read_story};
use super::{FileMeta, STORIES_DIR, Store, StoreError, codec, fingerprint, read_with_meta};
use crate::domain::{Board, Story};
use crate::store::error::FileError;

/// What a refresh found: what other processes changed, read and checked, not yet applied.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Refresh {
    /// `board.ron` changed: the whole board as read again (every story checked against it).
    pub board: Option<Box<Board>>,
    /// Stories added or changed elsewhere, as they are now.
    pub changed: Vec<Story>,
    /// Stories whose files were deleted elsewhere.
    pub removed: Vec<String>,
    /// Files that changed but cannot be used; the version read before stays in memory, and this
    /// store will not write over them.
    pub problems: Vec<FileError>,
    /// Files read that refer to what board.ron does not have (or, with a new board.ron, what is
    /// wrong between the files): read all the same, and said.
    pub warnings: Vec<FileError>,
}

impl Refresh {
    pub fn is_empty(&self) -> bool {
        self.board.is_none()
            && self.changed.is_empty()
            && self.removed.is_empty()
            && self.problems.is_empty()
            && self.warnings.is_empty()
    }

    /// The keys of the stories added, changed or removed elsewhere (for a whole new board: none,
    /// see [`Refresh::board`]).
    pub fn touched(&self) -> impl Iterator<Item = &str> {
        self.changed.iter().map(|s| s.key.as_str()).chain(self.removed.iter().map(String::as_str))
    }

    /// Brings `board` up to date with what was found.
    pub fn apply_to(&self, board: &mut Board) {
        if let Some(fresh) = &self.board {
            *board = (**fresh).clone();
            return;
        }
        for key in &self.removed {
            board.stories.remove(key);
        }
        for story in &self.changed {
            board.stories.insert(story.key.clone(), story.clone());
        }
    }
}

impl Store {
    /// Brings `board` up to date with the files on disk.
    pub fn refresh(&mut self, board: &mut Board) -> Result<Refresh, StoreError> {
        let report = self.changes_elsewhere(board)?;
        report.apply_to(board);
        Ok(report)
    }

    /// Reads what other processes changed since this store last read or wrote (`board` is what
    /// is in memory, to check the stories against); the store's own record of each file is
    /// brought up to date, the board is not: [`Refresh::apply_to`] does that.
    pub fn changes_elsewhere(&mut self, board: &Board) -> Result<Refresh, StoreError> {
        let mut report = Refresh::default();
        let board_path = self.board_path();
        let now = FileMeta::at(&board_path);
        if (now.is_none_or(|m| m.recent()) || now != self.meta.get(&board_path).copied())
            && let Some((bytes, meta)) = read_with_meta(&board_path, codec::MAX_BOARD_BYTES)?
        {
            if Some(fingerprint(&bytes)) != self.seen.get(&board_path).copied() {
                // The workflow, sprints or epics changed: every story is checked against them.
                let (store, fresh) = Store::open(&self.root)?;
                *self = store;
                report.warnings = self.warnings.clone();
                report.board = Some(Box::new(fresh));
                return Ok(report);
            }
            self.meta.insert(board_path, meta);
        }

        let dir = self.root.join(STORIES_DIR);
        let present: HashSet<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| StoreError::io(&dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_story_file(p))
            .collect();
        let known: Vec<(String, PathBuf)> = self.paths.iter().map(|(k, p)| (k.clone(), p.clone())).collect();
        for (key, path) in known {
            if !present.contains(&path) {
                self.paths.remove(&key);
                self.seen.remove(&path);
                self.meta.remove(&path);
                report.removed.push(key);
            }
        }
        let mut paths: Vec<PathBuf> = present.into_iter().collect();
        paths.sort();
        for path in paths {
            let now = FileMeta::at(&path);
            if now.is_some_and(|m| !m.recent()) && now == self.meta.get(&path).copied() {
                continue;
            }
            let parsed = read_story(path.clone());
            if Some(parsed.text_hash) == self.seen.get(&path).copied() {
                if let Some(m) = parsed.meta {
                    self.meta.insert(path, m);
                }
                continue;
            }
            let (story, bytes) = match parsed.result {
                Ok(ok) => ok,
                Err(e) => {
                    report.problems.push(e);
                    continue;
                }
            };
            let text = || std::str::from_utf8(&bytes).unwrap_or_default();
            if let Some(message) = check_key(&story.key, &board.file.prefix, &path) {
                report.problems.push(FileError::new(&path, codec::field_position(text(), "key"), message));
                continue;
            }
            // Read, and said: a reference to something board.ron does not have.
            for (field, message) in check_story(&story, &Refs::of(&board.file)) {
                report.warnings.push(FileError::new(&path, codec::field_position(text(), field), message));
            }
            if let Some(other) = self.paths.get(&story.key).filter(|p| **p != path) {
                report.problems.push(FileError::new(
                    &path,
                    codec::field_position(text(), "key"),
                    format!("duplicate key {}: {} has it too", story.key, other.display()),
                ));
                continue;
            }
            // A file that now holds another story than before: the old one is gone.
            if let Some(old) = self.paths.iter().find(|(k, p)| **p == path && **k != story.key).map(|(k, _)| k.clone())
            {
                self.paths.remove(&old);
                report.removed.push(old);
            }
            self.seen.insert(path.clone(), parsed.text_hash);
            if let Some(m) = parsed.meta {
                self.meta.insert(path.clone(), m);
            }
            self.paths.insert(story.key.clone(), path);
            self.from_cache.remove(&story.key);
            report.changed.push(story);
        }
        Ok(report)
    }
}
