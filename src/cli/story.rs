//! Story commands: overview, add, list, show, move, edit, delete.

use std::path::Path;

use super::args::{AddArgs, EditArgs, ListFormat, MoveArgs, ShowFormat};
use super::session::{self, Session};
use super::{CliError, or_none};
use crate::domain::fields;
use crate::domain::{Board, Changes, Edit, Move, NewStory, Story};
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
    let kind = a.kind.as_deref().map(|k| fields::kind(k).map_err(CliError::bad)).transpose()?;
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
        ShowFormat::Text => print!("{}", crate::interop::story_text::story_text(&s.board, story)),
    }
    s.end();
    Ok(())
}

pub fn move_story(board: Option<&Path>, m: MoveArgs) -> Result<(), CliError> {
    // The others are needed only for their places: a move on a big board reads one story.
    let (mut s, key) = session::open_for(board, &m.key)?;
    let (key, changes) = s.apply(|b, ctx| {
        let key = b.resolve_key(&key)?;
        let position = b.resolve_place(m.top, m.bottom, m.before.as_deref(), m.after.as_deref())?;
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

/// Turns the edit flags into an [`Edit`], resolving names against the board. Each value is read
/// by the field's parser in `domain::fields`, as the Story view and the `$EDITOR` form read it.
fn edit_from_args(b: &Board, key: &str, e: &EditArgs) -> Result<Edit, CliError> {
    let mut edit = Edit {
        title: e.title.clone(),
        description: e.description.clone(),
        acceptance: e.acceptance.clone(),
        ..Edit::default()
    };
    let bad = |field: fields::Field| move |m: String| CliError::bad(format!("--{}: {m}", field_flag(field)));
    if let Some(k) = &e.kind {
        edit.kind = Some(fields::kind(k).map_err(bad(fields::Field::Kind))?);
    }
    if let Some(p) = &e.points {
        edit.points = Some(fields::points(or_none(p)).map_err(bad(fields::Field::Points))?);
    }
    if e.unassign {
        edit.assignee = Some(None);
    } else if let Some(a) = &e.assignee {
        edit.assignee = Some(Some(a.clone()));
    }
    if let Some(ep) = &e.epic {
        let name = or_none(ep).trim();
        edit.epic = Some(if name.is_empty() { None } else { Some(b.resolve_epic(name)?.to_string()) });
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
        edit.moscow = Some(fields::moscow(or_none(m)).map_err(bad(fields::Field::Moscow))?);
    }
    if let Some(r) = &e.rice {
        edit.rice = Some(fields::rice(or_none(r)).map_err(bad(fields::Field::Rice))?);
    }
    if let Some(w) = &e.wsjf {
        edit.wsjf = Some(fields::wsjf(or_none(w)).map_err(bad(fields::Field::Wsjf))?);
    }
    Ok(edit)
}

/// The `edit` flag of a field, as the table gives it.
fn field_flag(field: fields::Field) -> &'static str {
    field.spec().flag.map_or(field.spec().name, |f| f.set)
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
