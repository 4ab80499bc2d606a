//! Reports computed from the stories' histories: velocity, burndown, and what each person did
//! since the last standup. Pure functions of the board and a time.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::domain::{Board, Change, Sprint, SprintState, Story};

/// Where a story was at a moment: its sprint and column. `None` before it existed.
pub fn state_at(s: &Story, t: Timestamp) -> Option<(Option<String>, String)> {
    if s.created > t {
        return None;
    }
    // Replay the history from the creation; a story without one is taken as it is now.
    let created = s.history.iter().find_map(|e| match &e.change {
        Change::Created { status, sprint } => Some((sprint.clone(), status.clone())),
        _ => None,
    });
    let Some((mut sprint, mut status)) = created else {
        return Some((s.sprint.clone(), s.status.clone()));
    };
    for e in s.history.iter().filter(|e| e.at <= t) {
        match &e.change {
            Change::Status { to, .. } => status = to.clone(),
            Change::Sprint { to, .. } => sprint = to.clone(),
            Change::Created { .. } | Change::Blocked { .. } => {}
        }
    }
    Some((sprint, status))
}

fn points(s: &Story) -> u32 {
    s.points.unwrap_or(0)
}

/// One sprint's commitment and what was finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Velocity {
    pub sprint: String,
    pub state: &'static str,
    /// Points in the sprint when it started (or now, when it never started).
    pub committed: u32,
    /// Points finished in it (in the last column, and still in the sprint).
    pub completed: u32,
}

/// Committed and completed points per started sprint, in order.
pub fn velocity(board: &Board) -> Vec<Velocity> {
    let done = board.file.done_column().map(|c| c.id.clone()).unwrap_or_default();
    board
        .file
        .sprints
        .iter()
        .filter(|s| s.state != SprintState::Planned)
        .map(|sp| {
            let committed = match sp.started_at {
                Some(t) => board
                    .stories
                    .values()
                    .filter(|s| state_at(s, t).is_some_and(|(sprint, _)| sprint.as_deref() == Some(&sp.id)))
                    .map(points)
                    .sum(),
                None => board.points(Some(&sp.id)),
            };
            let completed = board.list(Some(&sp.id)).iter().filter(|s| s.status == done).map(|s| points(s)).sum();
            Velocity { sprint: sp.name.clone(), state: sp.state.label(), committed, completed }
        })
        .collect()
}

/// Points left to do in a sprint at the end of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BurndownDay {
    pub date: Date,
    pub remaining: u32,
    /// The straight line from the first day's total to zero on the last day.
    pub ideal: u32,
}

/// The burndown of a sprint, one entry per day from its start to its end (or today, when that
/// comes first). `None` when the sprint has no start date.
pub fn burndown(board: &Board, sprint: &Sprint, today: Date, tz: &TimeZone) -> Option<Vec<BurndownDay>> {
    let start = sprint.start?;
    let end = sprint.end.unwrap_or(today).max(start);
    let last = end.min(today).max(start);
    let done = board.file.done_column().map(|c| c.id.clone()).unwrap_or_default();
    // The last instant of a day in the board's time zone.
    let end_of = |d: Date| -> Timestamp {
        let next = d.tomorrow().unwrap_or(d);
        let t = next.to_zoned_datetime(tz.clone()).map(|z| z.timestamp()).unwrap_or(Timestamp::MAX);
        t.checked_sub(jiff::SignedDuration::from_nanos(1)).unwrap_or(t)
    };
    let remaining_at = |t: Timestamp| -> (u32, u32) {
        let mut total = 0;
        let mut left = 0;
        for s in board.stories.values() {
            if let Some((Some(sp), status)) = state_at(s, t)
                && sp == sprint.id
            {
                total += points(s);
                if status != done {
                    left += points(s);
                }
            }
        }
        (total, left)
    };
    let (first_total, _) = remaining_at(end_of(start));
    let span = (end - start).get_days().max(1) as u32;
    let mut days = Vec::new();
    let mut d = start;
    loop {
        let (_, left) = remaining_at(end_of(d));
        let elapsed = (d - start).get_days() as u32;
        let ideal = first_total.saturating_sub(first_total * elapsed / span);
        days.push(BurndownDay { date: d, remaining: left, ideal });
        if d >= last {
            break;
        }
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    Some(days)
}

/// What one person did since the last standup, and has on their plate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    /// Moves since then: `SB-K7QX Title: To Do → In Progress`.
    pub moved: Vec<String>,
    /// Their stories in progress in the active sprint.
    pub in_progress: Vec<String>,
    /// Their blocked stories, with the reason.
    pub blocked: Vec<String>,
}

/// Per person (assignee, or who made a change), their moves since `since`, what they have in
/// progress and what is blocked. People with nothing to say are left out.
pub fn standup(board: &Board, since: Timestamp) -> Vec<Person> {
    let col = |id: &str| board.file.column(id).map_or_else(|| id.to_owned(), |c| c.name.clone());
    let list = |id: &Option<String>| board.list_name(id.as_deref());
    let active = board.file.active_sprint().map(|s| s.id.clone());
    let first = board.file.columns.first().map(|c| c.id.clone());
    let done = board.file.done_column().map(|c| c.id.clone());
    let mut people: Vec<Person> = Vec::new();
    fn entry<'p>(people: &'p mut Vec<Person>, name: &str) -> &'p mut Person {
        let i = match people.iter().position(|p| p.name == name) {
            Some(i) => i,
            None => {
                people.push(Person { name: name.to_owned(), moved: vec![], in_progress: vec![], blocked: vec![] });
                people.len() - 1
            }
        };
        &mut people[i]
    }
    let mut stories: Vec<&Story> = board.stories.values().collect();
    stories.sort_by(|a, b| (&a.sprint, &a.rank, &a.key).cmp(&(&b.sprint, &b.rank, &b.key)));
    let mut moves: Vec<(Timestamp, String, String)> = Vec::new();
    for s in &stories {
        for e in s.history.iter().filter(|e| e.at >= since) {
            let what = match &e.change {
                Change::Status { from, to } => format!("{} → {}", col(from), col(to)),
                Change::Sprint { from, to } => format!("{} → {}", list(from), list(to)),
                Change::Created { sprint, .. } => format!("created in {}", list(sprint)),
                Change::Blocked { reason: Some(r) } => format!("blocked: {r}"),
                Change::Blocked { reason: None } => "unblocked".to_owned(),
            };
            moves.push((e.at, e.by.clone(), format!("{} {}: {what}", s.key, s.title)));
        }
    }
    moves.sort();
    for (_, who, line) in moves {
        entry(&mut people, &who).moved.push(line);
    }
    for s in &stories {
        let Some(who) = &s.assignee else { continue };
        let in_active = s.sprint.is_some() && s.sprint == active;
        if in_active && Some(&s.status) != first.as_ref() && Some(&s.status) != done.as_ref() {
            entry(&mut people, who).in_progress.push(format!("{} {} ({})", s.key, s.title, col(&s.status)));
        }
        if let Some(reason) = &s.blocked {
            entry(&mut people, who).blocked.push(format!("{} {}: {reason}", s.key, s.title));
        }
    }
    people.sort_by_key(|p| p.name.to_lowercase());
    people
}

/// A horizontal bar of `value` out of `max`, `width` characters at most.
pub fn bar(value: u32, max: u32, width: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let n = (value as usize * width).div_ceil(max as usize).min(width);
    "█".repeat(n)
}

#[cfg(test)]
mod tests;
