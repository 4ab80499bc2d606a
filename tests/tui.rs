//! End to end: the real binary in a pseudo-terminal. Keys go in, the screen is read back with a
//! terminal emulator (vt100), the files on disk are checked, and so is the terminal after exit.

mod common;

use serde_json::json;
use std::time::Duration;

use common::pty::Tui;
use common::*;

fn sprint_board() -> (TestBoard, Vec<String>) {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "Sprint 1", "--capacity", "10"]);
    b.ok(&["sprint", "new", "Sprint 2"]);
    b.ok(&["sprint", "start", "Sprint 1"]);
    let keys = ["First card", "Second card", "日本語のタイトル 🎉"]
        .iter()
        .map(|t| b.add(t, &["--sprint", "Sprint 1", "--points", "3"]))
        .collect();
    (b, keys)
}

#[test]
fn move_a_card_with_keys_and_quit() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    // The last card drawn, not the tab bar (drawn first): a busy machine shows a frame half way.
    let screen = tui.wait_for("日本語のタイトル");
    assert!(screen.contains("1 Board") && screen.contains("First card"), "{screen}");

    tui.send("L");
    tui.wait_for(&format!("{} → In Progress", keys[0]));
    b.assert_saved(&keys[0], "status", json!("In Progress"), "saved at once");

    // The selection followed the card: L again moves it on to Review.
    tui.send("L");
    tui.wait_for(&format!("{} → Review", keys[0]));
    b.assert_saved(&keys[0], "status", json!("Review"), "L again");
    tui.send("H");
    tui.wait_for(&format!("{} → In Progress", keys[0]));

    // Back in To Do (now: second card, wide card), rank the wide card above the second one. The
    // place said is the one that shows, in the column; in the whole sprint the first card
    // still comes first.
    tui.send("h");
    tui.send("j");
    tui.send("K");
    tui.wait_for("moved to #1 of 2 in To Do");
    assert_eq!(b.keys("Sprint 1"), [keys[0].as_str(), keys[2].as_str(), keys[1].as_str()]);

    // > moves it to the next sprint.
    tui.send(">");
    tui.wait_for(&format!("{} → Sprint 2", keys[2]));
    assert_eq!(b.keys("Sprint 2"), [keys[2].as_str()]);

    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    tui.assert_restored();
}

#[test]
fn planning_help_and_the_sprint_picker() {
    let (b, keys) = sprint_board();
    let backlog = b.add("In the backlog", &["--points", "2"]);
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.send("2");
    let screen = tui.wait_for("Backlog");
    assert!(screen.contains("In the backlog") && screen.contains("Sprint 1"), "{screen}");

    tui.send("?");
    tui.wait_for("Keys: Planning view");
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!tui.contents().contains("Keys: Planning"), "Esc closes the help");

    tui.send("m");
    tui.wait_for(&format!("Move {backlog} to"));
    tui.send("j");
    tui.send("\r");
    tui.wait_for(&format!("{backlog} → Sprint 2"));
    assert_eq!(b.keys("Sprint 2"), [backlog.as_str()]);
    assert_eq!(b.keys("Sprint 1").len(), keys.len());

    tui.send("\x03"); // Ctrl-C
    assert!(tui.wait_exit().success());
    tui.assert_restored();
}

#[test]
fn a_mouse_click_selects_a_card() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    // SGR mouse: press and release of the left button on column 3, row 7 (1-based): the second
    // card of the first column.
    tui.send("\x1b[<0;3;7M\x1b[<0;3;7m");
    std::thread::sleep(Duration::from_millis(200));
    tui.send("L");
    tui.wait_for(&format!("{} → In Progress", keys[1]));
    tui.quit();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let (b, _) = sprint_board();
        let mut tui = Tui::start(&b, &[]);
        tui.wait_for("1 Board");
        let pid = tui.pid();
        let killed = std::process::Command::new("kill").args([signal, &pid.to_string()]).status().expect("kill");
        assert!(killed.success());
        tui.wait_exit();
        tui.assert_restored();
    }
}

#[test]
fn a_bad_keymap_is_reported_and_the_defaults_work() {
    let (b, keys) = sprint_board();
    let config = b.tmp.path().join("config/sprintboard");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("keymap.ron"), "(board: {\n  \"L\": \"fly\",\n})").expect("keymap");
    let mut tui = Tui::start(&b, &[]);
    let screen = tui.wait_for("keymap ignored");
    assert!(screen.contains("keymap.ron:2:3"), "{screen}");
    tui.send("L");
    tui.wait_for(&format!("{} → In Progress", keys[0]));
    tui.quit();
}

#[test]
fn a_user_keymap_rebinds_keys() {
    let (b, keys) = sprint_board();
    let config = b.tmp.path().join("config/sprintboard");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("keymap.ron"), "(board: {\"x\": \"status-next\"}, global: {\"Q\": \"quit\"})")
        .expect("keymap");
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.send("x");
    tui.wait_for(&format!("{} → In Progress", keys[0]));
    tui.send("Q");
    assert!(tui.wait_exit().success());
    tui.assert_restored();
}

#[test]
fn no_color_draws_without_colours() {
    let (b, _) = sprint_board();
    let mut tui = Tui::start(&b, &[("NO_COLOR", "1")]);
    tui.wait_for("1 Board");
    {
        let parser = tui.screen.lock().expect("screen");
        let screen = parser.screen();
        for row in 0..24 {
            for col in 0..80 {
                if let Some(cell) = screen.cell(row, col) {
                    assert_eq!(cell.fgcolor(), vt100::Color::Default, "colour at {row},{col}");
                    assert_eq!(cell.bgcolor(), vt100::Color::Default, "colour at {row},{col}");
                }
            }
        }
        let inverse = (0..80).filter(|c| screen.cell(2, *c).is_some_and(|cell| cell.inverse())).count();
        assert!(inverse > 5, "the selected card is in reverse video");
    }
    tui.quit();
}

/// A board that cannot be opened at all (here: not there) is reported without touching the
/// terminal. (A broken story file no longer stops the TUI, and a broken board.ron gets a screen
/// of its own: see tests/tui_damaged.rs.)
#[test]
fn a_missing_board_is_reported_without_touching_the_terminal() {
    let (b, _) = sprint_board();
    std::fs::remove_file(b.root.join("board.ron")).expect("remove");
    let mut tui = Tui::start(&b, &[]);
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let screen = tui.contents();
    assert!(screen.contains("no board at"), "{screen}");
    tui.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_before_the_message() {
    let (b, _) = sprint_board();
    let mut tui = Tui::start(&b, &[("SPRINTBOARD_DEBUG_PANIC", "1")]);
    let status = tui.wait_exit();
    assert!(!status.success());
    tui.assert_restored();
    let screen = tui.contents();
    assert!(screen.contains("SPRINTBOARD_DEBUG_PANIC is set"), "the panic message is readable: {screen}");
}

/// A scripted `$EDITOR`: the first run leaves a mistake (the editor must open again with the
/// error on top), the second run fixes it and changes points and labels.
fn scripted_editor(dir: &std::path::Path) -> std::path::PathBuf {
    let script = dir.join("editor.sh");
    let count = dir.join("editor.count");
    let top = dir.join("editor.top");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nn=$(cat '{count}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '{count}'\n\
             if [ $n -eq 1 ]; then sed -i 's/^points:.*/points: lots/' \"$1\"; exit 0; fi\n\
             head -1 \"$1\" > '{top}'\n\
             sed -i 's/^points:.*/points: 8/; s/^labels:.*/labels: docs release/' \"$1\"\n",
            count = count.display(),
            top = top.display()
        ),
    )
    .expect("script");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script
}

#[test]
fn write_stories_from_the_keyboard() {
    let (b, keys) = sprint_board();
    let editor = scripted_editor(b.tmp.path());
    let editor = editor.to_str().expect("path").to_owned();
    let mut tui = Tui::start(&b, &[("EDITOR", editor.as_str()), ("VISUAL", "")]);
    tui.wait_for("1 Board");

    // n: a new story in the selected column (To Do of the active sprint).
    tui.send("n");
    tui.wait_for("New story in Sprint 1");
    tui.send("Release notes\r");
    tui.wait_for("created in Sprint 1");
    let new = eventually(|| b.keys("Sprint 1").into_iter().find(|k| !keys.contains(k))).expect("a new story on disk");
    let json = |b: &TestBoard| b.json(&["show", &new, "--format", "json"]);
    b.assert_saved(&new, "title", json!("Release notes"), "created");
    assert_eq!(json(&b)["status"], "To Do");

    // p, a, b: points, assignee, blocked, each saved at once.
    tui.send("p");
    tui.wait_for(&format!("Points for {new}"));
    tui.send("5\r");
    tui.wait_for(&format!("{new}: 5 points"));
    b.assert_saved(&new, "points", json!(5), "p");
    tui.send("a");
    tui.wait_for(&format!("Assign {new} to"));
    tui.send("zed\r");
    tui.wait_for(&format!("{new} → @zed"));
    b.assert_saved(&new, "assignee", json!("zed"), "a");
    tui.send("b");
    tui.wait_for(&format!("{new} is blocked because"));
    tui.send("legal review\r");
    tui.wait_for(&format!("{new} blocked: legal review"));
    b.assert_saved(&new, "blocked", json!("legal review"), "b");

    // E: the scripted editor; its first attempt does not parse and the editor opens again.
    tui.send("E");
    let screen = tui.wait_for(&format!("{new} saved from the editor"));
    assert!(screen.contains("1 Board"), "the whole screen is drawn again after the editor: {screen}");
    b.assert_saved(&new, "points", json!(8), "from the editor");
    assert_eq!(json(&b)["labels"], serde_json::json!(["docs", "release"]));
    let top = std::fs::read_to_string(b.tmp.path().join("editor.top")).expect("second run");
    assert!(top.starts_with("# ERROR: line") && top.contains("not a whole number"), "{top}");

    // d then y deletes; u brings it back, file and all.
    tui.send("d");
    tui.wait_for(&format!("Delete {new}?"));
    tui.send("y");
    tui.wait_for(&format!("{new} deleted"));
    assert!(eventually(|| (!b.story_path(&new).exists()).then_some(())).is_some(), "deleted");
    tui.send("u");
    tui.wait_for(&format!("Undone: {new} deleted"));
    b.assert_saved(&new, "points", json!(8), "restored as it was");

    tui.quit();
    tui.assert_restored();
}

/// From a field being edited in the Story view back to the Board: the first `Esc` saves the
/// field, the second leaves (each sent apart, so that they are not read as `Alt+Esc`).
fn leave_the_story_view(tui: &mut Tui) {
    tui.send("\x1b");
    tui.wait_for("Enter edits");
    std::thread::sleep(Duration::from_millis(300));
    tui.send("\x1b");
    tui.wait_for("1 Board");
    std::thread::sleep(Duration::from_millis(300));
}

#[test]
fn the_story_view_and_the_filter_in_a_real_terminal() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.send("e");
    tui.wait_for("Enter edits");
    // Enter edits the title, shown selected: End starts editing it, at its end.
    tui.send("\r");
    tui.wait_for("Tab saves, next field");
    tui.send("\x1b[F (edited)\t");
    tui.wait_for("Title saved");
    b.assert_saved(&keys[0], "title", json!("First card (edited)"), "saved from the Story view");
    // Esc saves the field being edited (the points, unchanged), the next one goes back.
    leave_the_story_view(&mut tui);
    tui.send("/");
    tui.wait_for("Filter:");
    tui.send("second");
    let screen = tui.wait_for("/second");
    tui.send("\r");
    assert!(!screen.contains("First card"), "filtered out: {screen}");
    tui.quit();
}

/// Issue 20: `3` then `1` in the Story view switches views and never types into the title; a
/// title and points changed by the CLI while the title is edited show at once (theirs beside
/// the title), saving asks, and keeping mine records theirs in the history; a points prompt
/// asks the same, and taking theirs writes nothing.
#[test]
fn the_story_view_never_edits_with_a_view_key_nor_overwrites_unseen() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.send("3");
    tui.wait_for("Enter edits");
    tui.send("1");
    tui.wait_until("the Board again", |s| s.contains("Second card") && !s.contains("Enter edits"));
    std::thread::sleep(Duration::from_millis(200));
    b.assert_saved(&keys[0], "title", json!("First card"), "a view key is not typed");

    tui.send("3");
    tui.wait_for("Enter edits");
    tui.send("\r");
    tui.wait_for("Tab saves, next field");
    tui.send("Mine");
    tui.wait_for("Mine");
    b.ok(&["edit", &keys[0], "--title", "Theirs", "--points", "13"]);
    let screen = tui.wait_for("theirs: Theirs");
    assert!(screen.contains("Points     13"), "a field not being edited shows theirs at once: {screen}");
    tui.send("\t");
    tui.wait_for("keeps mine");
    b.assert_saved(&keys[0], "title", json!("Theirs"), "nothing saved before the answer");
    tui.send("m");
    tui.wait_for("Title saved");
    b.assert_saved(&keys[0], "title", json!("Mine"), "kept mine, asked");
    b.assert_saved(&keys[0], "points", json!(13), "their points stay");
    let history = b.json(&["show", &keys[0], "--format", "json"])["history"].clone();
    let overwrote = history.as_array().expect("history").iter().find(|e| e["change"] == "overwrote").cloned();
    assert_eq!(overwrote.map(|e| (e["field"].clone(), e["from"].clone())), Some((json!("title"), json!("Theirs"))));

    // A points prompt on the Board: the CLI sets 5 meanwhile; taking theirs writes nothing.
    leave_the_story_view(&mut tui);
    tui.send("p");
    tui.wait_for("Points for");
    tui.send("8");
    b.ok(&["edit", &keys[0], "--points", "5"]);
    tui.wait_for("theirs: 5");
    tui.send("\r");
    tui.wait_for("takes theirs");
    tui.send("t");
    tui.wait_for("yours was \"8\"");
    b.assert_saved(&keys[0], "points", json!(5), "theirs taken");
    tui.quit();
    tui.assert_restored();
}

#[test]
fn a_change_made_by_the_cli_appears_in_a_running_tui() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    b.ok(&["edit", &keys[1], "--title", "Renamed by the CLI"]);
    let screen = tui.wait_for("Renamed by the CLI");
    assert!(screen.contains(&format!("Updated from disk: {}", keys[1])), "{screen}");
    // The TUI's own next change does not overwrite the CLI's.
    tui.send("L");
    tui.wait_for(&format!("{} → In Progress", keys[0]));
    assert_eq!(b.json(&["show", &keys[1], "--format", "json"])["title"], "Renamed by the CLI");
    tui.quit();
}

/// A board without `stories/` (a fresh clone of a board with no stories: git keeps no empty
/// directory): the running TUI sees the stories another process adds once it makes the
/// directory.
#[test]
fn a_story_added_elsewhere_to_a_board_without_a_stories_dir_appears() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "Sprint 1"]);
    b.ok(&["sprint", "start", "Sprint 1"]);
    std::fs::remove_dir(b.root.join("stories")).expect("no stories/");
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    let key = b.add("Added by the CLI", &["--sprint", "Sprint 1"]);
    let screen = tui.wait_for("Added by the CLI");
    assert!(screen.contains(&key), "{screen}");
    let again = b.add("Second one", &["--sprint", "Sprint 1"]);
    assert!(tui.wait_for("Second one").contains(&again));
    tui.quit();
}

/// The CLI edits a story again and again while the TUI moves it back and forth: every move is
/// saved (re-applied over the edit when they meet), none is lost or lands in the wrong column,
/// and every edit is kept.
#[test]
fn moves_in_the_tui_while_the_cli_edits_the_same_story() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    let key = keys[0].clone();
    let root = b.root.clone();
    let home = b.tmp.path().to_owned();
    let editor = std::thread::spawn(move || {
        for i in 0..30 {
            // A file changed by someone else three times in a row is refused with exit 1 and
            // nothing written (the README's promise): a person runs the command again, and so
            // does this test. Anything else is a failure.
            for attempt in 1.. {
                let out = sprintboard(&home)
                    .args(["--board", root.to_str().expect("root"), "edit", &key, "--title", &format!("Edited {i}")])
                    .output()
                    .expect("cli");
                if out.status.success() {
                    break;
                }
                let busy = out.status.code() == Some(1) && stderr(&out).contains("changed on disk since it was read");
                assert!(busy && attempt < 5, "{}", stderr(&out));
            }
        }
    });
    let mut shown = String::new();
    for i in 0..30 {
        let (keys_to_send, column) = if i % 2 == 0 { ("L", "In Progress") } else { ("H", "To Do") };
        tui.send(keys_to_send);
        // The status line may already say something newer ("Updated from disk"): the file is
        // what counts.
        let start = std::time::Instant::now();
        while b.json(&["show", &keys[0], "--format", "json"])["status"] != column {
            shown = tui.contents();
            assert!(start.elapsed() < Duration::from_secs(20), "move {i} never saved; the screen:\n{shown}");
            std::thread::sleep(Duration::from_millis(20));
        }
        shown = tui.contents();
        assert!(!shown.contains("Not saved") && !shown.contains("so this change was not saved"), "{shown}");
    }
    editor.join().expect("the CLI");
    let story = b.json(&["show", &keys[0], "--format", "json"]);
    assert_eq!(story["status"], "To Do", "fifteen times there and back: {shown}");
    assert_eq!(story["title"], "Edited 29", "every CLI edit kept");
    tui.quit();
}

#[test]
fn two_tuis_on_one_board_see_each_others_moves() {
    let (b, keys) = sprint_board();
    let mut one = Tui::start(&b, &[]);
    let mut two = Tui::start(&b, &[]);
    one.wait_for("1 Board");
    two.wait_for("1 Board");
    one.send("L"); // the first card to In Progress
    one.wait_for(&format!("{} → In Progress", keys[0]));
    two.wait_for(&format!("Updated from disk: {}", keys[0]));
    // The second TUI's selection followed the first card (by key) into In Progress; go back to
    // To Do, where the second card is now first, and move that one.
    two.send("h");
    two.send("L");
    two.wait_for(&format!("{} → In Progress", keys[1]));
    one.wait_for(&format!("Updated from disk: {}", keys[1]));
    for k in &keys[..2] {
        b.assert_saved(k, "status", json!("In Progress"), "both moves stick");
    }
    one.send("q");
    two.send("q");
    assert!(one.wait_exit().success() && two.wait_exit().success());
}

#[test]
fn board_changes_and_deletions_elsewhere_do_not_crash_the_tui() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    let board = b.root.join("board.ron");
    let text = std::fs::read_to_string(&board).expect("board").replace("name: \"To Do\"", "name: \"Ready\"");
    std::fs::write(&board, text).expect("rename a column");
    tui.wait_for("Ready");
    tui.wait_for("changed elsewhere and is read again");
    // The selected story is deleted by another process.
    b.ok(&["delete", &keys[0]]);
    tui.wait_for(&format!("Updated from disk: {}", keys[0]));
    tui.send("L");
    tui.wait_for(&format!("{} → In Progress", keys[1]));
    tui.quit();
    tui.assert_restored();
}

#[test]
fn changes_are_recorded_at_the_time_they_are_made() {
    let (b, keys) = sprint_board();
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    std::thread::sleep(Duration::from_millis(1200));
    let before = jiff::Timestamp::now();
    tui.send("L");
    tui.wait_for(&format!("{} → In Progress", keys[0]));
    b.assert_saved(&keys[0], "status", json!("In Progress"), "moved");
    let story = b.json(&["show", &keys[0], "--format", "json"]);
    let history = story["history"].as_array().expect("history");
    let at: jiff::Timestamp = history.last().and_then(|h| h["at"].as_str()).expect("at").parse().expect("time");
    assert!(
        at >= before.checked_sub(jiff::SignedDuration::from_millis(5)).expect("t"),
        "recorded at {at}, the key was pressed at {before}"
    );
    // The report views have no selection: keys that change a story do nothing there.
    tui.send("4");
    tui.wait_for("Velocity");
    tui.send("L");
    tui.send("1");
    tui.wait_for("To Do");
    assert_eq!(b.json(&["show", &keys[0], "--format", "json"])["status"], "In Progress", "L in Metrics moved nothing");
    tui.quit();
}

#[test]
fn the_standup_view_runs_its_timer() {
    let (b, keys) = sprint_board();
    b.ok(&["edit", &keys[0], "--assignee", "ana", "--blocked", "waiting on legal"]);
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.send("6");
    tui.wait_for("Standup since");
    let screen = tui.wait_for("00:02");
    assert!(screen.contains("ana") && screen.contains("waiting on legal"), "{screen}");
    tui.quit();
}

/// A board whose board.ron has two active sprints (what a clean git merge can give) opens, and
/// the status line says what is wrong and how to fix it.
#[test]
fn a_board_with_two_active_sprints_opens_and_says_so() {
    let (b, _) = sprint_board();
    let path = b.root.join("board.ron");
    let text = std::fs::read_to_string(&path).expect("read").replacen("state: Planned", "state: Active", 1);
    std::fs::write(&path, text).expect("write");
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.wait_for("more than one sprint is active");
    tui.quit();
}

/// A colour that is not one is reported with the file and line; an empty config.ron is said
/// once, not before and again after the TUI.
#[test]
fn configuration_problems_name_their_place_and_are_said_once() {
    let (b, _) = sprint_board();
    let config = b.tmp.path().join("config/sprintboard");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.ron"), "(\n    theme: (accent: \"blurple\"),\n)").expect("config");
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("is not a colour");
    tui.quit();
    let screen = tui.contents();
    assert!(screen.contains("config.ron:2:13: theme.accent: \"blurple\" is not a colour"), "{screen}");

    std::fs::write(config.join("config.ron"), "").expect("empty");
    let mut tui = Tui::start(&b, &[]);
    tui.wait_for("1 Board");
    tui.quit();
    let screen = tui.contents();
    assert_eq!(screen.matches("the whole file is empty").count(), 1, "{screen}");
}
