//! Reading a whole board: every file parsed (in parallel), then checked as a whole (see
//! `validate`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::cache::{self, Stamp};
use super::codec::{self, MAX_BOARD_BYTES, MAX_STORY_BYTES};
use super::error::{FileError, StoreError};
use super::fingerprint::fingerprint;
use super::layout::{BOARD_FILE, STORIES_DIR, is_leftover, is_story_name};
use super::parallel::par_map;
use super::read::{FileMeta, check_stories_dir, read_with_meta};
use super::validate::{Refs, check_board, check_key, check_story};
use super::{Known, Store};
use crate::domain::{Board, BoardFile, ShortText, Story};

/// A story as parsed, with its file's bytes (to place a later problem at its line).
pub(super) type ParsedStory = (Box<Story>, Vec<u8>);

/// A story file as read: a hash of its bytes, its size and time, and the story.
/// `Ok(None)`: the file is not there.
pub(super) struct Parsed {
    pub(super) text_hash: u64,
    pub(super) meta: Option<FileMeta>,
    pub(super) result: Result<Option<ParsedStory>, FileError>,
}

/// A story file's path, and its size and time when they were taken before it is read.
type StoryFile = (PathBuf, Option<FileMeta>);

pub(super) fn read_story(path: &Path) -> Parsed {
    let (bytes, meta) = match read_with_meta(path, MAX_STORY_BYTES) {
        Ok(Some((b, m))) => (b, Some(m)),
        Ok(None) => return Parsed { text_hash: 0, meta: None, result: Ok(None) },
        Err(e) => {
            let error = match e {
                StoreError::Io { source, .. } => FileError::new(path, None, format!("cannot be read: {source}")),
                StoreError::Bad(mut errors) if !errors.is_empty() => errors.swap_remove(0),
                other => FileError::new(path, None, other.to_string()),
            };
            return Parsed { text_hash: 0, meta: None, result: Err(error) };
        }
    };
    let text_hash = fingerprint(&bytes);
    let result = codec::decode::<Story>(path, &bytes, MAX_STORY_BYTES).map(|s| Some((Box::new(exact(s)), bytes)));
    Parsed { text_hash, meta, result }
}

/// A parsed story whose lists take the room they need and no more: RON gives no length ahead,
/// so a history of two events grows room for four, and a big board holds 100,000 of them.
fn exact(mut s: Story) -> Story {
    s.history.shrink_to_fit();
    s.labels.shrink_to_fit();
    s.comments.shrink_to_fit();
    s.blocked_by.shrink_to_fit();
    s
}

/// What the cache gives for the stories whose files are unchanged since it was written.
pub(super) enum Cached {
    /// Whole stories.
    Stories(cache::Entries),
    /// Only where each story is: it is held as a stand-in (see [`load_places`]).
    Places(cache::Places),
}

impl Cached {
    /// The story of the file named after `key`, when the cache vouches for it:
    /// the file's size, time and inode are what they were when it was cached, and it was not
    /// modified so recently that a write in the same tick could look the same. Called from
    /// every thread of the load; each story is taken once.
    fn take(&self, key: &str, hint: usize, meta: Option<FileMeta>) -> Option<(Box<Story>, u64)> {
        let meta = meta.filter(|m| !m.recent())?;
        let stamp = Stamp::of(&meta)?;
        match self {
            Cached::Stories(e) => {
                let slot = e.get(key, hint).filter(|s| s.stamp == stamp)?;
                let story = slot.story.lock().ok()?.take()?;
                Some((story, slot.fingerprint))
            }
            Cached::Places(p) => {
                let p = p.get(key, hint).filter(|p| p.stamp == stamp)?;
                let stand_in = Story {
                    key: key.into(),
                    status: p.status.clone(),
                    sprint: p.sprint.clone(),
                    rank: p.rank.clone(),
                    points: p.points,
                    epic: p.epic.clone(),
                    ..Story::placeholder()
                };
                Some((Box::new(stand_in), p.fingerprint))
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Cached::Stories(e) => e.len(),
            Cached::Places(p) => p.len(),
        }
    }
}

/// One story file as the load leaves it.
enum Loaded {
    Story {
        story: Box<Story>,
        known: Known,
        warnings: Vec<FileError>,
    },
    /// It could not be read: why, and its size and time when it was read.
    Bad(FileError, Option<FileMeta>),
}

/// A story from the cache when its file is provably unchanged, else read and parsed; then
/// checked against `board.ron`. The file's bytes are dropped here: holding 100,000 files'
/// bytes at once would double the memory a load needs.
fn load_one(path: &Path, meta: Option<FileMeta>, hint: usize, cached: &Cached, refs: &Refs, prefix: &str) -> Loaded {
    let key = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    let (story, bytes, known) = match cached.take(key, hint, meta) {
        Some((story, hash)) => (story, Vec::new(), Known { hash, meta, from_cache: true }),
        None => {
            let parsed = read_story(path);
            match parsed.result {
                Err(e) => return Loaded::Bad(e, parsed.meta),
                Ok(None) => return Loaded::Bad(FileError::new(path, None, "could not be read"), None),
                Ok(Some((story, bytes))) => {
                    (story, bytes, Known { hash: parsed.text_hash, meta: parsed.meta, from_cache: false })
                }
            }
        }
    };
    // The bytes are only looked at again to place a problem at its line (a story from the
    // cache has none in memory: read them then).
    let text = || {
        if bytes.is_empty() {
            std::fs::read_to_string(path).unwrap_or_default()
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    // The key must name the file: so no two files hold one key, and the key is all the store
    // needs to find a story's file.
    if let Some(message) = check_key(&story.key, prefix, path) {
        return Loaded::Bad(FileError::new(path, codec::field_position(&text(), "key"), message), known.meta);
    }
    // A reference to a sprint, column or epic that board.ron does not have is what a merge
    // produces when one side deleted it: the story loads, the problem is said.
    let warnings = check_story(&story, refs)
        .into_iter()
        .map(|(field, message)| FileError::new(path, codec::field_position(&text(), field), message))
        .collect();
    Loaded::Story { story, known, warnings }
}

/// How much of the parse cache a load uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    /// None: every file is parsed.
    Nothing,
    /// Whole stories, for the files unchanged since it was written.
    Stories,
    /// Only where each unchanged story is (see [`load_places`]).
    Places,
}

/// What the cache holds for the board at `root`; `None`: there is no usable cache.
fn read_cache(root: &Path, using: Use) -> Option<Cached> {
    match using {
        Use::Nothing => None,
        Use::Stories => Some(Cached::Stories(cache::read(root))),
        Use::Places => cache::read_places(root).map(Cached::Places),
    }
}

/// Reads the board for a command that changes one story (or a few): every story whose file
/// the cache vouches for is a stand-in that holds only where it is (list, column, rank, points,
/// epic), which is all such a command needs of the others, and a small part of what decoding
/// whole stories costs. The stories to change are read whole with [`Store::read_whole`]. A
/// stand-in is never written: the check before every write finds it is not what its file
/// holds, and the retry reads the whole board again. With no usable cache, a whole load.
pub(super) fn load_places(root: &Path) -> Result<(Store, Board), StoreError> {
    load_using(root, Use::Places)
}

/// Reads the whole board; with `use_cache`, unchanged stories come from the parse cache.
pub(super) fn load(root: &Path, use_cache: bool) -> Result<(Store, Board), StoreError> {
    load_using(root, if use_cache { Use::Stories } else { Use::Nothing })
}

fn load_using(root: &Path, using: Use) -> Result<(Store, Board), StoreError> {
    // The cache is decoded on a thread of its own while board.ron is read, the directory listed
    // and every file's size and time taken: on a big board each takes a good part of the load.
    std::thread::scope(|scope| {
        let cache = scope.spawn(|| read_cache(root, using));
        // A cache that could not be decoded is no cache.
        load_with(root, using, move || cache.join().ok().flatten())
    })
}

fn load_with(root: &Path, using: Use, cache: impl FnOnce() -> Option<Cached>) -> Result<(Store, Board), StoreError> {
    let board_path = root.join(BOARD_FILE);
    let Some((bytes, board_meta)) = read_with_meta(&board_path, MAX_BOARD_BYTES)? else {
        return Err(StoreError::NotFound(root.to_owned()));
    };
    let board_file = Some(Known { hash: fingerprint(&bytes), meta: Some(board_meta), from_cache: false });
    let file: BoardFile = codec::decode(&board_path, &bytes, MAX_BOARD_BYTES).map_err(|e| StoreError::Bad(vec![e]))?;
    let board_text = String::from_utf8_lossy(&bytes).into_owned();
    let (errors, mut warnings) = check_board(&board_path, &board_text, &file);

    let dir = root.join(STORIES_DIR);
    // Taken before the listing, so that a change during the load shows as a newer time.
    let dir_meta = FileMeta::at(&dir);
    let mut names = Vec::new();
    // Temporary files of interrupted saves (a crash, `kill -9`): removed by the next save.
    let mut leftovers: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(is_leftover))
        .map(|e| e.path())
        .collect();
    check_stories_dir(&dir)?;
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry.map_err(|e| StoreError::io(&dir, e))?;
                // A name that is not UTF-8 cannot be a story key: it is not a story file.
                if let Ok(name) = entry.file_name().into_string() {
                    if is_story_name(&name) {
                        names.push(name);
                    } else if is_leftover(&name) {
                        leftovers.push(dir.join(name));
                    }
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(&dir, e)),
    }
    // By name: a fixed order, so errors are reported the same way every time.
    names.sort_unstable();
    let paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();

    // Collected in order and then built in one go: a map filled one insert at a time keeps
    // its nodes half empty, and a story is 400 bytes.
    let mut stories: Vec<(ShortText, Box<Story>)> = Vec::with_capacity(names.len());
    let mut story_files: HashMap<ShortText, Known, super::Hasher> =
        HashMap::with_capacity_and_hasher(names.len(), super::Hasher::default());
    let refs = Refs::of(&file);
    let metas =
        if using == Use::Nothing { vec![None; paths.len()] } else { par_map(&paths, |_, p| FileMeta::at(p), |_| None) };
    let files: Vec<StoryFile> = paths.into_iter().zip(metas).collect();
    let cached = match cache() {
        Some(c) => c,
        // No places to stand in: the whole board, from what cache there is.
        None if using == Use::Places => return load(root, true),
        None => Cached::Stories(cache::Entries::default()),
    };
    let cached_len = cached.len();
    let one = |i, (path, meta): &StoryFile| load_one(path, *meta, i, &cached, &refs, &file.prefix);
    let failed = |(path, _): &StoryFile| Loaded::Bad(FileError::new(path, None, "could not be read"), None);
    let results = par_map(&files, one, failed);
    // What the cache held is in the results now (or was not wanted): freed before the board
    // is built from them.
    drop(cached);
    drop(files);
    let (mut from_cache, mut parsed_afresh) = (0usize, 0usize);
    // A story file that cannot be read does not stop the others: it is left out, reported,
    // and never written (see `Store::save`).
    let mut damaged = BTreeMap::new();
    for loaded in results {
        match loaded {
            Loaded::Bad(error, meta) => {
                let key = error.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                damaged.insert(ShortText::from(key.as_str()), super::DamagedFile { error, meta });
            }
            Loaded::Story { story, known, warnings: w } => {
                warnings.extend(w);
                if known.from_cache {
                    from_cache += 1;
                } else {
                    parsed_afresh += 1;
                }
                story_files.insert(story.key.clone(), known);
                // Still in its box: the board holds each story in one.
                stories.push((story.key.clone(), story));
            }
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Bad(errors));
    }
    let stories: BTreeMap<ShortText, Box<Story>> = stories.into_iter().collect();
    let board_damaged = damaged.iter().map(|(k, d)| (k.clone(), d.error.damage(root))).collect();
    let store = Store {
        root: root.to_owned(),
        board_file,
        story_files,
        warnings,
        leftovers,
        stories_dir: dir_meta,
        damaged,
        uses_cache: using != Use::Nothing,
    };
    // The cache is rewritten only when enough of it is stale: one story changed by a pull costs
    // one parse on every later open, not a rewrite of the whole cache on this one.
    // Stale: parsed afresh, or in the cache for a file that is gone.
    let stale = parsed_afresh + (cached_len - from_cache);
    let empty = cached_len == 0 && !stories.is_empty();
    if using == Use::Stories && (empty || stale > (stories.len() / 100).max(64)) {
        store.write_cache(&stories);
    }
    Ok((store, Board { file, stories, damaged: board_damaged }))
}
