use super::*;

#[test]
fn slugs_are_readable_ids() {
    assert_eq!(slug("Sprint 24"), "sprint-24");
    assert_eq!(slug("  Login & Sign-up!! "), "login-sign-up");
    assert_eq!(slug("日本語"), "日本語");
    assert_eq!(slug("!!!"), "x");
    assert_eq!(unique_id("a".into(), |s| s == "a" || s == "a-2"), "a-3");
}

#[test]
fn lookups_ignore_case_and_accept_names() {
    let b = BoardFile::new("B", "SB");
    assert_eq!(b.find_column("in progress").map(|c| c.id.as_str()), Some("doing"));
    assert_eq!(b.find_column("DONE").map(|c| c.id.as_str()), Some("done"));
    assert!(b.find_column("nope").is_none());
    assert_eq!(b.done_column().map(|c| c.id.as_str()), Some("done"));
}
