use super::*;
use crate::domain::{BoardFile, Story};

fn check<T: DeserializeOwned + Versioned + std::fmt::Debug>(text: &[u8]) -> String {
    decode::<T>(Path::new("f.ron"), text, MAX_STORY_BYTES).expect_err("should fail").to_string()
}

#[test]
fn positions_count_characters() {
    assert_eq!(position("ab\ncdé", 7), (2, 4));
    assert_eq!(position("", 0), (1, 1));
    assert_eq!(field_position("(\n    sprint: x\n)", "sprint"), Some((2, 5)));
}

#[test]
fn board_round_trips_and_reads_like_a_document() {
    let b = BoardFile::new("Demo", "SB");
    let text = encode(&b).expect("encode");
    assert!(text.contains("    name: \"Demo\",\n"), "{text}");
    let back: BoardFile = decode(Path::new("board.ron"), text.as_bytes(), MAX_BOARD_BYTES).expect("decode");
    assert_eq!(back, b);
}

#[test]
fn bad_input_messages() {
    assert_eq!(check::<BoardFile>(b""), "f.ron: the whole file is empty");
    assert_eq!(
        check::<Story>(b"(\n    schema: 1,\n    points: 1.0,\n)"),
        "f.ron:3:14: `points` takes a whole number (like 3), not 1.0"
    );
    assert_eq!(check::<BoardFile>(b"(schema: 1, name: \"\xff\")"), "f.ron:1:20: the file is not valid UTF-8 text");
    assert!(check::<BoardFile>(b"(\n<<<<<<< HEAD\n").starts_with("f.ron:2:1: unresolved git merge conflict"));
    assert!(check::<BoardFile>(b"(schema: 9, name: \"x\")").contains("newer sprintboard (schema 9"));
    assert_eq!(
        check::<BoardFile>(b"(schema: 1, name: \"x\",\n prefix: \"SB\", colour: 3)"),
        "f.ron:2:16: unknown field `colour` (refused rather than dropped on the next save); the fields are schema, name, prefix, columns, people, epics, sprints, working_days, remotes"
    );
    assert!(check::<BoardFile>(b"(schema: 1, name: \"x\")").contains("missing field `prefix`"));
    assert!(check::<BoardFile>(b"(schema: 1, name: \"x").contains("f.ron:1:"));
    let deep = "[".repeat(1000);
    assert!(check::<Story>(deep.as_bytes()).starts_with("f.ron:"));
    let huge = vec![b' '; MAX_STORY_BYTES as usize + 1];
    assert!(check::<Story>(&huge).contains("larger than 4096 KiB"));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", encode(&BoardFile::new("D", "SB")).expect("encode"));
    assert!(decode::<BoardFile>(Path::new("b.ron"), text.as_bytes(), MAX_BOARD_BYTES).is_ok());
}
