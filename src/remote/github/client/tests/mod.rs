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

#[test]
fn a_client_can_run_on_a_thread_of_its_own() {
    fn is_send<T: Send>(_: &T) {}
    let client = Client::new("http://127.0.0.1:9", "o/r", Token::new("t", "GH_TOKEN")).unwrap().with_etag_file(None);
    is_send(&client);
    let shown = format!("{client:?}");
    assert!(shown.contains("o/r") && shown.contains("GH_TOKEN"), "{shown}");
}
