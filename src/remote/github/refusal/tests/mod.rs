use super::*;

#[test]
fn a_field_error_names_its_field() {
    let e: ErrorBody = serde_json::from_str(
        r#"{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]}"#,
    )
    .unwrap();
    assert_eq!(describe_field_error(&e.errors[0]), "Issue.title missing_field");
}

#[test]
fn each_status_says_what_it_means() {
    let body = r#"{"message":"Validation Failed","errors":[{"resource":"Label","field":"name","code":"invalid"},{"field":"color","message":"is not a color"}]}"#;
    assert_eq!(
        refusal(422, body, "o/r", "GH_TOKEN"),
        ApiError::Invalid { message: "Validation Failed: Label.name invalid; color is not a color".into() }
    );
    assert_eq!(refusal(401, "{}", "o/r", "GH_TOKEN"), ApiError::TokenRejected { source_name: "GH_TOKEN".into() });
    assert_eq!(refusal(404, "not json", "o/r", "x"), ApiError::NoAccess { repo: "o/r".into(), status: 404 });
    assert_eq!(
        refusal(410, r#"{"message":"Issues are disabled for this repo"}"#, "o/r", "x"),
        ApiError::Http { status: 410, message: "Issues are disabled for this repo".into() }
    );
    assert_eq!(refusal(502, "<html>", "o/r", "x"), ApiError::Http { status: 502, message: "no message".into() });
}

#[test]
fn long_messages_are_clipped() {
    assert_eq!(clip("x".repeat(400)).chars().count(), 301);
    assert_eq!(clip("short".into()), "short");
}
