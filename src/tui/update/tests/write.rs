//! Writing from the TUI: every new action, and undo / redo of each kind of change.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{Edit, Moscow, Rice};
use crate::tui::choices;
use crate::tui::state::{Field, PromptKind};
use crate::tui::testing::{fixture, key};
use crate::tui::update::*;

fn typed(app: &mut App, c: &mut Ctx, text: &str) {
    for ch in text.chars() {
        update(app, Action::Type(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)), c);
    }
}

fn press(app: &mut App, c: &mut Ctx, code: KeyCode) {
    update(app, Action::Type(KeyEvent::new(code, KeyModifiers::NONE)), c);
}

fn saves(effects: &[Effect]) -> usize {
    effects.iter().filter(|e| matches!(e, Effect::Save { .. })).count()
}

fn story<'a>(app: &'a App, title: &str) -> &'a crate::domain::Story {
    app.board().stories.values().find(|s| s.title == title).expect("story")
}

fn status_text(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn n_creates_a_story_in_the_selected_column_and_selects_it() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Right, &mut c); // In Progress
    update(&mut app, Action::NewStory, &mut c);
    assert!(matches!(&app.popup, Some(Popup::Prompt(p)) if matches!(p.kind, PromptKind::NewStory { .. })));
    typed(&mut app, &mut c, "Write docs");
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert_eq!(saves(&effects), 1);
    assert!(app.popup.is_none());
    let s = story(&app, "Write docs");
    assert_eq!((s.status.as_str(), s.sprint.as_deref()), ("doing", Some("sprint-1")));
    assert_eq!(app.selected_key().as_deref(), Some(s.key.as_str()), "the new story is selected");
    assert!(status_text(&app).contains("created in Sprint 1"));
}

#[test]
fn a_new_story_needs_a_title_and_esc_cancels() {
    let (mut app, mut c) = fixture();
    let before = app.board().clone();
    update(&mut app, Action::NewStory, &mut c);
    assert!(update(&mut app, Action::Confirm, &mut c).is_empty());
    assert!(app.popup.is_some(), "the prompt stays open");
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    typed(&mut app, &mut c, "half typed");
    update(&mut app, Action::Cancel, &mut c);
    assert!(app.popup.is_none());
    assert_eq!(app.board(), &before);
}

#[test]
fn n_in_planning_adds_to_the_focused_pane() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::NewStory, &mut c);
    typed(&mut app, &mut c, "Backlog idea");
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(story(&app, "Backlog idea").sprint, None);
    assert_eq!(app.board().list(None).last().map(|s| s.title.as_str()), Some("Backlog idea"), "at the bottom");
}

#[test]
fn b_asks_for_a_reason_and_unflags_at_once() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Block, &mut c);
    typed(&mut app, &mut c, "waiting on legal");
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert_eq!(saves(&effects), 1);
    assert_eq!(story(&app, "A").blocked.as_deref(), Some("waiting on legal"));
    let effects = update(&mut app, Action::Block, &mut c);
    assert_eq!(saves(&effects), 1, "unflagging needs no prompt");
    assert!(app.popup.is_none());
    assert_eq!(story(&app, "A").blocked, None);
}

#[test]
fn p_sets_points_typed_or_from_the_scale() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Points, &mut c);
    press(&mut app, &mut c, KeyCode::Backspace);
    typed(&mut app, &mut c, "x");
    assert!(update(&mut app, Action::Confirm, &mut c).is_empty());
    assert!(app.status.as_ref().is_some_and(|s| s.error && s.text.contains("not a whole number")));
    update(&mut app, Action::Down, &mut c); // 2 → the next value on the scale
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert_eq!(saves(&effects), 1);
    assert_eq!(story(&app, "A").points, Some(3));
    update(&mut app, Action::Points, &mut c);
    press(&mut app, &mut c, KeyCode::Backspace);
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(story(&app, "A").points, None, "empty clears");
}

#[test]
fn a_assigns_a_typed_name_a_listed_person_or_nobody() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Assign, &mut c);
    typed(&mut app, &mut c, "zed");
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(story(&app, "A").assignee.as_deref(), Some("zed"));
    // Now "zed" is one of the people: pick them for B from the list.
    update(&mut app, Action::Down, &mut c);
    update(&mut app, Action::Assign, &mut c);
    update(&mut app, Action::Down, &mut c); // (nobody)
    update(&mut app, Action::Down, &mut c); // zed
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(story(&app, "B").assignee.as_deref(), Some("zed"));
    update(&mut app, Action::Assign, &mut c);
    update(&mut app, Action::Down, &mut c); // (nobody)
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(story(&app, "B").assignee, None);
}

#[test]
fn d_deletes_after_yes_and_u_brings_it_back() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    let original = app.board().story(&a).cloned();
    update(&mut app, Action::Delete, &mut c);
    update(&mut app, Action::Resized { width: 70, height: 20 }, &mut c);
    assert!(app.popup.is_some(), "a resize does not answer the question");
    update(&mut app, Action::Paste("y".into()), &mut c);
    assert!(app.popup.is_some(), "nor does a paste");
    assert!(update(&mut app, Action::Cancel, &mut c).is_empty(), "n keeps it");
    assert!(app.board().story(&a).is_some());
    update(&mut app, Action::Delete, &mut c);
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert!(matches!(&effects[..], [Effect::Save { changes, .. }] if changes.deleted.contains(&a)));
    assert!(app.board().story(&a).is_none());
    let effects = update(&mut app, Action::Undo, &mut c);
    assert!(matches!(&effects[..], [Effect::Save { changes, .. }] if changes.stories.contains(&a)));
    assert_eq!(app.board().story(&a).cloned(), original, "exactly as it was");
    update(&mut app, Action::Redo, &mut c);
    assert!(app.board().story(&a).is_none());
}

/// Every kind of change, undone back to the start and redone to the end.
#[test]
fn undo_and_redo_every_kind_of_change() {
    let (mut app, mut c) = fixture();
    let start = app.board().clone();
    update(&mut app, Action::StatusNext, &mut c); // move
    update(&mut app, Action::Left, &mut c);
    update(&mut app, Action::Down, &mut c);
    update(&mut app, Action::RankUp, &mut c); // rerank
    update(&mut app, Action::SprintNext, &mut c); // another sprint
    update(&mut app, Action::Points, &mut c);
    typed(&mut app, &mut c, "8");
    update(&mut app, Action::Confirm, &mut c); // edit
    update(&mut app, Action::NewStory, &mut c);
    typed(&mut app, &mut c, "new one");
    update(&mut app, Action::Confirm, &mut c); // create
    update(&mut app, Action::Delete, &mut c);
    update(&mut app, Action::Confirm, &mut c); // delete
    update(&mut app, Action::Sort, &mut c);
    update(&mut app, Action::Down, &mut c);
    update(&mut app, Action::Down, &mut c);
    update(&mut app, Action::Confirm, &mut c); // sort (may be a no-op: nothing is scored)
    let end = app.board().clone();
    let n = app.undo.len();
    assert!(n >= 6, "{n} undoable changes");
    for _ in 0..n {
        assert_eq!(saves(&update(&mut app, Action::Undo, &mut c)), 1);
    }
    assert_eq!(app.board(), &start, "all undone");
    assert!(update(&mut app, Action::Undo, &mut c).is_empty());
    assert_eq!(status_text(&app), "Nothing to undo");
    for _ in 0..n {
        update(&mut app, Action::Redo, &mut c);
    }
    assert_eq!(app.board(), &end, "all redone");
    // A new change after an undo drops what could be redone.
    update(&mut app, Action::Undo, &mut c);
    update(&mut app, Action::StatusNext, &mut c);
    assert!(app.redo.is_empty());
}

#[test]
fn one_person_under_several_names_is_one_person_in_the_filter_and_the_picker() {
    let (mut app, mut c) = fixture();
    app.board_mut().file.people =
        vec!["Bo".into(), crate::domain::Member { name: "Dana".into(), aliases: vec!["dkowalski".into()] }];
    for (title, who) in [("A", "Dana"), ("B", "dkowalski"), ("C", "Bo")] {
        let k = key(&app, title);
        let edit = Edit { assignee: Some(Some(who.into())), ..Edit::default() };
        app.board_mut().edit_story(&k, edit, &mut c).expect("assign");
    }
    // `@dana` finds the stories assigned to any of Dana's names.
    app.filter = "@dana".into();
    let mut shown: Vec<String> = app.board_columns().iter().flatten().map(|s| s.title.clone()).collect();
    shown.sort();
    assert_eq!(shown, ["A", "B"]);
    app.filter.clear();
    // The picker offers each person once, by name; the one using the board first.
    app.user = "dkowalski".into();
    assert_eq!(choices::assign_options(app.board(), &app.user, ""), [None, Some("Dana".into()), Some("Bo".into())]);
    app.user = "Cy".into();
    assert_eq!(
        choices::assign_options(app.board(), &app.user, ""),
        [None, Some("Cy".into()), Some("Bo".into()), Some("Dana".into())]
    );
    assert_eq!(
        choices::assign_options(app.board(), &app.user, "dkow"),
        [None, Some("Dana".into())],
        "typed: any of a person's names"
    );
}

#[test]
fn the_filter_narrows_every_view_as_you_type() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    let edit = Edit { assignee: Some(Some("ana".into())), labels: Some(vec!["api".into()]), ..Edit::default() };
    app.board_mut().edit_story(&a, edit, &mut c).expect("edit");
    update(&mut app, Action::Filter, &mut c);
    typed(&mut app, &mut c, "@an");
    assert_eq!(app.filter, "@an", "applied while typing");
    assert_eq!(app.board_columns().iter().map(Vec::len).sum::<usize>(), 1);
    update(&mut app, Action::Confirm, &mut c);
    assert!(app.popup.is_none());
    assert_eq!(app.filter, "@an", "Enter keeps it");
    update(&mut app, Action::Show(View::Planning), &mut c);
    assert_eq!(app.planning_panes().iter().map(|(_, l)| l.len()).sum::<usize>(), 1, "every view");
    let code = a.trim_start_matches("SB-").to_lowercase();
    for (query, count) in [
        ("#api", 1),
        ("b", 1),
        ("@ana #api", 1),
        ("@ana #web", 0),
        ("epic:nope", 0),
        ("", 7),
        (a.as_str(), 1),
        (code.as_str(), 1),
    ] {
        app.filter = query.into();
        assert_eq!(app.planning_panes().iter().map(|(_, l)| l.len()).sum::<usize>(), count, "{query:?}");
    }
    app.filter = "@ana".into();
    update(&mut app, Action::Filter, &mut c);
    update(&mut app, Action::Cancel, &mut c);
    assert_eq!(app.filter, "", "Esc in the prompt clears it");
    app.filter = "@ana".into();
    let esc = ratatui::crossterm::event::Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    let action = crate::tui::action_for(&app, &esc).expect("Esc is bound in the lists");
    update(&mut app, action, &mut c);
    assert_eq!(app.filter, "", "and so does Esc in the list");
}

#[test]
fn s_orders_the_focused_list_by_a_score_as_one_undoable_change() {
    let (mut app, mut c) = fixture();
    let rice = |r: f64| Edit {
        rice: Some(Some(Rice { reach: r, impact: 1.0, confidence: 1.0, effort: 1.0 })),
        ..Edit::default()
    };
    let (b, cc) = (key(&app, "B"), key(&app, "C"));
    app.board_mut().edit_story(&cc, rice(9.0), &mut c).expect("edit");
    app.board_mut().edit_story(&b, rice(5.0), &mut c).expect("edit");
    app.board_mut().edit_story(&cc, Edit { moscow: Some(Some(Moscow::Could)), ..Edit::default() }, &mut c).expect("e");
    let order = |app: &App| app.board().list(Some("sprint-1")).iter().map(|s| s.title.clone()).collect::<Vec<_>>();
    let before = order(&app);
    update(&mut app, Action::Sort, &mut c);
    let effects = update(&mut app, Action::Confirm, &mut c); // RICE
    assert_eq!(saves(&effects), 1);
    assert_eq!(order(&app), ["C", "B", "A", "D"]);
    assert_eq!(app.undo.len(), 1);
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(order(&app), before);
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::Sort, &mut c);
    update(&mut app, Action::Cancel, &mut c);
    assert!(app.popup.is_none());
}

#[test]
fn the_story_view_edits_in_place_and_saves_when_a_field_is_left() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Edit, &mut c);
    assert_eq!(app.view, View::Story);
    assert_eq!(app.context(), crate::tui::keymap::Context::Story);
    // Browsing: a view key is a view key, never typed into a field.
    update(&mut app, Action::Show(View::Board), &mut c);
    assert_eq!(app.view, View::Board);
    update(&mut app, Action::Show(View::Story), &mut c);
    assert_eq!(app.board().story(&a).map(|s| s.title.as_str()), Some("A"));
    // Enter (or e) edits the focused field: its value shows selected, an arrow key starts
    // editing it (typing would replace it).
    update(&mut app, Action::Edit, &mut c);
    assert_eq!(app.context(), crate::tui::keymap::Context::Field);
    press(&mut app, &mut c, KeyCode::End);
    typed(&mut app, &mut c, " renamed");
    let effects = update(&mut app, Action::NextField, &mut c);
    assert_eq!(saves(&effects), 1);
    assert_eq!(app.board().story(&a).map(|s| s.title.as_str()), Some("A renamed"));
    // Points: typing replaces the value shown; a mistake keeps the field and says why.
    typed(&mut app, &mut c, "x");
    let field_text = |app: &App| app.editor.as_ref().map(|e| e.fields[e.focus].1.lines().join("\n"));
    assert_eq!(field_text(&app).as_deref(), Some("x"));
    assert!(update(&mut app, Action::NextField, &mut c).is_empty());
    assert_eq!(app.editor.as_ref().map(|e| e.fields[e.focus].0), Some(Field::Points));
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    press(&mut app, &mut c, KeyCode::Backspace);
    press(&mut app, &mut c, KeyCode::Backspace);
    typed(&mut app, &mut c, "5");
    // Enter in a one-line field saves it and goes back to browsing.
    let effects = update(&mut app, Action::Type(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)), &mut c);
    assert_eq!(saves(&effects), 1);
    assert_eq!(app.board().story(&a).and_then(|s| s.points), Some(5));
    assert_eq!(app.context(), crate::tui::keymap::Context::Story);
    // RICE saves once all four inputs are there.
    while app.editor.as_ref().map(|e| e.fields[e.focus].0) != Some(Field::RiceReach) {
        update(&mut app, Action::NextField, &mut c);
    }
    assert_eq!(app.editor.as_ref().map(|e| e.fields[e.focus].0), Some(Field::RiceReach));
    update(&mut app, Action::Edit, &mut c);
    for v in ["100", "2", "0.5"] {
        typed(&mut app, &mut c, v);
        assert!(update(&mut app, Action::NextField, &mut c).is_empty(), "not all four yet");
    }
    typed(&mut app, &mut c, "4");
    assert_eq!(saves(&update(&mut app, Action::NextField, &mut c)), 1);
    assert_eq!(app.board().story(&a).and_then(|s| s.rice_score()), Some(25.0));
    // The description takes several lines; Esc saves it and goes back to the board.
    while app.editor.as_ref().map(|e| e.fields[e.focus].0) != Some(Field::Description) {
        update(&mut app, Action::NextField, &mut c);
    }
    typed(&mut app, &mut c, "one");
    press(&mut app, &mut c, KeyCode::Enter);
    typed(&mut app, &mut c, "two");
    assert_eq!(saves(&update(&mut app, Action::Cancel, &mut c)), 1);
    assert_eq!(app.board().story(&a).map(|s| s.description.as_str()), Some("one\ntwo"));
    assert_eq!(app.view, View::Story, "the first Esc leaves the field, saving it");
    assert!(update(&mut app, Action::Cancel, &mut c).is_empty());
    assert_eq!(app.view, View::Board, "the second goes back to the list");
    assert_eq!(app.selected_key().as_deref(), Some(a.as_str()));
    // Each field was one change: undo takes back the description, then the RICE inputs.
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(app.board().story(&a).map(|s| s.description.as_str()), Some(""));
}

#[test]
fn esc_on_a_bad_field_puts_it_back_and_leaves() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Edit, &mut c);
    update(&mut app, Action::Edit, &mut c);
    for _ in 0..20 {
        press(&mut app, &mut c, KeyCode::Backspace);
    }
    assert!(update(&mut app, Action::Cancel, &mut c).is_empty());
    assert_eq!(app.board().story(&a).map(|s| s.title.as_str()), Some("A"), "an empty title is not saved");
    assert!(app.status.as_ref().is_some_and(|s| s.error && s.text.contains("not saved")));
    let title = app.editor.as_ref().map(|e| e.fields[0].1.lines().join(""));
    assert_eq!(title.as_deref(), Some("A"), "the field shows the title again");
    assert!(update(&mut app, Action::Cancel, &mut c).is_empty());
    assert_eq!(app.view, View::Board);
}

fn returned(key: &str, text: Result<String, String>) -> Action {
    Action::Done(Box::new(crate::tui::action::Outcome::EditorReturned { key: key.to_owned(), text }))
}

#[test]
fn the_editor_failing_or_emptied_changes_nothing() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    assert!(update(&mut app, returned(&a, Err("the editor (vi) exited with 1".into())), &mut c).is_empty());
    assert!(app.status.as_ref().is_some_and(|s| s.error && s.text.contains("exited with 1")));
    assert!(update(&mut app, returned(&a, Ok(String::new())), &mut c).is_empty());
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("cancelled")), "{:?}", app.status);
}

#[test]
fn big_e_asks_for_the_editor_and_its_result_is_undoable() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    let effects = update(&mut app, Action::EditInEditor, &mut c);
    let [Effect::OpenEditor { key: k, text }] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(k, &a);
    assert!(text.contains("points: 2"), "{text}");
    // A mistake: the editor opens again with it on top and what was typed kept.
    let wrong = text.replace("points: 2", "points: lots");
    let effects = update(&mut app, returned(&a, Ok(wrong)), &mut c);
    let [Effect::OpenEditor { text: again, .. }] = &effects[..] else { panic!("{effects:?}") };
    assert!(again.starts_with("# ERROR") && again.contains("points: lots"), "{again}");
    assert_eq!(app.board().story(&a).and_then(|s| s.points), Some(2), "nothing saved yet");
    // Fixed and saved.
    let effects = update(&mut app, returned(&a, Ok(text.replace("points: 2", "points: 13"))), &mut c);
    assert_eq!(saves(&effects), 1);
    assert_eq!(app.board().story(&a).and_then(|s| s.points), Some(13));
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(app.board().story(&a).and_then(|s| s.points), Some(2));
}

#[test]
fn unbound_keys_are_typed_into_prompts_and_fields() {
    let (mut app, mut c) = fixture();
    let key_event = |ch| ratatui::crossterm::event::Event::Key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE));
    assert_eq!(crate::tui::action_for(&app, &key_event('n')), Some(Action::NewStory));
    update(&mut app, Action::NewStory, &mut c);
    assert!(matches!(crate::tui::action_for(&app, &key_event('q')), Some(Action::Type(_))), "q is a letter here");
    assert!(matches!(crate::tui::action_for(&app, &key_event('1')), Some(Action::Type(_))));
    let enter = ratatui::crossterm::event::Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(crate::tui::action_for(&app, &enter), Some(Action::Confirm));
}

mod monkey {
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;

    fn action() -> impl Strategy<Value = Action> {
        let plain = prop::sample::select(vec![
            Action::Help,
            Action::Show(View::Board),
            Action::Show(View::Planning),
            Action::Show(View::Story),
            Action::Show(View::Metrics),
            Action::NextPane,
            Action::PrevPane,
            Action::Left,
            Action::Right,
            Action::Up,
            Action::Down,
            Action::StatusPrev,
            Action::StatusNext,
            Action::RankUp,
            Action::RankDown,
            Action::RankTop,
            Action::RankBottom,
            Action::SprintPrev,
            Action::SprintNext,
            Action::PickSprint,
            Action::Confirm,
            Action::Cancel,
            Action::NewStory,
            Action::Edit,
            Action::EditInEditor,
            Action::Delete,
            Action::Block,
            Action::Assign,
            Action::Points,
            Action::Sort,
            Action::Filter,
            Action::Undo,
            Action::Redo,
            Action::NextField,
            Action::PrevField,
            Action::Tick,
            Action::Swimlanes,
        ]);
        prop_oneof![
            6 => plain,
            2 => prop::sample::select(vec!['a', 'Z', '7', ' ', '@', '#', '日', '🎉']).prop_map(|c| Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
            1 => prop::sample::select(vec![KeyCode::Backspace, KeyCode::Enter, KeyCode::Left, KeyCode::Delete]).prop_map(|k| Action::Type(KeyEvent::new(k, KeyModifiers::NONE))),
            1 => (0u16..90, 0u16..30).prop_map(|(column, row)| Action::Click { column, row }),
            1 => (0u16..90, 0u16..30, any::<bool>()).prop_map(|(column, row, down)| Action::Scroll { column, row, down }),
            1 => (1u16..100, 1u16..40).prop_map(|(width, height)| Action::Resized { width, height }),
            1 => prop::sample::select(vec!["x", "two\nlines", "\r\n", "日本 🎉\tq"]).prop_map(|t| Action::Paste(t.to_owned())),
        ]
    }

    proptest! {
        // 64 cases in the suite; PROPTEST_CASES=5000 for a long hunt.
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
            ..ProptestConfig::default()
        })]

        /// Any sequence of actions, at any terminal size: no panic, every frame draws, and no
        /// story disappears except by a delete.
        #[test]
        fn random_sessions_never_panic_or_lose_a_story(actions in prop::collection::vec(action(), 1..60), w in 1u16..100, h in 1u16..40) {
            let (mut app, mut c) = fixture();
            app.area = ratatui::layout::Rect::new(0, 0, w, h);
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            for a in actions {
                if a == Action::Quit {
                    continue;
                }
                let deleting = matches!(app.popup, Some(Popup::ConfirmDelete { .. })) && a == Action::Confirm;
                let undoing = a == Action::Undo || a == Action::Redo;
                let before = app.board().stories.len();
                update(&mut app, a, &mut c);
                term.draw(|f| crate::tui::view::render(&app, f)).expect("draws");
                let after = app.board().stories.len();
                prop_assert!(after >= before || deleting || undoing, "a story vanished: {before} -> {after}");
                // The list index, brought up to date change by change, is the board's order.
                let mut lists: Vec<crate::domain::ListId> =
                    app.board().file.sprints.iter().map(|s| Some(s.id.clone())).collect();
                lists.push(None);
                for l in lists {
                    let indexed: Vec<&str> = app.list(l.as_deref()).iter().map(|s| s.key.as_str()).collect();
                    let sorted: Vec<&str> = app.board().list(l.as_deref()).iter().map(|s| s.key.as_str()).collect();
                    prop_assert_eq!(indexed, sorted);
                }
                // And the Planning panes as worked out once per change are what the board says.
                for pane in app.planning_keys().iter() {
                    let shown: Vec<&crate::domain::Story> =
                        app.board().list(pane.list.as_deref()).into_iter().filter(|s| app.shown(s)).collect();
                    let keys: Vec<&str> = shown.iter().map(|s| s.key.as_str()).collect();
                    prop_assert_eq!(pane.keys.iter().map(|k| k.as_str()).collect::<Vec<_>>(), keys);
                    prop_assert_eq!(pane.points, shown.iter().filter_map(|s| s.points).sum::<u32>());
                }
            }
        }
    }
}

#[test]
fn the_standup_walks_people_with_a_timer() {
    let (mut app, mut c) = fixture();
    for (t, who) in [("A", "ana"), ("B", "bo")] {
        let k = key(&app, t);
        app.board_mut()
            .edit_story(
                &k,
                Edit { assignee: Some(Some(who.into())), blocked: Some(Some("x".into())), ..Edit::default() },
                &mut c,
            )
            .expect("e");
    }
    update(&mut app, Action::Show(View::Standup), &mut c);
    let since = app.standup.since.expect("since");
    assert_eq!(since, "2026-11-19T09:00:00Z".parse().expect("t"), "a day before (the 20th is a Friday)");
    update(&mut app, Action::Tick, &mut c);
    update(&mut app, Action::Tick, &mut c);
    assert_eq!(app.standup.seconds, 2);
    update(&mut app, Action::Help, &mut c);
    update(&mut app, Action::Tick, &mut c);
    assert!(app.popup.is_some(), "a tick does not close the help");
    update(&mut app, Action::Cancel, &mut c);
    update(&mut app, Action::Right, &mut c);
    assert_eq!((app.standup.person, app.standup.seconds), (1, 0), "the next person, the timer from zero");
    update(&mut app, Action::Right, &mut c);
    assert_eq!(app.standup.person, 1, "stops at the last person");
    update(&mut app, Action::Left, &mut c);
    assert_eq!(app.standup.person, 0);
    assert!(update(&mut app, Action::StatusNext, &mut c).is_empty(), "no story is selected here");
    let monday: jiff::civil::Date = "2026-11-23".parse().expect("d");
    let now: jiff::Timestamp = "2026-11-23T09:00:00Z".parse().expect("t");
    assert_eq!(crate::tui::state::last_standup(now, monday), "2026-11-20T09:00:00Z".parse().expect("t"), "Friday");
}

#[test]
fn swimlanes_group_the_board_and_the_selection_walks_them() {
    let (mut app, mut c) = fixture();
    for (t, who) in [("A", "zed"), ("B", "amy"), ("C", "zed")] {
        let k = key(&app, t);
        app.board_mut()
            .edit_story(&k, Edit { assignee: Some(Some(who.into())), ..Edit::default() }, &mut c)
            .expect("e");
    }
    let a = key(&app, "A");
    update(&mut app, Action::Swimlanes, &mut c);
    assert_eq!(app.lanes, crate::tui::lanes::LaneMode::Assignee);
    assert_eq!(app.selected_key().as_deref(), Some(a.as_str()), "the selection stays on its story");
    // The board's people in order of first appearance: zed (A, C), then amy (B).
    let titles: Vec<String> = app.board_columns()[0].iter().map(|s| s.title.clone()).collect();
    assert_eq!(titles, ["A", "C", "B"]);
    update(&mut app, Action::Down, &mut c);
    assert_eq!(story(&app, "C").key, app.selected_key().expect("selected"));
    // A click on the first card slot of the second lane (header row 2, zed's slots 3..9,
    // amy's header at 9, her first slot from 10).
    update(&mut app, Action::Click { column: 3, row: 11 }, &mut c);
    assert_eq!(app.selected_key(), Some(story(&app, "B").key.to_string()));
    update(&mut app, Action::Swimlanes, &mut c);
    assert_eq!(app.lanes, crate::tui::lanes::LaneMode::Epic);
    update(&mut app, Action::Swimlanes, &mut c);
    assert_eq!(app.lanes, crate::tui::lanes::LaneMode::Off);
    let titles: Vec<String> = app.board_columns()[0].iter().map(|s| s.title.clone()).collect();
    assert_eq!(titles, ["A", "B", "C"], "rank order again");
}

/// Browses to `field` (saving the one being edited, if any) and edits it.
fn focus(app: &mut App, c: &mut Ctx, field: Field) {
    while app.editor.as_ref().map(|e| e.fields[e.focus].0) != Some(field) {
        update(app, Action::NextField, c);
    }
    if app.editor.as_ref().is_some_and(|e| e.editing.is_none()) {
        update(app, Action::Edit, c);
    }
}

#[test]
fn the_story_view_sets_type_status_and_sprint_and_adds_comments() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Edit, &mut c);
    focus(&mut app, &mut c, Field::Kind);
    typed(&mut app, &mut c, "Bug");
    assert_eq!(saves(&update(&mut app, Action::NextField, &mut c)), 1);
    assert_eq!(app.board().story(&a).map(|s| s.kind), Some(crate::domain::Kind::Bug));
    // Status: a column by name (any case); recorded in the history like any move.
    typed(&mut app, &mut c, "review");
    assert_eq!(saves(&update(&mut app, Action::NextField, &mut c)), 1);
    assert_eq!(app.board().story(&a).map(|s| s.status.as_str()), Some("review"));
    assert!(status_text(&app).contains(&format!("{a} → Review")), "{}", status_text(&app));
    assert!(app.board().story(&a).is_some_and(|s| {
        s.history.iter().any(|e| matches!(&e.change, crate::domain::Change::Status { to, .. } if to == "review"))
    }));
    // Sprint: a name, or backlog; a wrong one keeps the field and says why.
    typed(&mut app, &mut c, "Sprint 9");
    assert!(update(&mut app, Action::NextField, &mut c).is_empty());
    assert!(status_text(&app).contains("Sprint: no sprint"), "{}", status_text(&app));
    for _ in 0..8 {
        press(&mut app, &mut c, KeyCode::Backspace);
    }
    typed(&mut app, &mut c, "backlog");
    assert_eq!(saves(&update(&mut app, Action::NextField, &mut c)), 1);
    assert_eq!(app.board().story(&a).and_then(|s| s.sprint.clone()), None);
    // A comment: added when the field is left, and the field is empty again.
    focus(&mut app, &mut c, Field::Comment);
    typed(&mut app, &mut c, "Waiting for design");
    assert_eq!(saves(&update(&mut app, Action::NextField, &mut c)), 1);
    let comments = app.board().story(&a).map(|s| s.comments.clone()).unwrap_or_default();
    assert_eq!(
        comments.iter().map(|c| (c.by.as_str(), c.text.as_str())).collect::<Vec<_>>(),
        [("ana", "Waiting for design")]
    );
    focus(&mut app, &mut c, Field::Comment);
    assert_eq!(app.editor.as_ref().map(|e| e.fields[e.focus].1.lines().join("")), Some(String::new()));
    assert!(update(&mut app, Action::NextField, &mut c).is_empty(), "an empty comment adds nothing");
    update(&mut app, Action::Cancel, &mut c);
    update(&mut app, Action::Undo, &mut c);
    assert!(app.board().story(&a).is_some_and(|s| s.comments.is_empty()), "undone like any change");
}

#[test]
fn esc_with_rice_half_filled_asks_before_dropping_it() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Edit, &mut c);
    focus(&mut app, &mut c, Field::RiceReach);
    typed(&mut app, &mut c, "100");
    update(&mut app, Action::NextField, &mut c);
    typed(&mut app, &mut c, "2");
    update(&mut app, Action::Cancel, &mut c);
    assert_eq!(app.view, View::Story, "the first Esc leaves the field, keeping what was typed");
    update(&mut app, Action::Cancel, &mut c);
    assert_eq!(app.view, View::Story, "the second keeps the view: RICE is half filled");
    assert!(status_text(&app).contains("RICE is not complete"), "{}", status_text(&app));
    focus(&mut app, &mut c, Field::RiceConfidence);
    typed(&mut app, &mut c, "0.5");
    update(&mut app, Action::NextField, &mut c);
    typed(&mut app, &mut c, "4");
    update(&mut app, Action::Cancel, &mut c);
    update(&mut app, Action::Cancel, &mut c);
    assert_eq!(app.view, View::Board, "complete: saved and left");
    assert_eq!(app.board().story(&key(&app, "A")).and_then(|s| s.rice_score()), Some(25.0));
}

#[test]
fn small_texts_say_what_a_person_needs() {
    let (mut app, mut c) = fixture();
    // A new story the filter hides says so.
    app.filter = "nothing-like-it".into();
    update(&mut app, Action::NewStory, &mut c);
    typed(&mut app, &mut c, "Hidden one");
    update(&mut app, Action::Confirm, &mut c);
    assert!(status_text(&app).contains("hidden by the filter"), "{}", status_text(&app));
    app.filter.clear();
    // The last confirmation stays across a view switch.
    update(&mut app, Action::Show(View::Planning), &mut c);
    assert!(status_text(&app).contains("created in Sprint 1"), "{}", status_text(&app));
    // A tab in a title is a space; other control characters are refused.
    let a = key(&app, "A");
    let edit = |t: &str| Edit { title: Some(t.into()), ..Default::default() };
    app.board_mut().edit_story(&a, edit("Tab\there"), &mut c).expect("a tab");
    assert_eq!(app.board().story(&a).map(|s| s.title.as_str()), Some("Tab here"));
    assert!(app.board_mut().edit_story(&a, edit("Bell\u{7}"), &mut c).is_err());
}

#[test]
fn the_story_view_links_a_story_and_the_filter_finds_what_waits() {
    let (mut app, mut c) = fixture();
    let (a, b) = (key(&app, "A"), key(&app, "B"));
    update(&mut app, Action::Edit, &mut c);
    focus(&mut app, &mut c, Field::BlockedBy);
    typed(&mut app, &mut c, &b.to_lowercase());
    assert_eq!(saves(&update(&mut app, Action::NextField, &mut c)), 1);
    assert_eq!(app.board().story(&a).map(|s| s.blocked_by.clone()), Some(vec![b.as_str().into()]));
    // B waiting on A now would be a cycle: refused, the field stays.
    update(&mut app, Action::Cancel, &mut c);
    update(&mut app, Action::Cancel, &mut c);
    update(&mut app, Action::Down, &mut c);
    update(&mut app, Action::Edit, &mut c);
    focus(&mut app, &mut c, Field::BlockedBy);
    typed(&mut app, &mut c, &a);
    assert!(update(&mut app, Action::NextField, &mut c).is_empty());
    assert!(status_text(&app).contains("cycle"), "{}", status_text(&app));
    update(&mut app, Action::Cancel, &mut c);
    app.filter = "blocked:".into();
    update(&mut app, Action::Show(View::Board), &mut c);
    let shown: Vec<String> = app.board_columns().iter().flatten().map(|s| s.title.clone()).collect();
    assert_eq!(shown, ["A"], "only what waits on something not done");
}

#[test]
fn the_story_views_epic_field_creates_an_epic_and_r_renames_it() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::Edit, &mut c);
    // R with no epic says how to get one.
    update(&mut app, Action::RenameEpic, &mut c);
    assert!(app.popup.is_none());
    assert!(status_text(&app).contains("has no epic to rename"), "{}", status_text(&app));
    focus(&mut app, &mut c, Field::Epic);
    assert!(status_text(&app).contains("no epics yet"), "editing Epic says what it takes: {}", status_text(&app));
    typed(&mut app, &mut c, "Checkout");
    // A name that is no epic asks first; no goes back to the field with what was typed.
    assert!(update(&mut app, Action::NextField, &mut c).is_empty());
    assert!(matches!(&app.popup, Some(Popup::ConfirmNewEpic { key, name, .. }) if *key == a && name == "Checkout"));
    assert_eq!(app.context(), crate::tui::keymap::Context::Confirm);
    update(&mut app, Action::Cancel, &mut c);
    assert!(app.popup.is_none());
    assert!(app.board().file.epics.is_empty());
    assert_eq!(app.editor.as_ref().map(|e| e.fields[e.focus].0), Some(Field::Epic));
    assert!(app.editor.as_ref().is_some_and(|e| e.editing.is_some()), "still editing");
    assert!(status_text(&app).contains("No epic created"), "{}", status_text(&app));
    // Yes creates it, saves the field and goes on as Enter asked.
    update(&mut app, Action::Type(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)), &mut c);
    assert!(matches!(&app.popup, Some(Popup::ConfirmNewEpic { .. })));
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert_eq!(saves(&effects), 2, "board.ron (the epic) and the story");
    let id = app.board().file.find_epic("Checkout").map(|e| e.id.to_string()).expect("created");
    assert_eq!(app.board().story(&a).and_then(|s| s.epic.clone()).as_deref(), Some(id.as_str()));
    assert_eq!(app.context(), crate::tui::keymap::Context::Story, "back to browsing");
    assert!(
        status_text(&app).contains(&format!("Epic \"Checkout\" created with {a} in it (R renames it)")),
        "{}",
        status_text(&app)
    );
    // ↑ / ↓ pick among the epics and none.
    focus(&mut app, &mut c, Field::Epic);
    press(&mut app, &mut c, KeyCode::Down);
    let field_text = |app: &App| app.editor.as_ref().map(|e| e.fields[e.focus].1.lines().join("\n"));
    assert_eq!(field_text(&app).as_deref(), Some(""), "after the last epic: none");
    press(&mut app, &mut c, KeyCode::Down);
    assert_eq!(field_text(&app).as_deref(), Some("Checkout"));
    press(&mut app, &mut c, KeyCode::Up);
    assert_eq!(field_text(&app).as_deref(), Some(""));
    press(&mut app, &mut c, KeyCode::Up);
    assert_eq!(field_text(&app).as_deref(), Some("Checkout"));
    update(&mut app, Action::Cancel, &mut c);
    assert!(app.popup.is_none(), "an epic picked is no new epic");
    // An existing epic by name, any case: no question.
    focus(&mut app, &mut c, Field::Epic);
    typed(&mut app, &mut c, "checkout");
    assert_eq!(saves(&update(&mut app, Action::Type(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)), &mut c)), 0);
    assert!(app.popup.is_none());
    // R renames the story's epic; the field shows the new name.
    update(&mut app, Action::RenameEpic, &mut c);
    assert!(matches!(&app.popup, Some(Popup::Prompt(p)) if p.kind == PromptKind::RenameEpic { id: id.clone() }));
    for _ in 0.."Checkout".len() {
        press(&mut app, &mut c, KeyCode::Backspace);
    }
    typed(&mut app, &mut c, "Checkout v2");
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert_eq!(saves(&effects), 1);
    assert_eq!(app.board().file.epic(&id).map(|e| e.name.as_str()), Some("Checkout v2"));
    let shown = app
        .editor
        .as_ref()
        .and_then(|e| e.fields.iter().find(|(f, _)| *f == Field::Epic))
        .map(|(_, t)| t.lines().join(""));
    assert_eq!(shown.as_deref(), Some("Checkout v2"));
    // u undoes the rename.
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(app.board().file.epic(&id).map(|e| e.name.as_str()), Some("Checkout"));
}
