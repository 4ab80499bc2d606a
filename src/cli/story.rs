//! Story commands: overview, add, list, show, move, edit, delete.

use std::path::Path;

use super::CliError;
use super::args::{AddArgs, EditArgs, ListFormat, MoveArgs, ShowFormat};
use super::session::{self, Session};
use crate::domain::{Board, Changes, Edit, Moscow, Move, NewStory, Position, Rice, Short, Story, Wsjf};
use crate::interop::export::{self, Widths, list_heading, table};
use crate::interop::view::StoryDetail;

/// Bare `sprintboard`: where the board is, then every list as text.
pub fn overview(board: Option<&Path>) -> Result<(), CliError> {
    let s = session::open(board)?;
    eprintln!("sprintboard: {}", s.location.describe());
    println!("{}", s.board.file.name);
    let widths = Widths::of(&s.board);
    for (sprint, list) in s.board.all_lists() {
        if sprint.is_some_and(|sp| sp.state == crate::domain::SprintState::Closed) {
            continue;
        }
        println!("\n{}", list_heading(&s.board, sprint));
        if list.is_empty() {
            println!("  (no stories)");
        }
        for line in table(&s.board, &list, widths).lines() {
            println!("  {line}");
        }
    }
    let closed = s.board.file.sprints.iter().filter(|sp| sp.state == crate::domain::SprintState::Closed).count();
    if closed > 0 {
        println!(
            "\n{}: `sprintboard list --sprint NAME` shows one.",
            crate::text::count(closed, "closed sprint", "closed sprints")
        );
    }
    s.end();
    Ok(())
}

pub fn add(board: Option<&Path>, a: AddArgs) -> Result<(), CliError> {
    // The fields `add_story` does not take are set as `edit` sets them, in the same change.
    let kind = a
        .kind
        .as_deref()
        .map(|k| {
            crate::domain::Kind::parse(k)
                .ok_or_else(|| CliError::bad(format!("{k:?} is not a type: story, bug, task or spike")))
        })
        .transpose()?;
    let rest = Edit { kind, description: a.description.clone(), ..Edit::default() };
    let mut s = session::open(board)?;
    let (key, list) = s.apply(|b, ctx| {
        let new = NewStory {
            title: a.title.clone(),
            sprint: match &a.sprint {
                Some(sp) => b.resolve_list(sp)?,
                None => None,
            },
            status: a.status.clone(),
            points: a.points,
            assignee: a.assignee.clone(),
            epic: a.epic.as_deref().map(|e| b.resolve_epic(e).map(|id| id.to_string())).transpose()?,
            labels: a.labels.clone(),
        };
        let (key, changes) = b.add_story(new, ctx)?;
        if rest != Edit::default() {
            // A new story: the add's changes (written whole, nothing before it) cover the edit.
            b.edit_story(&key, rest.clone(), ctx)?;
        }
        let list = b.list_name(b.story(&key).and_then(|st| st.sprint.as_deref()));
        Ok(((key, list), changes))
    })?;
    // The key alone on standard output, for scripts (`KEY=$(sprintboard add …)`); the words for
    // people on standard error.
    println!("{key}");
    eprintln!("Added {key} {:?} to {list}", a.title.trim());
    s.end();
    Ok(())
}

pub fn list(board: Option<&Path>, sprint: &str, status: Option<&str>, format: ListFormat) -> Result<(), CliError> {
    let s = session::open(board)?;
    let b = &s.board;
    let status = status.map(|st| b.resolve_column(st)).transpose()?;
    let keep = |st: &&Story| status.as_ref().is_none_or(|c| st.status == *c);
    let groups: Vec<(Option<&crate::domain::Sprint>, Vec<&Story>)> = if sprint.trim().eq_ignore_ascii_case("all") {
        b.all_lists()
    } else {
        let list = b.resolve_list(sprint)?;
        vec![(list.as_deref().and_then(|id| b.file.sprint(id)), b.list(list.as_deref()))]
    };
    let groups: Vec<_> =
        groups.into_iter().map(|(sp, l)| (sp, l.into_iter().filter(keep).collect::<Vec<_>>())).collect();
    let flat: Vec<&Story> = groups.iter().flat_map(|(_, l)| l.iter().copied()).collect();
    match format {
        ListFormat::Json => println!("{}", export::json_list(b, &flat).map_err(|e| CliError::refused(e.to_string()))?),
        ListFormat::Csv => print!("{}", export::csv(b, &flat).map_err(|e| CliError::refused(e.to_string()))?),
        ListFormat::Table => {
            let widths = Widths::of(b);
            for (i, (sp, l)) in groups.iter().enumerate() {
                if i > 0 {
                    println!();
                }
                println!("{}", list_heading(b, *sp));
                if l.is_empty() {
                    println!("  (no stories)");
                }
                for line in table(b, l, widths).lines() {
                    println!("  {line}");
                }
            }
        }
    }
    s.end();
    Ok(())
}

pub fn show(board: Option<&Path>, key: &str, format: ShowFormat) -> Result<(), CliError> {
    let s = session::open(board)?;
    let key = s.board.resolve_key(key)?;
    let Some(story) = s.board.story(&key) else {
        return Err(CliError::refused(format!("no story {key}")));
    };
    match format {
        ShowFormat::Json => {
            let json = serde_json::to_string_pretty(&StoryDetail::new(&s.board, story))
                .map_err(|e| CliError::refused(e.to_string()))?;
            println!("{json}");
        }
        ShowFormat::Text => print!("{}", story_text(&s.board, story)),
    }
    s.end();
    Ok(())
}

fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A story as a person reads it in a terminal.
pub fn story_text(b: &Board, s: &Story) -> String {
    let d = StoryDetail::new(b, s);
    let v = &d.summary;
    let mut out = format!("{}  {}\n", v.key, v.title);
    let mut facts = vec![
        format!("Type: {}", d.kind),
        format!("Status: {}", v.status),
        format!("Sprint: {}", v.sprint.as_deref().unwrap_or("backlog")),
    ];
    facts.push(format!("Points: {}", v.points.map_or("-".into(), |p| p.to_string())));
    facts.push(format!("Assignee: {}", v.assignee.as_deref().unwrap_or("-")));
    if let Some(e) = &v.epic {
        facts.push(format!("Epic: {e}"));
    }
    out.push_str(&format!("{}\n", facts.join(" · ")));
    if let Some(o) = &d.origin {
        out.push_str(&format!("Imported from: {o}\n"));
    }
    if !v.labels.is_empty() {
        out.push_str(&format!("Labels: {}\n", v.labels.iter().map(|l| format!("#{l}")).collect::<Vec<_>>().join(" ")));
    }
    let mut scores = Vec::new();
    if let Some(m) = s.moscow {
        scores.push(format!("MoSCoW: {}", m.label()));
    }
    if let Some(r) = &s.rice {
        let score = r.score().map_or("-".into(), num);
        scores.push(format!(
            "RICE: {score} (reach {}, impact {}, confidence {}, effort {})",
            num(r.reach),
            num(r.impact),
            num(r.confidence),
            num(r.effort)
        ));
    }
    if let Some(w) = &s.wsjf {
        let score = w.score().map_or("-".into(), num);
        scores.push(format!(
            "WSJF: {score} (value {}, time {}, risk {}, size {})",
            num(w.business_value),
            num(w.time_criticality),
            num(w.risk_reduction),
            num(w.job_size)
        ));
    }
    if !scores.is_empty() {
        out.push_str(&format!("{}\n", scores.join(" · ")));
    }
    if let Some(r) = &v.blocked {
        out.push_str(&format!("BLOCKED: {r}\n"));
    }
    for (title, text) in [("Description", &s.description), ("Acceptance criteria", &s.acceptance)] {
        if !text.trim().is_empty() {
            out.push_str(&format!("\n{title}:\n"));
            for line in text.lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    let with_status = |keys: &[Short]| -> String {
        keys.iter()
            .map(|k| {
                let col = b.story(k).and_then(|st| b.file.column(&st.status)).map_or("gone", |c| c.name.as_str());
                format!("{k} ({col})")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !s.blocked_by.is_empty() {
        out.push_str(&format!("Waits on: {}\n", with_status(&s.blocked_by)));
    }
    let blocks: Vec<Short> = b.blocks(&s.key).into_iter().map(Short::from).collect();
    if !blocks.is_empty() {
        out.push_str(&format!("Blocks: {}\n", with_status(&blocks)));
    }
    if !s.comments.is_empty() {
        out.push_str("\nComments:\n");
        for c in &s.comments {
            let mut lines = c.text.lines();
            out.push_str(&format!("  {} {}: {}\n", c.at.strftime("%Y-%m-%d %H:%M"), c.by, lines.next().unwrap_or("")));
            for line in lines {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    if !s.history.is_empty() {
        out.push_str("\nHistory:\n");
        for e in &s.history {
            let what = b.describe_change(&e.change);
            let at = e.at.strftime("%Y-%m-%d %H:%M");
            out.push_str(&format!("  {at}  {}  {what}\n", e.by));
        }
    }
    out
}

pub fn move_story(board: Option<&Path>, m: MoveArgs) -> Result<(), CliError> {
    // The others are needed only for their places: a move on a big board reads one story.
    let (mut s, key) = session::open_for(board, &m.key)?;
    let (key, changes) = s.apply(|b, ctx| {
        let key = b.resolve_key(&key)?;
        let position = if m.top {
            Position::Top
        } else if m.bottom {
            Position::Bottom
        } else if let Some(k) = &m.before {
            Position::Before(b.resolve_key(k)?)
        } else if let Some(k) = &m.after {
            Position::After(b.resolve_key(k)?)
        } else {
            Position::Keep
        };
        let sprint = m.sprint.as_deref().map(|sp| b.resolve_list(sp)).transpose()?;
        let mv = Move { sprint, status: m.status.clone(), position };
        let changes = b.move_story(&key, &mv, ctx)?;
        Ok(((key, changes.clone()), changes))
    })?;
    print_where(&s, &key, &changes);
    if m.status.is_some()
        && let Some(note) = s.board.waiting_note(&key)
    {
        eprintln!("sprintboard: warning: {note}");
    }
    s.end();
    Ok(())
}

fn print_where(s: &Session, key: &str, changes: &Changes) {
    let Some(story) = s.board.story(key) else { return };
    let list = s.board.list_name(story.sprint.as_deref());
    let column = s.board.file.column(&story.status).map_or(story.status.as_str(), |c| c.name.as_str());
    let order = s.board.list(story.sprint.as_deref());
    let place = order.iter().position(|o| o.key == key).map_or(0, |p| p + 1);
    let unchanged = if changes.is_empty() { " (unchanged)" } else { "" };
    println!("{key} → {list} · {column} · #{place} of {}{unchanged}", order.len());
}

fn parse_optional<T>(value: &str, what: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, CliError> {
    if value.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    parse(value).map(Some).ok_or_else(|| CliError::bad(format!("invalid {what}: {value:?}")))
}

fn numbers<const N: usize>(value: &str) -> Option<[f64; N]> {
    let parts: Vec<f64> = value.split(',').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().ok()?;
    parts.try_into().ok()
}

/// Turns the edit flags into an [`Edit`], resolving names against the board.
fn edit_from_args(b: &Board, key: &str, e: &EditArgs) -> Result<Edit, CliError> {
    let mut edit = Edit {
        title: e.title.clone(),
        description: e.description.clone(),
        acceptance: e.acceptance.clone(),
        ..Edit::default()
    };
    if let Some(k) = &e.kind {
        edit.kind = Some(crate::domain::Kind::parse(k).ok_or_else(|| {
            crate::domain::OpError::Invalid(format!("{k:?} is not a type: story, bug, task or spike"))
        })?);
    }
    if let Some(p) = &e.points {
        edit.points = Some(parse_optional(p, "points (a whole number or none)", |v| v.trim().parse().ok())?);
    }
    if e.unassign {
        edit.assignee = Some(None);
    } else if let Some(a) = &e.assignee {
        edit.assignee = Some(Some(a.clone()));
    }
    if let Some(ep) = &e.epic {
        edit.epic = Some(match parse_optional(ep, "epic", |v| Some(v.to_owned()))? {
            Some(name) => Some(b.resolve_epic(&name)?.to_string()),
            None => None,
        });
    }
    if !e.labels.is_empty() || !e.unlabels.is_empty() {
        let current = b.story(key).map(|s| s.labels.clone()).unwrap_or_default();
        let drop: Vec<&str> = e.unlabels.iter().map(|l| l.trim().trim_start_matches('#')).collect();
        let mut labels: Vec<String> =
            current.into_iter().filter(|l| !drop.contains(&l.as_str())).map(|l| l.to_string()).collect();
        labels.extend(e.labels.iter().cloned());
        edit.labels = Some(labels);
    }
    if e.unblocked {
        edit.blocked = Some(None);
    } else if let Some(r) = &e.blocked {
        edit.blocked = Some(Some(r.clone()));
    }
    if let Some(m) = &e.moscow {
        edit.moscow = Some(parse_optional(m, "MoSCoW class (must, should, could, wont or none)", Moscow::parse)?);
    }
    if let Some(r) = &e.rice {
        edit.rice = Some(parse_optional(r, "RICE inputs (reach,impact,confidence,effort)", |v| {
            numbers::<4>(v).map(|[reach, impact, confidence, effort]| Rice { reach, impact, confidence, effort })
        })?);
    }
    if let Some(w) = &e.wsjf {
        edit.wsjf = Some(parse_optional(w, "WSJF inputs (value,time criticality,risk reduction,job size)", |v| {
            numbers::<4>(v).map(|[business_value, time_criticality, risk_reduction, job_size]| Wsjf {
                business_value,
                time_criticality,
                risk_reduction,
                job_size,
            })
        })?);
    }
    Ok(edit)
}

pub fn edit(board: Option<&Path>, e: EditArgs) -> Result<(), CliError> {
    let mut s = session::open(board)?;
    let key = s.board.resolve_key(&e.key)?;
    // Validate the flags once up front, so a usage mistake is reported before anything is read twice.
    let first = edit_from_args(&s.board, &key, &e)?;
    if first == Edit::default() {
        return Err(CliError::bad("nothing to change: give at least one field, e.g. --title or --points (see --help)"));
    }
    let changes = s.apply(|b, ctx| {
        let key = b.resolve_key(&e.key)?;
        let edit = edit_from_args(b, &key, &e).map_err(|err| crate::domain::OpError::Invalid(err.message))?;
        let changes = b.edit_story(&key, edit, ctx)?;
        Ok((changes.clone(), changes))
    })?;
    let note = if changes.is_empty() { " (unchanged)" } else { "" };
    println!("{key} updated{note}");
    s.end();
    Ok(())
}

/// `link A --blocks B` (`add`) or `unlink A B`.
pub fn link(board: Option<&Path>, blocker: &str, key: &str, add: bool) -> Result<(), CliError> {
    let mut s = session::open(board)?;
    let (blocker, key) = s.apply(|b, ctx| {
        let (blocker, key) = (b.resolve_key(blocker)?, b.resolve_key(key)?);
        let changes = if add { b.link(&blocker, &key, ctx)? } else { b.unlink(&blocker, &key, ctx)? };
        Ok(((blocker, key), changes))
    })?;
    if add {
        println!("{key} waits on {blocker}");
    } else {
        println!("{key} no longer waits on {blocker}");
    }
    s.end();
    Ok(())
}

pub fn comment(board: Option<&Path>, key: &str, text: &str) -> Result<(), CliError> {
    let mut s = session::open(board)?;
    let key = s.apply(|b, ctx| {
        let key = b.resolve_key(key)?;
        let changes = b.add_comment(&key, text, ctx)?;
        Ok((key, changes))
    })?;
    println!("Commented on {key}");
    s.end();
    Ok(())
}

pub fn delete(board: Option<&Path>, key: &str, yes: bool) -> Result<(), CliError> {
    use std::io::{BufRead, IsTerminal, Write};
    let mut s = session::open(board)?;
    if !yes && std::io::stdin().is_terminal() {
        let found = s.board.resolve_key(key)?;
        let title = s.board.story(&found).map(|st| st.title.clone()).unwrap_or_default();
        eprint!("Delete {found} {title}? [y/N] ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
            return Err(CliError::refused("not deleted"));
        }
    }
    let (key, title, unlinked) = s.apply(|b, _| {
        let key = b.resolve_key(key)?;
        let title = b.story(&key).map(|st| st.title.clone()).unwrap_or_default();
        let changes = b.delete_story(&key)?;
        // The other stories written: those that waited on it.
        let unlinked = changes.stories.len();
        Ok(((key.clone(), title, unlinked), changes))
    })?;
    println!("Deleted {key} {title}");
    if unlinked > 0 {
        println!("{} no longer waiting on it", crate::text::count(unlinked, "story", "stories"));
    }
    s.end();
    Ok(())
}
