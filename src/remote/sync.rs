//! One two-way sync of a board with one GitHub repository, through [`Api`]: issues are brought
//! in as stories, linked stories and their issues exchange what changed on each side since the
//! last sync (field by field, three-way, against the hashes kept in the story's origin), and
//! comments go both ways once. Nothing prints; what happened is the [`Report`], and a sync that
//! stops part-way says why in [`Stopped`], with what it did before.
//!
//! This file is the order of the work; the values each side holds, in the board's terms, are in
//! `values`; one linked story's exchange in `story`; a new issue brought in or a story
//! published in `bring`; comments in `comments`.

mod bring;
mod comments;
mod story;
mod values;

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{Board, Changes, Ctx, OpError, Remote};
use crate::remote::github::{Api, ApiError, Issue, Milestone};

pub use values::{body_of, marker_of};

/// What a person asks of one sync.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Says what would change, and changes nothing anywhere.
    pub dry_run: bool,
    /// Brings in closed issues not linked to a story yet (else only open ones).
    pub include_closed: bool,
    /// Fields that changed on both sides where GitHub's value is taken.
    pub take_theirs: Vec<TakeTheirs>,
    /// The stories to publish as new issues now (`remote publish KEY`), as the board spells them.
    pub publish: Vec<String>,
    /// When the last sync of this clone saw the repository (GitHub's time): only the issues
    /// changed since are read. `None`: all of them.
    pub since: Option<String>,
}

/// `KEY` (every field in conflict) or `KEY.FIELD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakeTheirs {
    pub key: String,
    pub field: Option<String>,
}

impl TakeTheirs {
    /// `KEY` or `KEY.FIELD`, the field one the sync exchanges.
    pub fn parse(text: &str) -> Result<TakeTheirs, String> {
        let text = text.trim();
        match text.split_once('.') {
            None if !text.is_empty() => Ok(TakeTheirs { key: text.to_owned(), field: None }),
            Some((key, field)) if !key.is_empty() && SYNCED.contains(&field) => {
                Ok(TakeTheirs { key: key.to_owned(), field: Some(field.to_owned()) })
            }
            _ => Err(format!("{text:?} is not KEY or KEY.FIELD, FIELD one of {}", SYNCED.join(", "))),
        }
    }

    fn covers(&self, key: &str, field: &str) -> bool {
        self.key.eq_ignore_ascii_case(key) && self.field.as_deref().is_none_or(|f| f == field)
    }
}

/// The story fields a sync exchanges with an issue, by their names in the field table.
pub const SYNCED: [&str; 7] = ["title", "description", "acceptance", "labels", "assignee", "sprint", "status"];

/// A field changed on both sides since the last sync: the board's value is kept, not pushed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub key: String,
    pub number: u64,
    pub field: &'static str,
    pub ours: String,
    pub theirs: String,
}

/// What one sync did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Issues (and pull requests) GitHub listed as changed.
    pub listed: usize,
    pub pull_requests: usize,
    /// Closed issues not linked to a story, not brought in.
    pub closed_skipped: usize,
    /// New stories made from issues: key, issue number.
    pub brought_in: Vec<(String, u64)>,
    /// Stories found linked by the marker a publish left in an issue (a publish interrupted).
    pub relinked: Vec<(String, u64)>,
    /// Fields taken from GitHub: key, issue number, the fields.
    pub pulled: Vec<(String, u64, Vec<&'static str>)>,
    /// Fields sent to GitHub.
    pub pushed: Vec<(String, u64, Vec<&'static str>)>,
    /// Stories published as new issues.
    pub published: Vec<(String, u64)>,
    pub comments_in: usize,
    pub comments_out: usize,
    pub milestones_created: Vec<String>,
    pub sprints_created: Vec<String>,
    pub conflicts: Vec<Conflict>,
    /// Issues or stories left alone, and why.
    pub skipped: Vec<String>,
    /// What the next sync passes as [`Options::since`].
    pub since: Option<String>,
}

impl Report {
    /// Whether the sync changed (or would change) nothing on either side.
    pub fn is_quiet(&self) -> bool {
        self.brought_in.is_empty()
            && self.relinked.is_empty()
            && self.pulled.is_empty()
            && self.pushed.is_empty()
            && self.published.is_empty()
            && self.comments_in == 0
            && self.comments_out == 0
            && self.milestones_created.is_empty()
            && self.sprints_created.is_empty()
    }
}

/// Why a sync stopped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Why {
    #[error("no remote {0} on this board (`sprintboard remote add github {0}`)")]
    NoRemote(String),
    #[error("{0}")]
    Api(#[from] ApiError),
    #[error("{0}")]
    Board(#[from] OpError),
    #[error("the board could not be saved: {0}")]
    Save(String),
}

/// A sync that stopped part-way: what it did before (saved, story by story), and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{why}")]
pub struct Stopped {
    pub report: Box<Report>,
    pub why: Why,
}

/// Writes one story's (or the board's) changes as they are made, so that what was pushed is
/// recorded before the next story is exchanged.
pub type Save<'a> = &'a mut dyn FnMut(&Board, &Changes) -> Result<(), String>;

/// One sync's work in progress.
struct Sync<'a> {
    remote: Remote,
    api: &'a mut dyn Api,
    opts: &'a Options,
    ctx: &'a mut Ctx,
    save: Save<'a>,
    report: Report,
    /// The repository's milestones, read once when a sprint is first pushed.
    milestones: Option<Vec<Milestone>>,
}

/// Syncs `board` with its remote `repo` (`OWNER/REPO`). With `opts.dry_run` nothing is
/// written, on GitHub or through `save`: pass a copy of the board.
pub fn sync(
    board: &mut Board,
    repo: &str,
    api: &mut dyn Api,
    opts: &Options,
    ctx: &mut Ctx,
    save: Save<'_>,
) -> Result<Report, Stopped> {
    run(board, repo, api, opts, ctx, save, |run, board| run.all(board))
}

/// Publishes the story `key` (as the board spells it, linked to nothing) as a new issue of
/// `repo`: unless an issue made for it by a publish that was interrupted is found (by the
/// marker in its body, among the issues changed since the story was made), then that one is
/// linked.
pub fn publish(
    board: &mut Board,
    repo: &str,
    api: &mut dyn Api,
    key: &str,
    opts: &Options,
    ctx: &mut Ctx,
    save: Save<'_>,
) -> Result<Report, Stopped> {
    run(board, repo, api, opts, ctx, save, |run, board| run.one(board, key))
}

/// One run with `repo`'s settings: what it did, or why it stopped and what it did before.
fn run(
    board: &mut Board,
    repo: &str,
    api: &mut dyn Api,
    opts: &Options,
    ctx: &mut Ctx,
    save: Save<'_>,
    work: impl FnOnce(&mut Sync<'_>, &mut Board) -> Result<(), Why>,
) -> Result<Report, Stopped> {
    let Some(remote) = board.file.remote(repo).cloned() else {
        return Err(Stopped { report: Box::default(), why: Why::NoRemote(repo.to_owned()) });
    };
    let mut run = Sync { remote, api, opts, ctx, save, report: Report::default(), milestones: None };
    match work(&mut run, board) {
        Ok(()) => Ok(run.report),
        Err(why) => Err(Stopped { report: Box::new(run.report), why }),
    }
}

impl Sync<'_> {
    fn one(&mut self, board: &mut Board, key: &str) -> Result<(), Why> {
        let Some(story) = board.story(key) else { return Err(OpError::UnknownStory(key.to_owned()).into()) };
        if let Some(o) = &story.origin {
            return Err(Why::Board(OpError::Refused(format!("{key} is linked to {} already", o.id))));
        }
        let since = story.created.to_string();
        let issues = self.api.issues(Some(&since))?.unwrap_or_default();
        let made = issues.iter().find(|i| {
            i.pull_request.is_none() && marker_of(i.body.as_deref().unwrap_or_default()).is_some_and(|k| k == key)
        });
        match made {
            Some(issue) => {
                self.relink(board, key, issue.number)?;
                self.exchange(board, key, Some(issue))
            }
            None => self.publish(board, key),
        }
    }

    fn all(&mut self, board: &mut Board) -> Result<(), Why> {
        let listed = self.api.issues(self.opts.since.as_deref())?;
        let mut issues: Vec<Issue> = listed.unwrap_or_default();
        issues.sort_by_key(|i| i.number);
        self.report.listed = issues.len();
        self.report.since = issues.iter().map(|i| i.updated_at.clone()).max().max(self.opts.since.clone());
        let (prs, issues): (Vec<Issue>, Vec<Issue>) = issues.into_iter().partition(|i| i.pull_request.is_some());
        self.report.pull_requests = prs.len();

        // Each issue's story: linked by its origin, or by the marker a publish put in its body.
        let mut linked = self.linked(board);
        for issue in &issues {
            if linked.contains_key(&issue.number) {
                continue;
            }
            if let Some(key) = marker_of(issue.body.as_deref().unwrap_or_default())
                .and_then(|k| board.story(&k).map(|s| s.key.to_string()))
                .filter(|k| board.story(k).is_some_and(|s| s.origin.is_none()))
            {
                self.relink(board, &key, issue.number)?;
                linked.insert(issue.number, key);
            }
        }
        let fetched: BTreeSet<u64> = issues.iter().map(|i| i.number).collect();
        for issue in &issues {
            match linked.get(&issue.number) {
                Some(key) => self.exchange(board, key, Some(issue))?,
                None if issue.state == "open" || self.opts.include_closed => self.bring_in(board, issue)?,
                None => self.report.closed_skipped += 1,
            }
        }
        // Linked stories whose issue did not change: what changed here is pushed.
        let rest: Vec<(u64, String)> =
            linked.iter().filter(|(n, _)| !fetched.contains(n)).map(|(n, k)| (*n, k.clone())).collect();
        for (_, key) in rest {
            self.exchange(board, &key, None)?;
        }
        // A field in conflict is decided only with the issue at hand: the next sync must list
        // that issue again (else it would see "not changed on GitHub" and push the board's
        // value over GitHub's), so neither the time nor the ETag moves past it.
        let conflicted: BTreeSet<u64> = self.report.conflicts.iter().map(|c| c.number).collect();
        if let Some(oldest) =
            issues.iter().filter(|i| conflicted.contains(&i.number)).map(|i| i.updated_at.clone()).min()
        {
            self.report.since = Some(oldest);
        } else if !self.opts.dry_run {
            // Everything the listing said is on the board now: only from here may the client
            // keep its ETag for the next run (cut off before, the next run must list it all again).
            self.api.listing_recorded();
        }
        for key in self.to_publish(board) {
            self.publish(board, &key)?;
        }
        Ok(())
    }

    /// Issue number → key of each story linked to an issue of this repository.
    fn linked(&self, board: &Board) -> BTreeMap<u64, String> {
        board
            .stories
            .values()
            .filter_map(|s| {
                let n = self.remote.issue_of(&s.origin.as_ref()?.id)?;
                Some((n, s.key.to_string()))
            })
            .collect()
    }

    /// The stories to publish: those asked for, and with `publish_new` every story made here
    /// (linked to nothing) that is not finished.
    fn to_publish(&self, board: &Board) -> Vec<String> {
        let done = board.file.done_column().map(|c| c.id.clone());
        let mut keys: Vec<String> = self.opts.publish.clone();
        if self.remote.publish_new {
            keys.extend(
                board
                    .stories
                    .values()
                    .filter(|s| s.origin.is_none() && Some(&s.status) != done.as_ref())
                    .map(|s| s.key.to_string()),
            );
        }
        let mut seen = BTreeSet::new();
        keys.retain(|k| seen.insert(k.clone()) && board.story(k).is_some_and(|s| s.origin.is_none()));
        keys
    }

    /// Saves what one step changed (not on a dry run).
    fn keep(&mut self, board: &Board, changes: &Changes) -> Result<(), Why> {
        if self.opts.dry_run || changes.is_empty() {
            return Ok(());
        }
        (self.save)(board, changes).map_err(Why::Save)
    }

    /// Counts a write to GitHub about to be made; `false` on a dry run (then it is not made).
    fn writes(&self) -> bool {
        !self.opts.dry_run
    }
}

#[cfg(test)]
mod tests;
