//! Everything a person can ask the TUI to do. Keys map to these (see the keymap); `update` is
//! the only place they change the state.

use ratatui::crossterm::event::KeyEvent;

use crate::domain::{Board, Changes};
use crate::store::Refresh;

/// The six views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Board,
    Planning,
    Story,
    Metrics,
    Roadmap,
    Standup,
}

impl View {
    pub const ALL: [View; 6] = [View::Board, View::Planning, View::Story, View::Metrics, View::Roadmap, View::Standup];

    pub fn title(self) -> &'static str {
        match self {
            View::Board => "Board",
            View::Planning => "Planning",
            View::Story => "Story",
            View::Metrics => "Metrics",
            View::Roadmap => "Roadmap",
            View::Standup => "Standup",
        }
    }

    pub fn number(self) -> usize {
        View::ALL.iter().position(|v| *v == self).map_or(1, |i| i + 1)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    Help,
    /// `!`: the status line's last messages in full.
    Messages,
    Show(View),
    NextPane,
    PrevPane,
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    /// `:`: go to a story by its key.
    Jump,
    /// Metrics: show the sprint before / after.
    SprintEarlier,
    SprintLater,
    NewSprint,
    StartSprint,
    CloseSprint,
    EditSprint,
    /// The Story view: rename the story's epic.
    RenameEpic,
    StatusPrev,
    StatusNext,
    RankUp,
    RankDown,
    RankTop,
    RankBottom,
    SprintPrev,
    SprintNext,
    PickSprint,
    Confirm,
    Cancel,
    NewStory,
    Edit,
    EditInEditor,
    Delete,
    Block,
    Assign,
    Points,
    Sort,
    Filter,
    Undo,
    Redo,
    NextField,
    PrevField,
    /// A value changed elsewhere while it was edited here: save mine over it, or take theirs.
    KeepMine,
    TakeTheirs,
    Swimlanes,
    /// Sync the board with its GitHub remote, in the background.
    RemoteSync,
    /// A key typed into a text field or prompt.
    Type(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): typed into the field in use, never run
    /// as keys.
    Paste(String),
    /// A mouse click at a cell of the screen.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a cell: `down` scrolls towards the end of the list.
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    /// The terminal has this size now.
    Resized {
        width: u16,
        height: u16,
    },
    /// A second passed (sent only while the Standup view's timer runs).
    Tick,
    /// What the runtime reports back: the results of the effects `update` asked for.
    Done(Box<Outcome>),
}

/// What became of an effect, or what the world changed: the runtime does the I/O and hands the
/// result to `update` as one of these.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Files changed by other processes, read and checked.
    Refreshed(Box<Refresh>),
    /// A save met a file changed elsewhere; the change was made again on the board as read
    /// afresh (`board`), and saved: `changes` is what was written.
    SaveReapplied { board: Box<Board>, changes: Box<Changes>, key: String, stack: Stack },
    /// A save met a file changed elsewhere and the change was not made again: `board` is the
    /// disk's version, `reason` why (none: a change that is never re-applied, like an undo).
    SaveConflict { board: Box<Board>, key: String, reason: Option<String>, stack: Stack },
    /// A save failed; `board` is the disk's version when it could be read.
    SaveFailed { board: Option<Box<Board>>, message: String, stack: Stack },
    /// `$EDITOR` ended: what it left in the file, or why there is nothing.
    EditorReturned { key: String, text: Result<String, String> },
    /// The board could not be read again.
    ReadFailed(String),
    /// A story file that could not be read was repaired (or found readable already): what
    /// reading it again found.
    Repaired { key: String, report: Box<Refresh> },
    /// A repair ended without writing anything: why (`error`: it failed, else it was
    /// cancelled).
    RepairEnded { key: String, message: String, error: bool },
    /// The board was opened: what to say first.
    Opened(Box<Opened>),
    /// Changes made elsewhere cannot be watched for (why): they show only after a restart.
    WatchFailed(String),
    /// The terminal could not be taken back from the editor (why).
    TerminalNotTakenBack(String),
    /// A remote sync run in the background ended: what it did or why it stopped, in words
    /// (`error`: it stopped), and when it ended if it finished.
    RemoteSynced { repo: String, text: String, error: bool, synced: Option<jiff::Timestamp> },
    /// A remote sync running in the background waits (for GitHub's rate limit): what it says.
    RemoteSyncWaiting(String),
    /// When this clone last synced each remote (`OWNER/REPO`, time), as its state records it.
    SyncTimes(Vec<(String, jiff::Timestamp)>),
}

/// What opening the board found, for the status line's first message. The first that applies
/// is said: story files that cannot be read, the board's warnings, an interrupted command
/// finished, problems in the configuration, the board just created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opened {
    /// The board's warnings, summed up.
    pub warning: Option<String>,
    /// What an interrupted command left and was finished just now.
    pub finished: Option<String>,
    /// The configuration's problems (the keymap, the config file, the theme), each in a few
    /// words.
    pub problems: Vec<String>,
    /// Where the board is (`personal board at PATH`), when it was just created from the
    /// example board.
    pub created: Option<String>,
}

/// Which undo stack holds the entry of a change being saved (its top entry), so that a change
/// that did not reach the disk can be taken off it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stack {
    Undo,
    Redo,
    /// Not undoable (or nothing to take off).
    None,
}

/// Every action a key can be bound to: its name in keymap files, the action itself, and what it
/// does, for the help screen. The one table of them: the keymap, `?` and the hints use it.
pub const BINDABLE: &[(&str, Action, &str)] = &[
    ("quit", Action::Quit, "quit"),
    ("help", Action::Help, "show this help"),
    ("messages", Action::Messages, "the last messages of the status line, in full"),
    ("view-board", Action::Show(View::Board), "Board view: the active sprint"),
    ("view-planning", Action::Show(View::Planning), "Planning view: backlog and sprints"),
    ("view-story", Action::Show(View::Story), "Story view"),
    ("view-metrics", Action::Show(View::Metrics), "Metrics view"),
    ("view-roadmap", Action::Show(View::Roadmap), "Roadmap view"),
    ("view-standup", Action::Show(View::Standup), "Standup view"),
    ("next-pane", Action::NextPane, "next column or pane"),
    ("prev-pane", Action::PrevPane, "previous column or pane"),
    ("left", Action::Left, "select left"),
    ("right", Action::Right, "select right"),
    ("up", Action::Up, "select up"),
    ("down", Action::Down, "select down"),
    ("page-up", Action::PageUp, "select a page up"),
    ("page-down", Action::PageDown, "select a page down"),
    ("first", Action::First, "select the first item"),
    ("last", Action::Last, "select the last item"),
    ("jump", Action::Jump, "go to a story by its key"),
    ("sprint-earlier", Action::SprintEarlier, "Metrics: the sprint before"),
    ("sprint-later", Action::SprintLater, "Metrics: the sprint after"),
    ("new-sprint", Action::NewSprint, "plan a new sprint (after the last one)"),
    ("start-sprint", Action::StartSprint, "start the focused sprint"),
    ("close-sprint", Action::CloseSprint, "close the active sprint (asks first)"),
    ("edit-sprint", Action::EditSprint, "edit the focused sprint: name, goal, dates, capacity"),
    ("rename-epic", Action::RenameEpic, "Story view: rename the story's epic (Enter on Epic picks or creates one)"),
    ("status-prev", Action::StatusPrev, "move the story to the previous column"),
    ("status-next", Action::StatusNext, "move the story to the next column"),
    ("rank-up", Action::RankUp, "move the story up"),
    ("rank-down", Action::RankDown, "move the story down"),
    ("rank-top", Action::RankTop, "move the story to the top"),
    ("rank-bottom", Action::RankBottom, "move the story to the bottom"),
    ("sprint-prev", Action::SprintPrev, "move the story to the previous sprint (or the backlog)"),
    ("sprint-next", Action::SprintNext, "move the story to the next sprint"),
    ("pick-sprint", Action::PickSprint, "move the story to a sprint chosen from a list"),
    ("new-story", Action::NewStory, "new story in this column or list"),
    ("edit", Action::Edit, "edit the story in place (Story view); there, edit the field"),
    ("edit-in-editor", Action::EditInEditor, "edit the story in $VISUAL / $EDITOR"),
    ("delete", Action::Delete, "delete the story (asks first)"),
    ("block", Action::Block, "flag blocked with a reason, or unflag"),
    ("assign", Action::Assign, "assign the story"),
    ("points", Action::Points, "set points"),
    ("sort", Action::Sort, "order the list by RICE, WSJF or MoSCoW"),
    ("filter", Action::Filter, "filter: text, @person, #label, epic:NAME, type:bug, blocked:"),
    ("undo", Action::Undo, "undo the last change"),
    ("redo", Action::Redo, "redo what was undone"),
    ("swimlanes", Action::Swimlanes, "swimlanes: by assignee, by epic, none"),
    ("remote-sync", Action::RemoteSync, "sync with the GitHub remote, in the background"),
    ("next-field", Action::NextField, "next field (saves the one left)"),
    ("prev-field", Action::PrevField, "previous field (saves the one left)"),
    ("keep-mine", Action::KeepMine, "changed elsewhere: save mine over theirs"),
    ("take-theirs", Action::TakeTheirs, "changed elsewhere: take theirs, drop mine"),
    ("confirm", Action::Confirm, "choose / yes"),
    ("cancel", Action::Cancel, "close / no / back"),
];

impl Action {
    /// The action a keymap name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE.iter().find(|(n, _, _)| *n == name).map(|(_, a, _)| a.clone())
    }

    /// Every name a keymap may use.
    pub fn names() -> impl Iterator<Item = &'static str> {
        BINDABLE.iter().map(|(n, _, _)| *n)
    }

    /// What a bindable action does, in a few words.
    pub fn describe(&self) -> &'static str {
        BINDABLE.iter().find(|(_, a, _)| a == self).map_or("", |(_, _, d)| *d)
    }
}

#[cfg(test)]
mod tests;
