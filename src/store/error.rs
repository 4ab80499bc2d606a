//! Store errors, each naming the file and, where it applies, the line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with one file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    /// 1-based line and column (in characters), when the problem has a place.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl FileError {
    pub fn new(path: &Path, at: Option<(usize, usize)>, message: impl Into<String>) -> FileError {
        FileError { path: path.to_owned(), at, message: message.into() }
    }

    /// A story file's problem as the board carries it: its name under the board's directory
    /// `root`.
    pub(super) fn damage(&self, root: &Path) -> crate::domain::Damaged {
        let file = self.path.strip_prefix(root).unwrap_or(&self.path).display().to_string();
        crate::domain::Damaged { file, at: self.at, reason: self.message.clone() }
    }
}

impl FileError {
    /// One short line for a status bar: the file's name (not its whole path), the place, and the
    /// message up to its first `;`.
    pub fn short(&self) -> String {
        let name =
            self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let message = self.message.split(';').next().unwrap_or(&self.message);
        match self.at {
            Some((line, col)) => format!("{name}:{line}:{col}: {message}"),
            None => format!("{name}: {message}"),
        }
    }
}

impl FileError {
    /// Like [`FileError::short`], with the whole message (a fix may follow the first `;`).
    pub fn short_whole(&self) -> String {
        let name =
            self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned());
        match self.at {
            Some((line, col)) => format!("{name}:{line}:{col}: {}", self.message),
            None => format!("{name}: {}", self.message),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// One or more files could not be read as a board; nothing was written.
    #[error("{}", list(.0))]
    Bad(Vec<FileError>),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("no board at {}: there is no board.ron (create one with `sprintboard init`)", .0.display())]
    NotFound(PathBuf),
    #[error("there is already a board at {}", .0.display())]
    Exists(PathBuf),
    /// Files changed on disk since they were read: nothing was written.
    #[error("{} changed on disk since it was read (another sprintboard, git or an editor); nothing was written, run the command again", paths(.0))]
    Conflict(Vec<PathBuf>),
    #[error("cannot find the platform data directory (is $HOME set?)")]
    NoHome,
    /// A change would write over a story file that could not be read: nothing was written.
    #[error("{}", damaged_message(.0))]
    Damaged(FileError),
}

impl StoreError {
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io { path: path.to_owned(), source }
    }

    pub fn bad(path: &Path, at: Option<(usize, usize)>, message: impl Into<String>) -> StoreError {
        StoreError::Bad(vec![FileError::new(path, at, message)])
    }
}

/// One line for a status bar about problems between the board's files: the first, and how many
/// more `sprintboard check` lists.
pub fn summary(warnings: &[FileError]) -> Option<String> {
    let first = warnings.first()?;
    let more = match warnings.len() - 1 {
        0 => String::new(),
        n => format!(" (and {n} more: `sprintboard check` lists them)"),
    };
    Some(format!("{}{more}", first.short_whole()))
}

fn list(errors: &[FileError]) -> String {
    const SHOWN: usize = 10;
    let mut out: Vec<String> = errors.iter().take(SHOWN).map(ToString::to_string).collect();
    if errors.len() > SHOWN {
        out.push(format!("… and {} more problems", errors.len() - SHOWN));
    }
    out.join("\n")
}

fn damaged_message(e: &FileError) -> String {
    let key = e.path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    format!("{e}; this file cannot be read, so nothing is written over it: {}", crate::domain::Damaged::way_out(&key))
}

fn paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}
