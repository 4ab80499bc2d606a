//! The TUI's whole state: the board, where the selection is, what is open, what to say.

use std::cell::RefCell;

use std::rc::Rc;

use jiff::civil::Date;
use ratatui::layout::Rect;

use super::action::View;
use super::keymap::{Context, Keymap};
use super::theme::Theme;

mod editor;
mod lists;
mod popup;
mod status_line;
use crate::domain::{Board, Changes, Story};
pub use editor::{Editing, Field, StoryEditor};
pub use lists::{BoardFigures, PaneKeys};
use lists::{CachedPanes, ColumnKeys, ListIndex};
pub use popup::{AfterClash, Clash, FieldStep, Popup, Prompt, PromptKind, SprintField};
pub use status_line::{StatusLines, status_lines};

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

/// The Standup view: whose turn it is, for how long, and since when moves count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standup {
    pub person: usize,
    /// Seconds this person has had the floor.
    pub seconds: u64,
    pub since: Option<jiff::Timestamp>,
}

pub use crate::report::last_standup;

/// The board as the filter shows it: the board itself, or a copy of the matching stories.
pub enum Shown<'a> {
    All(&'a Board),
    Filtered(Rc<Board>),
}

impl std::ops::Deref for Shown<'_> {
    type Target = Board;

    fn deref(&self) -> &Board {
        match self {
            Shown::All(b) => b,
            Shown::Filtered(b) => b,
        }
    }
}

/// The standup's people as worked out for a board version, a time and a filter.
type CachedStandup = (u64, jiff::Timestamp, String, Rc<Vec<crate::report::Person>>);

/// How many of the status line's last messages `!` shows.
pub const MESSAGES_KEPT: usize = 20;

/// The line at the bottom: a confirmation or a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    /// Private so that every change goes through [`App::board_mut`], which drops the index.
    board: Board,
    index: RefCell<Option<Rc<ListIndex>>>,
    /// The forecasting velocity, worked out once per change of the board (it replays every
    /// story's history, which a big board cannot afford on every frame).
    velocity: RefCell<Option<Option<u32>>>,
    /// The completed points of the closed sprints the forecast draws from: worked out when the
    /// velocity is (a rerank leaves both as they are).
    forecast_history: RefCell<Option<Vec<u32>>>,
    /// The points not done yet in the open sprints: the work before the backlog in a forecast
    /// (kept while only the order changes).
    forecast_ahead: RefCell<Option<u64>>,
    /// The forecast as last worked out, for the board version and the stories of the plan it
    /// covers.
    forecast: RefCell<Option<lists::CachedForecast>>,
    /// The standup as last worked out: for the board version, the time it counts from and the
    /// filter (each frame and each key of the Standup view asks for it).
    standup_people: RefCell<Option<CachedStandup>>,
    /// The board as the filter shows it, for the board version and the filter it was made with.
    filtered_board: RefCell<Option<(u64, String, Rc<Board>)>>,
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
    /// The status line's last messages, oldest first ([`MESSAGES_KEPT`] of them), for `!`:
    /// a message cut to fit the line is read there in full.
    pub messages: std::collections::VecDeque<Status>,
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
    /// The list view (Board or Planning) last shown: `3` from a report view opens its story.
    pub last_list: View,
    /// How far the report view on screen (Metrics, Roadmap, Standup) is scrolled down.
    pub report_scroll: usize,
    /// The sprint whose burndown Metrics shows (`[` / `]`); none: the active one.
    pub metrics_sprint: Option<String>,
    /// The placeholder selected in the band of story files that cannot be read (the Board and
    /// Planning views show it above their lists); none: the selection is in the lists.
    pub damaged_focus: Option<usize>,
    /// Who is using the board (the name recorded in histories): the assign prompt offers them
    /// first.
    pub user: String,
    /// The remote (`OWNER/REPO`) a sync runs with in the background, while it runs.
    pub syncing: Option<String>,
    /// When this clone last synced each remote, by `OWNER/REPO` in lower case.
    pub synced: std::collections::BTreeMap<String, jiff::Timestamp>,
}

impl App {
    pub fn new(board: Board, keymap: Keymap, theme: Theme, origin: String, today: Date) -> App {
        App {
            board,
            index: RefCell::new(None),
            velocity: RefCell::new(None),
            forecast_history: RefCell::new(None),
            forecast_ahead: RefCell::new(None),
            forecast: RefCell::new(None),
            standup_people: RefCell::new(None),
            filtered_board: RefCell::new(None),
            version: std::cell::Cell::new(0),
            column_keys: RefCell::new(None),
            pane_keys: RefCell::new(None),
            view: View::Board,
            board_sel: Selection::default(),
            plan_sel: Selection::default(),
            popup: None,
            status: None,
            messages: std::collections::VecDeque::new(),
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
            last_list: View::Board,
            report_scroll: 0,
            metrics_sprint: None,
            damaged_focus: None,
            user: String::new(),
            syncing: None,
            synced: std::collections::BTreeMap::new(),
        }
    }

    /// The app as built for `user` (the name recorded in histories): the assign prompt offers
    /// them first.
    pub fn for_user(mut self, user: String) -> App {
        self.user = user;
        self
    }

    /// The remote `story` is linked to (one of the board's) and the number of its issue there.
    pub fn linked_issue(&self, story: &crate::domain::Story) -> Option<(&crate::domain::Remote, u64)> {
        let id = &story.origin.as_ref()?.id;
        self.board.file.remotes.iter().find_map(|r| Some((r, r.issue_of(id)?)))
    }

    /// Where things are on screen now: the band of unreadable story files shows above the
    /// Board's and Planning's lists while there are any.
    pub fn screen(&self) -> crate::tui::layout::Screen {
        let band = matches!(self.view, View::Board | View::Planning) && !self.board.damaged.is_empty();
        let rows = status_lines(self, self.area).rows.len() as u16;
        crate::tui::layout::screen_rows(self.area, if band { crate::tui::layout::DAMAGED_HEIGHT } else { 0 }, rows)
    }

    /// The key of the selected placeholder of an unreadable story file, if one is selected.
    pub fn damaged_key(&self) -> Option<String> {
        self.damaged_focus.and_then(|i| self.board.damaged.keys().nth(i)).map(|k| k.to_string())
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    /// The board, to change it; the lists are indexed again on next use.
    pub fn board_mut(&mut self) -> &mut Board {
        self.index.replace(None);
        self.velocity.replace(None);
        self.forecast_history.replace(None);
        self.forecast_ahead.replace(None);
        self.version.set(self.version.get() + 1);
        &mut self.board
    }

    pub fn set_board(&mut self, board: Board) {
        *self.board_mut() = board;
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.say(Status { text: text.into(), error: false });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(Status { text: text.into(), error: true });
    }

    /// Shows `status` on the status line and keeps it for `!` (once when said again at once).
    fn say(&mut self, status: Status) {
        if self.messages.back() != Some(&status) {
            self.messages.push_back(status.clone());
            if self.messages.len() > MESSAGES_KEPT {
                self.messages.pop_front();
            }
        }
        self.status = Some(status);
    }

    /// Where the current view's keys are looked up, whatever popup is open over it.
    pub fn view_context(&self) -> Context {
        match self.view {
            View::Story if self.editor.as_ref().is_some_and(|e| e.editing.is_some()) => Context::Field,
            View::Story if self.editor.is_some() => Context::Story,
            View::Planning => Context::Planning,
            View::Metrics | View::Roadmap | View::Standup => Context::Report,
            _ => Context::Board,
        }
    }

    /// Where keys are looked up now.
    pub fn context(&self) -> Context {
        match (&self.popup, self.view) {
            (Some(Popup::Help { .. } | Popup::Messages { .. }), _) => Context::Help,
            (Some(Popup::Picker { .. } | Popup::Sort { .. }), _) => Context::Picker,
            (Some(Popup::Prompt(_)), _) => Context::Prompt,
            (Some(Popup::ConfirmDelete { .. } | Popup::ConfirmClose { .. } | Popup::ConfirmNewEpic { .. }), _) => {
                Context::Confirm
            }
            (Some(Popup::Clash(_)), _) => Context::Clash,
            (None, View::Story) if self.editor.as_ref().is_some_and(|e| e.editing.is_some()) => Context::Field,
            (None, View::Story) if self.editor.is_some() => Context::Story,
            (None, View::Planning) => Context::Planning,
            (None, View::Metrics | View::Roadmap | View::Standup) => Context::Report,
            (None, _) => Context::Board,
        }
    }

    /// The people of the standup since `since`, worked out once per change of the board or the
    /// filter.
    pub fn standup_people(&self, since: jiff::Timestamp) -> Rc<Vec<crate::report::Person>> {
        let version = self.version.get();
        if let Some((v, t, f, people)) = self.standup_people.borrow().as_ref()
            && *v == version
            && *t == since
            && *f == self.filter
        {
            return Rc::clone(people);
        }
        let people = Rc::new(crate::report::standup(&self.board, since, &|s| self.shown(s)));
        self.standup_people.replace(Some((version, since, self.filter.clone(), Rc::clone(&people))));
        people
    }

    /// The board as the filter shows it: only the matching stories (the board itself when
    /// there is no filter). The report views count these.
    pub fn filtered(&self) -> Shown<'_> {
        if self.filter.is_empty() {
            return Shown::All(&self.board);
        }
        // Made once per change of the board or the filter: Metrics asks on every frame and key.
        let version = self.version.get();
        if let Some((v, f, b)) = self.filtered_board.borrow().as_ref()
            && *v == version
            && *f == self.filter
        {
            return Shown::Filtered(Rc::clone(b));
        }
        let mut b = Board::new(self.board.file.clone());
        b.stories =
            self.board.stories.iter().filter(|(_, s)| self.shown(s)).map(|(k, s)| (k.clone(), s.clone())).collect();
        let b = Rc::new(b);
        self.filtered_board.replace(Some((version, self.filter.clone(), Rc::clone(&b))));
        Shown::Filtered(b)
    }

    /// The sprint Metrics shows: the one chosen with `[` / `]`, else the active one, else the
    /// last one that started.
    pub fn metrics_sprint(&self) -> Option<&crate::domain::Sprint> {
        let f = &self.board.file;
        self.metrics_sprint
            .as_deref()
            .and_then(|id| f.sprint(id))
            .or_else(|| f.active_sprint())
            .or_else(|| f.sprints.iter().rev().find(|s| s.state == crate::domain::SprintState::Closed))
    }

    /// Whether a story passes the filter.
    pub fn shown(&self, s: &Story) -> bool {
        crate::domain::filter::matches(&self.board, &self.filter, s)
    }

    /// The key of the selected story in the current view, if there is one.
    pub fn selected_key(&self) -> Option<String> {
        self.selected_in(self.view)
    }

    /// The key of the story selected in `view`.
    pub fn selected_in(&self, view: View) -> Option<String> {
        match view {
            View::Story => self.editor.as_ref().map(|e| e.key.clone()),
            // The report views show no story to act on.
            View::Metrics | View::Roadmap | View::Standup => None,
            View::Planning => {
                let panes = self.planning_keys();
                panes.get(self.plan_sel.pane)?.keys.get(self.plan_sel.row(self.plan_sel.pane)).map(|k| k.to_string())
            }
            _ => {
                let cols = self.board_column_keys();
                let col = cols.get(self.board_sel.pane)?;
                col.get(self.board_sel.row(self.board_sel.pane)).map(|k| k.to_string())
            }
        }
    }
}
