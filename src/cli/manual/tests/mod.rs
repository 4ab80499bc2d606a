use super::*;

#[test]
fn every_context_has_a_heading_once() {
    let mut seen = CONTEXTS.to_vec();
    seen.dedup();
    assert_eq!(seen.len(), CONTEXTS.len());
    for c in CONTEXTS {
        assert!(!heading(c).is_empty());
    }
}
