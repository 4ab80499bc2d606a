//! A cache of parsed stories, outside the repository (the platform cache directory), so that
//! opening a big board does not parse every RON file again. An entry is used only while its
//! file has the same size, modification time and inode as when it was parsed, and was not
//! modified in the last two seconds (a write in the same timestamp tick could look the same).
//! Anything wrong with the cache (missing, unreadable, another version, damaged: each part of
//! the file carries a checksum) means: parse as if there were none. It never decides
//! what is written to the board: before a story that came from the cache is written, the store
//! parses its file and checks that the change was made on what the file says.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::FileMeta;
use crate::domain::{Rank, ShortText, Story};

const MAGIC: &str = "sprintboard story cache";
/// Bumped whenever the entry layout changes; the program's version is checked too, since the
/// story layout may change with it.
pub(crate) const FORMAT: u32 = 7;

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
    /// Boxed as the board holds it, so that it moves there without being copied.
    pub story: Box<Story>,
}

/// The file: the entries in parts, then every story's place, then a header that gives each
/// part's length and checksum, then the header's length and checksum (8 bytes each). Parts are
/// read and written one at a time: holding every part's bytes while the stories are built from
/// them (or encoded into them) would add a third to the memory a big board's load needs.
#[derive(Serialize, Deserialize)]
struct Header<V> {
    magic: V,
    format: u32,
    version: V,
    parts: Vec<PartInfo>,
    /// After the parts: where each story is (see [`Place`]).
    places: PartInfo,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct PartInfo {
    len: u64,
    checksum: u64,
}

/// One part: entries by story key (the story's file is `stories/KEY.ron`), in key order.
type Part = Vec<(ShortText, Entry)>;

/// An entry as a load uses it: whichever thread finds its file unchanged takes the story out.
pub(super) struct Slot {
    pub stamp: Stamp,
    pub fingerprint: u64,
    pub story: Mutex<Option<Box<Story>>>,
}

impl From<Entry> for Slot {
    fn from(e: Entry) -> Slot {
        Slot { stamp: e.stamp, fingerprint: e.fingerprint, story: Mutex::new(Some(e.story)) }
    }
}

/// Values by story key, in key order, as the cache holds them.
pub(super) struct Sorted<T>(pub(super) Vec<(ShortText, T)>);

impl<T> Sorted<T> {
    /// The value for `key`. Story files are read in name order, which is key order: the
    /// `hint`-th file's entry is the `hint`-th one when no file was added or removed since the
    /// cache was written, and looking there first spares most lookups the search (and a big
    /// board's load a hash table of every key).
    pub(super) fn get(&self, key: &str, hint: usize) -> Option<&T> {
        match self.0.get(hint) {
            Some((k, v)) if k == key => Some(v),
            _ => self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().map(|i| &self.0[i].1),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// `None` unless the keys are in order (a damaged cache whose checksum still matched).
    fn checked(entries: Vec<(ShortText, T)>) -> Option<Sorted<T>> {
        entries.windows(2).all(|w| w[0].0 < w[1].0).then_some(Sorted(entries))
    }
}

impl<T> Default for Sorted<T> {
    fn default() -> Sorted<T> {
        Sorted(Vec::new())
    }
}

/// The entries of a cache, by story key.
pub(super) type Entries = Sorted<Slot>;

/// Where a story is, and what a check of its references needs: all that a command changing
/// one other story needs to know of it (see `load::load_places`). Decoding these for 100,000
/// stories takes a small part of the time their whole stories take.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Place {
    pub stamp: Stamp,
    pub fingerprint: u64,
    pub status: ShortText,
    pub sprint: Option<ShortText>,
    pub rank: Rank,
    pub points: Option<u32>,
    pub epic: Option<ShortText>,
}

/// What is written: the same layout as [`Place`], borrowed from the story.
#[derive(Serialize)]
struct PlaceRef<'a> {
    stamp: Stamp,
    fingerprint: u64,
    status: &'a str,
    sprint: Option<&'a str>,
    rank: &'a Rank,
    points: Option<u32>,
    epic: Option<&'a str>,
}

impl<'a> PlaceRef<'a> {
    fn of(e: &EntryRef<'a>) -> PlaceRef<'a> {
        let s = e.story;
        PlaceRef {
            stamp: e.stamp,
            fingerprint: e.fingerprint,
            status: &s.status,
            sprint: s.sprint.as_deref(),
            rank: &s.rank,
            points: s.points,
            epic: s.epic.as_deref(),
        }
    }
}

/// Every entry's place, in the entries' order, written without copying them.
struct PlacesRef<'e, 'a>(&'e [(&'a str, EntryRef<'a>)]);

impl Serialize for PlacesRef<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|(k, e)| (k, PlaceRef::of(e))))
    }
}

/// The places of a cache's stories, by story key.
pub(super) type Places = Sorted<Place>;

/// How many parts the entries are written in.
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

/// `len` bytes, or `None` when the file ends first. Any damage (a flipped bit, a truncated write
/// by another tool) shows as a checksum that differs: a change in one 8-byte word of the bytes
/// always changes the fingerprint.
fn read_checked(file: &mut impl Read, buf: &mut Vec<u8>, len: u64, checksum: u64) -> Option<()> {
    buf.clear();
    buf.try_reserve_exact(usize::try_from(len).ok()?).ok()?;
    file.take(len).read_to_end(buf).ok()?;
    (buf.len() as u64 == len && super::fingerprint(buf) == checksum).then_some(())
}

/// The cached entries for a board; empty when there is no usable cache.
pub(super) fn read(root: &Path) -> Entries {
    read_parts(root).unwrap_or_default()
}

/// The header's length and checksum, at the end of the file.
const TRAILER: u64 = 16;

/// The cache file, positioned at its first part, and its header, when it is one this build
/// wrote and its header is intact.
fn open(root: &Path, buf: &mut Vec<u8>) -> Option<(std::io::BufReader<std::fs::File>, Header<String>)> {
    let mut file = std::io::BufReader::new(std::fs::File::open(path_for(root)?).ok()?);
    let size = file.seek(SeekFrom::End(0)).ok()?;
    file.seek(SeekFrom::Start(size.checked_sub(TRAILER)?)).ok()?;
    let mut word = [0u8; 8];
    file.read_exact(&mut word).ok()?;
    let header_len = u64::from_le_bytes(word);
    file.read_exact(&mut word).ok()?;
    let header_sum = u64::from_le_bytes(word);
    file.seek(SeekFrom::Start(size.checked_sub(TRAILER)?.checked_sub(header_len)?)).ok()?;
    read_checked(&mut file, buf, header_len, header_sum)?;
    let header: Header<String> = postcard::from_bytes(buf).ok()?;
    if header.magic != MAGIC || header.format != FORMAT || header.version != env!("CARGO_PKG_VERSION") {
        return None;
    }
    file.seek(SeekFrom::Start(0)).ok()?;
    Some((file, header))
}

fn read_parts(root: &Path) -> Option<Entries> {
    let mut buf = Vec::new();
    let (mut file, header) = open(root, &mut buf)?;
    let mut entries = Vec::new();
    for part in &header.parts {
        read_checked(&mut file, &mut buf, part.len, part.checksum)?;
        // A part that does not decode (a checksum collision) makes the whole cache unusable.
        let part: Part = postcard::from_bytes(&buf).ok()?;
        if entries.is_empty() {
            // Every part but the last holds as many entries as the first.
            entries.reserve(part.len() * header.parts.len());
        }
        entries.extend(part.into_iter().map(|(k, e)| (k, Slot::from(e))));
    }
    Sorted::checked(entries)
}

/// The places of the cached stories; `None` when there is no usable cache.
pub(super) fn read_places(root: &Path) -> Option<Places> {
    let mut buf = Vec::new();
    let (mut file, header) = open(root, &mut buf)?;
    let skip: u64 = header.parts.iter().map(|p| p.len).sum();
    file.seek(SeekFrom::Start(skip)).ok()?;
    read_checked(&mut file, &mut buf, header.places.len, header.places.checksum)?;
    Sorted::checked(postcard::from_bytes(&buf).ok()?)
}

/// Replaces the board's cache. Best effort: a cache that cannot be written is simply not there
/// next time. Not fsynced: a cache lost in a crash is only parsing next time, and the checksums
/// catch a torn one.
pub(super) fn write<'a>(root: &Path, entries: impl IntoIterator<Item = (&'a str, EntryRef<'a>)>) {
    let Some(path) = path_for(root) else { return };
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let mut entries: Vec<(&str, EntryRef)> = entries.into_iter().collect();
    entries.sort_unstable_by_key(|(key, _)| *key);
    // A name of its own for the temporary file, so that two processes never write one file.
    let tmp = dir.join(format!(".{}.{}", std::process::id(), path.file_name().and_then(|n| n.to_str()).unwrap_or("c")));
    let written = (|| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let mut parts = Vec::with_capacity(PARTS);
        for part in entries.chunks(entries.len().div_ceil(PARTS).max(1)) {
            let bytes = postcard::to_stdvec(part).map_err(std::io::Error::other)?;
            out.write_all(&bytes)?;
            parts.push(PartInfo { len: bytes.len() as u64, checksum: super::fingerprint(&bytes) });
        }
        let bytes = postcard::to_stdvec(&PlacesRef(&entries)).map_err(std::io::Error::other)?;
        out.write_all(&bytes)?;
        let places = PartInfo { len: bytes.len() as u64, checksum: super::fingerprint(&bytes) };
        let header = Header { magic: MAGIC, format: FORMAT, version: env!("CARGO_PKG_VERSION"), parts, places };
        let header = postcard::to_stdvec(&header).map_err(std::io::Error::other)?;
        out.write_all(&header)?;
        out.write_all(&(header.len() as u64).to_le_bytes())?;
        out.write_all(&super::fingerprint(&header).to_le_bytes())?;
        out.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&tmp, &path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
pub(super) fn path_for_tests(root: &Path) -> Option<PathBuf> {
    path_for(root)
}

#[cfg(test)]
mod tests;
