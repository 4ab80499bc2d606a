//! Two clones of one repository, real `git`: concurrent adds and reorders merge without a
//! conflict, nothing is lost, keys stay unique.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

fn sb(home: &Path, dir: &Path, args: &[&str]) -> String {
    let out = sprintboard(home).current_dir(dir).args(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn keys(home: &Path, dir: &Path, list: &str) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&sb(home, dir, &["list", "--sprint", list, "--format", "json"])).expect("json");
    v.as_array().expect("array").iter().map(|s| s["key"].as_str().expect("key").to_owned()).collect()
}

/// A bare `origin.git` under `home` and Alice's clone of it, holding a board "Team" with a
/// planned sprint S1 (nothing committed yet).
fn alices_board(home: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let origin = home.join("origin.git");
    git_ok(home, &["init", "--bare", "-b", "main", origin.to_str().expect("path")]);
    let alice = home.join("alice");
    git_ok(home, &["clone", origin.to_str().expect("path"), "alice"]);
    sb(home, &alice, &["init", "--name", "Team"]);
    sb(home, &alice, &["sprint", "new", "S1"]);
    (origin, alice)
}

#[test]
fn two_clones_add_and_reorder_then_merge_cleanly() {
    let tmp = tempfile::tempdir().expect("tmp");
    let home = tmp.path();
    let (origin, alice) = alices_board(home);
    let base: Vec<String> =
        (0..6).map(|i| sb(home, &alice, &["add", &format!("base {i}")]).trim().to_owned()).collect();
    git_ok(&alice, &["add", "-A"]);
    git_ok(&alice, &["commit", "-m", "board"]);
    git_ok(&alice, &["push", "origin", "main"]);
    let bob = home.join("bob");
    git_ok(home, &["clone", origin.to_str().expect("path"), "bob"]);
    assert_eq!(keys(home, &bob, "backlog"), base);

    // Both add stories at the bottom of the backlog and reorder different stories.
    let (mut by_alice, mut by_bob) = (Vec::new(), Vec::new());
    for i in 0..5 {
        by_alice.push(sb(home, &alice, &["add", &format!("alice {i}")]).trim().to_owned());
        by_bob.push(sb(home, &bob, &["add", &format!("bob {i}")]).trim().to_owned());
    }
    let added: BTreeSet<String> = by_alice.iter().chain(&by_bob).cloned().collect();
    sb(home, &alice, &["move", &base[5], "--top"]);
    sb(home, &alice, &["move", &base[0], "--sprint", "S1"]);
    sb(home, &bob, &["move", &base[2], "--after", &base[3]]);
    sb(home, &bob, &["edit", &base[1], "--points", "5"]);

    git_ok(&alice, &["add", "-A"]);
    git_ok(&alice, &["commit", "-m", "alice"]);
    git_ok(&alice, &["push", "origin", "main"]);
    git_ok(&bob, &["add", "-A"]);
    git_ok(&bob, &["commit", "-m", "bob"]);
    // A real merge (not a rebase): it must not conflict.
    git_ok(&bob, &["pull", "--no-rebase", "--no-edit", "origin", "main"]);
    assert!(git_ok(&bob, &["status", "--porcelain"]).is_empty(), "the merge left changes or conflicts");

    let all: Vec<String> = keys(home, &bob, "all");
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "keys stay unique");
    assert_eq!(all.len(), 6 + 10, "no story lost");
    for k in base.iter().chain(&added) {
        assert!(all.contains(k), "{k} is missing after the merge");
    }
    // Both people's reorders survive.
    let backlog = keys(home, &bob, "backlog");
    assert_eq!(backlog.first(), Some(&base[5]));
    let pos = |k: &String| backlog.iter().position(|x| x == k).expect("in backlog");
    assert_eq!(pos(&base[2]), pos(&base[3]) + 1);
    assert_eq!(keys(home, &bob, "S1"), [base[0].clone()]);
    let edited: serde_json::Value =
        serde_json::from_str(&sb(home, &bob, &["show", &base[1], "--format", "json"])).expect("json");
    assert_eq!(edited["points"], 5);
    // Each side's new stories keep their own order among themselves.
    for mine in [&by_alice, &by_bob] {
        let order: Vec<&String> = backlog.iter().filter(|k| mine.contains(*k)).collect();
        assert_eq!(order, mine.iter().collect::<Vec<_>>());
    }
}

/// Git keeps no empty directory: a board committed before its first story has `board.ron` but
/// no `stories/` in a fresh clone. There it reads as a board without stories, and the first
/// save creates the directory.
#[test]
fn a_clone_of_a_board_without_stories_has_no_stories_dir_and_works() {
    let tmp = tempfile::tempdir().expect("tmp");
    let home = tmp.path();
    let (origin, alice) = alices_board(home);
    git_ok(&alice, &["add", "-A"]);
    git_ok(&alice, &["commit", "-m", "board"]);
    git_ok(&alice, &["push", "origin", "main"]);
    let bob = home.join("bob");
    git_ok(home, &["clone", origin.to_str().expect("path"), "bob"]);
    let board = bob.join(".sprintboard");
    assert!(board.join("board.ron").is_file());
    assert!(!board.join("stories").exists(), "git keeps no empty directory");

    assert_eq!(keys(home, &bob, "backlog"), Vec::<String>::new());
    assert!(sb(home, &bob, &["check"]).contains("0 stories"), "check reads it as a board without stories");
    let key = sb(home, &bob, &["add", "first"]).trim().to_owned();
    assert!(board.join("stories").join(format!("{key}.ron")).is_file());
    assert_eq!(keys(home, &bob, "backlog"), vec![key.clone()]);
    sb(home, &bob, &["check"]);
    // Back in alice's clone, where `stories/` is still there and empty.
    git_ok(&bob, &["add", "-A"]);
    git_ok(&bob, &["commit", "-m", "first story"]);
    git_ok(&bob, &["push", "origin", "main"]);
    git_ok(&alice, &["pull", "--no-rebase", "--no-edit", "origin", "main"]);
    assert_eq!(keys(home, &alice, "backlog"), vec![key]);
}
