//! End to end, in a pseudo-terminal: a file that cannot be read never keeps the TUI from
//! opening. A broken story is a placeholder that `E` repairs in `$EDITOR`; a broken `board.ron`
//! gets a screen that names it and repairs it with `E`, and then the board opens.

mod common;

use common::pty::Tui;
use common::*;

/// A `$EDITOR` that writes `text` over the file it is given (and keeps what it was given).
fn editor_writing(b: &TestBoard, text: &str) -> String {
    let dir = b.tmp.path();
    let fixed = dir.join("fixed.ron");
    std::fs::write(&fixed, text).expect("fixed");
    let script = dir.join("editor.sh");
    let seen = dir.join("editor.seen");
    std::fs::write(&script, format!("#!/bin/sh\ncp \"$1\" '{}'\ncp '{}' \"$1\"\n", seen.display(), fixed.display()))
        .expect("script");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script.to_str().expect("path").to_owned()
}

#[test]
fn a_broken_story_is_a_placeholder_that_e_repairs() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "Sprint 1"]);
    b.ok(&["sprint", "start", "Sprint 1"]);
    let victim = b.add("Victim card", &["--sprint", "Sprint 1"]);
    b.add("Other card", &["--sprint", "Sprint 1"]);
    let path = b.story_path(&victim);
    let good = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{good}(((\n")).expect("break it");
    let editor = editor_writing(&b, &good.replace("Victim card", "Victim repaired"));

    let mut tui = Tui::start(&b, &[("EDITOR", editor.as_str()), ("VISUAL", "")]);
    // The whole first frame: its last line is the status line.
    let notice = format!("{victim} cannot be read: E repairs it");
    let screen = tui.wait_until("the first frame", |s| s.contains("Other card") && s.contains(&notice));
    assert!(screen.contains("Other card"), "the rest of the board is there: {screen}");
    assert!(screen.contains(&format!("⚠ {victim} cannot be read")), "the placeholder: {screen}");
    assert!(screen.contains(&format!("stories/{victim}.ron:")), "its file, line and column: {screen}");
    assert!(screen.contains("E repairs it"), "how to repair it: {screen}");
    assert!(screen.contains(&format!("{victim} cannot be read: E repairs it")), "the status line: {screen}");
    assert!(!screen.contains("Victim card"), "{screen}");

    // Anything else on it is refused; E repairs it.
    tui.send("L");
    tui.wait_for("nothing else can be done to it");
    tui.send("E");
    // The whole frame: the card back and the status line saying so (a frame is read as it
    // arrives, so waiting for the card alone can see it before the status line is drawn).
    let said = format!("{victim} repaired");
    let screen = tui.wait_until("the story back and said", |s| s.contains("Victim repaired") && s.contains(&said));
    assert!(!screen.contains("cannot be read"), "the placeholder is gone: {screen}");
    let seen = std::fs::read_to_string(b.tmp.path().join("editor.seen")).expect("the editor ran");
    assert!(seen.starts_with("// sprintboard: ") && seen.contains("(((\n"), "the raw text, noted: {seen}");
    assert_eq!(b.json(&["show", &victim, "--format", "json"])["title"], "Victim repaired", "written");
    tui.quit();
    tui.assert_restored();
    assert!(b.run(&["check"]).status.success(), "the board is whole again");
}

#[test]
fn a_broken_board_file_gets_a_screen_that_repairs_it() {
    let b = TestBoard::new();
    b.add("Still here", &[]);
    let path = b.root.join("board.ron");
    let good = std::fs::read_to_string(&path).expect("read");
    let broken = good.replacen("prefix:", "prefix =", 1);
    std::fs::write(&path, &broken).expect("break it");
    let line = broken.lines().position(|l| l.contains("prefix =")).expect("there") + 1;
    let cli = b.run(&["list"]);
    assert_eq!(cli.status.code(), Some(2), "the command line refuses");
    assert!(stderr(&cli).contains(&format!("board.ron:{line}:")), "{}", stderr(&cli));
    let editor = editor_writing(&b, &good);

    let mut tui = Tui::start(&b, &[("EDITOR", editor.as_str()), ("VISUAL", "")]);
    let screen = tui.wait_until("the whole screen", |s| {
        s.contains("board.ron cannot be read") && s.contains("E  open board.ron in your editor")
    });
    assert!(screen.contains(&format!("board.ron:{line}:")), "the file, line and column: {screen}");
    assert!(screen.contains("E  open board.ron in your editor"), "{screen}");
    tui.send("x");
    tui.send("E");
    tui.wait_for("No sprint is active");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), good, "written back");
    tui.send("2");
    tui.wait_for("Still here");
    tui.quit();
    tui.assert_restored();
}
