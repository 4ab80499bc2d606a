//! GitHub Issues as the sync sees it: the shapes of issues, comments, milestones and labels
//! (the fields of GitHub's REST description that the sync reads or writes), the calls it makes
//! ([`Api`]), and why a call failed ([`ApiError`]).

use serde::{Deserialize, Serialize};

/// An issue as `GET /repos/{owner}/{repo}/issues` lists it. Pull requests are listed there too,
/// with `pull_request` set: the sync skips them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    pub number: u64,
    pub title: String,
    #[serde(default)]
    pub body: Option<String>,
    /// `open` or `closed`.
    pub state: String,
    /// `completed`, `not_planned`, `reopened` or none.
    #[serde(default)]
    pub state_reason: Option<String>,
    #[serde(default)]
    pub labels: Vec<Label>,
    #[serde(default)]
    pub assignees: Vec<User>,
    #[serde(default)]
    pub milestone: Option<Milestone>,
    /// RFC 3339, as GitHub writes it (`2026-12-06T08:30:00Z`).
    pub updated_at: String,
    #[serde(default)]
    pub html_url: String,
    #[serde(default)]
    pub pull_request: Option<serde_json::Value>,
    /// How many comments it has: the sync reads them only when there are ones it has not seen.
    #[serde(default)]
    pub comments: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub login: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub number: u64,
    pub title: String,
    /// RFC 3339; GitHub keeps the date of it.
    #[serde(default)]
    pub due_on: Option<String>,
    /// `open` or `closed`.
    #[serde(default)]
    pub state: String,
}

/// A comment on an issue (`GET /repos/{owner}/{repo}/issues/{n}/comments`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: u64,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub user: Option<User>,
    pub created_at: String,
}

/// The body of `POST /repos/{owner}/{repo}/issues` and `PATCH …/issues/{n}`: only the fields
/// given are sent (`None`: left alone); `milestone: Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IssueWrite {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignees: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub milestone: Option<Option<u64>>,
}

/// Why a call to GitHub failed, in the words the user is told.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or log in with `gh auth login`")]
    NoToken,
    #[error("GitHub rejected the token from {source_name}")]
    TokenRejected { source_name: String },
    #[error("no access to {repo} (GitHub answered {status})")]
    NoAccess { repo: String, status: u16 },
    #[error("GitHub refused the change: {message}")]
    Invalid { message: String },
    #[error("offline: nothing synced ({detail})")]
    Offline { detail: String },
    #[error("GitHub answered {status}: {message}")]
    Http { status: u16, message: String },
    #[error("GitHub's answer could not be read: {0}")]
    Shape(String),
}

/// The calls the sync makes, one repository's worth. The real client speaks HTTP to GitHub
/// (or to `GITHUB_API_URL`); the sync's tests drive it through a stand-in.
pub trait Api {
    /// Every issue and pull request updated at or after `since` (all of them without it),
    /// open and closed, following every page. `Ok(None)`: nothing changed since the last call
    /// (GitHub answered 304 to the ETag it gave then).
    fn issues(&mut self, since: Option<&str>) -> Result<Option<Vec<Issue>>, ApiError>;
    fn comments(&mut self, number: u64) -> Result<Vec<Comment>, ApiError>;
    fn milestones(&mut self) -> Result<Vec<Milestone>, ApiError>;
    fn create_milestone(&mut self, title: &str, due_on: Option<&str>) -> Result<Milestone, ApiError>;
    /// Creates the label unless the repository has it.
    fn ensure_label(&mut self, name: &str) -> Result<(), ApiError>;
    fn create_issue(&mut self, write: &IssueWrite) -> Result<Issue, ApiError>;
    fn update_issue(&mut self, number: u64, write: &IssueWrite) -> Result<Issue, ApiError>;
    fn add_comment(&mut self, number: u64, body: &str) -> Result<Comment, ApiError>;
    /// The sync calls this once what the last [`Api::issues`] listing said is recorded on the
    /// board: only then may the client remember that listing's ETag across runs (a sync cut
    /// off before would otherwise be told "nothing changed" next time).
    fn listing_recorded(&mut self) {}
}

mod client;
mod etag;
mod link;
mod refusal;
mod token;
pub use client::{Client, DEFAULT_API, connect, connect_with};
pub use token::Token;
