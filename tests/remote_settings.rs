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
