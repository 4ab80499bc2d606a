//! The GitHub REST client: [`Api`] over HTTPS with `ureq` (blocking, one request at a time).
//! Lists are read 100 a page following `Link: rel="next"`; the issue listing is conditional
//! (`If-None-Match`), so an unchanged repository costs one request answered 304; rate limits
//! are waited out (bounded, said through [`Client::on_wait`]) and the request sent again.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde::de::DeserializeOwned;
use ureq::Agent;

use super::ApiError;
use super::etag::{self, Remembered};
use super::link::next_page;
use super::refusal::{offline_or_shape, refusal};
use super::token::{self, Token};

/// Where GitHub's API is unless `GITHUB_API_URL` says otherwise (GitHub Enterprise, a test).
pub const DEFAULT_API: &str = "https://api.github.com";
const API_VERSION: &str = "2022-11-28";
/// How often one request may be held back by a rate limit before the call gives up.
const MAX_WAITS: u32 = 5;
/// A page of 100 issues with long bodies is a few MB; anything far larger is not GitHub.
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// A client for one repository (`OWNER/REPO`) of one API base. It is `Send`: a sync may run
/// on a thread of its own (the TUI's background sync).
pub struct Client {
    agent: Agent,
    base: String,
    repo: String,
    token: Token,
    etag_file: Option<PathBuf>,
    /// The ETag of the last issue listing, from the file or from this run.
    remembered: Option<Remembered>,
    /// Whether `remembered` came from this run and is not in the file yet.
    unsaved: bool,
    known_labels: HashSet<String>,
    requests: u64,
    say: Box<dyn FnMut(&str) + Send>,
    clock: Clock,
    /// A response said no request is left until then (seconds since the epoch).
    blocked_until: Option<u64>,
}

/// Shows where the client points and where its token came from, never the token.
impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("repo", &self.repo)
            .field("token", &self.token)
            .field("requests", &self.requests)
            .finish_non_exhaustive()
    }
}

/// How waits for rate limits are timed: the longest one wait may be (longer: the call fails
/// and says when GitHub accepts requests again), the time now, and how to sleep. Tests put
/// in a clock that does not sleep.
struct Clock {
    longest: Duration,
    now: Box<dyn Fn() -> SystemTime + Send>,
    sleep: Box<dyn FnMut(Duration) + Send>,
}

/// A client for `repo` (`OWNER/REPO`) with the API base from `GITHUB_API_URL` and the token
/// from `GITHUB_TOKEN`, `GH_TOKEN` or `gh auth token` (see [`connect_with`]).
pub fn connect(repo: &str) -> Result<Client, ApiError> {
    connect_with(repo, &|name| std::env::var_os(name))
}

/// [`connect`] with the environment read through `env` (tests give their own).
pub fn connect_with(repo: &str, env: &dyn Fn(&str) -> Option<OsString>) -> Result<Client, ApiError> {
    let base = env("GITHUB_API_URL")
        .and_then(|v| v.into_string().ok())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_API.to_owned());
    if !(base.starts_with("https://") || base.starts_with("http://")) {
        return Err(ApiError::Invalid { message: format!("GITHUB_API_URL is not an http(s) address: {base}") });
    }
    let token = token::find(env)?;
    Client::new(&base, repo, token)
}

/// `OWNER/REPO` as GitHub allows them: letters, digits, `-`, `_`, `.`; nothing that could
/// change the path it is put in.
fn valid_repo(repo: &str) -> bool {
    let good = |part: &str| {
        !part.is_empty()
            && part != "."
            && part != ".."
            && part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    repo.split_once('/').is_some_and(|(owner, name)| good(owner) && good(name))
}

/// Every item of a list, and the ETag of its first page.
struct Listing<T> {
    items: Vec<T>,
    etag: Option<String>,
}

/// One answer, read whole.
struct Answer {
    status: u16,
    etag: Option<String>,
    next: Option<String>,
    body: String,
}

impl Client {
    /// A client for `repo` at `base` (no trailing `/` needed) with `token`. The ETag of the
    /// issue listing is kept in the platform cache directory (see [`Client::with_etag_file`]).
    pub fn new(base: &str, repo: &str, token: Token) -> Result<Client, ApiError> {
        if !valid_repo(repo) {
            return Err(ApiError::Invalid { message: format!("not a repository (OWNER/REPO): {repo}") });
        }
        let base = base.trim_end_matches('/').to_owned();
        let config = Agent::config_builder()
            .http_status_as_error(false)
            // GitHub answers a renamed repository with a redirect to the same host: the token
            // goes along there, and nowhere else.
            .redirect_auth_headers(ureq::config::RedirectAuthHeaders::SameHost)
            .user_agent(concat!("sprintboard/", env!("CARGO_PKG_VERSION")))
            .timeout_connect(Some(Duration::from_secs(15)))
            .timeout_global(Some(Duration::from_secs(120)))
            .build();
        let etag_file = etag::default_file(&base, repo);
        let mut client = Client {
            agent: config.into(),
            base,
            repo: repo.to_owned(),
            token,
            etag_file: None,
            remembered: None,
            unsaved: false,
            known_labels: HashSet::new(),
            requests: 0,
            say: Box::new(|_| {}),
            clock: Clock {
                longest: Duration::from_secs(60),
                now: Box::new(SystemTime::now),
                sleep: Box::new(std::thread::sleep),
            },
            blocked_until: None,
        };
        client.use_etag_file(etag_file);
        Ok(client)
    }

    /// Keeps the listing's ETag in `file` instead (`None`: in memory only).
    pub fn with_etag_file(mut self, file: Option<PathBuf>) -> Client {
        self.use_etag_file(file);
        self
    }

    fn use_etag_file(&mut self, file: Option<PathBuf>) {
        self.remembered = file.as_deref().and_then(etag::load);
        self.unsaved = false;
        self.etag_file = file;
    }

    /// What to call when a rate limit makes the client wait (one line, e.g. to print).
    pub fn on_wait(&mut self, say: Box<dyn FnMut(&str) + Send>) {
        self.say = say;
    }

    /// Times the waits with another clock: `longest` is the longest a wait may be; `now` and
    /// `sleep` replace the system's (tests use a clock that only records).
    pub fn set_clock(
        &mut self,
        longest: Duration,
        now: Box<dyn Fn() -> SystemTime + Send>,
        sleep: Box<dyn FnMut(Duration) + Send>,
    ) {
        self.clock = Clock { longest, now, sleep };
    }

    /// How many HTTP requests this client has sent (each page, each retry).
    pub fn requests(&self) -> u64 {
        self.requests
    }

    pub fn repo(&self) -> &str {
        &self.repo
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Where the token came from (`GITHUB_TOKEN`, `GH_TOKEN`, `` `gh auth token` ``).
    pub fn token_source(&self) -> &str {
        self.token.source()
    }

    fn url(&self, path: &str) -> String {
        format!("{}/repos/{}{path}", self.base, self.repo)
    }

    /// Sends one request, waiting out rate limits, and returns the answer of any status.
    fn send(
        &mut self,
        method: &str,
        url: &str,
        body: Option<&str>,
        if_none_match: Option<&str>,
    ) -> Result<Answer, ApiError> {
        let mut waits = 0;
        loop {
            if let Some(until) = self.blocked_until.take() {
                let left = until.saturating_sub(self.now_secs());
                if left > 0 {
                    self.wait(left, 403)?;
                }
            }
            self.requests += 1;
            let response = self.transport(method, url, body, if_none_match)?;
            let status = response.status().as_u16();
            let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let retry_after = header("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
            let exhausted = header("x-ratelimit-remaining").is_some_and(|v| v.trim() == "0");
            let reset = header("x-ratelimit-reset").and_then(|v| v.trim().parse::<u64>().ok());
            let (etag, link) = (header("etag"), header("link"));
            let limited = matches!(status, 403 | 429) && (retry_after.is_some() || exhausted || status == 429);
            if limited {
                if waits == MAX_WAITS {
                    let message = format!("rate limit reached; still limited after {MAX_WAITS} waits");
                    return Err(ApiError::Http { status, message });
                }
                waits += 1;
                // GitHub: Retry-After first; else the reset time; else at least a minute.
                let secs = match (retry_after, reset.filter(|_| exhausted)) {
                    (Some(secs), _) => secs,
                    (None, Some(reset)) => reset.saturating_sub(self.now_secs()),
                    (None, None) => 60,
                };
                self.wait(secs.max(1), status)?;
                continue;
            }
            if exhausted && (200..300).contains(&status) {
                self.blocked_until = reset;
            }
            let body = response
                .into_body()
                .with_config()
                .limit(MAX_BODY)
                .read_to_string()
                .map_err(|e| offline_or_shape(&e))?;
            let next = link.as_deref().and_then(next_page);
            return Ok(Answer { status, etag, next, body });
        }
    }

    /// The request on the wire; a failure to reach the server is [`ApiError::Offline`].
    fn transport(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
        if_none_match: Option<&str>,
    ) -> Result<ureq::http::Response<ureq::Body>, ApiError> {
        let auth = format!("Bearer {}", self.token.secret());
        let result = match (method, body) {
            ("GET", _) => {
                let mut request = self
                    .agent
                    .get(url)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", API_VERSION)
                    .header("Authorization", &auth);
                if let Some(etag) = if_none_match {
                    request = request.header("If-None-Match", etag);
                }
                request.call()
            }
            (method, body) => {
                let request = if method == "PATCH" { self.agent.patch(url) } else { self.agent.post(url) };
                request
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", API_VERSION)
                    .header("Authorization", &auth)
                    .header("Content-Type", "application/json")
                    .send(body.unwrap_or("{}"))
            }
        };
        result.map_err(|e| offline_or_shape(&e))
    }

    fn now_secs(&self) -> u64 {
        (self.clock.now)().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
    }

    /// Waits `secs` for a rate limit, saying so; fails instead when that is longer than the
    /// clock allows (GitHub's hourly limit can be most of an hour away).
    fn wait(&mut self, secs: u64, status: u16) -> Result<(), ApiError> {
        if Duration::from_secs(secs) > self.clock.longest {
            return Err(ApiError::Http {
                status,
                message: format!("rate limit reached; GitHub takes requests again in {secs} s"),
            });
        }
        (self.say)(&format!("GitHub's rate limit: waiting {secs} s"));
        (self.clock.sleep)(Duration::from_secs(secs));
        Ok(())
    }

    /// The answer as `T` when its status is `ok`; GitHub's refusal as an [`ApiError`] otherwise.
    fn body_of<T: DeserializeOwned>(&self, answer: Answer, ok: u16) -> Result<T, ApiError> {
        if answer.status != ok {
            return Err(refusal(answer.status, &answer.body, &self.repo, self.token.source()));
        }
        serde_json::from_str(&answer.body).map_err(|e| ApiError::Shape(e.to_string()))
    }

    /// Every page of the list at `first` (each a JSON array), following `Link: rel="next"`
    /// only within the API base (the token goes nowhere else). `Ok(None)`: 304 to `etag`.
    fn list<T: DeserializeOwned>(&mut self, first: &str, etag: Option<&str>) -> Result<Option<Listing<T>>, ApiError> {
        let answer = self.send("GET", first, None, etag)?;
        if answer.status == 304 && etag.is_some() {
            return Ok(None);
        }
        let first_etag = answer.etag.clone();
        let mut items = Vec::new();
        let mut answer = answer;
        loop {
            let next = answer.next.take();
            let page: Vec<T> = self.body_of(answer, 200)?;
            items.extend(page);
            let Some(next) = next else { break };
            if !next.starts_with(&format!("{}/", self.base)) {
                return Err(ApiError::Shape(format!("a next page outside {}: {next}", self.base)));
            }
            answer = self.send("GET", &next, None, None)?;
        }
        Ok(Some(Listing { items, etag: first_etag }))
    }

    fn write<T: DeserializeOwned>(
        &mut self,
        method: &str,
        path: &str,
        body: &impl Serialize,
        ok: u16,
    ) -> Result<T, ApiError> {
        let body = serde_json::to_string(body).map_err(|e| ApiError::Shape(e.to_string()))?;
        let url = self.url(path);
        let answer = self.send(method, &url, Some(&body), None)?;
        self.body_of(answer, ok)
    }
}

mod api;

#[cfg(test)]
mod tests;
