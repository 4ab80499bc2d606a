use super::Sorted;

#[test]
fn an_entry_is_found_at_its_hint_or_by_search() {
    let sorted = Sorted::checked(["A-1", "A-2", "A-4"].iter().map(|k| ((*k).into(), k.len())).collect());
    let sorted = sorted.expect("in order");
    assert_eq!(sorted.get("A-2", 1), Some(&3), "at its place");
    assert_eq!(sorted.get("A-4", 3), Some(&3), "a file removed before it: found by search");
    assert_eq!(sorted.get("A-1", 7), Some(&3), "a hint past the end");
    assert_eq!(sorted.get("A-3", 2), None, "a file added since");
    let unsorted: Vec<(crate::domain::ShortText, usize)> = vec![("B".into(), 0), ("A".into(), 1)];
    assert!(Sorted::checked(unsorted).is_none(), "keys out of order: no cache");
}
