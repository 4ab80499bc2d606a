//! Git plumbing: running the system `git` in a work tree and reading its answers. Everything
//! shells out, so the user's own credentials and ssh set-up apply.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::ShareError;

/// Runs `git ARGS` in `dir`, never asking for a password on the terminal (a sync in a script
/// or behind the TUI must fail, not hang).
pub fn run(dir: &Path, args: &[&str]) -> Result<Output, ShareError> {
    Command::new("git").args(args).current_dir(dir).env("GIT_TERMINAL_PROMPT", "0").output().map_err(ShareError::NoGit)
}

/// What git wrote on standard output, trimmed.
pub fn stdout_text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

/// What git wrote on standard error, trimmed.
pub fn stderr_text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim().to_owned()
}

/// `Ok` when git succeeded, else what it said, as `git COMMAND failed: …`.
pub fn succeeded(o: &Output, command: &str) -> Result<(), ShareError> {
    if o.status.success() {
        Ok(())
    } else {
        Err(ShareError::GitFailed { command: command.to_owned(), stderr: stderr_text(o) })
    }
}

/// The top of the git work tree holding `dir`, if there is one.
pub fn toplevel(dir: &Path) -> Option<PathBuf> {
    let out = run(dir, &["rev-parse", "--show-toplevel"]).ok()?;
    out.status.success().then(|| PathBuf::from(stdout_text(&out)))
}

/// Paths (from the top of the work tree) git lists, one per line.
pub fn paths_of(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout).lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// Whether git is in the middle of a merge in this work tree.
pub fn merging(top: &Path) -> Result<bool, ShareError> {
    Ok(run(top, &["rev-parse", "-q", "--verify", "MERGE_HEAD"])?.status.success())
}

/// The unmerged paths (`git status --porcelain=v2 -z`): each with its two-letter state (`UU`
/// both changed, `UD` deleted by them, `DU` deleted by us, `AA` added by both).
pub fn unmerged(top: &Path) -> Result<Vec<(String, String)>, ShareError> {
    let out = run(top, &["status", "--porcelain=v2", "-z", "--untracked-files=no"])?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Ok(text
        .split('\0')
        .filter_map(|entry| {
            let rest = entry.strip_prefix("u ")?;
            let mut fields = rest.splitn(10, ' ');
            let xy = fields.next()?.to_owned();
            let path = fields.nth(8)?.to_owned();
            Some((xy, path))
        })
        .collect())
}

/// How a changed path is listed by `git status --porcelain=v1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Deleted,
    Changed,
}

/// The changed and untracked files under `rel` (`git status --porcelain=v1`), each with its
/// path from the top of the work tree.
pub fn changes(top: &Path, rel: &str) -> Result<Vec<(Change, String)>, ShareError> {
    let out = run(top, &["status", "--porcelain=v1", "--untracked-files=all", "--", rel])?;
    // Not trimmed: the first column of a porcelain line may be a space.
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.len() > 3)
        .map(|l| {
            let (code, path) = l.split_at(3.min(l.len()));
            let change = match code.trim() {
                "??" | "A" => Change::Added,
                "D" => Change::Deleted,
                _ => Change::Changed,
            };
            (change, path.trim().trim_matches('"').to_owned())
        })
        .collect())
}

/// Whether git's words say the remote could not be reached (no network, no such host, refused).
pub fn unreachable_remote(stderr: &str) -> bool {
    [
        "Could not resolve host",
        "unable to access",
        "Connection refused",
        "Could not read from remote",
        "does not appear to be a git repository",
        "Network is unreachable",
        "timed out",
    ]
    .iter()
    .any(|s| stderr.contains(s))
}
