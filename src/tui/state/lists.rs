//! The App's lists: each list's order kept in an index that a change brings up to date for the
//! lists it touches, and what the Board and Planning show worked out once per change of the
//! board, the filter or the swimlanes, so that a key press costs what it shows, not the size of
//! the board.

use std::collections::HashMap;
use std::rc::Rc;

use super::App;
use crate::domain::{Board, Changes, ListId, ShortText, SprintState, Story, sum_points};

/// Each list's story keys in rank order: built once after the board changes, because every
/// key press asks for the lists several times and a board can hold 100,000 stories.
#[derive(Debug, Default)]
pub(super) struct ListIndex {
    lists: HashMap<ListId, Vec<ShortText>>,
    /// Each list's points, kept with it: exact (a `u64` holds any number of `u32` estimates),
    /// so that taking a story out of a list holding more than `u32::MAX` points stays right; shown
    /// saturated (see [`crate::domain::sum_points`]).
    points: HashMap<ListId, u64>,
}

impl ListIndex {
    /// Brings the lists up to date after `changes` (each touched story's list before is in its
    /// prior version): the cost of a move is the lists it touches, not the board. `false`: it
    /// cannot tell (a story without a prior), and must be built again.
    fn update(&mut self, board: &Board, changes: &Changes) -> bool {
        let touched = changes.stories.iter().chain(&changes.deleted);
        for key in touched {
            let Some(prior) = changes.prior.get(key) else { return false };
            if let Some(before) = prior
                && let Some(list) = self.lists.get_mut(&before.sprint)
                && let Some(at) = list.iter().position(|k| k == key)
            {
                list.remove(at);
                if let Some(p) = self.points.get_mut(&before.sprint) {
                    *p = p.saturating_sub(u64::from(before.points.unwrap_or(0)));
                }
            }
            let Some(now) = board.story(key) else { continue };
            *self.points.entry(now.sprint.clone()).or_default() += u64::from(now.points.unwrap_or(0));
            let list = self.lists.entry(now.sprint.clone()).or_default();
            let at =
                list.partition_point(|k| board.story(k).is_some_and(|s| (&s.rank, &s.key) < (&now.rank, &now.key)));
            list.insert(at, key.as_str().into());
        }
        true
    }

    fn build(board: &Board) -> ListIndex {
        let mut lists: HashMap<ListId, Vec<&Story>> = HashMap::new();
        for s in board.stories.values() {
            lists.entry(s.sprint.clone()).or_default().push(s);
        }
        let points =
            lists.iter().map(|(id, l)| (id.clone(), l.iter().filter_map(|s| s.points).map(u64::from).sum())).collect();
        let lists = lists
            .into_iter()
            .map(|(id, mut stories)| {
                stories.sort_by(|a, b| (&a.rank, &a.key).cmp(&(&b.rank, &b.key)));
                (id, stories.into_iter().map(|s| s.key.clone()).collect())
            })
            .collect();
        ListIndex { lists, points }
    }
}

pub(super) struct ColumnKeys {
    version: u64,
    filter: String,
    lanes: crate::tui::lanes::LaneMode,
    keys: Rc<Vec<Vec<ShortText>>>,
    figures: Rc<BoardFigures>,
}

/// The forecast as worked out for a board version and a number of stories of the plan.
pub(super) type CachedForecast = (u64, Option<usize>, Rc<Result<crate::report::Forecast, crate::report::NoForecast>>);

/// How many futures the TUI simulates: enough for steady 85 % marks, few enough to redo after
/// every change.
const TUI_RUNS: usize = 500;

/// The Planning panes as worked out for a board version and a filter.
pub(super) type CachedPanes = (u64, String, Rc<Vec<PaneKeys>>);

/// One Planning pane as worked out once per change: its list, the keys the filter shows, and
/// their points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaneKeys {
    pub list: ListId,
    pub keys: Vec<ShortText>,
    pub points: u32,
}

/// What the Board shows about its columns and sprint beside the cards, worked out with the
/// column keys (so a frame looks up only the cards it draws).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BoardFigures {
    /// The points of each column's (shown) cards.
    pub column_points: Vec<u32>,
    /// The whole active sprint, whatever the filter: points, points done, stories blocked.
    pub points: u32,
    pub done: u32,
    pub blocked: usize,
}

impl App {
    /// Runs an operation on the board and brings the list index up to date with what it
    /// changed, instead of building it again: a move costs the lists it touches.
    pub fn apply<E>(&mut self, op: impl FnOnce(&mut Board) -> Result<Changes, E>) -> Result<Changes, E> {
        let changes = op(&mut self.board)?;
        self.version.set(self.version.get() + 1);
        // Velocity depends on sprints, columns and points: a rerank leaves it as it is.
        let same_figures = !changes.board
            && changes.prior.iter().all(|(k, before)| {
                let now = self.board.story(k);
                match (before, now) {
                    (Some(b), Some(n)) => (&b.sprint, &b.status, b.points) == (&n.sprint, &n.status, n.points),
                    _ => false,
                }
            });
        if !same_figures {
            self.velocity.replace(None);
            self.forecast_ahead.replace(None);
        }
        // What closed sprints completed changes only with board.ron (a sprint closed): a change
        // made now is recorded after every sprint closed.
        if changes.board {
            self.forecast_history.replace(None);
        }
        let mut index = self.index.borrow_mut();
        let kept = match index.as_mut().and_then(Rc::get_mut) {
            Some(i) => !changes.board && i.update(&self.board, &changes),
            None => false,
        };
        if !kept {
            *index = None;
        }
        Ok(changes)
    }

    fn index(&self) -> Rc<ListIndex> {
        if let Some(i) = self.index.borrow().as_ref() {
            return Rc::clone(i);
        }
        let built = Rc::new(ListIndex::build(&self.board));
        self.index.replace(Some(Rc::clone(&built)));
        built
    }

    /// The keys of a list in rank order, from the index (no story is looked up).
    pub fn list_keys(&self, sprint: Option<&str>) -> Vec<ShortText> {
        self.index().lists.get(&sprint.map(ShortText::from)).cloned().unwrap_or_default()
    }

    /// The stories of a list (a sprint or the backlog) in rank order, like [`Board::list`].
    pub fn list(&self, sprint: Option<&str>) -> Vec<&Story> {
        let index = self.index();
        let Some(keys) = index.lists.get(&sprint.map(ShortText::from)) else { return Vec::new() };
        keys.iter().filter_map(|k| self.board.story(k)).collect()
    }

    /// The active sprint's stories, one list per workflow column, in rank order.
    pub fn board_columns(&self) -> Vec<Vec<&Story>> {
        let Some(active) = self.board.file.active_sprint() else {
            return vec![Vec::new(); self.board.file.columns.len()];
        };
        self.columns_of(&self.list(Some(&active.id)))
    }

    /// The active sprint's `list` split into the workflow's columns, as the filter and the
    /// swimlanes show them.
    fn columns_of<'a>(&'a self, list: &[&'a Story]) -> Vec<Vec<&'a Story>> {
        let columns = self
            .board
            .file
            .columns
            .iter()
            .map(|c| list.iter().copied().filter(|s| s.status == c.id && self.shown(s)).collect())
            .collect();
        crate::tui::lanes::order(&self.board, self.lanes, columns)
    }

    /// The keys of [`App::board_columns`], worked out once per change of the board, the filter
    /// or the swimlanes.
    pub fn board_column_keys(&self) -> Rc<Vec<Vec<ShortText>>> {
        self.board_columns_cached().0
    }

    /// The figures that go with [`App::board_column_keys`].
    pub fn board_figures(&self) -> Rc<BoardFigures> {
        self.board_columns_cached().1
    }

    fn board_columns_cached(&self) -> (Rc<Vec<Vec<ShortText>>>, Rc<BoardFigures>) {
        if let Some(c) = self.column_keys.borrow().as_ref()
            && c.version == self.version.get()
            && c.filter == self.filter
            && c.lanes == self.lanes
        {
            return (Rc::clone(&c.keys), Rc::clone(&c.figures));
        }
        // One pass over the active sprint for the columns and the figures both.
        let active = self.board.file.active_sprint().map(|s| s.id.clone());
        let sprint = active.as_deref().map(|id| self.list(Some(id))).unwrap_or_default();
        let mut figures = BoardFigures::default();
        let done = self.board.file.done_column().map(|c| c.id.as_str());
        for s in &sprint {
            // Saturating: a file written by hand may hold any estimate.
            figures.points = figures.points.saturating_add(s.points.unwrap_or(0));
            if Some(s.status.as_str()) == done {
                figures.done = figures.done.saturating_add(s.points.unwrap_or(0));
            }
            figures.blocked += usize::from(s.blocked.is_some());
        }
        let columns = self.columns_of(&sprint);
        figures.column_points = columns.iter().map(|c| sum_points(c.iter().filter_map(|s| s.points))).collect();
        let keys: Rc<Vec<Vec<ShortText>>> =
            Rc::new(columns.iter().map(|c| c.iter().map(|s| s.key.clone()).collect()).collect());
        let figures = Rc::new(figures);
        self.column_keys.replace(Some(ColumnKeys {
            version: self.version.get(),
            filter: self.filter.clone(),
            lanes: self.lanes,
            keys: Rc::clone(&keys),
            figures: Rc::clone(&figures),
        }));
        (keys, figures)
    }

    /// The planning panes: the backlog, then every planned or active sprint.
    pub fn planning_lists(&self) -> Vec<ListId> {
        std::iter::once(None)
            .chain(
                self.board.file.sprints.iter().filter(|s| s.state != SprintState::Closed).map(|s| Some(s.id.clone())),
            )
            .collect()
    }

    /// The Planning panes' keys and points, worked out once per change of the board or the
    /// filter: moving and finding the selection, and drawing, look up only what they show.
    /// The forecast of every story and epic of the plan, worked out once per change of the
    /// board (the Roadmap's).
    pub fn forecast(&self) -> Rc<Result<crate::report::Forecast, crate::report::NoForecast>> {
        self.forecast_cached(None, || {
            let mut lists: Vec<Vec<&Story>> = self
                .board
                .file
                .sprints
                .iter()
                .filter(|s| s.state != SprintState::Closed)
                .map(|s| self.list(Some(&s.id)))
                .collect();
            lists.push(self.list(None));
            (lists, 0)
        })
    }

    /// The forecast of the first `rows` stories of the backlog, with the open sprints' work
    /// before them as one lump of points (Planning's: only their sum matters to the backlog).
    pub fn backlog_forecast(&self, rows: usize) -> Rc<Result<crate::report::Forecast, crate::report::NoForecast>> {
        self.forecast_cached(Some(rows), || {
            let done = self.board.file.done_column().map(|c| c.id.as_str());
            let index = self.index();
            let ahead = *self.forecast_ahead.borrow_mut().get_or_insert_with(|| {
                self.board
                    .file
                    .sprints
                    .iter()
                    .filter(|s| s.state != SprintState::Closed)
                    .filter_map(|s| index.lists.get(&Some(s.id.clone())))
                    .flatten()
                    .filter_map(|k| self.board.story(k))
                    .filter(|s| Some(s.status.as_str()) != done)
                    .map(|s| u64::from(s.points.unwrap_or(0)))
                    .sum()
            });
            let backlog = index.lists.get(&None).map_or(&[][..], Vec::as_slice);
            let shown = backlog[..rows.min(backlog.len())].iter().filter_map(|k| self.board.story(k)).collect();
            (vec![shown], ahead)
        })
    }

    fn forecast_cached<'a>(
        &'a self,
        rows: Option<usize>,
        plan: impl FnOnce() -> (Vec<Vec<&'a Story>>, u64),
    ) -> Rc<Result<crate::report::Forecast, crate::report::NoForecast>> {
        let version = self.version.get();
        if let Some((v, r, f)) = self.forecast.borrow().as_ref()
            && *v == version
            && *r == rows
        {
            return Rc::clone(f);
        }
        let history = self
            .forecast_history
            .borrow_mut()
            .get_or_insert_with(|| crate::report::forecast_history(&self.board))
            .clone();
        let (lists, ahead) = plan();
        let run = crate::report::Plan { runs: TUI_RUNS, seed: 1, ahead };
        let f = Rc::new(crate::report::forecast_with(&self.board, history, &lists, run));
        self.forecast.replace(Some((version, rows, Rc::clone(&f))));
        f
    }

    /// How many stories a list holds, from the index.
    pub fn list_len(&self, list: Option<&str>) -> usize {
        self.index().lists.get(&list.map(ShortText::from)).map_or(0, Vec::len)
    }

    /// The points of a list, from the index.
    pub fn list_points(&self, list: Option<&str>) -> u32 {
        saturated(self.index().points.get(&list.map(ShortText::from)).copied().unwrap_or(0))
    }

    pub fn planning_keys(&self) -> Rc<Vec<PaneKeys>> {
        if let Some((version, filter, keys)) = self.pane_keys.borrow().as_ref()
            && *version == self.version.get()
            && *filter == self.filter
        {
            return Rc::clone(keys);
        }
        // Without a filter, straight from the index: no story is looked at.
        if self.filter.trim().is_empty() {
            let index = self.index();
            let panes: Rc<Vec<PaneKeys>> = Rc::new(
                self.planning_lists()
                    .into_iter()
                    .map(|list| PaneKeys {
                        keys: index.lists.get(&list).cloned().unwrap_or_default(),
                        points: saturated(index.points.get(&list).copied().unwrap_or(0)),
                        list,
                    })
                    .collect(),
            );
            self.pane_keys.replace(Some((self.version.get(), self.filter.clone(), Rc::clone(&panes))));
            return panes;
        }
        let panes: Rc<Vec<PaneKeys>> = Rc::new(
            self.planning_panes()
                .into_iter()
                .map(|(list, stories)| PaneKeys {
                    list,
                    points: sum_points(stories.iter().filter_map(|s| s.points)),
                    keys: stories.iter().map(|s| s.key.clone()).collect(),
                })
                .collect(),
        );
        self.pane_keys.replace(Some((self.version.get(), self.filter.clone(), Rc::clone(&panes))));
        panes
    }

    /// How many stories each planning pane shows.
    pub fn planning_lens(&self) -> Vec<usize> {
        self.planning_keys().iter().map(|p| p.keys.len()).collect()
    }

    /// The stories of each planning pane.
    pub fn planning_panes(&self) -> Vec<(ListId, Vec<&Story>)> {
        self.planning_lists()
            .into_iter()
            .map(|l| {
                let stories = self.list(l.as_deref()).into_iter().filter(|s| self.shown(s)).collect();
                (l, stories)
            })
            .collect()
    }

    /// The velocity that forecasts (see [`crate::report::recent_velocity`]).
    pub fn velocity(&self) -> Option<u32> {
        *self.velocity.borrow_mut().get_or_insert_with(|| crate::report::recent_velocity(&self.board).map(|(v, _)| v))
    }
}

/// An exact sum of points as shown: at most `u32::MAX` (see [`crate::domain::sum_points`]).
fn saturated(points: u64) -> u32 {
    u32::try_from(points).unwrap_or(u32::MAX)
}
