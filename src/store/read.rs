//! Reading a board's files: only regular files inside the board (a symbolic link is never
//! followed, a pipe or a device never read), never more than a size limit, with what each file
//! looked like when it was read.

use std::io::Read;
use std::path::Path;

use super::error::StoreError;

/// What a file looked like when it was last read or written: a change of either means it must
/// be read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileMeta {
    pub(super) len: u64,
    pub(super) modified: Option<std::time::SystemTime>,
    /// Atomic writers (this program, editors, git) replace the file: a new inode.
    pub(super) inode: u64,
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
    pub(super) fn recent(&self) -> bool {
        self.modified
            .and_then(|t| std::time::SystemTime::now().duration_since(t).ok())
            .is_none_or(|age| age < std::time::Duration::from_secs(2))
    }

    /// Of the file itself: a symbolic link is not followed (its target is never a board file).
    pub(super) fn at(path: &Path) -> Option<FileMeta> {
        std::fs::symlink_metadata(path).ok().map(|m| FileMeta::of(&m))
    }
}

/// Reads a whole file in one go, or only `max + 1` bytes of a file larger than `max`, so a huge
/// file is detected without loading it. `None`: the file does not exist.
pub(super) fn read_limited(path: &Path, max: u64) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(read_with_meta(path, max)?.map(|(bytes, _)| bytes))
}

/// Why a board file that is a symbolic link is refused.
pub(super) const A_LINK: &str = "it is a symbolic link, and links are never followed: a board's files must be \
                                 regular files inside it (replace the link with the file itself)";

/// Reads a board file. Only a regular file is read: a symbolic link is refused without being
/// followed (a teammate can commit one that points anywhere on the reader's disk), and so is a
/// FIFO or a device (opened without blocking, never read).
pub(super) fn read_with_meta(path: &Path, max: u64) -> Result<Option<(Vec<u8>, FileMeta)>, StoreError> {
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

/// What a board file that is a directory, a pipe or a device is said to be.
const NOT_A_FILE: &str = "is not a regular file (a directory, a pipe or a device): remove it or take one side with git";

/// `stories/` must be a directory inside the board, not a symbolic link to one elsewhere (a
/// teammate can commit such a link): checked before it is listed and before anything is written
/// in it. `Ok` too when it is not there (a board without stories).
pub(super) fn check_stories_dir(dir: &Path) -> Result<(), StoreError> {
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
