use super::*;
use crate::domain::{Board, Ctx, NewStory};
use crate::store::Store;

#[test]
fn each_kind_of_unreadable_file_is_named_and_good_ones_pass() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    let mut board = Board::new(BoardFile::new("T", "SB"));
    let mut ctx = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    let (key, changes) = board.add_story(NewStory { title: "x".into(), ..Default::default() }, &mut ctx).expect("add");
    let mut store = Store::create(&root, &board).expect("create");
    store.save(&board, &changes).expect("save");
    let good = root.join(STORIES_DIR).join(format!("{key}.ron"));
    let text = std::fs::read_to_string(&good).expect("read");
    let all = |names: &[&str]| -> Vec<std::path::PathBuf> {
        names.iter().map(|n| root.join(STORIES_DIR).join(n)).chain([root.join(BOARD_FILE)]).collect()
    };
    assert!(unreadable(&root, &all(&[&format!("{key}.ron"), "GONE.ron"])).is_empty());
    let dir = root.join(STORIES_DIR);
    std::fs::write(dir.join("SB-JUNK.ron"), "junk").expect("w");
    std::fs::write(dir.join("SB-BIG.ron"), vec![b' '; MAX_STORY_BYTES as usize + 1]).expect("w");
    std::fs::write(dir.join("SB-MARK.ron"), format!("<<<<<<< HEAD\n{text}")).expect("w");
    std::fs::write(dir.join("SB-NAME.ron"), &text).expect("w");
    std::fs::write(root.join("notes.ron"), "not the board's").expect("w");
    let mut files = all(&["SB-JUNK.ron", "SB-BIG.ron", "SB-MARK.ron", "SB-NAME.ron"]);
    files.push(root.join("notes.ron"));
    let said: Vec<String> = unreadable(&root, &files).iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 4, "{said:?}");
    assert!(said[0].contains("SB-JUNK.ron:1:"), "{said:?}");
    assert!(said[1].contains("SB-BIG.ron: the whole file is larger than 4096 KiB"), "{said:?}");
    assert!(said[2].contains("SB-MARK.ron:1:1: unresolved git merge conflict markers"), "{said:?}");
    assert!(said[3].contains("does not match the file's name"), "{said:?}");
}
