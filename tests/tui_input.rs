//! Input the way terminals send it, to the real binary in a pseudo-terminal: key bursts larger
//! than one read, bracketed pastes (long ones, ones with line breaks), resizes with keys right
//! behind them, mouse bursts, `Esc` followed at once by a key, and prompts that show a value.
//! After each, the process must be idle again: a spinning input loop uses about 100 CPU ticks
//! a second, an idle one none (read from `/proc`, a functional check, not a timing one).

mod common;

use std::time::Duration;

use common::pty::Tui;
use common::*;

/// At most this many CPU ticks (1/100 s) in two seconds of doing nothing: 5 % of one core.
const IDLE_TICKS: u64 = 10;

fn sprint_board() -> (TestBoard, Vec<String>) {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "Sprint 1", "--capacity", "10"]);
    b.ok(&["sprint", "start", "Sprint 1"]);
    let keys = ["First card", "Second card"]
        .iter()
        .map(|t| b.add(t, &["--sprint", "Sprint 1", "--points", "3", "--assignee", "Sam"]))
        .collect();
    (b, keys)
}

fn assert_idle(tui: &Tui) {
    let ticks = tui.ticks_over(Duration::from_secs(2));
    assert!(ticks <= IDLE_TICKS, "the idle program used {ticks} CPU ticks in 2 s (a spin uses ~200)");
}

#[test]
fn a_burst_larger_than_one_read_is_acted_on_to_its_last_key() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    // 1,200 bytes of selection keys, then a command, in one write.
    let mut burst = "jk".repeat(600);
    burst.push('L');
    tui.send(&burst);
    tui.wait_for(&format!("{} → In Progress", keys[0]));
    b.assert_saved(&keys[0], "status", serde_json::json!("In Progress"), "saved");
    assert_idle(&tui);
    tui.quit();
}

#[test]
fn a_long_paste_into_the_new_story_prompt_is_its_title() {
    let (b, _) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.send("n");
    tui.wait_for("New story in Sprint 1");
    let title: String = "Guest checkout for returning customers ".repeat(40).chars().take(1500).collect();
    let title = title.trim_end().to_owned();
    tui.paste(&title);
    tui.send("\r");
    tui.wait_for("created in Sprint 1");
    // The frame that says so is drawn before the save: the file may lag it by a moment.
    let titles = || -> Vec<String> {
        let stories = b.json(&["list", "--sprint", "all", "--format", "json"]);
        stories.as_array().expect("list").iter().filter_map(|s| s["title"].as_str().map(str::to_owned)).collect()
    };
    let saved = eventually(|| Some(titles()).filter(|t| t.contains(&title)));
    assert!(saved.is_some(), "the whole paste is the title; titles: {:?}", titles());
    assert_idle(&tui);
    tui.quit();
}

#[test]
fn a_paste_with_line_breaks_runs_no_command() {
    let (b, _) = sprint_board();
    let before = files(&b.root.join("stories"));
    let board_before = std::fs::read(b.root.join("board.ron")).expect("board");
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    // On the board itself, a paste is not keys: nothing moves, nothing is deleted.
    tui.paste("GLLd\ry\rq");
    tui.wait_for("Nothing to paste into here");
    tui.send("n");
    tui.wait_for("New story in Sprint 1");
    // Terminals send a pasted line break as CR: in a one-line prompt it is a space.
    tui.paste("Guest checkout\rGuest users buy");
    tui.wait_for("Guest checkout Guest users buy");
    tui.send("\r");
    tui.wait_for("created in Sprint 1");
    tui.quit();
    let after = files(&b.root.join("stories"));
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
    }
    let new: Vec<_> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert_eq!(new.len(), 1, "one new story: {new:?}");
    let text = String::from_utf8_lossy(&after[new[0]]).into_owned();
    assert!(text.contains("title: \"Guest checkout Guest users buy\""), "{text}");
    assert_eq!(std::fs::read(b.root.join("board.ron")).expect("board"), board_before, "board.ron unchanged");
}

#[test]
fn every_resize_followed_at_once_by_a_key_keeps_the_key() {
    let (b, _) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    for i in 0..10u16 {
        tui.resize(70 + i, 20 + i % 4);
        tui.send("?");
        tui.wait_for("Keys: Board view");
        tui.send("\x1b");
        tui.wait_until("the help to close", |s| !s.contains("Keys: Board view"));
    }
    assert_idle(&tui);
    tui.quit();
}

#[test]
fn resizes_then_a_mouse_burst_draw_at_the_final_size_without_spinning() {
    let (b, _) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    for (cols, rows) in [(100, 30), (60, 20), (120, 40), (90, 28)] {
        tui.resize(cols, rows);
    }
    // 150 wheel turns and clicks over the board in one write: more than one read's worth.
    let mut burst = String::new();
    for i in 0..150 {
        let button = if i % 5 == 0 { 0 } else { 65 };
        burst.push_str(&format!("\x1b[<{button};{};{}M", 5 + i % 20, 3 + i % 10));
    }
    assert!(burst.len() > 1024);
    tui.send(&burst);
    let screen = tui.wait_until("a frame at 90x28", |s| {
        let lines: Vec<&str> = s.lines().collect();
        lines.first().is_some_and(|l| l.ends_with("Test") && l.chars().count() == 90)
            && lines.get(27).is_some_and(|l| l.contains("help"))
    });
    assert_eq!(tui.size(), (90, 28), "{screen}");
    assert_idle(&tui);
    tui.quit();
}

#[test]
fn escape_then_q_closes_the_prompt_and_quits() {
    let (b, _) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.send("/");
    tui.wait_for("Filter:");
    tui.send("\x1bq");
    assert!(tui.wait_exit().success(), "Esc closed the prompt, q quit");
    tui.assert_restored();
}

#[test]
fn prompts_that_show_a_value_are_replaced_by_typing() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.send("p");
    tui.wait_for(&format!("Points for {}", keys[0]));
    tui.send("5\r");
    tui.wait_for(&format!("{}: 5 points", keys[0]));
    b.assert_saved(&keys[0], "points", serde_json::json!(5), "5, not 35");
    tui.send("a");
    tui.wait_for(&format!("Assign {} to", keys[0]));
    tui.send("Kim\r");
    tui.wait_for(&format!("{} → @Kim", keys[0]));
    b.assert_saved(&keys[0], "assignee", serde_json::json!("Kim"), "Kim, not SamKim");
    // Backspace starts editing the value shown instead.
    tui.send("a");
    tui.wait_for(&format!("Assign {} to", keys[0]));
    tui.send("\x7f\x7fm\r");
    tui.wait_for(&format!("{} → @Km", keys[0]));
    b.assert_saved(&keys[0], "assignee", serde_json::json!("Km"), "Km");
    tui.quit();
}

/// Select a card low in a column of 7, make the terminal tiny and big again: the column shows
/// its first cards again (no `↑N` with empty space below) and the selection stays in view.
#[test]
fn after_a_resize_every_column_shows_as_many_cards_as_fit() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "Sprint 1"]);
    b.ok(&["sprint", "start", "Sprint 1"]);
    for i in 1..=7 {
        b.add(&format!("Card number {i}"), &["--sprint", "Sprint 1"]);
    }
    let mut tui = Tui::start(&b, &[]);
    tui.resize(80, 24);
    tui.wait_for("1 Board");
    tui.send("jjjjjj");
    tui.wait_for("↑2");
    tui.resize(20, 5);
    tui.wait_for("Terminal too small");
    tui.resize(80, 24);
    let screen = tui.wait_until("the board at 80x24", |s| s.contains("1 Board") && s.lines().count() >= 24);
    assert!(screen.contains("↑2"), "scrolled only as far as the selection needs: {screen}");
    assert!(!screen.contains("↑5") && !screen.contains("↑6"), "{screen}");
    assert!(screen.contains("Card number 3") && screen.contains("Card number 7"), "five cards show: {screen}");
    tui.quit();
}
