//! What the runtime reports back, applied by `update`: refreshes, saves that met someone
//! else's change or failed, pastes; and random input bytes through the decoder and `update`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{Board, Edit, Move};
use crate::store::Refresh;
use crate::tui::action::Outcome;
use crate::tui::state::{Field, Popup, PromptKind};
use crate::tui::testing::{fixture, key};
use crate::tui::update::*;

fn done(o: Outcome) -> Action {
    Action::Done(Box::new(o))
}

fn status(app: &App) -> (String, bool) {
    app.status.as_ref().map(|s| (s.text.clone(), s.error)).unwrap_or_default()
}

/// What another process does to a copy of the board.
fn elsewhere(app: &App, f: impl FnOnce(&mut Board, &mut Ctx)) -> Board {
    let mut other = app.board().clone();
    let mut c = Ctx::new("2026-11-20T10:00:00Z".parse().expect("time"), "bo", 7);
    f(&mut other, &mut c);
    other
}

fn edit_title(b: &mut Board, c: &mut Ctx, key: &str, title: &str) {
    b.edit_story(key, Edit { title: Some(title.into()), ..Edit::default() }, c).expect("edit");
}

#[test]
fn a_refresh_keeps_the_undo_entries_it_does_not_touch() {
    let (mut app, mut c) = fixture();
    let (a, f) = (key(&app, "A"), key(&app, "F"));
    update(&mut app, Action::StatusNext, &mut c); // A → In Progress
    let theirs = elsewhere(&app, |b, c| edit_title(b, c, &f, "F, theirs"));
    let story = theirs.story(&f).cloned().expect("F");
    let report = Refresh { changed: vec![story], ..Refresh::default() };
    update(&mut app, done(Outcome::Refreshed(Box::new(report))), &mut c);
    assert_eq!(app.board().story(&f).map(|s| s.title.as_str()), Some("F, theirs"));
    assert!(status(&app).0.contains(&format!("Updated from disk: {f}")));
    // A's move is still undoable: F is not part of it.
    let effects = update(&mut app, Action::Undo, &mut c);
    assert_eq!(effects.len(), 1, "{:?}", app.status);
    assert_eq!(app.board().story(&a).map(|s| s.status.as_str()), Some("todo"));
}

#[test]
fn a_new_board_ron_keeps_undo_entries_of_stories_alone() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::StatusNext, &mut c);
    let theirs = elsewhere(&app, |b, _| {
        b.new_epic("Checkout", "").expect("epic");
    });
    let report = Refresh { board: Some(Box::new(theirs)), ..Refresh::default() };
    update(&mut app, done(Outcome::Refreshed(Box::new(report))), &mut c);
    assert!(app.board().file.epics.iter().any(|e| e.name == "Checkout"));
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(status(&app), (format!("Undone: {a} → In Progress"), false));
}

#[test]
fn a_refresh_that_touches_an_entry_drops_it_and_u_says_so() {
    let (mut app, mut c) = fixture();
    let (a, b) = (key(&app, "A"), key(&app, "B"));
    update(&mut app, Action::StatusNext, &mut c); // A → In Progress
    update(&mut app, Action::Left, &mut c);
    select_key(&mut app, &b);
    update(&mut app, Action::StatusNext, &mut c); // B → In Progress
    let theirs = elsewhere(&app, |bd, c| edit_title(bd, c, &a, "A, theirs"));
    let report = Refresh { changed: vec![theirs.story(&a).cloned().expect("A")], ..Refresh::default() };
    update(&mut app, done(Outcome::Refreshed(Box::new(report))), &mut c);
    // B's move (the last) undoes as usual; then A's says why it cannot, never "nothing".
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(status(&app).0, format!("Undone: {b} → In Progress"));
    let effects = update(&mut app, Action::Undo, &mut c);
    assert!(effects.is_empty(), "nothing is written over their change");
    assert_eq!(status(&app).0, format!("{a} was changed elsewhere since; its undo was dropped"));
    assert_eq!(app.board().story(&a).map(|s| (s.title.as_str(), s.status.as_str())), Some(("A, theirs", "doing")));
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(status(&app).0, "Nothing to undo");
}

#[test]
fn a_save_reapplied_over_their_change_shows_both_and_stays_undoable() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    let effects = update(&mut app, Action::StatusNext, &mut c);
    let [Effect::Save { op: Some(op), .. }] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(
        **op,
        crate::domain::Op::Move { key: a.clone(), mv: Move { status: Some("doing".into()), ..Move::default() } },
        "the save carries the move itself, not the key that asked for it"
    );
    // What the runtime does on a conflict: their rename, and the move made again on it.
    let mut fresh = elsewhere(&app, |b, c| {
        b.move_story(&a, &Move { status: Some("todo".into()), ..Move::default() }, c).expect("back");
        edit_title(b, c, &a, "A, theirs");
    });
    let changes = op.apply(&mut fresh, &mut c).expect("again");
    let outcome = Outcome::SaveReapplied {
        board: Box::new(fresh),
        changes: Box::new(changes),
        key: a.clone(),
        stack: crate::tui::action::Stack::Undo,
    };
    update(&mut app, done(outcome), &mut c);
    let s = app.board().story(&a).expect("A");
    assert_eq!((s.title.as_str(), s.status.as_str()), ("A, theirs", "doing"));
    assert!(status(&app).0.contains("saved on top of a change made elsewhere"), "{:?}", status(&app));
    assert_eq!(app.selected_key().as_deref(), Some(a.as_str()), "the selection follows the story");
    // Undo puts back their version, not the one the move was first made on.
    update(&mut app, Action::Undo, &mut c);
    let s = app.board().story(&a).expect("A");
    assert_eq!((s.title.as_str(), s.status.as_str()), ("A, theirs", "todo"));
}

#[test]
fn a_save_conflict_shows_theirs_and_the_change_is_not_undoable() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Points, &mut c);
    update(&mut app, Action::Type(KeyEvent::new(KeyCode::Char('8'), KeyModifiers::NONE)), &mut c);
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(app.undo.len(), 1);
    let theirs = elsewhere(&app, |b, c| {
        b.edit_story(&a, Edit { points: Some(Some(13)), ..Edit::default() }, c).expect("e");
    });
    let outcome = Outcome::SaveConflict {
        board: Box::new(theirs),
        key: a.clone(),
        reason: Some(format!("{a}: points also changed elsewhere; theirs is kept. Yours was: points 8")),
        stack: crate::tui::action::Stack::Undo,
    };
    update(&mut app, done(outcome), &mut c);
    assert_eq!(app.board().story(&a).and_then(|s| s.points), Some(13));
    let (text, error) = status(&app);
    assert!(error && text.contains("points 8"), "{text}");
    assert!(app.undo.is_empty(), "what was not saved cannot be undone");
}

#[test]
fn a_failed_save_reads_the_board_again_and_says_so() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    let disk = app.board().clone();
    update(&mut app, Action::StatusNext, &mut c);
    let outcome = Outcome::SaveFailed {
        board: Some(Box::new(disk)),
        message: "stories/SB-X.ron: Permission denied".into(),
        stack: crate::tui::action::Stack::Undo,
    };
    update(&mut app, done(outcome), &mut c);
    assert_eq!(app.board().story(&a).map(|s| s.status.as_str()), Some("todo"), "the disk's version");
    let (text, error) = status(&app);
    assert!(error && text.starts_with("Not saved: stories/SB-X.ron: Permission denied"), "{text}");
    assert!(app.undo.is_empty());
    // Without a board to show, what is in memory stays.
    update(&mut app, Action::StatusNext, &mut c);
    let outcome =
        Outcome::SaveFailed { board: None, message: "disk full".into(), stack: crate::tui::action::Stack::Undo };
    update(&mut app, done(outcome), &mut c);
    assert_eq!(status(&app), ("Not saved: disk full".into(), true));
}

#[test]
fn a_paste_is_typed_into_the_field_in_use_and_runs_nothing_elsewhere() {
    let (mut app, mut c) = fixture();
    let files = app.board().clone();
    assert!(update(&mut app, Action::Paste("GLd\ry".into()), &mut c).is_empty());
    assert_eq!(app.board(), &files, "a paste on the board is not keys");
    update(&mut app, Action::NewStory, &mut c);
    update(&mut app, Action::Paste("Guest checkout\r\nGuest users buy".into()), &mut c);
    let Some(Popup::Prompt(p)) = &app.popup else { panic!("prompt closed") };
    assert_eq!(p.text(), "Guest checkout Guest users buy");
    assert!(matches!(p.kind, PromptKind::NewStory { .. }));
    update(&mut app, Action::Cancel, &mut c);
    // The Story view: nothing is pasted into a field that is not being edited.
    update(&mut app, Action::Edit, &mut c);
    let shown = app.board().clone();
    assert!(update(&mut app, Action::Paste("New\ntitle".into()), &mut c).is_empty());
    assert_eq!(app.board(), &shown);
    assert!(status(&app).0.contains("edits the field"), "{:?}", status(&app));
    // Edited, a one-line field joins the lines, the description keeps them.
    update(&mut app, Action::Edit, &mut c);
    update(&mut app, Action::Paste("New\ntitle".into()), &mut c);
    let field = |app: &App, f: Field| {
        app.editor
            .as_ref()
            .and_then(|e| e.fields.iter().find(|(g, _)| *g == f))
            .map(|(_, t)| t.lines().join("\n"))
            .unwrap_or_default()
    };
    assert_eq!(field(&app, Field::Title), "New title", "the selected title is replaced");
    while app.editor.as_ref().map(|e| e.fields[e.focus].0) != Some(Field::Description) {
        update(&mut app, Action::NextField, &mut c);
    }
    update(&mut app, Action::Paste("one\r\ntwo".into()), &mut c);
    assert_eq!(field(&app, Field::Description), "one\ntwo");
}

/// `key` changed elsewhere by `f`, and the TUI told (as the watcher does).
fn changed_elsewhere(app: &mut App, c: &mut Ctx, key: &str, f: impl FnOnce(&mut Board, &mut Ctx)) {
    let theirs = elsewhere(app, f);
    let report = Refresh { changed: vec![theirs.story(key).cloned().expect("story")], ..Refresh::default() };
    update(app, done(Outcome::Refreshed(Box::new(report))), c);
}

fn field_text(app: &App, f: Field) -> String {
    app.editor
        .as_ref()
        .and_then(|e| e.fields.iter().find(|(g, _)| *g == f))
        .map(|(_, t)| t.lines().join("\n"))
        .unwrap_or_default()
}

fn theirs_shown(app: &App) -> Option<String> {
    app.editor.as_ref().and_then(|e| e.editing.as_ref()).and_then(|e| e.theirs.clone())
}

#[test]
fn a_view_key_in_the_story_view_never_changes_a_field() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Show(View::Story), &mut c);
    assert_eq!(app.view, View::Story);
    // `1` is the Board's key here as everywhere: the title is not replaced by "1".
    let pressed = |app: &App, ch: char| {
        crate::tui::action_for(
            app,
            &ratatui::crossterm::event::Event::Key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)),
        )
    };
    assert_eq!(pressed(&app, '1'), Some(Action::Show(View::Board)));
    assert_eq!(pressed(&app, ':'), Some(Action::Jump));
    assert_eq!(pressed(&app, '?'), Some(Action::Help));
    assert_eq!(pressed(&app, 'q'), Some(Action::Quit));
    assert_eq!(pressed(&app, 'x'), None, "nothing is typed while browsing");
    update(&mut app, Action::Show(View::Board), &mut c);
    update(&mut app, Action::Show(View::Story), &mut c);
    assert_eq!(app.board().story(&a).map(|s| s.title.as_str()), Some("A"));
    // Editing, `1` is text; Esc saves the field; the second Esc goes back.
    update(&mut app, Action::Edit, &mut c);
    assert_eq!(pressed(&app, '1'), Some(Action::Type(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE))));
}

#[test]
fn a_field_changed_elsewhere_while_edited_shows_theirs_and_saving_asks() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Show(View::Story), &mut c);
    update(&mut app, Action::Edit, &mut c);
    for ch in "Mine".chars() {
        update(&mut app, Action::Type(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)), &mut c);
    }
    // Meanwhile: the title and the points change elsewhere.
    let aa = a.clone();
    changed_elsewhere(&mut app, &mut c, &a, move |b, c| {
        edit_title(b, c, &aa, "Theirs");
        b.edit_story(&aa, Edit { points: Some(Some(13)), ..Edit::default() }, c).expect("points");
    });
    assert_eq!(field_text(&app, Field::Points), "13", "a field not being edited shows theirs at once");
    assert_eq!(field_text(&app, Field::Title), "Mine", "what is typed stays");
    assert_eq!(theirs_shown(&app).as_deref(), Some("Theirs"));
    assert!(status(&app).0.contains("changed elsewhere"), "{:?}", status(&app));
    // Tab asks; Esc goes back to the field.
    assert!(update(&mut app, Action::NextField, &mut c).is_empty());
    assert!(matches!(&app.popup, Some(Popup::Clash(cl)) if cl.mine == "Mine" && cl.theirs == "Theirs"));
    assert_eq!(app.context(), crate::tui::keymap::Context::Clash);
    update(&mut app, Action::Cancel, &mut c);
    assert!(app.popup.is_none());
    assert_eq!(app.board().story(&a).map(|s| s.title.as_str()), Some("Theirs"));
    // Keep mine: saved, the history keeps theirs, the focus goes on; undo gives theirs back.
    update(&mut app, Action::NextField, &mut c);
    let effects = update(&mut app, Action::KeepMine, &mut c);
    assert_eq!(effects.iter().filter(|e| matches!(e, Effect::Save { .. })).count(), 1);
    let story = app.board().story(&a).cloned().expect("A");
    assert_eq!(story.title, "Mine");
    assert!(story.history.iter().any(|e| matches!(&e.change,
        crate::domain::Change::Overwrote { field, theirs } if field == "title" && theirs == "Theirs")));
    assert_eq!(app.editor.as_ref().map(|e| e.fields[e.focus].0), Some(Field::Points));
    update(&mut app, Action::Cancel, &mut c);
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(app.board().story(&a).map(|s| s.title.as_str()), Some("Theirs"));
    assert_eq!(field_text(&app, Field::Title), "Theirs", "the view shows what undo left");
}

#[test]
fn taking_theirs_saves_nothing_and_says_what_mine_was() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Show(View::Story), &mut c);
    update(&mut app, Action::NextField, &mut c); // Points
    update(&mut app, Action::Edit, &mut c);
    update(&mut app, Action::Type(KeyEvent::new(KeyCode::Char('8'), KeyModifiers::NONE)), &mut c);
    let aa = a.clone();
    changed_elsewhere(&mut app, &mut c, &a, move |b, c| {
        b.edit_story(&aa, Edit { points: Some(Some(13)), ..Edit::default() }, c).expect("points");
    });
    assert_eq!(theirs_shown(&app).as_deref(), Some("13"));
    update(&mut app, Action::Cancel, &mut c);
    assert!(matches!(app.popup, Some(Popup::Clash(_))));
    assert!(update(&mut app, Action::TakeTheirs, &mut c).is_empty(), "nothing written");
    assert_eq!(app.board().story(&a).and_then(|s| s.points), Some(13));
    assert_eq!(field_text(&app, Field::Points), "13");
    assert!(app.editor.as_ref().is_some_and(|e| e.editing.is_none()), "browsing again");
    assert!(status(&app).0.contains("yours was \"8\""), "{:?}", status(&app));
}

#[test]
fn a_change_elsewhere_to_what_was_typed_is_no_clash() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Show(View::Story), &mut c);
    update(&mut app, Action::Edit, &mut c);
    for ch in "Same".chars() {
        update(&mut app, Action::Type(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)), &mut c);
    }
    let aa = a.clone();
    changed_elsewhere(&mut app, &mut c, &a, move |b, c| edit_title(b, c, &aa, "Same"));
    assert_eq!(theirs_shown(&app), None);
    update(&mut app, Action::NextField, &mut c);
    assert!(app.popup.is_none());
    assert_eq!(app.board().story(&a).map(|s| s.title.as_str()), Some("Same"));
}

#[test]
fn a_points_prompt_on_a_story_changed_elsewhere_asks_before_setting() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Points, &mut c);
    update(&mut app, Action::Type(KeyEvent::new(KeyCode::Char('8'), KeyModifiers::NONE)), &mut c);
    let aa = a.clone();
    changed_elsewhere(&mut app, &mut c, &a, move |b, c| {
        b.edit_story(&aa, Edit { points: Some(Some(13)), ..Edit::default() }, c).expect("points");
    });
    let Some(Popup::Prompt(p)) = &app.popup else { panic!("the prompt stays open") };
    assert_eq!(p.edits.as_ref().and_then(|e| e.theirs.as_deref()), Some("13"));
    assert!(update(&mut app, Action::Confirm, &mut c).is_empty());
    assert!(matches!(&app.popup, Some(Popup::Clash(cl)) if cl.mine == "8" && cl.theirs == "13"));
    // Esc: back to the prompt, what was typed still there.
    update(&mut app, Action::Cancel, &mut c);
    assert!(matches!(&app.popup, Some(Popup::Prompt(p)) if p.text() == "8"));
    update(&mut app, Action::Confirm, &mut c);
    let effects = update(&mut app, Action::KeepMine, &mut c);
    assert_eq!(effects.len(), 1);
    let story = app.board().story(&a).cloned().expect("A");
    assert_eq!(story.points, Some(8));
    let changes: Vec<&crate::domain::Change> = story.history.iter().map(|e| &e.change).collect();
    assert!(changes.iter().any(|ch| matches!(ch, crate::domain::Change::Points { from: Some(13), to: Some(8) })));
    assert!(changes.iter().any(|ch| matches!(ch, crate::domain::Change::Overwrote { field, .. } if field == "points")));
    // The assignee prompt: theirs taken, nothing written.
    update(&mut app, Action::Assign, &mut c);
    for ch in "zed".chars() {
        update(&mut app, Action::Type(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)), &mut c);
    }
    let aa = a.clone();
    changed_elsewhere(&mut app, &mut c, &a, move |b, c| {
        b.edit_story(&aa, Edit { assignee: Some(Some("bo".into())), ..Edit::default() }, c).expect("assign");
    });
    update(&mut app, Action::Confirm, &mut c);
    assert!(update(&mut app, Action::TakeTheirs, &mut c).is_empty());
    assert!(app.popup.is_none());
    assert_eq!(app.board().story(&a).and_then(|s| s.assignee.clone()).as_deref(), Some("bo"));
}

mod random_input {
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::tui::input::Decoder;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
            ..ProptestConfig::default()
        })]

        /// Any bytes a terminal (or line noise) can send, in any pieces, through the decoder,
        /// the keymap and `update`, with a frame drawn after each piece: no panic.
        #[test]
        fn random_bytes_never_panic(
            pieces in prop::collection::vec(
                prop_oneof![
                    prop::collection::vec(any::<u8>(), 0..64),
                    // Pieces of real sequences, so that the parser's deeper paths are reached.
                    prop::sample::select(vec![
                        b"\x1b[A".to_vec(), b"\x1b[1;2C".to_vec(), b"\x1b[<0;5;5M".to_vec(),
                        b"\x1b[200~pasted\rtext\x1b[201~".to_vec(), b"\x1b[200~".to_vec(), b"\x1b".to_vec(),
                        b"n".to_vec(), b"\r".to_vec(), b"e".to_vec(), b"\t".to_vec(), b"d".to_vec(), b"y".to_vec(),
                        b"L".to_vec(), b"u".to_vec(), b"/".to_vec(), b"\x1b[M !!".to_vec(), "日本🎉".as_bytes().to_vec(),
                    ]),
                ],
                1..40,
            ),
        ) {
            let (mut app, mut c) = fixture();
            let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            let mut decoder = Decoder::default();
            for piece in pieces {
                for event in decoder.feed(&piece) {
                    for event in crate::tui::events_for(&app, event) {
                        if let Some(action) = crate::tui::action_for(&app, &event) {
                            let effects = update(&mut app, action, &mut c);
                            // The runtime's answer to an editor request, so its path runs too.
                            if let Some(Effect::OpenEditor { key, text }) = effects.first() {
                                let outcome = Outcome::EditorReturned { key: key.clone(), text: Ok(text.clone()) };
                                update(&mut app, done(outcome), &mut c);
                            }
                        }
                    }
                }
                term.draw(|f| crate::tui::view::render(&app, f)).expect("draw");
            }
        }
    }
}

/// `Esc 2` typed quickly in the Story view arrives as Alt+2: it leaves the view, then shows
/// Planning; in a prompt, `Esc j` closes the prompt, then moves the selection.
#[test]
fn escape_then_a_key_is_both_keys() {
    let (mut app, mut c) = fixture();
    let mut decoder = crate::tui::input::Decoder::default();
    let mut feed = |app: &mut App, c: &mut Ctx, bytes: &[u8]| {
        for event in decoder.feed(bytes) {
            for event in crate::tui::events_for(app, event) {
                if let Some(action) = crate::tui::action_for(app, &event) {
                    update(app, action, c);
                }
            }
        }
    };
    update(&mut app, Action::Edit, &mut c);
    assert_eq!(app.view, View::Story);
    feed(&mut app, &mut c, b"\x1b2");
    assert_eq!(app.view, View::Planning);
    feed(&mut app, &mut c, b"1");
    feed(&mut app, &mut c, b"/");
    assert!(matches!(&app.popup, Some(Popup::Prompt(_))));
    feed(&mut app, &mut c, b"\x1bj");
    assert!(app.popup.is_none(), "the prompt closed");
    assert_eq!(app.board_sel.row(0), 1, "and j moved down");
}

fn opened(o: crate::tui::action::Opened) -> Action {
    done(Outcome::Opened(Box::new(o)))
}

/// The board opens: the first message is the first of its kind that applies, said through
/// `update` (and kept for `!`).
#[test]
fn the_start_up_message_is_the_first_that_applies() {
    use crate::tui::action::Opened;
    let all = Opened {
        warning: Some("board.ron: an unknown field was kept".into()),
        finished: Some("finished the move of SB-1 that was interrupted".into()),
        problems: vec!["keymap ignored, defaults in use: line 2".into(), "theme: no colour \"plum\"".into()],
        created: Some("personal board at /home/ana/.local/share/sprintboard".into()),
    };
    let (mut app, mut c) = fixture();
    assert_eq!(update(&mut app, opened(all.clone()), &mut c), Vec::new());
    assert_eq!(status(&app), ("board.ron: an unknown field was kept".to_owned(), true));
    assert_eq!(app.messages.len(), 1, "kept for !");

    let (mut app, mut c) = fixture();
    update(&mut app, opened(Opened { warning: None, ..all.clone() }), &mut c);
    assert_eq!(status(&app), ("Finished the move of SB-1 that was interrupted".to_owned(), false), "capitalised");

    let (mut app, mut c) = fixture();
    update(&mut app, opened(Opened { warning: None, finished: None, ..all.clone() }), &mut c);
    let problems = "keymap ignored, defaults in use: line 2; theme: no colour \"plum\"";
    assert_eq!(status(&app), (problems.to_owned(), true));

    let (mut app, mut c) = fixture();
    update(&mut app, opened(Opened { created: all.created.clone(), ..Opened::default() }), &mut c);
    let created = "Created your personal board from the example board: /home/ana/.local/share/sprintboard";
    assert_eq!(status(&app), (created.to_owned(), false));

    let (mut app, mut c) = fixture();
    update(&mut app, opened(Opened::default()), &mut c);
    assert_eq!(app.status, None, "nothing to say: the status line shows where the board is");

    // Story files that cannot be read come before everything: the first placeholder is
    // selected, and the notice says how to repair it.
    let (mut app, mut c) = fixture();
    let damage = crate::domain::Damaged { file: "stories/SB-K7QX.ron".into(), at: Some((3, 1)), reason: "bad".into() };
    app.board_mut().damaged.insert("SB-K7QX".into(), damage);
    update(&mut app, opened(all), &mut c);
    assert_eq!(app.damaged_focus, Some(0));
    let notice = crate::tui::damaged_notice(app.board()).expect("a notice");
    assert!(notice.starts_with("SB-K7QX cannot be read: E repairs it"), "{notice}");
    assert_eq!(status(&app), (notice, true));
}

/// The watch for changes made elsewhere could not be set up: said through `update`, as a
/// problem, and nothing else changes.
#[test]
fn a_watcher_that_failed_is_said_through_update() {
    let (mut app, mut c) = fixture();
    let before = app.selected_key();
    let effects = update(&mut app, done(Outcome::WatchFailed("too many open files".into())), &mut c);
    assert_eq!(effects, Vec::new());
    let text = "Changes made elsewhere will not show until restart: too many open files";
    assert_eq!(status(&app), (text.to_owned(), true));
    assert_eq!(app.messages.back().map(|m| m.text.as_str()), Some(text), "kept for !");
    assert_eq!((app.view, app.selected_key()), (View::Board, before));
}

/// The terminal could not be taken back from the editor: said through `update`, as a problem.
#[test]
fn a_terminal_not_taken_back_is_said_through_update() {
    let (mut app, mut c) = fixture();
    let problem = "cannot take the terminal back: Input/output error";
    let effects = update(&mut app, done(Outcome::TerminalNotTakenBack(problem.into())), &mut c);
    assert_eq!(effects, Vec::new());
    assert_eq!(status(&app), (problem.to_owned(), true));
}
