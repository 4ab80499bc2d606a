//! Planning a sprint from the keyboard, capacity feedback, page keys and `:`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{Ctx, SprintState};
use crate::tui::state::{App, Popup, PromptKind, SprintField};
use crate::tui::testing::{fixture, key};
use crate::tui::update::*;

fn typed(app: &mut App, c: &mut Ctx, text: &str) {
    for ch in text.chars() {
        update(app, Action::Type(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)), c);
    }
}

fn status_text(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn selected_title(app: &App) -> Option<String> {
    app.selected_key().and_then(|k| app.board().story(&k)).map(|s| s.title.clone())
}

fn saves(effects: &[Effect]) -> usize {
    effects.iter().filter(|e| matches!(e, Effect::Save { .. })).count()
}

#[test]
fn n_plans_a_sprint_after_the_last_with_the_suggested_name() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::NewSprint, &mut c);
    let Some(Popup::Prompt(p)) = &app.popup else { panic!("a prompt") };
    assert_eq!((p.kind.clone(), p.text()), (PromptKind::NewSprint, "Sprint 3".to_owned()), "the next name, selected");
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert_eq!(saves(&effects), 1);
    let s3 = app.board().file.find_sprint("Sprint 3").expect("planned").clone();
    assert_eq!((s3.state, s3.start.map(|d| d.to_string())), (SprintState::Planned, Some("2026-11-20".into())));
    assert_eq!(s3.end.map(|d| d.to_string()).as_deref(), Some("2026-12-03"), "two weeks when no sprint has dates");
    assert!(status_text(&app).contains("Sprint 3 planned: 2026-11-20 – 2026-12-03"), "{}", status_text(&app));
    assert_eq!(app.planning_lists()[app.plan_sel.pane].as_deref(), Some(s3.id.as_str()), "its pane is focused");
    // Undoable.
    update(&mut app, Action::Undo, &mut c);
    assert!(app.board().file.find_sprint("Sprint 3").is_none());
    // A name taken is refused, and the prompt keeps what was typed.
    update(&mut app, Action::NewSprint, &mut c);
    typed(&mut app, &mut c, "Sprint 1");
    update(&mut app, Action::Confirm, &mut c);
    assert!(matches!(app.popup, Some(Popup::Prompt(_))) && status_text(&app).contains("already a sprint"));
}

#[test]
fn s_starts_the_focused_sprint_and_c_closes_the_active_one_after_asking() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::NextPane, &mut c); // Sprint 1 (active)
    update(&mut app, Action::NextPane, &mut c); // Sprint 2
    update(&mut app, Action::StartSprint, &mut c);
    assert!(status_text(&app).contains("already active"), "{}", status_text(&app));
    update(&mut app, Action::CloseSprint, &mut c);
    assert!(matches!(&app.popup, Some(Popup::ConfirmClose { id }) if id == "sprint-1"));
    let board = app.board();
    let carried = (board.list_name(board.carry_over_to("sprint-1").as_deref()), board.unfinished_in("sprint-1").len());
    assert_eq!(carried, ("Sprint 2".to_owned(), 4));
    update(&mut app, Action::Cancel, &mut c);
    assert_eq!(app.board().file.sprint("sprint-1").map(|s| s.state), Some(SprintState::Active), "n keeps it");
    update(&mut app, Action::CloseSprint, &mut c);
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert_eq!(saves(&effects), 1);
    assert_eq!(app.board().file.sprint("sprint-1").map(|s| s.state), Some(SprintState::Closed));
    assert!(
        status_text(&app).contains("Sprint 1 closed; 4 unfinished stories moved to Sprint 2"),
        "{}",
        status_text(&app)
    );
    update(&mut app, Action::StartSprint, &mut c);
    assert!(status_text(&app).contains("Sprint 2 started"), "{}", status_text(&app));
    assert_eq!(app.board().file.active_sprint().map(|s| s.id.as_str()), Some("sprint-2"));
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(app.board().file.sprint("sprint-2").map(|s| s.state), Some(SprintState::Planned), "undone");
}

#[test]
fn r_edits_a_sprint_field_by_field() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::NextPane, &mut c);
    update(&mut app, Action::EditSprint, &mut c);
    let field = |app: &App| match &app.popup {
        Some(Popup::Prompt(p)) => match &p.kind {
            PromptKind::SprintField { field, .. } => Some((*field, p.text())),
            _ => None,
        },
        _ => None,
    };
    assert_eq!(field(&app), Some((SprintField::Name, "Sprint 1".to_owned())), "starts from the value, selected");
    typed(&mut app, &mut c, "Sprint One");
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(field(&app).map(|f| f.0), Some(SprintField::Goal));
    typed(&mut app, &mut c, "Ship checkout");
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(field(&app), Some((SprintField::Start, "2026-11-20".to_owned())), "set when it started");
    update(&mut app, Action::Confirm, &mut c); // kept
    typed(&mut app, &mut c, "2026-11-01");
    update(&mut app, Action::Confirm, &mut c);
    assert!(status_text(&app).contains("before it starts"), "{}", status_text(&app));
    assert_eq!(field(&app), Some((SprintField::End, "2026-11-01".to_owned())), "asked again, with what was typed");
    for _ in 0..5 {
        update(&mut app, Action::Type(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)), &mut c);
    }
    typed(&mut app, &mut c, "12-04");
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(field(&app).map(|f| f.0), Some(SprintField::Capacity));
    assert_eq!(field(&app).map(|f| f.1).as_deref(), Some("10"));
    typed(&mut app, &mut c, "x");
    update(&mut app, Action::Confirm, &mut c);
    assert!(status_text(&app).contains("not a whole number"), "stays open on a mistake");
    update(&mut app, Action::Cancel, &mut c);
    let s = app.board().file.sprint("sprint-1").expect("sprint");
    assert_eq!((s.name.as_str(), s.goal.as_str(), s.capacity), ("Sprint One", "Ship checkout", Some(10)));
    assert_eq!(s.end.map(|d| d.to_string()).as_deref(), Some("2026-12-04"));
    update(&mut app, Action::Undo, &mut c);
    update(&mut app, Action::Undo, &mut c);
    assert_eq!(app.board().file.sprint("sprint-1").map(|s| s.goal.as_str()), Some(""), "each field is one undo");
}

#[test]
fn capacity_and_wip_are_said_when_a_move_passes_them() {
    let (mut app, mut c) = fixture();
    // Sprint 1 holds 8 of its 10 points; F (2) fits, G (2) is over.
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::SprintNext, &mut c);
    assert!(!status_text(&app).contains("over capacity"), "{}", status_text(&app));
    assert_eq!(selected_title(&app).as_deref(), Some("G"), "the selection stays in the backlog");
    update(&mut app, Action::SprintNext, &mut c);
    assert!(status_text(&app).contains("Sprint 1 is over capacity: 12/10 points"), "{}", status_text(&app));
    assert_eq!(
        app.board().story(&key(&app, "G")).and_then(|s| s.sprint.as_deref()),
        Some("sprint-1"),
        "moved all the same"
    );
    // A column past its WIP limit.
    update(&mut app, Action::Show(View::Board), &mut c);
    app.board_mut().file.columns[1].wip = Some(1);
    update(&mut app, Action::StatusNext, &mut c);
    assert!(status_text(&app).contains("In Progress is over its WIP limit: 2/1"), "{}", status_text(&app));
}

#[test]
fn page_keys_home_and_end_move_through_a_long_list() {
    let (mut app, mut c) = fixture();
    for i in 0..40 {
        let new = crate::domain::NewStory { title: format!("Extra {i:02}"), ..Default::default() };
        app.board_mut().add_story(new, &mut c).expect("add");
    }
    update(&mut app, Action::Show(View::Planning), &mut c);
    let rows = |app: &App| app.plan_sel.row(app.plan_sel.pane);
    update(&mut app, Action::PageDown, &mut c);
    let page = rows(&app);
    assert!(page > 5, "a page is what the pane shows: {page}");
    update(&mut app, Action::Last, &mut c);
    assert_eq!(selected_title(&app).as_deref(), Some("Extra 39"));
    update(&mut app, Action::PageUp, &mut c);
    assert_eq!(rows(&app), 41 - page);
    update(&mut app, Action::First, &mut c);
    assert_eq!(selected_title(&app).as_deref(), Some("F"));
}

#[test]
fn colon_goes_to_a_story_wherever_it_is() {
    let (mut app, mut c) = fixture();
    let e = key(&app, "E");
    let code = e.rsplit('-').next().expect("code").to_lowercase();
    update(&mut app, Action::Show(View::Metrics), &mut c);
    update(&mut app, Action::Jump, &mut c);
    typed(&mut app, &mut c, &code);
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!(app.view, View::Planning, "E is in a planned sprint");
    assert_eq!(selected_title(&app).as_deref(), Some("E"));
    assert!(status_text(&app).contains(&format!("{e} is in Sprint 2")), "{}", status_text(&app));
    let d = key(&app, "D");
    app.filter = "nothing-matches".into();
    update(&mut app, Action::Jump, &mut c);
    typed(&mut app, &mut c, &d.to_lowercase());
    update(&mut app, Action::Confirm, &mut c);
    assert_eq!((app.view, selected_title(&app).as_deref()), (View::Board, Some("D")));
    assert!(status_text(&app).contains("the filter hid it"), "{}", status_text(&app));
    update(&mut app, Action::Jump, &mut c);
    typed(&mut app, &mut c, "zzzz");
    update(&mut app, Action::Confirm, &mut c);
    assert!(matches!(app.popup, Some(Popup::Prompt(_))), "an unknown key keeps the prompt open");
}

#[test]
fn three_from_a_report_view_opens_the_story_selected_before() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Down, &mut c);
    update(&mut app, Action::Show(View::Metrics), &mut c);
    update(&mut app, Action::Show(View::Story), &mut c);
    assert_eq!(app.editor.as_ref().map(|e| e.key.clone()), Some(key(&app, "B")));
}

#[test]
fn the_filter_takes_a_type() {
    let (mut app, mut c) = fixture();
    let b = key(&app, "B");
    app.board_mut()
        .edit_story(&b, crate::domain::Edit { kind: Some(crate::domain::Kind::Bug), ..Default::default() }, &mut c)
        .expect("edit");
    app.filter = "type:bug".into();
    update(&mut app, Action::Down, &mut c);
    let shown: Vec<String> = app.board_columns().iter().flatten().map(|s| s.title.clone()).collect();
    assert_eq!(shown, ["B"]);
    app.filter = "type:story".into();
    update(&mut app, Action::Down, &mut c);
    assert_eq!(app.board_columns().iter().flatten().count(), 3);
}

#[test]
fn report_views_scroll_and_stop_at_their_end() {
    let (mut app, mut c) = fixture();
    for i in 0..30 {
        app.board_mut().new_epic(&format!("Epic {i:02}"), "").expect("epic");
    }
    update(&mut app, Action::Show(View::Roadmap), &mut c);
    let body = crate::tui::layout::screen(app.area).body;
    let last = crate::tui::scroll::roadmap_max_scroll(&app, body);
    assert!(last > 0, "30 epics do not fit at 80x24");
    update(&mut app, Action::Last, &mut c);
    assert_eq!(app.report_scroll, last);
    update(&mut app, Action::Down, &mut c);
    assert_eq!(app.report_scroll, last, "no further than the end");
    update(&mut app, Action::Up, &mut c);
    assert_eq!(app.report_scroll, last - 1, "one key up is one line up, even after End");
    update(&mut app, Action::Show(View::Standup), &mut c);
    assert_eq!(app.report_scroll, 0, "each view starts at its top");
}

#[test]
fn metrics_steps_through_the_sprints_that_started() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Show(View::Metrics), &mut c);
    assert_eq!(app.metrics_sprint().map(|s| s.id.as_str()), Some("sprint-1"), "the active one first");
    update(&mut app, Action::SprintEarlier, &mut c);
    assert!(status_text(&app).contains("No earlier sprint"));
    app.board_mut().close_sprint("sprint-1", &mut c).expect("close");
    app.board_mut().start_sprint("sprint-2", &c).expect("start");
    update(&mut app, Action::SprintEarlier, &mut c);
    assert_eq!(app.metrics_sprint().map(|s| s.id.as_str()), Some("sprint-1"), "a closed sprint's burndown");
    update(&mut app, Action::SprintLater, &mut c);
    assert_eq!(app.metrics_sprint().map(|s| s.id.as_str()), Some("sprint-2"));
}

#[test]
fn m_puts_a_story_before_another_by_key() {
    let (mut app, mut c) = fixture();
    let (a, e) = (key(&app, "A"), key(&app, "E"));
    update(&mut app, Action::PickSprint, &mut c);
    update(&mut app, Action::Last, &mut c);
    update(&mut app, Action::Confirm, &mut c);
    assert!(
        matches!(&app.popup, Some(Popup::Prompt(p)) if matches!(&p.kind, PromptKind::MoveBefore { key } if *key == a))
    );
    typed(&mut app, &mut c, &a.to_lowercase());
    update(&mut app, Action::Confirm, &mut c);
    assert!(status_text(&app).contains("cannot go before itself"), "{}", status_text(&app));
    for _ in 0..a.len() {
        update(&mut app, Action::Type(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)), &mut c);
    }
    typed(&mut app, &mut c, &e);
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert_eq!(saves(&effects), 1);
    assert_eq!(app.list_keys(Some("sprint-2")), [a.clone(), e.clone()], "into E's sprint, just before it");
    assert!(status_text(&app).contains(&format!("{a} moved before {e}: #1 of 2 in Sprint 2")), "{}", status_text(&app));
}

#[test]
fn metrics_scrolls_back_to_earlier_sprints() {
    let (mut app, mut c) = fixture();
    app.board_mut().close_sprint("sprint-1", &mut c).expect("close");
    for i in 3..30 {
        let new = crate::domain::NewSprint { name: format!("Sprint {i}"), ..Default::default() };
        let (id, _) = app.board_mut().new_sprint(new).expect("sprint");
        app.board_mut().start_sprint(&id, &c).expect("start");
        app.board_mut().close_sprint(&id, &mut c).expect("close");
    }
    update(&mut app, Action::Show(View::Metrics), &mut c);
    let body = crate::tui::layout::screen(app.area).body;
    let last = crate::tui::scroll::metrics_max_scroll(&app, body);
    assert!(last > 10, "28 closed sprints do not fit: {last}");
    update(&mut app, Action::Last, &mut c);
    assert_eq!(app.report_scroll, last, "back to the first sprint");
}

#[test]
fn the_report_views_count_the_filtered_board_made_once_per_change() {
    let (mut app, mut c) = fixture();
    assert_eq!(app.filtered().stories.len(), 7, "no filter: the whole board");
    app.filter = "E".into();
    let first = app.filtered();
    assert_eq!(first.stories.values().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["E"]);
    let (crate::tui::state::Shown::Filtered(a), crate::tui::state::Shown::Filtered(b)) = (first, app.filtered()) else {
        panic!("a filtered copy")
    };
    assert!(std::rc::Rc::ptr_eq(&a, &b), "the same copy while nothing changed");
    let f = key(&app, "F");
    app.board_mut()
        .edit_story(&f, crate::domain::Edit { title: Some("E too".into()), ..Default::default() }, &mut c)
        .expect("edit");
    assert_eq!(app.filtered().stories.len(), 2, "made again after a change");
}
