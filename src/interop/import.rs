//! Reading stories out of other trackers' exports: a Jira CSV export, a Trello board export
//! (JSON), and GitHub issues as `gh issue list --json …` prints them. Each becomes a plain
//! record; the CLI turns records into stories with the usual operations and validation.

use serde::Deserialize;

/// One story to create.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Where it is in the export, for messages: `line 12`, `card 3`, `issue 7`.
    pub place: String,
    pub title: String,
    pub description: String,
    /// The other tracker's status or list name, matched against the board's columns.
    pub status: Option<String>,
    /// Finished in the other tracker: goes to the last column.
    pub done: bool,
    pub points: Option<u32>,
    pub assignee: Option<String>,
    pub labels: Vec<String>,
    /// A sprint or milestone name, matched against the board's sprints.
    pub sprint: Option<String>,
}

/// Labels here are single words.
fn label(s: &str) -> Option<String> {
    let l: String = s.trim().trim_start_matches('#').split_whitespace().collect::<Vec<_>>().join("-");
    (!l.is_empty()).then_some(l)
}

fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// A Jira CSV export (Issues → Export → CSV). Columns are found by name; Jira repeats a column
/// (Labels, Sprint) once per value.
pub fn jira_csv(text: &str) -> Result<Vec<Record>, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(|e| format!("not a CSV file: {e}"))?.iter().map(|h| h.trim().to_owned()).collect();
    let find = |names: &[&str]| -> Vec<usize> {
        headers
            .iter()
            .enumerate()
            .filter(|(_, h)| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
            .map(|(i, _)| i)
            .collect()
    };
    let summary = find(&["Summary"]);
    let Some(&summary) = summary.first() else {
        return Err("no `Summary` column: is this a Jira CSV export?".into());
    };
    let description = find(&["Description"]);
    let status = find(&["Status"]);
    let category = find(&["Status Category"]);
    let points = find(&[
        "Story Points",
        "Custom field (Story Points)",
        "Story point estimate",
        "Custom field (Story point estimate)",
    ]);
    let assignee = find(&["Assignee"]);
    let labels = find(&["Labels"]);
    let sprint = find(&["Sprint"]);
    let mut out = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let row = row.map_err(|e| format!("row {}: {e}", n + 2))?;
        let get = |cols: &[usize]| cols.iter().find_map(|&i| row.get(i).and_then(nonempty));
        let Some(title) = row.get(summary).and_then(nonempty) else { continue };
        let place = format!("line {}", row.position().map_or(n as u64 + 2, |p| p.line()));
        let status_name = get(&status);
        let done = get(&category).is_some_and(|c| c.eq_ignore_ascii_case("done"))
            || status_name
                .as_deref()
                .is_some_and(|s| ["done", "closed", "resolved"].contains(&s.to_lowercase().as_str()));
        out.push(Record {
            place,
            title,
            description: get(&description).unwrap_or_default(),
            status: status_name,
            done,
            points: get(&points)
                .and_then(|p| p.parse::<f64>().ok())
                .filter(|p| p.is_finite() && *p >= 0.0)
                .map(|p| p.round() as u32),
            assignee: get(&assignee),
            labels: labels
                .iter()
                .filter_map(|&i| row.get(i))
                .flat_map(|v| v.split_whitespace())
                .filter_map(label)
                .collect(),
            // The last sprint a story was in is where it is now.
            sprint: sprint.iter().rev().find_map(|&i| row.get(i).and_then(nonempty)),
        });
    }
    Ok(out)
}

#[derive(Deserialize)]
struct TrelloBoard {
    #[serde(default)]
    lists: Vec<TrelloList>,
    #[serde(default)]
    cards: Vec<TrelloCard>,
}

#[derive(Deserialize)]
struct TrelloList {
    id: String,
    name: String,
    #[serde(default)]
    closed: bool,
}

#[derive(Deserialize)]
struct TrelloCard {
    name: String,
    #[serde(default)]
    desc: String,
    #[serde(rename = "idList", default)]
    id_list: String,
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    labels: Vec<TrelloLabel>,
}

#[derive(Deserialize)]
struct TrelloLabel {
    #[serde(default)]
    name: String,
}

/// A Trello board export (Menu → Print and export → JSON). Open cards only; a card's list
/// name is its status.
pub fn trello_json(text: &str) -> Result<Vec<Record>, String> {
    let board: TrelloBoard = serde_json::from_str(text).map_err(|e| format!("not a Trello board export: {e}"))?;
    let list_name = |id: &str| board.lists.iter().find(|l| l.id == id).map(|l| (l.name.clone(), l.closed));
    Ok(board
        .cards
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.closed && !list_name(&c.id_list).is_some_and(|(_, closed)| closed))
        .filter_map(|(i, c)| {
            let status = list_name(&c.id_list).map(|(n, _)| n);
            Some(Record {
                place: format!("card {}", i + 1),
                title: nonempty(&c.name)?,
                description: c.desc.trim().to_owned(),
                done: status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("done")),
                status,
                labels: c.labels.iter().filter_map(|l| label(&l.name)).collect(),
                ..Record::default()
            })
        })
        .collect())
}

#[derive(Deserialize)]
struct GhIssue {
    title: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    state: String,
    #[serde(default)]
    labels: Vec<GhName>,
    #[serde(default)]
    assignees: Vec<GhLogin>,
    #[serde(default)]
    milestone: Option<GhTitle>,
}

#[derive(Deserialize)]
struct GhName {
    name: String,
}

#[derive(Deserialize)]
struct GhLogin {
    login: String,
}

#[derive(Deserialize)]
struct GhTitle {
    title: String,
}

/// GitHub issues as `gh issue list --state all --json title,body,state,labels,assignees,milestone`
/// prints them. A closed issue is done; its milestone is its sprint.
pub fn github_json(text: &str) -> Result<Vec<Record>, String> {
    let issues: Vec<GhIssue> = serde_json::from_str(text)
        .map_err(|e| format!("not a list of GitHub issues (`gh issue list --json …`): {e}"))?;
    Ok(issues
        .into_iter()
        .enumerate()
        .filter_map(|(n, i)| {
            Some(Record {
                place: format!("issue {}", n + 1),
                title: nonempty(&i.title)?,
                description: i.body.unwrap_or_default().trim().to_owned(),
                done: i.state.eq_ignore_ascii_case("closed"),
                status: None,
                points: None,
                assignee: i.assignees.first().map(|a| a.login.clone()),
                labels: i.labels.iter().filter_map(|l| label(&l.name)).collect(),
                sprint: i.milestone.map(|m| m.title),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jira() {
        let csv = "Summary,Issue key,Status,Status Category,Custom field (Story Points),Assignee,Labels,Labels,Sprint,Sprint,Description\n\
                   Login page,WEB-1,In Progress,In Progress,3,ana,ui,web,Sprint 1,Sprint 2,\"Two\nlines\"\n\
                   Shipped thing,WEB-2,Done,Done,2.5,,,,,,\n\
                   ,WEB-3,To Do,To Do,,,,,,,\n";
        let r = jira_csv(csv).expect("parses");
        assert_eq!(r.len(), 2, "a row without a summary is skipped");
        assert_eq!(r[0].title, "Login page");
        assert_eq!(r[0].status.as_deref(), Some("In Progress"));
        assert_eq!(r[0].points, Some(3));
        assert_eq!(r[0].labels, ["ui", "web"]);
        assert_eq!(r[0].sprint.as_deref(), Some("Sprint 2"), "the last sprint");
        assert_eq!(r[0].description, "Two\nlines");
        assert!(r[1].done);
        assert_eq!(r[1].points, Some(3), "2.5 rounds");
        assert!(jira_csv("Title\nx\n").is_err());
    }

    #[test]
    fn trello() {
        let json = r#"{"lists":[{"id":"l1","name":"Doing"},{"id":"l2","name":"Done"},{"id":"l3","name":"Old","closed":true}],
            "cards":[{"name":"Card one","desc":"d","idList":"l1","labels":[{"name":"needs design"}]},
                     {"name":"Finished","idList":"l2"},{"name":"Archived","idList":"l1","closed":true},
                     {"name":"In an archived list","idList":"l3"}]}"#;
        let r = trello_json(json).expect("parses");
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].status.as_deref(), r[0].labels.clone()), (Some("Doing"), vec!["needs-design".to_owned()]));
        assert!(r[1].done);
        assert!(trello_json("[1, 2]").is_err());
    }

    #[test]
    fn github() {
        let json = r#"[{"title":"Bug","body":"It breaks","state":"OPEN","labels":[{"name":"bug"}],"assignees":[{"login":"bo"}],"milestone":{"title":"Sprint 1"}},
                       {"title":"Old","state":"CLOSED","labels":[],"assignees":[],"milestone":null}]"#;
        let r = github_json(json).expect("parses");
        assert_eq!(r[0].assignee.as_deref(), Some("bo"));
        assert_eq!(r[0].sprint.as_deref(), Some("Sprint 1"));
        assert!(!r[0].done && r[1].done);
        assert!(github_json("{}").is_err());
    }
}
