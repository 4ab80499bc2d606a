//! GitHub issues, as `gh issue list --json …` prints them or as the REST API gives them
//! (`gh api repos/OWNER/REPO/issues`).

use serde::Deserialize;

use super::{Export, Progress, Record, Skipped, SprintRecord, nonempty};

#[derive(Deserialize)]
struct Issue {
    #[serde(default)]
    number: Option<u64>,
    title: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    state: String,
    #[serde(default)]
    labels: Vec<Label>,
    #[serde(default)]
    assignees: Vec<User>,
    /// The REST shape's first assignee (also in `assignees`).
    #[serde(default)]
    assignee: Option<User>,
    #[serde(default)]
    milestone: Option<Milestone>,
    /// `gh`: the issue's page; REST: the API's address of it.
    #[serde(default)]
    url: Option<String>,
    /// REST: the issue's page.
    #[serde(default)]
    html_url: Option<String>,
    /// REST: present on pull requests, which the issues endpoint lists too.
    #[serde(default)]
    pull_request: Option<serde_json::Value>,
}

/// `gh` gives label objects; some tools give bare names.
#[derive(Deserialize)]
#[serde(untagged)]
enum Label {
    Named { name: String },
    Bare(String),
}

#[derive(Deserialize)]
struct User {
    login: String,
}

#[derive(Deserialize)]
struct Milestone {
    title: String,
    #[serde(default, alias = "dueOn")]
    due_on: Option<String>,
}

/// `owner/repo#N` from an issue's address (`https://github.com/o/r/issues/7` or
/// `https://api.github.com/repos/o/r/issues/7`).
fn id_of(url: &str, number: Option<u64>) -> Option<String> {
    let path = url.split_once("github.com/")?.1;
    let path = path.strip_prefix("repos/").unwrap_or(path);
    let mut parts = path.split('/');
    let (owner, repo, _, n) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let n = n.parse::<u64>().ok().or(number)?;
    Some(format!("{owner}/{repo}#{n}"))
}

pub fn github_json(text: &str) -> Result<Export, String> {
    let issues: Vec<Issue> = serde_json::from_str(text)
        .map_err(|e| format!("not a list of GitHub issues (`gh issue list --json …` or the REST API): {e}"))?;
    let mut out = Export {
        source: "GitHub",
        with_ids: "`gh issue list --state all --json number,title,body,state,labels,assignees,milestone,url`",
        ..Export::default()
    };
    out.mapped = [
        "title → title",
        "body → description",
        "state → closed issues are done",
        "labels → labels",
        "assignees → assignee (the first; the others are named below)",
        "milestone → sprint (created with its due date as the end)",
        "number, url → the story's origin (github:owner/repo#N)",
    ]
    .map(str::to_owned)
    .to_vec();
    for (n, issue) in issues.into_iter().enumerate() {
        let place = format!("issue {}", n + 1);
        let title = issue.title.trim().to_owned();
        if issue.pull_request.is_some() {
            out.skipped.push(Skipped { place, title, reason: "a pull request".into() });
            continue;
        }
        if title.is_empty() {
            out.skipped.push(Skipped { place, title: String::new(), reason: "no title".into() });
            continue;
        }
        let origin = issue
            .html_url
            .as_deref()
            .or(issue.url.as_deref())
            .and_then(|u| id_of(u, issue.number))
            .or_else(|| issue.number.map(|n| format!("#{n}")))
            .map(|id| format!("github:{id}"))
            .unwrap_or_default();
        let mut assignees: Vec<String> = issue.assignees.into_iter().map(|u| u.login).collect();
        if let Some(a) = issue.assignee
            && !assignees.contains(&a.login)
        {
            assignees.insert(0, a.login);
        }
        if let Some(m) = &issue.milestone
            && !out.sprints.iter().any(|s| s.name == m.title)
        {
            let end = m.due_on.as_deref().and_then(super::date_of);
            out.sprints.push(SprintRecord { name: m.title.clone(), end, seen: None });
        }
        out.records.push(Record {
            place,
            origin,
            title,
            description: issue.body.as_deref().map(str::trim).unwrap_or_default().to_owned(),
            progress: Some(if issue.state.eq_ignore_ascii_case("closed") { Progress::Done } else { Progress::ToDo }),
            assignees,
            labels: issue
                .labels
                .into_iter()
                .filter_map(|l| match l {
                    Label::Named { name } | Label::Bare(name) => nonempty(&name),
                })
                .collect(),
            sprints: issue.milestone.map(|m| m.title).into_iter().collect(),
            ..Record::default()
        });
    }
    Ok(out)
}
