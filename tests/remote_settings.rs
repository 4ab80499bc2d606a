//! `remote add|list|remove` on real temporary boards: board.ron's remotes, written and read
//! back, and what is refused.

mod common;

use common::*;

fn board_ron(b: &TestBoard) -> String {
    std::fs::read_to_string(b.root.join("board.ron")).expect("board.ron")
}

#[test]
fn remote_add_list_remove_round_trip_through_board_ron() {
    let b = TestBoard::new();
    let before = board_ron(&b);
    assert!(!before.contains("remotes"), "a board without remotes is written as before");
    assert_eq!(b.ok(&["remote", "list"]), "No remotes (`sprintboard remote add github OWNER/REPO` adds one)\n");

    assert_eq!(
        b.ok(&["remote", "add", "github", "octo-org/octo.repo"]),
        "Added the remote github octo-org/octo.repo: `sprintboard remote sync` syncs the board with its issues\n"
    );
    let with = board_ron(&b);
    assert!(
        with.ends_with(
            "    remotes: [\n        (\n            kind: GitHub,\n            repo: \"octo-org/octo.repo\",\n            \
             status_labels: \"status: \",\n            publish_new: false,\n        ),\n    ],\n)\n"
        ),
        "{with}"
    );
    b.ok(&["remote", "add", "github", "octo/second", "--status-labels", "state/", "--publish-new"]);
    assert_eq!(
        b.ok(&["remote", "list"]),
        "github octo-org/octo.repo  status labels \"status: \"  new stories not published\n\
         github octo/second  status labels \"state/\"  new stories published\n"
    );
    // The board reads and checks as before with remotes in it.
    assert!(b.ok(&["check"]).starts_with("ok: 0 stories"));

    assert_eq!(
        b.ok(&["remote", "remove", "OCTO/SECOND"]),
        "Removed the remote github octo/second (its linked stories keep their link)\n"
    );
    assert_eq!(
        b.ok(&["remote", "remove", "octo-org/octo.repo"]),
        "Removed the remote github octo-org/octo.repo (its linked stories keep their link)\n"
    );
    assert_eq!(board_ron(&b), before, "byte for byte as it was");
}

#[test]
fn remote_add_refuses_a_bad_repository_and_a_second_add() {
    let b = TestBoard::new();
    let before = board_ron(&b);
    for repo in ["octo", "octo/", "/repo", "octo-/repo", "octo/re po", "octo/..", "a/b/c"] {
        let out = b.run(&["remote", "add", "github", repo]);
        assert_eq!(out.status.code(), Some(2), "{repo}");
        assert_eq!(stderr(&out), format!("sprintboard: {repo:?} is not OWNER/REPO (like \"octo-org/octo-repo\")\n"));
    }
    let out = b.run(&["remote", "add", "gitlab", "octo/repo"]);
    assert_eq!(out.status.code(), Some(2), "only github");
    assert_eq!(board_ron(&b), before, "nothing written");

    b.ok(&["remote", "add", "github", "octo/repo"]);
    let again = b.run(&["remote", "add", "github", "Octo/Repo"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(stderr(&again), "sprintboard: the board syncs with octo/repo already\n");
    let gone = b.run(&["remote", "remove", "octo/other"]);
    assert_eq!(gone.status.code(), Some(1));
    assert_eq!(stderr(&gone), "sprintboard: no remote octo/other on this board\n");
    let take = b.run(&["remote", "sync", "--take-theirs", "SB-1.points"]);
    assert_eq!(take.status.code(), Some(2));
}

#[test]
fn the_same_remote_added_in_two_clones_merges_to_one_and_sync_runs_it_between_pull_and_push() {
    let t = Team::new();
    t.sb(&t.alice, &["remote", "add", "github", "octo/repo"]);
    t.sb(&t.alice, &["sync", "--no-remote"]);
    t.sb(&t.bob, &["remote", "add", "github", "octo/repo"]);
    t.sb(&t.bob, &["sprint", "new", "Bob's sprint"]);
    // A dead API address and a token: the sync is offline, whatever the client checks first.
    let run = |dir: &std::path::Path, args: &[&str]| {
        sprintboard(t.tmp.path())
            .current_dir(dir)
            .env("GITHUB_API_URL", "http://127.0.0.1:9")
            .env("GITHUB_TOKEN", "not-a-token")
            .args(args)
            .output()
            .expect("run")
    };
    let out = run(&t.bob, &["sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("sprintboard: octo/repo: offline: nothing synced ("), "{}", stderr(&out));
    assert!(stdout(&out).contains("pushed to origin"), "the git sync went through: {}", stdout(&out));
    let board = std::fs::read_to_string(t.bob.join(".sprintboard/board.ron")).expect("board.ron");
    assert_eq!(board.matches("repo: \"octo/repo\"").count(), 1, "{board}");
    assert!(board.contains("Bob's sprint"));
    assert_eq!(
        t.sb(&t.bob, &["remote", "list"]),
        "github octo/repo  status labels \"status: \"  new stories not published\n"
    );
    let out = run(&t.bob, &["sync", "--no-remote"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
