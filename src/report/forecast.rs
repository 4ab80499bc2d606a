//! When will it be done? A Monte Carlo simulation over the team's own history: each run draws
//! one past velocity (completed points of a closed sprint) for each future sprint and burns the
//! work in plan order (what is left of the active sprint, then the planned sprints in order,
//! then the backlog by rank). For every story and epic, the sprint by which it is done in 50 %,
//! 85 % and 95 % of the runs, by name: a planned sprint's own, or one projected on the team's
//! cadence after the last planned one (see [`future_sprints`]).

use jiff::civil::Date;
use serde::Serialize;

use crate::domain::{Board, SprintState, Story};

/// How many closed sprints the history holds at most (the latest).
pub const HISTORY: usize = 10;
/// A run that needs more sprints than this stops counting: the work is "later".
const HORIZON: usize = 100;

/// A sprint a forecast counts to: one planned (or active), or one projected after them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForecastSprint {
    /// Counted from 1 = the active sprint (or the next one when none is active).
    pub number: usize,
    /// Its name; a projected sprint's follows the board's names (`Sprint 27` → `Sprint 28`), or
    /// says where it falls (`the 3rd sprint after Launch`).
    pub name: String,
    pub start: Option<Date>,
    /// Its last working day.
    pub end: Option<Date>,
    /// Not planned yet: named and dated by the team's cadence after the last planned sprint.
    pub projected: bool,
}

impl ForecastSprint {
    /// A few characters for a narrow column: `S25` for `Sprint 25` (the initials of a name of
    /// words and a number), else the end's month and day, else the name cut short; `*` marks a
    /// projected sprint.
    pub fn short(&self) -> String {
        let digits = self.name.len() - self.name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (stem, number) = self.name.split_at(self.name.len() - digits);
        let words: Vec<&str> = stem.split_whitespace().collect();
        let initials = (!number.is_empty()
            && !words.is_empty()
            && words.iter().all(|w| w.chars().all(char::is_alphabetic)))
        .then(|| {
            words.iter().filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect::<String>() + number
        })
        .filter(|s| s.chars().count() <= 6);
        let short = initials
            .or_else(|| self.end.map(|d| d.strftime("%m-%d").to_string()))
            .unwrap_or_else(|| crate::text::truncate(&self.name, 8));
        if self.projected { format!("{short}*") } else { short }
    }

    /// The name, with `(projected)` after a projected one.
    pub fn label(&self) -> String {
        if self.projected { format!("{} (projected)", self.name) } else { self.name.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Odds {
    /// Sprints, counted from 1 = the active sprint (or the next one when none is active).
    pub p50: usize,
    pub p85: usize,
    pub p95: usize,
    /// The end of the p85 sprint: its own end date when planned, else projected.
    pub p85_date: Option<Date>,
    /// The sprints themselves, by name.
    pub p50_sprint: ForecastSprint,
    pub p85_sprint: ForecastSprint,
    pub p95_sprint: ForecastSprint,
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
    /// The sprints counted to, from 1: every one the odds name, and up to the one by which all
    /// the work was done in every run.
    pub sprints: Vec<ForecastSprint>,
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

/// The sprints the work is counted in, from the active one (or the next planned one): the open
/// sprints with their own dates, then as many projected ones as `count` asks for, each on the
/// team's cadence after the one before and named as `N` would name it.
pub fn future_sprints(board: &Board, count: usize) -> Vec<ForecastSprint> {
    let sprints = &board.file.sprints;
    let length = board.file.sprint_length();
    let open: Vec<&crate::domain::Sprint> = sprints.iter().filter(|s| s.state != SprintState::Closed).collect();
    // The end the first open sprint follows when it has no dates of its own.
    let first = sprints.iter().position(|s| s.state != SprintState::Closed).unwrap_or(sprints.len());
    let mut last_end = sprints[..first].iter().rev().find_map(|s| s.end);
    let mut out = Vec::with_capacity(count);
    for s in open.iter().take(count) {
        let (start, end) = match (s.start, s.end) {
            (start, Some(end)) => (start, Some(end)),
            (Some(start), None) => (Some(start), board.file.last_of_working_days(start, length)),
            (None, None) => last_end.and_then(|e| board.file.sprint_after(e, length)).unzip(),
        };
        last_end = end.or(last_end);
        out.push(ForecastSprint { number: out.len() + 1, name: s.name.clone(), start, end, projected: false });
    }
    let last = sprints.last().map(|s| s.name.clone());
    let mut names = board.projected_names();
    for k in 1..=count.saturating_sub(out.len()) {
        let number = out.len() + 1;
        if number > HORIZON {
            out.push(ForecastSprint {
                number,
                name: format!("not within {HORIZON} sprints"),
                start: None,
                end: None,
                projected: true,
            });
            break;
        }
        let (start, end) = last_end.and_then(|e| board.file.sprint_after(e, length)).unzip();
        last_end = end.or(last_end);
        let name = names.next().unwrap_or_else(|| match &last {
            Some(last) => format!("the {} sprint after {last}", crate::text::ordinal(k)),
            None => format!("sprint {number}"),
        });
        out.push(ForecastSprint { number, name, start, end, projected: true });
    }
    out
}

/// The completed points of the last [`HISTORY`] closed sprints.
pub fn history(board: &Board) -> Vec<u32> {
    // Only the sprints drawn from are replayed: on a big board each one reads every story.
    let closed: Vec<&str> =
        board.file.sprints.iter().filter(|s| s.state == SprintState::Closed).map(|s| s.id.as_str()).collect();
    closed[closed.len().saturating_sub(HISTORY)..].iter().map(|id| super::completed(board, id)).collect()
}

/// How many futures a forecast simulates, and from which seed, unless told otherwise: the
/// command line's defaults and the agents' (so both give the same figures).
pub const RUNS: usize = 10_000;
pub const SEED: u64 = 1;

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
    let percentiles = |counts: &[u32]| [0.5, 0.85, 0.95].map(|share| percentile(counts, runs, share));
    let story_p: Vec<[usize; 3]> = story_counts.iter().map(|c| percentiles(c)).collect();
    let epic_p: Vec<[usize; 3]> = epic_counts.iter().map(|c| percentiles(c)).collect();
    let finish = story_counts.last().cloned().unwrap_or_default();
    // Every sprint named in the odds, and up to the one by which every run was done (a chart's).
    let shown = finish.iter().rposition(|c| *c > 0).map_or(1, |i| i + 1);
    let needed = story_p.iter().chain(&epic_p).map(|p| p[2]).max().unwrap_or(1).max(shown);
    let sprints = future_sprints(board, needed);
    let sprint = |n: usize| {
        sprints.get(n.max(1) - 1).cloned().unwrap_or_else(|| ForecastSprint {
            number: n,
            name: format!("sprint {n}"),
            start: None,
            end: None,
            projected: true,
        })
    };
    let odds = |[p50, p85, p95]: [usize; 3]| {
        let p85_sprint = sprint(p85);
        Odds { p50, p85, p95, p85_date: p85_sprint.end, p50_sprint: sprint(p50), p85_sprint, p95_sprint: sprint(p95) }
    };
    let stories =
        queue.iter().zip(&story_p).map(|(s, p)| StoryOdds { key: s.key.to_string(), odds: odds(*p) }).collect();
    let epics = epics
        .iter()
        .enumerate()
        .filter(|(i, _)| epic_of.contains(&Some(*i)))
        .map(|(i, id)| EpicOdds {
            epic: board.file.epic(id).map_or_else(|| id.clone(), |e| e.name.clone()),
            odds: odds(epic_p[i]),
        })
        .collect();
    Ok(Forecast { history, runs, sprints, stories, epics, finish })
}

#[cfg(test)]
mod tests;
