//! Catching up with changes other processes made (another sprintboard, the CLI, `git pull`):
//! only files whose size or time changed are read again, and a file whose bytes are what this
//! store wrote itself is not reported, so its own saves never cause a reload loop.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::fingerprint::fingerprint;
use super::layout::{BOARD_FILE, STORIES_DIR, is_story_file};
use super::load::read_story;
use super::read::{FileMeta, check_stories_dir, read_with_meta};
use super::validate::{Refs, check_key, check_story};
use super::{Known, Store, StoreError, codec};
use crate::domain::{Board, Damaged, Story};
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
    /// Story files that cannot be read and had no version in memory (added so, or damaged
    /// since the load and changed again): shown as such, by the key their name gives.
    pub damaged: Vec<(String, Damaged)>,
}

impl Refresh {
    pub fn is_empty(&self) -> bool {
        self.board.is_none()
            && self.changed.is_empty()
            && self.removed.is_empty()
            && self.problems.is_empty()
            && self.warnings.is_empty()
            && self.damaged.is_empty()
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
            board.stories.remove(key.as_str());
            board.damaged.remove(key.as_str());
        }
        for story in &self.changed {
            // A damaged story that reads again (repaired here or elsewhere) is back.
            board.damaged.remove(story.key.as_str());
            board.stories.insert(story.key.clone(), Box::new(story.clone()));
        }
        for (key, damage) in &self.damaged {
            board.damaged.insert(key.as_str().into(), damage.clone());
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
                        (name == BOARD_FILE).then(|| board_path.clone())
                    }
                })
                .collect()
        });
        let board_reported = paths.as_ref().is_none_or(|ps| ps.contains(&board_path));
        if board_reported && self.board_changed(&board_path)? {
            // The workflow, sprints or epics changed: every story is checked against them. Read
            // as this store was (a store opened fresh never writes the parse cache).
            let (store, fresh) =
                if self.uses_cache { Store::open(&self.root)? } else { Store::open_fresh(&self.root)? };
            *self = store;
            report.warnings = self.warnings.clone();
            report.board = Some(Box::new(fresh));
            return Ok(report);
        }
        check_stories_dir(&dir)?;
        let mut story_paths: Vec<PathBuf> = match paths {
            Some(ps) => ps.into_iter().filter(|p| p.parent() == Some(dir.as_path()) && is_story_file(p)).collect(),
            // Nothing created, replaced or removed in `stories/` since the board was read: no
            // need to look at each of its files (100,000 of them on a big board).
            None if self.stories_dir.is_some_and(|m| !m.recent() && FileMeta::at(&dir) == Some(m)) => Vec::new(),
            None => {
                let present: HashSet<PathBuf> = match std::fs::read_dir(&dir) {
                    Ok(entries) => {
                        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| is_story_file(p)).collect()
                    }
                    // No `stories/` (git keeps no empty directory; or removed since): no stories.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => HashSet::new(),
                    Err(e) => return Err(StoreError::io(&dir, e)),
                };
                // Known files that are gone are looked at too (they are removals).
                let mut all: Vec<PathBuf> = self
                    .story_files
                    .keys()
                    .chain(self.damaged.keys())
                    .map(|key| self.story_path(key))
                    .filter(|p| !present.contains(p))
                    .collect();
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
        if now.is_some_and(|m| !m.recent()) && now == self.board_file.and_then(|k| k.meta) {
            return Ok(false);
        }
        let Some((bytes, meta)) = read_with_meta(board_path, codec::MAX_BOARD_BYTES)? else { return Ok(true) };
        match &mut self.board_file {
            Some(known) if known.hash == fingerprint(&bytes) => {
                known.meta = Some(meta);
                Ok(false)
            }
            _ => Ok(true),
        }
    }

    /// One story file: removed, changed elsewhere (read and checked), or as this store left it.
    fn story_changed(&mut self, board: &Board, path: PathBuf, report: &mut Refresh) {
        let Some(key) = path.file_stem().and_then(|s| s.to_str()) else { return };
        let known = self.story_files.get(key).copied();
        let Some(now) = FileMeta::at(&path) else {
            if known.is_some() || self.damaged.remove(key).is_some() {
                self.story_files.remove(key);
                report.removed.push(key.to_owned());
            }
            return;
        };
        if !now.recent() && Some(now) == known.and_then(|k| k.meta) {
            return;
        }
        // A damaged file is read again only once it changed: it may have been repaired.
        if known.is_none() && self.damaged.get(key).is_some_and(|d| !now.recent() && d.meta == Some(now)) {
            return;
        }
        let parsed = read_story(&path);
        // Its own write coming back as a notification: the bytes are what this store wrote.
        if let Some(known) = self.story_files.get_mut(key)
            && known.hash == parsed.text_hash
        {
            known.meta = parsed.meta;
            return;
        }
        let (story, bytes) = match parsed.result {
            Ok(Some((story, bytes))) => (*story, bytes),
            Ok(None) => return,
            Err(e) => {
                self.unreadable(key, known.is_some(), e, parsed.meta, report);
                return;
            }
        };
        let text = || std::str::from_utf8(&bytes).unwrap_or_default();
        // The key must name the file (so a file holds the story it always held, and no two
        // files hold one key).
        if let Some(message) = check_key(&story.key, &board.file.prefix, &path) {
            let e = FileError::new(&path, codec::field_position(text(), "key"), message);
            self.unreadable(key, known.is_some(), e, parsed.meta, report);
            return;
        }
        self.damaged.remove(key);
        // Read, and said: a reference to something board.ron does not have.
        for (field, message) in check_story(&story, &Refs::of(&board.file)) {
            report.warnings.push(FileError::new(&path, codec::field_position(text(), field), message));
        }
        let known = Known { hash: parsed.text_hash, meta: parsed.meta, from_cache: false };
        self.story_files.insert(story.key.clone(), known);
        report.changed.push(story);
    }

    /// A story file that changed into something unreadable: with a version in memory, that
    /// version stays and the problem is said; without one (new, or damaged already), the
    /// file is shown as damaged.
    fn unreadable(&mut self, key: &str, in_memory: bool, e: FileError, meta: Option<FileMeta>, report: &mut Refresh) {
        if in_memory {
            report.problems.push(e);
            return;
        }
        let damage = e.damage(&self.root);
        let same = self.damaged.get(key).is_some_and(|d| d.error == e);
        self.damaged.insert(key.into(), super::DamagedFile { error: e, meta });
        if !same {
            report.damaged.push((key.to_owned(), damage));
        }
    }
}
