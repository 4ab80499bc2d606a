use super::*;

#[test]
fn the_next_page_is_found_among_the_others() {
    let header = "<https://api.github.com/repositories/1/issues?per_page=100&page=2>; rel=\"next\", \
                  <https://api.github.com/repositories/1/issues?per_page=100&page=3>; rel=\"last\"";
    assert_eq!(next_page(header).as_deref(), Some("https://api.github.com/repositories/1/issues?per_page=100&page=2"));
    let later = "<https://h/x?page=1>; rel=\"prev\", <https://h/x?page=1>; rel=\"first\", \
                 <https://h/x?page=3>; rel=\"next\"";
    assert_eq!(next_page(later).as_deref(), Some("https://h/x?page=3"));
}

#[test]
fn the_last_page_has_no_next() {
    assert_eq!(next_page("<https://h/x?page=2>; rel=\"prev\", <https://h/x?page=1>; rel=\"first\""), None);
    assert_eq!(next_page(""), None);
    assert_eq!(next_page("garbage; rel=\"next\""), None);
    assert_eq!(next_page("<https://h/x?page=2"), None);
}

#[test]
fn rel_may_be_unquoted_listed_or_cased_and_a_comma_may_sit_in_the_address() {
    assert_eq!(next_page("<https://h/x?a=1,2&page=2>; rel=next").as_deref(), Some("https://h/x?a=1,2&page=2"));
    assert_eq!(
        next_page("<https://h/x?page=2>; title=\"a, b\"; REL=\"last next\"").as_deref(),
        Some("https://h/x?page=2")
    );
    assert_eq!(next_page("<https://h/x?page=2>; rel=\"nextish\""), None);
}

#[test]
fn a_path_segment_keeps_only_unreserved_characters() {
    assert_eq!(path_segment("status: done"), "status%3A%20done");
    assert_eq!(path_segment("a/b?c#d%"), "a%2Fb%3Fc%23d%25");
    assert_eq!(path_segment("é"), "%C3%A9");
    assert_eq!(path_segment("plain-label_1.0~x"), "plain-label_1.0~x");
}
