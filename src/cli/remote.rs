//! `sprintboard remote add|list|remove|publish|sync`: the GitHub repository a board is kept in
//! step with. The settings live in board.ron; the sync itself is `remote::sync`, which this
//! file calls and whose report it prints.

use std::path::Path;

use super::CliError;
use super::args::{RemoteCommand, RemoteSyncArgs};
use super::session::{self, Session};
use crate::domain::model::check_repo;
use crate::domain::{Changes, OpError, Remote, RemoteKind};
use crate::remote::github::{Api, ApiError};
use crate::remote::report::render;
use crate::remote::state;
use crate::remote::sync::{self, Options, Report, Stopped, TakeTheirs};

/// The GitHub client for `repo`, with the token and API address of this environment; a wait
/// for GitHub's rate limit is said on standard error as it starts.
fn connect_github(repo: &str) -> Result<Box<dyn Api>, ApiError> {
    let mut client = crate::remote::github::connect(repo)?;
    client.on_wait(Box::new(|said: &str| eprintln!("sprintboard: {said}")));
    Ok(Box::new(client))
}

pub fn remote(board: Option<&Path>, cmd: RemoteCommand) -> Result<(), CliError> {
    match cmd {
        RemoteCommand::Add { kind: _, repo, status_labels, publish_new } => {
            add(board, &repo, status_labels, publish_new)
        }
        RemoteCommand::List => list(board),
        RemoteCommand::Remove { repo } => remove(board, &repo),
        RemoteCommand::Publish { key, which } => publish(board, &key, which.repo.as_deref()),
        RemoteCommand::Sync(args) => sync_command(board, &args),
    }
}

fn add(board: Option<&Path>, repo: &str, status_labels: String, publish_new: bool) -> Result<(), CliError> {
    let repo = repo.trim();
    check_repo(repo).map_err(CliError::bad)?;
    crate::domain::ops::check_controls("status label prefix", &status_labels)?;
    if status_labels.trim().is_empty() {
        return Err(CliError::bad("the status label prefix is empty: every label would be a column"));
    }
    let mut s = session::open_existing(board, false)?;
    let remote = Remote { kind: RemoteKind::GitHub, repo: repo.to_owned(), status_labels, publish_new };
    s.apply(|b, _| {
        if let Some(r) = b.file.remote(repo) {
            return Err(OpError::Refused(format!("the board syncs with {} already", r.repo)));
        }
        let prior = b.file.clone();
        b.file.remotes.push(remote.clone());
        Ok(((), Changes::board(prior)))
    })?;
    println!("Added the remote github {repo}: `sprintboard remote sync` syncs the board with its issues");
    s.end();
    Ok(())
}

fn list(board: Option<&Path>) -> Result<(), CliError> {
    let s = session::open_existing(board, true)?;
    if s.board.file.remotes.is_empty() {
        println!("No remotes (`sprintboard remote add github OWNER/REPO` adds one)");
    }
    for r in &s.board.file.remotes {
        let publish = if r.publish_new { "new stories published" } else { "new stories not published" };
        println!("github {}  status labels {:?}  {publish}", r.repo, r.status_labels);
    }
    s.end();
    Ok(())
}

fn remove(board: Option<&Path>, repo: &str) -> Result<(), CliError> {
    let mut s = session::open_existing(board, false)?;
    let removed = s.apply(|b, _| {
        let Some(at) = b.file.remotes.iter().position(|r| r.repo.eq_ignore_ascii_case(repo.trim())) else {
            return Err(OpError::Refused(format!("no remote {} on this board", repo.trim())));
        };
        let prior = b.file.clone();
        let r = b.file.remotes.remove(at);
        Ok((r.repo, Changes::board(prior)))
    })?;
    println!("Removed the remote github {removed} (its linked stories keep their link)");
    s.end();
    Ok(())
}

/// The remote meant: `repo` when given, else the board's only one.
fn which(s: &Session, repo: Option<&str>) -> Result<String, CliError> {
    let remotes = &s.board.file.remotes;
    match repo {
        Some(r) => s
            .board
            .file
            .remote(r.trim())
            .map(|r| r.repo.clone())
            .ok_or_else(|| CliError::refused(format!("no remote {} on this board", r.trim()))),
        None => match remotes.as_slice() {
            [] => Err(CliError::refused("no remote: `sprintboard remote add github OWNER/REPO` adds one")),
            [one] => Ok(one.repo.clone()),
            _ => Err(CliError::refused("the board has several remotes: say which with --repo OWNER/REPO")),
        },
    }
}

fn publish(board: Option<&Path>, key: &str, repo: Option<&str>) -> Result<(), CliError> {
    let mut s = session::open_existing(board, false)?;
    let repo = which(&s, repo)?;
    let key = s.board.resolve_key(key)?;
    let mut api = connect_github(&repo).map_err(|e| CliError::refused(e.to_string()))?;
    let opts = Options::default();
    let Session { store, board: b, ctx, .. } = &mut s;
    let mut save = |b: &crate::domain::Board, c: &Changes| store.save(b, c).map_err(|e| e.to_string());
    let result = sync::publish(b, &repo, api.as_mut(), &key, &opts, ctx, &mut save);
    let outcome = said(&repo, result, false);
    s.end();
    outcome
}

fn sync_command(board: Option<&Path>, args: &RemoteSyncArgs) -> Result<(), CliError> {
    let take_theirs =
        args.take_theirs.iter().map(|t| TakeTheirs::parse(t)).collect::<Result<Vec<_>, _>>().map_err(CliError::bad)?;
    let mut s = session::open_existing(board, args.dry_run)?;
    let repo = which(&s, args.which.repo.as_deref())?;
    let opts = Options {
        dry_run: args.dry_run,
        include_closed: args.include_closed,
        take_theirs,
        publish: Vec::new(),
        since: None,
    };
    let outcome = said(&repo, run_sync(&mut s, &repo, opts), args.dry_run);
    s.end();
    outcome
}

/// One sync of the session's board with `repo`; what it did is remembered for the next.
fn run_sync(s: &mut Session, repo: &str, mut opts: Options) -> Result<Report, Stopped> {
    let root = s.location.root.clone();
    opts.since = state::since(&root, repo);
    let mut api = connect_github(repo).map_err(|e| Stopped { report: Box::default(), why: e.into() })?;
    let result = if opts.dry_run {
        let mut copy = s.board.clone();
        sync::sync(&mut copy, repo, api.as_mut(), &opts, &mut s.ctx, &mut |_, _| Ok(()))
    } else {
        let Session { store, board, ctx, .. } = s;
        let mut save = |b: &crate::domain::Board, c: &Changes| store.save(b, c).map_err(|e| e.to_string());
        sync::sync(board, repo, api.as_mut(), &opts, ctx, &mut save)
    };
    if let (Ok(report), false) = (&result, opts.dry_run)
        && let Some(since) = &report.since
    {
        state::remember(&root, repo, since);
    }
    result
}

/// Prints what a sync did; one that stopped is an error (exit 1) after what it did before.
fn said(repo: &str, result: Result<Report, Stopped>, dry_run: bool) -> Result<(), CliError> {
    match result {
        Ok(report) => {
            print!("{}", render(repo, &report, dry_run));
            Ok(())
        }
        Err(stopped) => {
            if !stopped.report.is_quiet() {
                print!("{}", render(repo, &stopped.report, dry_run));
            }
            Err(CliError::refused(stopped.why.to_string()))
        }
    }
}

/// The remote sync `sprintboard sync` runs between the pull and the push, for each remote of
/// the board at `root`: what each printed, and the first failure.
pub fn between(board: Option<&Path>) -> Result<(), CliError> {
    let mut s = session::open_existing(board, false)?;
    let repos: Vec<String> = s.board.file.remotes.iter().map(|r| r.repo.clone()).collect();
    let mut first_error = None;
    for repo in repos {
        let result = run_sync(&mut s, &repo, Options::default());
        if let Err(e) = said(&repo, result, false) {
            first_error.get_or_insert(CliError::refused(format!("{repo}: {}", e.message)));
        }
    }
    s.end();
    first_error.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests;
