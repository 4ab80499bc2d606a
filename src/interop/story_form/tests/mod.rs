use super::*;
use crate::domain::{BoardFile, Ctx, NewStory, Rice};

fn board_with_story() -> (Board, String) {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    b.new_epic("Login", "").expect("epic");
    let mut c = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    let new =
        NewStory { title: "Fix #42: login".into(), points: Some(3), epic: Some("login".into()), ..Default::default() };
    let (k, _) = b.add_story(new, &mut c).expect("add");
    let edit = Edit {
        description: Some("# A heading in markdown\n\nline two".into()),
        rice: Some(Some(Rice { reach: 100.0, impact: 2.0, confidence: 0.5, effort: 4.0 })),
        blocked: Some(Some("API".into())),
        ..Default::default()
    };
    b.edit_story(&k, edit, &mut c).expect("edit");
    (b, k)
}

#[test]
fn an_unchanged_form_round_trips_to_no_change() {
    let (mut b, k) = board_with_story();
    let text = render(&b, b.story(&k).expect("story"));
    assert!(text.contains("title: Fix #42: login\n") && text.contains("rice: 100, 2, 0.5, 4\n"), "{text}");
    let edit = parse(&b, &text).expect("parses").expect("not cancelled");
    let mut c = Ctx::new("2026-11-21T09:00:00Z".parse().expect("time"), "ana", 1);
    assert!(b.edit_story(&k, edit, &mut c).expect("edit").is_empty(), "nothing changed");
}

#[test]
fn edits_are_read_back() {
    let (b, k) = board_with_story();
    let text = render(&b, b.story(&k).expect("story"))
        .replace("points: 3", "points: 8")
        .replace("blocked: API", "blocked:")
        .replace("labels: ", "labels: #api web")
        .replace("line two", "line two\n- more");
    let edit = parse(&b, &text).expect("parses").expect("edit");
    assert_eq!(edit.points, Some(Some(8)));
    assert_eq!(edit.blocked, Some(None));
    assert_eq!(edit.labels, Some(vec!["api".to_owned(), "web".to_owned()]));
    assert_eq!(edit.description.as_deref(), Some("# A heading in markdown\n\nline two\n- more"));
}

#[test]
fn mistakes_name_their_line_and_the_note_replaces_the_last_one() {
    let (b, k) = board_with_story();
    let text = render(&b, b.story(&k).expect("story")).replace("points: 3", "points: lots");
    let err = parse(&b, &text).expect_err("bad points");
    let line = text.lines().position(|l| l.starts_with("points:")).expect("line") + 1;
    assert_eq!(err.line, line);
    assert!(err.message.contains("not a whole number"));
    let noted = with_error(&text, &err);
    assert!(noted.starts_with(&format!("# ERROR: line {}: points", line + 1)), "{noted}");
    let again = with_error(&noted, &FormError { line: 1, message: "x".into() });
    assert_eq!(again.matches("# ERROR").count(), 1);
    for (from, to, needle) in [
        ("epic: Login", "epic: Nope", "no epic"),
        ("\nmoscow: \n", "\nmoscow: maybe\n", "not must"),
        ("rice: 100, 2, 0.5, 4", "rice: 1, 2", "expected 4 numbers"),
        ("title: Fix #42: login", "title:", "cannot be empty"),
        ("points: 3", "colour: red", "unknown field `colour`"),
        ("points: 3", "just words", "expected `field: value`"),
    ] {
        let bad = render(&b, b.story(&k).expect("story")).replacen(from, to, 1);
        let err = parse(&b, &bad).expect_err(to);
        assert!(err.message.contains(needle), "{to}: {}", err.message);
    }
}

#[test]
fn an_empty_text_cancels() {
    let (b, _) = board_with_story();
    assert_eq!(parse(&b, ""), Ok(None));
    assert_eq!(parse(&b, "# only notes\n\n"), Ok(None));
}
