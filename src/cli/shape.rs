//! `sprintboard column …`: the workflow's columns.

use std::path::Path;

use serde::Serialize;

use super::args::{ColumnCommand, ShowFormat};
use super::session;
use super::{CliError, or_none};
use crate::domain::ColumnPlace;
use crate::text::count;

#[derive(Serialize)]
struct ColumnRow {
    id: String,
    name: String,
    wip: Option<u32>,
    stories: usize,
}

fn place(after: Option<String>, first: bool, last: bool) -> Option<ColumnPlace> {
    match (after, first, last) {
        (Some(a), _, _) => Some(ColumnPlace::After(a)),
        (None, true, _) => Some(ColumnPlace::First),
        (None, false, true) => Some(ColumnPlace::Last),
        _ => None,
    }
}

pub fn column(board: Option<&Path>, cmd: ColumnCommand) -> Result<(), CliError> {
    let mut s = session::open(board)?;
    match cmd {
        ColumnCommand::Add { name, after, first, wip } => {
            let (id, name) = s.apply(|b, _| {
                let (id, changes) = b.add_column(&name, place(after.clone(), first, false), wip)?;
                let name = b.file.find_column(&id).map_or_else(|| name.trim().to_owned(), |c| c.name.to_string());
                Ok(((id, name), changes))
            })?;
            println!("Added column {name} [{id}]");
        }
        ColumnCommand::Rename { column, name } => {
            let done = s.apply(|b, _| {
                // Already made (run again, or an earlier run was interrupted after its write):
                // the column `column` names, if any, is the one already called `name`.
                let target = b.file.find_column(name.trim()).filter(|c| c.name == name.trim()).map(|c| c.id.clone());
                let done = target.is_some_and(|t| b.file.find_column(&column).is_none_or(|c| c.id == t));
                b.rename_column(&column, &name).map(|c| (done, c))
            })?;
            if done {
                println!("{}: already so named", name.trim());
            } else {
                println!("Renamed to {name}");
            }
        }
        ColumnCommand::Move { column, after, first, last } => {
            let Some(to) = place(after, first, last) else {
                return Err(CliError::bad("say where: --after COLUMN, --first or --last"));
            };
            s.apply(|b, _| b.move_column(&column, to.clone()).map(|c| ((), c)))?;
            let order: Vec<&str> = s.board.file.columns.iter().map(|c| c.name.as_str()).collect();
            println!("The workflow: {}", order.join(" → "));
        }
        ColumnCommand::Wip { column, limit } => {
            let wip =
                crate::domain::fields::limit(or_none(&limit)).map_err(|e| CliError::bad(format!("{e}, or none")))?;
            s.apply(|b, _| b.set_wip(&column, wip).map(|c| ((), c)))?;
            println!("{column}: {}", wip.map_or_else(|| "no WIP limit".to_owned(), |w| format!("WIP limit {w}")));
        }
        ColumnCommand::Remove { column, to } => {
            let moved = s.apply(|b, ctx| b.remove_column(&column, to.as_deref(), ctx))?;
            match (moved, &to) {
                (0, _) | (_, None) => println!("Removed {column}"),
                (n, Some(to)) => println!("Removed {column}; {} moved to {to}", count(n, "story", "stories")),
            }
        }
        ColumnCommand::List { format } => {
            let b = &s.board;
            let rows: Vec<ColumnRow> = b
                .file
                .columns
                .iter()
                .map(|c| ColumnRow {
                    id: c.id.to_string(),
                    name: c.name.clone(),
                    wip: c.wip,
                    stories: b.stories.values().filter(|st| st.status == c.id).count(),
                })
                .collect();
            match format {
                ShowFormat::Json => {
                    println!("{}", serde_json::to_string_pretty(&rows).map_err(|e| CliError::refused(e.to_string()))?)
                }
                ShowFormat::Text => {
                    for r in rows {
                        let wip = r.wip.map(|w| format!("  WIP {w}")).unwrap_or_default();
                        println!("{:<16} {}{wip}  [{}]", r.name, count(r.stories, "story", "stories"), r.id);
                    }
                }
            }
        }
    }
    s.end();
    Ok(())
}
