use super::*;

#[test]
fn only_board_files_matter() {
    assert!(relevant(Path::new("/b/stories/SB-K7QX.ron")));
    assert!(relevant(Path::new("/b/board.ron")));
    assert!(!relevant(Path::new("/b/stories/.SB-K7QX.ron.a1b2c3")));
    assert!(!relevant(Path::new("/b/.lock")));
}
