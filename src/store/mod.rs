//! The board on disk: `board.ron` and `stories/*.ron`, read whole, written one file at a time.
//!
//! Every write is atomic (temporary file in the same directory, fsync, rename, fsync of the
//! directory) and checked first: a file is only replaced or deleted when it still holds what this
//! store last read or wrote. A file that could not be read is never written.
//!
//! This module is the [`Store`] and what the rest of the program uses; each part of the work is
//! a module of its own: the files' names and where a board is (`layout`), reading a file safely
//! (`read`), parsing (`codec`), loading a whole board (`load`) and checking it (`validate`),
//! catching up with other writers (`refresh`), saving a change (`save`) through the `journal`
//! under the board's `lock`, with `atomic` writes, the size `limits` and a `fingerprint` of
//! what each file held.

mod atomic;
pub(crate) mod cache;
pub mod codec;
pub mod error;
mod fingerprint;
pub mod journal;
pub mod layout;
mod limits;
mod load;
mod lock;
mod parallel;
mod read;
mod refresh;
pub mod repair;
pub mod retry;
mod save;
mod validate;
mod verify;
pub mod watch;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::domain::{Board, ShortText};
pub use error::{FileError, StoreError};
use fingerprint::fingerprint;
pub use layout::{BOARD_FILE, STORIES_DIR, is_leftover};
use read::{FileMeta, read_with_meta};
pub use refresh::Refresh;
pub use verify::{board_file_problem, unreadable};

/// The hasher of the store's maps by story key: a board's load looks up every key in them, and
/// the standard one (SipHash, made to resist keys chosen to collide) costs several times more.
/// Keys are file names in one's own repository; the seed is still random.
type Hasher = foldhash::fast::RandomState;

/// An open board directory and what was last seen in each of its files.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    /// What this store last read or wrote in `board.ron`; `None`: not there.
    board_file: Option<Known>,
    /// The same for each story file, by the story's key: a story lives in `stories/KEY.ron`
    /// (the load refuses a file named otherwise), so the key names its file. One small record
    /// per story: a board may hold 100,000 of them.
    story_files: HashMap<ShortText, Known, Hasher>,
    /// What is wrong between the files read (a story in a sprint that board.ron no longer has,
    /// two active sprints): the board opens, these are reported.
    warnings: Vec<FileError>,
    /// Temporary files that interrupted saves left, found when the board was read: the next
    /// save removes those old enough that no save can still be writing them.
    leftovers: Vec<PathBuf>,
    /// `stories/` itself when the board was read: any file created, replaced or removed there
    /// since (every writer here, git and editors replace files) changes it.
    stories_dir: Option<FileMeta>,
    /// Story files that could not be read, by the key their name gives: never written or
    /// deleted by a save (only [`repair`] writes them), and read again once they change.
    damaged: BTreeMap<ShortText, DamagedFile>,
    /// Whether the parse cache is read and written: not by a store opened with
    /// [`Store::open_fresh`] (a read-only session writes nothing), so a reload of the whole
    /// board (board.ron changed, see `refresh`) opens it the same way.
    uses_cache: bool,
}

/// A story file that could not be read: why, and what it looked like then (so that a refresh
/// reads it again only once it changed).
#[derive(Debug, Clone)]
struct DamagedFile {
    error: FileError,
    meta: Option<FileMeta>,
}

/// What was last read or written in one file.
#[derive(Debug, Clone, Copy)]
struct Known {
    /// A hash of its bytes, to tell whether another process changed it since.
    hash: u64,
    /// Its size and time, so a refresh reads only what changed.
    meta: Option<FileMeta>,
    /// A story taken from the parse cache rather than parsed from its file: before it is
    /// written, its file is parsed and must hold what the change was made on.
    from_cache: bool,
}

impl Store {
    /// Opens the board at `root` (the directory holding `board.ron`) and reads all of it
    /// (unchanged stories from the parse cache).
    pub fn open(root: &Path) -> Result<(Store, Board), StoreError> {
        load::load(root, true)
    }

    /// Like [`Store::open`], reading every file whatever the cache says: after a conflict, the
    /// disk is the only truth.
    pub fn open_fresh(root: &Path) -> Result<(Store, Board), StoreError> {
        load::load(root, false)
    }

    /// Opens the board for a command that changes one story (or a few): the others are
    /// stand-ins that hold only where they are, from the cache, when it vouches for their files
    /// (see `load::load_places`). Read the stories to change with [`Store::read_whole`] first.
    pub fn open_places(root: &Path) -> Result<(Store, Board), StoreError> {
        load::load_places(root)
    }

    /// Reads the story `key` from its file into `board`, whole, in place of a stand-in (see
    /// [`Store::open_places`]). A story the file no longer holds is taken out of the board.
    pub fn read_whole(&mut self, board: &mut Board, key: &str) -> Result<(), StoreError> {
        let path = self.story_path(key);
        let Some((bytes, meta)) = read_with_meta(&path, codec::MAX_STORY_BYTES)? else {
            board.stories.remove(key);
            self.record(&path, None);
            return Ok(());
        };
        let story: crate::domain::Story =
            codec::decode(&path, &bytes, codec::MAX_STORY_BYTES).map_err(|e| StoreError::Bad(vec![e]))?;
        if let Some(message) = validate::check_key(&story.key, &board.file.prefix, &path) {
            return Err(StoreError::Bad(vec![FileError::new(&path, None, message)]));
        }
        self.record(&path, Some(Known { hash: fingerprint(&bytes), meta: Some(meta), from_cache: false }));
        board.stories.insert(story.key.clone(), Box::new(story));
        Ok(())
    }

    /// Replaces the parse cache with these stories, as their files are now.
    fn write_cache(&self, stories: &std::collections::BTreeMap<ShortText, Box<crate::domain::Story>>) {
        let entries = stories.iter().filter_map(|(key, story)| {
            let known = self.story_files.get(key.as_str())?;
            let stamp = cache::Stamp::of(&known.meta?)?;
            Some((key.as_str(), cache::EntryRef { stamp, fingerprint: known.hash, story }))
        });
        cache::write(&self.root, entries);
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What is inconsistent between the files as they were read: the board works, a person
    /// should fix these (`sprintboard check` lists them).
    pub fn warnings(&self) -> &[FileError] {
        &self.warnings
    }

    /// The story files that could not be read, by the key their name gives.
    pub fn damaged(&self) -> impl Iterator<Item = (&str, &FileError)> {
        self.damaged.iter().map(|(k, d)| (k.as_str(), &d.error))
    }

    pub fn board_path(&self) -> PathBuf {
        self.root.join(BOARD_FILE)
    }

    /// The file a story lives in.
    pub fn story_path(&self, key: &str) -> PathBuf {
        self.root.join(STORIES_DIR).join(format!("{key}.ron"))
    }

    /// The key of the story whose file is at `path`, or `None` for `board.ron` (the store's
    /// paths are `ROOT/board.ron` and `ROOT/stories/KEY.ron`).
    fn story_key<'p>(&self, path: &'p Path) -> Option<&'p str> {
        if path.parent() == Some(self.root.as_path()) { None } else { path.file_stem().and_then(|s| s.to_str()) }
    }

    /// What was last read or written in the file at `path` (`board.ron` or a story file).
    fn known(&self, path: &Path) -> Option<&Known> {
        match self.story_key(path) {
            Some(key) => self.story_files.get(key),
            None => self.board_file.as_ref(),
        }
    }

    /// Records what this store read or wrote in the file at `path` (`None`: it is not there).
    fn record(&mut self, path: &Path, known: Option<Known>) {
        match (self.story_key(path), known) {
            (Some(key), Some(k)) => {
                self.story_files.insert(key.into(), k);
            }
            (Some(key), None) => {
                self.story_files.remove(key);
            }
            (None, k) => self.board_file = k,
        }
    }
}

#[cfg(test)]
mod tests;
