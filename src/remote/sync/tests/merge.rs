//! board.ron's remotes through the merge driver: one per repository.

use crate::domain::{BoardFile, Remote, RemoteKind};
use crate::interop::merge::merge_board;
use crate::store::codec;

fn remote(repo: &str, prefix: &str) -> Remote {
    Remote { kind: RemoteKind::GitHub, repo: repo.into(), status_labels: prefix.into(), publish_new: false }
}

fn text(remotes: &[&Remote]) -> String {
    let mut f = BoardFile::new("Team", "SB");
    f.remotes = remotes.iter().map(|r| (*r).clone()).collect();
    codec::encode(&f).expect("encodes")
}

fn merged(base: &[&Remote], ours: &[&Remote], theirs: &[&Remote]) -> Vec<Remote> {
    let m = merge_board(&text(base), &text(ours), &text(theirs), 7).expect("merges");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let f: BoardFile = codec::decode(std::path::Path::new(""), m.text.as_bytes(), 1 << 20).expect("reads");
    f.remotes
}

#[test]
fn a_board_without_remotes_is_written_as_before() {
    assert!(!text(&[]).contains("remotes"));
    let with = text(&[&remote("o/r", "status: ")]);
    assert!(with.ends_with("    remotes: [\n        (\n            kind: GitHub,\n            repo: \"o/r\",\n            status_labels: \"status: \",\n            publish_new: false,\n        ),\n    ],\n)\n"), "{with}");
}

#[test]
fn remotes_merge_one_per_repository() {
    let a = remote("o/a", "status: ");
    let b = remote("o/b", "status: ");
    assert_eq!(merged(&[], &[], &[&a]), vec![a.clone()], "added on their side");
    assert_eq!(merged(&[], &[&a], &[]), vec![a.clone()], "added on ours");
    assert_eq!(merged(&[], &[&a], &[&a]), vec![a.clone()], "the same added on both: one");
    assert_eq!(merged(&[], &[&a], &[&b]), vec![a.clone(), b.clone()]);
    let changed = remote("o/a", "state/");
    assert_eq!(merged(&[&a], &[&a], &[&changed]), vec![changed], "a change on one side");
    assert_eq!(merged(&[&a, &b], &[&a, &b], &[&b]), vec![b], "removed on one side");
}
