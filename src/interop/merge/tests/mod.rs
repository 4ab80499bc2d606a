use super::*;
use crate::domain::{Board, BoardFile, Ctx, Edit, Move, NewSprint, NewStory};
use crate::store::codec::encode;

fn ctx(at: &str, who: &str) -> Ctx {
    Ctx::new(at.parse().expect("time"), who, 1)
}

/// A board with one story; returns the board, the story's key and its encoded text.
fn base() -> (Board, String, String) {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    b.new_sprint(NewSprint { name: "S1".into(), ..Default::default() }).expect("sprint");
    let new = NewStory { title: "Base".into(), points: Some(3), labels: vec!["api".into()], ..Default::default() };
    let (k, _) = b.add_story(new, &mut ctx("2026-11-20T09:00:00Z", "ana")).expect("add");
    let text = encode(b.story(&k).expect("story")).expect("encode");
    (b, k, text)
}

fn side(b: &Board, k: &str, at: &str, who: &str, f: impl FnOnce(&mut Board, &mut Ctx)) -> String {
    let mut b = b.clone();
    f(&mut b, &mut ctx(at, who));
    encode(b.story(k).expect("story")).expect("encode")
}

fn story(text: &str) -> Story {
    codec::decode(std::path::Path::new("m.ron"), text.as_bytes(), codec::MAX_STORY_BYTES).expect("merged text parses")
}

#[test]
fn different_fields_of_one_story_merge_cleanly() {
    let (b, k, o) = base();
    let ours = side(&b, &k, "2026-11-21T09:00:00Z", "ana", |b, c| {
        b.edit_story(&k, Edit { title: Some("Ours".into()), ..Edit::default() }, c).expect("edit");
    });
    let theirs = side(&b, &k, "2026-11-21T10:00:00Z", "bo", |b, c| {
        b.move_story(&k, &Move { status: Some("doing".into()), ..Move::default() }, c).expect("move");
        b.edit_story(&k, Edit { points: Some(Some(8)), ..Edit::default() }, c).expect("edit");
    });
    let m = merge_story(&o, &ours, &theirs, 7).expect("merge");
    assert_eq!(m.fields(), Vec::<&str>::new());
    let s = story(&m.text);
    assert_eq!((s.title.as_str(), s.points, s.status.as_str()), ("Ours", Some(8), "doing"));
    assert_eq!(s.updated.to_string(), "2026-11-21T10:00:00Z", "the later update");
    assert_eq!(s.history.len(), 3, "created, and their status change and re-estimate");
}

#[test]
fn the_same_field_changed_both_ways_conflicts_with_both_values_marked() {
    let (b, k, o) = base();
    let ours = side(&b, &k, "2026-11-21T09:00:00Z", "ana", |b, c| {
        b.edit_story(&k, Edit { title: Some("Ours".into()), points: Some(Some(5)), ..Edit::default() }, c).expect("e");
    });
    let theirs = side(&b, &k, "2026-11-21T10:00:00Z", "bo", |b, c| {
        b.edit_story(&k, Edit { title: Some("Theirs".into()), ..Edit::default() }, c).expect("e");
    });
    let m = merge_story(&o, &ours, &theirs, 7).expect("merge");
    assert_eq!(m.fields(), ["title"]);
    assert!(
        m.text.contains("<<<<<<< ours\n    title: \"Ours\",\n=======\n    title: \"Theirs\",\n>>>>>>> theirs\n"),
        "{}",
        m.text
    );
    assert!(m.text.contains("    points: 5,\n"), "the rest is merged: {}", m.text);
    assert_eq!(m.text.matches("<<<<<<<").count(), 1, "only the conflicting field is marked");
    let err = codec::decode::<Story>(std::path::Path::new("x.ron"), m.text.as_bytes(), codec::MAX_STORY_BYTES)
        .expect_err("the loader refuses markers");
    assert!(err.to_string().contains("merge conflict"), "{err}");
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let (b, k, o) = base();
    let both = |who| {
        side(&b, &k, "2026-11-21T09:00:00Z", who, |b, c| {
            b.edit_story(&k, Edit { title: Some("Same".into()), ..Edit::default() }, c).expect("e");
        })
    };
    let m = merge_story(&o, &both("ana"), &both("ana"), 7).expect("merge");
    assert!(m.conflicts.is_empty());
}

#[test]
fn histories_merge_in_time_order_and_labels_as_sets() {
    let (b, k, o) = base();
    let ours = side(&b, &k, "2026-11-22T09:00:00Z", "ana", |b, c| {
        b.edit_story(
            &k,
            Edit { blocked: Some(Some("x".into())), labels: Some(vec!["api".into(), "web".into()]), ..Edit::default() },
            c,
        )
        .expect("e");
    });
    let theirs = side(&b, &k, "2026-11-21T09:00:00Z", "bo", |b, c| {
        b.move_story(&k, &Move { sprint: Some(Some("s1".into())), ..Move::default() }, c).expect("m");
        b.edit_story(&k, Edit { labels: Some(vec!["ux".into()]), ..Edit::default() }, c).expect("e");
    });
    let m = merge_story(&o, &ours, &theirs, 7).expect("merge");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let s = story(&m.text);
    let kinds: Vec<&str> = s.history.iter().map(|e| e.change.kind()).collect();
    assert_eq!(kinds, ["created", "sprint", "blocked"], "in time order");
    assert_eq!(s.labels, ["web", "ux"], "api removed by them, web and ux added");
    assert_eq!(s.sprint.as_deref(), Some("s1"));
}

#[test]
fn a_story_added_on_both_sides_merges_against_nothing() {
    let (_, _, o) = base();
    let m = merge_story("", &o, &o, 7).expect("merge");
    assert!(m.conflicts.is_empty());
    let other = o.replace("title: \"Base\"", "title: \"Other\"");
    assert_eq!(merge_story("", &o, &other, 7).expect("merge").fields(), ["title"]);
}

#[test]
fn a_side_that_does_not_parse_is_unmergeable() {
    let (_, _, o) = base();
    assert!(merge_story(&o, "(schema: 1,", &o, 7).is_err());
    assert!(merge_story(&o, &o, "<<<<<<< x", 7).is_err());
}

#[test]
fn board_files_merge_sprints_columns_and_people_by_id() {
    let mut b = BoardFile::new("T", "SB");
    b.people = vec!["ana".into()];
    let mut board = Board::new(b);
    board.new_sprint(NewSprint { name: "S1".into(), ..Default::default() }).expect("s1");
    let o = encode(&board.file).expect("encode");
    let mut ours = board.clone();
    ours.new_sprint(NewSprint { name: "Ours".into(), ..Default::default() }).expect("s");
    ours.file.sprints[0].capacity = Some(20);
    ours.file.people.push("bo".into());
    let mut theirs = board.clone();
    theirs.new_sprint(NewSprint { name: "Theirs".into(), ..Default::default() }).expect("s");
    theirs.file.sprints[0].goal = "Ship".into();
    theirs.file.columns[1].wip = Some(3);
    let m = merge_board(&o, &encode(&ours.file).expect("e"), &encode(&theirs.file).expect("e"), 7).expect("merge");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let merged: BoardFile =
        codec::decode(std::path::Path::new("b"), m.text.as_bytes(), codec::MAX_BOARD_BYTES).expect("parses");
    let names: Vec<&str> = merged.sprints.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["S1", "Ours", "Theirs"]);
    assert_eq!((merged.sprints[0].capacity, merged.sprints[0].goal.as_str()), (Some(20), "Ship"));
    assert_eq!(merged.columns[1].wip, Some(3));
    assert_eq!(merged.people, ["ana", "bo"]);

    theirs.file.sprints[0].capacity = Some(30);
    let m = merge_board(&o, &encode(&ours.file).expect("e"), &encode(&theirs.file).expect("e"), 7).expect("merge");
    assert_eq!(m.fields(), ["sprints[s1].capacity"]);
}

#[test]
fn markers_wrap_only_the_lines_that_differ() {
    let text = with_markers("a\nb\nc\n", "a\nx\nc\n", 7);
    assert_eq!(text, "a\n<<<<<<< ours\nb\n=======\nx\n>>>>>>> theirs\nc\n");
    assert_eq!(with_markers("same\n", "same\n", 7), "same\n");
}

/// Markers for a big file (a 16 MiB board.ron has ~500,000 lines): a line diff, not a table of
/// every pair of lines.
#[test]
fn markers_for_a_big_file_mark_only_what_differs() {
    let ours: String = (0..200_000).map(|i| format!("    line {i},\n")).collect();
    let theirs = ours.replace("    line 123456,\n", "    line 123456 changed,\n");
    let text = with_markers(&ours, &theirs, 7);
    assert_eq!(text.matches("<<<<<<< ours").count(), 1);
    assert!(text.contains("<<<<<<< ours\n    line 123456,\n=======\n    line 123456 changed,\n>>>>>>> theirs\n"));
    assert_eq!(text.lines().count(), 200_000 + 4);
}

#[test]
fn both_sides_comments_are_kept_in_time_order() {
    let (mut b, k, _) = base();
    b.add_comment(&k, "first, before both", &ctx("2026-11-20T08:00:00Z", "cy")).expect("comment");
    let o = codec::encode(b.story(&k).expect("story")).expect("encode");
    let ours = side(&b, &k, "2026-11-21T11:00:00Z", "ana", |b, c| {
        b.add_comment(&k, "ours, later", c).expect("comment");
    });
    let theirs = side(&b, &k, "2026-11-21T10:00:00Z", "bo", |b, c| {
        b.add_comment(&k, "theirs, earlier", c).expect("comment");
        b.edit_story(&k, Edit { points: Some(Some(8)), ..Edit::default() }, c).expect("edit");
    });
    let m = merge_story(&o, &ours, &theirs, 7).expect("merge");
    assert_eq!(m.fields(), Vec::<&str>::new());
    let s = story(&m.text);
    let texts: Vec<&str> = s.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["first, before both", "theirs, earlier", "ours, later"]);
    assert_eq!(s.points, Some(8));
}

#[test]
fn two_clones_adding_different_links_to_one_story_keep_both() {
    let (mut b, k, _) = base();
    let mut c = ctx("2026-11-20T08:00:00Z", "cy");
    let x = b.add_story(crate::domain::NewStory { title: "X".into(), ..Default::default() }, &mut c).expect("x").0;
    let y = b.add_story(crate::domain::NewStory { title: "Y".into(), ..Default::default() }, &mut c).expect("y").0;
    let o = codec::encode(b.story(&k).expect("story")).expect("encode");
    let ours = side(&b, &k, "2026-11-21T10:00:00Z", "ana", |b, c| {
        b.link(&x, &k, c).expect("link");
    });
    let theirs = side(&b, &k, "2026-11-21T11:00:00Z", "bo", |b, c| {
        b.link(&y, &k, c).expect("link");
    });
    let m = merge_story(&o, &ours, &theirs, 7).expect("merge");
    assert_eq!(m.fields(), Vec::<&str>::new());
    let mut both = story(&m.text).blocked_by;
    both.sort();
    let mut want = vec![x, y];
    want.sort();
    assert_eq!(both, want);
}

fn drive_story(base: &str, ours: &str, theirs: &str) -> Outcome {
    drive(Doc::Story, base.as_bytes(), ours.as_bytes(), theirs.as_bytes(), 7, "stories/SB-1.ron")
}

/// Why the reader refuses a file, as `check` says it.
fn refusal(text: &str) -> String {
    codec::decode::<Story>(std::path::Path::new("x.ron"), text.as_bytes(), codec::MAX_STORY_BYTES)
        .expect_err("refused")
        .to_string()
}

/// What is left of a whole-file conflict when a person keeps ours: the lines before `=======`,
/// without the opening marker.
fn keep_ours(text: &str) -> String {
    let mut out = String::new();
    for l in text.lines() {
        if l.starts_with("=======") {
            break;
        }
        if !l.starts_with("<<<<<<<") {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_driver_names_the_fields_both_sides_changed() {
    let (b, k, o) = base();
    let ours = side(&b, &k, "2026-11-21T09:00:00Z", "ana", |b, c| {
        b.edit_story(&k, Edit { title: Some("Ours".into()), points: Some(Some(5)), ..Edit::default() }, c).expect("e");
    });
    let theirs = side(&b, &k, "2026-11-21T10:00:00Z", "bo", |b, c| {
        b.edit_story(&k, Edit { title: Some("Theirs".into()), points: Some(Some(8)), ..Edit::default() }, c)
            .expect("e");
    });
    let out = drive_story(&o, &ours, &theirs);
    assert!(!out.clean);
    assert_eq!(out.message.as_deref(), Some("both sides changed points, title"));
    let clean = drive_story(&o, &ours, &o);
    assert!(clean.clean && clean.message.is_none(), "{clean:?}");
    assert_eq!(story(&clean.text).title, "Ours");
}

#[test]
fn the_driver_says_an_item_was_removed_on_one_side_and_changed_on_the_other() {
    let board = Board::new(BoardFile::new("T", "SB"));
    let o = encode(&board.file).expect("encode");
    let mut ours = board.clone();
    let review = ours.file.columns[1].id.to_string();
    ours.remove_column(&review, None, &mut ctx("2026-11-21T09:00:00Z", "ana")).expect("remove");
    let mut theirs = board.clone();
    theirs.set_wip(&review, Some(2)).expect("wip");
    let (a, b) = (encode(&ours.file).expect("e"), encode(&theirs.file).expect("e"));
    let out = drive(Doc::Board, o.as_bytes(), a.as_bytes(), b.as_bytes(), 7, "board.ron");
    assert!(!out.clean);
    let said = out.message.expect("message");
    assert_eq!(said, format!("columns[{review}] removed on one side and changed on the other"));
    assert!(!said.contains("both sides changed"), "{said}");
}

/// A side replaced by junk is a conflict that names that side, never the other side's silent
/// win; both versions stay in the file, and keeping ours leaves a file that reads.
#[test]
fn a_side_that_is_not_a_story_is_a_conflict_naming_that_side() {
    let (b, k, o) = base();
    let ours = side(&b, &k, "2026-11-21T09:00:00Z", "ana", |b, c| {
        b.edit_story(&k, Edit { title: Some("Edited".into()), ..Edit::default() }, c).expect("e");
    });
    for (junk, why) in [
        ("this is not a story\n", "line 1, column"),
        (&o[..o.len() / 2], "line"),
        (&format!("{}{}", "(".repeat(50_000), ")".repeat(50_000)), "line 1, column"),
    ] {
        let out = drive_story(&o, &ours, junk);
        assert!(!out.clean, "{junk:.40}");
        let said = out.message.expect("message");
        assert!(said.starts_with("theirs could not be read ("), "{said}");
        assert!(said.contains(why) && !said.contains("both sides changed"), "{said}");
        assert!(said.contains("git checkout --ours -- stories/SB-1.ron"), "{said}");
        assert!(out.text.contains(&ours) && out.text.contains(junk), "both versions are kept");
        let refused = refusal(&out.text);
        assert!(refused.contains("theirs could not be read") && !refused.contains("changed this field"), "{refused}");
        assert_eq!(story(&keep_ours(&out.text)).title, "Edited", "keeping ours is one cut");
        // The other way round names ours.
        let out = drive_story(&o, junk, &ours);
        assert!(out.message.expect("message").starts_with("ours could not be read ("));
        assert!(!out.clean);
    }
    let out = drive_story(&o, "junk", "more junk");
    let said = out.message.expect("message");
    assert!(said.contains("ours could not be read") && said.contains("theirs could not be read"), "{said}");
}

/// An unreadable base is no reason to stop: the two sides merge as if both had added the
/// file, and the driver says so.
#[test]
fn an_unreadable_base_is_said_and_the_sides_merge_without_it() {
    let (b, k, o) = base();
    let ours = side(&b, &k, "2026-11-21T09:00:00Z", "ana", |b, c| {
        b.edit_story(&k, Edit { title: Some("Edited".into()), ..Edit::default() }, c).expect("e");
    });
    let out = drive_story("(((junk", &ours, &o);
    assert!(!out.clean, "without a base, the title the sides hold differently is a conflict");
    let said = out.message.expect("message");
    assert!(said.starts_with("the common ancestor (base) could not be read (line 1"), "{said}");
    assert!(said.contains("both sides changed title"), "{said}");
    let out = drive_story("(((junk", &ours, &ours);
    assert!(out.clean && out.message.expect("message").contains("base"), "the same on both sides merges");
}

/// Two sides that each fit but whose merge would not: a conflict that says the result would be
/// too large, and a file no larger than the reader takes.
#[test]
fn a_merge_too_large_to_read_is_a_conflict_that_says_so() {
    let (b, k, o) = base();
    // Past what a clone may add (each side's comments are put in directly): 3 MiB each.
    let big = |who: &str, at: &str| {
        let mut b = b.clone();
        let s = b.stories.get_mut(k.as_str()).expect("story");
        for i in 0..12 {
            s.comments.push(crate::domain::Comment {
                at: format!("{at}:{i:02}Z").parse().expect("time"),
                by: who.into(),
                text: format!("{who} {i} {}", "z".repeat(256 << 10)),
            });
        }
        encode(b.story(&k).expect("story")).expect("encode")
    };
    let (ours, theirs) = (big("ana", "2026-11-21T09:00"), big("bo", "2026-11-21T10:00"));
    assert!(ours.len() as u64 <= codec::MAX_STORY_BYTES && theirs.len() as u64 <= codec::MAX_STORY_BYTES);
    let out = drive_story(&o, &ours, &theirs);
    assert!(!out.clean);
    let said = out.message.expect("message");
    assert!(said.starts_with("merged, the file would be ") && said.contains("more than the 4096 KiB"), "{said}");
    assert!(!said.contains("both sides changed"), "{said}");
    assert!(out.text.len() as u64 <= codec::MAX_STORY_BYTES, "{} bytes", out.text.len());
    assert!(out.text.contains(&ours) && out.text.contains("theirs is left out here, too large to show"));
    assert!(refusal(&out.text).contains("merged, the file would be"));
    assert_eq!(story(&keep_ours(&out.text)).comments.len(), 12);
}

/// Theirs is larger than the reader takes (pushed with plain git): the reader's reason, and
/// nothing over the limit written.
#[test]
fn a_side_over_the_limit_is_unreadable_and_left_out() {
    let (b, k, o) = base();
    let ours = side(&b, &k, "2026-11-21T09:00:00Z", "ana", |b, c| {
        b.edit_story(&k, Edit { title: Some("Edited".into()), ..Edit::default() }, c).expect("e");
    });
    let huge = o.replace("description: \"\"", &format!("description: \"{}\"", "d".repeat(10 << 20)));
    assert!(huge.len() > 10 << 20);
    let out = drive_story(&o, &ours, &huge);
    assert!(!out.clean);
    let said = out.message.expect("message");
    assert!(said.starts_with("theirs could not be read (the whole file is larger than 4096 KiB"), "{said}");
    assert!(out.text.len() as u64 <= codec::MAX_STORY_BYTES);
    assert!(out.text.contains(&ours) && out.text.contains("theirs is left out here"));
}

/// The most two clones can each add to one story — comments to their limit, on a story whose
/// description and acceptance criteria are at theirs — merges cleanly into a file that reads.
#[test]
fn what_two_clones_can_each_add_merges_and_reads() {
    let (mut b, k, _) = base();
    let full = "d".repeat(crate::domain::ops::MAX_TEXT_BYTES);
    let edit = Edit { description: Some(full.clone()), acceptance: Some(full), ..Edit::default() };
    b.edit_story(&k, edit, &mut ctx("2026-11-20T10:00:00Z", "cy")).expect("edit");
    let o = encode(b.story(&k).expect("story")).expect("encode");
    let fill = |who: &str, hour: u32| {
        side(&b, &k, &format!("2026-11-21T{hour:02}:00:00Z"), who, |b, c| {
            let each = crate::domain::ops::MAX_TEXT_BYTES;
            for i in 0..crate::domain::ops::MAX_COMMENTS_BYTES / each {
                b.add_comment(&k, &format!("{who}{i}{}", "c".repeat(each - 4)), c).expect("comment");
            }
            assert!(b.add_comment(&k, "one more", c).is_err(), "the clone's comments are full");
            b.edit_story(&k, Edit { title: Some(format!("title by {who}")), ..Edit::default() }, c).expect("e");
        })
    };
    let (ours, theirs) = (fill("ana", 9), fill("bo", 10));
    let out = drive_story(&o, &ours, &theirs);
    assert!(!out.clean, "the titles conflict");
    assert_eq!(out.message.as_deref(), Some("both sides changed title"));
    assert!(out.text.len() as u64 <= codec::MAX_STORY_BYTES);
    // Without the title conflict: clean, and it reads with all eight comments.
    let theirs = theirs.replace("title: \"title by bo\"", "title: \"title by ana\"");
    let out = drive_story(&o, &ours, &theirs);
    assert!(out.clean, "{:?}", out.message);
    let s = story(&out.text);
    assert_eq!(s.comments.len(), 8);
    assert!(out.text.len() > 2 << 20, "{} bytes: more than one clone may write", out.text.len());
}

#[test]
fn people_with_aliases_read_old_files_and_merge_as_a_set() {
    use crate::domain::Member;
    let old = "(schema: 1, name: \"T\", prefix: \"SB\", people: [\"Ana\", \"Bo\"])";
    let file: BoardFile =
        codec::decode(std::path::Path::new("b"), old.as_bytes(), codec::MAX_BOARD_BYTES).expect("old");
    assert_eq!(file.people, ["Ana", "Bo"]);
    let text = encode(&file).expect("encode");
    assert!(text.contains("\"Ana\","), "a person without aliases is still their name: {text}");
    let mixed = "(schema: 1, name: \"T\", prefix: \"SB\", people: [\"Ana\", (name: \"Dana\", aliases: [\"Dev Dana\", \"dana@example.org\"])])";
    let file: BoardFile =
        codec::decode(std::path::Path::new("b"), mixed.as_bytes(), codec::MAX_BOARD_BYTES).expect("mixed");
    assert_eq!(
        file.people[1],
        Member { name: "Dana".into(), aliases: vec!["Dev Dana".into(), "dana@example.org".into()] }
    );
    let again: BoardFile =
        codec::decode(std::path::Path::new("b"), encode(&file).expect("e").as_bytes(), codec::MAX_BOARD_BYTES)
            .expect("re");
    assert_eq!(again, file, "written and read back the same");
    let typo = "(schema: 1, name: \"T\", prefix: \"SB\", people: [(name: \"Dana\", alias: [\"D\"])])";
    let err = codec::decode::<BoardFile>(std::path::Path::new("b"), typo.as_bytes(), codec::MAX_BOARD_BYTES)
        .expect_err("a misspelt field is refused");
    assert!(err.to_string().contains("alias"), "{err}");

    // Ours gives Dana an alias; theirs adds Cy and gives Dana another; Bo is removed by theirs.
    let mut base = BoardFile::new("T", "SB");
    base.people = vec!["Ana".into(), "Bo".into(), "Dana".into()];
    let mut ours = base.clone();
    ours.people[2].aliases.push("Dev Dana".into());
    let mut theirs = base.clone();
    theirs.people.remove(1);
    theirs.people.push("Cy".into());
    theirs.people[1].aliases.push("dana@example.org".into());
    let e = |f: &BoardFile| encode(f).expect("encode");
    let m = merge_board(&e(&base), &e(&ours), &e(&theirs), 7).expect("merge");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let merged: BoardFile =
        codec::decode(std::path::Path::new("b"), m.text.as_bytes(), codec::MAX_BOARD_BYTES).expect("parses");
    assert_eq!(
        merged.people,
        [
            Member { name: "Ana".into(), aliases: vec![] },
            Member { name: "Dana".into(), aliases: vec!["Dev Dana".into(), "dana@example.org".into()] },
            Member { name: "Cy".into(), aliases: vec![] },
        ]
    );
}

mod props;
