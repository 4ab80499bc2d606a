//! The time of a clone's last sync: kept per board and repository, and only when it reads.

use super::{path_for, remember, since};

#[test]
fn the_last_sync_is_remembered_per_board_and_repository() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    std::fs::create_dir_all(&a).expect("a");
    std::fs::create_dir_all(&b).expect("b");
    assert_eq!(since(&a, "o/r"), None);
    remember(&a, "o/r", "2026-12-06T08:00:00Z");
    assert_eq!(since(&a, "O/R").as_deref(), Some("2026-12-06T08:00:00Z"), "a repository in any case");
    assert_eq!((since(&a, "o/other"), since(&b, "o/r")), (None, None));
    // Damaged: as if there were none (every issue is read).
    std::fs::write(path_for(&a, "o/r").expect("path"), "yesterday").expect("write");
    assert_eq!(since(&a, "o/r"), None);
}
