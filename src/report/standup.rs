//! The standup: per person, what they created and moved since the last standup, what they have in
//! progress, what they have still to do and what is blocked.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::domain::{Board, Change, Story};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    /// Stories they created since then: `SB-K7QX Title: in Sprint 3`.
    pub created: Vec<String>,
    /// Moves since then: `SB-K7QX Title: To Do → In Progress` (a move and its reversal left out).
    pub moved: Vec<String>,
    /// Their stories in progress in the active sprint.
    pub in_progress: Vec<String>,
    /// Their stories still to do in the active sprint (in its first column).
    pub to_do: Vec<String>,
    /// Their blocked stories, with the reason.
    pub blocked: Vec<String>,
}

/// When the last standup was: a day before now, or on a Monday, since Friday.
pub fn last_standup(now: Timestamp, today: Date) -> Timestamp {
    let hours = if today.weekday() == jiff::civil::Weekday::Monday { 72 } else { 24 };
    now.checked_sub(jiff::SignedDuration::from_hours(hours)).unwrap_or(now)
}

/// A `since` as typed: a date (its start, local time) or an RFC 3339 time; by default the
/// last standup (see [`last_standup`]). The message of a mistake starts with what was typed.
pub fn since(value: Option<&str>, now: Timestamp) -> Result<Timestamp, String> {
    let tz = jiff::tz::TimeZone::system();
    let Some(v) = value.map(str::trim) else {
        return Ok(last_standup(now, now.to_zoned_datetime(tz).date()));
    };
    if let Ok(t) = v.parse::<Timestamp>() {
        return Ok(t);
    }
    v.parse::<Date>()
        .ok()
        .and_then(|d| d.to_zoned_datetime(tz).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| format!("{v:?}: expected a date like 2026-11-20 or a time like 2026-11-20T09:00:00Z"))
}

/// The standup as text: since when, then each person's stories by what happened to them.
pub fn text(people: &[Person], since: Timestamp) -> String {
    let when = since.to_zoned_datetime(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M");
    if people.is_empty() {
        return format!("Nothing moved since {when}, and nothing is in progress or blocked.\n");
    }
    let mut out = format!("Since {when}\n");
    for p in people {
        out.push_str(&format!("\n{}\n", p.name));
        let lists = [
            ("created", &p.created),
            ("moved", &p.moved),
            ("doing", &p.in_progress),
            ("to do", &p.to_do),
            ("blocked", &p.blocked),
        ];
        if lists.iter().all(|(_, items)| items.is_empty()) {
            out.push_str("  nothing open; their work in the sprint is done\n");
        }
        for (what, items) in lists {
            for item in items {
                out.push_str(&format!("  {what:<8} {item}\n"));
            }
        }
    }
    out
}

/// Whether `b` undoes `a` (a status or sprint change back to where it came from).
fn reverses(a: &Change, b: &Change) -> bool {
    match (a, b) {
        (Change::Status { from, to }, Change::Status { from: f2, to: t2 }) => from == t2 && to == f2,
        (Change::Sprint { from, to }, Change::Sprint { from: f2, to: t2 }) => from == t2 && to == f2,
        (Change::Blocked { reason: Some(_) }, Change::Blocked { reason: None }) => true,
        _ => false,
    }
}

/// The people who have work assigned in the active sprint, and anyone who moved a story since
/// `since`, one entry each, in name order; only the stories `shown` lets through count. Names
/// that are aliases of one of the board's people are that person.
pub fn standup(board: &Board, since: Timestamp, shown: &dyn Fn(&Story) -> bool) -> Vec<Person> {
    let col = |id: &str| board.file.column(id).map_or_else(|| id.to_owned(), |c| c.name.clone());
    let active = board.file.active_sprint().map(|s| s.id.clone());
    let first = board.file.columns.first().map(|c| c.id.clone());
    let done = board.file.done_column().map(|c| c.id.clone());
    let mut people: Vec<Person> = Vec::new();
    fn entry<'p>(people: &'p mut Vec<Person>, name: &str) -> &'p mut Person {
        let i = match people.iter().position(|p| p.name == name) {
            Some(i) => i,
            None => {
                people.push(Person {
                    name: name.to_owned(),
                    created: vec![],
                    moved: vec![],
                    in_progress: vec![],
                    to_do: vec![],
                    blocked: vec![],
                });
                people.len() - 1
            }
        };
        &mut people[i]
    }
    let mut stories: Vec<&Story> = board.stories.values().map(|s| &**s).filter(|s| shown(s)).collect();
    stories.sort_by(|a, b| (&a.sprint, &a.rank, &a.key).cmp(&(&b.sprint, &b.rank, &b.key)));
    // When, who, whether it is a creation, and what.
    let mut moves: Vec<(Timestamp, String, bool, String)> = Vec::new();
    for s in &stories {
        // Per person, a move followed by its reversal is no move at all.
        let mut kept: Vec<&crate::domain::Event> = Vec::new();
        for e in s.history.iter().filter(|e| e.at >= since) {
            match kept.iter().rposition(|k| board.person(&k.by) == board.person(&e.by)) {
                Some(i) if reverses(&kept[i].change, &e.change) => {
                    kept.remove(i);
                }
                _ => kept.push(e),
            }
        }
        for e in kept {
            let (created, what) = match &e.change {
                Change::Created { sprint, .. } => (true, format!("in {}", board.list_name(sprint.as_deref()))),
                other => (false, board.describe_change(other)),
            };
            moves.push((e.at, board.person(&e.by), created, format!("{} {}: {what}", s.key, s.title)));
        }
    }
    moves.sort();
    for (_, who, created, line) in moves {
        let person = entry(&mut people, &who);
        if created { person.created.push(line) } else { person.moved.push(line) }
    }
    for s in &stories {
        let Some(who) = s.assignee.as_deref().map(|a| board.person(a)) else { continue };
        let who = &who;
        let in_active = s.sprint.is_some() && s.sprint == active;
        if in_active && Some(&s.status) == first.as_ref() {
            entry(&mut people, who).to_do.push(format!("{} {}", s.key, s.title));
        } else if in_active && Some(&s.status) != done.as_ref() {
            entry(&mut people, who).in_progress.push(format!("{} {} ({})", s.key, s.title, col(&s.status)));
        } else if in_active {
            // Done this sprint: they are part of the standup even with nothing open.
            entry(&mut people, who);
        }
        if let Some(reason) = &s.blocked {
            entry(&mut people, who).blocked.push(format!("{} {}: {reason}", s.key, s.title));
        }
    }
    people.sort_by_key(|p| p.name.to_lowercase());
    people
}

#[cfg(test)]
mod tests;
