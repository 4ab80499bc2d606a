//! The board's lock (`.lock` in its directory): held exclusively while a save checks and writes,
//! so two processes cannot interleave a check and a write; held shared by a reader that must not
//! see a save half done.

use std::fs::File;
use std::path::Path;

use super::error::StoreError;
use super::layout::LOCK_FILE;
use super::read::A_LINK;

/// The board's lock: held while checking and writing (waits for another holder).
pub(super) fn lock(root: &Path) -> Result<File, StoreError> {
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

/// The board's lock if no one holds it now; `None`: another sprintboard is saving.
pub(super) fn try_lock(root: &Path) -> Result<Option<File>, StoreError> {
    let path = root.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| StoreError::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::io(&path, e)),
    }
}

/// Waits until no sprintboard holds the store's lock, and holds it shared: a journal seen
/// then is an interrupted one. Without a lock file, nobody ever saved here.
pub(super) fn wait_for_savers(root: &Path) -> Option<File> {
    let file = File::open(root.join(LOCK_FILE)).ok()?;
    file.lock_shared().ok()?;
    Some(file)
}
