use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::domain::{BoardFile, Changes, Ctx, Move, NewSprint, NewStory, Position};

fn ctx(seed: u64) -> Ctx {
    Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", seed)
}

/// A board on disk with a sprint and `n` backlog stories.
fn on_disk(n: usize, seed: u64) -> (tempfile::TempDir, Store, Board, Ctx) {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut board = Board::new(BoardFile::new("T", "SB"));
    let mut c = ctx(seed);
    board.new_sprint(NewSprint { name: "S1".into(), ..Default::default() }).expect("sprint");
    for i in 0..n {
        board.add_story(NewStory { title: format!("s{i}"), ..Default::default() }, &mut c).expect("add");
    }
    let root = tmp.path().join("b");
    Store::create(&root, &board).expect("create");
    let (store, loaded) = Store::open(&root).expect("open");
    assert_eq!(loaded, board, "what was written reads back the same");
    (tmp, store, loaded, c)
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for dir in [root.to_owned(), root.join(STORIES_DIR)] {
        for e in std::fs::read_dir(dir).expect("dir") {
            let p = e.expect("entry").path();
            if p.is_file() {
                out.insert(p.clone(), std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

#[test]
fn a_file_changed_elsewhere_is_never_overwritten() {
    let (_tmp, mut store, mut board, mut c) = on_disk(3, 1);
    let key = board.list(None)[0].key.clone();
    let path = store.story_path(&key);
    let theirs = std::fs::read_to_string(&path).expect("read").replace("title: \"s0\"", "title: \"theirs\"");
    std::fs::write(&path, &theirs).expect("write");
    let changes =
        board.move_story(&key, &Move { position: Position::Bottom, ..Default::default() }, &mut c).expect("move");
    match store.save(&board, &changes) {
        Err(StoreError::Conflict(paths)) => assert_eq!(paths, std::slice::from_ref(&path)),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    // Deleting it is refused too.
    let changes = board.delete_story(&key).expect("delete");
    assert!(matches!(store.save(&board, &changes), Err(StoreError::Conflict(_))));
    assert!(path.exists());
}

#[test]
fn a_new_story_never_replaces_a_file_someone_else_created() {
    let (_tmp, mut store, mut board, mut c) = on_disk(0, 2);
    let (key, changes) = board.add_story(NewStory { title: "mine".into(), ..Default::default() }, &mut c).expect("add");
    let path = store.story_path(&key);
    std::fs::write(&path, "someone else's").expect("write");
    assert!(matches!(store.save(&board, &changes), Err(StoreError::Conflict(_))));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "someone else's");
}

#[test]
fn board_changes_and_deletes_round_trip() {
    let (_tmp, mut store, mut board, mut c) = on_disk(2, 3);
    let (_, changes) = board.new_epic("Login", "").expect("epic");
    store.save(&board, &changes).expect("save");
    let key = board.list(None)[0].key.clone();
    let changes = board.delete_story(&key).expect("delete");
    store.save(&board, &changes).expect("save");
    assert!(!store.story_path(&key).exists());
    let (k2, changes) = board.add_story(NewStory { title: "again".into(), ..Default::default() }, &mut c).expect("add");
    store.save(&board, &changes).expect("save");
    let (_, reread) = Store::open(store.root()).expect("open");
    assert_eq!(reread, board);
    assert!(reread.story(&k2).is_some());
    assert!(Store::create(store.root(), &board).is_err(), "create refuses an existing board");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    /// Through the real store, each move rewrites exactly the moved story's file and no other,
    /// and the board read back is the board in memory.
    #[test]
    fn each_move_rewrites_one_file(moves in prop::collection::vec((0usize..8, 0usize..4, 0usize..8), 1..25), seed in any::<u64>()) {
        let (_tmp, mut store, mut board, mut c) = on_disk(8, seed);
        let keys: Vec<String> = board.stories.keys().map(|k| k.to_string()).collect();
        for (i, how, j) in moves {
            let key = keys[i].clone();
            let position = match how {
                0 => Position::Top,
                1 => Position::Bottom,
                2 => Position::Before(keys[j].clone()),
                _ => Position::After(keys[j].clone()),
            };
            let before = snapshot(store.root());
            let Ok(changes) = board.move_story(&key, &Move { position, ..Default::default() }, &mut c) else { continue };
            store.save(&board, &changes).expect("save");
            let after = snapshot(store.root());
            let changed: Vec<&PathBuf> = after.iter().filter(|(p, b)| before.get(*p) != Some(b)).map(|(p, _)| p).collect();
            if changes.is_empty() {
                prop_assert!(changed.is_empty());
            } else {
                let expected = store.story_path(&key);
                prop_assert_eq!(changed, vec![&expected]);
            }
        }
        let (_, reread) = Store::open(store.root()).expect("open");
        prop_assert_eq!(reread, board);
    }
}

mod refresh {
    use super::*;

    #[test]
    fn changes_made_elsewhere_are_found_and_our_own_writes_are_not() {
        let (_tmp, mut store, mut board, mut c) = on_disk(3, 4);
        let keys: Vec<String> = board.list(None).iter().map(|s| s.key.to_string()).collect();
        // Our own write: nothing to report.
        let changes =
            board.move_story(&keys[2], &Move { position: Position::Top, ..Default::default() }, &mut c).expect("m");
        store.save(&board, &changes).expect("save");
        assert!(store.refresh(&mut board).expect("refresh").is_empty());

        // Another process: edits one story, deletes one, adds one (through its own store).
        let (mut other_store, mut other) = Store::open(store.root()).expect("open");
        let edit = crate::domain::Edit { title: Some("changed elsewhere".into()), ..Default::default() };
        let mut changes = other.edit_story(&keys[0], edit, &mut c).expect("edit");
        changes.merge(other.delete_story(&keys[1]).expect("delete"));
        let (added, more) =
            other.add_story(NewStory { title: "added elsewhere".into(), ..Default::default() }, &mut c).expect("add");
        changes.merge(more);
        other_store.save(&other, &changes).expect("save");

        let report = store.refresh(&mut board).expect("refresh");
        let mut changed: Vec<String> = report.changed.iter().map(|s| s.key.to_string()).collect();
        changed.sort();
        let mut want = vec![keys[0].clone(), added.clone()];
        want.sort();
        assert_eq!(changed, want);
        assert_eq!(report.removed, [keys[1].clone()]);
        assert_eq!(board, other, "caught up exactly");
        assert!(store.refresh(&mut board).expect("again").is_empty());
        // And what was caught up can be written again without a conflict.
        let changes =
            board.move_story(&keys[0], &Move { position: Position::Bottom, ..Default::default() }, &mut c).expect("m");
        store.save(&board, &changes).expect("save after refresh");
    }

    #[test]
    fn a_broken_change_is_reported_and_never_written_over() {
        let (_tmp, mut store, mut board, mut c) = on_disk(2, 5);
        let key = board.list(None)[0].key.clone();
        let path = store.story_path(&key);
        std::fs::write(&path, "(schema: 1, tit").expect("break");
        let report = store.refresh(&mut board).expect("refresh");
        assert_eq!(report.problems.len(), 1);
        assert!(board.story(&key).is_some(), "the version read before is kept");
        let changes =
            board.move_story(&key, &Move { position: Position::Bottom, ..Default::default() }, &mut c).expect("m");
        assert!(matches!(store.save(&board, &changes), Err(StoreError::Conflict(_))));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "(schema: 1, tit");
    }

    #[test]
    fn a_changed_board_file_reloads_everything() {
        let (_tmp, mut store, mut board, _c) = on_disk(2, 6);
        let path = store.board_path();
        let text =
            std::fs::read_to_string(&path).expect("read").replace("name: \"In Progress\"", "name: \"Doing now\"");
        std::fs::write(&path, text).expect("write");
        let report = store.refresh(&mut board).expect("refresh");
        assert!(report.board.is_some());
        assert_eq!(board.file.column("doing").map(|c| c.name.as_str()), Some("Doing now"));
    }
}

/// Git keeps no empty directory: a clone of a board without stories has no `stories/`. It
/// reads as empty (open, refresh, a refresh told of paths), and the first save creates it.
#[test]
fn a_missing_stories_dir_is_an_empty_one_and_a_save_creates_it() {
    let (_tmp, _store, _board, mut c) = on_disk(0, 40);
    let root = _store.root().to_owned();
    std::fs::remove_dir(root.join(STORIES_DIR)).expect("rmdir");
    let (mut store, mut board) = Store::open(&root).expect("open");
    assert!(board.stories.is_empty() && board.damaged.is_empty());
    assert!(store.refresh(&mut board).expect("refresh").is_empty());
    let (mut other_store, mut other) = Store::open_fresh(&root).expect("open fresh");
    let named = [root.join(STORIES_DIR).join("SB-AAAA.ron")];
    assert!(other_store.changes_elsewhere(&other, Some(&named)).expect("told of a path").is_empty());

    // One story (one file), then two at once (through the journal), each into a missing dir.
    let (key, changes) =
        board.add_story(NewStory { title: "first".into(), ..Default::default() }, &mut c).expect("add");
    store.save(&board, &changes).expect("save creates stories/");
    assert!(store.story_path(&key).is_file());
    let report = other_store.refresh(&mut other).expect("refresh");
    assert_eq!(report.changed.iter().map(|s| s.key.to_string()).collect::<Vec<_>>(), [key.to_string()]);
    std::fs::remove_file(store.story_path(&key)).expect("rm");
    std::fs::remove_dir(root.join(STORIES_DIR)).expect("rmdir");
    assert_eq!(other_store.refresh(&mut other).expect("refresh").removed, [key.to_string()]);
    let (mut store, mut board) = Store::open(&root).expect("open");
    let (_, mut changes) = board.new_epic("Login", "").expect("epic");
    let (k2, more) = board.add_story(NewStory { title: "second".into(), ..Default::default() }, &mut c).expect("add");
    changes.merge(more);
    store.save(&board, &changes).expect("save of two files creates stories/");
    assert_eq!(Store::open(&root).expect("open").1, board);
    assert!(store.story_path(&k2).is_file());
}

/// A story file that cannot be read is carried, not fatal; nothing writes over it, not even a
/// story given its key (an import of another board's export could do that).
#[test]
fn a_damaged_story_is_never_written_by_a_save() {
    let (_tmp, store, board, mut c) = on_disk(3, 31);
    let root = store.root().to_owned();
    let key = board.list(None)[0].key.clone();
    let path = store.story_path(&key);
    std::fs::write(&path, "(schema: 1, tit").expect("break");
    let (mut store, mut board) = Store::open(&root).expect("the board opens");
    assert!(board.story(&key).is_none());
    let d = board.damaged.get(key.as_str()).expect("carried as damaged");
    assert_eq!(d.file, format!("stories/{key}.ron"));
    assert!(d.at.is_some(), "{d:?}");
    assert_eq!(store.damaged().map(|(k, _)| k.to_owned()).collect::<Vec<_>>(), [key.to_string()]);
    // Every operation on it refuses with the way out.
    let refused = board.move_story(&key, &Move { position: Position::Top, ..Default::default() }, &mut c);
    assert!(matches!(refused, Err(crate::domain::OpError::Damaged { .. })), "{refused:?}");
    assert!(board.resolve_key(&key).is_err_and(|e| e.to_string().contains("sprintboard repair")));
    // A story put in its place by hand: the store refuses to write it, or to delete the file.
    let mut story = board.list(None)[0].clone();
    story.key = key.as_str().into();
    board.stories.insert(key.as_str().into(), Box::new(story));
    let changes = crate::domain::Changes::story(&key, None);
    assert!(matches!(store.save(&board, &changes), Err(StoreError::Damaged(_))));
    let mut deletion = crate::domain::Changes::default();
    deletion.deleted.insert(key.to_string());
    assert!(matches!(store.save(&board, &deletion), Err(StoreError::Damaged(_))));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "(schema: 1, tit");
}

mod cache {
    use super::*;

    /// A store opened fresh (a read-only session) writes no parse cache, not even when a
    /// changed board.ron makes a refresh read the whole board again.
    #[test]
    fn a_fresh_store_reloads_fresh_and_writes_no_cache() {
        let (_tmp, store, mut board, _c) = on_disk(3, 41);
        let root = store.root().to_owned();
        let cache = super::super::cache::path_for_tests(&root).expect("cache path");
        let _ = std::fs::remove_file(&cache);
        let (mut fresh, _) = Store::open_fresh(&root).expect("open fresh");
        assert!(!cache.exists(), "opening fresh writes no cache");
        let path = fresh.board_path();
        let text = std::fs::read_to_string(&path).expect("read").replace("name: \"In Progress\"", "name: \"Doing\"");
        std::fs::write(&path, text).expect("write");
        let report = fresh.refresh(&mut board).expect("refresh");
        assert!(report.board.is_some(), "the whole board read again");
        assert_eq!(board.file.column("doing").map(|c| c.name.as_str()), Some("Doing"));
        assert!(!cache.exists(), "nor does its reload");
        // A store opened with the cache still writes it when it reloads.
        let (mut cached, _) = Store::open(&root).expect("open");
        let _ = std::fs::remove_file(&cache);
        std::fs::write(&path, std::fs::read_to_string(&path).expect("read").replace("\"Doing\"", "\"Doing now\""))
            .expect("write");
        assert!(cached.refresh(&mut board).expect("refresh").board.is_some());
        assert!(cache.exists(), "a cached store's reload writes the cache");
    }

    /// A damaged file is never cached as good: every open reads it again, and once it is
    /// repaired, with or without the cache, the story is what the file now says.
    #[test]
    fn a_damaged_file_is_never_cached_and_a_repaired_one_is_read_again() {
        let (_tmp, store, board, _c) = on_disk(80, 32);
        let root = store.root().to_owned();
        let key = board.list(None)[0].key.clone();
        let path = store.story_path(&key);
        let good = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, format!("{good}(((\n")).expect("break");
        age(&root);
        let _ = std::fs::remove_file(super::super::cache::path_for_tests(&root).expect("cache path"));
        for _ in 0..2 {
            let (_, b) = Store::open(&root).expect("open (writes and then uses the cache)");
            assert!(b.story(&key).is_none() && b.damaged.contains_key(key.as_str()));
            assert_eq!(b.stories.len(), 79);
            let (_, places) = Store::open_places(&root).expect("open the places");
            assert!(places.story(&key).is_none() && places.damaged.contains_key(key.as_str()));
        }
        std::fs::write(&path, good.replace("title: \"s0\"", "title: \"fixed\"")).expect("repair");
        age(&root);
        let (_, b) = Store::open(&root).expect("open");
        assert_eq!(b.story(&key).map(|s| s.title.as_str()), Some("fixed"));
        assert!(b.damaged.is_empty());
        let (_, places) = Store::open_places(&root).expect("open the places");
        assert!(places.damaged.is_empty() && places.stories.contains_key(key.as_str()));
    }

    /// Files older than the "recently modified" window, so the cache may vouch for them.
    fn age(root: &Path) {
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        for e in std::fs::read_dir(root.join(STORIES_DIR)).expect("dir") {
            let f = std::fs::File::options().append(true).open(e.expect("entry").path()).expect("open");
            f.set_modified(old).expect("set time");
        }
    }

    #[test]
    fn an_unchanged_board_opens_from_the_cache_and_changes_are_never_missed() {
        let (_tmp, store, board, _c) = on_disk(5, 11);
        let root = store.root().to_owned();
        age(&root);
        let _ = std::fs::remove_file(super::super::cache::path_for_tests(&root).expect("cache path"));
        let (_, first) = Store::open(&root).expect("open, writing the cache");
        assert_eq!(first, board);
        let (_, second) = Store::open(&root).expect("open from the cache");
        assert_eq!(second, board, "the cache gives back exactly what the files say");

        // Another process replaces a file (a new inode, same size and an old time): read again.
        let key = board.list(None)[0].key.clone();
        let path = root.join(STORIES_DIR).join(format!("{key}.ron"));
        let text = std::fs::read_to_string(&path).expect("read").replace("title: \"s0\"", "title: \"s9\"");
        let tmp_path = root.join("replacement");
        std::fs::write(&tmp_path, &text).expect("write");
        std::fs::rename(&tmp_path, &path).expect("rename");
        age(&root);
        let (_, third) = Store::open(&root).expect("open");
        assert_eq!(third.story(&key).map(|s| s.title.as_str()), Some("s9"));

        // And a story that is now invalid against board.ron is still reported, from the cache.
        let mut b2 = third.clone();
        let changes = b2.delete_story(&key).expect("delete");
        let (mut s2, _) = Store::open(&root).expect("open");
        s2.save(&b2, &changes).expect("save");
        let (_, fourth) = Store::open(&root).expect("open");
        assert!(fourth.story(&key).is_none(), "a deleted file is not resurrected by the cache");
    }

    /// A command that changes one story reads that story whole and the others as stand-ins
    /// holding their places; its write touches that story's file only.
    #[test]
    fn a_command_on_one_story_reads_the_others_as_places_only() {
        let (_tmp, store, board, mut c) = on_disk(5, 21);
        let root = store.root().to_owned();
        age(&root);
        let _ = std::fs::remove_file(super::super::cache::path_for_tests(&root).expect("cache path"));
        Store::open(&root).expect("open, writing the cache");
        let (mut store, mut lean) = Store::open_places(&root).expect("open the places");
        for (key, whole) in &board.stories {
            let stand_in = lean.story(key).expect("every story is there");
            assert_eq!(
                (&stand_in.status, &stand_in.sprint, &stand_in.rank, stand_in.points, &stand_in.epic),
                (&whole.status, &whole.sprint, &whole.rank, whole.points, &whole.epic),
                "its place"
            );
            assert!(stand_in.title.is_empty() && stand_in.history.is_empty(), "a stand-in holds nothing else");
        }
        let last = board.list(None)[4].key.to_string();
        store.read_whole(&mut lean, &last).expect("read whole");
        assert_eq!(lean.story(&last), board.story(&last), "read whole from its file");

        let before = snapshot(&root);
        let changes = lean.move_story(&last, &Move { position: Position::Top, ..Default::default() }, &mut c);
        store.save(&lean, &changes.expect("move")).expect("save");
        let after = snapshot(&root);
        let written: Vec<&PathBuf> = after.keys().filter(|p| before.get(*p) != after.get(*p)).collect();
        assert_eq!(written, [&store.story_path(&last)], "one file written");
        let (_, fresh) = Store::open_fresh(&root).expect("open");
        assert_eq!(fresh.list(None)[0].key, last);
        assert_eq!(fresh.story(&last).map(|s| &s.title), board.story(&last).map(|s| &s.title));
    }

    /// A move that must re-rank its neighbours (tied ranks, as a merge leaves them) would write
    /// stand-ins: the store refuses, and the retry makes the move on the whole board instead.
    #[test]
    fn a_stand_in_is_never_written() {
        let (_tmp, mut store, mut board, mut c) = on_disk(3, 22);
        let root = store.root().to_owned();
        let order: Vec<String> = board.list(None).iter().map(|s| s.key.to_string()).collect();
        let same = board.story(&order[0]).expect("first").rank.clone();
        board.stories.get_mut(order[1].as_str()).expect("second").rank = same;
        let mut tie = Changes::default();
        tie.stories.insert(order[1].clone());
        store.save(&board, &tie).expect("tie the ranks");
        // Tied, the two first are in key order.
        let order: Vec<String> = board.list(None).iter().map(|s| s.key.to_string()).collect();
        age(&root);
        let _ = std::fs::remove_file(super::super::cache::path_for_tests(&root).expect("cache path"));
        Store::open(&root).expect("open, writing the cache");

        let (mut store, mut lean) = Store::open_places(&root).expect("open the places");
        store.read_whole(&mut lean, &order[2]).expect("read whole");
        let mv = Move { position: Position::After(order[0].clone()), ..Default::default() };
        let changes = lean.move_story(&order[2], &mv, &mut c).expect("move");
        assert!(changes.stories.len() > 1, "the tied neighbours are re-ranked too");
        assert!(matches!(store.save(&lean, &changes), Err(StoreError::Conflict(_))), "stand-ins are not written");
        let mut again = |b: &mut Board| b.move_story(&order[2], &mv, &mut ctx(5));
        crate::store::retry::save(&mut store, &root, &lean, &changes, Some(&mut again)).expect("saved");
        let (_, fresh) = Store::open_fresh(&root).expect("open");
        let now: Vec<&str> = fresh.list(None).iter().map(|s| s.key.as_str()).collect();
        assert_eq!(now, [order[0].as_str(), order[2].as_str(), order[1].as_str()]);
        for (key, whole) in &board.stories {
            assert_eq!(fresh.story(key).map(|s| &s.title), Some(&whole.title), "{key} keeps its title");
        }
    }

    /// Saves `edit` of `key` the way every command does (compare-before-write, re-applied on a
    /// board read afresh after a conflict); returns the file's bytes afterwards.
    fn edit_through_retry(root: &Path, key: &str, edit: crate::domain::Edit) -> Vec<u8> {
        let (mut store, mut board) = Store::open(root).expect("open");
        let mut c = ctx(3);
        let changes = board.edit_story(key, edit.clone(), &mut c).expect("edit");
        let mut again = |b: &mut Board| b.edit_story(key, edit.clone(), &mut ctx(3));
        crate::store::retry::save(&mut store, root, &board, &changes, Some(&mut again)).expect("saved");
        std::fs::read(root.join(STORIES_DIR).join(format!("{key}.ron"))).expect("read")
    }

    /// A cache that says something else than the files (here: written to lie, with a valid
    /// checksum) may show it, but never gets it written: a write starts from the file.
    #[test]
    fn nothing_is_written_from_cached_content() {
        let (_tmp, store, board, _c) = on_disk(3, 14);
        let root = store.root().to_owned();
        age(&root);
        // A cache made afresh for the aged files (a few stale entries are not worth a rewrite).
        let _ = std::fs::remove_file(super::super::cache::path_for_tests(&root).expect("cache path"));
        Store::open(&root).expect("open, writing the cache");
        let key = board.list(None)[0].key.clone();
        let mut entries = super::super::cache::read(&root);
        let (_, slot) = entries.0.iter_mut().find(|(k, _)| *k == key).expect("entry");
        slot.story.get_mut().expect("not poisoned").as_mut().expect("a story").title = "Coched story".into();
        let stories: Vec<(&str, super::super::cache::Stamp, u64, Box<crate::domain::Story>)> = entries
            .0
            .iter_mut()
            .map(|(key, e)| {
                let story = e.story.get_mut().expect("not poisoned").take().expect("a story");
                (key.as_str(), e.stamp, e.fingerprint, story)
            })
            .collect();
        super::super::cache::write(
            &root,
            stories.iter().map(|(key, stamp, fingerprint, story)| {
                (*key, super::super::cache::EntryRef { stamp: *stamp, fingerprint: *fingerprint, story })
            }),
        );
        let (_, lied) = Store::open(&root).expect("open");
        assert_eq!(lied.story(&key).map(|s| s.title.as_str()), Some("Coched story"), "the lie is read");
        let written =
            edit_through_retry(&root, &key, crate::domain::Edit { points: Some(Some(5)), ..Default::default() });
        let text = String::from_utf8(written).expect("text");
        assert!(text.contains("title: \"s0\"") && text.contains("points: 5"), "{text}");
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32),
            ..ProptestConfig::default()
        })]

        /// Random bytes of the cache flipped: what is read and what an edit writes are exactly
        /// what they are without a cache.
        #[test]
        fn a_damaged_cache_changes_nothing_read_or_written(
            flips in prop::collection::vec((any::<usize>(), 1u8..=255), 1..4),
        ) {
            let (_tmp, store, board, _c) = on_disk(6, 15);
            let root = store.root().to_owned();
            age(&root);
            let key = board.list(None)[2].key.clone();
            // What an edit writes with no cache at all.
            let reference_dir = tempfile::tempdir().expect("tmp");
            let reference_root = reference_dir.path().join("b");
            Store::create(&reference_root, &board).expect("copy");
            let edit = crate::domain::Edit { title: Some("edited".into()), ..Default::default() };
            let reference = edit_through_retry(&reference_root, &key, edit.clone());

            let path = super::super::cache::path_for_tests(&root).expect("cache path");
            let _ = std::fs::remove_file(&path);
            Store::open(&root).expect("open, writing the cache");
            prop_assert!(!super::super::cache::read(&root).0.is_empty(), "the cache is in use");
            let mut bytes = std::fs::read(&path).expect("cache");
            for (at, x) in flips {
                let i = at % bytes.len();
                bytes[i] ^= x;
            }
            std::fs::write(&path, &bytes).expect("damage");
            let (_, read) = Store::open(&root).expect("opens");
            prop_assert_eq!(&read, &board);
            prop_assert_eq!(edit_through_retry(&root, &key, edit), reference);
        }
    }

    #[test]
    fn a_broken_cache_is_ignored() {
        let (_tmp, store, board, _c) = on_disk(3, 12);
        let root = store.root().to_owned();
        age(&root);
        Store::open(&root).expect("open");
        let path = super::super::cache::path_for_tests(&root).expect("cache path");
        std::fs::write(&path, b"garbage").expect("break the cache");
        let (_, again) = Store::open(&root).expect("open");
        assert_eq!(again, board);
    }
}

/// A story that would not fit its file is not written, and the message says what is big.
#[test]
fn a_story_too_large_to_read_back_is_never_written() {
    let (_tmp, mut store, mut board, _) = on_disk(2, 5);
    let key = board.list(None)[0].key.clone();
    let path = store.story_path(&key);
    let before = std::fs::read(&path).expect("read");
    let story = board.stories.get_mut(&key).expect("story");
    let event = story.history[0].clone();
    story.history = vec![event; 80_000];
    let mut changes = crate::domain::Changes::default();
    changes.stories.insert(key.to_string());
    let err = store.save(&board, &changes).expect_err("too large").to_string();
    assert!(err.contains("more than the 4096 KiB") && err.contains("the history alone"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before, "the file is as it was");
}

mod links;
