//! The store stays inside the board: links are never followed, for reading or writing.

use super::*;

/// `stories/` replaced by a link after the board was read (a `git pull` between the read and
/// the save): the save refuses, and nothing is written where the link points.
#[test]
fn a_save_never_writes_through_a_stories_link_made_after_the_read() {
    let (tmp, mut store, mut board, mut c) = on_disk(2, 1);
    let root = store.root().to_owned();
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::rename(root.join(STORIES_DIR), &elsewhere).expect("move");
    std::os::unix::fs::symlink(&elsewhere, root.join(STORIES_DIR)).expect("link");
    let before: Vec<_> = std::fs::read_dir(&elsewhere).expect("dir").map(|e| e.expect("entry").path()).collect();
    let key = board.list(None)[0].key.to_string();
    let changes =
        board.move_story(&key, &Move { position: Position::Bottom, ..Default::default() }, &mut c).expect("move");
    let e = store.save(&board, &changes).expect_err("refused");
    assert!(e.to_string().contains("is a symbolic link, and it is never followed"), "{e}");
    let after: Vec<_> = std::fs::read_dir(&elsewhere).expect("dir").map(|e| e.expect("entry").path()).collect();
    assert_eq!(after.len(), before.len(), "nothing written there");
    // A new story too.
    let (_, changes) = board.add_story(NewStory { title: "new".into(), ..Default::default() }, &mut c).expect("add");
    assert!(store.save(&board, &changes).is_err());
    assert_eq!(std::fs::read_dir(&elsewhere).expect("dir").count(), before.len());
}

/// A story file that is a link, or anything but a regular file, is refused unread.
#[test]
fn only_regular_files_are_read() {
    let (tmp, store, board, _) = on_disk(1, 2);
    let key = board.list(None)[0].key.to_string();
    let path = store.story_path(&key);
    let target = tmp.path().join("target.ron");
    std::fs::rename(&path, &target).expect("move");
    std::os::unix::fs::symlink(&target, &path).expect("link");
    let e = read_with_meta(&path, 1 << 20).expect_err("a link");
    assert!(e.to_string().contains("it is a symbolic link, and links are never followed"), "{e}");
    std::fs::remove_file(&path).expect("rm");
    std::fs::create_dir(&path).expect("a directory in its place");
    let e = read_with_meta(&path, 1 << 20).expect_err("a directory");
    assert!(e.to_string().contains("not a regular file"), "{e}");
}
