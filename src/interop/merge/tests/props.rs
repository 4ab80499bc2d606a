//! Random board-level work on two clones of one board, merged file by file as git and the
//! driver merge them: a merge without conflicts never leaves a board the loader refuses.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::super::{merge_board, merge_story};
use crate::domain::{Board, BoardFile, Ctx, Edit, Move, NewSprint, NewStory};
use crate::store::Store;
use crate::store::codec::encode;

#[derive(Debug, Clone)]
enum Op {
    Add,
    Status(usize, usize),
    Sprint(usize, usize),
    Link(usize, usize),
    Unlink(usize, usize),
    Delete(usize),
    AddColumn(usize),
    RemoveColumn(usize, usize),
    RenameColumn(usize, usize),
    NewSprint(usize),
    StartSprint(usize),
    CloseSprint,
    NewEpic(usize),
    DeleteEpic(usize),
    Epic(usize, usize),
    Comment(usize),
    Title(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0usize..8;
    prop_oneof![
        Just(Op::Add),
        (i(), i()).prop_map(|(a, b)| Op::Status(a, b)),
        (i(), i()).prop_map(|(a, b)| Op::Sprint(a, b)),
        (i(), i()).prop_map(|(a, b)| Op::Link(a, b)),
        (i(), i()).prop_map(|(a, b)| Op::Unlink(a, b)),
        i().prop_map(Op::Delete),
        (0usize..3).prop_map(Op::AddColumn),
        (i(), i()).prop_map(|(a, b)| Op::RemoveColumn(a, b)),
        (i(), 0usize..3).prop_map(|(a, b)| Op::RenameColumn(a, b)),
        (0usize..3).prop_map(Op::NewSprint),
        i().prop_map(Op::StartSprint),
        Just(Op::CloseSprint),
        (0usize..3).prop_map(Op::NewEpic),
        i().prop_map(Op::DeleteEpic),
        (i(), i()).prop_map(|(a, b)| Op::Epic(a, b)),
        i().prop_map(Op::Comment),
        (i(), 0usize..3).prop_map(|(a, b)| Op::Title(a, b)),
    ]
}

fn pick<T: Clone>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()].clone())
}

/// Applies one operation as a command would; a refused one changes nothing (as on the CLI).
fn apply(b: &mut Board, op: &Op, ctx: &mut Ctx) {
    let keys: Vec<String> = b.stories.keys().map(|k| k.to_string()).collect();
    let cols: Vec<String> = b.file.columns.iter().map(|c| c.id.to_string()).collect();
    let sprints: Vec<String> = b.file.sprints.iter().map(|s| s.id.to_string()).collect();
    let epics: Vec<String> = b.file.epics.iter().map(|e| e.id.to_string()).collect();
    let names = ["QA", "Blocked", "Ready"];
    let _ = match op {
        Op::Add => b.add_story(NewStory { title: "new".into(), ..Default::default() }, ctx).map(|_| ()),
        Op::Status(k, c) => match (pick(&keys, *k), pick(&cols, *c)) {
            (Some(k), Some(c)) => b.move_story(&k, &Move { status: Some(c), ..Move::default() }, ctx).map(|_| ()),
            _ => Ok(()),
        },
        Op::Sprint(k, s) => match pick(&keys, *k) {
            Some(k) => {
                let list = pick(&sprints, *s).filter(|_| s % 3 != 0).map(Into::into);
                b.move_story(&k, &Move { sprint: Some(list), ..Move::default() }, ctx).map(|_| ())
            }
            None => Ok(()),
        },
        Op::Link(x, y) => match (pick(&keys, *x), pick(&keys, *y)) {
            (Some(x), Some(y)) if x != y => b.link(&x, &y, ctx).map(|_| ()),
            _ => Ok(()),
        },
        Op::Unlink(x, y) => match (pick(&keys, *x), pick(&keys, *y)) {
            (Some(x), Some(y)) => b.unlink(&x, &y, ctx).map(|_| ()),
            _ => Ok(()),
        },
        Op::Delete(k) => pick(&keys, *k).map_or(Ok(()), |k| b.delete_story(&k).map(|_| ())),
        Op::AddColumn(n) => b.add_column(names[*n], None, None).map(|_| ()),
        Op::RemoveColumn(c, to) => match (pick(&cols, *c), pick(&cols, *to)) {
            (Some(c), Some(to)) if c != to => b.remove_column(&c, Some(&to), ctx).map(|_| ()),
            _ => Ok(()),
        },
        Op::RenameColumn(c, n) => pick(&cols, *c).map_or(Ok(()), |c| b.rename_column(&c, names[*n]).map(|_| ())),
        Op::NewSprint(n) => {
            b.new_sprint(NewSprint { name: format!("Sprint {}", n + 2), ..Default::default() }).map(|_| ())
        }
        Op::StartSprint(s) => pick(&sprints, *s).map_or(Ok(()), |s| b.start_sprint(&s, ctx).map(|_| ())),
        Op::CloseSprint => {
            let active = b.file.sprints.iter().find(|s| s.state == crate::domain::SprintState::Active);
            match active.map(|s| s.id.to_string()) {
                Some(id) => b.close_sprint(&id, ctx).map(|_| ()),
                None => Ok(()),
            }
        }
        Op::NewEpic(n) => b.new_epic(["Checkout", "Search", "Onboarding"][*n], "").map(|_| ()),
        Op::DeleteEpic(e) => pick(&epics, *e).map_or(Ok(()), |e| b.delete_epic(&e, ctx).map(|_| ())),
        Op::Epic(k, e) => match (pick(&keys, *k), pick(&epics, *e)) {
            (Some(k), Some(e)) => b.edit_story(&k, Edit { epic: Some(Some(e)), ..Edit::default() }, ctx).map(|_| ()),
            _ => Ok(()),
        },
        Op::Comment(k) => pick(&keys, *k).map_or(Ok(()), |k| b.add_comment(&k, "a remark", ctx).map(|_| ())),
        Op::Title(k, t) => match pick(&keys, *k) {
            Some(k) => {
                let title = Some(["One", "Two", "Three"][*t].to_owned());
                b.edit_story(&k, Edit { title, ..Edit::default() }, ctx).map(|_| ())
            }
            None => Ok(()),
        },
    };
}

/// The board both clones start from: a sprint started, another planned, an epic, five stories
/// (two in the sprint, one in the epic, one waiting on another).
fn base() -> Board {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    let mut c = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "cy", 7);
    b.new_sprint(NewSprint { name: "S1".into(), ..Default::default() }).expect("s1");
    b.new_sprint(NewSprint { name: "S2".into(), ..Default::default() }).expect("s2");
    b.start_sprint("s1", &c).expect("start");
    let (epic, _) = b.new_epic("Payments", "").expect("epic");
    let keys: Vec<String> = (0..5)
        .map(|i| {
            let sprint = (i < 2).then(|| "s1".into());
            let epic = (i == 2).then(|| epic.as_str().into());
            b.add_story(NewStory { title: format!("s{i}"), sprint, epic, ..Default::default() }, &mut c).expect("add").0
        })
        .collect();
    b.link(&keys[0], &keys[1], &mut c).expect("link");
    b
}

fn text_of(b: &Board, key: &str) -> Option<String> {
    b.story(key).map(|s| encode(s).expect("encode"))
}

/// Merges two clones' boards file by file, as `sync` leaves them: each file both changed goes
/// through the driver's merge; a file added on one side is taken; a story deleted on one side
/// and edited on the other is kept as edited; deleted on one side only, it goes. Returns the
/// files (board.ron first) and whether any merge conflicted.
fn merge(base: &Board, a: &Board, b: &Board) -> (Vec<(String, String)>, bool) {
    let enc = |x: &Board| encode(&x.file).expect("encode");
    let board = merge_board(&enc(base), &enc(a), &enc(b), 7).expect("both sides read");
    let mut conflicted = !board.conflicts.is_empty();
    let mut files = vec![("board.ron".to_owned(), board.text)];
    let keys: BTreeSet<String> = [base, a, b].iter().flat_map(|x| x.stories.keys().map(|k| k.to_string())).collect();
    for k in keys {
        let (o, x, y) = (text_of(base, &k), text_of(a, &k), text_of(b, &k));
        let text = match (x, y) {
            (Some(x), Some(y)) => {
                let m = merge_story(o.as_deref().unwrap_or(""), &x, &y, 7).expect("both sides read");
                conflicted |= !m.conflicts.is_empty();
                Some(m.text)
            }
            (Some(x), None) | (None, Some(x)) => (o.as_ref() != Some(&x)).then_some(x),
            (None, None) => None,
        };
        if let Some(text) = text {
            files.push((format!("stories/{k}.ron"), text));
        }
    }
    (files, conflicted)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn two_clones_work_merged_never_leaves_a_board_the_loader_refuses(
        ours in prop::collection::vec(op(), 0..16),
        theirs in prop::collection::vec(op(), 0..16),
    ) {
        let base = base();
        let (mut a, mut b) = (base.clone(), base.clone());
        let mut ca = Ctx::new("2026-11-21T09:00:00Z".parse().expect("time"), "ana", 1);
        let mut cb = Ctx::new("2026-11-21T10:00:00Z".parse().expect("time"), "bo", 2);
        for op in &ours {
            apply(&mut a, op, &mut ca);
        }
        for op in &theirs {
            apply(&mut b, op, &mut cb);
        }
        let (files, conflicted) = merge(&base, &a, &b);
        let tmp = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(tmp.path().join("stories")).expect("dir");
        for (name, text) in &files {
            std::fs::write(tmp.path().join(name), text).expect("write");
        }
        match Store::open(tmp.path()) {
            // What the board lacks or has twice is said (`check`, `sync`), never a lock-out.
            Ok(_) => {}
            Err(e) => {
                // A conflict is said by git and the driver; anything else is a board that
                // every command refuses after a clean merge.
                prop_assert!(conflicted, "a clean merge the loader refuses: {e}\nours {ours:?}\ntheirs {theirs:?}");
                prop_assert!(e.to_string().contains("conflict markers"), "{e}");
            }
        }
    }
}

/// Each clone removes the columns the other keeps: no column would be left, which no board
/// opens with. The merge is a conflict over the columns, not a clean board nobody can open.
#[test]
fn columns_both_sides_removed_between_them_are_a_conflict() {
    let base = base();
    let (mut a, mut b) = (base.clone(), base.clone());
    let mut ca = Ctx::new("2026-11-21T09:00:00Z".parse().expect("time"), "ana", 1);
    let mut cb = Ctx::new("2026-11-21T10:00:00Z".parse().expect("time"), "bo", 2);
    for (col, to) in [("todo", "review"), ("doing", "review")] {
        a.remove_column(col, Some(to), &mut ca).expect("remove");
    }
    for (col, to) in [("review", "todo"), ("done", "todo")] {
        b.remove_column(col, Some(to), &mut cb).expect("remove");
    }
    let (files, conflicted) = merge(&base, &a, &b);
    assert!(conflicted, "no column would be left");
    let board = &files[0].1;
    assert!(board.contains("<<<<<<< ours"), "{board}");
    let enc = |x: &Board| encode(&x.file).expect("encode");
    let (o, x, y) = (enc(&base), enc(&a), enc(&b));
    let out = super::super::drive(super::super::Doc::Board, o.as_bytes(), x.as_bytes(), y.as_bytes(), 7, "board.ron");
    assert!(!out.clean);
    assert_eq!(
        out.message.as_deref(),
        Some("between them the two sides removed all the columns, and none would be left")
    );
}
