//! Reports computed from the stories' histories: velocity, burndown, and what each person did
//! since the last standup. Pure functions of the board and a time.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::domain::{Board, Change, ListId, ShortText, Sprint, SprintState, Story, sum_points};

/// Where a story was at a moment: its sprint and column. `None` before it existed.
pub fn state_at(s: &Story, t: Timestamp) -> Option<(ListId, ShortText)> {
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
            Change::Created { .. } | Change::Blocked { .. } | Change::Points { .. } | Change::Overwrote { .. } => {}
        }
    }
    Some((sprint, status))
}

/// A story's estimate at a moment: replayed from its re-estimates (before the first one, what
/// that one changed from); a story never re-estimated has the points it has now.
pub fn points_at(s: &Story, t: Timestamp) -> u32 {
    let mut estimates = s.history.iter().filter_map(|e| match e.change {
        Change::Points { from, to } => Some((e.at, from, to)),
        _ => None,
    });
    let Some((at, from, to)) = estimates.next() else { return points(s) };
    if at > t {
        return from.unwrap_or(0);
    }
    let mut value = to;
    for (at, _, to) in estimates {
        if at > t {
            break;
        }
        value = to;
    }
    value.unwrap_or(0)
}

fn points(s: &Story) -> u32 {
    s.points.unwrap_or(0)
}

/// One sprint's commitment and what was finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Velocity {
    pub sprint: String,
    pub state: &'static str,
    /// Points in the sprint when it started, as they were estimated then (or now, when it never
    /// started): re-estimating later does not change a commitment.
    pub committed: u32,
    /// Points finished in it: the stories in its last column when it closed (now, while it runs),
    /// at their estimate then.
    pub completed: u32,
}

/// How many closed sprints the velocity averages over.
pub const VELOCITY_SPRINTS: usize = 3;

/// Points finished in a sprint: the stories in the last column and in the sprint when it
/// closed (unfinished work was carried over then), at their estimate then; for a sprint still
/// running, as they are now.
pub fn completed(board: &Board, sprint: &str) -> u32 {
    let done = board.file.done_column().map(|c| c.id.as_str()).unwrap_or("");
    match board.file.sprint(sprint).and_then(|sp| sp.closed_at) {
        Some(t) => sum_points(
            board
                .stories
                .values()
                .filter(|s| state_at(s, t).is_some_and(|(sp, status)| sp.as_deref() == Some(sprint) && status == done))
                .map(|s| points_at(s, t)),
        ),
        None => sum_points(
            board
                .stories
                .values()
                .map(|s| &**s)
                .filter(|s| s.sprint.as_deref() == Some(sprint) && s.status == done)
                .map(points),
        ),
    }
}

/// The velocity that forecasts: the average completed points of the last
/// [`VELOCITY_SPRINTS`] closed sprints, and how many sprints that is. `None` before a sprint
/// has closed.
pub fn recent_velocity(board: &Board) -> Option<(u32, usize)> {
    let closed: Vec<&Sprint> = board.file.sprints.iter().filter(|s| s.state == SprintState::Closed).collect();
    let recent = &closed[closed.len().saturating_sub(VELOCITY_SPRINTS)..];
    if recent.is_empty() {
        return None;
    }
    // In u64: three sprints of `u32::MAX` points each (files written by hand) add up to more.
    let total: u64 = recent.iter().map(|sp| u64::from(completed(board, &sp.id))).sum();
    Some((u32::try_from(total / recent.len() as u64).unwrap_or(u32::MAX), recent.len()))
}

/// Committed and completed points per started sprint, in order.
pub fn velocity(board: &Board) -> Vec<Velocity> {
    velocity_last(board, usize::MAX)
}

/// Like [`velocity`], for the last `n` started sprints only (each one replays every story's
/// history, so a view asks only for what it shows).
pub fn velocity_last(board: &Board, n: usize) -> Vec<Velocity> {
    let started: Vec<&Sprint> = board.file.sprints.iter().filter(|s| s.state != SprintState::Planned).collect();
    started[started.len().saturating_sub(n)..]
        .iter()
        .map(|sp| {
            let committed = match sp.started_at {
                Some(t) => sum_points(
                    board
                        .stories
                        .values()
                        .filter(|s| state_at(s, t).is_some_and(|(sprint, _)| sprint.as_deref() == Some(&sp.id)))
                        .map(|s| points_at(s, t)),
                ),
                None => board.points(Some(&sp.id)),
            };
            Velocity {
                sprint: sp.name.clone(),
                state: sp.state.label(),
                committed,
                completed: completed(board, &sp.id),
            }
        })
        .collect()
}

/// Points left to do in a sprint at the end of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BurndownDay {
    pub date: Date,
    /// Points not done at the end of the day; on the day a sprint closed, at its close, before
    /// its unfinished work was carried out. `None` for a day still to come (or after an early
    /// close).
    pub remaining: Option<u32>,
    /// All the points in the sprint that day: it moves when stories are added or removed, or
    /// re-estimated, during the sprint (a scope change, as Jira shows it); the work carried
    /// out at the close is not one. `None` when `remaining` is.
    pub scope: Option<u32>,
    /// The straight line from the first day's total to zero at the end of the last working
    /// day, falling on working days only (flat over a weekend); zero after the sprint's end.
    pub ideal: u32,
    /// On the day a sprint closed: the points it left unfinished (carried over to the next
    /// sprint or the backlog), which `remaining` ends at. `None` on every other day.
    pub carried_over: Option<u32>,
}

/// The burndown of a sprint, one entry per day of its dates, from its start to its end, and
/// on past the end to the day it closed (or to today, while it runs late). Days to come are
/// there with their ideal value only, so a chart spans the whole sprint. A closed sprint is
/// measured up to its close, not after: its last day ends at the work it left unfinished.
/// `None` when the sprint has no start date.
pub fn burndown(board: &Board, sprint: &Sprint, today: Date, tz: &TimeZone) -> Option<Vec<BurndownDay>> {
    let start = sprint.start?;
    // The close, for a closed sprint that says when: the unfinished stories move out at that
    // very instant, so the sprint is measured a moment before.
    let close = sprint.closed_at.filter(|_| sprint.state == SprintState::Closed);
    let close_day = close.map(|t| t.to_zoned_datetime(tz.clone()).date().max(start));
    let end = sprint.end.or(close_day).unwrap_or(today).max(start);
    let last = match (sprint.state, close_day) {
        (SprintState::Closed, Some(closed)) => end.max(closed),
        (SprintState::Active, _) => end.max(today),
        _ => end,
    };
    // The last day with figures: the close, else today.
    let measured_to = close_day.unwrap_or(today);
    let done = board.file.done_column().map(|c| c.id.clone()).unwrap_or_default();
    // The moment a day is measured at: its last instant in the board's time zone, or just
    // before the close on the day the sprint closed.
    let instant = |d: Date| -> Timestamp {
        let next = d.tomorrow().unwrap_or(d);
        let t = next.to_zoned_datetime(tz.clone()).map(|z| z.timestamp()).unwrap_or(Timestamp::MAX);
        let end_of_day = t.checked_sub(jiff::SignedDuration::from_nanos(1)).unwrap_or(t);
        match close {
            Some(c) => end_of_day.min(c.checked_sub(jiff::SignedDuration::from_nanos(1)).unwrap_or(c)),
            None => end_of_day,
        }
    };
    let remaining_at = |t: Timestamp| -> (u32, u32) {
        let mut total = 0;
        let mut left = 0;
        for s in board.stories.values() {
            if let Some((Some(sp), status)) = state_at(s, t)
                && sp == sprint.id
            {
                let p = points_at(s, t);
                // Saturating: a file written by hand may hold any estimate.
                total = u32::saturating_add(total, p);
                if status != done {
                    left = u32::saturating_add(left, p);
                }
            }
        }
        (total, left)
    };
    let (first_total, _) = remaining_at(instant(start));
    // The ideal line falls on working days only, from the first day's total to zero at the end
    // of the last working day (calendar days when the sprint has no working day after its
    // first).
    let worked = |from: Date, to: Date| -> u32 {
        from.series(jiff::Span::new().days(1))
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| board.file.works_on(*d))
            .count() as u32
    };
    let working = worked(start, end);
    let span = if working > 0 { working } else { (end - start).get_days().max(1) as u32 };
    let mut days = Vec::new();
    let mut d = start;
    // Working days (or calendar days, when the sprint has none) since the start, counted as
    // the days go by.
    let mut elapsed = 0;
    loop {
        if d > start && (working == 0 || board.file.works_on(d)) {
            elapsed += 1;
        }
        let elapsed = elapsed.min(span);
        // In u64: `first_total * elapsed` may be more than a u32 holds; the quotient is at most
        // `first_total` (elapsed <= span).
        let fallen = u64::from(first_total) * u64::from(elapsed) / u64::from(span);
        let ideal = first_total.saturating_sub(u32::try_from(fallen).unwrap_or(first_total));
        let measured = (d <= measured_to).then(|| remaining_at(instant(d)));
        let carried_over = match (measured, close_day) {
            (Some((_, left)), Some(closed)) if closed == d => Some(left),
            _ => None,
        };
        days.push(BurndownDay {
            date: d,
            remaining: measured.map(|(_, left)| left),
            scope: measured.map(|(total, _)| total),
            ideal,
            carried_over,
        });
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

/// Delivery figures over the board's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flow {
    /// Completed points over committed points, over the closed sprints.
    pub completion_rate: Option<f64>,
    /// Median days from leaving the first column to reaching the last, over finished stories.
    pub cycle_time_days: Option<f64>,
    /// How many finished stories the cycle time is measured over.
    pub finished: usize,
    /// Calendar days from one sprint's start to the next one's on the team's cadence (see
    /// [`crate::domain::BoardFile::sprint_every_days`]): what `N` and the forecast step by.
    pub sprint_every_days: Option<i64>,
}

pub fn flow(board: &Board) -> Flow {
    let closed: Vec<Velocity> = velocity(board).into_iter().filter(|v| v.state == "closed").collect();
    let committed = sum_points(closed.iter().map(|v| v.committed));
    let completed = sum_points(closed.iter().map(|v| v.completed));
    let completion_rate = (committed > 0).then(|| completed as f64 / committed as f64);

    let first = board.file.columns.first().map(|c| c.id.as_str()).unwrap_or("");
    let done = board.file.done_column().map(|c| c.id.as_str()).unwrap_or("");
    let mut cycles: Vec<f64> = board
        .stories
        .values()
        .filter(|s| s.status == done)
        .filter_map(|s| {
            let started = s.history.iter().find_map(|e| match &e.change {
                Change::Status { from, .. } if from == first => Some(e.at),
                _ => None,
            })?;
            let finished = s.history.iter().rev().find_map(|e| match &e.change {
                Change::Status { to, .. } if to == done => Some(e.at),
                _ => None,
            })?;
            (finished >= started).then(|| (finished - started).as_secs_f64() / 86_400.0)
        })
        .collect();
    cycles.sort_by(f64::total_cmp);
    let cycle_time_days = match cycles.len() {
        0 => None,
        n if n % 2 == 1 => Some(cycles[n / 2]),
        n => Some((cycles[n / 2 - 1] + cycles[n / 2]) / 2.0),
    };
    let sprint_every_days = board.file.sprint_every_days();
    Flow { completion_rate, cycle_time_days, finished: cycles.len(), sprint_every_days }
}

/// An epic's points in each list, and how much of it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EpicRow {
    pub epic: String,
    /// Points per list, in the order of the lists asked for.
    pub points: Vec<u32>,
    pub done: u32,
    pub total: u32,
    /// Its stories, and how many of them are done (an epic without points is measured so).
    pub stories: usize,
    pub stories_done: usize,
}

/// For each epic (and stories without one, last), its points in each of `lists`, counting
/// the stories `shown` lets through.
pub fn roadmap(board: &Board, lists: &[ListId], shown: &dyn Fn(&Story) -> bool) -> Vec<EpicRow> {
    let done = board.file.done_column().map(|c| c.id.clone()).unwrap_or_default();
    let epics: Vec<(Option<ShortText>, String)> = board
        .file
        .epics
        .iter()
        .map(|e| (Some(e.id.clone()), e.name.clone()))
        .chain(std::iter::once((None, "(no epic)".to_owned())))
        .collect();
    epics
        .into_iter()
        .map(|(id, name)| {
            let mine: Vec<&Story> = board.stories.values().map(|s| &**s).filter(|s| s.epic == id && shown(s)).collect();
            EpicRow {
                epic: name,
                points: lists
                    .iter()
                    .map(|l| sum_points(mine.iter().filter(|s| &s.sprint == l).map(|s| points(s))))
                    .collect(),
                done: sum_points(mine.iter().filter(|s| s.status == done).map(|s| points(s))),
                total: sum_points(mine.iter().map(|s| points(s))),
                stories: mine.len(),
                stories_done: mine.iter().filter(|s| s.status == done).count(),
            }
        })
        .filter(|r| r.total > 0 || board.file.epics.iter().any(|e| e.name == r.epic))
        .collect()
}

/// A horizontal bar of `value` out of `max`, `width` characters at most.
pub fn bar(value: u32, max: u32, width: usize) -> String {
    if max == 0 {
        return String::new();
    }
    // In u64: `value * width` may be more than a u32 (or a 32-bit usize) holds.
    let n = (u64::from(value) * width as u64).div_ceil(u64::from(max)).min(width as u64) as usize;
    "█".repeat(n)
}

#[cfg(test)]
mod tests;

mod forecast;
mod standup;
pub use forecast::{
    EpicOdds, Forecast, ForecastSprint, NoForecast, Odds, Plan, RUNS as FORECAST_RUNS, SEED as FORECAST_SEED,
    StoryOdds, forecast, forecast_with, future_sprints, history as forecast_history,
};
pub use standup::{Person, last_standup, standup};
/// The standup's `since` and its text, as `report standup` and the agents' `standup` give them.
pub use standup::{since as standup_since, text as standup_text};
