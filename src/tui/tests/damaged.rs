//! Story files that cannot be read, in the TUI: placeholders above the lists, `E` repairs one
//! in the editor (the raw text, written back once it parses), everything else on it refused.

use crate::store::layout::Origin;
use crate::tui::testing::{fixture, key};
use crate::tui::*;

/// The fixture on disk with story A's file broken (`(((` appended): the runtime and the app as
/// the TUI opens them, and A's key and file.
fn damaged_on_disk() -> (App, Runtime, tempfile::TempDir, String, std::path::PathBuf) {
    let (mut app, c) = fixture();
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    Store::create(&root, app.board()).expect("create");
    let a = key(&app, "A");
    let path = root.join("stories").join(format!("{a}.ron"));
    let mut text = std::fs::read(&path).expect("read");
    text.extend(b"(((\n");
    std::fs::write(&path, &text).expect("write");
    let (store, board) = Store::open(&root).expect("the board opens");
    app.set_board(board);
    app.damaged_focus = Some(0);
    let rt = Runtime {
        store,
        location: Location { root, origin: Origin::Explicit },
        ctx: crate::tui::testing::ctx(),
        jobs: Default::default(),
    };
    let _ = c;
    (app, rt, tmp, a, path)
}

#[test]
fn a_damaged_story_is_a_placeholder_kept_out_of_the_lists() {
    let (app, _rt, _tmp, a, _) = damaged_on_disk();
    assert!(app.board().story(&a).is_none(), "not a story");
    let d = app.board().damaged.get(a.as_str()).expect("a placeholder");
    assert_eq!(d.file, format!("stories/{a}.ron"));
    assert!(d.at.is_some(), "with its line and column: {d:?}");
    assert!(!app.board_column_keys().iter().flatten().any(|k| *k == a), "on no column");
    assert_eq!(app.damaged_key().as_deref(), Some(a.as_str()));
}

#[test]
fn everything_but_e_on_a_placeholder_is_refused_with_the_way_out() {
    let (mut app, mut rt, _tmp, a, path) = damaged_on_disk();
    let before = std::fs::read(&path).expect("read");
    for action in [Action::StatusNext, Action::Delete, Action::Points, Action::Block, Action::RankTop] {
        let effects = update(&mut app, action.clone(), &mut rt.ctx);
        assert!(effects.is_empty(), "{action:?} does nothing: {effects:?}");
        assert!(app.popup.is_none(), "{action:?} opens nothing");
        let status = app.status.clone().expect("said");
        assert!(status.error && status.text.contains(&a) && status.text.contains("E repairs"), "{status:?}");
    }
    assert_eq!(update(&mut app, Action::EditInEditor, &mut rt.ctx), vec![Effect::Repair { key: a.clone() }]);
    // j leaves the placeholders for the board, k at the top of a column comes back.
    update(&mut app, Action::Down, &mut rt.ctx);
    assert_eq!(app.damaged_focus, None);
    assert!(app.selected_key().is_some_and(|k| k != a), "a story of the board is selected");
    update(&mut app, Action::Up, &mut rt.ctx);
    assert_eq!(app.damaged_focus, Some(0));
    assert_eq!(std::fs::read(&path).expect("read"), before, "nothing written");
}

#[test]
fn e_repairs_the_file_in_the_editor_and_the_story_comes_back() {
    let (mut app, mut rt, _tmp, a, path) = damaged_on_disk();
    let broken = std::fs::read_to_string(&path).expect("read");
    let mut seen = Vec::new();
    let mut runs = 0;
    let effects = update(&mut app, Action::EditInEditor, &mut rt.ctx);
    rt.perform(&mut app, effects, &mut |_, text| {
        runs += 1;
        seen.push(text.to_owned());
        // First a fix that still does not parse (the editor opens again, the problem noted),
        // then the file as it was before the junk was appended, retitled.
        Ok(if runs == 1 {
            text.replace("(((", "((")
        } else {
            broken.replace("(((\n", "").replace("\"A\"", "\"A fixed\"")
        })
    });
    assert_eq!(runs, 2, "opened again while it did not parse");
    assert!(seen[0].starts_with("// sprintboard: ") && seen[0].contains("(((\n"), "the raw text, noted: {}", seen[0]);
    assert!(seen[1].starts_with("// sprintboard: ") && seen[1].contains("((\n"), "the new problem noted: {}", seen[1]);
    let story = app.board().story(&a).expect("back on the board");
    assert_eq!(story.title, "A fixed");
    assert!(app.board().damaged.is_empty());
    assert_eq!(app.damaged_focus, None);
    assert!(app.status.as_ref().is_some_and(|s| !s.error && s.text.contains("repaired")), "{:?}", app.status);
    let (_, disk) = Store::open(&rt.location.root).expect("open");
    assert_eq!(disk.story(&a).map(|s| s.title.as_str()), Some("A fixed"), "written");
    assert!(disk.damaged.is_empty());
    // The repaired story is a story like any other: it moves and is saved.
    rt.dispatch(&mut app, Action::StatusNext);
    let (_, disk) = Store::open(&rt.location.root).expect("open");
    assert_eq!(disk.story(&a).map(|s| s.status.as_str()), Some("doing"));
}

#[test]
fn an_empty_editor_cancels_and_writes_nothing() {
    let (mut app, mut rt, _tmp, a, path) = damaged_on_disk();
    let before = std::fs::read(&path).expect("read");
    let effects = update(&mut app, Action::EditInEditor, &mut rt.ctx);
    rt.perform(&mut app, effects, &mut |_, _| Ok(String::new()));
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(app.board().damaged.contains_key(a.as_str()));
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("nothing was written")), "{:?}", app.status);
}

/// A story damaged at load and repaired elsewhere (by hand, by git) is picked up by the refresh;
/// one damaged while the TUI is open keeps the version read before.
#[test]
fn the_watcher_picks_up_a_repair_made_elsewhere() {
    let (mut app, mut rt, _tmp, a, path) = damaged_on_disk();
    let fixed = std::fs::read_to_string(&path).expect("read").replace("(((\n", "");
    std::fs::write(&path, fixed).expect("repair elsewhere");
    assert!(rt.refresh(&mut app));
    assert!(app.board().story(&a).is_some(), "back on the board");
    assert!(app.board().damaged.is_empty());

    let b = key(&app, "B");
    let b_path = rt.store.story_path(&b);
    let mut text = std::fs::read(&b_path).expect("read");
    text.extend(b"(((\n");
    std::fs::write(&b_path, &text).expect("damage B");
    rt.refresh(&mut app);
    assert!(app.board().story(&b).is_some(), "the version read before stays");
    assert!(app.status.as_ref().is_some_and(|s| s.error && s.text.contains("cannot be read")), "{:?}", app.status);
    rt.dispatch(&mut app, Action::Down);
    nav_to(&mut app, &b);
    rt.dispatch(&mut app, Action::StatusNext);
    assert_eq!(std::fs::read(&b_path).expect("read"), text, "never written over");

    // A broken file that arrives (a pull) has no version to keep: it is a placeholder.
    let new_path = rt.store.story_path("SB-N3W1");
    std::fs::write(&new_path, "(schema: 1, tit").expect("arrives broken");
    assert!(rt.refresh(&mut app));
    assert!(app.board().damaged.contains_key("SB-N3W1"), "{:?}", app.board().damaged);
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("SB-N3W1 cannot be read")), "{:?}", app.status);
    assert!(!rt.refresh(&mut app), "reported once, not on every refresh");
    std::fs::remove_file(&new_path).expect("rm");
    assert!(rt.refresh(&mut app));
    assert!(!app.board().damaged.contains_key("SB-N3W1"), "gone when its file is");
}

fn nav_to(app: &mut App, key: &str) {
    crate::tui::update::select_key(app, key);
    assert_eq!(app.selected_key().as_deref(), Some(key));
}

/// A new story never gets the key of a file that cannot be read.
#[test]
fn a_new_story_never_takes_a_damaged_key() {
    let (app, _rt, _tmp, a, _) = damaged_on_disk();
    let new_key = |board: &crate::domain::Board| {
        let mut c = crate::domain::Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 42);
        let new = crate::domain::NewStory { title: "x".into(), ..Default::default() };
        board.clone().add_story(new, &mut c).expect("add").0
    };
    let mut board = app.board().clone();
    // The key this seed draws first, made the key of a damaged file: the next one is taken.
    let first = new_key(&board);
    let damage = board.damaged.get(a.as_str()).cloned().expect("damaged");
    board.damaged.insert(first.as_str().into(), damage);
    assert_ne!(new_key(&board), first);
}

/// `:` with the key of a story that cannot be read selects its placeholder, where `E` repairs it.
#[test]
fn jumping_to_a_damaged_key_selects_its_placeholder() {
    let (mut app, mut rt, _tmp, a, _) = damaged_on_disk();
    update(&mut app, Action::Down, &mut rt.ctx);
    update(&mut app, Action::Show(View::Metrics), &mut rt.ctx);
    update(&mut app, Action::Jump, &mut rt.ctx);
    for c in a.to_lowercase().chars() {
        let k = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c));
        update(&mut app, Action::Type(k), &mut rt.ctx);
    }
    update(&mut app, Action::Confirm, &mut rt.ctx);
    assert!(app.popup.is_none());
    assert_eq!(app.view, View::Board);
    assert_eq!(app.damaged_key().as_deref(), Some(a.as_str()));
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("E repairs")), "{:?}", app.status);
    assert_eq!(update(&mut app, Action::EditInEditor, &mut rt.ctx), vec![Effect::Repair { key: a }]);
}
