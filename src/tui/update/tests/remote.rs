//! `Y`: a sync with the GitHub remote asked of the runtime, one at a time, and its outcome.

use super::*;
use crate::domain::{Origin, Remote, RemoteKind, ShortText};
use crate::tui::action::Outcome;
use crate::tui::testing::{fixture, key};

fn remote(repo: &str) -> Remote {
    Remote { kind: RemoteKind::GitHub, repo: repo.into(), status_labels: "status: ".into(), publish_new: false }
}

fn status(app: &App) -> (String, bool) {
    app.status.as_ref().map(|s| (s.text.clone(), s.error)).expect("a status")
}

#[test]
fn the_key_is_y_in_every_view() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, mut c) = fixture();
    let y = KeyEvent::new(KeyCode::Char('Y'), KeyModifiers::SHIFT);
    for view in [View::Board, View::Planning, View::Story, View::Metrics, View::Roadmap, View::Standup] {
        update(&mut app, Action::Show(view), &mut c);
        assert_eq!(app.keymap.resolve(app.context(), &y), Some(Action::RemoteSync), "{view:?}");
    }
}

#[test]
fn without_a_remote_it_says_how_to_add_one_and_asks_for_nothing() {
    let (mut app, mut c) = fixture();
    let effects = update(&mut app, Action::RemoteSync, &mut c);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.syncing, None);
    let (text, error) = status(&app);
    assert!(text.contains("`sprintboard remote add github OWNER/REPO`"), "{text}");
    assert!(!error);
}

#[test]
fn with_a_remote_it_asks_for_a_sync_and_a_second_press_waits_for_it() {
    let (mut app, mut c) = fixture();
    app.board_mut().file.remotes.push(remote("octo-org/octo-repo"));
    let effects = update(&mut app, Action::RemoteSync, &mut c);
    assert_eq!(effects, vec![Effect::RemoteSync { repo: "octo-org/octo-repo".into() }]);
    assert_eq!(app.syncing.as_deref(), Some("octo-org/octo-repo"));
    assert_eq!(status(&app).0, "Syncing with octo-org/octo-repo…");

    let again = update(&mut app, Action::RemoteSync, &mut c);
    assert!(again.is_empty(), "one sync at a time: {again:?}");
    let (text, _) = status(&app);
    assert!(text.contains("A sync with octo-org/octo-repo is running already"), "{text}");
    assert_eq!(app.syncing.as_deref(), Some("octo-org/octo-repo"));
}

#[test]
fn the_selected_story_s_remote_is_the_one_synced() {
    let (mut app, mut c) = fixture();
    app.board_mut().file.remotes.push(remote("octo-org/first"));
    app.board_mut().file.remotes.push(remote("octo-org/second"));
    let a = key(&app, "A");
    let story = app.board_mut().stories.get_mut(&ShortText::from(a.clone())).expect("story");
    story.origin = Some(Box::new(Origin { id: "github:octo-org/second#3".into(), fields: Default::default() }));
    crate::tui::update::select_key(&mut app, &a);
    let effects = update(&mut app, Action::RemoteSync, &mut c);
    assert_eq!(effects, vec![Effect::RemoteSync { repo: "octo-org/second".into() }]);
    // Another story, linked to nothing: the board's first remote.
    let b = key(&app, "B");
    crate::tui::update::select_key(&mut app, &b);
    app.syncing = None;
    let effects = update(&mut app, Action::RemoteSync, &mut c);
    assert_eq!(effects, vec![Effect::RemoteSync { repo: "octo-org/first".into() }]);
}

#[test]
fn the_outcome_shows_on_the_status_line_and_a_new_sync_may_start() {
    let (mut app, mut c) = fixture();
    app.board_mut().file.remotes.push(remote("octo-org/octo-repo"));
    update(&mut app, Action::RemoteSync, &mut c);
    let waiting = Outcome::RemoteSyncWaiting("octo-org/octo-repo: GitHub's rate limit: waiting 30 s".into());
    update(&mut app, Action::Done(Box::new(waiting)), &mut c);
    assert_eq!(status(&app), ("octo-org/octo-repo: GitHub's rate limit: waiting 30 s".into(), false));
    assert_eq!(app.syncing.as_deref(), Some("octo-org/octo-repo"), "still running");
    let at: jiff::Timestamp = "2026-11-20T09:30:00Z".parse().expect("time");
    let done = Outcome::RemoteSynced {
        repo: "octo-org/octo-repo".into(),
        text: "Synced with octo-org/octo-repo: SB-1 ← #4: brought in".into(),
        error: false,
        synced: Some(at),
    };
    update(&mut app, Action::Done(Box::new(done)), &mut c);
    assert_eq!(status(&app), ("Synced with octo-org/octo-repo: SB-1 ← #4: brought in".into(), false));
    assert_eq!(app.syncing, None);
    assert_eq!(app.synced.get("octo-org/octo-repo"), Some(&at));

    assert_eq!(update(&mut app, Action::RemoteSync, &mut c).len(), 1, "a new sync may start");
    let stopped = Outcome::RemoteSynced {
        repo: "Octo-Org/Octo-Repo".into(),
        text: "Sync with octo-org/octo-repo stopped: offline: nothing synced (connection refused)".into(),
        error: true,
        synced: None,
    };
    update(&mut app, Action::Done(Box::new(stopped)), &mut c);
    let (text, error) = status(&app);
    assert!(error && text.contains("offline: nothing synced"), "{text}");
    assert_eq!(app.syncing, None);
    assert_eq!(app.synced.get("octo-org/octo-repo"), Some(&at), "the last sync that ended is kept");
}

#[test]
fn the_times_read_at_start_are_kept_by_repository() {
    let (mut app, mut c) = fixture();
    let at: jiff::Timestamp = "2026-11-19T17:00:00Z".parse().expect("time");
    update(&mut app, Action::Done(Box::new(Outcome::SyncTimes(vec![("Octo-Org/Repo".into(), at)]))), &mut c);
    assert_eq!(app.synced.get("octo-org/repo"), Some(&at));
}
