//! Saving a change: each file it names checked against what this store last read or wrote,
//! then written atomically (a change of several files through the journal, so an interruption
//! leaves a change the next command finishes), under the board's lock.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::atomic::{ensure_stories_dir, sync_dir, write_atomic};
use super::fingerprint::fingerprint;
use super::layout::{BOARD_FILE, GITIGNORE, JOURNAL_FILE, STORIES_DIR};
use super::limits::{largest_board_part, largest_story_part, within_limit};
use super::read::{FileMeta, check_stories_dir, read_limited};
use super::{Known, Store, StoreError, codec, journal, lock};
use crate::domain::{Board, Changes, ShortText};

/// A temporary file older than this is not being written: a save takes milliseconds.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(5 * 60);

impl Store {
    /// Creates a new board directory with its `board.ron`, `stories/`, `.gitignore` and the
    /// board's stories, if it has any.
    pub fn create(root: &Path, board: &Board) -> Result<Store, StoreError> {
        if root.join(BOARD_FILE).exists() {
            return Err(StoreError::Exists(root.to_owned()));
        }
        let stories = root.join(STORIES_DIR);
        std::fs::create_dir_all(&stories).map_err(|e| StoreError::io(&stories, e))?;
        check_stories_dir(&stories)?;
        let mut store = Store {
            root: root.to_owned(),
            board_file: None,
            story_files: HashMap::default(),
            warnings: Vec::new(),
            leftovers: Vec::new(),
            stories_dir: None,
            damaged: BTreeMap::new(),
            uses_cache: true,
        };
        let ignore = root.join(".gitignore");
        if !ignore.exists() {
            write_atomic(&ignore, GITIGNORE.as_bytes())?;
        }
        let changes = Changes {
            board: true,
            stories: board.stories.keys().map(ShortText::to_string).collect(),
            ..Changes::default()
        };
        store.save(board, &changes)?;
        Ok(store)
    }

    /// Writes what `changes` names, after checking that none of those files changed on disk since
    /// they were read. On a conflict nothing is written.
    pub fn save(&mut self, board: &Board, changes: &Changes) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        let _lock = self.lock()?;
        // A change another process left unfinished is finished first: this one is checked
        // against the board as that change leaves it (a file it writes is a conflict here, and
        // the caller makes this change again on the board read afresh).
        journal::finish_locked(&self.root)?;
        // Checked under the lock, right before the writes: a story is never written through a
        // link to a directory elsewhere.
        if !changes.stories.is_empty() || !changes.deleted.is_empty() {
            check_stories_dir(&self.root.join(STORIES_DIR))?;
        }
        self.remove_leftovers();
        // A file that could not be read is never written over or deleted: only a repair, which
        // checks what it writes, replaces it.
        if let Some(d) = changes.stories.iter().chain(&changes.deleted).find_map(|k| self.damaged.get(k.as_str())) {
            return Err(StoreError::Damaged(d.error.clone()));
        }
        let mut writes: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
        if changes.board {
            let bytes = encode(&self.board_path(), &board.file)?;
            within_limit(&self.board_path(), &bytes, codec::MAX_BOARD_BYTES, || largest_board_part(&board.file))?;
            writes.push((self.board_path(), Some(bytes)));
        }
        for key in &changes.stories {
            let path = self.story_path(key);
            match board.story(key) {
                Some(story) => {
                    let bytes = encode(&path, story)?;
                    within_limit(&path, &bytes, codec::MAX_STORY_BYTES, || largest_story_part(story))?;
                    writes.push((path.clone(), Some(bytes)));
                }
                None => writes.push((path, None)),
            }
        }
        for key in &changes.deleted {
            writes.push((self.story_path(key), None));
        }
        // Never written from cached content: a story that came from the cache is parsed from the
        // bytes its file holds now, and the change must have been made on exactly that. If not,
        // the cache was wrong, and the caller reads the board afresh (see `retry`) and does it
        // again.
        let mut conflicts = Vec::new();
        let mut before = Vec::with_capacity(writes.len());
        for (path, _) in &writes {
            let bytes = read_limited(path, codec::MAX_BOARD_BYTES)?;
            before.push(bytes.as_deref().map(fingerprint));
            let known = self.known(path);
            let changed = bytes.as_deref().map(fingerprint) != known.map(|k| k.hash);
            let cache_was_wrong = known.is_some_and(|k| k.from_cache)
                && self.story_key(path).and_then(|key| changes.prior.get(key)).is_some_and(|prior| {
                    *prior != bytes.as_deref().and_then(|b| codec::decode(path, b, codec::MAX_STORY_BYTES).ok())
                });
            if changed || cache_was_wrong {
                conflicts.push(path.clone());
            }
        }
        if !conflicts.is_empty() {
            return Err(StoreError::Conflict(conflicts));
        }
        // `stories/` may be missing (git keeps no empty directory: a fresh clone of a board
        // without stories has none): created before the journal, so that finishing an
        // interrupted change never has to.
        if writes.iter().any(|(path, bytes)| bytes.is_some() && self.story_key(path).is_some()) {
            ensure_stories_dir(&self.root)?;
        }
        // More than one file: the whole change goes to the journal first, so that an
        // interruption leaves a change the next command finishes (see `journal`).
        let journaled = writes.len() > 1;
        if journaled {
            journal::begin(&self.root, &writes, &before)?;
        }
        for (path, bytes) in writes {
            journal::crash_point();
            match bytes {
                Some(bytes) => {
                    write_atomic(&path, &bytes)?;
                    let known = Known { hash: fingerprint(&bytes), meta: FileMeta::at(&path), from_cache: false };
                    self.record(&path, Some(known));
                }
                None => {
                    if self.known(&path).is_some() {
                        std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, e))?;
                        if let Some(dir) = path.parent() {
                            sync_dir(dir)?;
                        }
                    }
                    self.record(&path, None);
                }
            }
        }
        if journaled {
            journal::crash_point();
            journal::end(&self.root)?;
        }
        Ok(())
    }

    /// Finishes the change of several files that an interrupted command left (see
    /// [`journal`]), unless another sprintboard is saving right now (it finishes it). Returns
    /// what was done.
    pub fn finish_interrupted(root: &Path) -> Result<Option<journal::Finished>, StoreError> {
        if !root.join(JOURNAL_FILE).exists() {
            return Ok(None);
        }
        let Some(_lock) = lock::try_lock(root)? else { return Ok(None) };
        journal::finish_locked(root)
    }

    /// Removes what interrupted saves left, once they are old (under the lock: no other
    /// sprintboard is saving now). Best effort: one that cannot be removed stays, and `check`
    /// still reports it.
    fn remove_leftovers(&mut self) {
        for path in std::mem::take(&mut self.leftovers) {
            let old = std::fs::symlink_metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > LEFTOVER_AGE);
            if old && std::fs::remove_file(&path).is_ok() {
                continue;
            }
            if !old {
                self.leftovers.push(path);
            }
        }
    }

    /// Held while checking and writing, so two processes cannot interleave a check and a write.
    fn lock(&self) -> Result<std::fs::File, StoreError> {
        lock::lock(&self.root)
    }
}

fn encode<T: serde::Serialize>(path: &Path, value: &T) -> Result<Vec<u8>, StoreError> {
    codec::encode(value)
        .map(String::into_bytes)
        .map_err(|e| StoreError::bad(path, None, format!("cannot be written: {e}")))
}
