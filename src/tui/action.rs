//! Everything a person can ask the TUI to do. Keys map to these (see the keymap); `update` is
//! the only place they change the state.

use ratatui::crossterm::event::KeyEvent;

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
    Show(View),
    NextPane,
    PrevPane,
    Left,
    Right,
    Up,
    Down,
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
    Swimlanes,
    /// A key typed into a text field or prompt.
    Type(KeyEvent),
    /// A story edited outside (in `$EDITOR`) comes back: apply these field changes.
    ApplyEdit(String, Box<crate::domain::Edit>),
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
    /// The terminal changed size.
    Resize,
    /// A second passed (sent only while the Standup view's timer runs).
    Tick,
}

/// The names used in keymap files, and what each action does, for the help screen.
const NAMES: &[(&str, &str)] = &[
    ("quit", "quit"),
    ("help", "show this help"),
    ("view-board", "Board view: the active sprint"),
    ("view-planning", "Planning view: backlog and sprints"),
    ("view-story", "Story view"),
    ("view-metrics", "Metrics view"),
    ("view-roadmap", "Roadmap view"),
    ("view-standup", "Standup view"),
    ("next-pane", "next column or pane"),
    ("prev-pane", "previous column or pane"),
    ("left", "select left"),
    ("right", "select right"),
    ("up", "select up"),
    ("down", "select down"),
    ("status-prev", "move the story to the previous column"),
    ("status-next", "move the story to the next column"),
    ("rank-up", "move the story up"),
    ("rank-down", "move the story down"),
    ("rank-top", "move the story to the top"),
    ("rank-bottom", "move the story to the bottom"),
    ("sprint-prev", "move the story to the previous sprint (or the backlog)"),
    ("sprint-next", "move the story to the next sprint"),
    ("pick-sprint", "move the story to a sprint chosen from a list"),
    ("new-story", "new story in this column or list"),
    ("edit", "edit the story in place (Story view)"),
    ("edit-in-editor", "edit the story in $VISUAL / $EDITOR"),
    ("delete", "delete the story (asks first)"),
    ("block", "flag blocked with a reason, or unflag"),
    ("assign", "assign the story"),
    ("points", "set points"),
    ("sort", "order the list by RICE, WSJF or MoSCoW"),
    ("filter", "filter: text, @person, #label, epic:NAME"),
    ("undo", "undo the last change"),
    ("redo", "redo what was undone"),
    ("swimlanes", "swimlanes: by assignee, by epic, none"),
    ("next-field", "next field (saves the one left)"),
    ("prev-field", "previous field (saves the one left)"),
    ("confirm", "choose / yes"),
    ("cancel", "close / no / back"),
];

impl Action {
    /// The action a keymap name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        Some(match name {
            "quit" => Action::Quit,
            "help" => Action::Help,
            "view-board" => Action::Show(View::Board),
            "view-planning" => Action::Show(View::Planning),
            "view-story" => Action::Show(View::Story),
            "view-metrics" => Action::Show(View::Metrics),
            "view-roadmap" => Action::Show(View::Roadmap),
            "view-standup" => Action::Show(View::Standup),
            "next-pane" => Action::NextPane,
            "prev-pane" => Action::PrevPane,
            "left" => Action::Left,
            "right" => Action::Right,
            "up" => Action::Up,
            "down" => Action::Down,
            "status-prev" => Action::StatusPrev,
            "status-next" => Action::StatusNext,
            "rank-up" => Action::RankUp,
            "rank-down" => Action::RankDown,
            "rank-top" => Action::RankTop,
            "rank-bottom" => Action::RankBottom,
            "sprint-prev" => Action::SprintPrev,
            "sprint-next" => Action::SprintNext,
            "pick-sprint" => Action::PickSprint,
            "confirm" => Action::Confirm,
            "cancel" => Action::Cancel,
            "new-story" => Action::NewStory,
            "edit" => Action::Edit,
            "edit-in-editor" => Action::EditInEditor,
            "delete" => Action::Delete,
            "block" => Action::Block,
            "assign" => Action::Assign,
            "points" => Action::Points,
            "sort" => Action::Sort,
            "filter" => Action::Filter,
            "undo" => Action::Undo,
            "redo" => Action::Redo,
            "swimlanes" => Action::Swimlanes,
            "next-field" => Action::NextField,
            "prev-field" => Action::PrevField,
            _ => return None,
        })
    }

    /// Every name a keymap may use.
    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMES.iter().map(|(n, _)| *n)
    }

    /// What an action named `name` does, in a few words.
    pub fn describe(name: &str) -> &'static str {
        NAMES.iter().find(|(n, _)| *n == name).map_or("", |(_, d)| *d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_has_an_action_and_a_description() {
        for name in Action::names() {
            assert!(Action::from_name(name).is_some(), "{name}");
            assert!(!Action::describe(name).is_empty(), "{name}");
        }
        assert_eq!(Action::from_name("fly"), None);
    }
}
