//! Snapshots of every view with `TestBackend`, at 80x24, a narrow 40x12 and 1x1.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use super::render;
use crate::domain::{Edit, Move, NewStory};
use crate::tui::action::{Action, View};
use crate::tui::state::App;
use crate::tui::testing::{ctx, fixture, key};
use crate::tui::theme::Theme;
use crate::tui::update::update;

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resized { width: w, height: h }, &mut ctx());
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| render(app, f)).expect("draw");
    t
}

/// The fixture, dressed up: assignees, an epic, labels, a blocked story and a wide title.
fn rich() -> App {
    let (mut app, mut c) = fixture();
    app.board_mut().new_epic("Checkout", "").expect("epic");
    let a = key(&app, "A");
    let edit = Edit {
        assignee: Some(Some("ana".into())),
        epic: Some(Some("checkout".into())),
        labels: Some(vec!["web".into()]),
        ..Edit::default()
    };
    app.board_mut().edit_story(&a, edit, &mut c).expect("edit");
    let b = key(&app, "B");
    app.board_mut()
        .edit_story(&b, Edit { blocked: Some(Some("waiting".into())), ..Edit::default() }, &mut c)
        .expect("edit");
    let new = NewStory {
        title: "日本語のタイトル 🎉 wide".into(),
        sprint: Some("sprint-1".into()),
        points: Some(5),
        ..Default::default()
    };
    app.board_mut().add_story(new, &mut c).expect("add");
    app
}

#[test]
fn board_80x24() {
    let mut app = rich();
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn board_40x12() {
    let mut app = rich();
    insta::assert_snapshot!(draw(&mut app, 40, 12).backend());
}

#[test]
fn board_1x1_and_other_tiny_sizes_do_not_panic() {
    let mut app = rich();
    insta::assert_snapshot!(draw(&mut app, 1, 1).backend());
    for (w, h) in [(0, 0), (2, 1), (19, 5), (20, 6), (21, 7), (30, 8), (200, 3), (3, 60)] {
        for view in [View::Board, View::Planning, View::Metrics] {
            app.view = view;
            draw(&mut app, w, h);
            update(&mut app, Action::Help, &mut ctx());
            draw(&mut app, w, h);
            update(&mut app, Action::Cancel, &mut ctx());
        }
    }
}

#[test]
fn board_with_a_wip_limit_exceeded() {
    let mut app = rich();
    app.board_mut().file.columns[1].wip = Some(1);
    let a = key(&app, "A");
    app.board_mut()
        .move_story(&a, &Move { status: Some("doing".into()), ..Move::default() }, &mut ctx())
        .expect("move");
    let t = draw(&mut app, 80, 24);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("In Progress 2/1!"), "{screen}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn board_with_an_empty_sprint_and_with_none_active() {
    let (mut app, mut c) = fixture();
    let keys: Vec<String> = app.board().list(Some("sprint-1")).iter().map(|s| s.key.to_string()).collect();
    for k in keys {
        app.board_mut().move_story(&k, &Move { sprint: Some(None), ..Move::default() }, &mut c).expect("move");
    }
    insta::assert_snapshot!("empty_sprint", draw(&mut app, 80, 24).backend());
    app.board_mut().close_sprint("sprint-1", &mut c).expect("close");
    insta::assert_snapshot!("no_active_sprint", draw(&mut app, 80, 24).backend());
}

#[test]
fn planning_80x24_and_40x12() {
    let mut app = rich();
    update(&mut app, Action::Show(View::Planning), &mut ctx());
    insta::assert_snapshot!("planning_80x24", draw(&mut app, 80, 24).backend());
    update(&mut app, Action::NextPane, &mut ctx());
    update(&mut app, Action::NextPane, &mut ctx());
    insta::assert_snapshot!("planning_40x12_third_pane", draw(&mut app, 40, 12).backend());
}

#[test]
fn planning_shows_velocity_once_a_sprint_closed() {
    let (mut app, mut c) = fixture();
    let d = key(&app, "D");
    app.board_mut().move_story(&d, &Move { status: Some("done".into()), ..Move::default() }, &mut c).expect("move");
    app.board_mut().close_sprint("sprint-1", &mut c).expect("close");
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::NextPane, &mut c);
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("8 pts · 6 over velocity 2"), "the velocity's own words, cut to fit: {screen}");
    let screen = format!("{}", draw(&mut app, 120, 24).backend());
    assert!(screen.contains("8 pts · 6 over the recent velocity of 2"), "{screen}");
}

/// The board a first run creates shows the forecast in Planning and the Roadmap, by name.
#[test]
fn the_example_board_shows_the_forecast() {
    let today = "2027-03-10".parse().expect("date");
    let board = crate::interop::example::example_board(today).expect("example");
    let keymap = crate::tui::keymap::Keymap::default_keymap();
    let mut app = App::new(board, keymap, Theme::default(), "board at /test".into(), today);
    app.tz = jiff::tz::TimeZone::UTC;
    update(&mut app, Action::Show(View::Planning), &mut ctx());
    let screen = format!("{}", draw(&mut app, 120, 30).backend());
    assert!(screen.contains("→ sprint done by (85 %)"), "{screen}");
    assert!(screen.contains("→S26*"), "the backlog lands beyond the planned Sprint 25: {screen}");
    assert!(!screen.contains("no forecast yet"), "{screen}");
    insta::assert_snapshot!("example_planning_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("example_planning_40x12", draw(&mut app, 40, 12).backend());
    update(&mut app, Action::Show(View::Roadmap), &mut ctx());
    let screen = format!("{}", draw(&mut app, 120, 30).backend());
    assert!(!screen.contains("not enough history"), "{screen}");
    // Sprint 24 runs 03-08 to 03-19, Sprint 25 to 04-02, the projected Sprint 26 to Friday 04-16.
    assert!(screen.contains("S26* 04-16"), "{screen}");
}

/// Story files written by hand may hold any estimate: every view draws a board whose every
/// story holds `u32::MAX` points without a panic (an overflow in a debug build), its sums
/// saturated rather than wrapped.
#[test]
fn estimates_of_u32_max_draw_saturated_sums_in_every_view() {
    let today = "2027-03-10".parse().expect("date");
    let mut board = crate::interop::example::example_board(today).expect("example");
    for story in board.stories.values_mut() {
        story.points = Some(u32::MAX);
    }
    let keymap = crate::tui::keymap::Keymap::default_keymap();
    let mut app = App::new(board, keymap, Theme::default(), "board at /test".into(), today);
    app.tz = jiff::tz::TimeZone::UTC;
    let max = u32::MAX.to_string();
    for view in View::ALL {
        update(&mut app, Action::Show(view), &mut ctx());
        for (w, h) in [(200, 40), (80, 24), (40, 12)] {
            let screen = format!("{}", draw(&mut app, w, h).backend());
            if (view, w) == (View::Board, 200) || (view, w) == (View::Planning, 200) {
                assert!(screen.contains(&max), "{view:?}: {screen}");
            }
        }
    }
}

/// Capacity and velocity are two statements: a sprint under its capacity may still be over
/// the velocity (never "over" alone, which reads as over capacity).
#[test]
fn capacity_and_velocity_are_said_apart() {
    let (mut app, mut c) = fixture();
    let d = key(&app, "D");
    app.board_mut().move_story(&d, &Move { status: Some("done".into()), ..Move::default() }, &mut c).expect("move");
    app.board_mut().close_sprint("sprint-1", &mut c).expect("close");
    let capacity = crate::domain::SprintEdit { capacity: Some(Some(10)), ..Default::default() };
    app.board_mut().edit_sprint("sprint-2", capacity).expect("capacity");
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::NextPane, &mut c);
    let screen = format!("{}", draw(&mut app, 120, 24).backend());
    assert!(screen.contains("8/10 pts · 6 over the recent velocity of 2"), "{screen}");
    assert!(!screen.contains("over capacity") && !screen.contains("over by"), "{screen}");
    let capacity = crate::domain::SprintEdit { capacity: Some(Some(5)), ..Default::default() };
    app.board_mut().edit_sprint("sprint-2", capacity).expect("capacity");
    let screen = format!("{}", draw(&mut app, 200, 24).backend());
    assert!(screen.contains("8/5 pts · 3 over capacity · 6 over the recent velocity of 2"), "{screen}");
}

/// A filtered pane says how much of the sprint it shows, and weighs the whole sprint against
/// the capacity.
#[test]
fn a_filtered_pane_says_what_it_shows_of_the_sprint() {
    let (mut app, mut c) = fixture();
    let capacity = crate::domain::SprintEdit { capacity: Some(Some(7)), ..Default::default() };
    app.board_mut().edit_sprint("sprint-1", capacity).expect("capacity");
    update(&mut app, Action::Show(View::Planning), &mut c);
    let screen = format!("{}", draw(&mut app, 120, 24).backend());
    assert!(screen.contains("8/7 pts · 1 over capacity"), "unfiltered: {screen}");
    assert!(screen.contains("4 pts · 2 stories"), "unfiltered: {screen}");
    // Only C shows: 2 of the sprint's 8 points, none of the backlog's.
    app.filter = "C".into();
    let screen = format!("{}", draw(&mut app, 120, 24).backend());
    assert!(screen.contains("2 of 8/7 pts shown · 1 over capacity"), "{screen}");
    assert!(screen.contains("0 of 4 pts · 0 of 2 stories shown"), "the backlog: {screen}");
}

#[test]
fn help_and_picker_popups() {
    let mut app = rich();
    update(&mut app, Action::Help, &mut ctx());
    insta::assert_snapshot!("help_80x24", draw(&mut app, 80, 24).backend());
    update(&mut app, Action::Cancel, &mut ctx());
    update(&mut app, Action::PickSprint, &mut ctx());
    insta::assert_snapshot!("picker_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("picker_40x12", draw(&mut app, 40, 12).backend());
}

#[test]
fn standup_80x24_and_40x12() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    app.board_mut()
        .edit_story(
            &a,
            Edit { assignee: Some(Some("ana".into())), blocked: Some(Some("API".into())), ..Edit::default() },
            &mut c,
        )
        .expect("e");
    let d = key(&app, "D");
    app.board_mut().edit_story(&d, Edit { assignee: Some(Some("ana".into())), ..Edit::default() }, &mut c).expect("e");
    update(&mut app, Action::Show(View::Standup), &mut c);
    for _ in 0..83 {
        update(&mut app, Action::Tick, &mut c);
    }
    let t = draw(&mut app, 80, 24);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("01:23") && screen.contains("Blocked") && screen.contains("API"), "{screen}");
    insta::assert_snapshot!("standup_80x24", t.backend());
    insta::assert_snapshot!("standup_40x12", draw(&mut app, 40, 12).backend());
}

#[test]
fn no_color_draws_no_colour_and_keeps_the_selection_visible() {
    let mut app = rich();
    app.theme = Theme::no_color();
    let t = draw(&mut app, 80, 24);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    let reversed = buf.content().iter().filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED)).count();
    assert!(reversed > 10, "the selected card is drawn in reverse video");
}

#[test]
fn story_view_80x24_and_40x12() {
    let mut app = rich();
    let a = key(&app, "A");
    let edit = Edit {
        description: Some("As a shopper\nI want to pay faster".into()),
        acceptance: Some("- two clicks".into()),
        rice: Some(Some(crate::domain::Rice { reach: 100.0, impact: 2.0, confidence: 0.5, effort: 4.0 })),
        moscow: Some(Some(crate::domain::Moscow::Must)),
        ..Edit::default()
    };
    app.board_mut().edit_story(&a, edit, &mut ctx()).expect("edit");
    update(&mut app, Action::Edit, &mut ctx());
    insta::assert_snapshot!("story_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("story_40x12", draw(&mut app, 40, 12).backend());
    update(&mut app, Action::Cancel, &mut ctx());
    update(&mut app, Action::Show(View::Story), &mut ctx());
    app.editor = None;
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("No story is open"), "{screen}");
}

/// A title being edited that was changed elsewhere shows theirs beside it; saving asks, with
/// both values, at 80x24 and 40x12.
#[test]
fn the_story_view_shows_theirs_and_asks_at_80x24_and_40x12() {
    let mut app = rich();
    let a = key(&app, "A");
    update(&mut app, Action::Edit, &mut ctx());
    update(&mut app, Action::Edit, &mut ctx());
    for ch in "Pay with one click from the saved card".chars() {
        let k = ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(ch),
            ratatui::crossterm::event::KeyModifiers::NONE,
        );
        update(&mut app, Action::Type(k), &mut ctx());
    }
    let mut theirs = app.board().story(&a).cloned().expect("A");
    theirs.title = "Checkout in a single page for returning customers".into();
    let report = crate::store::Refresh { changed: vec![theirs], ..Default::default() };
    update(&mut app, Action::Done(Box::new(crate::tui::action::Outcome::Refreshed(Box::new(report)))), &mut ctx());
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("theirs: Checkout in"), "{screen}");
    insta::assert_snapshot!("story_theirs_80x24", draw(&mut app, 80, 24).backend());
    update(&mut app, Action::NextField, &mut ctx());
    insta::assert_snapshot!("story_clash_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("story_clash_40x12", draw(&mut app, 40, 12).backend());
}

/// A long description wraps in its pane while another field is edited; a comment shows in the
/// history pane.
#[test]
fn the_story_view_wraps_a_long_description_and_shows_comments() {
    let mut app = rich();
    let a = key(&app, "A");
    let long = "Customers abandon the checkout when the card form asks for the same details again.";
    let edit = Edit { description: Some(long.into()), ..Edit::default() };
    app.board_mut().edit_story(&a, edit, &mut ctx()).expect("edit");
    app.board_mut().add_comment(&a, "Design review on Thursday", &ctx()).expect("comment");
    update(&mut app, Action::Edit, &mut ctx());
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("Customers abandon the") && screen.contains("checkout when the card"), "{screen}");
    assert!(screen.contains("History · 1 comment") && screen.contains("ana: Design"), "{screen}");
}

#[test]
fn every_prompt_at_80x24_and_40x12() {
    let opens: [(&str, Action); 7] = [
        ("prompt_new_story", Action::NewStory),
        ("prompt_blocked", Action::Block),
        ("prompt_points", Action::Points),
        ("prompt_assign", Action::Assign),
        ("prompt_filter", Action::Filter),
        ("confirm_delete", Action::Delete),
        ("sort", Action::Sort),
    ];
    for (name, open) in opens {
        let mut app = rich();
        update(&mut app, open, &mut ctx());
        assert!(app.popup.is_some(), "{name} opens a popup");
        insta::assert_snapshot!(format!("{name}_80x24"), draw(&mut app, 80, 24).backend());
        insta::assert_snapshot!(format!("{name}_40x12"), draw(&mut app, 40, 12).backend());
    }
}

#[test]
fn scores_and_the_filter_show_on_the_board() {
    let mut app = rich();
    let b = key(&app, "B");
    let edit = Edit {
        rice: Some(Some(crate::domain::Rice { reach: 100.0, impact: 2.0, confidence: 0.5, effort: 4.0 })),
        moscow: Some(Some(crate::domain::Moscow::Should)),
        ..Edit::default()
    };
    app.board_mut().edit_story(&b, edit, &mut ctx()).expect("edit");
    app.filter = "@ana".into();
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("/@ana"), "the active filter is shown: {screen}");
    app.filter.clear();
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("[S] R25"), "the score is on the card: {screen}");
    update(&mut app, Action::Show(View::Planning), &mut ctx());
    update(&mut app, Action::NextPane, &mut ctx());
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("[S] R25"), "and on the planning row: {screen}");
}

#[test]
fn metrics_and_roadmap_80x24_and_40x12() {
    let (mut app, mut c) = fixture();
    let (a, b) = (key(&app, "A"), key(&app, "B"));
    app.board_mut().move_story(&a, &Move { status: Some("done".into()), ..Move::default() }, &mut c).expect("done");
    app.board_mut().new_epic("Checkout", "").expect("epic");
    app.board_mut().edit_story(&b, Edit { epic: Some(Some("checkout".into())), ..Edit::default() }, &mut c).expect("e");
    if let Some(s) = app.board_mut().file.sprints.iter_mut().find(|s| s.id == "sprint-1") {
        s.start = Some("2026-11-16".parse().expect("date"));
        s.end = Some("2026-11-27".parse().expect("date"));
    }
    update(&mut app, Action::Show(View::Metrics), &mut ctx());
    let t = draw(&mut app, 80, 24);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("Velocity") && screen.contains("Burndown: Sprint 1"), "{screen}");
    insta::assert_snapshot!("metrics_80x24", t.backend());
    insta::assert_snapshot!("metrics_40x12", draw(&mut app, 40, 12).backend());
    update(&mut app, Action::Show(View::Roadmap), &mut ctx());
    let t = draw(&mut app, 80, 24);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("Checkout") && screen.contains("2p"), "{screen}");
    insta::assert_snapshot!("roadmap_80x24", t.backend());
    insta::assert_snapshot!("roadmap_40x12", draw(&mut app, 40, 12).backend());
}

#[test]
fn swimlanes_80x24_and_40x12() {
    let mut app = rich();
    update(&mut app, Action::Swimlanes, &mut ctx());
    let t = draw(&mut app, 80, 24);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("▸ @ana (1)") && screen.contains("▸ (unassigned)"), "{screen}");
    insta::assert_snapshot!("lanes_assignee_80x24", t.backend());
    insta::assert_snapshot!("lanes_assignee_40x12", draw(&mut app, 40, 12).backend());
    update(&mut app, Action::Swimlanes, &mut ctx());
    insta::assert_snapshot!("lanes_epic_80x24", draw(&mut app, 80, 24).backend());
}

/// The sprint forms and views added for planning: the close question, a scrolled roadmap, the
/// new-sprint prompt, and a card whose title has a ZWJ emoji sequence.
#[test]
fn close_question_scrolled_roadmap_and_wide_sequences() {
    let (mut app, mut c) = fixture();
    update(&mut app, Action::Show(View::Planning), &mut c);
    update(&mut app, Action::CloseSprint, &mut c);
    insta::assert_snapshot!("confirm_close_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("confirm_close_40x12", draw(&mut app, 40, 12).backend());
    update(&mut app, Action::Cancel, &mut c);
    update(&mut app, Action::NewSprint, &mut c);
    insta::assert_snapshot!("prompt_new_sprint_80x24", draw(&mut app, 80, 24).backend());
    update(&mut app, Action::Cancel, &mut c);
    for i in 0..30 {
        app.board_mut().new_epic(&format!("Epic {i:02}"), "").expect("epic");
    }
    update(&mut app, Action::Show(View::Roadmap), &mut c);
    update(&mut app, Action::PageDown, &mut c);
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("Epic 29") || screen.contains("more"), "{screen}");
    insta::assert_snapshot!("roadmap_scrolled_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("roadmap_scrolled_40x12", draw(&mut app, 40, 12).backend());
    let a = key(&app, "A");
    let title = Edit { title: Some("👩‍💻 pairs with 👨‍👩‍👧 today".into()), ..Edit::default() };
    app.board_mut().edit_story(&a, title, &mut c).expect("title");
    update(&mut app, Action::Show(View::Board), &mut c);
    insta::assert_snapshot!("board_zwj_80x24", draw(&mut app, 80, 24).backend());
}

/// With two closed sprints, backlog rows say the sprint they are done by at 85 %, and the
/// Roadmap each epic's date.
#[test]
fn planning_and_roadmap_show_the_forecast() {
    let (mut app, mut c) = fixture();
    // Close Sprint 1 (2 stories done: 4 points), then a second sprint with 2 points done.
    for title in ["A", "B"] {
        let k = key(&app, title);
        app.board_mut().move_story(&k, &Move { status: Some("done".into()), ..Move::default() }, &mut c).expect("done");
    }
    app.board_mut().close_sprint("sprint-1", &mut c).expect("close");
    app.board_mut().start_sprint("sprint-2", &c).expect("start");
    let e = key(&app, "E");
    app.board_mut().move_story(&e, &Move { status: Some("done".into()), ..Move::default() }, &mut c).expect("done");
    app.board_mut().close_sprint("sprint-2", &mut c).expect("close");
    app.board_mut().new_epic("Checkout", "").expect("epic");
    let f = key(&app, "F");
    app.board_mut()
        .edit_story(&f, Edit { epic: Some(Some("checkout".into())), ..Edit::default() }, &mut c)
        .expect("epic");
    update(&mut app, Action::Show(View::Planning), &mut ctx());
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("→ sprint done by (85 %) · * projected"), "{screen}");
    // Sprints 1 and 2 closed, none planned: every sprint ahead is projected after Sprint 2.
    assert!(screen.contains("2p →S3*"), "a backlog row with its sprint: {screen}");
    assert!(!screen.contains('~'), "{screen}");
    update(&mut app, Action::Show(View::Roadmap), &mut ctx());
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("85 % by") && screen.contains("Checkout"), "{screen}");
    assert!(!screen.contains("not enough history"), "{screen}");
}

/// A story file that cannot be read: its placeholder above the columns (key, file, line and
/// column, what is wrong, how to repair it), selected as when the board opens.
fn with_damaged(app: &mut App) {
    let damage = |key: &str, at, reason: &str| crate::domain::Damaged {
        file: format!("stories/{key}.ron"),
        at,
        reason: reason.into(),
    };
    let board = app.board_mut();
    board.damaged.insert("SB-K7QX".into(), damage("SB-K7QX", Some((34, 2)), "non-whitespace trailing characters"));
    app.damaged_focus = Some(0);
    app.error(crate::tui::damaged_notice(app.board()).expect("notice"));
}

#[test]
fn board_with_a_damaged_story_80x24() {
    let mut app = rich();
    with_damaged(&mut app);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn planning_with_two_damaged_stories_80x24() {
    let mut app = rich();
    with_damaged(&mut app);
    app.board_mut().damaged.insert(
        "SB-Z9Z9".into(),
        crate::domain::Damaged {
            file: "stories/SB-Z9Z9.ron".into(),
            at: None,
            reason: "is not a regular file (a directory, a pipe or a device)".into(),
        },
    );
    app.damaged_focus = None;
    update(&mut app, Action::Show(View::Planning), &mut ctx());
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn board_ron_that_cannot_be_read_80x24() {
    let screen = crate::tui::broken_board::BrokenBoard {
        problem:
            "/team/.sprintboard/board.ron:7:5: unknown field `colour` (refused rather than dropped on the next save)"
                .into(),
        note: Some("The editor was left empty: board.ron is unchanged.".into()),
    };
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| crate::tui::broken_board::render(&screen, &Theme::default(), f)).expect("draw");
    insta::assert_snapshot!(t.backend());
}

mod controls;
mod remote;

/// A closed sprint's burndown ends at the work it carried over, marked on the day it closed;
/// the days after an early close have no figure.
#[test]
fn metrics_of_a_closed_sprint_marks_the_carry_over() {
    let (mut app, _) = fixture();
    let a = key(&app, "A");
    let at = |t: &str| crate::domain::Ctx::new(t.parse().expect("time"), "ana", 3);
    if let Some(s) = app.board_mut().file.sprints.iter_mut().find(|s| s.id == "sprint-1") {
        s.start = Some("2026-11-16".parse().expect("date"));
        s.end = Some("2026-11-27".parse().expect("date"));
    }
    let done = Move { status: Some("done".into()), ..Move::default() };
    app.board_mut().move_story(&a, &done, &mut at("2026-11-20T10:00:00Z")).expect("done");
    // B, C and D (2 points each) are carried over to Sprint 2.
    app.board_mut().close_sprint("sprint-1", &mut at("2026-11-20T17:00:00Z")).expect("close");
    update(&mut app, Action::Show(View::Metrics), &mut ctx());
    let t = draw(&mut app, 80, 24);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("Burndown: Sprint 1 (closed)"), "{screen}");
    let row = screen.lines().find(|l| l.contains("11-20")).expect("the close day");
    assert!(row.contains("11-20    6") && row.contains("carried over"), "{row}");
    assert!(screen.lines().any(|l| l.contains("11-21    -")), "{screen}");
    insta::assert_snapshot!("metrics_closed_80x24", t.backend());
}

/// A message longer than the status line: its paths shortened from the left, then a second
/// row (the board gives up a row); what is still cut is read in full with `!`.
#[test]
fn a_long_message_wraps_and_is_read_in_full_with_the_messages_key() {
    let mut app = rich();
    let path = "/home/someone/projects/shop/.sprintboard/board/stories/SB-X7Q2.ron";
    app.error(format!(
        "{path} was changed elsewhere and cannot be read; the version before is kept (line 3, column 7: expected a comma)"
    ));
    let wide = draw(&mut app, 80, 24);
    insta::assert_snapshot!("long_message_80x24", wide.backend());
    let narrow = draw(&mut app, 40, 12);
    insta::assert_snapshot!("long_message_40x12", narrow.backend());
    // At 80 columns it fits two rows whole, the file name and the fix included.
    let screen = format!("{}", wide.backend());
    assert!(screen.contains("…/board/stories/SB-X7Q2.ron was changed elsewhere"), "{screen}");
    assert!(screen.contains("expected a comma)"), "{screen}");
    assert_eq!(app.screen().status.height, 2, "the board gives up a row");
    // At 40 columns the end is cut, and the hint says which key shows it all.
    let screen = format!("{}", narrow.backend());
    assert!(screen.contains("SB-X7Q2.ron"), "{screen}");
    assert!(screen.contains("! all"), "{screen}");
    app.info("Saved");
    update(&mut app, Action::Messages, &mut ctx());
    let popup = draw(&mut app, 80, 24);
    insta::assert_snapshot!("messages_80x24", popup.backend());
    let screen = format!("{}", popup.backend());
    assert!(screen.contains("expected a comma)"), "the whole text: {screen}");
    insta::assert_snapshot!("messages_40x12", draw(&mut app, 40, 12).backend());
    // A short message keeps one row.
    update(&mut app, Action::Cancel, &mut ctx());
    assert!(app.popup.is_none());
    assert_eq!(app.screen().status.height, 1);
}

/// Acceptance criteria being typed wrap in their pane, as they do when read: the start of a
/// long line stays in view.
#[test]
fn acceptance_criteria_wrap_while_typed() {
    let mut app = rich();
    update(&mut app, Action::Edit, &mut ctx());
    while app.editor.as_ref().map(|e| e.fields[e.focus].0) != Some(crate::tui::state::Field::Acceptance) {
        update(&mut app, Action::NextField, &mut ctx());
    }
    update(&mut app, Action::Edit, &mut ctx());
    for ch in "Given a saved card when the shopper pays then no form is asked for again".chars() {
        let k = ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(ch),
            ratatui::crossterm::event::KeyModifiers::NONE,
        );
        update(&mut app, Action::Type(k), &mut ctx());
    }
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("Given a saved card"), "the start stays in view: {screen}");
    assert!(screen.contains("asked for again"), "{screen}");
    insta::assert_snapshot!("acceptance_typed_80x24", draw(&mut app, 80, 24).backend());
}

/// After `N` the new sprint's pane says how to fill it, and so does `>` there.
#[test]
fn an_empty_sprint_says_how_to_fill_it() {
    let mut app = rich();
    update(&mut app, Action::Show(View::Planning), &mut ctx());
    update(&mut app, Action::NewSprint, &mut ctx());
    update(&mut app, Action::Confirm, &mut ctx());
    update(&mut app, Action::SprintNext, &mut ctx());
    let said = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        said.contains("is empty: > on a story in Sprint 2 moves it here, m picks its sprint, n adds one"),
        "{said}"
    );
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("(empty: > on a story in Sprint 2"), "{screen}");
    insta::assert_snapshot!("planning_empty_sprint_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("planning_empty_sprint_40x12", draw(&mut app, 40, 12).backend());
    // The backlog, emptied: `<` brings stories back to it, `>` never does.
    assert_eq!(
        crate::tui::hints::how_to_fill(&app.keymap, app.board(), None),
        "< on a story in a sprint moves it here, n adds one"
    );
}

/// At 40x12 the burndown shows the latest days and says how many earlier ones are hidden.
#[test]
fn the_burndown_says_how_many_earlier_days_are_hidden_at_40x12() {
    let (mut app, _) = fixture();
    if let Some(s) = app.board_mut().file.sprints.iter_mut().find(|s| s.id == "sprint-1") {
        s.start = Some("2026-11-09".parse().expect("date"));
        s.end = Some("2026-11-27".parse().expect("date"));
    }
    update(&mut app, Action::Show(View::Metrics), &mut ctx());
    let t = draw(&mut app, 40, 12);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("earlier (↓)"), "{screen}");
    insta::assert_snapshot!("burndown_earlier_40x12", t.backend());
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(!screen.contains("earlier"), "every day fits at 80x24: {screen}");
}

/// `?` names `blocked:` on the filter line and `!` for the last messages, and says `↓ scrolls`
/// only when something is scrolled out of view.
#[test]
fn the_help_names_every_filter_and_scrolls_only_when_it_must() {
    let mut app = rich();
    update(&mut app, Action::Help, &mut ctx());
    let screen = format!("{}", draw(&mut app, 100, 80).backend());
    assert!(screen.contains("type:bug, blocked:"), "{screen}");
    assert!(screen.contains("the last messages of the status line, in full"), "{screen}");
    assert!(!screen.contains("scrolls"), "everything fits: {screen}");
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("↓ scrolls"), "{screen}");
    // The Story view's help names R.
    update(&mut app, Action::Cancel, &mut ctx());
    update(&mut app, Action::Edit, &mut ctx());
    update(&mut app, Action::Help, &mut ctx());
    let screen = format!("{}", draw(&mut app, 100, 80).backend());
    assert!(screen.contains("rename the story's epic"), "{screen}");
}

/// The status line's origin keeps the board's folder name: shortened from the left.
#[test]
fn the_origin_is_shortened_from_the_left() {
    let mut app = rich();
    app.origin = "personal board at /home/someone/.local/share/sprintboard/board".into();
    app.status = None;
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("personal board at /home/someone/.local/share/sprintboard/board"), "{screen}");
    let screen = format!("{}", draw(&mut app, 40, 12).backend());
    assert!(screen.lines().last().is_some_and(|l| l.contains("…/sprintboard/board ")), "{screen}");
    let screen = format!("{}", draw(&mut app, 60, 12).backend());
    assert!(screen.contains("personal board at …/share/sprintboard/board "), "{screen}");
}

/// One point is `1 pt`, one story `1 story`: counts go through one helper.
#[test]
fn counts_of_one_are_singular_on_screen() {
    let (mut app, mut c) = fixture();
    let d = key(&app, "D");
    app.board_mut().edit_story(&d, Edit { points: Some(Some(1)), ..Edit::default() }, &mut c).expect("edit");
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("└1 pt──"), "{screen}");
    assert!(!screen.contains("1 pts"), "{screen}");
    update(&mut app, Action::Show(View::Planning), &mut ctx());
    let backlog = app.planning_lists().iter().position(Option::is_none).expect("backlog");
    app.plan_sel.pane = backlog;
    let g = key(&app, "G");
    app.board_mut().delete_story(&g).expect("delete");
    let f = key(&app, "F");
    app.board_mut().edit_story(&f, Edit { points: Some(Some(1)), ..Edit::default() }, &mut c).expect("edit");
    let screen = format!("{}", draw(&mut app, 80, 24).backend());
    assert!(screen.contains("1 pt · 1 story"), "{screen}");
}

/// A board with long names everywhere: sprint names of 30 characters, epic names of 40,
/// titles of 80, an imported origin, blockers, badges and assignees.
fn long_names() -> App {
    use crate::domain::{Kind, NewSprint, Origin, SprintEdit};
    let (mut app, mut c) = fixture();
    for name in ["Increment planning IP 24.01.06", "Increment planning IP 24.02.03", "Hardening and release IP 24.03"] {
        assert_eq!(name.chars().count(), 30, "{name}");
        app.board_mut().new_sprint(NewSprint { name: name.into(), ..Default::default() }).expect("sprint");
    }
    // The fixture's two sprints get long names too, so that every view shows some.
    for (id, name) in [("sprint-1", "Increment planning IP 24.00.09"), ("sprint-2", "Increment planning IP 24.00.23")] {
        let edit = SprintEdit { name: Some(name.into()), ..Default::default() };
        app.board_mut().edit_sprint(id, edit).expect("rename");
    }
    let epics = ["Password reset and account recovery flow", "Checkout funnel analytics and conversion"];
    for e in epics {
        assert_eq!(e.chars().count(), 40, "{e}");
        app.board_mut().new_epic(e, "").expect("epic");
    }
    let epic_ids: Vec<String> = app.board().file.epics.iter().map(|e| e.id.to_string()).collect();
    let sprint_ids: Vec<String> = app.board().file.sprints.iter().map(|s| s.id.to_string()).collect();
    let titles = [
        "Password reset email: send a one-time link that expires after fifteen minutes ok",
        "Measure the drop-off per step in the funnel and show it on the analytics page ok",
        "Search products by name, brand and category with typo tolerance and facets okay!",
    ];
    for (i, title) in titles.iter().enumerate() {
        assert_eq!(title.chars().count(), 80, "{title}");
        let new = NewStory {
            title: (*title).into(),
            sprint: Some(sprint_ids[i % 3].clone().into()),
            points: Some(13),
            assignee: Some("alexandra.longname".into()),
            epic: Some(epic_ids[i % 2].clone()),
            ..Default::default()
        };
        app.board_mut().add_story(new, &mut c).expect("add");
    }
    let search = key(&app, titles[2]);
    let reset = key(&app, titles[0]);
    let funnel = key(&app, titles[1]);
    let edit = Edit {
        blocked_by: Some(vec![reset.clone()]),
        kind: Some(Kind::Bug),
        rice: Some(Some(crate::domain::Rice { reach: 4500.0, impact: 2.0, confidence: 0.8, effort: 3.0 })),
        moscow: Some(Some(crate::domain::Moscow::Must)),
        ..Edit::default()
    };
    app.board_mut().edit_story(&search, edit, &mut c).expect("edit");
    let edit = Edit {
        blocked: Some(Some("waiting for the mail provider to raise our sending quota".into())),
        origin: Some(Some(Box::new(Origin {
            id: "jira:PASSWORD-RESET-AND-ACCOUNT-RECOVERY-123456".into(),
            fields: Default::default(),
        }))),
        ..Edit::default()
    };
    app.board_mut().edit_story(&reset, edit, &mut c).expect("edit");
    app.board_mut()
        .move_story(&funnel, &Move { status: Some("done".into()), ..Move::default() }, &mut c)
        .expect("move");
    app
}

/// Every view of the long-names board at 80x24 and 40x12, each checked for touching words.
#[test]
fn every_view_with_long_names_at_80x24_and_40x12() {
    let mut app = long_names();
    let mut touching = Vec::new();
    for (name, view) in [
        ("board", View::Board),
        ("planning", View::Planning),
        ("metrics", View::Metrics),
        ("roadmap", View::Roadmap),
        ("standup", View::Standup),
    ] {
        update(&mut app, Action::Show(view), &mut ctx());
        for (w, h) in [(80, 24), (40, 12)] {
            let t = draw(&mut app, w, h);
            let screen = format!("{}", t.backend());
            touching.extend(touching_words(&screen).into_iter().map(|hit| format!("{name} at {w}x{h}: {hit}")));
            insta::assert_snapshot!(format!("long_{name}_{w}x{h}"), t.backend());
        }
    }
    update(&mut app, Action::Show(View::Board), &mut ctx());
    let reset = key(&app, "Password reset email: send a one-time link that expires after fifteen minutes ok");
    for _ in 0..40 {
        if app.selected_key().as_deref() == Some(reset.as_str()) {
            break;
        }
        let before = app.selected_key();
        update(&mut app, Action::Down, &mut ctx());
        if app.selected_key() == before {
            update(&mut app, Action::Right, &mut ctx());
        }
    }
    assert_eq!(app.selected_key(), Some(reset));
    update(&mut app, Action::Show(View::Story), &mut ctx());
    for (w, h) in [(80, 24), (40, 12)] {
        let t = draw(&mut app, w, h);
        let screen = format!("{}", t.backend());
        touching.extend(touching_words(&screen).into_iter().map(|hit| format!("story at {w}x{h}: {hit}")));
        insta::assert_snapshot!(format!("long_story_{w}x{h}"), t.backend());
    }
    assert!(touching.is_empty(), "words that touch:\n{}", touching.join("\n"));
}

/// Places in `screen` where two texts run together with no separator, narrowly defined so
/// that nothing legitimate matches:
/// - a word that starts with three or more lowercase letters and goes on with a capitalised
///   word (`createdBlocked`; `iOS`, `iPhone`, `McDonald`, `JavaScript` and `GitHub` pass);
/// - `…` followed by a letter or digit (`…24.01`);
/// - a blocker mark (`↤`, `↦`) whose count runs into a letter (`↤1Search`), a badge's `]`
///   followed by a letter (`[M]R4500`), or a `!` between a key and a word (`SB-9E6C!Password`);
/// - a word followed by a scroll hint (`projected↓2 more`).
fn touching_words(screen: &str) -> Vec<String> {
    let chars: Vec<char> = screen.chars().collect();
    let mut found = Vec::new();
    for i in 0..chars.len().saturating_sub(1) {
        let (a, b) = (chars[i], chars[i + 1]);
        let lower_run = chars[..=i].iter().rev().take_while(|c| c.is_lowercase()).count();
        let camel = lower_run >= 3
            && chars.get(i.wrapping_sub(lower_run)).is_none_or(|c| !c.is_alphabetic())
            && b.is_uppercase()
            && chars.get(i + 2).is_some_and(|c| c.is_lowercase());
        let after_ellipsis = a == '…' && b.is_alphanumeric();
        let after_mark = match a {
            '↤' | '↦' => chars[i + 1..].iter().find(|c| !c.is_ascii_digit()).is_some_and(|c| c.is_alphabetic()),
            ']' => b.is_alphabetic(),
            '!' => i > 0 && chars[i - 1].is_alphanumeric() && b.is_alphabetic(),
            _ => a.is_alphabetic() && matches!(b, '↓' | '↑'),
        };
        if camel || after_ellipsis || after_mark {
            let from = i.saturating_sub(12);
            let to = (i + 14).min(chars.len());
            found.push(chars[from..to].iter().collect::<String>().replace('\n', "⏎"));
        }
    }
    found
}

/// The touching-words check over every snapshot on disk, the older ones included.
#[test]
fn no_snapshot_has_words_that_touch() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/view/tests/snapshots");
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("snapshots") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "snap") {
            let text = std::fs::read_to_string(&path).expect("read");
            for hit in touching_words(&text) {
                bad.push(format!("{}: {hit}", path.display()));
            }
        }
    }
    assert!(bad.is_empty(), "words that touch:\n{}", bad.join("\n"));
}

#[test]
fn the_touching_words_check_finds_what_it_should_and_nothing_else() {
    for bad in [
        "TB-QDHT Password reset email: createdBlocked",
        "IP 24.02 …24.01.06 …",
        "PO-WDHN↤1Search",
        "[M]R4500",
        "SB-9E6C!Password",
        "* pro↓2 more",
    ] {
        assert!(!touching_words(bad).is_empty(), "{bad}");
    }
    for good in [
        "SB-8YDB E: in Sprint 2",
        "McDonald",
        "iOS app",
        "GitHub",
        "日本語のタイトル",
        "x…",
        "[M] R4500",
        "↤1 Search",
        "↤ A",
        "(a]",
        "SB-9E6C ! 13p",
        "Hi! There",
    ] {
        assert!(touching_words(good).is_empty(), "{good}: {:?}", touching_words(good));
    }
}
