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
