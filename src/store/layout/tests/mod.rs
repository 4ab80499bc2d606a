use super::*;

#[test]
fn discovery_order() {
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = tmp.path().join("repo");
    let deep = repo.join("src/a/b");
    std::fs::create_dir_all(&deep).expect("dirs");
    std::fs::create_dir_all(repo.join(TEAM_DIR)).expect("team dir");
    // A `.sprintboard/` without board.ron is not a board.
    assert_ne!(locate(None, &deep).expect("locate").origin, Origin::Team);
    std::fs::write(repo.join(TEAM_DIR).join(BOARD_FILE), "x").expect("write");
    let found = locate(None, &deep).expect("locate");
    assert_eq!(found, Location { root: repo.join(TEAM_DIR), origin: Origin::Team });
    let given = locate(Some(&repo), &deep).expect("explicit");
    assert_eq!(given.root, repo.join(TEAM_DIR));
    assert!(matches!(locate(Some(&deep), &deep), Err(StoreError::NotFound(_))));
}
