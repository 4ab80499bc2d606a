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
fn a_field_error_names_its_field() {
    let e: ErrorBody = serde_json::from_str(
        r#"{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]}"#,
    )
    .unwrap();
    assert_eq!(describe_field_error(&e.errors[0]), "Issue.title missing_field");
}

#[test]
fn long_messages_are_clipped() {
    assert_eq!(clip("x".repeat(400)).chars().count(), 301);
    assert_eq!(clip("short".into()), "short");
}

#[test]
fn the_token_is_not_in_the_debug_of_its_holder() {
    let token = Token::new("ghp_secret123", "GH_TOKEN");
    let shown = format!("{token:?}");
    assert!(shown.contains("GH_TOKEN") && !shown.contains("ghp_secret123"), "{shown}");
}
