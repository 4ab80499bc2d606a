//! Sharing a board through git: the merge driver on real clones of a bare repository, `sync`,
//! and `check`.

mod common;

use std::path::Path;

use common::*;

impl Team {
    fn run_at(&self, dir: &Path, at: &str, args: &[&str]) -> String {
        let out =
            sprintboard(self.tmp.path()).current_dir(dir).env("SPRINTBOARD_NOW", at).args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    }

    fn story(&self, dir: &Path, key: &str) -> serde_json::Value {
        serde_json::from_str(&self.sb(dir, &["show", key, "--format", "json"])).expect("json")
    }

    fn commit(&self, dir: &Path, message: &str) {
        git_ok(dir, &["add", "-A"]);
        git_ok(dir, &["commit", "--quiet", "-m", message]);
    }

    /// Alice pushes; Bob commits and pulls with a real merge. Returns whether it was clean.
    fn merge(&self) -> bool {
        self.commit(&self.alice, "alice");
        git_ok(&self.alice, &["push", "--quiet", "origin", "main"]);
        self.commit(&self.bob, "bob");
        git(&self.bob, &["pull", "--quiet", "--no-rebase", "--no-edit", "origin", "main"]).status.success()
    }
}

#[test]
fn edits_of_different_fields_of_one_story_merge_cleanly() {
    let t = Team::new();
    let k = t.key();
    t.sb(&t.alice, &["edit", &k, "--title", "Renamed by Alice"]);
    t.sb(&t.bob, &["edit", &k, "--points", "8", "--label", "api"]);
    t.sb(&t.bob, &["move", &k, "--status", "in progress"]);
    assert!(t.merge(), "the merge driver merged the fields");
    assert!(git_ok(&t.bob, &["status", "--porcelain"]).is_empty());
    let s = t.story(&t.bob, &k);
    assert_eq!(s["title"], "Renamed by Alice");
    assert_eq!(s["points"], 8);
    assert_eq!(s["status"], "In Progress");
    assert_eq!(s["labels"], serde_json::json!(["api"]));
    t.sb(&t.bob, &["check"]);
}

#[test]
fn edits_of_different_stories_and_board_changes_merge_cleanly() {
    let t = Team::new();
    let a = t.sb(&t.alice, &["add", "Alice's"]).trim().to_owned();
    let b = t.sb(&t.bob, &["add", "Bob's"]).trim().to_owned();
    t.sb(&t.alice, &["sprint", "new", "Alice sprint"]);
    t.sb(&t.bob, &["epic", "new", "Bob epic"]);
    assert!(t.merge());
    let all = t.sb(&t.bob, &["list", "--format", "csv"]);
    assert!(all.contains(&a) && all.contains(&b), "{all}");
    let sprints = t.sb(&t.bob, &["sprint", "list"]);
    assert!(sprints.contains("Alice sprint"), "{sprints}");
    assert!(t.sb(&t.bob, &["epic", "list"]).contains("Bob epic"));
}

#[test]
fn the_same_field_changed_on_both_sides_is_a_conflict_with_both_values() {
    let t = Team::new();
    let k = t.key();
    t.sb(&t.alice, &["edit", &k, "--title", "Alice's title", "--points", "5"]);
    t.sb(&t.bob, &["edit", &k, "--title", "Bob's title"]);
    assert!(!t.merge(), "git reports the conflict");
    let status = git_ok(&t.bob, &["status", "--porcelain"]);
    assert!(status.contains(&format!("UU .sprintboard/stories/{k}.ron")), "{status}");
    let file = std::fs::read_to_string(t.bob.join(format!(".sprintboard/stories/{k}.ron"))).expect("file");
    assert!(file.contains("title: \"Alice's title\"") && file.contains("title: \"Bob's title\""), "{file}");
    assert!(file.contains("    points: 5,"), "the other field merged: {file}");
    let check = t.run(&t.bob, &["check"]);
    assert_eq!(check.status.code(), Some(2));
    assert!(stderr(&check).contains("merge conflict"), "{}", stderr(&check));
}

#[test]
fn histories_of_both_sides_are_merged_in_time_order() {
    let t = Team::new();
    let k = t.key();
    t.run_at(&t.alice, "2030-01-02T10:00:00Z", &["move", &k, "--status", "review"]);
    t.run_at(&t.bob, "2030-01-01T10:00:00Z", &["edit", &k, "--blocked", "waiting"]);
    assert!(t.merge());
    let s = t.story(&t.bob, &k);
    let kinds: Vec<&str> =
        s["history"].as_array().expect("history").iter().map(|h| h["change"].as_str().expect("kind")).collect();
    assert_eq!(kinds, ["created", "blocked", "status"]);
    assert_eq!(s["status"], "Review");
    assert_eq!(s["blocked"], "waiting");
}

#[test]
fn sync_round_trips_in_both_directions() {
    let t = Team::new();
    let added = t.sb(&t.alice, &["add", "From Alice"]).trim().to_owned();
    let out = t.sb(&t.alice, &["sync"]);
    assert!(out.contains("Committed 1 change") && out.contains("pushed to origin"), "{out}");
    let log = git_ok(&t.alice, &["log", "-1", "--format=%s"]);
    assert!(log.contains(&added) && log.contains("From Alice"), "the message says what changed: {log}");

    let out = t.sb(&t.bob, &["sync"]);
    assert!(out.contains("pulled"), "{out}");
    t.sb(&t.bob, &["move", &added, "--status", "done"]);
    t.sb(&t.bob, &["sync"]);
    let log = git_ok(&t.bob, &["log", "-1", "--format=%s"]);
    assert!(log.contains(&added) && log.contains("From Alice") && log.contains("changed"), "{log}");
    t.sb(&t.alice, &["sync"]);
    assert_eq!(t.story(&t.alice, &added)["status"], "Done");
    let out = t.sb(&t.alice, &["sync"]);
    assert!(out.contains("Nothing to do"), "{out}");
}

#[test]
fn sync_merges_concurrent_changes_and_reports_conflicts() {
    let t = Team::new();
    let k = t.key();
    t.sb(&t.alice, &["edit", &k, "--title", "Alice"]);
    t.sb(&t.alice, &["sync"]);
    t.sb(&t.bob, &["edit", &k, "--points", "13"]);
    let out = t.sb(&t.bob, &["sync"]);
    assert!(out.contains("pushed"), "{out}");
    let s = t.story(&t.bob, &k);
    assert_eq!((s["title"].as_str(), s["points"].as_u64()), (Some("Alice"), Some(13)));

    t.sb(&t.alice, &["edit", &k, "--title", "Alice again"]);
    t.sb(&t.alice, &["sync"]);
    t.sb(&t.bob, &["edit", &k, "--title", "Bob"]);
    let out = t.run(&t.bob, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("conflicts in {k}")) && err.contains("`sprintboard sync` again"), "{err}");

    // Syncing again before resolving says the same, never git's own error.
    let out = t.run(&t.bob, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("conflicts in {k}")) && !err.contains("fatal"), "{err}");
    // Bob keeps his title (resolving the markers by hand), then sync finishes the merge.
    let path = t.bob.join(format!(".sprintboard/stories/{k}.ron"));
    let text = std::fs::read_to_string(&path).expect("read");
    let resolved: String = {
        let mut out = Vec::new();
        let mut skip = false;
        for line in text.lines() {
            if line.starts_with("<<<<<<<") || line.starts_with(">>>>>>>") {
                skip = false;
                continue;
            }
            if line.starts_with("=======") {
                skip = true;
                continue;
            }
            if !skip {
                out.push(line);
            }
        }
        out.join("\n") + "\n"
    };
    std::fs::write(&path, resolved).expect("resolve");
    let out = t.sb(&t.bob, &["sync"]);
    assert!(out.contains("finished the merge") && out.contains("pushed"), "{out}");
    assert_eq!(t.story(&t.bob, &k)["title"], "Bob");
    t.sb(&t.alice, &["sync"]);
    assert_eq!(t.story(&t.alice, &k)["title"], "Bob");
}

/// Deleted on one clone, edited on the other (git's modify/delete, which no merge driver sees):
/// sync keeps the edited story, says so, and finishes the merge; in either direction.
#[test]
fn a_story_deleted_on_one_clone_and_edited_on_the_other_is_kept() {
    for deleter_first in [true, false] {
        let t = Team::new();
        let k = t.key();
        t.sb(&t.bob, &["sync"]);
        let (first, second) = if deleter_first { (&t.alice, &t.bob) } else { (&t.bob, &t.alice) };
        if deleter_first {
            t.sb(first, &["delete", &k]);
            t.sb(second, &["edit", &k, "--title", "Edited meanwhile"]);
        } else {
            t.sb(first, &["edit", &k, "--title", "Edited meanwhile"]);
            t.sb(second, &["delete", &k]);
        }
        t.sb(first, &["sync"]);
        let out = t.run(second, &["sync"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stdout(&out);
        assert!(said.contains(&format!("{k} deleted on one side and edited on the other")), "{said}");
        assert!(said.contains("pushed"), "{said}");
        assert_eq!(t.story(second, &k)["title"], "Edited meanwhile");
        let out = t.sb(second, &["sync"]);
        assert!(out.contains("Nothing to do"), "a second sync is quiet: {out}");
        t.sb(first, &["sync"]);
        assert_eq!(t.story(first, &k)["title"], "Edited meanwhile", "and the other clone has it back");
        assert!(git_ok(second, &["status", "--porcelain"]).is_empty());
    }
}

#[test]
fn sync_without_a_remote_or_offline_says_so() {
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = tmp.path().join("solo");
    std::fs::create_dir_all(&repo).expect("dir");
    git_ok(&repo, &["init", "--quiet", "-b", "main"]);
    let run = |args: &[&str]| sprintboard(tmp.path()).current_dir(&repo).args(args).output().expect("run");
    assert!(run(&["init", "--no-hook"]).status.success());
    run(&["add", "Solo"]);
    let out = run(&["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("no remote is configured"), "{}", stdout(&out));
    assert!(git_ok(&repo, &["log", "--oneline"]).contains("sprintboard:"));

    git_ok(&repo, &["remote", "add", "origin", tmp.path().join("nowhere.git").to_str().expect("path")]);
    run(&["add", "Later"]);
    let out = run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("offline") && stderr(&out).contains("committed here"), "{}", stderr(&out));
}

#[test]
fn check_catches_each_kind_of_problem() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    b.ok(&["sprint", "start", "S1"]);
    let k = b.add("One", &["--sprint", "S1"]);
    let k2 = b.add("Two", &["--sprint", "S1"]);
    assert!(b.ok(&["check"]).starts_with("ok: 2 stories"));

    // Warnings: a WIP limit exceeded, a leftover temporary file. --strict makes them errors.
    let board = std::fs::read_to_string(b.root.join("board.ron")).expect("board");
    std::fs::write(b.root.join("board.ron"), board.replacen("wip: None", "wip: 1", 1)).expect("write");
    std::fs::write(b.root.join(format!("stories/.{k}.ron.x1y2z3")), "(").expect("write");
    let out = b.run(&["check"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("WIP limit exceeded: 2 stories, limit 1") && err.contains("interrupted save"), "{err}");
    assert_eq!(b.run(&["check", "--strict"]).status.code(), Some(1));

    // Errors: each one named, exit 2.
    let story = b.story_path(&k2);
    let good = std::fs::read_to_string(&story).expect("story");
    for (broken, needle) in [
        (good.replace("sprint: \"s1\"", "sprint: \"gone\""), "which board.ron does not have"),
        (good.replacen("(", "(\n    colour: 1,", 1), "unknown field `colour`"),
        (good[..good.len() / 2].to_owned(), ":"),
    ] {
        std::fs::write(&story, &broken).expect("write");
        let out = b.run(&["check"]);
        assert_eq!(out.status.code(), Some(2), "{needle}");
        assert!(stderr(&out).contains(needle), "{needle}: {}", stderr(&out));
    }
    std::fs::write(&story, &good).expect("restore");
    std::fs::copy(b.story_path(&k), b.root.join("stories/copy.ron")).expect("copy");
    let out = b.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not match the file's name"), "{}", stderr(&out));
}

/// Clone A starts S1, clone B starts S2, both sync: git merges board.ron cleanly into two
/// active sprints. Nobody is locked out: every command still runs and says so, `check` names
/// both, and `sprint stop` sets it right on either clone.
#[test]
fn two_clones_start_different_sprints_and_nobody_is_locked_out() {
    let t = Team::new();
    t.sb(&t.alice, &["sprint", "new", "S2"]);
    t.sb(&t.alice, &["sync"]);
    t.sb(&t.bob, &["sync"]);
    t.sb(&t.alice, &["sprint", "start", "S1"]);
    t.sb(&t.bob, &["sprint", "start", "S2"]);
    let out = t.sb(&t.alice, &["sync"]);
    assert!(out.contains("pushed"), "{out}");
    let out = t.sb(&t.bob, &["sync"]);
    assert!(out.contains("pushed"), "{out}");
    t.sb(&t.alice, &["sync"]);
    for clone in [&t.alice, &t.bob] {
        let out = t.run(clone, &["list", "--format", "json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("more than one sprint is active (S1, S2)"), "{}", stderr(&out));
        let out = t.run(clone, &["check"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("sprintboard sprint stop \"S2\""), "{}", stderr(&out));
    }
    t.sb(&t.bob, &["sprint", "stop", "S2"]);
    t.sb(&t.bob, &["sync"]);
    t.sb(&t.alice, &["sync"]);
    for clone in [&t.alice, &t.bob] {
        let out = t.run(clone, &["check"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

#[test]
fn init_can_install_a_pre_commit_hook_that_checks_the_board() {
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = tmp.path().join("r");
    std::fs::create_dir_all(&repo).expect("dir");
    git_ok(&repo, &["init", "--quiet", "-b", "main"]);
    let out = sprintboard(tmp.path()).current_dir(&repo).args(["init", "--hook"]).output().expect("init");
    assert!(stdout(&out).contains("pre-commit"), "{}", stdout(&out));
    let add = sprintboard(tmp.path()).current_dir(&repo).args(["add", "x"]).output().expect("add");
    let key = stdout(&add).trim().to_owned();
    git_ok(&repo, &["add", "-A"]);
    assert!(git(&repo, &["commit", "--quiet", "-m", "ok"]).status.success(), "a good board commits");
    std::fs::write(repo.join(format!(".sprintboard/stories/{key}.ron")), "(broken").expect("break");
    git_ok(&repo, &["add", "-A"]);
    let commit = git(&repo, &["commit", "--quiet", "-m", "bad"]);
    assert!(!commit.status.success(), "the hook refuses a broken board");
    assert!(String::from_utf8_lossy(&commit.stderr).contains(&format!("{key}.ron")));
}

/// Both clones close the same sprint (and both start it before, on different days): the same
/// operation on two clones merges to one result, with no conflict and no duplicate history.
#[test]
fn both_clones_close_the_same_sprint_and_merge_cleanly() {
    let t = Team::new();
    // Undated (a new sprint gets the cadence's dates), so that each start records its own day.
    t.sb(&t.alice, &["sprint", "edit", "S1", "--start", "none", "--end", "none"]);
    t.sb(&t.alice, &["sprint", "new", "S2"]);
    let carried: Vec<String> = (0..3)
        .map(|i| t.sb(&t.alice, &["add", &format!("Unfinished {i}"), "--sprint", "S1"]).trim().to_owned())
        .collect();
    let done = t.sb(&t.alice, &["add", "Finished", "--sprint", "S1", "--points", "5"]).trim().to_owned();
    t.sb(&t.alice, &["move", &done, "--status", "done"]);
    t.sb(&t.alice, &["sync"]);
    t.sb(&t.bob, &["sync"]);
    t.run_at(&t.alice, "2026-11-02T09:00:00Z", &["sprint", "start", "S1"]);
    t.run_at(&t.bob, "2026-11-03T09:00:00Z", &["sprint", "start", "S1"]);
    t.run_at(&t.alice, "2026-11-13T16:00:00Z", &["sprint", "close", "S1"]);
    t.run_at(&t.bob, "2026-11-13T17:30:00Z", &["sprint", "close", "S1"]);
    t.sb(&t.alice, &["sync"]);
    let out = t.run(&t.bob, &["sync"]);
    assert!(out.status.success(), "no conflict: {}", stderr(&out));
    assert!(git_ok(&t.bob, &["status", "--porcelain"]).is_empty());
    t.sb(&t.alice, &["sync"]);
    for clone in [&t.alice, &t.bob] {
        let out = t.run(clone, &["check"]);
        assert!(out.status.success(), "{}", stderr(&out));
        for k in &carried {
            let s = t.story(clone, k);
            assert_eq!(s["sprint"], "S2", "{k} carried over");
            let moves = s["history"].as_array().expect("history").iter().filter(|e| e["change"] == "sprint").count();
            assert_eq!(moves, 1, "{k}: one carry-over event, not one per clone: {}", s["history"]);
        }
    }
    let sprints = serde_json::to_string(&t.sb(&t.bob, &["sprint", "list", "--format", "json"])).expect("json");
    assert!(sprints.contains("2026-11-02"), "started on the first clone's day: {sprints}");
    assert_eq!(t.sb(&t.alice, &["export", "--format", "json"]), t.sb(&t.bob, &["export", "--format", "json"]));
}

/// The merge driver is registered by name when `sprintboard` on PATH is this binary, so moving
/// or upgrading it does not break merges; otherwise by path. `check` warns when it does not run.
#[test]
fn the_merge_driver_is_registered_so_that_it_keeps_running() {
    let t = Team::new();
    let bin = t.tmp.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_sprintboard"), bin.join("sprintboard")).expect("link");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = sprintboard(t.tmp.path()).current_dir(&t.bob).env("PATH", &path).arg("git-setup").output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let driver = git_ok(&t.bob, &["config", "merge.sprintboard.driver"]);
    assert_eq!(driver.trim(), "sprintboard merge-driver %O %A %B %L %P");
    let out = sprintboard(t.tmp.path()).current_dir(&t.bob).env("PATH", &path).arg("check").output().expect("run");
    assert!(out.status.success() && !stderr(&out).contains("merge driver"), "{}", stderr(&out));

    // Not on PATH: the absolute path.
    t.sb(&t.bob, &["git-setup"]);
    let driver = git_ok(&t.bob, &["config", "merge.sprintboard.driver"]);
    assert!(driver.starts_with('\'') && driver.contains("merge-driver"), "{driver}");

    // A driver that no longer runs (the binary moved): check says so.
    git_ok(&t.bob, &["config", "merge.sprintboard.driver", "/nowhere/sprintboard merge-driver %O %A %B %L %P"]);
    let out = t.run(&t.bob, &["check"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("does not run") && stderr(&out).contains("git-setup"), "{}", stderr(&out));
    assert_eq!(t.run(&t.bob, &["check", "--strict"]).status.code(), Some(1));
    git_ok(&t.bob, &["config", "--unset", "merge.sprintboard.driver"]);
    assert!(stderr(&t.run(&t.bob, &["check"])).contains("not registered in this clone"));
}
