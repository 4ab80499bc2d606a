//! `board.ron` as it is stored: the board's settings, workflow columns, people, epics and
//! sprints, and the ids made for them from their names.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::SCHEMA;
use crate::domain::short_text::ShortText;

/// `board.ron`: settings, workflow, people, epics and sprints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoardFile {
    pub schema: u32,
    pub name: String,
    /// Story key prefix, e.g. `SB` for `SB-K7QX`.
    pub prefix: String,
    #[serde(default = "default_columns")]
    pub columns: Vec<Column>,
    /// Each is a name (`"Ana"`) or a name with the other names the person appears under in
    /// histories and assignees: `(name: "Dana", aliases: ["Dev Dana", "dana@example.org"])`.
    #[serde(default)]
    pub people: Vec<Member>,
    #[serde(default)]
    pub epics: Vec<Epic>,
    /// In order: the backlog sits before the first one.
    #[serde(default)]
    pub sprints: Vec<Sprint>,
    /// The days work is done on (`Mon` … `Sun`): a burndown's ideal line falls on these only.
    #[serde(default = "default_working_days")]
    pub working_days: Vec<String>,
    /// The issue trackers the board is kept in step with (`sprintboard remote add`). Not
    /// written while there are none, so a board without remotes reads and writes as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remotes: Vec<Remote>,
}

/// The kinds of tracker a board syncs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RemoteKind {
    GitHub,
}

/// One tracker the board syncs with, shared by the team in `board.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remote {
    pub kind: RemoteKind,
    /// `OWNER/REPO`.
    pub repo: String,
    /// A story's column is the issue's label `<prefix><column name>`.
    #[serde(default = "default_status_labels")]
    pub status_labels: String,
    /// Whether a sync publishes the stories made here (not linked to anything) as new issues.
    #[serde(default)]
    pub publish_new: bool,
}

/// `status: `: a story in "In Progress" is labelled `status: In Progress`.
pub fn default_status_labels() -> String {
    "status: ".to_owned()
}

impl Remote {
    /// The origin id a story linked to issue `n` of this remote carries: `github:OWNER/REPO#N`.
    pub fn origin_of(&self, n: u64) -> String {
        format!("github:{}#{n}", self.repo)
    }

    /// The issue number a story's origin id names in this repository (`OWNER/REPO` in any case,
    /// as the importer took it from the issue's address).
    pub fn issue_of(&self, origin: &str) -> Option<u64> {
        let rest = origin.strip_prefix("github:")?;
        let (repo, n) = rest.rsplit_once('#')?;
        if !repo.eq_ignore_ascii_case(&self.repo) {
            return None;
        }
        n.parse().ok()
    }
}

/// `OWNER/REPO` as GitHub allows them: an owner of letters, digits and single inner dashes
/// (at most 39), a repository name of letters, digits, `.`, `_` and `-` (at most 100, not `.`
/// or `..`). Returns why not.
pub fn check_repo(repo: &str) -> Result<(), String> {
    let why = || format!("{repo:?} is not OWNER/REPO (like \"octo-org/octo-repo\")");
    let (owner, name) = repo.split_once('/').ok_or_else(why)?;
    let owner_ok = !owner.is_empty()
        && owner.len() <= 39
        && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !owner.starts_with('-')
        && !owner.ends_with('-')
        && !owner.contains("--");
    let name_ok = !name.is_empty()
        && name.len() <= 100
        && name != "."
        && name != ".."
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if owner_ok && name_ok { Ok(()) } else { Err(why()) }
}

/// Monday to Friday.
pub fn default_working_days() -> Vec<String> {
    ["Mon", "Tue", "Wed", "Thu", "Fri"].map(str::to_owned).to_vec()
}

/// A day's short name as `working_days` writes it.
pub fn day_name(d: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match d {
        Monday => "Mon",
        Tuesday => "Tue",
        Wednesday => "Wed",
        Thursday => "Thu",
        Friday => "Fri",
        Saturday => "Sat",
        Sunday => "Sun",
    }
}

/// One of the board's people: the name shown, and the other names they go by (a git
/// `user.name`, an e-mail, a tracker's login), which count as them everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub aliases: Vec<String>,
}

impl Member {
    /// Whether `name` is this person's name or one of their aliases (any case, spaces trimmed).
    pub fn answers_to(&self, name: &str) -> bool {
        let name = name.trim();
        !name.is_empty()
            && (self.name.trim().eq_ignore_ascii_case(name)
                || self.aliases.iter().any(|a| a.trim().eq_ignore_ascii_case(name)))
    }
}

impl From<&str> for Member {
    fn from(name: &str) -> Member {
        Member { name: name.to_owned(), aliases: Vec::new() }
    }
}

impl PartialEq<&str> for Member {
    fn eq(&self, other: &&str) -> bool {
        self.aliases.is_empty() && self.name == *other
    }
}

/// A person with aliases as `board.ron` writes them: `(name: "Dana", aliases: [...])`.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Member", deny_unknown_fields)]
struct FullMember {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// A person is written as their name alone while they have no aliases, so the files of
/// earlier versions (`people: ["Ana"]`) read and write the same.
impl Serialize for Member {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.aliases.is_empty() {
            s.serialize_str(&self.name)
        } else {
            FullMember { name: self.name.clone(), aliases: self.aliases.clone() }.serialize(s)
        }
    }
}

/// A name, or a name with aliases; a misspelt field is refused by name, like everywhere else.
struct MemberVisitor;

impl<'de> serde::de::Visitor<'de> for MemberVisitor {
    type Value = Member;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a name, or (name: \"…\", aliases: [\"…\"])")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Member, E> {
        Ok(Member { name: v.to_owned(), aliases: Vec::new() })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Member, A::Error> {
        let full = FullMember::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(Member { name: full.name, aliases: full.aliases })
    }
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Member, D::Error> {
        d.deserialize_any(MemberVisitor)
    }
}

/// A workflow column. Stories refer to it by `id`, so it can be renamed freely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: ShortText,
    pub name: String,
    /// Work-in-progress limit: the most stories the column should hold.
    #[serde(default)]
    pub wip: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Epic {
    pub id: ShortText,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SprintState {
    Planned,
    Active,
    Closed,
}

impl SprintState {
    pub fn label(self) -> &'static str {
        match self {
            SprintState::Planned => "planned",
            SprintState::Active => "active",
            SprintState::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sprint {
    pub id: ShortText,
    pub name: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub start: Option<Date>,
    #[serde(default)]
    pub end: Option<Date>,
    /// Capacity in points.
    #[serde(default)]
    pub capacity: Option<u32>,
    pub state: SprintState,
    #[serde(default)]
    pub started_at: Option<Timestamp>,
    #[serde(default)]
    pub closed_at: Option<Timestamp>,
}

impl Column {
    /// `In Progress is over its WIP limit: 4/3` when `cards` stories in it are more than its
    /// limit. Moving past the limit is allowed (a team may need to); this is the warning.
    pub fn over_limit(&self, cards: usize) -> Option<String> {
        let limit = self.wip?;
        (cards > limit as usize).then(|| format!("{} is over its WIP limit: {cards}/{limit}", self.name))
    }
}

pub fn default_columns() -> Vec<Column> {
    [("todo", "To Do"), ("doing", "In Progress"), ("review", "Review"), ("done", "Done")]
        .into_iter()
        .map(|(id, name)| Column { id: id.into(), name: name.into(), wip: None })
        .collect()
}

impl BoardFile {
    pub fn new(name: &str, prefix: &str) -> BoardFile {
        BoardFile {
            schema: SCHEMA,
            name: name.to_owned(),
            prefix: prefix.to_owned(),
            columns: default_columns(),
            people: Vec::new(),
            epics: Vec::new(),
            sprints: Vec::new(),
            working_days: default_working_days(),
            remotes: Vec::new(),
        }
    }

    /// Whether work is done on `d` (names compared in any case; none given: every day).
    pub fn works_on(&self, d: jiff::civil::Date) -> bool {
        let name = day_name(d.weekday());
        self.working_days.is_empty() || self.working_days.iter().any(|w| w.trim().eq_ignore_ascii_case(name))
    }

    /// The remote syncing with `repo` (`OWNER/REPO`, any case).
    pub fn remote(&self, repo: &str) -> Option<&Remote> {
        self.remotes.iter().find(|r| r.repo.eq_ignore_ascii_case(repo))
    }

    pub fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }

    pub fn column_index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// A column by id or by name, ignoring case.
    pub fn find_column(&self, name: &str) -> Option<&Column> {
        let name = name.trim();
        self.columns
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(name))
            .or_else(|| self.columns.iter().find(|c| c.name.to_lowercase() == name.to_lowercase()))
    }

    /// The column a story is finished in: the last one of the workflow.
    pub fn done_column(&self) -> Option<&Column> {
        self.columns.last()
    }

    pub fn sprint(&self, id: &str) -> Option<&Sprint> {
        self.sprints.iter().find(|s| s.id == id)
    }

    /// A sprint by id or by name, ignoring case.
    pub fn find_sprint(&self, name: &str) -> Option<&Sprint> {
        let name = name.trim();
        self.sprints
            .iter()
            .find(|s| s.id.eq_ignore_ascii_case(name))
            .or_else(|| self.sprints.iter().find(|s| s.name.to_lowercase() == name.to_lowercase()))
    }

    pub fn active_sprint(&self) -> Option<&Sprint> {
        self.sprints.iter().find(|s| s.state == SprintState::Active)
    }

    pub fn epic(&self, id: &str) -> Option<&Epic> {
        self.epics.iter().find(|e| e.id == id)
    }

    /// An epic by id or by name, ignoring case.
    pub fn find_epic(&self, name: &str) -> Option<&Epic> {
        let name = name.trim();
        self.epics
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(name))
            .or_else(|| self.epics.iter().find(|e| e.name.to_lowercase() == name.to_lowercase()))
    }

    /// The display name of a sprint id (`None` is the backlog).
    pub fn sprint_name(&self, id: Option<&str>) -> Option<String> {
        id.map(|id| self.sprint(id).map_or_else(|| id.to_owned(), |s| s.name.clone()))
    }
}

/// A lower-case, dash-separated id made from a name (`"Sprint 24"` → `sprint-24`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "x".to_owned() } else { out }
}

/// `base`, or `base-2`, `base-3`… whichever is not taken.
pub fn unique_id(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|c| !taken(c)).unwrap_or(base)
}

#[cfg(test)]
mod tests;
