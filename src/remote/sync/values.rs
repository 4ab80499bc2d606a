//! What each side holds of the synced fields, in the board's terms (a column id, a sprint id,
//! labels as the board spells them), so the two compare field by field; and the issue body as
//! a story's description with its acceptance criteria.

use crate::domain::{Board, Remote, ShortText, Story};
use crate::interop::import::field_hash;
use crate::remote::github::Issue;

/// The heading the acceptance criteria go under in an issue's body.
pub const ACCEPTANCE: &str = "## Acceptance criteria";

/// The hidden line a published issue's body carries, so that a publish interrupted after the
/// issue was made finds it rather than make another.
pub fn marker(key: &str) -> String {
    format!("<!-- sprintboard:{key} -->")
}

/// The story key of the marker in an issue's body.
pub fn marker_of(body: &str) -> Option<String> {
    let start = body.find("<!-- sprintboard:")? + "<!-- sprintboard:".len();
    let rest = &body[start..];
    let key = rest[..rest.find(" -->")?].trim();
    (!key.is_empty() && key.len() <= 40).then(|| key.to_owned())
}

/// The body without the marker line.
fn without_marker(body: &str) -> String {
    match marker_of(body) {
        Some(key) => body.replace(&marker(&key), ""),
        None => body.to_owned(),
    }
}

/// An issue's body as a description and acceptance criteria (the section under
/// [`ACCEPTANCE`], up to the next heading of that level).
pub fn split_body(body: &str) -> (String, String) {
    let body = without_marker(&body.replace("\r\n", "\n"));
    let Some(at) = body.lines().position(|l| l.trim().eq_ignore_ascii_case(ACCEPTANCE)) else {
        return (body.trim().to_owned(), String::new());
    };
    let lines: Vec<&str> = body.lines().collect();
    let end = lines[at + 1..].iter().position(|l| l.starts_with("## ")).map_or(lines.len(), |p| at + 1 + p);
    let mut description: Vec<&str> = lines[..at].to_vec();
    description.extend(&lines[end..]);
    (description.join("\n").trim().to_owned(), lines[at + 1..end].join("\n").trim().to_owned())
}

/// A story's description and acceptance criteria as an issue body.
pub fn body_of(description: &str, acceptance: &str) -> String {
    match (description.trim(), acceptance.trim()) {
        (d, "") => d.to_owned(),
        ("", a) => format!("{ACCEPTANCE}\n\n{a}"),
        (d, a) => format!("{d}\n\n{ACCEPTANCE}\n\n{a}"),
    }
}

/// A label as the board holds it: one word (spaces become `_`, a leading `#` is dropped).
pub fn spell_label(raw: &str) -> Option<String> {
    let l: String = raw.trim().trim_start_matches('#').split_whitespace().collect::<Vec<_>>().join("_");
    (!l.is_empty()).then_some(l)
}

/// The synced fields' values, each as one text (labels sorted, one a line): what is hashed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Values {
    pub title: String,
    pub description: String,
    pub acceptance: String,
    pub labels: String,
    pub assignee: String,
    /// A sprint id; or, for a milestone the board has no sprint for, `+` and its title.
    pub sprint: String,
    /// A column id.
    pub status: String,
}

impl Values {
    pub fn get(&self, field: &str) -> &str {
        match field {
            "title" => &self.title,
            "description" => &self.description,
            "acceptance" => &self.acceptance,
            "labels" => &self.labels,
            "assignee" => &self.assignee,
            "sprint" => &self.sprint,
            _ => &self.status,
        }
    }

    pub fn hash(&self, field: &str) -> String {
        field_hash(self.get(field))
    }

    pub fn of_story(s: &Story) -> Values {
        let mut labels: Vec<&str> = s.labels.iter().map(ShortText::as_str).collect();
        labels.sort_unstable();
        Values {
            title: s.title.clone(),
            description: s.description.clone(),
            acceptance: s.acceptance.clone(),
            labels: labels.join("\n"),
            assignee: s.assignee.as_deref().unwrap_or_default().to_owned(),
            sprint: s.sprint.as_deref().unwrap_or_default().to_owned(),
            status: s.status.to_string(),
        }
    }

    pub fn of_issue(board: &Board, remote: &Remote, issue: &Issue) -> Values {
        let (description, acceptance) = split_body(issue.body.as_deref().unwrap_or_default());
        let mut labels: Vec<String> = other_labels(remote, issue).iter().filter_map(|l| spell_label(l)).collect();
        labels.sort_unstable();
        labels.dedup();
        let assignee = issue
            .assignees
            .first()
            .map(|u| {
                board.file.people.iter().find(|m| m.answers_to(&u.login)).map_or(u.login.clone(), |m| m.name.clone())
            })
            .unwrap_or_default();
        let sprint = issue
            .milestone
            .as_ref()
            .map(|m| board.file.find_sprint(&m.title).map_or_else(|| format!("+{}", m.title), |s| s.id.to_string()))
            .unwrap_or_default();
        Values {
            title: issue.title.trim().to_owned(),
            description,
            acceptance,
            labels: labels.join("\n"),
            assignee,
            sprint,
            status: column_of(board, remote, issue),
        }
    }
}

/// Whether a label is one of the remote's status labels.
pub fn is_status_label(remote: &Remote, name: &str) -> bool {
    let prefix = remote.status_labels.to_lowercase();
    !prefix.is_empty() && name.to_lowercase().starts_with(&prefix)
}

/// The issue's labels that are not status labels, as GitHub spells them.
pub fn other_labels(remote: &Remote, issue: &Issue) -> Vec<String> {
    issue.labels.iter().map(|l| l.name.clone()).filter(|l| !is_status_label(remote, l)).collect()
}

/// The status label of a column: `<prefix><column name>`.
pub fn status_label(remote: &Remote, board: &Board, column: &str) -> String {
    let name = board.file.column(column).map_or(column, |c| c.name.as_str());
    format!("{}{name}", remote.status_labels)
}

/// The column an issue is in: closed, the last; open, its status label's (not the last: an
/// issue reopened is back in the first), else the first.
pub fn column_of(board: &Board, remote: &Remote, issue: &Issue) -> String {
    let cols = &board.file.columns;
    let (Some(first), Some(last)) = (cols.first(), cols.last()) else { return String::new() };
    if issue.state == "closed" {
        return last.id.to_string();
    }
    issue
        .labels
        .iter()
        .filter(|l| is_status_label(remote, &l.name))
        .filter_map(|l| board.file.find_column(l.name.get(remote.status_labels.len()..)?))
        .find(|c| c.id != last.id)
        .unwrap_or(first)
        .id
        .to_string()
}
