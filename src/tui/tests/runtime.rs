//! The event loop's runtime against a real store: conflicts, refreshes, undo.

use crate::tui::testing::{key, on_disk};
use crate::tui::*;

/// Another process edits a story on disk while the TUI shows it; moving that story must not
/// overwrite the edit: the loop reads the board again and moves it on the fresh copy.
#[test]
fn a_conflicting_save_is_reapplied_on_the_fresh_board() {
    let (mut app, mut rt, _tmp) = on_disk();
    let root = rt.location.root.clone();
    let a = key(&app, "A");
    let path = rt.store.story_path(&a);
    let theirs = std::fs::read_to_string(&path).expect("read").replace("title: \"A\"", "title: \"A, renamed\"");
    std::fs::write(&path, theirs).expect("write");

    rt.dispatch(&mut app, Action::StatusNext);

    let (_, on_disk) = Store::open(&root).expect("open");
    let story = on_disk.story(&a).expect("story");
    assert_eq!(story.title, "A, renamed", "the other process's edit is kept");
    assert_eq!(story.status, "doing", "and the move is applied");
    assert_eq!(app.board().story(&a).map(|s| s.title.as_str()), Some("A, renamed"), "the screen shows both");
    assert_eq!(app.selected_key().as_deref(), Some(a.as_str()), "the selection stays on the story");
}

/// What another process does: its own store, its own change, saved.
fn elsewhere(
    rt: &Runtime,
    f: impl FnOnce(&mut crate::domain::Board, &mut crate::domain::Ctx) -> crate::domain::Changes,
) {
    let (mut store, mut board) = Store::open(&rt.location.root).expect("open");
    let mut c = crate::domain::Ctx::new("2026-11-21T09:00:00Z".parse().expect("time"), "bo", 9);
    let changes = f(&mut board, &mut c);
    store.save(&board, &changes).expect("their save");
}

/// `p`, clear the field, type one digit, Enter: through the runtime, saving for real.
fn set_points(app: &mut App, rt: &mut Runtime, digit: char) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    rt.dispatch(app, Action::Points);
    rt.dispatch(app, Action::Type(KeyEvent::from(KeyCode::Backspace)));
    rt.dispatch(app, Action::Type(KeyEvent::from(KeyCode::Char(digit))));
    rt.dispatch(app, Action::Confirm);
}

#[test]
fn an_edit_is_reapplied_over_a_change_to_another_field() {
    let (mut app, mut rt, _tmp) = on_disk();
    let a = key(&app, "A");
    elsewhere(&rt, |b, c| {
        b.edit_story(&a, crate::domain::Edit { title: Some("Theirs".into()), ..Default::default() }, c).expect("e")
    });
    set_points(&mut app, &mut rt, '8');
    let (_, disk) = Store::open(&rt.location.root).expect("open");
    let s = disk.story(&a).expect("story");
    assert_eq!((s.title.as_str(), s.points), ("Theirs", Some(8)), "both changes kept");
    assert!(
        app.status.as_ref().is_some_and(|s| s.text.contains("on top of a change made elsewhere")),
        "{:?}",
        app.status
    );
}

#[test]
fn an_edit_of_the_same_field_keeps_theirs_and_shows_ours() {
    let (mut app, mut rt, _tmp) = on_disk();
    let a = key(&app, "A");
    elsewhere(&rt, |b, c| {
        b.edit_story(&a, crate::domain::Edit { points: Some(Some(13)), ..Default::default() }, c).expect("e")
    });
    set_points(&mut app, &mut rt, '5');
    let (_, disk) = Store::open(&rt.location.root).expect("open");
    assert_eq!(disk.story(&a).and_then(|s| s.points), Some(13), "theirs is kept on disk");
    let status = app.status.clone().expect("status");
    assert!(
        status.error && status.text.contains("points also changed elsewhere") && status.text.contains("points 5"),
        "{status:?}"
    );
    assert_eq!(app.board().story(&a).and_then(|s| s.points), Some(13), "and shown");
}

#[test]
fn refresh_keeps_the_selection_and_follows_deletions() {
    let (mut app, mut rt, _tmp) = on_disk();
    let (a, b) = (key(&app, "A"), key(&app, "B"));
    rt.dispatch(&mut app, Action::Down); // B
    elsewhere(&rt, |bd, c| {
        bd.move_story(&b, &crate::domain::Move { position: crate::domain::Position::Top, ..Default::default() }, c)
            .expect("m")
    });
    assert!(rt.refresh(&mut app));
    assert_eq!(app.selected_key().as_deref(), Some(b.as_str()), "still on B, now first");
    assert_eq!(app.board_sel.row(0), 0);
    assert!(!rt.refresh(&mut app), "nothing more to read");

    rt.dispatch(&mut app, Action::Up);
    rt.dispatch(&mut app, Action::Down);
    rt.dispatch(&mut app, Action::Edit); // the Story view on A
    assert_eq!(app.editor.as_ref().map(|e| e.key.as_str()), Some(a.as_str()));
    elsewhere(&rt, |bd, _| bd.delete_story(&a).expect("d"));
    assert!(rt.refresh(&mut app));
    assert!(app.editor.is_none() && app.view == View::Board, "the Story view closes");
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("deleted elsewhere")));
}

#[test]
fn undo_does_not_overwrite_a_change_made_elsewhere() {
    let (mut app, mut rt, _tmp) = on_disk();
    let a = key(&app, "A");
    rt.dispatch(&mut app, Action::StatusNext);
    elsewhere(&rt, |bd, c| {
        bd.edit_story(&a, crate::domain::Edit { title: Some("Theirs".into()), ..Default::default() }, c).expect("e")
    });
    assert!(rt.refresh(&mut app));
    // The undo of A's move would put back an old title: `u` says so rather than "nothing".
    rt.dispatch(&mut app, Action::Undo);
    let status = app.status.clone().expect("status");
    assert_eq!(status.text, format!("{a} was changed elsewhere since; its undo was dropped"));
    let (_, disk) = Store::open(&rt.location.root).expect("open");
    assert_eq!(disk.story(&a).map(|s| (s.title.as_str(), s.status.as_str())), Some(("Theirs", "doing")));
    rt.dispatch(&mut app, Action::Undo);
    assert_eq!(app.status.map(|s| s.text), Some("Nothing to undo".into()));
}

#[test]
fn a_story_deleted_elsewhere_is_reported() {
    let (mut app, mut rt, _tmp) = on_disk();
    let a = key(&app, "A");
    std::fs::remove_file(rt.store.story_path(&a)).expect("delete");
    rt.dispatch(&mut app, Action::StatusNext);
    assert!(app.status.as_ref().is_some_and(|s| s.error && s.text.contains("deleted elsewhere")), "{:?}", app.status);
    assert!(app.board().story(&a).is_none());
    assert!(!rt.store.story_path(&a).exists(), "nothing was written back");
}

/// `sprintboard epic new X` in another shell rewrites board.ron: the undo of a move is kept.
#[test]
fn a_board_ron_changed_elsewhere_keeps_the_undo_of_a_move() {
    let (mut app, mut rt, _tmp) = on_disk();
    let a = key(&app, "A");
    rt.dispatch(&mut app, Action::StatusNext);
    elsewhere(&rt, |bd, _| {
        bd.new_epic("Payments", "").expect("epic");
        crate::domain::Changes { board: true, ..Default::default() }
    });
    assert!(rt.refresh(&mut app));
    assert!(app.board().file.epics.iter().any(|e| e.name == "Payments"), "their epic is shown");
    rt.dispatch(&mut app, Action::Undo);
    assert_eq!(app.status.as_ref().map(|s| s.text.clone()), Some(format!("Undone: {a} → In Progress")));
    let (_, disk) = Store::open(&rt.location.root).expect("open");
    assert_eq!(disk.story(&a).map(|s| s.status.as_str()), Some("todo"), "the undo is saved");
    assert!(disk.file.epics.iter().any(|e| e.name == "Payments"), "and their epic kept");
}

/// A move that meets a story changed elsewhere twice in a row is still made, on the third save.
#[test]
fn a_move_is_saved_after_repeated_conflicts() {
    let (mut app, mut rt, _tmp) = on_disk();
    let a = key(&app, "A");
    let effects = update(&mut app, Action::StatusNext, &mut rt.ctx);
    // Someone else rewrites A just before each of our first two saves.
    let path = rt.store.story_path(&a);
    let mut round = 0;
    let Some(Effect::Save { changes, op, .. }) = effects.first().cloned() else { panic!("{effects:?}") };
    let op = op.expect("a move is re-applied");
    let mut again = |b: &mut crate::domain::Board| {
        round += 1;
        if round < 2 {
            let text = std::fs::read_to_string(&path).expect("read").replace("title: \"A", "title: \"A+");
            std::fs::write(&path, text).expect("theirs");
        }
        op.apply(b, &mut crate::domain::Ctx::new("2026-11-20T09:00:00Z".parse().expect("t"), "ana", 1))
    };
    let text = std::fs::read_to_string(&path).expect("read").replace("title: \"A", "title: \"A+");
    std::fs::write(&path, text).expect("theirs");
    let result = retry::save(&mut rt.store, &rt.location.root, app.board(), &changes, Some(&mut again));
    let Ok(Saved::Again { board, .. }) = result else { panic!("{result:?}") };
    let s = board.story(&a).expect("A");
    assert_eq!((s.title.as_str(), s.status.as_str()), ("A++", "doing"), "both of theirs and the move");
}

/// The Standup timer's tick reaches the runtime like every other action: it goes through
/// `update`, and what `update` returns is carried out (for a tick: nothing to save, nothing
/// to report; the timer moves).
#[test]
fn a_tick_goes_through_update_and_the_runtime_carries_out_what_it_returns() {
    let (mut app, mut rt, _tmp) = on_disk();
    let root = rt.location.root.clone();
    rt.dispatch(&mut app, Action::Show(View::Standup));
    let before = std::fs::read_to_string(root.join("board.ron")).expect("board.ron");
    let mut expected = app.standup.clone();
    expected.seconds += 1;
    assert_eq!(rt.dispatch(&mut app, Action::Tick), Performed::default());
    assert_eq!(app.standup, expected, "the timer moved, nothing else");
    assert_eq!(std::fs::read_to_string(root.join("board.ron")).expect("board.ron"), before, "nothing written");
    // The same path carries out what an action asks for.
    assert!(rt.dispatch(&mut app, Action::Quit).quit);
}
