//! What can stop sharing: git missing or failing, a file that cannot be written, and why a
//! `sync` stopped where it did (with what it had done by then), each in the words the person
//! reads.

use std::fmt;
use std::path::{Path, PathBuf};

use super::done::Done;
use crate::store::FileError;

#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("cannot run git: {0} (is git installed?)")]
    NoGit(#[source] std::io::Error),
    /// `git COMMAND` ran and failed; `stderr` is what it said.
    #[error("git {command} failed: {stderr}")]
    GitFailed { command: String, stderr: String },
    /// The board to set up for sharing is not in a git work tree.
    #[error("{} is not inside a git repository: run `git init` first", .0.display())]
    NotInRepository(PathBuf),
    /// The board to sync is not in a git work tree.
    #[error("{} is not in a git repository", .0.display())]
    NothingToSyncWith(PathBuf),
    #[error("cannot find this program: {0}")]
    NoProgram(#[source] std::io::Error),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot make {} executable: {source}", path.display())]
    NotExecutable { path: PathBuf, source: std::io::Error },
    /// A pre-commit hook is there already: it is left alone.
    #[error("{} exists already; add `sprintboard check` to it yourself", .0.display())]
    HookExists(PathBuf),
    /// A sync stopped: `done` is what it did before (said first), `why` why it stopped and the
    /// way out.
    #[error("{}{why}", so_far(.done))]
    SyncStopped { done: Vec<Done>, why: SyncStop },
}

/// What a sync did before it stopped, to begin its message with: `Committed 2 changes; `.
fn so_far(done: &[Done]) -> String {
    done.iter().map(|d| format!("{d}; ")).collect()
}

/// Why a sync stopped.
#[derive(Debug)]
pub enum SyncStop {
    /// The remote could not be reached, at the pull (`pulling`) or at the push.
    Offline { remote: String, pulling: bool },
    /// `git pull` failed for another reason: what git said.
    PullFailed(String),
    /// `git push` failed for another reason: what git said.
    PushFailed(String),
    /// Files the reader refuses, named from the top of the work tree: nothing of them is
    /// committed or pushed from here.
    Unreadable { at: UnreadableAt, files: Vec<(String, FileError)> },
    /// git is merging with conflicts in these files outside the board: git resolves those.
    ConflictsOutside(Vec<String>),
    /// The merge cannot be committed yet: these board files conflict or cannot be read.
    MergeUnfinished(Vec<MergeProblem>),
    /// Git itself failed while the merge was being finished.
    Git(Box<ShareError>),
}

/// Where a sync found files the reader refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnreadableAt {
    /// Among the board's own changes, before they were committed.
    Commit,
    /// In what was just pulled from `remote` (a fast-forward).
    Pull { remote: String },
    /// In what a push would send.
    Push,
}

/// A board file that keeps a merge from being committed.
#[derive(Debug)]
pub enum MergeProblem {
    /// Both sides changed it and it still conflicts; `driver_said` is the merge driver's word
    /// on it during this pull, if it spoke.
    Conflict { path: String, driver_said: Option<String>, error: FileError },
    /// git merged it (not conflicting) into something the reader refuses.
    Unreadable { path: String, error: FileError },
}

/// The story key (or `board`) a board path names.
pub fn name_of(path: &str) -> String {
    Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or(path).to_owned()
}

/// A reader's problem with a file, the file named from the top of the work tree.
fn in_tree(path: &str, e: &FileError) -> String {
    let place = e.at.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default();
    format!("{path}{place}: {}", e.message)
}

impl fmt::Display for SyncStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncStop::Offline { remote, pulling: true } => write!(
                f,
                "offline: cannot reach {remote}; your changes are committed here, run `sprintboard sync` again later"
            ),
            SyncStop::Offline { remote, pulling: false } => {
                write!(f, "offline: cannot reach {remote}; run `sprintboard sync` again later")
            }
            SyncStop::PullFailed(stderr) => write!(f, "git pull failed: {stderr}"),
            SyncStop::PushFailed(stderr) => write!(f, "git push failed: {stderr}"),
            SyncStop::Unreadable { at, files } => {
                let (stopped, fix) = match at {
                    UnreadableAt::Commit => (
                        "nothing was committed or pushed".to_owned(),
                        ", or put back the last committed version with `git checkout HEAD -- FILE`",
                    ),
                    UnreadableAt::Pull { remote } => (
                        format!("nothing was pushed (pulled from {remote})"),
                        " and commit (`git log -- FILE` says who changed it)",
                    ),
                    UnreadableAt::Push => ("nothing was pushed".to_owned(), " and commit"),
                };
                let lines: Vec<String> = files.iter().map(|(path, e)| format!("  {}", in_tree(path, e))).collect();
                let (which, them) = if files.len() == 1 { ("this file", "it") } else { ("these files", "them") };
                write!(
                    f,
                    "{stopped}: {which} cannot be read:\n{}\nrepair {them} (`sprintboard check` says what is wrong){fix}, then run `sprintboard sync` again",
                    lines.join("\n"),
                )
            }
            SyncStop::ConflictsOutside(paths) => write!(
                f,
                "git is merging with conflicts outside the board ({}): resolve those with git, then `sprintboard sync`",
                paths.join(", ")
            ),
            SyncStop::MergeUnfinished(problems) => {
                let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "the merge is not finished: it was not committed, and nothing was pushed:\n{}\nthen run `sprintboard sync` again",
                    lines.join("\n")
                )
            }
            SyncStop::Git(e) => write!(f, "{e}"),
        }
    }
}

impl fmt::Display for MergeProblem {
    /// One indented line: the file, what is wrong, and the way out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeProblem::Conflict { path, driver_said: Some(said), .. } => {
                // A whole-file conflict's words carry their way out; a field's, not yet.
                if said.contains("left as a conflict") {
                    write!(f, "  conflicts in {}: {said}", name_of(path))
                } else {
                    write!(
                        f,
                        "  conflicts in {}: {said}: keep one side's lines and delete the markers (`sprintboard check` shows where)",
                        name_of(path)
                    )
                }
            }
            MergeProblem::Conflict { path, driver_said: None, error } => {
                write!(f, "  conflicts in {}: {}", name_of(path), in_tree(path, error))
            }
            MergeProblem::Unreadable { path, error } => write!(
                f,
                "  {} cannot be read as merged ({}): keep this clone's version with \
                 `git checkout HEAD -- {path}`, or take the other one with `git checkout MERGE_HEAD -- {path}` and repair it",
                name_of(path),
                in_tree(path, error),
            ),
        }
    }
}
