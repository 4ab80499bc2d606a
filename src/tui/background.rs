//! What the runtime does off the UI thread: a sync with a GitHub remote, on a thread of its
//! own, so the network never holds up a key. The thread opens its own store on the board (to
//! it, the TUI is another process: what it writes comes back through the watcher), prints
//! nothing, and sends what it came to into the event loop's channel as an [`Outcome`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use super::action::Outcome;
use super::event::Event;
use crate::domain::{Board, Changes, Ctx};
use crate::remote::github::{Api, ApiError};
use crate::remote::sync::{self, Options, Report};
use crate::remote::{report, state};
use crate::store::Store;

/// Makes the client for `OWNER/REPO` (the real one reads the token and API address from the
/// environment; tests give their own), which tells [`Say`] when it waits for GitHub's rate limit.
pub type Connect = dyn Fn(&str, Say) -> Result<Box<dyn Api + Send>, ApiError> + Send + Sync;

/// Where a running sync says what it is waiting for.
pub type Say = Box<dyn FnMut(&str) + Send>;

/// The background work of a runtime, and where its outcomes go.
pub struct Jobs {
    tx: mpsc::Sender<Event>,
    /// The other end of `tx` until the event loop takes the outcomes (tests read it).
    rx: Option<mpsc::Receiver<Event>>,
    connect: Arc<Connect>,
}

impl Default for Jobs {
    fn default() -> Jobs {
        Jobs::with_connect(Arc::new(|repo, say| {
            let mut client = crate::remote::github::connect(repo)?;
            client.on_wait(say);
            Ok(Box::new(client) as Box<dyn Api + Send>)
        }))
    }
}

impl Jobs {
    /// Jobs whose clients `connect` makes.
    pub fn with_connect(connect: Arc<Connect>) -> Jobs {
        let (tx, rx) = mpsc::channel();
        Jobs { tx, rx: Some(rx), connect }
    }

    /// From now on a job's outcome goes to the event loop's channel.
    pub fn attach(&mut self, tx: mpsc::Sender<Event>) {
        self.tx = tx;
        self.rx = None;
    }

    /// The next outcome of a job, waiting up to `timeout`; none once [`Jobs::attach`]ed.
    pub fn next_outcome(&self, timeout: Duration) -> Option<Outcome> {
        match self.rx.as_ref()?.recv_timeout(timeout).ok()? {
            Event::Background(outcome) => Some(*outcome),
            _ => None,
        }
    }

    /// Starts a sync of the board at `root` with `repo`. What it comes to is sent when it
    /// ends; returned at once only when no thread could be started.
    pub fn remote_sync(&self, root: PathBuf, repo: String, ctx: &mut Ctx) -> Option<Outcome> {
        let tx = self.tx.clone();
        let connect = Arc::clone(&self.connect);
        let ctx = Ctx::new(ctx.now, ctx.user.clone(), ctx.rng.u64(..));
        let name = repo.clone();
        let spawned = std::thread::Builder::new().name("remote-sync".into()).spawn(move || {
            let (waiting, said_repo) = (tx.clone(), repo.clone());
            let say: Say = Box::new(move |text: &str| {
                let said = Outcome::RemoteSyncWaiting(format!("{said_repo}: {text}"));
                let _ = waiting.send(Event::Background(Box::new(said)));
            });
            let outcome = remote_sync(&root, &repo, &*connect, say, ctx);
            let _ = tx.send(Event::Background(Box::new(outcome)));
        });
        spawned.err().map(|e| stopped(&name, &format!("no thread to run it on: {e}"), None))
    }
}

/// One sync, as `sprintboard remote sync` runs it: only what changed since the last one is
/// read, and what it saw is remembered for the next.
fn remote_sync(root: &Path, repo: &str, connect: &Connect, say: Say, mut ctx: Ctx) -> Outcome {
    let (mut store, mut board) = match Store::open(root) {
        Ok(opened) => opened,
        Err(e) => return stopped(repo, &e.to_string(), None),
    };
    let mut api = match connect(repo, say) {
        Ok(api) => api,
        Err(e) => return stopped(repo, &e.to_string(), None),
    };
    let opts = Options { since: state::since(root, repo), ..Options::default() };
    let mut save = |b: &Board, c: &Changes| store.save(b, c).map_err(|e| e.to_string());
    match sync::sync(&mut board, repo, api.as_mut(), &opts, &mut ctx, &mut save) {
        Ok(report) => {
            if let Some(since) = &report.since {
                state::remember(root, repo, since);
            }
            let text = said(repo, &report);
            Outcome::RemoteSynced { repo: repo.to_owned(), text, error: false, synced: Some(jiff::Timestamp::now()) }
        }
        Err(s) => stopped(repo, &s.why.to_string(), Some(&s.report)),
    }
}

/// The report on one line: the CLI's lines, joined.
fn said(repo: &str, report: &Report) -> String {
    let text = report::render(repo, report, false);
    if report.is_quiet() && report.conflicts.is_empty() && report.skipped.is_empty() {
        // "Nothing to do: the board is in step with OWNER/REPO".
        return text.trim_end().to_owned();
    }
    format!("Synced with {repo}: {}", text.lines().collect::<Vec<_>>().join("; "))
}

/// A sync that stopped (or never started): why, after what it did before.
fn stopped(repo: &str, why: &str, before: Option<&Report>) -> Outcome {
    let mut text = format!("Sync with {repo} stopped: {why}");
    if let Some(report) = before.filter(|r| !r.is_quiet()) {
        let done = report::render(repo, report, false);
        text.push_str(&format!(" (done before: {})", done.lines().collect::<Vec<_>>().join("; ")));
    }
    Outcome::RemoteSynced { repo: repo.to_owned(), text, error: true, synced: None }
}
