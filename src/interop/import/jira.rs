//! A Jira CSV export (Server/Data Center "all fields" or Cloud): columns found by name, a
//! repeated column (Sprint, Labels, Watchers, links) read as one list.

use super::{EpicRecord, Export, Progress, Record, Skipped, nonempty};

/// The columns read, each with the names Jira Server and Jira Cloud give it, and where it goes.
const COLUMNS: &[(&str, &[&str], &str)] = &[
    ("key", &["Issue key", "Issuekey", "Key"], "the story's origin (jira:KEY)"),
    ("id", &["Issue id", "Issueid"], "epic links by id"),
    ("summary", &["Summary"], "title (an epic's name when it has no Epic Name)"),
    ("type", &["Issue Type", "Issuetype", "Issue type"], "type (epics become epics; sub-tasks are skipped)"),
    ("status", &["Status"], "column (by name, then by category)"),
    ("category", &["Status Category"], "column, when the status's name matches none"),
    ("resolution", &["Resolution"], "done, when set"),
    ("priority", &["Priority"], "a label priority:NAME"),
    ("assignee", &["Assignee"], "assignee"),
    ("labels", &["Labels"], "labels"),
    ("sprint", &["Sprint"], "sprint (the last one; sprints are created)"),
    ("description", &["Description"], "description"),
    (
        "points",
        &["Custom field (Story Points)", "Story Points", "Custom field (Story point estimate)", "Story point estimate"],
        "points",
    ),
    ("epic_link", &["Custom field (Epic Link)", "Epic Link", "Parent", "Parent key"], "epic"),
    ("epic_name", &["Custom field (Epic Name)", "Epic Name"], "the epic's name"),
    ("acceptance", &["Custom field (Acceptance Criteria)", "Acceptance Criteria"], "acceptance criteria"),
    ("rank", &["Custom field (Rank)", "Rank"], "the order of the backlog and of each sprint"),
    ("blocks", &["Outward issue link (Blocks)"], "named in the summary (links are not kept yet)"),
];

pub fn jira_csv(text: &str) -> Result<Export, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(|e| format!("not a CSV file: {e}"))?.iter().map(|h| h.trim().to_owned()).collect();
    let cols = |name: &str| -> Vec<usize> {
        let names = COLUMNS.iter().find(|(n, ..)| *n == name).map_or(&[][..], |(_, names, _)| names);
        headers
            .iter()
            .enumerate()
            .filter(|(_, h)| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
            .map(|(i, _)| i)
            .collect()
    };
    let summary = cols("summary");
    if summary.is_empty() {
        return Err("no `Summary` column: is this a Jira CSV export?".into());
    }
    let known: Vec<usize> = COLUMNS.iter().flat_map(|(n, ..)| cols(n)).collect();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .enumerate()
        .map(|(n, row)| row.map_err(|e| format!("line {}: {e}", n + 2)))
        .collect::<Result<_, _>>()?;
    let mut out = Export { source: "Jira", ..Export::default() };
    for (name, names, to) in COLUMNS {
        if !cols(name).is_empty() {
            out.mapped.push(format!("{} → {to}", names[0]));
        }
    }
    let mut ignored: Vec<&str> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if !known.contains(&i)
            && !ignored.contains(&h.as_str())
            && rows.iter().any(|r| r.get(i).is_some_and(|v| !v.trim().is_empty()))
        {
            ignored.push(h);
        }
    }
    out.ignored = ignored.into_iter().map(str::to_owned).collect();
    // Epic rows first: a story's Epic Link names an epic by key (Server) or by id (Cloud).
    let mut epic_ids: Vec<(String, String)> = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let get = |name: &str| cols(name).iter().find_map(|&i| row.get(i).and_then(nonempty));
        let all =
            |name: &str| -> Vec<String> { cols(name).iter().filter_map(|&i| row.get(i).and_then(nonempty)).collect() };
        let place = format!("line {}", row.position().map_or(n as u64 + 2, |p| p.line()));
        let key = get("key").unwrap_or_default();
        let title = get("summary").unwrap_or_default();
        let kind = get("type");
        let lower = kind.as_deref().unwrap_or("").to_lowercase();
        if lower == "epic" {
            if let Some(id) = get("id") {
                epic_ids.push((id, key.clone()));
            }
            out.epics.push(EpicRecord {
                origin: format!("jira:{key}"),
                name: get("epic_name").unwrap_or_else(|| title.clone()),
                description: get("description").unwrap_or_default(),
            });
            continue;
        }
        if lower.replace('-', "") == "subtask" {
            let reason = "a sub-task (sub-tasks are not imported; their parent story is)".into();
            out.skipped.push(Skipped { place, title, reason });
            continue;
        }
        if title.is_empty() {
            out.skipped.push(Skipped { place, title: key.clone(), reason: "no summary".into() });
            continue;
        }
        let status = get("status");
        let progress = if get("resolution").is_some() {
            Some(Progress::Done)
        } else {
            get("category").as_deref().and_then(Progress::parse)
        };
        let mut labels: Vec<String> =
            all("labels").iter().flat_map(|v| v.split_whitespace()).map(str::to_owned).collect();
        if let Some(p) = get("priority") {
            labels.push(format!("priority:{p}"));
        }
        out.records.push(Record {
            place,
            origin: if key.is_empty() { String::new() } else { format!("jira:{key}") },
            title,
            description: get("description").unwrap_or_default(),
            acceptance: get("acceptance").unwrap_or_default(),
            kind,
            status,
            progress,
            points: get("points").and_then(|p| p.parse::<f64>().ok()).filter(|p| p.is_finite() && *p >= 0.0),
            assignees: get("assignee").into_iter().collect(),
            labels,
            sprints: all("sprint"),
            epic: get("epic_link"),
            order: get("rank"),
            blocks: all("blocks").into_iter().map(|k| format!("jira:{k}")).collect(),
            ..Record::default()
        });
    }
    for r in &mut out.records {
        if let Some(link) = r.epic.take() {
            let key = epic_ids.iter().find(|(id, _)| *id == link).map_or(link, |(_, key)| key.clone());
            r.epic = Some(format!("jira:{key}"));
        }
    }
    Ok(out)
}
