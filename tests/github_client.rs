//! The GitHub client against the stand-in GitHub (tests/common/github.rs): pagination, pull
//! requests in the listing, the conditional listing (ETag, 304), `since`, every refusal in the
//! words the user reads, rate limits waited out, where the token comes from, and that the
//! token is in no message. No real network; no long sleep (the client's clock is injected).

mod common;

use std::ffi::OsString;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use common::github::{FakeGitHub, Limit, dead_base};
use sprintboard::remote::github::{Api, ApiError, Client, IssueWrite, Token, connect_with};

const REPO: &str = "octo/hello";
const TOKEN: &str = "ghp_stand1nTokenForTests0123456789";

/// A client of `fake` with `token` from `source`, its ETag kept only in memory, its waits
/// recorded instead of slept, and what it says collected.
struct Harness {
    client: Client,
    said: Arc<Mutex<Vec<String>>>,
    slept: Arc<Mutex<Vec<Duration>>>,
}

fn harness(base: &str, token: &str, source: &str) -> Harness {
    let mut client = Client::new(base, REPO, Token::new(token, source)).expect("a client").with_etag_file(None);
    let said = Arc::new(Mutex::new(Vec::new()));
    let slept = Arc::new(Mutex::new(Vec::new()));
    let (s, z) = (Arc::clone(&said), Arc::clone(&slept));
    client.on_wait(Box::new(move |line| s.lock().unwrap().push(line.to_owned())));
    client.set_clock(Duration::from_secs(60), Box::new(SystemTime::now), Box::new(move |d| z.lock().unwrap().push(d)));
    Harness { client, said, slept }
}

fn client_of(fake: &FakeGitHub) -> Harness {
    harness(&fake.base, TOKEN, "GITHUB_TOKEN")
}

#[test]
fn two_hundred_fifty_issues_come_in_three_pages_with_the_pull_requests() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    for n in 1..=250 {
        if n % 50 == 0 {
            fake.add_pull_request(&format!("PR {n}"));
        } else {
            fake.add_issue(&format!("Issue {n}"), Some("body"));
        }
    }
    let mut h = client_of(&fake);
    let issues = h.client.issues(None).expect("listed").expect("not a 304");
    assert_eq!(issues.len(), 250);
    let mut numbers: Vec<u64> = issues.iter().map(|i| i.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=250).collect::<Vec<_>>());
    assert_eq!(issues.iter().filter(|i| i.pull_request.is_some()).count(), 5);
    assert!(issues.iter().find(|i| i.number == 50).is_some_and(|i| i.pull_request.is_some()));
    assert!(issues.iter().find(|i| i.number == 49).is_some_and(|i| i.pull_request.is_none()));

    let requests = fake.requests();
    assert_eq!(requests.len(), 3, "{requests:#?}");
    assert_eq!(h.client.requests(), 3);
    for (page, r) in requests.iter().enumerate() {
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/repos/octo/hello/issues"));
        assert_eq!(r.param("per_page"), Some("100"));
        assert_eq!(r.param("state"), Some("all"));
        assert_eq!(r.param("page").unwrap_or("1"), (page + 1).to_string());
    }
    fake.assert_clean();
}

#[test]
fn an_unchanged_listing_costs_one_request_answered_304() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    for n in 1..=120 {
        fake.add_issue(&format!("Issue {n}"), None);
    }
    let mut h = client_of(&fake);
    assert_eq!(h.client.issues(None).unwrap().map(|i| i.len()), Some(120));
    assert_eq!(h.client.requests(), 2);

    assert_eq!(h.client.issues(None), Ok(None), "nothing changed: 304");
    assert_eq!(h.client.requests(), 3, "one request");
    let last = fake.requests().pop().unwrap();
    assert!(last.if_none_match.is_some(), "sent with If-None-Match");

    // A change anywhere (here on the last page) moves its issue to the first page.
    fake.edit_issue(3, |i| i["title"] = "Renamed on GitHub".into());
    let again = h.client.issues(None).unwrap().expect("a change is listed");
    assert_eq!(again.len(), 120);
    assert_eq!(again[0].title, "Renamed on GitHub");
    fake.assert_clean();
}

#[test]
fn the_etag_is_kept_across_runs_only_once_the_sync_recorded_the_listing() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    fake.add_issue("One", None);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cache").join("etag.json");
    let run =
        || Client::new(&fake.base, REPO, Token::new(TOKEN, "GH_TOKEN")).unwrap().with_etag_file(Some(file.clone()));

    let mut first = run();
    assert!(first.issues(None).unwrap().is_some());
    drop(first); // cut off before the sync recorded what it listed
    assert!(!file.exists(), "nothing remembered yet");

    let mut second = run();
    assert!(second.issues(None).unwrap().is_some(), "listed again in full");
    second.listing_recorded();
    assert!(file.exists());

    let mut third = run();
    assert_eq!(third.issues(None), Ok(None), "answered 304 from the remembered ETag");
    assert_eq!(third.requests(), 1);
    // Another listing (other `since`) is not conditional on this one's ETag.
    assert!(third.issues(Some("2020-01-01T00:00:00Z")).unwrap().is_some());

    std::fs::write(&file, "{ damaged").unwrap();
    let mut fourth = run();
    assert!(fourth.issues(None).unwrap().is_some(), "a damaged file is no ETag");
    fake.assert_clean();
}

#[test]
fn since_is_sent_and_only_what_changed_since_comes_back() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    for n in 1..=5 {
        fake.add_issue(&format!("Issue {n}"), None);
    }
    let cut = fake.issue(5)["updated_at"].as_str().unwrap().to_owned();
    fake.edit_issue(2, |i| i["body"] = "edited".into());
    let mut h = client_of(&fake);
    let issues = h.client.issues(Some(&cut)).unwrap().unwrap();
    let mut numbers: Vec<u64> = issues.iter().map(|i| i.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, vec![2, 5]);
    assert_eq!(fake.requests()[0].param("since"), Some(cut.as_str()));
    fake.assert_clean();
}

#[test]
fn writes_keep_githubs_request_schemas_and_read_its_answers() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    fake.add_label("bug");
    let mut h = client_of(&fake);
    let sprint = h.client.create_milestone("Sprint 7", Some("2026-03-13T00:00:00Z")).unwrap();
    assert_eq!((sprint.title.as_str(), sprint.due_on.as_deref()), ("Sprint 7", Some("2026-03-13T00:00:00Z")));
    assert_eq!(h.client.milestones().unwrap(), vec![sprint.clone()]);

    h.client.ensure_label("status: doing").unwrap();
    h.client.ensure_label("status: doing").unwrap();
    h.client.ensure_label("bug").unwrap();
    assert_eq!(fake.labels(), vec!["bug".to_owned(), "status: doing".to_owned()]);
    let label_requests: Vec<_> = fake.requests().into_iter().filter(|r| r.path.contains("/labels")).collect();
    assert_eq!(label_requests.len(), 3, "GET+POST for the new one, GET for bug, nothing the second time");
    assert_eq!(label_requests[0].path, "/repos/octo/hello/labels/status%3A%20doing");

    let created = h
        .client
        .create_issue(&IssueWrite {
            title: Some("Export to CSV".into()),
            body: Some("As a user…\n\n## Acceptance criteria\n- [ ] works".into()),
            labels: Some(vec!["bug".into(), "status: doing".into()]),
            assignees: Some(vec!["ana".into()]),
            milestone: Some(Some(sprint.number)),
            ..IssueWrite::default()
        })
        .unwrap();
    assert_eq!(created.number, 1);
    assert_eq!(created.assignees[0].login, "ana");
    assert_eq!(created.milestone.as_ref().map(|m| m.number), Some(sprint.number));
    assert_eq!(created.labels.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), vec!["bug", "status: doing"]);

    let closed = h
        .client
        .update_issue(
            1,
            &IssueWrite {
                state: Some("closed".into()),
                state_reason: Some("completed".into()),
                milestone: Some(None),
                ..IssueWrite::default()
            },
        )
        .unwrap();
    assert_eq!((closed.state.as_str(), closed.state_reason.as_deref()), ("closed", Some("completed")));
    assert_eq!(closed.milestone, None);
    let sent = fake.requests().into_iter().find(|r| r.method == "PATCH").unwrap().body.unwrap();
    assert_eq!(sent, serde_json::json!({"state": "closed", "state_reason": "completed", "milestone": null}));

    fake.add_comment(1, "ana", "from GitHub");
    let mine = h.client.add_comment(1, "from the board").unwrap();
    let comments = h.client.comments(1).unwrap();
    assert_eq!(
        comments.iter().map(|c| c.body.as_deref().unwrap()).collect::<Vec<_>>(),
        vec!["from GitHub", "from the board"]
    );
    assert_eq!(comments[0].user.as_ref().map(|u| u.login.as_str()), Some("ana"));
    assert_eq!(comments[1].id, mine.id);
    assert_eq!(fake.writes(), 5, "milestone, label, issue, update, comment");
    fake.assert_clean();
}

#[test]
fn a_rejected_token_names_where_it_came_from_and_never_itself() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    let mut h = harness(&fake.base, "ghp_wrongWrongWrong", "GH_TOKEN");
    let err = h.client.issues(None).unwrap_err();
    assert_eq!(err, ApiError::TokenRejected { source_name: "GH_TOKEN".into() });
    assert_eq!(err.to_string(), "GitHub rejected the token from GH_TOKEN");
    assert_no_token(&err, "ghp_wrongWrongWrong");
}

#[test]
fn no_access_is_told_for_403_and_404() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    let mut h = client_of(&fake);
    for status in [403, 404] {
        fake.fail_with(Some(status));
        let err = h.client.milestones().unwrap_err();
        assert_eq!(err, ApiError::NoAccess { repo: REPO.into(), status });
        assert_eq!(err.to_string(), format!("no access to octo/hello (GitHub answered {status})"));
        assert_no_token(&err, TOKEN);
    }
    fake.fail_with(Some(500));
    let err = h.client.milestones().unwrap_err();
    assert_eq!(err, ApiError::Http { status: 500, message: "Server Error".into() });
    assert!(h.said.lock().unwrap().is_empty(), "no rate limit was said");
}

#[test]
fn a_refused_change_says_githubs_message_and_the_field() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    let mut h = client_of(&fake);
    let err = h.client.create_issue(&IssueWrite { title: Some(" ".into()), ..IssueWrite::default() }).unwrap_err();
    assert_eq!(err, ApiError::Invalid { message: "Validation Failed: Issue.title missing_field".into() });
    let err = h
        .client
        .create_issue(&IssueWrite { title: Some("t".into()), milestone: Some(Some(99)), ..IssueWrite::default() })
        .unwrap_err();
    assert!(err.to_string().contains("Issue.milestone invalid"), "{err}");
    assert_eq!(fake.issue_count(), 0, "nothing created");
    assert_no_token(&err, TOKEN);
    fake.assert_clean();
}

#[test]
fn a_dead_server_is_offline() {
    let base = dead_base();
    let mut h = harness(&base, TOKEN, "GITHUB_TOKEN");
    let err = h.client.issues(None).unwrap_err();
    assert!(matches!(err, ApiError::Offline { .. }), "{err:?}");
    assert!(err.to_string().starts_with("offline: nothing synced"), "{err}");
    assert_no_token(&err, TOKEN);
    let err = h.client.add_comment(1, "x").unwrap_err();
    assert!(matches!(err, ApiError::Offline { .. }), "{err:?}");
}

#[test]
fn rate_limits_are_waited_out_said_and_the_request_sent_again() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    fake.add_milestone("Sprint 1", None);
    let mut h = client_of(&fake);
    fake.limit_next(&[Limit::Secondary { secs: 30 }, Limit::TooMany { secs: 5 }, Limit::Primary { secs: 2 }]);
    let milestones = h.client.milestones().unwrap();
    assert_eq!(milestones.len(), 1);
    assert_eq!(h.client.requests(), 4, "three refused, then answered");
    let slept = h.slept.lock().unwrap().clone();
    assert_eq!(&slept[..2], &[Duration::from_secs(30), Duration::from_secs(5)]);
    assert!((1..=3).contains(&slept[2].as_secs()), "until the reset: {slept:?}");
    let said = h.said.lock().unwrap().clone();
    assert_eq!(said.len(), 3);
    assert_eq!(said[0], "GitHub's rate limit: waiting 30 s");

    // A wait longer than the client allows is not waited: the call says when to try again.
    fake.limit_next(&[Limit::Secondary { secs: 3600 }]);
    let err = h.client.milestones().unwrap_err();
    assert_eq!(
        err,
        ApiError::Http { status: 403, message: "rate limit reached; GitHub takes requests again in 3600 s".into() }
    );
    assert_eq!(h.slept.lock().unwrap().len(), 3, "no further sleep");

    // Limited again and again: a few waits, then the call gives up (not "no access").
    fake.limit_next(&[Limit::Secondary { secs: 1 }; 6]);
    let err = h.client.milestones().unwrap_err();
    assert_eq!(err, ApiError::Http { status: 403, message: "rate limit reached; still limited after 5 waits".into() });
    assert_eq!(h.slept.lock().unwrap().len(), 8);
    fake.assert_clean();
}

#[test]
fn after_the_last_request_of_the_hour_the_next_one_waits_for_the_reset() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    for n in 1..=150 {
        fake.add_issue(&format!("Issue {n}"), None);
    }
    let mut h = client_of(&fake);
    fake.limit_next(&[Limit::Spent { secs: 2 }]);
    assert_eq!(h.client.issues(None).unwrap().map(|i| i.len()), Some(150));
    assert_eq!(h.client.requests(), 2, "no request was refused");
    let slept = h.slept.lock().unwrap().clone();
    assert_eq!(slept.len(), 1, "waited once, before page 2");
    assert!((1..=3).contains(&slept[0].as_secs()), "{slept:?}");
    assert_eq!(h.said.lock().unwrap().len(), 1);
    fake.assert_clean();
}

#[test]
fn the_stand_in_changes_issues_as_github_users_do_and_fails_on_cue() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    let sprint = fake.add_milestone("Sprint 1", Some("2026-02-01T00:00:00Z"));
    let n = fake.add_issue("One", None);
    fake.change_issue(n, serde_json::json!({"labels": ["bug"], "assignees": ["ana", "bo"], "milestone": sprint}));
    fake.change_issue(n, serde_json::json!({"state": "closed", "state_reason": "not_planned"}));
    let mut h = client_of(&fake);
    let issue = h.client.issues(None).unwrap().unwrap().remove(0);
    assert_eq!(issue.labels[0].name, "bug");
    assert_eq!(issue.assignees.iter().map(|u| u.login.as_str()).collect::<Vec<_>>(), vec!["ana", "bo"]);
    assert_eq!(
        issue.milestone.map(|m| (m.title, m.due_on)),
        Some(("Sprint 1".into(), Some("2026-02-01T00:00:00Z".into())))
    );
    assert_eq!((issue.state.as_str(), issue.state_reason.as_deref()), ("closed", Some("not_planned")));

    fake.fail_after(2, 502);
    assert!(h.client.milestones().is_ok());
    assert!(h.client.comments(n).is_ok());
    assert!(matches!(h.client.milestones(), Err(ApiError::Http { status: 502, .. })));
    fake.fail_with(None);
    assert!(h.client.milestones().is_ok());
    fake.assert_clean();
}

#[test]
fn the_stand_in_holds_requests_and_its_own_answers_to_githubs_schemas() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    let issues = format!("{}/repos/{REPO}/issues", fake.base);
    let post = |body: &str| {
        ureq::post(&issues)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .config()
            .http_status_as_error(false)
            .build()
            .send(body)
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(post(r#"{"title": "ok", "labels": ["a"]}"#), 201);
    assert!(fake.violations().is_empty());
    assert_eq!(post(r#"{"title": "x", "milestone_number": 1}"#), 422, "a field GitHub does not take");
    assert_eq!(post(r#"{"body": "no title"}"#), 422, "a required field missing");
    assert_eq!(post(r#"{"title": "x", "labels": "bug"}"#), 422, "a field of the wrong type");
    assert_eq!(fake.violations().len(), 3, "{:#?}", fake.violations());
    assert_eq!(fake.issue_count(), 1, "nothing made of a refused body");

    // An answer that breaks `issue` (a state_reason GitHub never sends) is caught too.
    fake.edit_issue(1, |i| i["state_reason"] = "weird".into());
    let mut h = client_of(&fake);
    h.client.issues(None).unwrap();
    let violations = fake.violations();
    assert!(
        violations.last().is_some_and(|v| v.contains("the stand-in's answer") && v.contains("state_reason")),
        "{violations:#?}"
    );
}

/// The environment a test gives `connect_with`.
fn env_of(pairs: &[(&str, &std::ffi::OsStr)]) -> impl Fn(&str) -> Option<OsString> + use<> {
    let pairs: Vec<(String, OsString)> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    move |name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

/// A fake `gh` in `dir` that prints `token` for `gh auth token` (or fails when `None`).
fn fake_gh(dir: &Path, token: Option<&str>) {
    use std::os::unix::fs::PermissionsExt;
    let script = match token {
        Some(token) => format!("#!/bin/sh\n[ \"$1 $2\" = \"auth token\" ] || exit 2\necho {token}\n"),
        None => "#!/bin/sh\necho 'not logged in' >&2\nexit 1\n".to_owned(),
    };
    let file = dir.join("gh");
    std::fs::write(&file, script).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_token_comes_from_github_token_then_gh_token_then_gh_auth_token() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    fake.add_issue("One", None);
    let gh_dir = tempfile::tempdir().unwrap();
    fake_gh(gh_dir.path(), Some(TOKEN));
    let path = std::env::join_paths([gh_dir.path(), Path::new("/usr/bin"), Path::new("/bin")]).unwrap();
    let base = std::ffi::OsString::from(&fake.base);

    let both = env_of(&[
        ("GITHUB_API_URL", &base),
        ("GITHUB_TOKEN", "a".as_ref()),
        ("GH_TOKEN", "b".as_ref()),
        ("PATH", &path),
    ]);
    assert_eq!(connect_with(REPO, &both).unwrap().token_source(), "GITHUB_TOKEN");
    let blank = env_of(&[("GITHUB_TOKEN", " ".as_ref()), ("GH_TOKEN", "b".as_ref()), ("PATH", &path)]);
    assert_eq!(connect_with(REPO, &blank).unwrap().token_source(), "GH_TOKEN");
    let gh_only = env_of(&[("GITHUB_API_URL", &base), ("PATH", &path)]);
    let mut client = connect_with(REPO, &gh_only).unwrap().with_etag_file(None);
    assert_eq!(client.token_source(), "`gh auth token`");
    assert_eq!(client.base(), fake.base);
    assert_eq!(client.issues(None).unwrap().map(|i| i.len()), Some(1), "the token gh printed is the one sent");

    let default_base = env_of(&[("GH_TOKEN", "b".as_ref())]);
    assert_eq!(connect_with(REPO, &default_base).unwrap().base(), "https://api.github.com");

    let logged_out = tempfile::tempdir().unwrap();
    fake_gh(logged_out.path(), None);
    let failing = env_of(&[("PATH", logged_out.path().as_os_str())]);
    assert_eq!(connect_with(REPO, &failing).unwrap_err(), ApiError::NoToken);
    let empty_dir = tempfile::tempdir().unwrap();
    let nothing = env_of(&[("PATH", empty_dir.path().as_os_str())]);
    assert_eq!(connect_with(REPO, &nothing).unwrap_err(), ApiError::NoToken);
    assert_eq!(connect_with(REPO, &env_of(&[])).unwrap_err(), ApiError::NoToken);

    let bad_repo = env_of(&[("GH_TOKEN", "b".as_ref())]);
    assert!(matches!(connect_with("octo/../x", &bad_repo), Err(ApiError::Invalid { .. })));
    fake.assert_clean();
}

#[test]
fn the_token_is_in_no_error_and_no_debug_output() {
    let fake = FakeGitHub::start(REPO, TOKEN);
    let mut h = client_of(&fake);
    let mut errors = Vec::new();
    for status in [401, 403, 404, 422, 500] {
        fake.fail_with(Some(status));
        errors.push(h.client.issues(None).unwrap_err());
    }
    errors.push(harness(&dead_base(), TOKEN, "GITHUB_TOKEN").client.milestones().unwrap_err());
    assert_eq!(errors.len(), 6);
    for err in &errors {
        assert_no_token(err, TOKEN);
    }
    assert!(!format!("{:?}", Token::new(TOKEN, "GITHUB_TOKEN")).contains(TOKEN));
}

fn assert_no_token(err: &ApiError, token: &str) {
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(token), "the token leaked: {shown}");
    assert!(!shown.contains(&token[4..]), "part of the token leaked: {shown}");
}

#[test]
fn a_next_page_on_another_host_is_not_followed_with_the_token() {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let base = format!("http://127.0.0.1:{}", server.server_addr().to_ip().unwrap().port());
    let answering = std::thread::spawn(move || {
        let request = server.recv().unwrap();
        let link =
            tiny_http::Header::from_bytes("Link", "<http://elsewhere.invalid/steal?page=2>; rel=\"next\"").unwrap();
        request.respond(tiny_http::Response::from_string("[]").with_header(link)).unwrap();
    });
    let mut h = harness(&base, TOKEN, "GITHUB_TOKEN");
    let err = h.client.comments(1).unwrap_err();
    answering.join().unwrap();
    assert!(matches!(&err, ApiError::Shape(m) if m.contains("elsewhere.invalid")), "{err:?}");
    assert_eq!(h.client.requests(), 1);
    assert_no_token(&err, TOKEN);
}
