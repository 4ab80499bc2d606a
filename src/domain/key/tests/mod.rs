use super::*;

#[test]
fn codes_grow_with_the_board() {
    assert_eq!(code_len(0), 4);
    assert_eq!(code_len(1_000), 4);
    assert_eq!(code_len(1_100), 5);
    assert_eq!(code_len(100_000), 6);
}

#[test]
fn generated_keys_are_fresh_and_well_formed() {
    let mut rng = fastrand::Rng::with_seed(7);
    let mut seen = std::collections::HashSet::new();
    for _ in 0..2_000 {
        let key = generate("SB", seen.len(), |k| seen.contains(k), &mut rng);
        let code = key.strip_prefix("SB-").expect("prefix");
        assert!(code.len() >= 4);
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        assert!(seen.insert(key));
    }
}

#[test]
fn typed_keys_are_forgiving() {
    assert_eq!(normalize("k7qx", "SB"), "SB-K7QX");
    assert_eq!(normalize(" sb-k7qo ", "SB"), "SB-K7Q0");
    assert_eq!(normalize("SB-4IL2", "SB"), "SB-4112");
    assert_eq!(normalize("web-ab12", "SB"), "WEB-AB12");
}
