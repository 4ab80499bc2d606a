//! Fixtures shared by the TUI's unit tests and the benchmarks (`benches/tui.rs`). In the
//! library, hidden from its documentation, because a benchmark links the library as any other
//! user does; the binary never calls them, so the linker leaves them out of it. Test code: a
//! fixture that cannot be built panics. No outside input reaches these `expect`s: every value
//! is a constant of this file, and the board is written to a fresh temporary directory.

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
    let mut app = app(b, "board at /test");
    app.tz = jiff::tz::TimeZone::UTC;
    update(&mut app, Action::Resized { width: 80, height: 24 }, &mut c);
    (app, c)
}

/// `board` in the TUI as the tests and benchmarks open it: the default keys and theme, on
/// 2026-11-20; `origin` is where the header says the board is.
pub fn app(board: Board, origin: &str) -> App {
    let today = "2026-11-20".parse().expect("date");
    App::new(board, Keymap::default_keymap(), Theme::default(), origin.into(), today)
}

pub fn key(app: &App, title: &str) -> String {
    app.board().stories.values().find(|s| s.title == title).map(|s| s.key.to_string()).expect("story")
}

/// The fixture's board written to a temporary directory and opened as the TUI opens it: the
/// app, its runtime, and the directory (removed when dropped).
pub fn on_disk() -> (App, crate::tui::Runtime, tempfile::TempDir) {
    use crate::store::Store;
    use crate::store::layout::{Location, Origin};
    let (mut app, ctx) = fixture();
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    Store::create(&root, app.board()).expect("create");
    let (store, board) = Store::open(&root).expect("open");
    app.set_board(board);
    let rt = crate::tui::Runtime {
        store,
        location: Location { root, origin: Origin::Explicit },
        ctx,
        jobs: Default::default(),
    };
    (app, rt, tmp)
}
