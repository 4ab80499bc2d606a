//! Commands that change many files, killed (SIGKILL, as `kill -9`) at exact points with the
//! debug builds' `SPRINTBOARD_DEBUG_KILL_AFTER_WRITES=N` (and once at random instants): closing
//! a sprint of 400 unfinished stories, removing or renaming a column, deleting an epic, deleting
//! a story 300 others wait on, importing 2,000 rows. After each kill, `check` names the
//! interrupted command and fails; running the command again finishes it; `check` is then clean
//! and the board is what one uninterrupted run gives. And what a merge leaves in a closed sprint
//! (one clone closed it, the other moved a story in) is reported by `check` with its fix, which
//! works; the TUI's close gets the same guarantee.

mod common;

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::*;

/// Every run happens at this instant, so that two runs of one command write the same bytes.
const NOW: &str = "2026-11-20T09:00:00Z";

/// A place to work: the home of every run, and the board made there.
struct Place {
    tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Place {
    fn new() -> Place {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path().join("board");
        let p = Place { tmp, root };
        p.ok(&p.root, &["init", "--name", "Test"]);
        p
    }

    fn home(&self) -> &Path {
        self.tmp.path()
    }

    fn cmd(&self, root: &Path) -> Command {
        let mut c = sprintboard(self.home());
        c.env("SPRINTBOARD_NOW", NOW).arg("--board").arg(root);
        c
    }

    fn run(&self, root: &Path, args: &[&str]) -> Output {
        self.cmd(root).args(args).output().expect("run")
    }

    fn ok(&self, root: &Path, args: &[&str]) -> String {
        let out = self.run(root, args);
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        stdout(&out)
    }

    /// Imports a Jira CSV of `rows` (`Issue Type,Issue key,Summary,Status,Sprint`).
    fn import(&self, rows: impl Iterator<Item = String>) {
        let mut csv = String::from("Issue Type,Issue key,Summary,Status,Sprint\n");
        for r in rows {
            csv.push_str(&r);
            csv.push('\n');
        }
        let file = self.home().join(format!("rows-{}.csv", fastrand::u32(..)));
        std::fs::write(&file, csv).expect("write csv");
        self.ok(&self.root, &["import", "jira", file.to_str().expect("path")]);
    }

    fn keys(&self, root: &Path, list: &str) -> Vec<String> {
        let v: serde_json::Value =
            serde_json::from_str(&self.ok(root, &["list", "--sprint", list, "--format", "json"])).expect("json");
        v.as_array().expect("array").iter().map(|s| s["key"].as_str().expect("key").to_owned()).collect()
    }

    /// A copy of the board (its files, not the lock or a journal) at a new place.
    fn copy(&self, name: &str) -> PathBuf {
        let to = self.home().join(name);
        std::fs::create_dir_all(to.join("stories")).expect("mkdir");
        for f in ["board.ron", ".gitignore"] {
            std::fs::copy(self.root.join(f), to.join(f)).expect("copy");
        }
        for e in std::fs::read_dir(self.root.join("stories")).expect("stories") {
            let p = e.expect("entry").path();
            std::fs::copy(&p, to.join("stories").join(p.file_name().expect("name"))).expect("copy");
        }
        to
    }
}

/// `board.ron` and every story file, by name: what a board is.
fn board_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    out.insert("board.ron".to_owned(), std::fs::read(root.join("board.ron")).expect("board.ron"));
    for e in std::fs::read_dir(root.join("stories")).expect("stories") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        // What a write killed part-way leaves (`.KEY.ron.XXXXXX`) is not a board file.
        if name.starts_with('.') {
            continue;
        }
        out.insert(format!("stories/{name}"), std::fs::read(&p).expect("story"));
    }
    out
}

/// Two boards hold the same files, byte for byte (named by the first that differs).
fn assert_same_board(want: &Path, got: &Path, why: &str) {
    let (want, got) = (board_files(want), board_files(got));
    assert_eq!(want.keys().collect::<Vec<_>>(), got.keys().collect::<Vec<_>>(), "{why}: not the same files");
    for (name, bytes) in &want {
        assert!(
            got[name] == *bytes,
            "{why}: {name} differs:\n--- uninterrupted\n{}\n--- finished\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&got[name])
        );
    }
}

/// What is checked after an interruption, for one command.
struct Interrupted<'a> {
    args: &'a [&'a str],
    /// The command as `check` shows it.
    shown: &'a str,
    /// Kill points: after this many files written; at `files` (every file written, the journal
    /// not removed yet) nothing is left to do, and `check` says nothing.
    kill_after: &'a [usize],
    /// How many files the command writes or removes.
    files: usize,
}

/// Runs the command on copies of `p`'s board: once to the end (the reference), and once per
/// kill point, killed there. After each kill, `check` fails naming the command; running it
/// again finishes it; `check` is clean; `same` compares the board with the reference.
fn interrupted_then_finished(p: &Place, c: &Interrupted, same: impl Fn(&Path, &Path, &str)) {
    let reference = p.copy("reference");
    p.ok(&reference, c.args);
    for &n in c.kill_after {
        let why = format!("{} killed after {n} files", c.shown);
        let board = p.copy(&format!("killed-{n}"));
        let out =
            p.cmd(&board).env("SPRINTBOARD_DEBUG_KILL_AFTER_WRITES", n.to_string()).args(c.args).output().expect("run");
        assert_eq!(out.status.signal(), Some(9), "{why}: it was not killed: {}", stderr(&out));
        assert!(board.join(".unfinished.ron.journal").exists(), "{why}: no journal");

        let check = p.run(&board, &["check"]);
        let said = stderr(&check);
        if n < c.files {
            assert_eq!(check.status.code(), Some(2), "{why}: check must fail: {said}");
            let left = format!("{} of its {} files are not written yet", c.files - n, c.files);
            assert!(said.contains(&format!("`{}` was interrupted and {left}", c.shown)), "{why}: {said}");
            assert!(said.contains(&format!("run `{}` again to finish it", c.shown)), "{why}: {said}");
        } else {
            assert!(check.status.success(), "{why}: every file is written: {said}");
        }

        let again = p.run(&board, c.args);
        assert!(again.status.success(), "{why}: running it again: {}", stderr(&again));
        assert_eq!(stdout(&again).trim(), format!("Finished the interrupted `{}`", c.shown), "{why}");
        let check = p.run(&board, &["check"]);
        assert!(check.status.success(), "{why}: check after finishing: {}", stderr(&check));
        assert!(!board.join(".unfinished.ron.journal").exists(), "{why}: the journal is left");
        same(&reference, &board, &why);
    }
}

/// A board with 400 unfinished stories in the active sprint S1 (and 4 done ones), and 3 in the
/// planned S2 after it.
fn sprint_of_400() -> Place {
    let p = Place::new();
    p.import(
        (0..400)
            .map(|i| format!("Story,APP-{i},Unfinished {i},{},S1", ["To Do", "In Progress", "Review"][i % 3]))
            .chain((400..404).map(|i| format!("Story,APP-{i},Finished {i},Done,S1")))
            .chain((404..407).map(|i| format!("Story,APP-{i},Planned {i},To Do,S2"))),
    );
    p.ok(&p.root, &["sprint", "start", "S1"]);
    p
}

#[test]
fn a_killed_sprint_close_of_400_stories_is_finished_by_closing_again() {
    let p = sprint_of_400();
    let c = Interrupted {
        args: &["sprint", "close", "S1"],
        shown: "sprintboard sprint close S1",
        kill_after: &[173, 401],
        files: 401,
    };
    interrupted_then_finished(&p, &c, assert_same_board);
    // The reference itself: every unfinished story at the top of S2, in S1's order.
    let reference = p.home().join("reference");
    let s2 = p.keys(&reference, "S2");
    assert_eq!(s2.len(), 403);
    assert_eq!(p.keys(&reference, "S1").len(), 4, "the done ones stay");
    assert_eq!(s2[..400], p.keys(&p.root, "S1")[..400], "carried in their order, at the top");
}

/// The same, killed at random instants (a timer, not a write count): whatever the instant,
/// `check` says the truth (a journal when one is pending, else a board either not closed or
/// closed), and running the command again always gives the uninterrupted board.
#[test]
fn a_sprint_close_killed_at_random_instants_always_finishes() {
    let p = sprint_of_400();
    let reference = p.copy("reference");
    let started = Instant::now();
    p.ok(&reference, &["sprint", "close", "S1"]);
    let whole = started.elapsed();
    let mut rng = fastrand::Rng::with_seed(7);
    for round in 0..2 {
        let board = p.copy(&format!("round-{round}"));
        let mut child = p
            .cmd(&board)
            .args(["sprint", "close", "S1"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_micros(rng.u64(0..whole.as_micros() as u64)));
        let _ = child.kill();
        let _ = child.wait();
        let pending = board.join(".unfinished.ron.journal").exists();
        let check = p.run(&board, &["check"]);
        if pending {
            assert!(stderr(&check).contains("`sprintboard sprint close S1` was interrupted"), "{}", stderr(&check));
        } else {
            assert!(check.status.success(), "round {round}: nothing pending, so nothing wrong: {}", stderr(&check));
        }
        let again = p.run(&board, &["sprint", "close", "S1"]);
        assert!(again.status.success(), "round {round}: {}", stderr(&again));
        assert!(p.run(&board, &["check"]).status.success(), "round {round}");
        assert_same_board(&reference, &board, &format!("round {round}"));
    }
}

#[test]
fn a_killed_column_removal_is_finished_and_a_rename_is_whole_or_not_made() {
    let p = Place::new();
    p.import((0..400).map(|i| format!("Story,APP-{i},In review {i},Review,")));
    let c = Interrupted {
        args: &["column", "remove", "Review", "--to", "In Progress"],
        shown: "sprintboard column remove Review --to 'In Progress'",
        kill_after: &[200],
        files: 401,
    };
    interrupted_then_finished(&p, &c, assert_same_board);

    // A rename is one file (stories name a column by its id): killed before its write, nothing
    // changed and nothing is pending; run again, it is made; run once more, it says so.
    let reference = p.copy("rename-reference");
    p.ok(&reference, &["column", "rename", "Review", "Checking"]);
    let board = p.copy("rename-killed");
    let out = p
        .cmd(&board)
        .env("SPRINTBOARD_DEBUG_KILL_AFTER_WRITES", "0")
        .args(["column", "rename", "Review", "Checking"])
        .output()
        .expect("run");
    assert_eq!(out.status.signal(), Some(9));
    assert!(p.run(&board, &["check"]).status.success(), "a one-file change is never half made");
    assert_eq!(p.ok(&board, &["column", "rename", "Review", "Checking"]).trim(), "Renamed to Checking");
    assert_eq!(p.ok(&board, &["column", "rename", "Review", "Checking"]).trim(), "Checking: already so named");
    assert_same_board(&reference, &board, "rename");
}

#[test]
fn a_killed_epic_delete_is_finished() {
    let p = Place::new();
    p.import((0..60).map(|i| format!("Story,APP-{i},Epic work {i},To Do,")));
    p.ok(&p.root, &["epic", "new", "Checkout"]);
    for key in p.keys(&p.root, "backlog") {
        p.ok(&p.root, &["edit", &key, "--epic", "Checkout"]);
    }
    let c = Interrupted {
        args: &["epic", "delete", "Checkout", "--yes"],
        shown: "sprintboard epic delete Checkout --yes",
        kill_after: &[30],
        files: 61,
    };
    interrupted_then_finished(&p, &c, assert_same_board);
}

#[test]
fn a_killed_delete_of_a_story_300_others_wait_on_is_finished() {
    let p = Place::new();
    p.import((0..301).map(|i| format!("Story,APP-{i},Story {i},To Do,")));
    let keys = p.keys(&p.root, "backlog");
    let blocker = keys[0].clone();
    // 300 links, written into the files as `link` writes them (300 runs of `link` take long).
    for k in &keys[1..] {
        let path = p.root.join("stories").join(format!("{k}.ron"));
        let text = std::fs::read_to_string(&path).expect("story");
        let linked = text.replace("    blocked_by: [],", &format!("    blocked_by: [\n        \"{blocker}\",\n    ],"));
        assert_ne!(text, linked);
        std::fs::write(&path, linked).expect("write");
    }
    let shown = p.json_blocks(&blocker);
    assert_eq!(shown, 300, "the links are there");
    let args = ["delete", blocker.as_str()];
    let shown = format!("sprintboard delete {blocker}");
    let c = Interrupted { args: &args, shown: &shown, kill_after: &[150], files: 301 };
    interrupted_then_finished(&p, &c, |want, got, why| {
        assert_same_board(want, got, why);
        let out = p.ok(got, &["list", "--format", "json"]);
        assert!(!out.contains(&blocker), "{why}: nobody waits on the deleted story");
    });
}

impl Place {
    /// How many stories wait on `key`, as `show` says.
    fn json_blocks(&self, key: &str) -> usize {
        let v: serde_json::Value =
            serde_json::from_str(&self.ok(&self.root, &["show", key, "--format", "json"])).expect("json");
        v["blocks"].as_array().expect("blocks").len()
    }
}

/// The board as a person sees it, without what differs between two imports of one file (the
/// random keys and ranks): each list in order, each story's title, column and sprint.
fn seen(p: &Place, root: &Path) -> Vec<(String, String, String)> {
    let v: serde_json::Value =
        serde_json::from_str(&p.ok(root, &["list", "--sprint", "all", "--format", "json"])).expect("json");
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| (s["title"].to_string(), s["status"].to_string(), s["sprint"].to_string()))
        .collect()
}

#[test]
fn a_killed_import_of_2000_rows_is_finished_by_importing_again() {
    let p = Place::new();
    let rows: Vec<String> = (0..2000)
        .map(|i| format!("Story,APP-{i},Row {i},{},{}", ["To Do", "In Progress"][i % 2], ["S1", "S2", ""][i % 3]))
        .collect();
    let mut csv = String::from("Issue Type,Issue key,Summary,Status,Sprint\n");
    csv.push_str(&rows.join("\n"));
    let file = p.home().join("export.csv");
    std::fs::write(&file, csv).expect("csv");
    let path = file.to_str().expect("path");
    let args = ["import", "jira", path];
    let shown = format!("sprintboard import jira {path}");
    let c = Interrupted { args: &args, shown: &shown, kill_after: &[1000], files: 2001 };
    interrupted_then_finished(&p, &c, |want, got, why| {
        // Keys and ranks are drawn at random: two imports are compared as a person sees them.
        let (want, got) = (seen(&p, want), seen(&p, got));
        assert_eq!(want.len(), 2000);
        assert!(want == got, "{why}: not the board one import gives");
    });
    // Importing it once more changes nothing: the rows are all there, once.
    let board = p.home().join("killed-1000");
    let again = p.ok(&board, &args);
    assert!(again.contains("0 created, 0 updated, 2000 unchanged"), "{again}");
}

/// The same state from a merge: Alice closes S1 (its unfinished story carried to S2) while Bob
/// moves a story into S1; both sync. `check` reports the unfinished story left in the closed
/// sprint with the command that carries it over, and that command works.
#[test]
fn an_unfinished_story_a_merge_leaves_in_a_closed_sprint_is_reported_and_carried_over() {
    let tmp = tempfile::tempdir().expect("tmp");
    let home = tmp.path();
    let sb =
        |dir: &Path, args: &[&str]| -> Output { sprintboard(home).current_dir(dir).args(args).output().expect("run") };
    let ok = |dir: &Path, args: &[&str]| -> String {
        let out = sb(dir, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    git_ok(home, &["init", "--quiet", "--bare", "-b", "main", "origin.git"]);
    git_ok(home, &["clone", "--quiet", "origin.git", "alice"]);
    let (alice, bob) = (home.join("alice"), home.join("bob"));
    ok(&alice, &["init", "--name", "Team", "--no-hook"]);
    ok(&alice, &["sprint", "new", "S1"]);
    ok(&alice, &["sprint", "new", "S2"]);
    let carried = ok(&alice, &["add", "Carried by the close", "--sprint", "S1"]).trim().to_owned();
    let late = ok(&alice, &["add", "Moved in late"]).trim().to_owned();
    ok(&alice, &["sprint", "start", "S1"]);
    git_ok(&alice, &["add", "-A"]);
    git_ok(&alice, &["commit", "--quiet", "-m", "board"]);
    git_ok(&alice, &["push", "--quiet", "origin", "main"]);
    git_ok(home, &["clone", "--quiet", "origin.git", "bob"]);
    ok(&bob, &["git-setup"]);

    ok(&alice, &["sprint", "close", "S1"]);
    ok(&bob, &["move", &late, "--sprint", "S1"]);
    ok(&alice, &["sync"]);
    ok(&bob, &["sync"]);
    ok(&alice, &["sync"]);

    for clone in [&alice, &bob] {
        let check = sb(clone, &["check"]);
        assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
        let said = stderr(&check);
        assert!(
            said.contains(&format!(
                "sprint S1 is closed but 1 unfinished story is still in it ({late}): `sprintboard sprint close \"S1\"` carries it over to S2"
            )),
            "{said}"
        );
    }
    let fixed = ok(&bob, &["sprint", "close", "S1"]);
    assert_eq!(fixed.trim(), "S1 was already closed; 1 unfinished story left in it moved to S2");
    let check = sb(&bob, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let s2 = serde_json::from_str::<serde_json::Value>(&ok(&bob, &["list", "--sprint", "S2", "--format", "json"]))
        .expect("json");
    let s2: Vec<&str> = s2.as_array().expect("array").iter().map(|s| s["key"].as_str().expect("key")).collect();
    assert_eq!(s2, [late.as_str(), carried.as_str()], "carried to the top of the next sprint");
    assert_eq!(ok(&bob, &["sprint", "close", "S1"]).trim(), "S1 is closed, and no unfinished story is left in it");
}

/// The TUI's close (Planning, `C`, `y`) is saved through the same journal: killed part-way,
/// `check` says so and names what finishes it (opening the board), which does.
#[test]
fn a_killed_close_in_the_tui_is_finished_when_the_board_is_opened_again() {
    let b = TestBoard::new();
    let mut csv = String::from("Issue Type,Issue key,Summary,Status,Sprint\n");
    for i in 0..40 {
        csv.push_str(&format!("Story,APP-{i},Story {i},To Do,S1\n"));
    }
    let file = b.tmp.path().join("s1.csv");
    std::fs::write(&file, csv).expect("csv");
    b.ok(&["import", "jira", file.to_str().expect("path")]);
    b.ok(&["sprint", "new", "S2"]);
    b.ok(&["sprint", "start", "S1"]);
    let mut tui = pty::Tui::start(&b, &[("SPRINTBOARD_DEBUG_KILL_AFTER_WRITES", "12")]);
    tui.wait_for("1 Board");
    tui.send("2");
    tui.wait_for("Backlog");
    tui.send("C");
    tui.wait_for("Close S1?");
    tui.send("y");
    let status = tui.wait_exit();
    assert!(!status.success(), "killed part-way");

    let check = b.run(&["check"]);
    assert_eq!(check.status.code(), Some(2));
    assert!(
        stderr(&check).contains(
            "a change made in the TUI was interrupted and 29 of its 41 files are not written yet: open the board (`sprintboard`) to finish it"
        ),
        "{}",
        stderr(&check)
    );
    // Opening the board (here as text: the output is not a terminal) finishes it first.
    let open = b.run(&[]);
    assert!(open.status.success(), "{}", stderr(&open));
    assert!(stderr(&open).contains("finished a change made in the TUI, which was interrupted: 29 files written now"));
    assert!(b.run(&["check"]).status.success());
    assert_eq!(b.keys("S2").len(), 40);
    assert!(b.keys("S1").is_empty());
}
