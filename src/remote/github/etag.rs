//! The ETag of the last issue listing, kept per clone in the platform cache directory (one
//! small file per API base and repository), so that a sync with nothing new on GitHub costs
//! one request answered 304. A missing or damaged file only means: no ETag to send.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The first page's address of a listing and the ETag GitHub gave for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    pub url: String,
    pub etag: String,
}

/// `<cache dir>/github/<base and repo, made a file name>.json`; `None` without a home directory.
pub fn default_file(base: &str, repo: &str) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "sprintboard")?;
    Some(dirs.cache_dir().join("github").join(file_name(base, repo)))
}

/// `https://api.github.com` + `octo/hello` → `api.github.com_octo_hello.json`: readable, and
/// only characters every file system takes.
fn file_name(base: &str, repo: &str) -> String {
    let host = base.split_once("://").map_or(base, |(_, rest)| rest);
    let mut name: String = format!("{host}/{repo}")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' })
        .collect();
    name.truncate(200);
    name + ".json"
}

pub fn load(file: &Path) -> Option<Remembered> {
    let text = std::fs::read(file).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Writes the whole file at once (a crash leaves the old one or the new one); a failure is
/// reported to the caller, who may ignore it: the next listing is then only not conditional.
pub fn save(file: &Path, remembered: &Remembered) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_vec(remembered).map_err(std::io::Error::other)?;
    let mut out = atomic_write_file::AtomicWriteFile::open(file)?;
    out.write_all(&text)?;
    out.commit()
}

#[cfg(test)]
mod tests;
