//! The board on disk: `board.ron` and `stories/*.ron`, read whole, written one file at a time.
//!
//! Every write is atomic (temporary file in the same directory, fsync, rename, fsync of the
//! directory) and checked first: a file is only replaced or deleted when it still holds what this
//! store last read or wrote. A file that could not be read is never written.

pub(crate) mod cache;
pub mod codec;
pub mod error;
pub mod journal;
pub mod layout;
mod load;
mod parallel;
mod refresh;
pub mod repair;
pub mod retry;
mod verify;
pub mod watch;

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::domain::{Board, Changes, Short};
pub use error::{FileError, StoreError};
pub use load::is_leftover;
pub use refresh::Refresh;
pub use verify::unreadable;

/// The hasher of the store's maps by story key: a board's load looks up every key in them, and
/// the standard one (SipHash, made to resist keys chosen to collide) costs several times more.
/// Keys are file names in one's own repository; the seed is still random.
type Hasher = foldhash::fast::RandomState;

pub const BOARD_FILE: &str = "board.ron";
pub const STORIES_DIR: &str = "stories";
const LOCK_FILE: &str = ".lock";
/// Kept out of git by the board's own `.gitignore`: the lock, interrupted temporary files and
/// the journal of a change in progress (`.unfinished.ron.journal`, see [`journal`]).
const GITIGNORE: &str = "# written by sprintboard\n.lock\n.*.ron.*\n";

/// An open board directory and what was last seen in each of its files.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    /// What this store last read or wrote in `board.ron`; `None`: not there.
    board_file: Option<Known>,
    /// The same for each story file, by the story's key: a story lives in `stories/KEY.ron`
    /// (the load refuses a file named otherwise), so the key names its file. One small record
    /// per story: a board may hold 100,000 of them.
    story_files: HashMap<Short, Known, Hasher>,
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
    damaged: BTreeMap<Short, DamagedFile>,
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

/// A temporary file older than this is not being written: a save takes milliseconds.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// A fast 64-bit fingerprint of a file's bytes, to tell whether it changed since it was read.
/// Not cryptographic: it guards against accidents (another process wrote the file), not attacks.
fn fingerprint(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(23) ^ u64::from(b)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// What a file looked like when it was last read or written: a change of either means it must
/// be read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileMeta {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// Atomic writers (this program, editors, git) replace the file: a new inode.
    inode: u64,
}

impl FileMeta {
    fn of(m: &std::fs::Metadata) -> FileMeta {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(m);
        #[cfg(not(unix))]
        let inode = 0;
        FileMeta { len: m.len(), modified: m.modified().ok(), inode }
    }

    /// Modified so recently that another write in the same timestamp tick could look the same:
    /// such a file is read again whatever its size and time say (git's "racy" rule).
    fn recent(&self) -> bool {
        self.modified
            .and_then(|t| std::time::SystemTime::now().duration_since(t).ok())
            .is_none_or(|age| age < std::time::Duration::from_secs(2))
    }

    /// Of the file itself: a symbolic link is not followed (its target is never a board file).
    fn at(path: &Path) -> Option<FileMeta> {
        std::fs::symlink_metadata(path).ok().map(|m| FileMeta::of(&m))
    }
}

/// Reads a whole file in one go, or only `max + 1` bytes of a file larger than `max`, so a huge
/// file is detected without loading it. `None`: the file does not exist.
fn read_limited(path: &Path, max: u64) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(read_with_meta(path, max)?.map(|(bytes, _)| bytes))
}

/// Why a board file that is a symbolic link is refused.
const A_LINK: &str = "it is a symbolic link, and links are never followed: a board's files must be \
                      regular files inside it (replace the link with the file itself)";

/// Reads a board file. Only a regular file is read: a symbolic link is refused without being
/// followed (a teammate can commit one that points anywhere on the reader's disk), and so is a
/// FIFO or a device (opened without blocking, never read).
fn read_with_meta(path: &Path, max: u64) -> Result<Option<(Vec<u8>, FileMeta)>, StoreError> {
    let io = |e| StoreError::io(path, e);
    let refused = |why: &str| StoreError::io(path, std::io::Error::other(why.to_owned()));
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    // Elsewhere, where opening follows links, a link is looked for first.
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        return Err(refused(A_LINK));
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) => return Err(refused(A_LINK)),
        Err(e) => return Err(io(e)),
    };
    let metadata = file.metadata().map_err(io)?;
    if !metadata.is_file() {
        return Err(StoreError::bad(path, None, NOT_A_FILE));
    }
    let meta = FileMeta::of(&metadata);
    let mut bytes = Vec::with_capacity(meta.len.min(max + 1) as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    Ok(Some((bytes, meta)))
}

/// A story file's problem as the board carries it: its name under the board's directory.
fn damage(root: &Path, e: &FileError) -> crate::domain::Damaged {
    let file = e.path.strip_prefix(root).unwrap_or(&e.path).display().to_string();
    crate::domain::Damaged { file, at: e.at, reason: e.message.clone() }
}

/// What a board file that is a directory, a pipe or a device is said to be.
const NOT_A_FILE: &str = "is not a regular file (a directory, a pipe or a device): remove it or take one side with git";

/// `stories/` must be a directory inside the board, not a symbolic link to one elsewhere (a
/// teammate can commit such a link): checked before it is listed and before anything is written
/// in it. `Ok` too when it is not there (a board without stories).
pub(crate) fn check_stories_dir(dir: &Path) -> Result<(), StoreError> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) => Err(StoreError::bad(
            dir,
            None,
            if m.is_symlink() {
                "is a symbolic link, and it is never followed: stories/ must be a directory inside the board \
                 (replace the link with the directory itself); nothing was read or written through it"
            } else {
                "is not a directory: stories/ must be a directory inside the board"
            },
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(dir, e)),
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let io = |e| StoreError::io(path, e);
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.commit().map_err(io)
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| StoreError::io(dir, e))
}

/// What makes `board.ron` of the board at `root` unreadable, if anything does (a story file
/// never does: it is left out, see [`Store::damaged`]).
pub fn board_file_problem(root: &Path) -> Option<FileError> {
    let path = root.join(BOARD_FILE);
    let bytes = match read_limited(&path, codec::MAX_BOARD_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return None,
        Err(StoreError::Bad(mut errors)) if !errors.is_empty() => return Some(errors.swap_remove(0)),
        Err(e) => return Some(FileError::new(&path, None, e.to_string())),
    };
    match codec::decode::<crate::domain::BoardFile>(&path, &bytes, codec::MAX_BOARD_BYTES) {
        Err(e) => Some(e),
        Ok(file) => load::check_board(&path, &String::from_utf8_lossy(&bytes), &file).0.into_iter().next(),
    }
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
        if let Some(message) = load::check_key(&story.key, &board.file.prefix, &path) {
            return Err(StoreError::Bad(vec![FileError::new(&path, None, message)]));
        }
        self.record(&path, Some(Known { hash: fingerprint(&bytes), meta: Some(meta), from_cache: false }));
        board.stories.insert(story.key.clone(), Box::new(story));
        Ok(())
    }

    /// Replaces the parse cache with these stories, as their files are now.
    fn write_cache(&self, stories: &std::collections::BTreeMap<Short, Box<crate::domain::Story>>) {
        let entries = stories.iter().filter_map(|(key, story)| {
            let known = self.story_files.get(key.as_str())?;
            let stamp = cache::Stamp::of(&known.meta?)?;
            Some((key.as_str(), cache::EntryRef { stamp, fingerprint: known.hash, story }))
        });
        cache::write(&self.root, entries);
    }

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
        };
        let ignore = root.join(".gitignore");
        if !ignore.exists() {
            write_atomic(&ignore, GITIGNORE.as_bytes())?;
        }
        let changes = Changes {
            board: true,
            stories: board.stories.keys().map(Short::to_string).collect(),
            ..Changes::default()
        };
        store.save(board, &changes)?;
        Ok(store)
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
        if !root.join(journal::JOURNAL_FILE).exists() {
            return Ok(None);
        }
        let path = root.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => journal::finish_locked(root),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(StoreError::io(&path, e)),
        }
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
        lock(&self.root)
    }
}

/// The board's lock: held while checking and writing.
fn lock(root: &Path) -> Result<std::fs::File, StoreError> {
    let path = root.join(LOCK_FILE);
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    // A link in its place is not followed: it would create a file where it points.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let file = options.open(&path).map_err(|e| {
        let link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
        StoreError::io(&path, if link { std::io::Error::other(A_LINK) } else { e })
    })?;
    file.lock().map_err(|e| StoreError::io(&path, e))?;
    Ok(file)
}

/// Never writes what the reader would refuse: a file over its size limit is not written, and the
/// message names the part that made it so.
fn within_limit(
    path: &Path,
    bytes: &[u8],
    max: u64,
    largest: impl Fn() -> (&'static str, usize),
) -> Result<(), StoreError> {
    if bytes.len() as u64 <= max {
        return Ok(());
    }
    let (part, size) = largest();
    Err(StoreError::bad(
        path,
        None,
        format!(
            "would be {} KiB, more than the {} KiB a file here may be (the {part} alone is {} KiB); nothing was written",
            bytes.len().div_ceil(1024),
            max / 1024,
            size.div_ceil(1024)
        ),
    ))
}

fn largest_story_part(s: &crate::domain::Story) -> (&'static str, usize) {
    let history: usize = s.history.iter().map(|e| e.by.len() + 64).sum();
    let comments: usize = s.comments.iter().map(|c| c.by.len() + c.text.len() + 64).sum();
    [
        ("description", s.description.len()),
        ("acceptance criteria", s.acceptance.len()),
        ("history", history),
        ("comments", comments),
    ]
    .into_iter()
    .max_by_key(|(_, n)| *n)
    .unwrap_or(("story", 0))
}

fn largest_board_part(b: &crate::domain::BoardFile) -> (&'static str, usize) {
    let epics: usize = b.epics.iter().map(|e| e.name.len() + e.description.len()).sum();
    let sprints: usize = b.sprints.iter().map(|s| s.name.len() + s.goal.len() + 128).sum();
    [("epics", epics), ("sprints", sprints)].into_iter().max_by_key(|(_, n)| *n).unwrap_or(("board", 0))
}

fn encode<T: serde::Serialize>(path: &Path, value: &T) -> Result<Vec<u8>, StoreError> {
    codec::encode(value)
        .map(String::into_bytes)
        .map_err(|e| StoreError::bad(path, None, format!("cannot be written: {e}")))
}

#[cfg(test)]
mod tests;
