//! Fixtures shared by the TUI's tests.

use crate::domain::{Board, BoardFile, Ctx, NewSprint, NewStory};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::update::update;

pub fn ctx() -> Ctx {
    Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 3)
}

/// An active sprint with stories A, B, C in To Do and D in In Progress; a planned sprint with E;
/// the backlog with F and G.
pub fn fixture() -> (App, Ctx) {
    let mut b = Board::new(BoardFile::new("Test", "SB"));
    let mut c = ctx();
    b.new_sprint(NewSprint { name: "Sprint 1".into(), capacity: Some(10), ..Default::default() }).expect("s1");
    b.new_sprint(NewSprint { name: "Sprint 2".into(), ..Default::default() }).expect("s2");
    b.start_sprint("sprint-1", &c).expect("start");
    let add = |b: &mut Board, c: &mut Ctx, title: &str, sprint: Option<&str>, status: Option<&str>| {
        let new = NewStory {
            title: title.into(),
            sprint: sprint.map(Into::into),
            status: status.map(str::to_owned),
            points: Some(2),
            ..Default::default()
        };
        b.add_story(new, c).expect("add");
    };
    for t in ["A", "B", "C"] {
        add(&mut b, &mut c, t, Some("sprint-1"), None);
    }
    add(&mut b, &mut c, "D", Some("sprint-1"), Some("doing"));
    add(&mut b, &mut c, "E", Some("sprint-2"), None);
    add(&mut b, &mut c, "F", None, None);
    add(&mut b, &mut c, "G", None, None);
    let today = "2026-11-20".parse().expect("date");
    let mut app = App::new(b, Keymap::default_keymap(), Theme::default(), "board at /test".into(), today);
    app.tz = jiff::tz::TimeZone::UTC;
    update(&mut app, Action::Resized { width: 80, height: 24 }, &mut c);
    (app, c)
}

pub fn key(app: &App, title: &str) -> String {
    app.board().stories.values().find(|s| s.title == title).map(|s| s.key.to_string()).expect("story")
}
