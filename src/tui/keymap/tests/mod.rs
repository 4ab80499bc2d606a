use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::action::View;

fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, m)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn the_spec_table_resolves_in_the_board_view() {
    let k = Keymap::default_keymap();
    let b = Context::Board;
    let cases = [
        (ch('h'), Action::Left),
        (key(KeyCode::Left, KeyModifiers::NONE), Action::Left),
        (ch('j'), Action::Down),
        (ch('k'), Action::Up),
        (ch('l'), Action::Right),
        (key(KeyCode::Tab, KeyModifiers::NONE), Action::NextPane),
        (key(KeyCode::BackTab, KeyModifiers::SHIFT), Action::PrevPane),
        (ch('1'), Action::Show(View::Board)),
        (ch('2'), Action::Show(View::Planning)),
        (ch('6'), Action::Show(View::Standup)),
        // Terminals report an upper-case letter with or without the shift modifier.
        (key(KeyCode::Char('H'), KeyModifiers::SHIFT), Action::StatusPrev),
        (ch('L'), Action::StatusNext),
        (key(KeyCode::Left, KeyModifiers::SHIFT), Action::StatusPrev),
        (key(KeyCode::Right, KeyModifiers::SHIFT), Action::StatusNext),
        (ch('K'), Action::RankUp),
        (ch('J'), Action::RankDown),
        (key(KeyCode::Up, KeyModifiers::SHIFT), Action::RankUp),
        (key(KeyCode::Down, KeyModifiers::SHIFT), Action::RankDown),
        (ch('g'), Action::RankTop),
        (ch('G'), Action::RankBottom),
        (ch('<'), Action::SprintPrev),
        (ch('>'), Action::SprintNext),
        (ch('m'), Action::PickSprint),
        (ch('?'), Action::Help),
        (ch('q'), Action::Quit),
        (key(KeyCode::Char('c'), KeyModifiers::CONTROL), Action::Quit),
    ];
    for (event, action) in cases {
        assert_eq!(k.resolve(b, &event), Some(action.clone()), "{event:?}");
        assert_eq!(k.resolve(Context::Planning, &event), Some(action), "{event:?} in planning");
    }
    assert_eq!(k.resolve(b, &ch('z')), None);
}

#[test]
fn popups_take_every_key_but_ctrl_c() {
    let k = Keymap::default_keymap();
    assert_eq!(k.resolve(Context::Picker, &ch('j')), Some(Action::Down));
    assert_eq!(k.resolve(Context::Picker, &key(KeyCode::Enter, KeyModifiers::NONE)), Some(Action::Confirm));
    assert_eq!(k.resolve(Context::Picker, &ch('q')), Some(Action::Cancel));
    assert_eq!(k.resolve(Context::Picker, &ch('2')), None, "view keys do not reach through a popup");
    assert_eq!(k.resolve(Context::Help, &key(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
}

#[test]
fn key_notation() {
    assert_eq!(Key::parse("shift-h"), Key::parse("H"));
    assert_eq!(Key::parse("ctrl-r").map(|k| k.label()), Some("C-r".into()));
    assert_eq!(Key::parse("shift-left").map(|k| k.label()), Some("S-←".into()));
    assert_eq!(Key::parse("space").map(|k| k.label()), Some("Space".into()));
    assert_eq!(Key::parse("F5").map(|k| k.label()), Some("F5".into()));
    assert_eq!(Key::parse("-").map(|k| k.label()), Some("-".into()));
    assert_eq!(Key::parse("backtab"), Key::parse("shift-backtab"));
    for bad in ["", "ctrl-", "hyperdrive", "ctrl-nope"] {
        assert_eq!(Key::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn user_bindings_are_laid_over_the_defaults() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("keymap.ron");
    std::fs::write(&path, "(board: {\"x\": \"status-next\", \"L\": \"none\"}, global: {\"Q\": \"quit\"})")
        .expect("write");
    let (k, problem) = Keymap::load(&path);
    assert_eq!(problem, None);
    assert_eq!(k.resolve(Context::Board, &ch('x')), Some(Action::StatusNext));
    assert_eq!(k.resolve(Context::Board, &ch('L')), None, "unbound");
    assert_eq!(k.resolve(Context::Board, &ch('H')), Some(Action::StatusPrev), "the rest stays");
    assert_eq!(k.resolve(Context::Planning, &ch('L')), Some(Action::StatusNext), "other views keep theirs");
    assert_eq!(k.resolve(Context::Board, &ch('Q')), Some(Action::Quit));
    let help = k.help(Context::Board);
    let next = help.iter().find(|(d, _)| d.contains("to the next column")).expect("entry");
    assert!(next.1.contains(&"x".to_owned()) && !next.1.contains(&"L".to_owned()), "{next:?}");
}

#[test]
fn a_bad_keymap_is_reported_with_its_place_and_the_defaults_stay() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("keymap.ron");
    for (text, needle) in [
        ("(board: {\n  \"x\": \"fly\",\n})", ":2:3: \"fly\" is not an action"),
        ("(board: {\n  \"hyper-x\": \"quit\",\n})", ":2:3: \"hyper-x\" is not a key"),
        ("(bored: {})", ":1:2: unknown field `bored`"),
        ("(board: {\"x\": ", ":1:"),
    ] {
        std::fs::write(&path, text).expect("write");
        let (k, problem) = Keymap::load(&path);
        let problem = problem.expect("reported").to_string();
        assert!(problem.contains(needle), "{problem} should contain {needle}");
        assert_eq!(k.resolve(Context::Board, &ch('L')), Some(Action::StatusNext), "defaults in force");
    }
}

#[test]
fn help_lists_every_binding_of_the_view_and_the_global_ones() {
    let k = Keymap::default_keymap();
    let help = k.help(Context::Board);
    let keys_for = |what: &str| help.iter().find(|(d, _)| d.contains(what)).map(|(_, k)| k.clone()).unwrap_or_default();
    assert_eq!(keys_for("to the previous column"), ["H", "S-←"]);
    assert_eq!(keys_for("quit"), ["C-c", "q"]);
    assert!(keys_for("Planning view").contains(&"2".to_owned()));
    assert!(k.help(Context::Picker).iter().all(|(d, _)| !d.contains("quit")));
}

#[test]
fn the_report_views_list_only_their_own_keys() {
    let k = Keymap::default_keymap();
    assert_eq!(k.resolve(Context::Report, &ch('l')), Some(Action::Right));
    assert_eq!(k.resolve(Context::Report, &ch('L')), None, "no story to move here");
    assert_eq!(k.resolve(Context::Report, &ch('1')), Some(Action::Show(View::Board)), "the global keys work");
    let help = k.help(Context::Report);
    // Only `:` (going to a story) is about a story there.
    assert!(help.iter().all(|(d, _)| !d.contains("story") || d.starts_with("go to a story")), "{help:?}");
}
