//! A board kept in step with GitHub: each linked story's issue number on its card and in the
//! Story view's header, with when this clone last synced.

use super::draw;
use crate::domain::{Origin, Remote, RemoteKind, ShortText};
use crate::tui::action::{Action, View};
use crate::tui::state::App;
use crate::tui::testing::{ctx, fixture, key};
use crate::tui::update::update;

/// The fixture with a remote, A linked to its issue #1234 and D to #7, synced at 08:12 today.
fn linked() -> App {
    let (mut app, _) = fixture();
    let remote = Remote {
        kind: RemoteKind::GitHub,
        repo: "octo-org/octo-repo".into(),
        status_labels: "status: ".into(),
        publish_new: false,
    };
    app.board_mut().file.remotes.push(remote);
    for (title, n) in [("A", 1234), ("D", 7)] {
        let k = ShortText::from(key(&app, title));
        let story = app.board_mut().stories.get_mut(&k).expect("story");
        story.origin =
            Some(Box::new(Origin { id: format!("github:Octo-Org/octo-repo#{n}"), fields: Default::default() }));
    }
    app.synced.insert("octo-org/octo-repo".into(), "2026-11-20T08:12:00Z".parse().expect("time"));
    app.status = None;
    app
}

#[test]
fn linked_cards_show_their_issue_number_at_80x24_and_40x12() {
    let mut app = linked();
    insta::assert_snapshot!("linked_board_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("linked_board_40x12", draw(&mut app, 40, 12).backend());
}

#[test]
fn the_story_view_shows_the_issue_and_the_last_sync_at_80x24_and_40x12() {
    let mut app = linked();
    let a = key(&app, "A");
    crate::tui::update::select_key(&mut app, &a);
    update(&mut app, Action::Show(View::Story), &mut ctx());
    insta::assert_snapshot!("linked_story_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("linked_story_40x12", draw(&mut app, 40, 12).backend());
    // While a sync runs it says so; a remote never synced from this clone says that.
    app.syncing = Some("octo-org/octo-repo".into());
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("SB-JACZ #1234 · story · To Do · Sprint 1 · syncing…"), "{screen}");
    app.syncing = None;
    app.synced.insert("octo-org/octo-repo".into(), "2026-11-09T17:00:00Z".parse().expect("time"));
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("Sprint 1 · synced Nov 9 · Enter edits"), "an earlier day: {screen}");
    app.synced.clear();
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("Sprint 1 · not synced yet"), "{screen}");
}

#[test]
fn an_origin_of_another_repository_is_shown_as_it_was() {
    let mut app = linked();
    app.board_mut().file.remotes[0].repo = "someone/else".into();
    let a = key(&app, "A");
    crate::tui::update::select_key(&mut app, &a);
    update(&mut app, Action::Show(View::Story), &mut ctx());
    let screen = format!("{}", draw(&mut app, 120, 24).backend());
    assert!(screen.contains("SB-JACZ · story · To Do · Sprint 1 · from github:Octo-Org/octo-repo#1234"), "{screen}");
    update(&mut app, Action::Cancel, &mut ctx());
    update(&mut app, Action::Show(View::Board), &mut ctx());
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(!screen.contains("#1234"), "{screen}");
}
