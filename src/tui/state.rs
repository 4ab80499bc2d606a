//! The TUI's whole state: the board, where the selection is, what is open, what to say.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use jiff::civil::Date;
use ratatui::layout::Rect;

use ratatui_textarea::TextArea;

use super::action::View;
use super::keymap::{Context, Keymap};
use super::theme::Theme;
use crate::domain::{Board, Changes, ListId, SprintState, Story};

/// Where the selection is in a view: a pane (column or list) and a row in each pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub pane: usize,
    /// The selected row of each pane, so coming back to a pane finds it where it was.
    pub rows: Vec<usize>,
    /// The first row shown of each pane.
    pub offsets: Vec<usize>,
}

impl Selection {
    pub fn row(&self, pane: usize) -> usize {
        self.rows.get(pane).copied().unwrap_or(0)
    }

    pub fn offset(&self, pane: usize) -> usize {
        self.offsets.get(pane).copied().unwrap_or(0)
    }

    pub fn set_row(&mut self, pane: usize, row: usize) {
        if self.rows.len() <= pane {
            self.rows.resize(pane + 1, 0);
        }
        self.rows[pane] = row;
    }

    pub fn set_offset(&mut self, pane: usize, offset: usize) {
        if self.offsets.len() <= pane {
            self.offsets.resize(pane + 1, 0);
        }
        self.offsets[pane] = offset;
    }
}

/// A popup over the view; it takes every key while it is open.
#[derive(Debug, Clone)]
pub enum Popup {
    Help {
        scroll: u16,
    },
    /// Choose the list to move `key` to.
    Picker {
        key: String,
        options: Vec<ListId>,
        selected: usize,
    },
    /// A one-line question (boxed: a text area is large beside the other popups).
    Prompt(Box<Prompt>),
    /// "Delete `key`?": y or n.
    ConfirmDelete {
        key: String,
    },
    /// Choose the score to order `list` by.
    Sort {
        list: ListId,
        selected: usize,
    },
}

/// What a prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    NewStory { list: ListId, status: String },
    Blocked { key: String },
    Points { key: String },
    Assign { key: String },
    Filter,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
    /// In the assign prompt: the chosen entry of the people matching what was typed.
    pub selected: Option<usize>,
}

impl Prompt {
    /// A prompt showing `text` (the current value), selected: typing replaces it.
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        Prompt { kind, input: super::text_field::new(text), selected: None }
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}

/// A change that `u` can undo: what it said, and the versions to put back.
#[derive(Debug, Clone)]
pub struct UndoEntry {
    pub label: String,
    pub changes: Changes,
    /// Set when one of its stories (or `board.ron`) was changed elsewhere since: undoing it would
    /// put back an old version over that change, so `u` says this instead.
    pub stale: Option<String>,
}

impl UndoEntry {
    pub fn new(label: String, changes: Changes) -> UndoEntry {
        UndoEntry { label, changes, stale: None }
    }
}

/// The fields of the Story view, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Points,
    Assignee,
    Epic,
    Labels,
    Moscow,
    Blocked,
    RiceReach,
    RiceImpact,
    RiceConfidence,
    RiceEffort,
    WsjfValue,
    WsjfTime,
    WsjfRisk,
    WsjfSize,
    Description,
    Acceptance,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::Title,
        Field::Points,
        Field::Assignee,
        Field::Epic,
        Field::Labels,
        Field::Moscow,
        Field::Blocked,
        Field::RiceReach,
        Field::RiceImpact,
        Field::RiceConfidence,
        Field::RiceEffort,
        Field::WsjfValue,
        Field::WsjfTime,
        Field::WsjfRisk,
        Field::WsjfSize,
        Field::Description,
        Field::Acceptance,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Points => "Points",
            Field::Assignee => "Assignee",
            Field::Epic => "Epic",
            Field::Labels => "Labels",
            Field::Moscow => "MoSCoW",
            Field::Blocked => "Blocked",
            Field::RiceReach => "Reach",
            Field::RiceImpact => "Impact",
            Field::RiceConfidence => "Confidence",
            Field::RiceEffort => "Effort",
            Field::WsjfValue => "Value",
            Field::WsjfTime => "Time crit.",
            Field::WsjfRisk => "Risk red.",
            Field::WsjfSize => "Job size",
            Field::Description => "Description",
            Field::Acceptance => "Acceptance criteria",
        }
    }

    pub fn multiline(self) -> bool {
        matches!(self, Field::Description | Field::Acceptance)
    }
}

/// The Story view: one story's fields, each in its own text area, edited in place.
#[derive(Debug, Clone)]
pub struct StoryEditor {
    pub key: String,
    pub fields: Vec<(Field, TextArea<'static>)>,
    pub focus: usize,
    /// The view `Esc` returns to.
    pub back: View,
}

/// The Standup view: whose turn it is, for how long, and since when moves count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standup {
    pub person: usize,
    /// Seconds this person has had the floor.
    pub seconds: u64,
    pub since: Option<jiff::Timestamp>,
}

/// When the last standup was: a day ago, or on a Monday, the Friday before.
pub fn last_standup(now: jiff::Timestamp, today: Date) -> jiff::Timestamp {
    let hours = if today.weekday() == jiff::civil::Weekday::Monday { 72 } else { 24 };
    now.checked_sub(jiff::SignedDuration::from_hours(hours)).unwrap_or(now)
}

/// The line at the bottom: a confirmation or a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Each list's story keys in rank order: built once after the board changes, because every
/// key press asks for the lists several times and a board can hold 100,000 stories.
#[derive(Debug, Default)]
struct ListIndex {
    lists: HashMap<ListId, Vec<String>>,
    /// Each list's points, kept with it.
    points: HashMap<ListId, u32>,
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
                    *p = p.saturating_sub(before.points.unwrap_or(0));
                }
            }
            let Some(now) = board.story(key) else { continue };
            *self.points.entry(now.sprint.clone()).or_default() += now.points.unwrap_or(0);
            let list = self.lists.entry(now.sprint.clone()).or_default();
            let at =
                list.partition_point(|k| board.story(k).is_some_and(|s| (&s.rank, &s.key) < (&now.rank, &now.key)));
            list.insert(at, key.clone());
        }
        true
    }

    fn build(board: &Board) -> ListIndex {
        let mut lists: HashMap<ListId, Vec<&Story>> = HashMap::new();
        for s in board.stories.values() {
            lists.entry(s.sprint.clone()).or_default().push(s);
        }
        let points = lists.iter().map(|(id, l)| (id.clone(), l.iter().filter_map(|s| s.points).sum())).collect();
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

struct ColumnKeys {
    version: u64,
    filter: String,
    lanes: super::lanes::LaneMode,
    keys: Rc<Vec<Vec<String>>>,
    figures: Rc<BoardFigures>,
}

/// The Planning panes as worked out for a board version and a filter.
type CachedPanes = (u64, String, Rc<Vec<PaneKeys>>);

/// One Planning pane as worked out once per change: its list, the keys the filter shows, and
/// their points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaneKeys {
    pub list: ListId,
    pub keys: Vec<String>,
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

pub struct App {
    /// Private so that every change goes through [`App::board_mut`], which drops the index.
    board: Board,
    index: RefCell<Option<Rc<ListIndex>>>,
    /// The forecasting velocity, worked out once per change of the board (it replays every
    /// story's history, which a big board cannot afford on every frame).
    velocity: RefCell<Option<Option<u32>>>,
    /// Counts the changes of the board, so that what is worked out from it can tell it is due.
    version: std::cell::Cell<u64>,
    /// The keys on the Board's columns as last worked out: for the board version, filter and
    /// swimlanes they were made with. Moving the selection, keeping it in range and finding the
    /// selected story then need no look-up of every story of the sprint.
    column_keys: RefCell<Option<ColumnKeys>>,
    /// The same for the Planning panes: each pane's list, its shown keys and their points.
    pane_keys: RefCell<Option<CachedPanes>>,
    pub view: View,
    pub board_sel: Selection,
    pub plan_sel: Selection,
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The terminal's size, for layouts and mouse clicks.
    pub area: Rect,
    /// Where the board was found, for the status line.
    pub origin: String,
    pub today: Date,
    /// The filter typed after `/`: words, `@person`, `#label`, `epic:NAME`, all of which must match.
    pub filter: String,
    pub undo: Vec<UndoEntry>,
    pub redo: Vec<UndoEntry>,
    /// The story open in the Story view.
    pub editor: Option<StoryEditor>,
    pub standup: Standup,
    /// The time zone days and times are shown in (the system's; tests fix it).
    pub tz: jiff::tz::TimeZone,
    /// Swimlanes on the Board, and the first lane row shown.
    pub lanes: super::lanes::LaneMode,
    pub lane_scroll: usize,
}

impl App {
    pub fn new(board: Board, keymap: Keymap, theme: Theme, origin: String, today: Date) -> App {
        App {
            board,
            index: RefCell::new(None),
            velocity: RefCell::new(None),
            version: std::cell::Cell::new(0),
            column_keys: RefCell::new(None),
            pane_keys: RefCell::new(None),
            view: View::Board,
            board_sel: Selection::default(),
            plan_sel: Selection::default(),
            popup: None,
            status: None,
            keymap,
            theme,
            area: Rect::new(0, 0, 80, 24),
            origin,
            today,
            filter: String::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            editor: None,
            standup: Standup::default(),
            tz: jiff::tz::TimeZone::system(),
            lanes: super::lanes::LaneMode::Off,
            lane_scroll: 0,
        }
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    /// The board, to change it; the lists are indexed again on next use.
    pub fn board_mut(&mut self) -> &mut Board {
        self.index.replace(None);
        self.velocity.replace(None);
        self.version.set(self.version.get() + 1);
        &mut self.board
    }

    pub fn set_board(&mut self, board: Board) {
        *self.board_mut() = board;
    }

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
    pub fn list_keys(&self, sprint: Option<&str>) -> Vec<String> {
        self.index().lists.get(&sprint.map(str::to_owned)).cloned().unwrap_or_default()
    }

    /// The stories of a list (a sprint or the backlog) in rank order, like [`Board::list`].
    pub fn list(&self, sprint: Option<&str>) -> Vec<&Story> {
        let index = self.index();
        let Some(keys) = index.lists.get(&sprint.map(str::to_owned)) else { return Vec::new() };
        keys.iter().filter_map(|k| self.board.story(k)).collect()
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: false });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: true });
    }

    /// Where the current view's keys are looked up, whatever popup is open over it.
    pub fn view_context(&self) -> Context {
        match self.view {
            View::Story if self.editor.is_some() => Context::Story,
            View::Planning => Context::Planning,
            View::Metrics | View::Roadmap | View::Standup => Context::Report,
            _ => Context::Board,
        }
    }

    /// Where keys are looked up now.
    pub fn context(&self) -> Context {
        match (&self.popup, self.view) {
            (Some(Popup::Help { .. }), _) => Context::Help,
            (Some(Popup::Picker { .. } | Popup::Sort { .. }), _) => Context::Picker,
            (Some(Popup::Prompt(_)), _) => Context::Prompt,
            (Some(Popup::ConfirmDelete { .. }), _) => Context::Confirm,
            (None, View::Story) if self.editor.is_some() => Context::Story,
            (None, View::Planning) => Context::Planning,
            (None, View::Metrics | View::Roadmap | View::Standup) => Context::Report,
            (None, _) => Context::Board,
        }
    }

    /// Whether a story passes the filter.
    pub fn shown(&self, s: &Story) -> bool {
        self.filter.split_whitespace().all(|term| {
            let term = term.to_lowercase();
            if let Some(who) = term.strip_prefix('@') {
                s.assignee.as_deref().is_some_and(|a| a.to_lowercase().contains(who))
            } else if let Some(label) = term.strip_prefix('#') {
                s.labels.iter().any(|l| l.to_lowercase().contains(label))
            } else if let Some(epic) = term.strip_prefix("epic:") {
                s.epic.as_deref().is_some_and(|id| {
                    id.to_lowercase().contains(epic)
                        || self.board.file.epic(id).is_some_and(|e| e.name.to_lowercase().contains(epic))
                })
            } else {
                // A key matches from its start, with or without the prefix (`sb-k7`, `k7q`);
                // a single letter is not enough, or `b` would match every `SB-` key.
                let key = s.key.to_lowercase();
                let code = key.rsplit('-').next().unwrap_or(&key);
                s.title.to_lowercase().contains(&term)
                    || key.starts_with(&term)
                    || (term.chars().count() >= 2 && code.starts_with(&term))
            }
        })
    }

    /// The active sprint's stories, one list per workflow column, in rank order.
    pub fn board_columns(&self) -> Vec<Vec<&Story>> {
        let Some(active) = self.board.file.active_sprint() else {
            return vec![Vec::new(); self.board.file.columns.len()];
        };
        let list = self.list(Some(&active.id));
        let columns = self
            .board
            .file
            .columns
            .iter()
            .map(|c| list.iter().copied().filter(|s| s.status == c.id && self.shown(s)).collect())
            .collect();
        super::lanes::order(self, columns)
    }

    /// The keys of [`App::board_columns`], worked out once per change of the board, the filter
    /// or the swimlanes.
    pub fn board_column_keys(&self) -> Rc<Vec<Vec<String>>> {
        self.board_columns_cached().0
    }

    /// The figures that go with [`App::board_column_keys`].
    pub fn board_figures(&self) -> Rc<BoardFigures> {
        self.board_columns_cached().1
    }

    fn board_columns_cached(&self) -> (Rc<Vec<Vec<String>>>, Rc<BoardFigures>) {
        if let Some(c) = self.column_keys.borrow().as_ref()
            && c.version == self.version.get()
            && c.filter == self.filter
            && c.lanes == self.lanes
        {
            return (Rc::clone(&c.keys), Rc::clone(&c.figures));
        }
        let columns = self.board_columns();
        let keys: Rc<Vec<Vec<String>>> =
            Rc::new(columns.iter().map(|c| c.iter().map(|s| s.key.clone()).collect()).collect());
        let mut figures = BoardFigures {
            column_points: columns.iter().map(|c| c.iter().filter_map(|s| s.points).sum()).collect(),
            ..BoardFigures::default()
        };
        if let Some(active) = self.board.file.active_sprint() {
            let done = self.board.file.done_column().map(|c| c.id.as_str());
            for s in self.list(Some(&active.id)) {
                figures.points += s.points.unwrap_or(0);
                if Some(s.status.as_str()) == done {
                    figures.done += s.points.unwrap_or(0);
                }
                figures.blocked += usize::from(s.blocked.is_some());
            }
        }
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
                        points: index.points.get(&list).copied().unwrap_or(0),
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
                    points: stories.iter().filter_map(|s| s.points).sum(),
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

    /// The key of the selected story in the current view, if there is one.
    pub fn selected_key(&self) -> Option<String> {
        match self.view {
            View::Story => self.editor.as_ref().map(|e| e.key.clone()),
            // The report views show no story to act on.
            View::Metrics | View::Roadmap | View::Standup => None,
            View::Planning => {
                let panes = self.planning_keys();
                panes.get(self.plan_sel.pane)?.keys.get(self.plan_sel.row(self.plan_sel.pane)).cloned()
            }
            _ => {
                let cols = self.board_column_keys();
                let col = cols.get(self.board_sel.pane)?;
                col.get(self.board_sel.row(self.board_sel.pane)).cloned()
            }
        }
    }

    /// The velocity that forecasts (see [`crate::report::recent_velocity`]).
    pub fn velocity(&self) -> Option<u32> {
        *self.velocity.borrow_mut().get_or_insert_with(|| crate::report::recent_velocity(&self.board).map(|(v, _)| v))
    }
}
