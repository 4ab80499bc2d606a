use super::*;
use crate::store::Store;

#[test]
fn only_board_files_are_named_by_a_journal() {
    let root = Path::new("/b");
    assert_eq!(entry_path(root, "board.ron"), Some(root.join("board.ron")));
    assert_eq!(entry_path(root, "stories/SB-K7QX.ron"), Some(root.join("stories/SB-K7QX.ron")));
    for bad in ["../x.ron", "stories/../../x.ron", "stories/.SB-1.ron.x", "/etc/passwd", "stories/a/b.ron", ".lock"] {
        assert_eq!(entry_path(root, bad), None, "{bad}");
    }
}

/// A board directory with `board.ron` and three story files, as bytes.
fn board_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    std::fs::create_dir_all(root.join(STORIES_DIR)).expect("mkdir");
    std::fs::write(root.join(BOARD_FILE), "board before").expect("write");
    for k in ["SB-1", "SB-2", "SB-3"] {
        std::fs::write(root.join(STORIES_DIR).join(format!("{k}.ron")), format!("{k} before")).expect("write");
    }
    (tmp, root)
}

/// What a save does up to its first write: the journal of the change, then one file.
fn interrupted_after_one(root: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let story = |k: &str| root.join(STORIES_DIR).join(format!("{k}.ron"));
    let writes = vec![
        (root.join(BOARD_FILE), Some(b"board after".to_vec())),
        (story("SB-1"), Some(b"SB-1 after".to_vec())),
        (story("SB-2"), None),
        (story("SB-3"), Some(b"SB-3 after".to_vec())),
        (story("SB-4"), Some(b"SB-4 new".to_vec())),
    ];
    let before: Vec<Option<u64>> = writes.iter().map(|(p, _)| std::fs::read(p).ok().map(|b| fingerprint(&b))).collect();
    begin(root, &writes, &before).expect("journal");
    write_atomic(&writes[0].0, b"board after").expect("first write");
    writes
}

#[test]
fn an_interrupted_change_is_reported_and_finished_byte_for_byte() {
    let (_tmp, root) = board_dir();
    interrupted_after_one(&root);
    let left = pending(&root).expect("read").expect("pending");
    assert_eq!(left, Pending { command: None, files: 5, to_do: 4 });
    assert!(left.message().contains("open the board (`sprintboard`) to finish it"), "{}", left.message());

    let finished = Store::finish_interrupted(&root).expect("finish").expect("something to finish");
    assert_eq!(finished, Finished { command: None, written: 4, changed_since: Vec::new() });
    let read = |p: &str| std::fs::read_to_string(root.join(p)).ok();
    assert_eq!(read("board.ron").as_deref(), Some("board after"));
    assert_eq!(read("stories/SB-1.ron").as_deref(), Some("SB-1 after"));
    assert_eq!(read("stories/SB-2.ron"), None, "removed");
    assert_eq!(read("stories/SB-3.ron").as_deref(), Some("SB-3 after"));
    assert_eq!(read("stories/SB-4.ron").as_deref(), Some("SB-4 new"));
    assert!(!root.join(JOURNAL_FILE).exists());
    assert_eq!(pending(&root).expect("read"), None);
    assert_eq!(Store::finish_interrupted(&root).expect("finish"), None, "nothing left");
}

#[test]
fn a_file_changed_since_the_interruption_is_left_as_it_is() {
    let (_tmp, root) = board_dir();
    interrupted_after_one(&root);
    let theirs = root.join(STORIES_DIR).join("SB-3.ron");
    std::fs::write(&theirs, "SB-3 edited by hand").expect("write");
    let finished = Store::finish_interrupted(&root).expect("finish").expect("finished");
    assert_eq!(finished.written, 3);
    assert_eq!(finished.changed_since, std::slice::from_ref(&theirs));
    assert!(finished.message().contains("1 file was changed since and left as it is"), "{}", finished.message());
    assert_eq!(std::fs::read_to_string(&theirs).expect("read"), "SB-3 edited by hand");
}

#[test]
fn every_file_written_but_the_journal_left_is_nothing_pending() {
    let (_tmp, root) = board_dir();
    for (path, bytes) in interrupted_after_one(&root) {
        match bytes {
            Some(b) => write_atomic(&path, &b).expect("write"),
            None => std::fs::remove_file(&path).expect("remove"),
        }
    }
    assert_eq!(pending(&root).expect("read"), None, "check has nothing to say");
    let finished = Store::finish_interrupted(&root).expect("finish").expect("the journal is removed");
    assert_eq!(finished.written, 0);
    assert!(!root.join(JOURNAL_FILE).exists());
}

#[test]
fn a_journal_never_writes_outside_the_board_and_a_bad_one_is_named() {
    let (tmp, root) = board_dir();
    let outside = tmp.path().join("outside.ron");
    let journal = format!(
        "(schema: 1, files: [(path: \"../outside.ron\", before: None, after: Some(\"x\")), (path: \"stories/SB-1.ron\", before: Some({}), after: Some(\"SB-1 after\"))])",
        fingerprint(b"SB-1 before")
    );
    std::fs::write(root.join(JOURNAL_FILE), journal).expect("write");
    let finished = Store::finish_interrupted(&root).expect("finish").expect("finished");
    assert_eq!(finished.written, 1);
    assert!(!outside.exists(), "nothing is written outside the board");
    std::fs::write(root.join(JOURNAL_FILE), "(schema: 1, files: [(path: 3)])").expect("write");
    let err = pending(&root).expect_err("unreadable").to_string();
    assert!(err.contains(".unfinished.ron.journal:1:"), "{err}");
    assert!(err.contains("cannot be finished"), "{err}");
}

#[test]
fn a_save_finishes_an_interrupted_change_first() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    let mut board = crate::domain::Board::new(crate::domain::BoardFile::new("T", "SB"));
    let mut c = crate::domain::Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    for t in ["one", "two", "three"] {
        board.add_story(crate::domain::NewStory { title: t.into(), ..Default::default() }, &mut c).expect("add");
    }
    Store::create(&root, &board).expect("create");
    assert!(!root.join(JOURNAL_FILE).exists(), "a whole save leaves no journal");
    let (mut store, mut board) = Store::open(&root).expect("open");
    let keys: Vec<String> = board.list(None).iter().map(|s| s.key.to_string()).collect();
    // Another process deleted `one` (it was written to the journal, not yet to disk).
    let path = store.story_path(&keys[0]);
    let bytes = std::fs::read(&path).expect("read");
    begin(&root, &[(path.clone(), None)], &[Some(fingerprint(&bytes))]).expect("journal");
    let changes = board
        .edit_story(&keys[1], crate::domain::Edit { title: Some("TWO".into()), ..Default::default() }, &mut c)
        .expect("edit");
    store.save(&board, &changes).expect("save");
    assert!(!path.exists(), "the interrupted deletion was finished");
    assert!(!root.join(JOURNAL_FILE).exists());
    assert!(std::fs::read_to_string(store.story_path(&keys[1])).expect("read").contains("TWO"));
}

#[test]
fn commands_are_shown_as_they_are_typed_again() {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(shell_words(&args(&["sprint", "close", "S1"])), "sprintboard sprint close S1");
    assert_eq!(shell_words(&args(&["sprint", "close", "Sprint 1"])), "sprintboard sprint close 'Sprint 1'");
    assert_eq!(shell_words(&args(&["epic", "delete", "Bo's"])), r"sprintboard epic delete 'Bo'\''s'");
    assert_eq!(shell_words(&args(&["delete", "a\u{1b}[2J"])), r"sprintboard delete $'a\u001b[2J'");
    assert_eq!(shell_words(&args(&["epic", "delete", "x\u{202e}y"])), r"sprintboard epic delete $'x\u202ey'");
    assert_eq!(shell_words(&args(&["epic", "delete", "Café"])), "sprintboard epic delete Café");
}

/// A change that creates the first stories of a board, interrupted before any of them, then
/// `stories/` gone (it held nothing yet: a `git clean`, a checkout): finishing makes it again.
#[test]
fn finishing_a_change_makes_a_missing_stories_dir() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    std::fs::create_dir_all(root.join(STORIES_DIR)).expect("mkdir");
    std::fs::write(root.join(BOARD_FILE), "board before").expect("write");
    let story = root.join(STORIES_DIR).join("SB-1.ron");
    let writes =
        vec![(root.join(BOARD_FILE), Some(b"board after".to_vec())), (story.clone(), Some(b"SB-1 new".to_vec()))];
    begin(&root, &writes, &[Some(fingerprint(b"board before")), None]).expect("journal");
    std::fs::remove_dir(root.join(STORIES_DIR)).expect("rmdir");
    let finished = Store::finish_interrupted(&root).expect("finish").expect("finished");
    assert_eq!(finished.written, 2);
    assert_eq!(std::fs::read_to_string(&story).expect("read"), "SB-1 new");
}
