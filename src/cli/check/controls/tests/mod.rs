use super::*;
use crate::domain::{BoardFile, Ctx, NewStory};

#[test]
fn every_field_of_every_file_is_looked_at() {
    let mut board = Board::new(BoardFile::new("T", "SB"));
    let mut ctx = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    let (key, _) = board.add_story(NewStory { title: "Fine".into(), ..Default::default() }, &mut ctx).expect("add");
    assert!(warnings(&board).is_empty(), "{:?}", warnings(&board));
    board.file.columns[0].name = "To\u{1b}]0;x\u{7}Do".into();
    let s = board.stories.get_mut(key.as_str()).expect("story");
    s.title = "a\u{202e}b\u{9b}".into();
    s.description = "line one\r\n\tline two\n".into();
    s.acceptance = "lone\rCR".into();
    s.labels.push("x\u{7f}".into());
    let w = warnings(&board);
    assert_eq!(w.len(), 4, "{w:#?}");
    assert!(w[0].starts_with("board.ron: columns[0].name holds control characters (\\e \\u0007)"), "{}", w[0]);
    let of = |field: &str| w.iter().find(|l| l.contains(&format!("{key} {field} holds"))).cloned();
    assert!(
        of("title").is_some_and(|l| l.contains("(\\u202e \\u009b)") && l.starts_with(&format!("stories/{key}.ron"))),
        "{w:#?}"
    );
    assert!(of("acceptance").is_some_and(|l| l.contains("(\\r)")), "{w:#?}");
    assert!(of("labels[0]").is_some_and(|l| l.contains("(\\u007f)")), "{w:#?}");
    assert!(of("description").is_none(), "line breaks and tabs lay a description out");
    // A map's keys too.
    let s = board.stories.get_mut(key.as_str()).expect("story");
    s.origin = Some(Box::new(crate::domain::Origin {
        id: "github:o/r#1".into(),
        fields: [("t\u{202e}".to_owned(), "x".to_owned())].into(),
    }));
    assert!(warnings(&board).iter().any(|l| l.contains("origin.fields key") && l.contains("(\\u202e)")));
}
