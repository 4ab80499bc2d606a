//! The TUI's whole state: the board, where the selection is, what is open, what to say.

use jiff::civil::Date;
use ratatui::layout::Rect;

use super::action::View;
use super::keymap::{Context, Keymap};
use super::theme::Theme;
use crate::domain::{Board, ListId, SprintState, Story};

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
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

/// The line at the bottom: a confirmation or a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub board: Board,
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
    pub quit: bool,
}

impl App {
    pub fn new(board: Board, keymap: Keymap, theme: Theme, origin: String, today: Date) -> App {
        App {
            board,
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
            quit: false,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: false });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: true });
    }

    /// Where keys are looked up now.
    pub fn context(&self) -> Context {
        match (&self.popup, self.view) {
            (Some(Popup::Help { .. }), _) => Context::Help,
            (Some(Popup::Picker { .. }), _) => Context::Picker,
            (None, View::Planning) => Context::Planning,
            (None, _) => Context::Board,
        }
    }

    /// The active sprint's stories, one list per workflow column, in rank order.
    pub fn board_columns(&self) -> Vec<Vec<&Story>> {
        let Some(active) = self.board.file.active_sprint() else {
            return vec![Vec::new(); self.board.file.columns.len()];
        };
        let list = self.board.list(Some(&active.id));
        self.board.file.columns.iter().map(|c| list.iter().copied().filter(|s| s.status == c.id).collect()).collect()
    }

    /// The planning panes: the backlog, then every planned or active sprint.
    pub fn planning_lists(&self) -> Vec<ListId> {
        std::iter::once(None)
            .chain(
                self.board.file.sprints.iter().filter(|s| s.state != SprintState::Closed).map(|s| Some(s.id.clone())),
            )
            .collect()
    }

    /// The stories of each planning pane.
    pub fn planning_panes(&self) -> Vec<(ListId, Vec<&Story>)> {
        self.planning_lists().into_iter().map(|l| (l.clone(), self.board.list(l.as_deref()))).collect()
    }

    /// The key of the selected story in the current view, if there is one.
    pub fn selected_key(&self) -> Option<String> {
        match self.view {
            View::Planning => {
                let panes = self.planning_panes();
                let (_, list) = panes.get(self.plan_sel.pane)?;
                list.get(self.plan_sel.row(self.plan_sel.pane)).map(|s| s.key.clone())
            }
            _ => {
                let cols = self.board_columns();
                let col = cols.get(self.board_sel.pane)?;
                col.get(self.board_sel.row(self.board_sel.pane)).map(|s| s.key.clone())
            }
        }
    }

    /// Average completed points of the last three closed sprints: the velocity that forecasts.
    pub fn velocity(&self) -> Option<u32> {
        let done = self.board.file.done_column()?.id.clone();
        let closed: Vec<_> = self.board.file.sprints.iter().filter(|s| s.state == SprintState::Closed).collect();
        let recent = &closed[closed.len().saturating_sub(3)..];
        if recent.is_empty() {
            return None;
        }
        let total: u32 = recent
            .iter()
            .map(|sp| {
                self.board
                    .stories
                    .values()
                    .filter(|s| s.sprint.as_deref() == Some(&sp.id) && s.status == done)
                    .filter_map(|s| s.points)
                    .sum::<u32>()
            })
            .sum();
        Some(total / recent.len() as u32)
    }
}
