//! The bad-input corpus: each broken file is reported with its path (and line and column where
//! they apply). A broken story file blocks nothing else: every command that does not touch it
//! works and names it on stderr, every command on it refuses with the way out, `check` exits 2
//! naming it, and its bytes never change. A broken `board.ron` stops every command (exit 2).

mod common;

use common::*;

/// A board with two stories in a sprint; returns it and the two keys.
fn board() -> (TestBoard, String, String) {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    let victim = b.add("Victim", &["--sprint", "S1", "--points", "3"]);
    let other = b.add("Other", &["--sprint", "S1"]);
    (b, victim, other)
}

/// `board.ron` cannot be read: every command refuses with exit 2 and a message containing
/// `path_part` and `needle`; the board's files are byte for byte what they were.
fn assert_refused_everywhere(b: &TestBoard, other: &str, path_part: &str, needle: &str) {
    let before = files(&b.root);
    let commands: Vec<Vec<&str>> = vec![
        vec![],
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["add", "New story"],
        vec!["show", other],
        vec!["move", other, "--top"],
        vec!["move", other, "--status", "done"],
        vec!["edit", other, "--title", "Renamed"],
        vec!["delete", other],
        vec!["sprint", "new", "S2"],
        vec!["sprint", "start", "S1"],
        vec!["epic", "new", "E"],
        vec!["export", "--format", "json"],
    ];
    for args in commands {
        let out = b.run(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2; stderr: {err}");
        assert!(err.contains(path_part), "{args:?}: {path_part:?} not in {err}");
        assert!(err.contains(needle), "{args:?}: {needle:?} not in {err}");
        assert!(err.lines().count() <= 3, "{args:?}: the message should be short: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(files(&b.root), before, "no file changed");
}

/// A story file that cannot be read (its name gives the key `damaged`) locks nobody out: every
/// command that does not touch it succeeds and names it, once, on stderr (with `path_part` and
/// `needle`); every command on it refuses (exit 2) with the way out; `check` exits 2 naming it;
/// its bytes (or, for a directory or a pipe, the thing itself) are never changed.
fn assert_contained(b: &TestBoard, damaged: &str, other: &str, path_part: &str, needle: &str) {
    let file = b.root.join("stories").join(format!("{damaged}.ron"));
    // Read only when it is a file: opening a named pipe would wait for a writer.
    let bytes = || file.is_file().then(|| std::fs::read(&file).expect("read"));
    let before = bytes();
    let named = |args: &[&str], out: &std::process::Output| {
        let err = stderr(out);
        assert!(err.contains(path_part), "{args:?}: {path_part:?} not in {err}");
        assert!(err.contains(needle), "{args:?}: {needle:?} not in {err}");
        assert!(!err.contains("panicked"), "{err}");
        err
    };
    // Nothing here touches the damaged story: each works, and says which file is left out.
    let commands: Vec<Vec<&str>> = vec![
        vec![],
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["show", other],
        vec!["move", other, "--top"],
        vec!["move", other, "--status", "done"],
        vec!["edit", other, "--title", "Renamed"],
        vec!["comment", other, "still works"],
        vec!["add", "New story", "--sprint", "S1"],
        vec!["sprint", "new", "S2"],
        vec!["sprint", "start", "S1"],
        vec!["epic", "new", "E"],
        vec!["export", "--format", "json"],
        vec!["report", "velocity"],
        vec!["report", "burndown"],
        vec!["report", "standup"],
    ];
    for args in &commands {
        let out = b.run(args);
        let err = named(args, &out);
        assert_eq!(out.status.code(), Some(0), "{args:?} should work; stderr: {err}");
        assert_eq!(err.matches(path_part).count(), 1, "{args:?}: named once: {err}");
        assert!(err.contains(&format!("sprintboard repair {damaged}")), "{args:?}: the way out: {err}");
    }
    let list = b.json(&["list", "--format", "json"]);
    let keys: Vec<&str> = list.as_array().expect("list").iter().filter_map(|s| s["key"].as_str()).collect();
    assert!(keys.contains(&other), "the others are listed: {keys:?}");
    assert!(!keys.contains(&damaged), "the damaged story is not: {keys:?}");
    assert_eq!(b.json(&["show", other, "--format", "json"])["title"], "Renamed", "changes to the others are saved");
    // Anything on the damaged story refuses, with the way out.
    let on_it: Vec<Vec<&str>> = vec![
        vec!["show", damaged],
        vec!["move", damaged, "--top"],
        vec!["move", damaged, "--status", "done"],
        vec!["edit", damaged, "--title", "Mine"],
        vec!["comment", damaged, "hello"],
        vec!["delete", damaged],
        vec!["link", other, "--blocks", damaged],
        vec!["move", other, "--before", damaged],
    ];
    for args in &on_it {
        let out = b.run(args);
        let err = named(args, &out);
        assert_eq!(out.status.code(), Some(2), "{args:?} should refuse; stderr: {err}");
        assert!(err.contains("cannot be read"), "{args:?}: {err}");
        assert!(err.contains(&format!("`sprintboard repair {damaged}`")), "{args:?}: the way out: {err}");
    }
    let out = b.run(&["check"]);
    let err = named(&["check"], &out);
    assert_eq!(out.status.code(), Some(2), "check fails: {err}");
    assert!(err.contains("cannot be read"), "{err}");
    // The others were all deleted and added with it there: it is still what it was.
    let out = b.run(&["delete", other]);
    assert_eq!(out.status.code(), Some(0), "delete of another story: {}", stderr(&out));
    assert_eq!(bytes(), before, "{damaged}'s file is byte for byte what it was");
    assert!(std::fs::symlink_metadata(&file).is_ok(), "and still there");
}

fn corrupt_story(contents: &[u8], needle: &str, with_position: bool) {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    std::fs::write(&path, contents).expect("write");
    let name = format!("stories/{victim}.ron");
    let place = if with_position { format!("{name}:") } else { name };
    assert_contained(&b, &victim, &other, &place, needle);
}

#[test]
fn a_truncated_story() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let text = std::fs::read(&path).expect("read");
    std::fs::write(&path, &text[..text.len() / 2]).expect("write");
    assert_contained(&b, &victim, &other, &format!("stories/{victim}.ron:"), "");
}

/// What a stray edit leaves: the story file with `(((` appended.
#[test]
fn a_story_with_junk_appended() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let mut text = std::fs::read(&path).expect("read");
    let lines = text.iter().filter(|c| **c == b'\n').count();
    text.extend(b"(((\n");
    std::fs::write(&path, &text).expect("write");
    // RON places it just after the story's closing parenthesis.
    assert_contained(&b, &victim, &other, &format!("stories/{victim}.ron:{lines}:2"), "trailing characters");
}

/// A directory or a named pipe where a story file should be: never opened as one (a pipe would
/// block the reader for ever), left out and named.
#[test]
fn a_story_that_is_not_a_regular_file() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    std::fs::remove_file(&path).expect("rm");
    std::fs::create_dir(&path).expect("dir");
    assert_contained(&b, &victim, &other, &format!("stories/{victim}.ron"), "is not a regular file");
    assert!(path.is_dir());

    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    std::fs::remove_file(&path).expect("rm");
    let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo");
    assert!(made.success());
    assert_contained(&b, &victim, &other, &format!("stories/{victim}.ron"), "is not a regular file");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&path).expect("there").file_type().is_fifo());
}

#[test]
fn a_malformed_story() {
    corrupt_story(b"(\n    schema: 1,\n    key: \"SB-AAAA\"\n    title: \"x\",\n)", "expected", true);
}

#[test]
fn invalid_utf8() {
    corrupt_story(b"(\n    schema: 1,\n    title: \"caf\xe9\",\n)", "3:16", false);
    corrupt_story(b"(\n    schema: 1,\n    title: \"caf\xe9\",\n)", "not valid UTF-8", false);
}

#[test]
fn an_empty_file() {
    corrupt_story(b"", "the whole file is empty", false);
    corrupt_story(b"  \n\n", "the whole file is empty", false);
}

#[test]
fn a_huge_file() {
    let mut huge = b"(schema: 1, title: \"".to_vec();
    huge.extend(std::iter::repeat_n(b'x', 5 << 20));
    huge.extend(b"\")");
    corrupt_story(&huge, "larger than 4096 KiB", false);
}

#[test]
fn a_schema_from_the_future() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let text =
        std::fs::read_to_string(&path).expect("read").replace("schema: 1,", "schema: 7,\n    shiny_new_field: 3,");
    std::fs::write(&path, text).expect("write");
    assert_contained(&b, &victim, &other, &format!("stories/{victim}.ron:2:5"), "newer sprintboard (schema 7");
}

#[test]
fn a_duplicate_key() {
    let (b, victim, other) = board();
    std::fs::copy(b.story_path(&victim), b.root.join("stories/copy-of-victim.ron")).expect("copy");
    assert_contained(&b, "copy-of-victim", &other, "copy-of-victim.ron:3:5", "does not match the file's name");
    assert!(b.keys("S1").contains(&victim), "the story itself is fine");
}

/// Keys are checked on load: the file's name, capitals, the prefix, the characters.
#[test]
fn bad_keys() {
    for (key, file, needle) in [
        ("sb-AAAA", "sb-AAAA.ron", "must be written in capitals"),
        ("SB-AAAA", "SB-AAAB.ron", "does not match the file's name (SB-AAAB.ron)"),
        ("XX-AAAA", "XX-AAAA.ron", "is not a story key of this board"),
        ("SB-AA\\nAA", "SB-AANAA.ron", "is not a story key of this board"),
        ("SB-AA\\u{0}AA", "SB-AA0AA.ron", "is not a story key of this board"),
    ] {
        let (b, victim, other) = board();
        let text = std::fs::read_to_string(b.story_path(&victim)).expect("read");
        let text = text.replace(&format!("key: \"{victim}\""), &format!("key: \"{key}\""));
        std::fs::remove_file(b.story_path(&victim)).expect("rm");
        std::fs::write(b.root.join("stories").join(file), text).expect("write");
        let damaged = file.trim_end_matches(".ron");
        assert_contained(&b, damaged, &other, &format!("stories/{file}:3:5"), needle);
    }
}

/// What a merge can leave between files (a story in a sprint or column the other side
/// deleted) never locks anyone out: every command works and says what is wrong, `check` fails
/// naming it and the command that fixes it, and that command works.
fn opens_with_a_warning(b: &TestBoard, other: &str, place: &str, needle: &str, fix: &[&str]) {
    for args in [vec!["list"], vec!["show", other], vec!["move", other, "--top"], vec!["add", "Still works"]] {
        let out = b.run(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("warning:") && err.contains(place) && err.contains(needle), "{args:?}: {err}");
    }
    let out = b.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(place) && err.contains(needle) && err.contains(fix[0]), "{err}");
    b.ok(fix);
    let out = b.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "fixed: {}", stderr(&out));
}

#[test]
fn a_story_in_a_sprint_that_does_not_exist() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let text = std::fs::read_to_string(&path).expect("read").replace("sprint: \"s1\"", "sprint: \"s9\"");
    std::fs::write(&path, text).expect("write");
    opens_with_a_warning(
        &b,
        &other,
        &format!("stories/{victim}.ron:7:5"),
        "sprint \"s9\", which board.ron does not have",
        &["move", &victim, "--sprint", "backlog"],
    );
}

#[test]
fn two_active_sprints_open_and_one_can_be_stopped() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    b.ok(&["sprint", "new", "S2"]);
    b.ok(&["sprint", "start", "S1"]);
    let key = b.add("In S2", &["--sprint", "S2"]);
    // What a clean merge of "start S1" on one clone and "start S2" on the other gives.
    let path = b.root.join("board.ron");
    let text = std::fs::read_to_string(&path).expect("read");
    let text = text.replacen("state: Planned", "state: Active", 1);
    std::fs::write(&path, text).expect("write");
    let out = b.run(&["sprint", "close"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("2 sprints are active (S1, S2): name the one to close"), "{}", stderr(&out));
    opens_with_a_warning(&b, &key, "board.ron:", "more than one sprint is active (S1, S2)", &["sprint", "stop", "S2"]);
    let sprints = b.json(&["sprint", "list", "--format", "json"]);
    assert_eq!(sprints[1]["state"], "planned");
    assert_eq!(b.keys("S2"), [key], "its stories stay");
}

#[test]
fn an_unknown_field_is_refused_not_dropped() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let text = std::fs::read_to_string(&path).expect("read").replace("    title:", "    colour: \"red\",\n    title:");
    std::fs::write(&path, text).expect("write");
    assert_contained(&b, &victim, &other, &format!("stories/{victim}.ron:4:5"), "unknown field `colour`");
}

#[test]
fn git_conflict_markers() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let text = std::fs::read_to_string(&path)
        .expect("read")
        .replace("    points: 3,\n", "<<<<<<< HEAD\n    points: 3,\n=======\n    points: 5,\n>>>>>>> theirs\n");
    std::fs::write(&path, text).expect("write");
    assert_contained(&b, &victim, &other, &format!("stories/{victim}.ron:9:1"), "merge conflict");
}

#[test]
fn a_broken_board_file() {
    let (b, _, other) = board();
    let path = b.root.join("board.ron");
    let text = std::fs::read_to_string(&path).expect("read").replacen("prefix:", "prefix =", 1);
    std::fs::write(&path, text).expect("write");
    assert_refused_everywhere(&b, &other, "board.ron:", "");
}

#[test]
fn a_story_with_an_unknown_column_and_a_bad_rank() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let text = std::fs::read_to_string(&path).expect("read").replace("status: \"todo\"", "status: \"limbo\"");
    std::fs::write(&path, text).expect("write");
    opens_with_a_warning(
        &b,
        &other,
        &format!("stories/{victim}.ron:6:5"),
        "status \"limbo\", which is not a column",
        &["move", &victim, "--status", "To Do"],
    );

    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let text = std::fs::read_to_string(&path).expect("read");
    let rank_line = text.lines().find(|l| l.trim_start().starts_with("rank:")).expect("rank").to_owned();
    std::fs::write(&path, text.replace(&rank_line, "    rank: \"!!\",")).expect("write");
    assert_contained(&b, &victim, &other, &format!("stories/{victim}.ron:"), "invalid rank");
}

#[test]
fn leftover_temporary_files_are_not_read_as_stories() {
    let (b, victim, other) = board();
    // What an interrupted atomic write leaves behind: a hidden, half-written temporary file.
    std::fs::write(b.root.join(format!("stories/.{victim}.ron.a1b2c3")), b"(schema: 1, ti").expect("write");
    std::fs::write(b.root.join("stories/notes.txt"), b"not a story").expect("write");
    assert_eq!(b.keys("S1"), [victim, other]);
}

/// Unknown fields are refused at every depth (here inside a history event), like at the top.
#[test]
fn an_unknown_nested_field_is_refused_not_dropped() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let good = std::fs::read_to_string(&path).expect("read");
    let broken = good.replace("change: Created(\n", "change: Created(\n                colour: \"red\",\n");
    assert_ne!(broken, good);
    std::fs::write(&path, &broken).expect("write");
    let line = broken.lines().position(|l| l.contains("colour")).expect("inserted") + 1;
    assert_contained(&b, &victim, &other, &format!("stories/{victim}.ron:{line}:"), "unknown field `colour`");
}

/// Interrupted saves leave temporary files: the next change removes those old enough that no
/// save can still be writing them, so `check --strict` passes again.
#[test]
fn leftover_temporary_files_are_removed_by_the_next_change() {
    let (b, victim, _) = board();
    let old = b.root.join(format!("stories/.{victim}.ron.o1d0ld"));
    let old_board = b.root.join(".board.ron.o1d0ld");
    let young = b.root.join(format!("stories/.{victim}.ron.y0ung1"));
    for p in [&old, &old_board, &young] {
        std::fs::write(p, b"(schema: 1, ti").expect("write");
    }
    let ten_minutes_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    for p in [&old, &old_board] {
        std::fs::File::options().append(true).open(p).expect("open").set_modified(ten_minutes_ago).expect("age");
    }
    assert_eq!(b.run(&["check", "--strict"]).status.code(), Some(1));
    b.add("A change", &[]);
    assert!(!old.exists() && !old_board.exists(), "old leftovers removed");
    assert!(young.exists(), "one a save may still be writing is left alone");
    std::fs::remove_file(&young).expect("rm");
    assert!(b.run(&["check", "--strict"]).status.success());
}

/// A `$EDITOR` script: `body` runs with the file to edit as `$1`.
fn editor(b: &TestBoard, body: &str) -> String {
    let script = b.tmp.path().join("editor.sh");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).expect("script");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script.to_str().expect("path").to_owned()
}

fn repair(b: &TestBoard, what: &str, editor: &str) -> std::process::Output {
    b.cmd().args(["repair", what]).env("EDITOR", editor).env_remove("VISUAL").output().expect("run")
}

/// `repair KEY`: the file's own text in `$EDITOR` with the problem noted on top; opened again
/// while it does not parse; written back once it does, and the story is back.
#[test]
fn repair_opens_the_raw_file_in_the_editor_until_it_parses() {
    let (b, victim, other) = board();
    let path = b.story_path(&victim);
    let good = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{good}(((\n")).expect("break it");
    let fixed = b.tmp.path().join("fixed.ron");
    std::fs::write(&fixed, good.replace("\"Victim\"", "\"Victim, repaired\"")).expect("fixed");
    let log = b.tmp.path().join("seen");
    // First run: a fix that still does not parse; second: the good text.
    let ed = editor(
        &b,
        &format!(
            "cat \"$1\" >> '{log}'; echo '---' >> '{log}'\n\
             if [ -e '{log}.once' ]; then cp '{fixed}' \"$1\"; else touch '{log}.once'; sed -i 's/^(((/((/' \"$1\"; fi",
            log = log.display(),
            fixed = fixed.display()
        ),
    );
    let out = repair(&b, &victim.to_lowercase(), &ed);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(&format!("Repaired {victim}")), "{}", stdout(&out));
    let seen = std::fs::read_to_string(&log).expect("the editor ran");
    let runs: Vec<&str> = seen.split("---\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(runs.len(), 2, "opened again while it did not parse: {seen}");
    assert!(runs[0].starts_with("// sprintboard: ") && runs[0].contains("trailing characters"), "{}", runs[0]);
    assert!(runs[0].contains(&good), "the file's own text: {}", runs[0]);
    assert!(runs[1].starts_with("// sprintboard: ") && runs[1].contains("((\n"), "the new problem: {}", runs[1]);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), good.replace("\"Victim\"", "\"Victim, repaired\""));
    assert_eq!(b.keys("S1"), [victim.clone(), other], "back in its place");
    assert!(b.run(&["check"]).status.success());
    // Nothing to repair now.
    let out = repair(&b, &victim, &ed);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing to repair"), "{}", stderr(&out));
}

/// An empty editor cancels; a file changed while it was in the editor is not written over (and
/// what was typed is kept); a directory is not a text to edit. Its bytes never change.
#[test]
fn repair_writes_nothing_it_should_not() {
    let (b, victim, _) = board();
    let path = b.story_path(&victim);
    let broken = format!("{}(((\n", std::fs::read_to_string(&path).expect("read"));
    std::fs::write(&path, &broken).expect("break it");
    let out = repair(&b, &victim, &editor(&b, ": > \"$1\""));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing was written"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), broken);

    // Someone else writes the file while it is in the editor: theirs stays.
    let theirs = broken.replace("(((", "((((");
    let fix = broken.replace("(((\n", "");
    let ed = editor(
        &b,
        &format!(
            "printf '%s' '{theirs}' > '{path}'\nprintf '%s' '{fix}' > \"$1\"",
            theirs = theirs.replace('\'', ""),
            fix = fix.replace('\'', ""),
            path = path.display()
        ),
    );
    let out = repair(&b, &victim, &ed);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("changed on disk while it was in the editor") && err.contains("kept in"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs.replace('\'', ""), "theirs is kept");

    std::fs::remove_file(&path).expect("rm");
    std::fs::create_dir(&path).expect("dir");
    let out = repair(&b, &victim, &editor(&b, "exit 0"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
    assert!(path.is_dir());
}

/// `repair board.ron` from the command line, where every other command refuses.
#[test]
fn repair_of_board_ron() {
    let (b, _, other) = board();
    let path = b.root.join("board.ron");
    let good = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, good.replacen("prefix:", "prefix =", 1)).expect("break it");
    assert_eq!(b.run(&["show", &other]).status.code(), Some(2));
    let fixed = b.tmp.path().join("board-fixed.ron");
    std::fs::write(&fixed, &good).expect("fixed");
    let out = repair(&b, "board.ron", &editor(&b, &format!("cp '{}' \"$1\"", fixed.display())));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), good);
    assert!(b.run(&["show", &other]).status.success());
}
