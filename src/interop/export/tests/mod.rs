use super::*;
use crate::domain::{Ctx, NewStory};

#[test]
fn csv_cells_cannot_be_formulas_or_controls() {
    let mut board = Board::new(BoardFile::new("T", "SB"));
    let mut ctx = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    let titles = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "Plain - ok", "replaced"];
    for t in titles {
        board
            .add_story(NewStory { title: t.into(), assignee: Some("@ana".into()), ..Default::default() }, &mut ctx)
            .expect("add");
    }
    let key = board.list(None)[5].key.clone();
    board.stories.get_mut(key.as_str()).expect("story").title = "\rCR\u{1b}[2J\u{9b}\u{202e}".into();
    let out = csv(&board, &board_order(&board)).expect("csv");
    let mut rows = ::csv::Reader::from_reader(out.as_bytes());
    let cells: Vec<(String, String)> =
        rows.records().map(|r| r.expect("row")).map(|r| (r[1].to_owned(), r[6].to_owned())).collect();
    let titles: Vec<&str> = cells.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "Plain - ok", "'\\rCR\\e[2J\\u009b\\u202e"]
    );
    assert!(cells.iter().all(|(_, who)| who == "'@ana"), "{cells:?}");
    assert!(!out.chars().any(|c| crate::text::is_unsafe(c) && c != '\n'), "{out:?}");
}
