//! When will it be done? A Monte Carlo simulation over the team's own history: each run draws
//! one past velocity (completed points of a closed sprint) for each future sprint and burns the
//! work in plan order (what is left of the active sprint, then the planned sprints in order,
//! then the backlog by rank). For every story and epic, the sprint by which it is done in 50 %,
//! 85 % and 95 % of the runs.

use jiff::civil::Date;
use serde::Serialize;

use crate::domain::{Board, SprintState, Story};

/// How many closed sprints the history holds at most (the latest).
pub const HISTORY: usize = 10;
/// A run that needs more sprints than this stops counting: the work is "later".
const HORIZON: usize = 100;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Odds {
    /// Sprints, counted from 1 = the active sprint (or the next one when none is active).
    pub p50: usize,
    pub p85: usize,
    pub p95: usize,
    /// The end of the p85 sprint: its own end date when planned, else extrapolated.
    pub p85_date: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryOdds {
    pub key: String,
    #[serde(flatten)]
    pub odds: Odds,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpicOdds {
    pub epic: String,
    #[serde(flatten)]
    pub odds: Odds,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// The completed points of the closed sprints drawn from, oldest first.
    pub history: Vec<u32>,
    pub runs: usize,
    pub stories: Vec<StoryOdds>,
    pub epics: Vec<EpicOdds>,
    /// Runs in which all the work was done by sprint n (index n - 1): the distribution a chart
    /// draws.
    #[serde(skip)]
    pub finish: Vec<u32>,
}

/// Why there is no forecast.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoForecast {
    #[error("not enough history: {}; a forecast needs at least 2", crate::text::count(*.0, "closed sprint", "closed sprints"))]
    History(usize),
    #[error("the history has no completed points to go on")]
    NoVelocity,
}

/// How many sprints of `counts` (runs done by sprint n, n from 1) it takes to reach `share`.
fn percentile(counts: &[u32], runs: usize, share: f64) -> usize {
    let need = (share * runs as f64).ceil() as u64;
    let mut done = 0u64;
    for (i, c) in counts.iter().enumerate() {
        done += u64::from(*c);
        if done >= need {
            return i + 1;
        }
    }
    counts.len() + 1
}

/// The end date of future sprint `n` (1-based): the sprints' own ends where they are planned
/// with one, else the last known end plus that many sprint lengths.
fn end_of(board: &Board, first: usize, n: usize) -> Option<Date> {
    let sprints = &board.file.sprints;
    if let Some(s) = sprints.get(first + n - 1).filter(|s| s.state != SprintState::Closed)
        && let Some(end) = s.end
    {
        return Some(end);
    }
    let (last_i, last) = sprints.iter().enumerate().rev().find(|(_, s)| s.end.is_some())?;
    let end = last.end?;
    let length = last.start.map_or(14, |s| (end - s).get_days() as i64 + 1).max(1);
    let later = (first + n - 1) as i64 - last_i as i64;
    end.checked_add(jiff::Span::new().days(length * later.max(0))).ok()
}

/// The completed points of the last [`HISTORY`] closed sprints.
pub fn history(board: &Board) -> Vec<u32> {
    // Only the sprints drawn from are replayed: on a big board each one reads every story.
    let closed: Vec<&str> =
        board.file.sprints.iter().filter(|s| s.state == SprintState::Closed).map(|s| s.id.as_str()).collect();
    closed[closed.len().saturating_sub(HISTORY)..].iter().map(|id| super::completed(board, id)).collect()
}

/// The forecast of every story not done yet, and of every epic with such stories.
pub fn forecast(board: &Board, runs: usize, seed: u64) -> Result<Forecast, NoForecast> {
    let lists: Vec<Vec<&Story>> = board.all_lists().into_iter().map(|(_, l)| l).collect();
    forecast_with(board, history(board), &lists, Plan { runs, seed, ahead: 0 })
}

/// [`forecast`] from a history already worked out, over the stories given (each story's sprint
/// depends only on the work before it, so a view that shows the top of the plan need not
/// simulate the rest; epics then count only those stories).
/// How a forecast is run: how many futures, the seed, and how many points of work come before
/// the stories given (a view that forecasts only the top of the backlog gives the open
/// sprints' remaining points as one lump: only their sum matters to what comes after).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub runs: usize,
    pub seed: u64,
    pub ahead: u64,
}

/// `lists`: the stories of the sprints in order, then the backlog, each in rank order (the
/// TUI has them in its index; a closed sprint's are left out here).
pub fn forecast_with(
    board: &Board,
    history: Vec<u32>,
    lists: &[Vec<&Story>],
    plan: Plan,
) -> Result<Forecast, NoForecast> {
    let Plan { runs, seed, ahead } = plan;
    if history.len() < 2 {
        return Err(NoForecast::History(history.len()));
    }
    if history.iter().all(|v| *v == 0) {
        return Err(NoForecast::NoVelocity);
    }
    let done = board.file.done_column().map(|c| c.id.clone());
    // The work in plan order: the active sprint, the planned sprints, the backlog.
    let active = board.file.sprints.iter().position(|s| s.state == SprintState::Active);
    let first = active.unwrap_or_else(|| {
        board.file.sprints.iter().position(|s| s.state == SprintState::Planned).unwrap_or(board.file.sprints.len())
    });
    let mut queue: Vec<&Story> = Vec::new();
    for list in lists {
        for s in list.iter().copied() {
            if Some(&s.status) != done.as_ref()
                && s.sprint
                    .as_deref()
                    .and_then(|id| board.file.sprint(id))
                    .is_none_or(|sp| sp.state != SprintState::Closed)
            {
                queue.push(s);
            }
        }
    }
    let points: Vec<u64> = queue.iter().map(|s| u64::from(s.points.unwrap_or(0))).collect();
    let epics: Vec<String> = board.file.epics.iter().map(|e| e.id.to_string()).collect();
    let epic_of: Vec<Option<usize>> =
        queue.iter().map(|s| s.epic.as_deref().and_then(|e| epics.iter().position(|id| id == e))).collect();
    let mut story_counts = vec![vec![0u32; HORIZON]; queue.len()];
    let mut epic_counts = vec![vec![0u32; HORIZON]; epics.len()];
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut epic_sprint = vec![0usize; epics.len()];
    let runs = runs.max(1);
    for _ in 0..runs {
        epic_sprint.iter_mut().for_each(|e| *e = 0);
        // A story is done in the first sprint by whose end the velocity drawn so far covers
        // all the work up to and including it.
        let (mut sprint, mut velocity, mut work) = (1usize, u64::from(history[rng.usize(0..history.len())]), ahead);
        while work > velocity && sprint <= HORIZON {
            sprint += 1;
            velocity += u64::from(history[rng.usize(0..history.len())]);
        }
        for (i, p) in points.iter().enumerate() {
            work += p;
            while work > velocity && sprint <= HORIZON {
                sprint += 1;
                velocity += u64::from(history[rng.usize(0..history.len())]);
            }
            if sprint <= HORIZON {
                story_counts[i][sprint - 1] += 1;
            }
            if let Some(e) = epic_of[i] {
                epic_sprint[e] = epic_sprint[e].max(sprint);
            }
        }
        for (e, s) in epic_sprint.iter().enumerate() {
            if (1..=HORIZON).contains(s) {
                epic_counts[e][s - 1] += 1;
            }
        }
    }
    let odds = |counts: &[u32]| {
        let p85 = percentile(counts, runs, 0.85);
        Odds {
            p50: percentile(counts, runs, 0.5),
            p85,
            p95: percentile(counts, runs, 0.95),
            p85_date: end_of(board, first, p85),
        }
    };
    let stories =
        queue.iter().zip(&story_counts).map(|(s, c)| StoryOdds { key: s.key.to_string(), odds: odds(c) }).collect();
    let epics = epics
        .iter()
        .enumerate()
        .filter(|(i, _)| epic_of.contains(&Some(*i)))
        .map(|(i, id)| EpicOdds {
            epic: board.file.epic(id).map_or_else(|| id.clone(), |e| e.name.clone()),
            odds: odds(&epic_counts[i]),
        })
        .collect();
    let finish = story_counts.last().cloned().unwrap_or_default();
    Ok(Forecast { history, runs, stories, epics, finish })
}
