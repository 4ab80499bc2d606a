//! `sprintboard import jira FILE.csv | trello FILE.json | github FILE.json`.

use std::io::Read;
use std::path::Path;

use super::CliError;
use super::session;
use crate::domain::{Changes, Edit, NewStory, SprintState};
use crate::interop::import::{self, Record};

/// The largest export read.
const MAX_BYTES: u64 = 64 << 20;

fn read(file: &Path) -> Result<String, CliError> {
    let f = std::fs::File::open(file).map_err(|e| CliError::bad(format!("{}: {e}", file.display())))?;
    let mut bytes = Vec::new();
    f.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|e| CliError::bad(format!("{}: {e}", file.display())))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(CliError::bad(format!("{}: larger than {} MiB", file.display(), MAX_BYTES >> 20)));
    }
    let text = String::from_utf8(bytes).map_err(|_| CliError::bad(format!("{}: not UTF-8 text", file.display())))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
}

pub fn import(board: Option<&Path>, source: &str, file: &Path) -> Result<(), CliError> {
    let text = read(file)?;
    let records: Vec<Record> = match source {
        "jira" => import::jira_csv(&text),
        "trello" => import::trello_json(&text),
        "github" => import::github_json(&text),
        other => return Err(CliError::bad(format!("unknown source {other:?}: jira, trello or github"))),
    }
    .map_err(|e| CliError::bad(format!("{}: {e}", file.display())))?;
    if records.is_empty() {
        println!("Nothing to import from {}", file.display());
        return Ok(());
    }
    let mut s = session::open(board)?;
    let name = file.display().to_string();
    // All or nothing: a row that cannot become a story (too large, malformed) refuses the import.
    let refuse = |r: &Record, e: crate::domain::OpError| {
        crate::domain::OpError::Invalid(format!("{name} {}: {e}; nothing was imported", r.place))
    };
    let created = s.apply(|b, ctx| {
        let mut changes = Changes::default();
        let mut created: Vec<String> = Vec::new();
        let done = b.file.done_column().map(|c| c.id.clone());
        for r in &records {
            let status = if r.done {
                done.clone()
            } else {
                r.status.as_deref().and_then(|n| b.file.find_column(n)).map(|c| c.id.clone())
            };
            let sprint = r
                .sprint
                .as_deref()
                .and_then(|n| b.file.find_sprint(n))
                .filter(|sp| sp.state != SprintState::Closed)
                .map(|sp| sp.id.clone());
            let new = NewStory {
                title: r.title.clone(),
                sprint,
                status,
                points: r.points,
                assignee: r.assignee.clone(),
                epic: None,
                labels: r.labels.clone(),
            };
            let (key, c) = b.add_story(new, ctx).map_err(|e| refuse(r, e))?;
            changes.merge(c);
            if !r.description.is_empty() {
                let edit = Edit { description: Some(r.description.clone()), ..Edit::default() };
                changes.merge(b.edit_story(&key, edit, ctx).map_err(|e| refuse(r, e))?);
            }
            created.push(key);
        }
        Ok((created, changes))
    })?;
    println!("Imported {} stories from {}", created.len(), file.display());
    Ok(())
}
