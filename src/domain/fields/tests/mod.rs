//! The table of fields against every edge that reads it.

use super::*;
use crate::domain::{Board, Edit, Kind, Moscow, Rice};
use crate::domain::{BoardFile, Ctx, NewStory};

/// Every field shown and read back is no change: the two directions agree.
#[test]
fn every_field_reads_back_what_it_shows() {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    b.new_epic("Login", "").expect("epic");
    let mut c = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    let new = NewStory { title: "A".into(), points: Some(3), epic: Some("login".into()), ..Default::default() };
    let (k, _) = b.add_story(new, &mut c).expect("add");
    let edit = Edit {
        rice: Some(Some(Rice { reach: 100.0, impact: 2.0, confidence: 0.5, effort: 4.0 })),
        moscow: Some(Some(Moscow::Must)),
        labels: Some(vec!["web".into()]),
        blocked: Some(Some("API".into())),
        kind: Some(Kind::Bug),
        ..Default::default()
    };
    b.edit_story(&k, edit, &mut c).expect("edit");
    for spec in FIELDS {
        let story = b.story(&k).cloned().expect("story");
        let text = show(&b, &story, spec.field);
        let set = read(&b, spec.field, &text).unwrap_or_else(|e| panic!("{}: {e}", spec.name));
        let changes = match set {
            Set::Edit(e) => b.edit_story(&k, *e, &mut c).expect("edit"),
            Set::Move(m) => b.move_story(&k, &m, &mut c).expect("move"),
        };
        assert!(changes.is_empty(), "{} {text:?} changed the story", spec.name);
    }
    assert_eq!(Field::by_name("TYPE"), Some(Field::Kind));
}

/// Each field has one row, each name, label and JSON key is used once, and every field taken
/// as several inputs has four (the Story view's columns of numbers).
#[test]
fn the_table_has_one_row_per_field() {
    for spec in FIELDS {
        assert!(std::ptr::eq(spec.field.spec(), spec), "{}: a second row", spec.name);
        assert_eq!(Field::by_name(spec.name), Some(spec.field));
        for other in FIELDS.iter().filter(|o| o.field != spec.field) {
            assert_ne!(spec.name, other.name);
            assert_ne!(spec.label, other.label);
            assert_ne!(spec.json, other.json);
            assert_ne!(spec.place, other.place, "{} and {} in one place", spec.name, other.name);
            assert_ne!(spec.shown, other.shown, "{} and {} shown in one place", spec.name, other.name);
        }
        assert!(spec.parts.is_empty() || spec.parts.len() == 4, "{}", spec.name);
    }
    assert!(tracked_by_import(&imported().collect::<Vec<_>>()).is_ok());
    assert!(tracked_by_import(&["title", "rice"]).is_err());
    assert!(tracked_by_import(&["title", "title"]).is_err());
}

/// One wording per mistake, whoever reads the value.
#[test]
fn each_kind_of_value_has_one_parser() {
    assert_eq!(points(" 8 "), Ok(Some(8)));
    assert_eq!(points(""), Ok(None));
    assert_eq!(points("lots"), Err("\"lots\" is not a whole number".to_owned()));
    assert_eq!(number("-1"), Err("\"-1\" is not a number of 0 or more".to_owned()));
    assert_eq!(rice("1, x, 1, 1"), Err("\"x\" is not a number of 0 or more".to_owned()));
    assert_eq!(rice("1, 2"), Err("expected 4 numbers separated by commas, got \"1, 2\"".to_owned()));
    assert_eq!(rice("100,2,0.5,4").map(|r| r.and_then(|r| r.score())), Ok(Some(25.0)));
    assert_eq!(wsjf(" "), Ok(None));
    assert_eq!(moscow("maybe"), Err("\"maybe\" is not must, should, could or wont".to_owned()));
    assert_eq!(kind("Defect"), Ok(Kind::Bug));
    assert_eq!(labels("#api web"), ["api", "web"]);
}

/// A story with every field and every part of its file set, the same at every run.
fn full_story() -> crate::domain::Story {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    b.new_epic("Login", "").expect("epic");
    b.new_sprint(crate::domain::NewSprint { name: "S1".into(), ..Default::default() }).expect("sprint");
    let mut c = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    let (other, _) = b.add_story(NewStory { title: "Other".into(), ..Default::default() }, &mut c).expect("add");
    let (k, _) = b.add_story(NewStory { title: "A".into(), ..Default::default() }, &mut c).expect("add");
    for spec in FIELDS {
        let text = match spec.field {
            Field::Title => "B".to_owned(),
            Field::Points => "3".to_owned(),
            Field::Assignee => "bo".to_owned(),
            Field::Epic => "Login".to_owned(),
            Field::Labels => "web".to_owned(),
            Field::Moscow => "must".to_owned(),
            Field::Blocked => "API".to_owned(),
            Field::Kind => "bug".to_owned(),
            Field::Status => "review".to_owned(),
            Field::Sprint => "S1".to_owned(),
            Field::Rice => "1, 2, 3, 4".to_owned(),
            Field::Wsjf => "4, 3, 2, 1".to_owned(),
            Field::BlockedBy => other.clone(),
            Field::Description => "d".to_owned(),
            Field::Acceptance => "a".to_owned(),
        };
        match read(&b, spec.field, &text).unwrap_or_else(|e| panic!("{}: {e}", spec.name)) {
            Set::Edit(e) => b.edit_story(&k, *e, &mut c).expect("edit"),
            Set::Move(m) => b.move_story(&k, &m, &mut c).expect("move"),
        };
    }
    let origin = crate::domain::Origin { id: "jira:WEB-1".into(), fields: [("title".into(), "h".into())].into() };
    b.edit_story(&k, Edit { origin: Some(Some(Box::new(origin))), ..Default::default() }, &mut c).expect("origin");
    b.add_comment(&k, "c", &c).expect("comment");
    b.story(&k).cloned().expect("story")
}

/// FNV-1a: a hash that stays the same from one build to the next.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The parse cache holds stories as postcard bytes, which say nothing of the fields' names: a
/// story read from a cache written before its layout changed would be wrong. This pins the
/// layout (the table's names and a full story's serialized shape) to the cache's FORMAT, so a
/// change of one without the other fails here.
#[test]
fn the_parse_cache_format_follows_the_story_layout() {
    // (store::cache::FORMAT, the layout's hash) as of the last change of the layout.
    const PINNED: (u32, u64) = (7, 1_416_744_482_978_786_516);
    let story = full_story();
    let names: Vec<&str> = FIELDS.iter().map(|s| s.name).collect();
    let layout = format!("{}\n{}", names.join(","), ron::to_string(&story).expect("ron"));
    let now = (crate::store::cache::FORMAT, stable_hash(&layout));
    assert_eq!(
        now, PINNED,
        "the story's layout or the cache's FORMAT changed: when the layout changed, bump FORMAT in \
         src/store/cache.rs, then set PINNED here to {now:?}"
    );
    // And a story goes through the cache's encoding whole.
    let bytes = postcard::to_stdvec(&story).expect("encode");
    assert_eq!(postcard::from_bytes::<crate::domain::Story>(&bytes).expect("decode"), story);
}

/// An estimate is a whole number up to MAX_POINTS, said the same way wherever it is typed; a
/// capacity or a WIP limit has no such bound.
#[test]
fn points_are_bounded_where_they_are_typed() {
    assert_eq!(points("10000"), Ok(Some(MAX_POINTS)));
    assert_eq!(points(" "), Ok(None));
    assert_eq!(points("10001"), Err("\"10001\" is more points than a story holds (at most 10000)".to_owned()));
    assert_eq!(estimate("4294967295"), Err("\"4294967295\" is more points than a story holds (at most 10000)".into()));
    assert_eq!(points("4294967296"), Err("\"4294967296\" is not a whole number".to_owned()));
    assert_eq!(limit("50000"), Ok(Some(50_000)));
    let b = Board::new(BoardFile::new("T", "SB"));
    assert!(read(&b, Field::Points, "20000").is_err_and(|e| e.contains("at most 10000")));
}
