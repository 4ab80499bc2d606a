use super::*;
use crate::domain::{BoardFile, Move, NewStory, Position};

/// Another process edits the story between our read and our write: the store refuses to
/// overwrite, the session reads the fresh copy and re-applies the move, and both changes stick.
#[test]
fn a_concurrent_edit_is_kept_and_the_move_reapplied() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    let mut board = Board::new(BoardFile::new("T", "SB"));
    let mut ctx = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    for t in ["one", "two"] {
        board.add_story(NewStory { title: t.into(), ..Default::default() }, &mut ctx).expect("add");
    }
    Store::create(&root, &board).expect("create");
    let (store, board) = Store::open(&root).expect("open");
    let location = Location { root: root.clone(), origin: Origin::Explicit };
    let mut session = Session {
        location,
        store,
        board,
        ctx,
        config: config::Config::default(),
        created: false,
        config_problem: None,
    };
    let two = session.board.list(None)[1].key.clone();
    let path = session.store.story_path(&two);

    let mut calls = 0;
    session
        .apply(|b, ctx| {
            calls += 1;
            if calls == 1 {
                let theirs = std::fs::read_to_string(&path).expect("read").replace("\"two\"", "\"two, edited\"");
                std::fs::write(&path, theirs).expect("write");
            }
            let changes = b.move_story(&two, &Move { position: Position::Top, ..Default::default() }, ctx)?;
            Ok(((), changes))
        })
        .expect("applied");
    assert_eq!(calls, 2, "re-applied once on the fresh board");
    let (_, fresh) = Store::open(&root).expect("open");
    let story = fresh.story(&two).expect("story");
    assert_eq!(story.title, "two, edited", "the other process's edit is kept");
    assert_eq!(fresh.list(None)[0].key, two, "and the move is applied");
}
