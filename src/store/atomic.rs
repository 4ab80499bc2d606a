//! Durable writes: a file is replaced whole or not at all, and stays so after a crash.
//!
//! `atomic-write-file` writes a temporary file in the same directory, fsyncs it, renames it over
//! the file and fsyncs the directory; a removal is made durable by fsyncing its directory.

use std::io::Write;
use std::path::Path;

use super::error::StoreError;
use super::layout::STORIES_DIR;
use super::read::check_stories_dir;

/// Replaces the file at `path` with `bytes`, atomically and durably.
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let io = |e| StoreError::io(path, e);
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.commit().map_err(io)
}

/// Fsyncs a directory, so that a file removed from it stays removed after a crash.
pub(super) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| StoreError::io(dir, e))
}

/// Creates the board's `stories/` if it is not there (durably: the board's directory is
/// fsynced, so the files written in it next do not vanish with it after a crash), and checks
/// it is a directory inside the board, not a link to one elsewhere.
pub(super) fn ensure_stories_dir(root: &Path) -> Result<(), StoreError> {
    let dir = root.join(STORIES_DIR);
    if std::fs::symlink_metadata(&dir).is_err() {
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        sync_dir(root)?;
    }
    check_stories_dir(&dir)
}
