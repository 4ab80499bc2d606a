//! The TUI draws text from the board's files through ratatui, which leaves control characters
//! and zero-width ones (the bidi controls) out of its cells: nothing of them reaches the
//! terminal, in any view, prompt or status line (issue 20).

use super::draw;
use crate::domain::{Comment, Edit};
use crate::tui::action::{Action, View};
use crate::tui::testing::{ctx, fixture, key};
use crate::tui::update::update;

const PAYLOAD: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;eA==\u{7}\u{9b}31m\u{85}\u{7f}\u{0}\r\u{202e}\u{2066}";

fn assert_clean(what: &str, t: &ratatui::Terminal<ratatui::backend::TestBackend>) {
    for cell in t.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(crate::text::is_unsafe),
            "{what}: a cell holds {:?}\n{}",
            cell.symbol(),
            t.backend()
        );
    }
}

#[test]
fn no_view_draws_a_control_character_from_the_board() {
    let (mut app, mut c) = fixture();
    let a = key(&app, "A");
    let p = |s: &str| format!("{s}{PAYLOAD}");
    {
        let b = app.board_mut();
        b.file.name = p("Board");
        b.file.columns[0].name = p("To Do");
        b.file.sprints[0].name = p("Sprint 1");
        b.file.sprints[0].goal = p("Goal");
        b.file.people.push(p("Person").as_str().into());
    }
    app.board_mut().new_epic("Epic", "").expect("epic");
    app.board_mut().file.epics[0].name = p("Epic");
    let edit = Edit {
        epic: Some(Some("epic".into())),
        labels: Some(vec!["web".into()]),
        blocked: Some(Some("waiting".into())),
        ..Edit::default()
    };
    app.board_mut().edit_story(&a, edit, &mut c).expect("edit");
    let s = app.board_mut().stories.get_mut(a.as_str()).expect("A");
    s.title = p("Title");
    s.assignee = Some(p("Ana").into());
    s.labels = vec![p("web").into()];
    s.blocked = Some(p("Blocked"));
    s.description = p("Description\nsecond line");
    s.acceptance = p("Acceptance");
    s.comments.push(Comment { at: ctx().now, by: p("Bo").into(), text: p("Comment") });
    app.error(p("A status line quoting a file"));
    for view in [View::Board, View::Planning, View::Metrics, View::Roadmap, View::Standup] {
        update(&mut app, Action::Show(view), &mut c);
        for (w, h) in [(80, 24), (40, 12)] {
            assert_clean(&format!("{view:?} at {w}x{h}"), &draw(&mut app, w, h));
        }
    }
    update(&mut app, Action::Show(View::Board), &mut c);
    update(&mut app, Action::Edit, &mut c);
    assert_clean("the Story view", &draw(&mut app, 80, 24));
    update(&mut app, Action::Cancel, &mut c);
    update(&mut app, Action::Show(View::Board), &mut c);
    for prompt in [Action::Block, Action::Assign, Action::Points, Action::Help] {
        update(&mut app, prompt, &mut c);
        assert_clean("a prompt", &draw(&mut app, 80, 24));
        update(&mut app, Action::Cancel, &mut c);
    }
}
