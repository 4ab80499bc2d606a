//! Durable writes: a file is replaced whole or not at all, and stays so after a crash.
//!
//! `atomic-write-file` writes a temporary file in the same directory, fsyncs it, renames it over
//! the file and fsyncs the directory; a removal is made durable by fsyncing its directory.

use std::io::Write;
use std::path::Path;

use super::error::StoreError;

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
