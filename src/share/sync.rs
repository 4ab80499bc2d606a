//! `sync`: commit the board's changes, pull (the merge driver merges), finish the merge once
//! every file it made reads, push, and say what the merge left on the board. Stops before
//! anything unreadable is committed or pushed, saying what it did so far.

use std::path::{Path, PathBuf};

use super::done::Done;
use super::error::{MergeProblem, SyncStop, UnreadableAt, name_of};
use super::git::{self, Change};
use super::{ShareError, driver};
use crate::store::FileError;

/// What a sync that went through did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synced {
    /// Each step taken, in order (empty: the board was up to date already).
    pub done: Vec<Done>,
    /// The remote pulled from and pushed to; `None` when there is none.
    pub remote: Option<String>,
    /// What the pull left wrong on the board that was not wrong before it, each with its fix.
    pub problems: Vec<String>,
}

/// A sync stopped after `done`, for `why`.
fn stopped(done: &[Done], why: SyncStop) -> ShareError {
    ShareError::SyncStopped { done: done.to_vec(), why }
}

/// One line per changed story file for the commit message (`SB-K7QX Title (added)`), with the
/// file's path from the top of the work tree.
fn describe_changes(top: &Path, rel: &str) -> Result<Vec<(String, String)>, ShareError> {
    let mut lines = Vec::new();
    for (change, path) in git::changes(top, rel)? {
        let file = Path::new(&path);
        let what = match change {
            Change::Added => "added",
            Change::Deleted => "deleted",
            Change::Changed => "changed",
        };
        let name = file.file_stem().and_then(|s| s.to_str()).unwrap_or(&path);
        let title = if file.extension().is_some_and(|e| e == "ron") && change != Change::Deleted {
            std::fs::read_to_string(top.join(file))
                .ok()
                .and_then(|t| t.lines().find(|l| l.trim_start().starts_with("title:")).map(|l| l.trim().to_owned()))
                .map(|t| format!(" {}", t.trim_start_matches("title:").trim().trim_end_matches(',').trim_matches('"')))
                .unwrap_or_default()
        } else {
            String::new()
        };
        lines.push((format!("{name}{title} ({what})"), path.clone()));
    }
    Ok(lines)
}

/// What the reader has against each of these files (paths from the top of the work tree),
/// keyed by path: only the board's own files are looked at.
fn unreadable_files(top: &Path, root: &Path, paths: &[String]) -> Vec<(String, FileError)> {
    let full: Vec<PathBuf> = paths.iter().map(|p| top.join(p)).collect();
    crate::store::unreadable(root, &full)
        .into_iter()
        .map(|e| {
            let rel = e.path.strip_prefix(top).unwrap_or(&e.path).to_string_lossy().into_owned();
            (rel, e)
        })
        .collect()
}

/// Runs git for the merge being finished: a failure stops the sync after `done`.
fn git_in_merge(top: &Path, args: &[&str], done: &[Done]) -> Result<std::process::Output, ShareError> {
    git::run(top, args).map_err(|e| stopped(done, SyncStop::Git(Box::new(e))))
}

/// Like [`git_in_merge`], and git must succeed.
fn git_in_merge_ok(top: &Path, args: &[&str], done: &[Done]) -> Result<(), ShareError> {
    let out = git_in_merge(top, args, done)?;
    git::succeeded(&out, args.first().copied().unwrap_or_default())
        .map_err(|e| stopped(done, SyncStop::Git(Box::new(e))))
}

/// Resolves what git left unmerged in the board, checks that every board file the merge
/// changed reads, and finishes the merge, adding what it did to `done`. The rule for a story
/// deleted on one side and edited on the other (git's modify/delete, which no merge driver
/// sees): the edited story is kept, so no one's work is lost; deleting it again is one
/// command. A conflict, or a file the reader refuses (too large, not parsing, markers: what a
/// merge without the driver leaves), stops the merge before its commit, each named with what
/// happened and the way out; once resolved, this finishes the merge. `driver_said` is what
/// git said during this pull (the merge driver's lines among it).
fn finish_merge(top: &Path, rel: &str, root: &Path, driver_said: &str, done: &mut Vec<Done>) -> Result<(), ShareError> {
    let inside = |p: &str| rel == "." || Path::new(p).starts_with(rel);
    let driver = driver::lines_in(driver_said);
    let mut kept = Vec::new();
    let mut conflicted = Vec::new();
    let mut outside = Vec::new();
    let unmerged = git::unmerged(top).map_err(|e| stopped(done, SyncStop::Git(Box::new(e))))?;
    for (xy, path) in unmerged {
        if !inside(&path) {
            outside.push(path);
            continue;
        }
        match xy.as_str() {
            // The work tree holds the edited side.
            "UD" | "DU" => {
                kept.push(name_of(&path));
                git_in_merge_ok(top, &["add", "--", &path], done)?;
            }
            "DD" => git_in_merge_ok(top, &["rm", "--quiet", "--", &path], done)?,
            _ => conflicted.push(path),
        }
    }
    // The kept stories are said before a conflict that stops the merge, and after the merge is
    // finished; git failing on the way is said after what the sync did before the merge.
    let kept = (!kept.is_empty()).then_some(Done::KeptEdited(kept));
    let with_kept = |done: &[Done]| -> Vec<Done> { done.iter().cloned().chain(kept.clone()).collect() };
    let plumbing = |e: ShareError, done: &[Done]| stopped(done, SyncStop::Git(Box::new(e)));
    if !outside.is_empty() {
        return Err(stopped(&with_kept(done), SyncStop::ConflictsOutside(outside)));
    }
    // Every board file the merge changed, as the work tree holds it now: a conflict not yet
    // resolved, or a file merged by git's own line merge, must read before it is committed.
    let changed = git::run(top, &["diff", "--name-only", "HEAD", "--", rel]).map_err(|e| plumbing(e, done))?;
    let mut all: Vec<String> = git::paths_of(&changed).iter().chain(&conflicted).cloned().collect();
    all.sort();
    all.dedup();
    let bad = unreadable_files(top, root, &all);
    if !bad.is_empty() {
        let problems = bad
            .into_iter()
            .map(|(path, error)| {
                if conflicted.contains(&path) {
                    let driver_said = driver.iter().find(|(p, _)| *p == path).map(|(_, said)| said.clone());
                    MergeProblem::Conflict { path, driver_said, error }
                } else {
                    MergeProblem::Unreadable { path, error }
                }
            })
            .collect();
        return Err(stopped(&with_kept(done), SyncStop::MergeUnfinished(problems)));
    }
    for path in &all {
        if top.join(path).exists() {
            let out = git::run(top, &["add", "--", path]).map_err(|e| plumbing(e, done))?;
            git::succeeded(&out, "add").map_err(|e| plumbing(e, done))?;
        }
    }
    let commit = git::run(top, &["commit", "--quiet", "--no-edit"]).map_err(|e| plumbing(e, done))?;
    git::succeeded(&commit, "commit").map_err(|e| plumbing(e, done))?;
    done.extend(kept);
    done.push(Done::FinishedMerge);
    Ok(())
}

/// What is wrong with the board as a whole (each with its fix), as `sync` compares it before
/// and after a pull: references to what board.ron lacks, two active sprints, a dependency
/// cycle, an unfinished story in a closed sprint. `None` when the board cannot be opened.
fn board_problems(root: &Path) -> Option<Vec<String>> {
    let (store, board) = crate::store::Store::open(root).ok()?;
    let mut out: Vec<String> = store
        .warnings()
        .iter()
        .map(|w| {
            let name = w.path.file_name().map_or_else(|| w.path.display().to_string(), |n| n.to_string_lossy().into());
            format!("{name}: {}", w.message)
        })
        .collect();
    out.extend(board.cycle_problems());
    out.extend(board.unfinished_in_closed_sprints().iter().map(ToString::to_string));
    Some(out)
}

/// Syncs the board at `root` with its clone's remote: finishes a merge an earlier sync left,
/// commits the board's own changes (and nothing else the user has staged), pulls (the driver
/// merges; the merge is committed only once its files read), pushes. Never commits or pushes a
/// file the reader refuses, which would lock out every clone that pulls it.
pub fn sync(root: &Path) -> Result<Synced, ShareError> {
    sync_with(root, &mut || ())
}

/// [`sync`], running `between` after the pull and before the push (the board's sync with its
/// issue tracker), then committing what it changed on the board with the rest.
pub fn sync_with(root: &Path, between: &mut dyn FnMut()) -> Result<Synced, ShareError> {
    let top = git::toplevel(root).ok_or_else(|| ShareError::NothingToSyncWith(root.to_owned()))?;
    let rel = root.strip_prefix(&top).unwrap_or(root).to_string_lossy().into_owned();
    let rel = if rel.is_empty() { ".".to_owned() } else { rel };

    let mut done = Vec::new();
    // 0. A merge an earlier sync (or `git pull`) left unfinished: finish it first.
    if git::merging(&top)? {
        finish_merge(&top, &rel, root, "", &mut done)?;
    }

    // 1. Commit the board's own changes, and nothing else the user has staged.
    commit_board(&top, &rel, root, &mut done)?;

    // 2. Where to pull from and push to.
    let remotes = git::stdout_text(&git::run(&top, &["remote"])?);
    let Some(remote) = remotes.lines().next().map(str::to_owned) else {
        between();
        commit_board(&top, &rel, root, &mut done)?;
        done.push(Done::NoRemote);
        return Ok(Synced { done, remote: None, problems: Vec::new() });
    };
    let branch = git::stdout_text(&git::run(&top, &["rev-parse", "--abbrev-ref", "HEAD"])?);
    let upstream = git::run(&top, &["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"])?;
    let has_upstream = upstream.status.success();
    pull_and_push(&top, &rel, root, Remote { name: remote, branch, has_upstream }, between, done)
}

/// Commits the board's own changes (and nothing else the user has staged), adding it to `done`.
fn commit_board(top: &Path, rel: &str, root: &Path, done: &mut Vec<Done>) -> Result<(), ShareError> {
    let (top, rel) = (top.to_path_buf(), rel.to_owned());
    let changes = describe_changes(&top, &rel)?;
    if !changes.is_empty() {
        let paths: Vec<String> = changes.iter().map(|(_, p)| p.clone()).collect();
        let files = unreadable_files(&top, root, &paths);
        if !files.is_empty() {
            return Err(stopped(done, SyncStop::Unreadable { at: UnreadableAt::Commit, files }));
        }
        git::succeeded(&git::run(&top, &["add", "-A", "--", &rel])?, "add")?;
        let subject = if changes.len() == 1 {
            format!("sprintboard: {}", changes[0].0)
        } else {
            format!("sprintboard: {} board files changed", changes.len())
        };
        let lines: Vec<&str> = changes.iter().map(|(l, _)| l.as_str()).collect();
        let message = format!("{subject}\n\n{}\n", lines.join("\n"));
        git::succeeded(&git::run(&top, &["commit", "--quiet", "-m", &message, "--", &rel])?, "commit")?;
        done.push(Done::Committed(changes.len()));
    }
    Ok(())
}

/// The git remote a sync pulls from and pushes to.
struct Remote {
    name: String,
    branch: String,
    has_upstream: bool,
}

/// Pulls (the merge committed once its files read), runs `between`, commits what it changed,
/// and pushes.
fn pull_and_push(
    top: &Path,
    rel: &str,
    root: &Path,
    remote: Remote,
    between: &mut dyn FnMut(),
    mut done: Vec<Done>,
) -> Result<Synced, ShareError> {
    let (top, rel) = (top.to_path_buf(), rel.to_owned());
    let Remote { name: remote, branch, has_upstream } = remote;

    // What is wrong with the board before the pull: only what the pull adds is said after it.
    let known = board_problems(root);

    // 3. Pull, merging with the driver; the merge is committed only once its files read.
    let before = git::stdout_text(&git::run(&top, &["rev-parse", "HEAD"])?);
    let pull = if has_upstream {
        git::run(&top, &["pull", "--no-rebase", "--no-edit", "--no-commit"])?
    } else {
        git::run(&top, &["pull", "--no-rebase", "--no-edit", "--no-commit", &remote, &branch])?
    };
    let stderr = git::stderr_text(&pull);
    if git::merging(&top)? {
        finish_merge(&top, &rel, root, &stderr, &mut done)?;
    } else if !pull.status.success() {
        if git::unreachable_remote(&stderr) {
            return Err(stopped(&done, SyncStop::Offline { remote, pulling: true }));
        } else if !stderr.contains("couldn't find remote ref") {
            // (Not finding the remote branch is a first push.) Anything else is reported as is.
            return Err(stopped(&done, SyncStop::PullFailed(stderr)));
        }
    }
    let after = git::stdout_text(&git::run(&top, &["rev-parse", "HEAD"])?);
    let mut problems = Vec::new();
    if before != after {
        let pulled = git::paths_of(&git::run(&top, &["diff", "--name-only", &before, &after, "--", &rel])?);
        done.push(Done::Pulled(pulled.len()));
        // What the pull brought (a fast-forward is not merged here, so not checked above):
        // nothing of it is pushed again from here, and it is said.
        let files = unreadable_files(&top, root, &pulled);
        if !files.is_empty() {
            return Err(stopped(&done, SyncStop::Unreadable { at: UnreadableAt::Pull { remote }, files }));
        }
        if let Some(now) = board_problems(root) {
            let old = known.unwrap_or_default();
            problems = now.into_iter().filter(|p| !old.contains(p)).collect();
        }
    }

    // 4. The board's sync with its issue tracker, and its changes committed.
    between();
    commit_board(&top, &rel, root, &mut done)?;

    // 5. Push.
    let ahead = git::run(&top, &["rev-list", "--count", &format!("{remote}/{branch}..HEAD")])?;
    let needs_push = !ahead.status.success() || git::stdout_text(&ahead) != "0";
    if needs_push {
        // What the push would change on the remote, as the work tree holds it (the board's
        // changes were all committed above): a file committed here with plain git is checked
        // too, so nothing unreadable reaches the remote from here.
        let remote_ref = format!("{remote}/{branch}");
        let outgoing = if git::run(&top, &["rev-parse", "-q", "--verify", &remote_ref])?.status.success() {
            git::paths_of(&git::run(&top, &["diff", "--name-only", &remote_ref, "HEAD", "--", &rel])?)
        } else {
            git::paths_of(&git::run(&top, &["ls-files", "--", &rel])?)
        };
        let files = unreadable_files(&top, root, &outgoing);
        if !files.is_empty() {
            return Err(stopped(&done, SyncStop::Unreadable { at: UnreadableAt::Push, files }));
        }
        let push = if has_upstream {
            git::run(&top, &["push", "--quiet"])?
        } else {
            git::run(&top, &["push", "--quiet", "-u", &remote, &branch])?
        };
        if !push.status.success() {
            let stderr = git::stderr_text(&push);
            let why = if git::unreachable_remote(&stderr) {
                SyncStop::Offline { remote, pulling: false }
            } else {
                SyncStop::PushFailed(stderr)
            };
            return Err(stopped(&done, why));
        }
        done.push(Done::Pushed(remote.clone()));
    }
    Ok(Synced { done, remote: Some(remote), problems })
}
