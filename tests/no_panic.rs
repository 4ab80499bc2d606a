//! No input may cause a panic: arbitrary and mutated file contents through the reader and the
//! merge driver.

use proptest::prelude::*;
use sprintboard::domain::{BoardFile, Story};
use sprintboard::interop::merge;
use sprintboard::store::codec;

const STORY: &str = r##"(
    schema: 1,
    key: "SB-K7QX",
    title: r#"A title with "quotes""#,
    status: "doing",
    sprint: "s1",
    rank: "a0V",
    points: 3,
    assignee: "ana",
    epic: None,
    labels: [
        "api",
    ],
    moscow: Must,
    rice: (
        reach: 1.0,
        impact: 2.0,
        confidence: 0.5,
        effort: 1.0,
    ),
    wsjf: None,
    blocked: "waiting",
    description: "one
two",
    acceptance: "",
    created: "2026-11-20T09:00:00Z",
    updated: "2026-11-20T09:00:00Z",
    history: [
        (
            at: "2026-11-20T09:00:00Z",
            by: "ana",
            change: Created(
                status: "todo",
                sprint: None,
            ),
        ),
    ],
)
"##;

fn decode_story(bytes: &[u8]) {
    let _ = codec::decode::<Story>(std::path::Path::new("x.ron"), bytes, codec::MAX_STORY_BYTES);
    let _ = codec::decode::<BoardFile>(std::path::Path::new("b.ron"), bytes, codec::MAX_BOARD_BYTES);
}

#[test]
fn the_sample_is_a_valid_story() {
    codec::decode::<Story>(std::path::Path::new("x.ron"), STORY.as_bytes(), codec::MAX_STORY_BYTES).expect("valid");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        decode_story(&bytes);
    }

    #[test]
    fn mutated_stories_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>()) {
        let mut bytes = STORY.as_bytes().to_vec();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        decode_story(&bytes);
        let end = cut.index(bytes.len());
        decode_story(&bytes[..end]);
    }

    #[test]
    fn the_merge_driver_never_panics(a in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4), b in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4)) {
        let mutate = |edits: &[(prop::sample::Index, u8)]| {
            let mut bytes = STORY.as_bytes().to_vec();
            for (at, v) in edits {
                let i = at.index(bytes.len());
                bytes[i] = *v;
            }
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let _ = merge::merge_story(STORY, &mutate(&a), &mutate(&b), 7);
        let _ = merge::merge_story("", &mutate(&a), STORY, 7);
        let _ = merge::merge_board(STORY, &mutate(&a), &mutate(&b), 7);
    }

    #[test]
    fn typed_keys_never_panic(s in ".{0,20}") {
        let _ = sprintboard::domain::key::normalize(&s, "SB");
        let _ = sprintboard::domain::Rank::parse(&s);
        let _ = sprintboard::domain::Moscow::parse(&s);
    }
}
