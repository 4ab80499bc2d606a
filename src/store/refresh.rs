//! Catching up with changes other processes made (another sprintboard, the CLI, `git pull`):
//! only files whose size or time changed are read again, and a file whose bytes are what this
//! store wrote itself is not reported, so its own saves never cause a reload loop.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

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
        let report = self.changes_elsewhere(board, None)?;
        report.apply_to(board);
        Ok(report)
    }

    /// Reads what other processes changed since this store last read or wrote (`board` is what
    /// is in memory, to check the stories against): only `paths` when the watcher says which
    /// files changed, every file otherwise. The store's own record of each file is brought up
    /// to date, the board is not: [`Refresh::apply_to`] does that.
    pub fn changes_elsewhere(&mut self, board: &Board, paths: Option<&[PathBuf]>) -> Result<Refresh, StoreError> {
        let mut report = Refresh::default();
        let board_path = self.board_path();
        let dir = self.root.join(STORIES_DIR);
        // The watcher's paths, as this store names its files (whatever form the root had there).
        let paths: Option<Vec<PathBuf>> = paths.map(|ps| {
            ps.iter()
                .filter_map(|p| {
                    let name = p.file_name()?;
                    let parent = p.parent().and_then(Path::file_name);
                    if parent.is_some_and(|d| d == STORIES_DIR) {
                        Some(dir.join(name))
                    } else {
                        (name == super::BOARD_FILE).then(|| board_path.clone())
                    }
                })
                .collect()
        });
        let board_reported = paths.as_ref().is_none_or(|ps| ps.contains(&board_path));
        if board_reported && self.board_changed(&board_path)? {
            // The workflow, sprints or epics changed: every story is checked against them.
            let (store, fresh) = Store::open(&self.root)?;
            *self = store;
            report.warnings = self.warnings.clone();
            report.board = Some(Box::new(fresh));
            return Ok(report);
        }
        let mut story_paths: Vec<PathBuf> = match paths {
            Some(ps) => ps.into_iter().filter(|p| p.parent() == Some(dir.as_path()) && is_story_file(p)).collect(),
            // Nothing created, replaced or removed in `stories/` since the board was read: no
            // need to look at each of its files (100,000 of them on a big board).
            None if self.stories_dir.is_some_and(|m| !m.recent() && FileMeta::at(&dir) == Some(m)) => Vec::new(),
            None => {
                let present: HashSet<PathBuf> = std::fs::read_dir(&dir)
                    .map_err(|e| StoreError::io(&dir, e))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| is_story_file(p))
                    .collect();
                // Known files that are gone are looked at too (they are removals).
                let mut all: Vec<PathBuf> = self.paths.values().filter(|p| !present.contains(*p)).cloned().collect();
                all.extend(present);
                all
            }
        };
        story_paths.sort();
        story_paths.dedup();
        for path in story_paths {
            self.story_changed(board, path, &mut report);
        }
        Ok(report)
    }

    /// Whether `board.ron` holds something else than this store read or wrote.
    fn board_changed(&mut self, board_path: &Path) -> Result<bool, StoreError> {
        let now = FileMeta::at(board_path);
        if now.is_some_and(|m| !m.recent()) && now == self.meta.get(board_path).copied() {
            return Ok(false);
        }
        let Some((bytes, meta)) = read_with_meta(board_path, codec::MAX_BOARD_BYTES)? else { return Ok(true) };
        if Some(fingerprint(&bytes)) != self.seen.get(board_path).copied() {
            return Ok(true);
        }
        self.meta.insert(board_path.to_owned(), meta);
        Ok(false)
    }

    /// One story file: removed, changed elsewhere (read and checked), or as this store left it.
    fn story_changed(&mut self, board: &Board, path: PathBuf, report: &mut Refresh) {
        let now = FileMeta::at(&path);
        let Some(now) = now else {
            if let Some(key) = self.paths.iter().find(|(_, p)| **p == path).map(|(k, _)| k.clone()) {
                self.paths.remove(&key);
                self.seen.remove(&path);
                self.meta.remove(&path);
                self.from_cache.remove(&key);
                report.removed.push(key);
            }
            return;
        };
        if !now.recent() && Some(now) == self.meta.get(&path).copied() {
            return;
        }
        let parsed = read_story(path.clone());
        // Its own write coming back as a notification: the bytes are what this store wrote.
        if Some(parsed.text_hash) == self.seen.get(&path).copied() {
            if let Some(m) = parsed.meta {
                self.meta.insert(path, m);
            }
            return;
        }
        let (story, bytes) = match parsed.result {
            Ok(Some((story, bytes))) => (*story, bytes),
            Ok(None) => return,
            Err(e) => {
                report.problems.push(e);
                return;
            }
        };
        let text = || std::str::from_utf8(&bytes).unwrap_or_default();
        if let Some(message) = check_key(&story.key, &board.file.prefix, &path) {
            report.problems.push(FileError::new(&path, codec::field_position(text(), "key"), message));
            return;
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
            return;
        }
        // A file that now holds another story than before: the old one is gone.
        if let Some(old) = self.paths.iter().find(|(k, p)| **p == path && **k != story.key).map(|(k, _)| k.clone()) {
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
}
