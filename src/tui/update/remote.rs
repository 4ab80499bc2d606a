//! `Y`: a sync with the board's GitHub remote, run by the runtime in the background (one at a
//! time), and what it came to on the status line.

use super::Effect;
use crate::tui::state::App;

/// Asks for a sync with the remote of the selected story (else the board's first remote).
pub(super) fn start(app: &mut App) -> Vec<Effect> {
    if let Some(repo) = &app.syncing {
        let text = format!("A sync with {repo} is running already: its outcome shows here when it ends");
        app.info(text);
        return Vec::new();
    }
    let key = app.selected_key();
    let linked = key.and_then(|k| app.board().story(&k).and_then(|s| app.linked_issue(s)).map(|(r, _)| r.repo.clone()));
    let repo = match linked.or_else(|| app.board().file.remotes.first().map(|r| r.repo.clone())) {
        Some(repo) => repo,
        None => {
            app.info("No remote to sync with: `sprintboard remote add github OWNER/REPO` adds one");
            return Vec::new();
        }
    };
    app.info(format!("Syncing with {repo}…"));
    app.syncing = Some(repo.clone());
    vec![Effect::RemoteSync { repo }]
}

/// The sync ended: what it did, or why it stopped.
pub(super) fn ended(app: &mut App, repo: String, text: String, error: bool, synced: Option<jiff::Timestamp>) {
    if app.syncing.as_ref().is_some_and(|r| r.eq_ignore_ascii_case(&repo)) {
        app.syncing = None;
    }
    if let Some(at) = synced {
        app.synced.insert(repo.to_lowercase(), at);
    }
    if error { app.error(text) } else { app.info(text) }
}

/// When each remote was last synced, as the runtime read it.
pub(super) fn times(app: &mut App, times: Vec<(String, jiff::Timestamp)>) {
    for (repo, at) in times {
        app.synced.insert(repo.to_lowercase(), at);
    }
}
