//! `Y` through the runtime: the sync runs on a thread of its own and its outcome comes back as
//! an outcome for `update`; against a server that is not there, nothing on the board changes.

use std::sync::Arc;
use std::time::Duration;

use crate::domain::{Changes, Remote, RemoteKind};
use crate::remote::github::{Api, connect_with};
use crate::tui::background::Jobs;
use crate::tui::testing::on_disk;
use crate::tui::*;

/// Every file of the board, by path, with its text.
fn files(root: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out: Vec<_> =
        walkdir(root).into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap_or_default())).collect();
    out.sort();
    out
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() { out.extend(walkdir(&path)) } else { out.push(path) }
    }
    out
}

#[test]
fn a_sync_against_a_dead_server_says_offline_and_changes_nothing() {
    let (mut app, mut rt, _tmp) = on_disk();
    let root = rt.location.root.clone();
    // The remote, added by another process (as `sprintboard remote add` does), read by the TUI.
    let (mut store, mut board) = Store::open(&root).expect("open");
    let prior = board.file.clone();
    let remote = Remote {
        kind: RemoteKind::GitHub,
        repo: "octo-org/octo-repo".into(),
        status_labels: "status: ".into(),
        publish_new: false,
    };
    board.file.remotes.push(remote);
    store.save(&board, &Changes::board(prior)).expect("save");
    rt.refresh(&mut app);
    assert_eq!(app.board().file.remotes.len(), 1);
    // The environment of this test only: nothing listens on port 1.
    rt.jobs = Jobs::with_connect(Arc::new(|repo, _say| {
        let env = |name: &str| match name {
            "GITHUB_API_URL" => Some("http://127.0.0.1:1".into()),
            "GITHUB_TOKEN" => Some("x".into()),
            _ => None,
        };
        Ok(Box::new(connect_with(repo, &env)?) as Box<dyn Api + Send>)
    }));
    let before = files(&root);

    let done = rt.dispatch(&mut app, Action::RemoteSync);
    assert!(!done.reported, "the key returns at once: the sync runs in the background");
    assert_eq!(app.syncing.as_deref(), Some("octo-org/octo-repo"));

    let outcome = rt.jobs.next_outcome(Duration::from_secs(60)).expect("the sync ends");
    let Outcome::RemoteSynced { repo, text, error, synced } = outcome.clone() else { panic!("{outcome:?}") };
    assert_eq!(repo, "octo-org/octo-repo");
    assert!(text.starts_with("Sync with octo-org/octo-repo stopped: offline: nothing synced"), "{text}");
    assert!(error);
    assert_eq!(synced, None);

    rt.dispatch(&mut app, Action::Done(Box::new(outcome)));
    let status = app.status.as_ref().expect("status");
    assert!(status.error && status.text.contains("offline: nothing synced"), "{}", status.text);
    assert_eq!(app.syncing, None, "another sync may start");
    assert_eq!(files(&root), before, "no file changed");
}
