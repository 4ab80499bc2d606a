//! A stand-in for GitHub's REST API: an HTTP server on 127.0.0.1 (port 0) in a thread, holding
//! one repository's issues (pull requests mixed in, as `/issues` lists them), comments,
//! milestones and labels in memory. It serves exactly the endpoints the sync uses, behaves like
//! GitHub where clients go wrong (pagination by `Link`, `since`, ETags and 304, the bodies of
//! 401/403/404/422, rate-limit headers), records every request, and checks every request body
//! the client sends and every response it returns against GitHub's published schemas
//! (`tests/fixtures/github/schemas.json`). A schema violation is answered 422 and recorded:
//! a test ends with [`FakeGitHub::assert_clean`].

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use serde_json::{Value, json};
use tiny_http::{Header, Response, Server};

const SCHEMAS: &str = include_str!("../fixtures/github/schemas.json");
const DOCS: &str = "https://docs.github.com/rest";
/// The stand-in's clock starts here; every change moves it one second on.
const EPOCH: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

/// One request as the stand-in received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// The query, decoded, in the order sent.
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
    pub if_none_match: Option<String>,
}

impl Recorded {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn is_write(&self) -> bool {
        self.method != "GET"
    }
}

/// A rate limit the next request runs into.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
    /// The hourly limit: 403, `X-RateLimit-Remaining: 0`, reset `secs` from now.
    Primary { secs: u64 },
    /// A secondary limit: 403 with `Retry-After: secs`.
    Secondary { secs: u64 },
    /// Too many requests: 429 with `Retry-After: secs`.
    TooMany { secs: u64 },
    /// Answered as usual, but it was the last request of the hour: `X-RateLimit-Remaining: 0`,
    /// reset `secs` from now (a polite client waits before the next one).
    Spent { secs: u64 },
}

#[derive(Default)]
struct State {
    repo: String,
    token: String,
    issues: Vec<Value>,
    comments: BTreeMap<u64, Vec<Value>>,
    milestones: Vec<Value>,
    labels: Vec<Value>,
    requests: Vec<Recorded>,
    violations: Vec<String>,
    /// Every request is answered with this status and GitHub's body for it.
    failure: Option<u16>,
    /// After this many more requests, `failure` is set to the status.
    fail_after: Option<(usize, u16)>,
    limits: Vec<Limit>,
    next_id: u64,
    tick: i64,
    base: String,
}

pub struct FakeGitHub {
    /// The API base to give the client (`http://127.0.0.1:PORT`).
    pub base: String,
    state: Arc<Mutex<State>>,
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
}

/// An API base where nothing listens (a port that was bound, then closed): the client is offline.
pub fn dead_base() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

impl FakeGitHub {
    /// A stand-in for `repo` (`OWNER/REPO`) that takes `token` only.
    pub fn start(repo: &str, token: &str) -> FakeGitHub {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("the stand-in binds"));
        let port = server.server_addr().to_ip().expect("an ip address").port();
        let base = format!("http://127.0.0.1:{port}");
        let state = Arc::new(Mutex::new(State {
            repo: repo.to_owned(),
            token: token.to_owned(),
            next_id: 1000,
            base: base.clone(),
            ..State::default()
        }));
        let thread = {
            let (server, state) = (Arc::clone(&server), Arc::clone(&state));
            std::thread::spawn(move || {
                let schemas = Schemas::load();
                for request in server.incoming_requests() {
                    serve(request, &state, &schemas);
                }
            })
        };
        FakeGitHub { base, state, server, thread: Some(thread) }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds an open issue as someone did on GitHub; returns its number.
    pub fn add_issue(&self, title: &str, body: Option<&str>) -> u64 {
        let mut s = self.lock();
        let number = s.issues.len() as u64 + 1;
        let issue = s.new_issue(number, title, body, false);
        s.issues.push(issue);
        number
    }

    /// Adds a pull request (listed in `/issues` with `pull_request` set).
    pub fn add_pull_request(&self, title: &str) -> u64 {
        let mut s = self.lock();
        let number = s.issues.len() as u64 + 1;
        let pr = s.new_issue(number, title, None, true);
        s.issues.push(pr);
        number
    }

    /// Changes issue `number` as someone did on GitHub (its `updated_at` moves on).
    pub fn edit_issue(&self, number: u64, change: impl FnOnce(&mut Value)) {
        let mut s = self.lock();
        let now = s.now();
        let issue = s.issues.iter_mut().find(|i| i["number"] == number).expect("the issue exists");
        change(issue);
        issue["updated_at"] = json!(now);
    }

    pub fn issue(&self, number: u64) -> Value {
        self.lock().issues.iter().find(|i| i["number"] == number).cloned().expect("the issue exists")
    }

    pub fn issue_count(&self) -> usize {
        self.lock().issues.len()
    }

    /// Adds a comment by `login` as someone did on GitHub; returns its id.
    pub fn add_comment(&self, number: u64, login: &str, body: &str) -> u64 {
        let mut s = self.lock();
        let comment = s.new_comment(number, login, body);
        let id = comment["id"].as_u64().expect("an id");
        s.comments.entry(number).or_default().push(comment);
        s.touch(number);
        id
    }

    pub fn comments(&self, number: u64) -> Vec<Value> {
        self.lock().comments.get(&number).cloned().unwrap_or_default()
    }

    /// Adds a milestone; returns its number.
    pub fn add_milestone(&self, title: &str, due_on: Option<&str>) -> u64 {
        let mut s = self.lock();
        let m = s.new_milestone(title, due_on);
        let number = m["number"].as_u64().expect("a number");
        s.milestones.push(m);
        number
    }

    pub fn milestones(&self) -> Vec<Value> {
        self.lock().milestones.clone()
    }

    pub fn add_label(&self, name: &str) {
        let mut s = self.lock();
        let label = s.new_label(name, "ededed");
        s.labels.push(label);
    }

    pub fn labels(&self) -> Vec<String> {
        self.lock().labels.iter().filter_map(|l| l["name"].as_str().map(str::to_owned)).collect()
    }

    /// Every request so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// How many requests changed something (POST, PATCH).
    pub fn writes(&self) -> usize {
        self.lock().requests.iter().filter(|r| r.is_write()).count()
    }

    /// From now on every request is answered `status` (401, 403, 404, 422, 500…) with GitHub's
    /// body for it; `None`: normal service again.
    pub fn fail_with(&self, status: Option<u16>) {
        self.lock().failure = status;
    }

    /// `requests` more requests are answered as usual, then every one with `status` (an
    /// outage in the middle of a sync).
    pub fn fail_after(&self, requests: usize, status: u16) {
        self.lock().fail_after = Some((requests, status));
    }

    /// Changes issue `number` as someone did on GitHub, with a body as `PATCH …/issues/{n}`
    /// takes (`{"labels": ["bug"], "state": "closed", "milestone": 1, "assignees": ["ana"]}`).
    pub fn change_issue(&self, number: u64, change: Value) {
        let mut s = self.lock();
        if s.apply(number, &change).is_err() {
            panic!("GitHub would refuse {change}");
        }
    }

    /// The next request (then the one after, …) runs into these rate limits, one each.
    pub fn limit_next(&self, limits: &[Limit]) {
        self.lock().limits.extend_from_slice(limits);
    }

    /// Every schema violation seen so far.
    pub fn violations(&self) -> Vec<String> {
        self.lock().violations.clone()
    }

    /// Panics with every schema violation seen, in requests or in the stand-in's own answers.
    pub fn assert_clean(&self) {
        let violations = self.lock().violations.clone();
        assert!(violations.is_empty(), "GitHub's schemas were not kept:\n{}", violations.join("\n"));
    }
}

impl Drop for FakeGitHub {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The schemas of `schemas.json`, one validator per `$defs` entry that is checked.
struct Schemas {
    validators: BTreeMap<&'static str, jsonschema::Validator>,
}

impl Schemas {
    fn load() -> Schemas {
        let all: Value = serde_json::from_str(SCHEMAS).expect("schemas.json is JSON");
        let names = [
            "issue",
            "issue-comment",
            "label",
            "milestone",
            "issues-create",
            "issues-update",
            "issues-create-comment",
            "issues-create-milestone",
            "issues-create-label",
            "basic-error",
            "validation-error",
        ];
        let validators = names
            .into_iter()
            .map(|name| {
                let schema = json!({ "$defs": all["$defs"], "$ref": format!("#/$defs/{name}") });
                let validator = jsonschema::options()
                    .should_validate_formats(true)
                    .build(&schema)
                    .unwrap_or_else(|e| panic!("schema {name}: {e}"));
                (name, validator)
            })
            .collect();
        Schemas { validators }
    }

    /// Every way `value` (or, for a list, each item) breaks schema `name`.
    fn check(&self, name: &str, value: &Value) -> Vec<String> {
        let validator = &self.validators[name];
        let items: Vec<&Value> = match value {
            Value::Array(items) if !name.starts_with("issues-") => items.iter().collect(),
            other => vec![other],
        };
        items
            .into_iter()
            .flat_map(|item| validator.iter_errors(item).map(|e| format!("{name}: {e} at {}", e.instance_path())))
            .collect()
    }
}

/// An answer before it is sent: status, JSON body (none for 304), extra headers, and the
/// schema it must keep.
struct Answer {
    status: u16,
    body: Option<Value>,
    headers: Vec<(String, String)>,
    schema: Option<&'static str>,
}

impl Answer {
    fn json(status: u16, body: Value, schema: &'static str) -> Answer {
        Answer { status, body: Some(body), headers: Vec::new(), schema: Some(schema) }
    }

    /// GitHub's error body for `status`.
    fn error(status: u16, message: &str) -> Answer {
        let body = json!({ "message": message, "documentation_url": DOCS, "status": status.to_string() });
        Answer::json(status, body, "basic-error")
    }

    /// GitHub's 422: "Validation Failed" with the field at fault.
    fn invalid(resource: &str, field: &str, code: &str) -> Answer {
        let body = json!({
            "message": "Validation Failed",
            "errors": [{ "resource": resource, "field": field, "code": code }],
            "documentation_url": DOCS,
            "status": "422",
        });
        Answer::json(422, body, "validation-error")
    }
}

fn serve(mut request: tiny_http::Request, state: &Mutex<State>, schemas: &Schemas) {
    let method = request.method().as_str().to_owned();
    let (path, query) = split_url(request.url());
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let (auth, accept, version, agent, if_none_match) = (
        header("Authorization"),
        header("Accept"),
        header("X-GitHub-Api-Version"),
        header("User-Agent"),
        header("If-None-Match"),
    );
    let mut text = String::new();
    let read = request.as_reader().read_to_string(&mut text);
    let body: Option<Value> = if text.is_empty() { None } else { serde_json::from_str(&text).ok() };
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    s.requests.push(Recorded {
        method: method.clone(),
        path: path.clone(),
        query: query.clone(),
        body: body.clone(),
        if_none_match: if_none_match.clone(),
    });
    let answer = if read.is_err() || (!text.is_empty() && body.is_none()) {
        Answer::error(400, "Problems parsing JSON")
    } else if agent.is_none() {
        // GitHub refuses a request without a User-Agent.
        Answer::error(
            403,
            "Request forbidden by administrative rules. Please make sure your request has a User-Agent header",
        )
    } else if accept.as_deref() != Some("application/vnd.github+json") || version.as_deref() != Some("2022-11-28") {
        s.violations.push(format!("{method} {path}: Accept {accept:?}, X-GitHub-Api-Version {version:?}"));
        Answer::error(400, "Unexpected Accept or X-GitHub-Api-Version")
    } else if auth.as_deref() != Some(&format!("Bearer {}", s.token)) {
        Answer::error(401, "Bad credentials")
    } else if let Some(limit) = (!s.limits.is_empty()).then(|| s.limits.remove(0)) {
        match limit {
            Limit::Spent { secs } => {
                let mut answer =
                    route(&mut s, &method, &path, &query, body.as_ref(), if_none_match.as_deref(), schemas);
                answer.headers.extend(spent(secs));
                answer
            }
            limit => rate_limited(limit),
        }
    } else if let Some(status) = s.failing() {
        failure(status, &s.repo)
    } else {
        route(&mut s, &method, &path, &query, body.as_ref(), if_none_match.as_deref(), schemas)
    };
    let mut violations = Vec::new();
    if let (Some(schema), Some(body)) = (answer.schema, &answer.body) {
        violations = schemas.check(schema, body);
    }
    s.violations.extend(violations.into_iter().map(|v| format!("the stand-in's answer to {method} {path}: {v}")));
    drop(s);
    let text = answer.body.map(|b| b.to_string()).unwrap_or_default();
    let mut response = Response::from_string(text).with_status_code(answer.status);
    let mut headers = vec![
        ("Content-Type".to_owned(), "application/json; charset=utf-8".to_owned()),
        ("X-GitHub-Api-Version-Selected".to_owned(), "2022-11-28".to_owned()),
    ];
    if !answer.headers.iter().any(|(k, _)| k == "X-RateLimit-Remaining") {
        headers.push(("X-RateLimit-Limit".to_owned(), "5000".to_owned()));
        headers.push(("X-RateLimit-Remaining".to_owned(), "4999".to_owned()));
        headers.push(("X-RateLimit-Reset".to_owned(), (unix_now() + 3600).to_string()));
    }
    for (name, value) in headers.into_iter().chain(answer.headers) {
        response.add_header(Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a header"));
    }
    let _ = request.respond(response);
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The headers of the hour's last request: none left, reset `secs` from now.
fn spent(secs: u64) -> Vec<(String, String)> {
    vec![
        ("X-RateLimit-Limit".to_owned(), "5000".to_owned()),
        ("X-RateLimit-Remaining".to_owned(), "0".to_owned()),
        ("X-RateLimit-Reset".to_owned(), (unix_now() + secs).to_string()),
    ]
}

fn rate_limited(limit: Limit) -> Answer {
    let (status, headers, message) = match limit {
        Limit::Primary { secs } | Limit::Spent { secs } => (403, spent(secs), "API rate limit exceeded for user ID 1."),
        Limit::Secondary { secs } => (
            403,
            vec![("Retry-After".to_owned(), secs.to_string())],
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        ),
        Limit::TooMany { secs } => (429, vec![("Retry-After".to_owned(), secs.to_string())], "Too many requests"),
    };
    let mut answer = Answer::error(status, message);
    answer.headers = headers;
    answer
}

fn failure(status: u16, repo: &str) -> Answer {
    match status {
        401 => Answer::error(401, "Bad credentials"),
        403 => Answer::error(403, &format!("Resource not accessible by personal access token ({repo})")),
        404 => Answer::error(404, "Not Found"),
        422 => Answer::invalid("Issue", "title", "missing_field"),
        other => Answer::error(other, "Server Error"),
    }
}

/// `/repos/o/r/issues?state=all&since=…` → (`/repos/o/r/issues`, decoded query pairs).
fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    (path.to_owned(), pairs)
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn route(
    s: &mut State,
    method: &str,
    path: &str,
    query: &[(String, String)],
    body: Option<&Value>,
    if_none_match: Option<&str>,
    schemas: &Schemas,
) -> Answer {
    let prefix = format!("/repos/{}", s.repo);
    let Some(rest) = path.strip_prefix(&prefix) else { return Answer::error(404, "Not Found") };
    let parts: Vec<&str> = rest.split('/').skip(1).collect();
    let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    // A request body is checked before anything is done with it, as GitHub does.
    let body_schema = match (method, parts.as_slice()) {
        ("POST", ["issues"]) => Some("issues-create"),
        ("PATCH", ["issues", _]) => Some("issues-update"),
        ("POST", ["issues", _, "comments"]) => Some("issues-create-comment"),
        ("POST", ["milestones"]) => Some("issues-create-milestone"),
        ("POST", ["labels"]) => Some("issues-create-label"),
        _ => None,
    };
    if let Some(schema) = body_schema {
        let errors = body.map_or_else(|| vec![format!("{schema}: no body")], |b| schemas.check(schema, b));
        if !errors.is_empty() {
            s.violations.extend(errors.iter().map(|e| format!("the client's {method} {path}: {e}")));
            return Answer::error(422, &format!("Invalid request.\n\n{}", errors.join("\n")));
        }
    }
    let body = body.cloned().unwrap_or(Value::Null);
    match (method, parts.as_slice()) {
        ("GET", ["issues"]) => {
            let state = param("state").unwrap_or("open");
            let since = param("since");
            let mut issues: Vec<Value> = s
                .issues
                .iter()
                .filter(|i| state == "all" || i["state"] == state)
                .filter(|i| since.is_none_or(|since| i["updated_at"].as_str().is_some_and(|u| u >= since)))
                .cloned()
                .collect();
            let key = if param("sort") == Some("updated") { "updated_at" } else { "created_at" };
            issues
                .sort_by(|a, b| (a[key].as_str(), a["number"].as_u64()).cmp(&(b[key].as_str(), b["number"].as_u64())));
            if param("direction") != Some("asc") {
                issues.reverse();
            }
            page(&s.base, path, query, issues, "issue", if_none_match)
        }
        ("POST", ["issues"]) => {
            let title = body["title"].as_str().unwrap_or_default().to_owned();
            if title.trim().is_empty() {
                return Answer::invalid("Issue", "title", "missing_field");
            }
            let number = s.issues.len() as u64 + 1;
            let issue = s.new_issue(number, &title, None, false);
            s.issues.push(issue);
            match s.apply(number, &body) {
                Ok(issue) => Answer::json(201, issue, "issue"),
                Err(answer) => {
                    s.issues.pop();
                    answer
                }
            }
        }
        ("GET", ["issues", n]) => match s.find_issue(n) {
            Some(i) => Answer::json(200, s.issues[i].clone(), "issue"),
            None => Answer::error(404, "Not Found"),
        },
        ("PATCH", ["issues", n]) => match s.find_issue(n) {
            Some(i) => {
                let number = s.issues[i]["number"].as_u64().unwrap_or_default();
                match s.apply(number, &body) {
                    Ok(issue) => Answer::json(200, issue, "issue"),
                    Err(answer) => answer,
                }
            }
            None => Answer::error(404, "Not Found"),
        },
        ("GET", ["issues", n, "comments"]) => match s.find_issue(n) {
            Some(i) => {
                let number = s.issues[i]["number"].as_u64().unwrap_or_default();
                let comments = s.comments.get(&number).cloned().unwrap_or_default();
                page(&s.base, path, query, comments, "issue-comment", None)
            }
            None => Answer::error(404, "Not Found"),
        },
        ("POST", ["issues", n, "comments"]) => match s.find_issue(n) {
            Some(i) => {
                let number = s.issues[i]["number"].as_u64().unwrap_or_default();
                let comment = s.new_comment(number, "sprintboard-bot", body["body"].as_str().unwrap_or_default());
                s.comments.entry(number).or_default().push(comment.clone());
                s.touch(number);
                Answer::json(201, comment, "issue-comment")
            }
            None => Answer::error(404, "Not Found"),
        },
        ("GET", ["milestones"]) => {
            let state = param("state").unwrap_or("open");
            let list = s.milestones.iter().filter(|m| state == "all" || m["state"] == state).cloned().collect();
            page(&s.base, path, query, list, "milestone", None)
        }
        ("POST", ["milestones"]) => {
            let title = body["title"].as_str().unwrap_or_default();
            if s.milestones.iter().any(|m| m["title"] == title) {
                return Answer::invalid("Milestone", "title", "already_exists");
            }
            let m = s.new_milestone(title, body["due_on"].as_str());
            s.milestones.push(m.clone());
            Answer::json(201, m, "milestone")
        }
        ("GET", ["labels"]) => page(&s.base, path, query, s.labels.clone(), "label", None),
        ("POST", ["labels"]) => {
            let name = body["name"].as_str().unwrap_or_default();
            if s.find_label(name).is_some() {
                return Answer::invalid("Label", "name", "already_exists");
            }
            let label = s.new_label(name, body["color"].as_str().unwrap_or("ededed"));
            s.labels.push(label.clone());
            Answer::json(201, label, "label")
        }
        ("GET", ["labels", name]) => match s.find_label(&decode(name)) {
            Some(label) => Answer::json(200, label, "label"),
            None => Answer::error(404, "Not Found"),
        },
        _ => Answer::error(404, "Not Found"),
    }
}

/// One page of `items` as GitHub serves lists: `per_page` (default 30, at most 100), `page`
/// (from 1), a `Link` header with `next`/`last`/`first`/`prev`, and an ETag of the page (304
/// when `if_none_match` is it).
fn page(
    base: &str,
    path: &str,
    query: &[(String, String)],
    items: Vec<Value>,
    schema: &'static str,
    if_none_match: Option<&str>,
) -> Answer {
    let number = |name: &str, default: usize| {
        query.iter().find(|(k, _)| k == name).and_then(|(_, v)| v.parse::<usize>().ok()).unwrap_or(default)
    };
    let per_page = number("per_page", 30).clamp(1, 100);
    let page = number("page", 1).max(1);
    let pages = items.len().div_ceil(per_page).max(1);
    let shown: Vec<Value> = items.into_iter().skip((page - 1) * per_page).take(per_page).collect();
    let body = Value::Array(shown);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.to_string().hash(&mut hasher);
    let etag = format!("W/\"{:016x}\"", hasher.finish());
    let link_to = |n: usize| {
        let mut pairs: Vec<String> =
            query.iter().filter(|(k, _)| k != "page").map(|(k, v)| format!("{k}={}", encode(v))).collect();
        pairs.push(format!("page={n}"));
        format!("{base}{path}?{}", pairs.join("&"))
    };
    let mut links = Vec::new();
    if page < pages {
        links.push(format!("<{}>; rel=\"next\"", link_to(page + 1)));
        links.push(format!("<{}>; rel=\"last\"", link_to(pages)));
    }
    if page > 1 {
        links.push(format!("<{}>; rel=\"first\"", link_to(1)));
        links.push(format!("<{}>; rel=\"prev\"", link_to(page - 1)));
    }
    let mut headers = vec![("ETag".to_owned(), etag.clone())];
    if !links.is_empty() {
        headers.push(("Link".to_owned(), links.join(", ")));
    }
    if if_none_match == Some(etag.as_str()) {
        return Answer { status: 304, body: None, headers, schema: None };
    }
    Answer { status: 200, body: Some(body), headers, schema: Some(schema) }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl State {
    /// The status every request is answered with now, if any (counting down `fail_after`).
    fn failing(&mut self) -> Option<u16> {
        match self.fail_after {
            Some((0, status)) => {
                self.fail_after = None;
                self.failure = Some(status);
            }
            Some((left, status)) => self.fail_after = Some((left - 1, status)),
            None => {}
        }
        self.failure
    }

    fn now(&mut self) -> String {
        self.tick += 1;
        jiff::Timestamp::from_second(EPOCH + self.tick).expect("a time").to_string()
    }

    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn user(&self, login: &str) -> Value {
        let u = format!("https://api.github.com/users/{login}");
        json!({
            "login": login, "id": login.len() as u64 * 7 + 1, "node_id": format!("U_{login}"),
            "avatar_url": "https://avatars.githubusercontent.com/u/1?v=4", "gravatar_id": "",
            "url": u, "html_url": format!("https://github.com/{login}"),
            "followers_url": format!("{u}/followers"), "following_url": format!("{u}/following{{/other_user}}"),
            "gists_url": format!("{u}/gists{{/gist_id}}"), "starred_url": format!("{u}/starred{{/owner}}{{/repo}}"),
            "subscriptions_url": format!("{u}/subscriptions"), "organizations_url": format!("{u}/orgs"),
            "repos_url": format!("{u}/repos"), "events_url": format!("{u}/events{{/privacy}}"),
            "received_events_url": format!("{u}/received_events"), "type": "User",
            "site_admin": false, "user_view_type": "public",
        })
    }

    fn new_issue(&mut self, number: u64, title: &str, body: Option<&str>, pull: bool) -> Value {
        let now = self.now();
        let id = self.id();
        let api = format!("https://api.github.com/repos/{}", self.repo);
        let kind = if pull { "pull" } else { "issues" };
        let mut issue = json!({
            "id": id, "node_id": format!("I_{id}"), "url": format!("{api}/issues/{number}"),
            "repository_url": api, "labels_url": format!("{api}/issues/{number}/labels{{/name}}"),
            "comments_url": format!("{api}/issues/{number}/comments"),
            "events_url": format!("{api}/issues/{number}/events"),
            "html_url": format!("https://github.com/{}/{kind}/{number}", self.repo),
            "number": number, "state": "open", "state_reason": null, "title": title, "body": body,
            "user": self.user("octocat"), "labels": [], "assignee": null, "assignees": [],
            "milestone": null, "locked": false, "active_lock_reason": null, "comments": 0,
            "closed_at": null, "created_at": now, "updated_at": now, "closed_by": null,
            "timeline_url": format!("{api}/issues/{number}/timeline"),
        });
        if pull {
            issue["pull_request"] = json!({
                "url": format!("{api}/pulls/{number}"),
                "html_url": format!("https://github.com/{}/pull/{number}", self.repo),
                "diff_url": format!("https://github.com/{}/pull/{number}.diff", self.repo),
                "patch_url": format!("https://github.com/{}/pull/{number}.patch", self.repo),
                "merged_at": null,
            });
            issue["draft"] = json!(false);
        }
        issue
    }

    fn new_comment(&mut self, number: u64, login: &str, body: &str) -> Value {
        let now = self.now();
        let id = self.id();
        let api = format!("https://api.github.com/repos/{}", self.repo);
        json!({
            "id": id, "node_id": format!("IC_{id}"), "url": format!("{api}/issues/comments/{id}"),
            "html_url": format!("https://github.com/{}/issues/{number}#issuecomment-{id}", self.repo),
            "body": body, "user": self.user(login), "created_at": now, "updated_at": now,
            "issue_url": format!("{api}/issues/{number}"),
        })
    }

    fn new_milestone(&mut self, title: &str, due_on: Option<&str>) -> Value {
        let now = self.now();
        let id = self.id();
        let number = self.milestones.len() as u64 + 1;
        let api = format!("https://api.github.com/repos/{}", self.repo);
        json!({
            "url": format!("{api}/milestones/{number}"),
            "html_url": format!("https://github.com/{}/milestone/{number}", self.repo),
            "labels_url": format!("{api}/milestones/{number}/labels"), "id": id,
            "node_id": format!("MI_{id}"), "number": number, "state": "open", "title": title,
            "description": null, "creator": self.user("octocat"), "open_issues": 0, "closed_issues": 0,
            "created_at": now, "updated_at": now, "closed_at": null, "due_on": due_on,
        })
    }

    fn new_label(&mut self, name: &str, color: &str) -> Value {
        let id = self.id();
        json!({
            "id": id, "node_id": format!("LA_{id}"),
            "url": format!("https://api.github.com/repos/{}/labels/{}", self.repo, encode(name)),
            "name": name, "description": null, "color": color, "default": false,
        })
    }

    fn find_issue(&self, number: &str) -> Option<usize> {
        let number: u64 = number.parse().ok()?;
        self.issues.iter().position(|i| i["number"] == number)
    }

    fn find_label(&self, name: &str) -> Option<Value> {
        self.labels.iter().find(|l| l["name"].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name))).cloned()
    }

    fn touch(&mut self, number: u64) {
        let now = self.now();
        if let Some(issue) = self.issues.iter_mut().find(|i| i["number"] == number) {
            issue["updated_at"] = json!(now);
            if let Some(count) = issue["comments"].as_u64() {
                issue["comments"] = json!(count + 1);
            }
        }
    }

    /// Applies the fields of an `issues-create`/`issues-update` body to issue `number`, as
    /// GitHub does: labels by name (created when missing), assignees by login, the milestone
    /// by number (422 when there is none), state with its reason.
    fn apply(&mut self, number: u64, body: &Value) -> Result<Value, Answer> {
        let milestone = match &body["milestone"] {
            Value::Null => None,
            m => {
                let wanted = m.as_u64().or_else(|| m.as_str().and_then(|s| s.parse().ok()));
                let found = self.milestones.iter().find(|x| Some(x["number"].as_u64().unwrap_or(0)) == wanted);
                Some(found.cloned().ok_or_else(|| Answer::invalid("Issue", "milestone", "invalid"))?)
            }
        };
        let labels: Option<Vec<Value>> = body["labels"].as_array().map(|names| {
            names
                .iter()
                .filter_map(|n| n.as_str().or_else(|| n["name"].as_str()).map(str::to_owned))
                .map(|name| {
                    self.find_label(&name).unwrap_or_else(|| {
                        let label = self.new_label(&name, "ededed");
                        self.labels.push(label.clone());
                        label
                    })
                })
                .collect()
        });
        let assignees: Option<Vec<Value>> = body["assignees"]
            .as_array()
            .map(|logins| logins.iter().filter_map(Value::as_str).map(|l| self.user(l)).collect());
        let now = self.now();
        let bot = self.user("sprintboard-bot");
        let issue = self.issues.iter_mut().find(|i| i["number"] == number).expect("the issue exists");
        for field in ["title", "body"] {
            if body.get(field).is_some() {
                issue[field] = body[field].clone();
            }
        }
        if body.get("milestone").is_some() {
            issue["milestone"] = milestone.unwrap_or(Value::Null);
        }
        if let Some(labels) = labels {
            issue["labels"] = Value::Array(labels);
        }
        if let Some(assignees) = assignees {
            issue["assignee"] = assignees.first().cloned().unwrap_or(Value::Null);
            issue["assignees"] = Value::Array(assignees);
        }
        if let Some(state) = body["state"].as_str()
            && issue["state"] != state
        {
            issue["state"] = json!(state);
            let closing = state == "closed";
            issue["closed_at"] = if closing { json!(now) } else { Value::Null };
            issue["closed_by"] = if closing { bot } else { Value::Null };
            let reason = body["state_reason"].as_str().unwrap_or(if closing { "completed" } else { "reopened" });
            issue["state_reason"] = json!(reason);
        }
        issue["updated_at"] = json!(now);
        Ok(issue.clone())
    }
}
