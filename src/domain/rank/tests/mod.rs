use super::*;
use proptest::prelude::*;

fn between(a: Option<&str>, b: Option<&str>) -> String {
    key_between(a, b).expect("valid keys")
}

#[test]
fn known_values_match_the_reference_algorithm() {
    assert_eq!(between(None, None), "a0");
    assert_eq!(between(None, Some("a0")), "Zz");
    assert_eq!(between(Some("a0"), None), "a1");
    assert_eq!(between(Some("a0"), Some("a1")), "a0V");
    assert_eq!(between(Some("a1"), Some("a2")), "a1V");
    assert_eq!(between(Some("az"), None), "b00");
    assert_eq!(between(Some("Zz"), None), "a0");
    assert_eq!(between(None, Some("b00")), "az");
    assert_eq!(between(Some("a0V"), Some("a1")), "a0l");
    assert_eq!(between(Some("a0"), Some("a0V")), "a0G");
}

#[test]
fn invalid_keys_are_rejected() {
    for bad in ["", "a", "a00", "0a", "a0 ", "b0", "a0é", SMALLEST_INTEGER] {
        assert!(Rank::parse(bad).is_err(), "{bad:?} should be invalid");
    }
    assert!(matches!(key_between(Some("a1"), Some("a0")), Err(RankError::OutOfOrder(..))));
    assert!(matches!(key_between(Some("a1"), Some("a1")), Err(RankError::OutOfOrder(..))));
}

#[test]
fn appending_ten_thousand_keeps_ranks_short() {
    let mut last: Option<String> = None;
    for _ in 0..10_000 {
        let next = between(last.as_deref(), None);
        if let Some(l) = &last {
            assert!(l.as_str() < next.as_str());
        }
        last = Some(next);
    }
    assert!(last.is_some_and(|l| l.len() <= 4));
}

proptest! {
    /// Any sequence of insertions at random positions keeps a strictly increasing list of
    /// valid ranks.
    #[test]
    fn random_insertions_keep_a_total_order(positions in prop::collection::vec(any::<prop::sample::Index>(), 1..200)) {
        let mut keys: Vec<String> = Vec::new();
        for pos in positions {
            let i = pos.index(keys.len() + 1);
            let a = if i == 0 { None } else { Some(keys[i - 1].as_str()) };
            let b = keys.get(i).map(String::as_str);
            let k = between(a, b);
            prop_assert!(validate(&k).is_ok());
            if let Some(a) = a { prop_assert!(a < k.as_str()); }
            if let Some(b) = b { prop_assert!(k.as_str() < b); }
            keys.insert(i, k);
        }
        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn jitter_stays_between_neighbours(seed in any::<u64>(), a in 0usize..50, gap in 1usize..50) {
        let mut keys = vec![Rank::first()];
        for _ in 0..100 {
            let next = Rank::between(keys.last(), None).expect("append");
            keys.push(next);
        }
        let mut rng = fastrand::Rng::with_seed(seed);
        let (lo, hi) = (&keys[a], &keys[a + gap]);
        let r = Rank::between_jittered(Some(lo), Some(hi), &mut rng).expect("between");
        prop_assert!(lo < &r && &r < hi);
        let end = Rank::between_jittered(Some(hi), None, &mut rng).expect("append");
        prop_assert!(hi < &end);
    }

    #[test]
    fn any_string_is_validated_without_panicking(s in ".{0,12}") {
        let _ = Rank::parse(&s);
        let _ = key_between(Some(&s), None);
        let _ = key_between(None, Some(&s));
    }
}
