use super::*;

#[test]
fn only_board_files_matter() {
    assert!(relevant(Path::new("/b/stories/SB-K7QX.ron")));
    assert!(relevant(Path::new("/b/board.ron")));
    assert!(!relevant(Path::new("/b/stories/.SB-K7QX.ron.a1b2c3")));
    assert!(!relevant(Path::new("/b/.lock")));
}

/// Waits (a while at most) for a report that satisfies `wanted`.
fn wait_for(
    rx: &std::sync::mpsc::Receiver<Option<Vec<PathBuf>>>,
    wanted: impl Fn(&Option<Vec<PathBuf>>) -> bool,
) -> bool {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(report) if wanted(&report) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    false
}

/// Takes every report until none came for a moment: the directory's events are all handled
/// (its watch added), so what comes next is about what the test does next.
fn settle(rx: &std::sync::mpsc::Receiver<Option<Vec<PathBuf>>>) {
    while rx.recv_timeout(std::time::Duration::from_millis(500)).is_ok() {}
}

/// A board without `stories/` when the watch begins (a fresh clone of a board without stories):
/// once the directory appears, everything is looked at, and its files are watched from then on.
#[test]
fn a_stories_dir_made_after_the_watch_began_is_watched_too() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().to_owned();
    std::fs::write(root.join("board.ron"), "board").expect("write");
    let (tx, rx) = std::sync::mpsc::channel();
    let _watch = watch(&root, move |paths| {
        let _ = tx.send(paths);
    })
    .expect("watch");
    let stories = root.join(crate::store::STORIES_DIR);
    std::fs::create_dir(&stories).expect("mkdir");
    assert!(wait_for(&rx, Option::is_none), "the new directory makes everything be looked at");
    settle(&rx);
    let story = stories.join("SB-AAAA.ron");
    std::fs::write(&story, "a story").expect("write");
    assert!(
        wait_for(&rx, |r| r.as_ref().is_some_and(|paths| paths.contains(&story))),
        "a file written in it afterwards is reported by name"
    );
    // Removed and made again (a checkout of a commit without stories, then back).
    std::fs::remove_file(&story).expect("rm");
    std::fs::remove_dir(&stories).expect("rmdir");
    std::fs::create_dir(&stories).expect("mkdir again");
    assert!(wait_for(&rx, Option::is_none));
    settle(&rx);
    std::fs::write(&story, "again").expect("write");
    assert!(wait_for(&rx, |r| r.as_ref().is_some_and(|paths| paths.contains(&story))));
}
