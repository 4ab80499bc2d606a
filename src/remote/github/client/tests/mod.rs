use super::*;

#[test]
fn only_owner_slash_name_is_a_repository() {
    assert!(valid_repo("octo/hello-world"));
    assert!(valid_repo("a.b/c_d"));
    for bad in ["octo", "/x", "x/", "a/b/c", "../x", "a/..", "a/b?x=1", "a/b#c", "a b/c", "a/%2e"] {
        assert!(!valid_repo(bad), "{bad}");
    }
}

#[test]
fn the_token_is_not_in_the_debug_of_its_holder() {
    let token = Token::new("ghp_secret123", "GH_TOKEN");
    let shown = format!("{token:?}");
    assert!(shown.contains("GH_TOKEN") && !shown.contains("ghp_secret123"), "{shown}");
}
