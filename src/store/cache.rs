//! A cache of parsed stories, outside the repository (the platform cache directory), so that
//! opening a big board does not parse every RON file again. An entry is used only while its
//! file has the same size, modification time and inode as when it was parsed, and was not
//! modified in the last two seconds (a write in the same timestamp tick could look the same).
//! Anything wrong with the cache (missing, unreadable, another version, damaged: the file
//! carries a checksum of its contents) means: parse as if there were none. It never decides
//! what is written to the board: before a story that came from the cache is written, the store
//! parses its file and checks that the change was made on what the file says.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::FileMeta;
use crate::domain::Story;

const MAGIC: &str = "sprintboard story cache";
/// Bumped whenever the entry layout changes; the program's version is checked too, since the
/// story layout may change with it.
const FORMAT: u32 = 4;
/// The checksum (of everything after it) that the file starts with.
const CHECKSUM_BYTES: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    len: u64,
    secs: u64,
    nanos: u32,
    inode: u64,
}

impl Stamp {
    pub(super) fn of(meta: &FileMeta) -> Option<Stamp> {
        let t = meta.modified?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp { len: meta.len, secs: t.as_secs(), nanos: t.subsec_nanos(), inode: meta.inode })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    pub stamp: Stamp,
    pub fingerprint: u64,
    pub story: Story,
}

/// The file: a header, then the entries in parts, each encoded on its own so that a big
/// board's parts are decoded on several cores at once.
#[derive(Deserialize)]
struct CacheFile<'a> {
    magic: String,
    format: u32,
    version: String,
    #[serde(borrow)]
    parts: Vec<&'a [u8]>,
}

/// One part: entries by story key (the story's file is `stories/KEY.ron`).
// Boxed: moving each story out into the board frees it at once, instead of the whole table
// staying allocated beside the board until the load ends.
type Part = Vec<(String, Box<Entry>)>;

/// The entries of a cache, by story key.
pub(super) type Entries = HashMap<String, Box<Entry>>;

/// What is written: the same layout as [`CacheFile`].
#[derive(Serialize)]
struct CacheFileRef<'a> {
    magic: &'a str,
    format: u32,
    version: &'a str,
    parts: Vec<Bytes>,
}

/// Written as bytes (serde writes a `Vec<u8>` as a sequence of numbers).
struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

/// How many parts the entries are written in: enough for the cores of most machines; the
/// reader decodes several on one core when it has fewer.
const PARTS: usize = 8;

#[derive(Serialize)]
pub(super) struct EntryRef<'a> {
    pub stamp: Stamp,
    pub fingerprint: u64,
    pub story: &'a Story,
}

/// The platform cache directory (unit tests keep theirs in the temporary directory).
fn cache_dir() -> Option<PathBuf> {
    if cfg!(test) {
        return Some(std::env::temp_dir().join("sprintboard-unit-test-cache"));
    }
    directories::ProjectDirs::from("", "", "sprintboard").map(|d| d.cache_dir().to_owned())
}

/// Where the cache of the board at `root` lives: one file per board directory.
fn path_for(root: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(root).ok()?;
    let id = super::fingerprint(canonical.to_string_lossy().as_bytes());
    Some(cache_dir()?.join("boards").join(format!("{id:016x}.bin")))
}

/// The cached entries for a board; empty when there is no usable cache.
pub(super) fn read(root: &Path) -> Entries {
    let Some(bytes) = path_for(root).and_then(|p| std::fs::read(p).ok()) else { return HashMap::new() };
    let Some((sum, payload)) = bytes.split_first_chunk::<CHECKSUM_BYTES>() else { return HashMap::new() };
    // Any damage (a flipped bit, a truncated write by another tool) shows here: any change in
    // one 8-byte word of the payload always changes the fingerprint.
    if u64::from_le_bytes(*sum) != super::fingerprint(payload) {
        return HashMap::new();
    }
    let file = match postcard::from_bytes::<CacheFile>(payload) {
        Ok(c) if c.magic == MAGIC && c.format == FORMAT && c.version == env!("CARGO_PKG_VERSION") => c,
        _ => return HashMap::new(),
    };
    let parts = super::parallel::par_map(&file.parts, |p| postcard::from_bytes::<Part>(p).ok(), |_| None);
    let mut entries = HashMap::with_capacity(parts.iter().flatten().map(Vec::len).sum());
    for part in parts {
        // One part that does not decode (a checksum collision) makes the whole cache unusable.
        let Some(part) = part else { return HashMap::new() };
        entries.extend(part);
    }
    entries
}

/// Replaces the board's cache. Best effort: a cache that cannot be written is simply not there
/// next time. Not fsynced: a cache lost in a crash is only parsing next time, and the checksum
/// catches a torn one.
pub(super) fn write<'a>(root: &Path, entries: impl IntoIterator<Item = (&'a str, EntryRef<'a>)>) {
    let Some(path) = path_for(root) else { return };
    let mut entries: Vec<(&str, EntryRef)> = entries.into_iter().collect();
    entries.sort_unstable_by_key(|(key, _)| *key);
    let mut parts = Vec::with_capacity(PARTS);
    for part in entries.chunks(entries.len().div_ceil(PARTS).max(1)) {
        let Ok(bytes) = postcard::to_stdvec(part) else { return };
        parts.push(Bytes(bytes));
    }
    let file = CacheFileRef { magic: MAGIC, format: FORMAT, version: env!("CARGO_PKG_VERSION"), parts };
    let Ok(payload) = postcard::to_stdvec(&file) else { return };
    let mut bytes = super::fingerprint(&payload).to_le_bytes().to_vec();
    bytes.extend_from_slice(&payload);
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // A name of its own for the temporary file, so that two processes never write one file.
    let tmp = dir.join(format!(".{}.{}", std::process::id(), path.file_name().and_then(|n| n.to_str()).unwrap_or("c")));
    if std::fs::write(&tmp, &bytes).is_err() || std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
pub(super) fn path_for_tests(root: &Path) -> Option<PathBuf> {
    path_for(root)
}
