//! Sprint and epic commands.

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use super::args::{EpicCommand, ShowFormat, SprintCommand};
use super::session;
use super::{CliError, or_none};
use crate::domain::{Changes, NewSprint, SprintEdit, SprintState, sum_points};

fn date(value: Option<String>, what: &str) -> Result<Option<Date>, CliError> {
    value
        .map(|v| {
            v.trim()
                .parse::<Date>()
                .map_err(|e| CliError::bad(format!("invalid {what} date {v:?} (use YYYY-MM-DD): {e}")))
        })
        .transpose()
}

fn print_json<T: Serialize>(value: &T) -> Result<(), CliError> {
    println!("{}", serde_json::to_string_pretty(value).map_err(|e| CliError::refused(e.to_string()))?);
    Ok(())
}

#[derive(Serialize)]
struct SprintRow {
    id: String,
    name: String,
    state: &'static str,
    goal: String,
    start: Option<String>,
    end: Option<String>,
    capacity: Option<u32>,
    points: u32,
    done_points: u32,
    stories: usize,
}

pub fn sprint(board: Option<&Path>, cmd: SprintCommand) -> Result<(), CliError> {
    let mut s = session::open(board)?;
    match cmd {
        SprintCommand::New { name, goal, start, end, capacity } => {
            let given = NewSprint {
                name,
                goal: goal.unwrap_or_default(),
                start: date(start, "start")?,
                end: date(end, "end")?,
                capacity,
            };
            let (id, name) = s.apply(|b, ctx| {
                // Dates not given follow the team's cadence: the first working day after the
                // last sprint, as many working days as it lasted (an end alone is kept alone).
                let mut new = given.clone();
                match (new.start, new.end) {
                    (None, None) => (new.start, new.end) = b.file.next_sprint_dates(ctx.today()).unzip(),
                    (Some(start), None) => new.end = b.file.last_of_working_days(start, b.file.sprint_length()),
                    _ => {}
                }
                let (id, changes) = b.new_sprint(new)?;
                let name = b.list_name(Some(&id));
                Ok(((id, name), changes))
            })?;
            println!("Planned sprint {name} [{id}]");
        }
        SprintCommand::Start { sprint } => {
            let name = s.apply(|b, ctx| {
                let id = b.resolve_sprint(&sprint)?;
                let changes = b.start_sprint(&id, ctx)?;
                Ok((b.list_name(Some(&id)), changes))
            })?;
            println!("Started {name}");
        }
        SprintCommand::Close { sprint } => {
            let (name, to, moved, was_closed) = s.apply(|b, ctx| {
                let id = match &sprint {
                    Some(sp) => b.resolve_sprint(sp)?,
                    None => {
                        let active: Vec<&crate::domain::Sprint> =
                            b.file.sprints.iter().filter(|s| s.state == crate::domain::SprintState::Active).collect();
                        match active[..] {
                            [] => return Err(crate::domain::OpError::Refused("no sprint is active".into())),
                            [one] => one.id.clone(),
                            _ => {
                                let names: Vec<&str> = active.iter().map(|s| s.name.as_str()).collect();
                                return Err(crate::domain::OpError::Refused(format!(
                                    "{} sprints are active ({}): name the one to close",
                                    names.len(),
                                    names.join(", ")
                                )));
                            }
                        }
                    }
                };
                let was_closed = b.file.sprint(&id).is_some_and(|s| s.state == SprintState::Closed);
                let (to, changes): (_, Changes) = b.close_sprint(&id, ctx)?;
                let moved = changes.stories.len();
                Ok(((b.list_name(Some(&id)), b.list_name(to.as_deref()), moved, was_closed), changes))
            })?;
            let stories = crate::text::count(moved, "unfinished story", "unfinished stories");
            match (was_closed, moved) {
                (false, _) => println!("Closed {name}; {stories} moved to {to}"),
                (true, 0) => println!("{name} is closed, and no unfinished story is left in it"),
                (true, _) => println!("{name} was already closed; {stories} left in it moved to {to}"),
            }
        }
        SprintCommand::Edit { sprint, name, goal, start, end, capacity } => {
            let capacity = capacity
                .as_deref()
                .map(|c| crate::domain::fields::limit(or_none(c)))
                .transpose()
                .map_err(|e| CliError::bad(format!("--capacity: {e}, or none")))?;
            let blank = |v: Option<String>, what: &str| match v.as_deref().map(|v| or_none(v).trim()) {
                Some("") => Ok(Some(None)),
                _ => date(v, what).map(|d| d.map(Some)),
            };
            let edit = SprintEdit { name, goal, start: blank(start, "start")?, end: blank(end, "end")?, capacity };
            if edit == SprintEdit::default() {
                return Err(CliError::bad("nothing to change: give --name, --goal, --start, --end or --capacity"));
            }
            let name = s.apply(|b, _| {
                let id = b.resolve_sprint(&sprint)?;
                let changes = b.edit_sprint(&id, edit.clone())?;
                Ok((b.list_name(Some(&id)), changes))
            })?;
            println!("{name} updated");
        }
        SprintCommand::Stop { sprint } => {
            let name = s.apply(|b, _| {
                let id = b.resolve_sprint(&sprint)?;
                let changes = b.stop_sprint(&id)?;
                Ok((b.list_name(Some(&id)), changes))
            })?;
            println!("{name} is planned again; its stories stay in it");
        }
        SprintCommand::List { format } => {
            let b = &s.board;
            let done = b.file.done_column().map(|c| c.id.clone());
            let rows: Vec<SprintRow> = b
                .file
                .sprints
                .iter()
                .map(|sp| {
                    let list = b.list(Some(&sp.id));
                    SprintRow {
                        id: sp.id.to_string(),
                        name: sp.name.clone(),
                        state: sp.state.label(),
                        goal: sp.goal.clone(),
                        start: sp.start.map(|d| d.to_string()),
                        end: sp.end.map(|d| d.to_string()),
                        capacity: sp.capacity,
                        points: sum_points(list.iter().filter_map(|st| st.points)),
                        done_points: sum_points(
                            list.iter().filter(|st| Some(&st.status) == done.as_ref()).filter_map(|st| st.points),
                        ),
                        stories: list.len(),
                    }
                })
                .collect();
            match format {
                ShowFormat::Json => print_json(&rows)?,
                ShowFormat::Text if rows.is_empty() => {
                    println!("No sprints yet: `sprintboard sprint new NAME` plans one.")
                }
                ShowFormat::Text => {
                    // Columns as wide as the widest name and state, by display width.
                    // A very long name is cut (with …) rather than pushing every row over.
                    let shown = |t: &str| crate::text::width(&crate::text::drawable(t));
                    let name_width = rows.iter().map(|r| shown(&r.name)).max().unwrap_or(0).clamp(14, 40);
                    let state_width = rows.iter().map(|r| shown(r.state)).max().unwrap_or(0);
                    for r in rows {
                        let cap = r.capacity.map(|c| format!("/{c}")).unwrap_or_default();
                        let dates = match (&r.start, &r.end) {
                            (Some(a), Some(e)) => format!("  {a} → {e}"),
                            (Some(a), None) => format!("  from {a}"),
                            _ => String::new(),
                        };
                        let name = crate::text::fit(&r.name, name_width);
                        let state = crate::text::fit(r.state, state_width);
                        let stories = crate::text::count(r.stories, "story", "stories");
                        println!(
                            "{name}  {state}  {stories:>11}  {}{cap} {} ({} done){dates}  [{}]",
                            r.points,
                            crate::text::noun(r.capacity.unwrap_or(r.points) as usize, "point", "points"),
                            r.done_points,
                            r.id
                        );
                    }
                }
            }
            if s.board.file.sprints.iter().all(|sp| sp.state != SprintState::Active)
                && format == ShowFormat::Text
                && !s.board.file.sprints.is_empty()
            {
                println!("No sprint is active: `sprintboard sprint start NAME` starts one.");
            }
        }
    }
    s.end();
    Ok(())
}

#[derive(Serialize)]
struct EpicRow {
    id: String,
    name: String,
    description: String,
    stories: usize,
    done: usize,
    points: u32,
    done_points: u32,
}

pub fn epic(board: Option<&Path>, cmd: EpicCommand) -> Result<(), CliError> {
    let mut s = session::open(board)?;
    match cmd {
        EpicCommand::New { name, description } => {
            let (id, name) = s.apply(|b, _| {
                let (id, changes) = b.new_epic(&name, description.as_deref().unwrap_or(""))?;
                let name = b.file.epic(&id).map_or_else(|| name.clone(), |e| e.name.to_string());
                Ok(((id, name), changes))
            })?;
            println!("Created epic {name} [{id}]");
        }
        EpicCommand::Rename { epic, name } => {
            s.apply(|b, _| b.rename_epic(&epic, &name).map(|c| ((), c)))?;
            println!("Renamed to {name}");
        }
        EpicCommand::Edit { epic, description } => {
            s.apply(|b, _| b.describe_epic(&epic, &description).map(|c| ((), c)))?;
            println!("{epic}: description set");
        }
        EpicCommand::Delete { epic, yes } => {
            use std::io::{BufRead, IsTerminal, Write};
            let n = s.board.epic_size(&epic);
            if !yes && n > 0 && std::io::stdin().is_terminal() {
                eprint!("Delete epic {epic}? {} will have no epic. [y/N] ", crate::text::count(n, "story", "stories"));
                let _ = std::io::stderr().flush();
                let mut answer = String::new();
                let _ = std::io::stdin().lock().read_line(&mut answer);
                if !answer.trim().eq_ignore_ascii_case("y") {
                    return Err(CliError::refused("not deleted"));
                }
            }
            let n = s.apply(|b, ctx| b.delete_epic(&epic, ctx))?;
            println!("Deleted {epic}; {} without an epic now", crate::text::count(n, "story", "stories"));
        }
        EpicCommand::List { format } => {
            let b = &s.board;
            let done = b.file.done_column().map(|c| c.id.clone());
            let rows: Vec<EpicRow> = b
                .file
                .epics
                .iter()
                .map(|e| {
                    let mine: Vec<_> = b.stories.values().filter(|st| st.epic.as_deref() == Some(&e.id)).collect();
                    let finished: Vec<_> = mine.iter().filter(|st| Some(&st.status) == done.as_ref()).collect();
                    EpicRow {
                        id: e.id.to_string(),
                        name: e.name.clone(),
                        description: e.description.clone(),
                        stories: mine.len(),
                        done: finished.len(),
                        points: sum_points(mine.iter().filter_map(|st| st.points)),
                        done_points: sum_points(finished.iter().filter_map(|st| st.points)),
                    }
                })
                .collect();
            match format {
                ShowFormat::Json => print_json(&rows)?,
                ShowFormat::Text if rows.is_empty() => {
                    println!("No epics yet: `sprintboard epic new NAME` creates one.")
                }
                ShowFormat::Text => {
                    // As wide as the widest name (by display width), a very long one cut with ….
                    let shown = |t: &str| crate::text::width(&crate::text::drawable(t));
                    let name_width = rows.iter().map(|r| shown(&r.name)).max().unwrap_or(0).clamp(24, 40);
                    for r in rows {
                        // An epic without points is measured in stories alone: no 0/0 points,
                        // no percentage of nothing.
                        let points = match crate::domain::percent(r.done_points, r.points) {
                            Some(pct) => format!(
                                ", {}/{} {} ({pct}%)",
                                r.done_points,
                                r.points,
                                crate::text::noun(r.points as usize, "point", "points")
                            ),
                            None => String::new(),
                        };
                        println!(
                            "{} {}/{} {} done{points}  [{}]",
                            crate::text::fit(&r.name, name_width),
                            r.done,
                            r.stories,
                            crate::text::noun(r.stories, "story", "stories"),
                            r.id
                        );
                    }
                }
            }
        }
    }
    s.end();
    Ok(())
}
