use super::*;
use crate::domain::{Move, NewStory};
use crate::tui::layout;
use crate::tui::state::App;
use crate::tui::testing::{fixture, key};

mod outcome;
mod planning;
mod remote;
mod write;

fn selected_title(app: &App) -> Option<String> {
    app.selected_key().and_then(|k| app.board().story(&k)).map(|s| s.title.clone())
}

fn column_titles(app: &App, col: usize) -> Vec<String> {
    app.board_columns()[col].iter().map(|s| s.title.clone()).collect()
}

fn saved(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save { changes, .. } => Some(changes.stories.iter().cloned().collect::<Vec<_>>()),
            Effect::Quit | Effect::OpenEditor { .. } | Effect::Repair { .. } | Effect::RemoteSync { .. } => None,
        })
        .flatten()
        .collect()
}

#[test]
fn opens_on_the_first_card_of_the_first_column() {
    let (app, _) = fixture();
    assert_eq!(app.view, View::Board);
    assert_eq!(selected_title(&app).as_deref(), Some("A"));
}

#[test]
fn moving_the_selection() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Down, &mut c);
    assert_eq!(selected_title(&app).as_deref(), Some("B"));
    update(&mut app, Action::Down, &mut c);
    update(&mut app, Action::Down, &mut c);
    assert_eq!(selected_title(&app).as_deref(), Some("C"), "stops at the last card");
    update(&mut app, Action::Right, &mut c);
    assert_eq!(selected_title(&app).as_deref(), Some("D"));
    update(&mut app, Action::Right, &mut c);
    update(&mut app, Action::Right, &mut c);
    update(&mut app, Action::Right, &mut c);
    assert_eq!(app.board_sel.pane, 3, "stops at the last column");
    assert_eq!(selected_title(&app), None, "an empty column selects nothing");
    update(&mut app, Action::NextPane, &mut c);
    assert_eq!(app.board_sel.pane, 0, "Tab wraps around");
    assert_eq!(selected_title(&app).as_deref(), Some("C"), "each column remembers its row");
    update(&mut app, Action::PrevPane, &mut c);
    assert_eq!(app.board_sel.pane, 3);
    update(&mut app, Action::Left, &mut c);
    update(&mut app, Action::Up, &mut c);
    assert_eq!(app.board_sel.pane, 2);
}

#[test]
fn status_keys_move_the_story_and_the_selection_follows() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    let effects = update(&mut app, Action::StatusNext, &mut c);
    assert_eq!(saved(&effects), [a.as_str()]);
    assert_eq!(app.board().story(&a).map(|s| s.status.as_str()), Some("doing"));
    assert_eq!(selected_title(&app).as_deref(), Some("A"));
    assert_eq!(app.board_sel.pane, 1);
    assert_eq!(app.status.as_ref().map(|s| s.text.as_str()), Some(format!("{a} → In Progress").as_str()));
    update(&mut app, Action::StatusPrev, &mut c);
    update(&mut app, Action::StatusPrev, &mut c);
    assert_eq!(app.board().story(&a).map(|s| s.status.as_str()), Some("todo"));
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("first column")), "{:?}", app.status);
}

#[test]
fn rank_keys_reorder_within_the_column() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Down, &mut c); // B
    let effects = update(&mut app, Action::RankUp, &mut c);
    assert_eq!(saved(&effects), [key(&app, "B")]);
    assert_eq!(column_titles(&app, 0), ["B", "A", "C"]);
    assert_eq!(selected_title(&app).as_deref(), Some("B"));
    assert!(update(&mut app, Action::RankUp, &mut c).is_empty(), "already at the top");
    update(&mut app, Action::RankBottom, &mut c);
    assert_eq!(column_titles(&app, 0), ["A", "C", "B"]);
    update(&mut app, Action::RankTop, &mut c);
    assert_eq!(column_titles(&app, 0), ["B", "A", "C"]);
    update(&mut app, Action::RankDown, &mut c);
    assert_eq!(column_titles(&app, 0), ["A", "B", "C"]);
    assert!(
        app.status.as_ref().is_some_and(|s| s.text.contains("#2 of 3 in To Do")),
        "the place in its column: {:?}",
        app.status
    );
}

#[test]
fn sprint_keys_move_between_backlog_and_sprints() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::SprintNext, &mut c);
    assert_eq!(app.board().story(&a).and_then(|s| s.sprint.as_deref()), Some("sprint-2"));
    assert_eq!(column_titles(&app, 0), ["B", "C"], "it leaves the board");
    assert_eq!(selected_title(&app).as_deref(), Some("B"), "the selection stays in place");

    update(&mut app, Action::Show(View::Planning), &mut c);
    let f = key(&app, "F");
    assert_eq!(app.plan_sel.pane, 0, "planning opens on the backlog");
    assert_eq!(selected_title(&app).as_deref(), Some("F"));
    update(&mut app, Action::SprintNext, &mut c);
    assert_eq!(app.board().story(&f).and_then(|s| s.sprint.as_deref()), Some("sprint-1"));
    assert_eq!(app.plan_sel.pane, 0, "filling a sprint is > > >: the selection stays in the backlog");
    assert_ne!(selected_title(&app).as_deref(), Some("F"));
    crate::tui::update::select_key(&mut app, &f);
    assert_eq!((app.plan_sel.pane, selected_title(&app).as_deref()), (1, Some("F")));
    update(&mut app, Action::SprintPrev, &mut c);
    assert_eq!(app.board().story(&f).and_then(|s| s.sprint.clone()), None);
    crate::tui::update::select_key(&mut app, &f);
    let effects = update(&mut app, Action::SprintPrev, &mut c);
    assert!(effects.is_empty());
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("before every sprint")));
}

#[test]
fn planning_reorders_the_whole_list() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::Down, &mut c); // G
    update(&mut app, Action::RankTop, &mut c);
    let backlog: Vec<String> = app.board().list(None).iter().map(|s| s.title.clone()).collect();
    assert_eq!(backlog, ["G", "F"]);
    update(&mut app, Action::RankDown, &mut c);
    let backlog: Vec<String> = app.board().list(None).iter().map(|s| s.title.clone()).collect();
    assert_eq!(backlog, ["F", "G"]);
    update(&mut app, Action::StatusNext, &mut c);
    assert_eq!(app.board().story(&key(&app, "G")).map(|s| s.status.as_str()), Some("doing"));
}

#[test]
fn the_sprint_picker() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    update(&mut app, Action::PickSprint, &mut c);
    let Some(Popup::Picker { options, .. }) = &app.popup else { panic!("picker open") };
    assert_eq!(options, &[None, Some("sprint-2".into())], "every other open list");
    for _ in 0..3 {
        update(&mut app, Action::Down, &mut c);
    }
    assert!(matches!(app.popup, Some(Popup::Picker { selected: 2, .. })), "the last entry: before a story…");
    update(&mut app, Action::Up, &mut c);
    let effects = update(&mut app, Action::Confirm, &mut c);
    assert!(app.popup.is_none());
    assert_eq!(saved(&effects), [a.as_str()]);
    assert_eq!(app.board().story(&a).and_then(|s| s.sprint.as_deref()), Some("sprint-2"));
    // Cancel leaves everything as it was.
    update(&mut app, Action::PickSprint, &mut c);
    let before = app.board().clone();
    update(&mut app, Action::Show(View::Planning), &mut c);
    assert_eq!(app.view, View::Board, "view keys do not act under a popup");
    update(&mut app, Action::Cancel, &mut c);
    assert!(app.popup.is_none());
    assert_eq!(app.board(), &before);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Help, &mut c);
    assert!(matches!(app.popup, Some(Popup::Help { scroll: 0 })));
    update(&mut app, Action::Down, &mut c);
    assert!(matches!(app.popup, Some(Popup::Help { scroll: 1 })));
    assert_eq!(selected_title(&app).as_deref(), Some("A"), "keys scroll the help, not the board");
    update(&mut app, Action::Cancel, &mut c);
    assert!(app.popup.is_none());
    assert_eq!(update(&mut app, Action::Quit, &mut c), [Effect::Quit]);
}

#[test]
fn mouse_clicks_select_cards_panes_and_tabs() {
    let (mut app, mut c) = fixture();
    // 80x24: four columns of 20; the first card's lines start at row 2, the second at row 6.
    update(&mut app, Action::Click { column: 3, row: 6 }, &mut c);
    assert_eq!(selected_title(&app).as_deref(), Some("B"));
    update(&mut app, Action::Click { column: 25, row: 2 }, &mut c);
    assert_eq!(selected_title(&app).as_deref(), Some("D"));
    update(&mut app, Action::Scroll { column: 3, row: 10, down: true }, &mut c);
    assert_eq!(selected_title(&app).as_deref(), Some("C"), "the wheel moves through the column under it");
    update(&mut app, Action::Click { column: 13, row: 0 }, &mut c);
    assert_eq!(app.view, View::Planning, "a click on a tab opens its view");
    update(&mut app, Action::Click { column: 45, row: 4 }, &mut c);
    assert_eq!(app.plan_sel.pane, 1);
    assert_eq!(selected_title(&app).as_deref(), Some("B"), "a row of Sprint 1");
    update(&mut app, Action::Click { column: 0, row: 23 }, &mut c);
    assert_eq!(app.plan_sel.pane, 1, "clicks outside panes change nothing");
}

#[test]
fn long_columns_scroll_with_the_selection() {
    let (mut app, mut c) = fixture();
    for i in 0..10 {
        let new = NewStory { title: format!("extra {i}"), sprint: Some("sprint-1".into()), ..Default::default() };
        app.board_mut().add_story(new, &mut c).expect("add");
    }
    for _ in 0..12 {
        update(&mut app, Action::Down, &mut c);
    }
    assert_eq!(selected_title(&app).as_deref(), Some("extra 9"));
    let fit = layout::cards_per_column(&layout::board_columns(layout::screen(app.area).body, 4)[0]);
    assert_eq!(app.board_sel.offset(0), 13 - fit);
    update(&mut app, Action::Click { column: 3, row: 2 }, &mut c);
    assert_eq!(app.board_sel.row(0), 13 - fit, "clicks count from the first card shown");
}

#[test]
fn no_active_sprint_and_no_story_selected() {
    let (mut app, mut c) = fixture();
    app.board_mut().close_sprint("sprint-1", &mut c).expect("close");
    update(&mut app, Action::Resized { width: 80, height: 24 }, &mut c);
    assert_eq!(app.selected_key(), None);
    assert!(update(&mut app, Action::StatusNext, &mut c).is_empty());
    assert_eq!(app.status.as_ref().map(|s| s.text.as_str()), Some("No story selected"));
}

#[test]
fn placeholder_views_ignore_movement() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Show(View::Metrics), &mut c);
    update(&mut app, Action::Right, &mut c);
    update(&mut app, Action::Show(View::Board), &mut c);
    assert_eq!(app.board_sel.pane, 0);
}

#[test]
fn velocity_is_the_average_of_recent_closed_sprints() {
    let (mut app, mut c) = fixture();
    assert_eq!(app.velocity(), None);
    let d = key(&app, "D");
    app.board_mut().move_story(&d, &Move { status: Some("done".into()), ..Move::default() }, &mut c).expect("done");
    app.board_mut().close_sprint("sprint-1", &mut c).expect("close");
    assert_eq!(app.velocity(), Some(2));
}

#[test]
fn the_messages_key_keeps_the_last_twenty_messages() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Messages, &mut c);
    assert!(app.popup.is_none());
    assert_eq!(app.status.as_ref().map(|s| s.text.as_str()), Some("No messages yet"));
    for i in 0..30 {
        app.info(format!("message {i}"));
        // Said twice at once, kept once.
        app.info(format!("message {i}"));
    }
    assert_eq!(app.messages.len(), crate::tui::state::MESSAGES_KEPT);
    assert_eq!(app.messages.front().map(|m| m.text.as_str()), Some("message 10"));
    assert_eq!(app.messages.back().map(|m| m.text.as_str()), Some("message 29"));
    update(&mut app, Action::Resized { width: 80, height: 12 }, &mut c);
    update(&mut app, Action::Messages, &mut c);
    assert!(matches!(app.popup, Some(Popup::Messages { scroll: 0 })));
    assert_eq!(app.context(), crate::tui::keymap::Context::Help);
    update(&mut app, Action::Last, &mut c);
    let Some(Popup::Messages { scroll }) = app.popup else { panic!("still open") };
    assert!(scroll > 0, "twenty messages do not fit 12 rows: it scrolls");
    update(&mut app, Action::Cancel, &mut c);
    assert!(app.popup.is_none());
}

#[test]
fn a_resize_scrolls_each_list_to_show_as_many_rows_as_fit() {
    let (mut app, mut c) = fixture();
    for i in 0..4 {
        let new = NewStory { title: format!("More {i}"), sprint: Some("sprint-1".into()), ..Default::default() };
        app.board_mut().add_story(new, &mut c).expect("add");
    }
    // To Do holds 7 cards; 5 fit at 80x24.
    update(&mut app, Action::Last, &mut c);
    assert_eq!(app.board_sel.offset(0), 2);
    update(&mut app, Action::Resized { width: 20, height: 5 }, &mut c);
    update(&mut app, Action::Resized { width: 40, height: 8 }, &mut c);
    assert_eq!(app.board_sel.offset(0), 6, "one card fits: the selected one");
    update(&mut app, Action::Resized { width: 80, height: 24 }, &mut c);
    assert_eq!(app.board_sel.offset(0), 2, "five fit again: no space left below the last card");
    update(&mut app, Action::Resized { width: 80, height: 40 }, &mut c);
    assert_eq!(app.board_sel.offset(0), 0, "all seven fit");
    assert_eq!(app.board_sel.row(0), 6, "the selection stays");
    // Planning too: the backlog scrolled down shows its top again once it all fits.
    update(&mut app, Action::Show(View::Planning), &mut c);
    for i in 0..30 {
        let new = NewStory { title: format!("Backlog {i}"), ..Default::default() };
        app.board_mut().add_story(new, &mut c).expect("add");
    }
    update(&mut app, Action::Resized { width: 80, height: 24 }, &mut c);
    let backlog = app.planning_lists().iter().position(Option::is_none).expect("backlog pane");
    app.plan_sel.pane = backlog;
    update(&mut app, Action::Last, &mut c);
    assert!(app.plan_sel.offset(backlog) > 0);
    update(&mut app, Action::Resized { width: 80, height: 60 }, &mut c);
    assert_eq!(app.plan_sel.offset(backlog), 0);
}
