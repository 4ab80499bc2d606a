//! A Jira CSV export (Server/Data Center "all fields" or Cloud): columns found by name, a
//! repeated column (Sprint, Labels, Watchers, links) read as one list.

use jiff::civil::Date;

use super::{EpicRecord, Export, Progress, Record, Skipped, SprintRecord, nonempty};

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
    ("sprint", &["Sprint"], "sprint (the last one; sprints are created in the order rows list them)"),
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
    ("blocks", &["Outward issue link (Blocks)"], "the stories it blocks wait on it (blocked_by)"),
    ("blocked_by", &["Inward issue link (Blocks)"], "the story waits on them (blocked_by)"),
    ("resolved", &["Resolved"], "the order of sprints (with the order each row lists them)"),
];

/// `KEY-12`: how a Jira issue key looks, to name a row whose columns are shifted.
fn looks_like_key(s: &str) -> bool {
    let Some((project, n)) = s.trim().rsplit_once('-') else { return false };
    project.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && project.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
}

/// The date of a Jira date and time: `01/Nov/26 9:00 AM` (the CSV's default), or ISO
/// `2026-11-01 09:00`.
fn jira_date(s: &str) -> Option<Date> {
    let day = s.split_whitespace().next()?;
    if let Some(d) = super::date_of(day) {
        return Some(d);
    }
    let mut parts = day.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = months.iter().position(|n| m.to_lowercase().starts_with(n))? as i8 + 1;
    let year: i16 = y.parse().ok()?;
    let year = if year < 100 { 2000 + year } else { year };
    Date::new(year, month, d.parse().ok()?).ok()
}

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
    let mut out = Export {
        source: "Jira",
        with_ids: "Jira's CSV export with the `Issue key` column: Export → Export Excel CSV (all fields)",
        ..Export::default()
    };
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
        // Named by line and key, so the row can be found in the file.
        let named = |place: &str, key: &str| if key.is_empty() { place.to_owned() } else { format!("{place} ({key})") };
        if row.len() != headers.len() {
            let key = if looks_like_key(&key) {
                key.clone()
            } else {
                row.iter().find(|v| looks_like_key(v)).map(str::trim).unwrap_or_default().to_owned()
            };
            let reason = format!(
                "{} fields where the header has {}: its values would land in the wrong columns (not imported)",
                row.len(),
                headers.len()
            );
            out.skipped.push(Skipped { place: named(&place, &key), title: String::new(), reason });
            continue;
        }
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
            out.skipped.push(Skipped { place: named(&place, &key), title, reason });
            continue;
        }
        if title.is_empty() {
            out.skipped.push(Skipped { place: named(&place, &key), title: String::new(), reason: "no summary".into() });
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
        let sprints = all("sprint");
        if let (Some(last), Some(day)) = (sprints.last(), get("resolved").as_deref().and_then(jira_date)) {
            match out.sprints.iter_mut().find(|s| s.name == *last) {
                Some(s) => s.seen = s.seen.max(Some(day)),
                None => out.sprints.push(SprintRecord { name: last.clone(), end: None, seen: Some(day) }),
            }
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
            sprints,
            epic: get("epic_link"),
            order: get("rank"),
            blocks: all("blocks").into_iter().map(|k| format!("jira:{k}")).collect(),
            blocked_by: all("blocked_by").into_iter().map(|k| format!("jira:{k}")).collect(),
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
