//! A product owner's and a developer's day in the real binary, in a pseudo-terminal: planning
//! and starting a sprint from the keyboard, filling it past its capacity with `>`, `End`, `:`,
//! the Standup by assignee and the filtered Roadmap.

mod common;

use common::pty::Tui;
use common::*;

#[test]
fn plan_start_and_fill_a_sprint_from_the_keyboard() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "Sprint 1", "--capacity", "5"]);
    let backlog: Vec<String> = (1..=12).map(|i| b.add(&format!("Backlog item {i:02}"), &["--points", "3"])).collect();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.wait_for("No sprint is active");
    tui.send("2");
    tui.wait_for("Backlog");
    // N plans the next sprint, its name suggested.
    tui.send("N");
    tui.wait_for("Sprint 2");
    tui.send("\r");
    tui.wait_for("Sprint 2 planned");
    // Back to Sprint 1 and start it.
    tui.send("\x1b[Z");
    tui.send("S");
    tui.wait_for("Sprint 1 started");
    // To the backlog; > > fills Sprint 1 (5 points) past its capacity, the selection staying put.
    tui.send("\x1b[Z");
    tui.send(">");
    tui.wait_for(&format!("{} → Sprint 1", backlog[0]));
    tui.send(">");
    tui.wait_for("Sprint 1 is over capacity: 6/5 points");
    b.assert_saved(&backlog[1], "sprint", serde_json::json!("Sprint 1"), "the second > moved the next story");
    // End goes to the last story of the backlog; > moves that one.
    tui.send("\x1b[F");
    tui.send(">");
    tui.wait_for(&format!("{} → Sprint 1", backlog[11]));
    let screen = tui.wait_for("4 over capacity");
    assert!(screen.contains("9/5 pts"), "the pane says how far over: {screen}");
    // : goes to a story by key from another view.
    tui.send("4");
    tui.wait_for("Velocity");
    tui.send(":");
    tui.wait_for("Go to story");
    tui.send(&backlog[5].to_lowercase());
    tui.send("\r");
    tui.wait_for(&format!("{} is in the backlog", backlog[5]));
    tui.quit();
    tui.assert_restored();
    assert_eq!(b.json(&["sprint", "list", "--format", "json"])[1]["name"], "Sprint 2");
}

#[test]
fn standup_by_assignee_and_a_filtered_roadmap() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "Sprint 1"]);
    b.ok(&["sprint", "start", "Sprint 1"]);
    b.ok(&["epic", "new", "Checkout"]);
    b.ok(&["epic", "new", "Search"]);
    let quiet = b.add("Nothing moved yet", &["--sprint", "Sprint 1", "--assignee", "Quinn", "--epic", "Checkout"]);
    b.add("Find things", &["--sprint", "Sprint 1", "--assignee", "Ravi", "--epic", "Search", "--points", "5"]);
    b.add("Pay", &["--sprint", "Sprint 1", "--epic", "Checkout", "--points", "3"]);
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.send("6");
    // Everyone with work in the sprint: Quinn, though nothing of theirs moved.
    let screen = tui.wait_for("Still to do");
    assert!(screen.contains("Quinn") && screen.contains(&quiet), "{screen}");
    tui.send("l");
    tui.wait_for("Ravi");
    // The roadmap counts only what the filter shows.
    tui.send("5");
    tui.wait_for("Roadmap");
    tui.send("/");
    tui.wait_for("Filter:");
    tui.send("epic:search\r");
    let screen = tui.wait_until("the filtered roadmap", |s| s.contains("Search") && !s.contains("3p"));
    assert!(screen.contains("5p"), "Search's 5 points: {screen}");
    tui.quit();
}

#[test]
fn a_card_that_waits_says_so_and_moving_it_on_warns() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "Sprint 1"]);
    b.ok(&["sprint", "start", "Sprint 1"]);
    let api = b.add("API first", &["--sprint", "Sprint 1", "--points", "3"]);
    let ui = b.add("UI after", &["--sprint", "Sprint 1", "--points", "2"]);
    b.ok(&["link", &api, "--blocks", &ui]);
    let mut tui = Tui::start(&b, &[]);
    let screen = tui.wait_for("1 Board");
    assert!(screen.contains("↤1"), "the waiting card shows its open blocker: {screen}");
    tui.send("j");
    tui.send("L");
    tui.wait_for(&format!("{ui} waits on {api} (To Do)"));
    tui.quit();
}
