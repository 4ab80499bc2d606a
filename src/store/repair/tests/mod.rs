use super::*;

#[test]
fn notes_are_added_on_top_and_taken_off() {
    let problem = FileError::new(Path::new("/b/stories/SB-1.ron"), Some((3, 5)), "expected comma");
    let text = with_note("(\n  a\n  b\n", &problem);
    assert!(text.starts_with("// sprintboard: SB-1.ron cannot be read: line 5, column 5: expected comma\n"), "{text}");
    assert_eq!(text.lines().nth(4), Some("  b"), "line 5 is the line the note names");
    assert_eq!(without_note(&text), "(\n  a\n  b\n");
    assert_eq!(without_note(&with_note(&text, &problem)), "(\n  a\n  b\n", "notes never pile up");
}
