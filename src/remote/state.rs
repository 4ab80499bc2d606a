//! What one clone remembers of its last sync with a repository: GitHub's time of the newest
//! change it saw, so the next sync reads only what changed since. Kept per clone, outside the
//! board (the platform cache directory, beside the parse cache): it is only a shortcut, and
//! without it (lost, damaged, another machine) a sync reads every issue and finds the same.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The longest value read back: an RFC 3339 time.
const MAX: usize = 64;

fn state_dir() -> Option<PathBuf> {
    if cfg!(test) {
        return Some(std::env::temp_dir().join("sprintboard-unit-test-cache").join("remote"));
    }
    directories::ProjectDirs::from("", "", "sprintboard").map(|d| d.cache_dir().join("remote"))
}

/// One file per board directory and repository.
fn path_for(root: &Path, repo: &str) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(root).ok()?;
    let id = crate::interop::import::field_hash(&format!("{}\n{}", canonical.display(), repo.to_lowercase()));
    Some(state_dir()?.join(format!("{id}.since")))
}

/// When the last sync of the board at `root` with `repo` saw it, if it is known.
pub fn since(root: &Path, repo: &str) -> Option<String> {
    let text = std::fs::read_to_string(path_for(root, repo)?).ok()?;
    let text = text.trim();
    (text.len() <= MAX && text.parse::<jiff::Timestamp>().is_ok()).then(|| text.to_owned())
}

/// Remembers `since` for the next sync; a failure only costs the next sync a full read.
pub fn remember(root: &Path, repo: &str, since: &str) {
    let Some(path) = path_for(root, repo) else { return };
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    if let Ok(mut f) = atomic_write_file::AtomicWriteFile::open(&path)
        && f.write_all(since.as_bytes()).is_ok()
    {
        let _ = f.commit();
    }
}

/// When the last sync of the board at `root` with `repo` from this clone ended (the time
/// [`remember`] last wrote), if it is known.
pub fn synced_at(root: &Path, repo: &str) -> Option<jiff::Timestamp> {
    let modified = std::fs::metadata(path_for(root, repo)?).ok()?.modified().ok()?;
    jiff::Timestamp::try_from(modified).ok()
}

#[cfg(test)]
mod tests;
