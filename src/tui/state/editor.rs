//! The Story view's state: the story's fields, each in its own text area.

use ratatui_textarea::TextArea;

use crate::tui::action::View;

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
    Kind,
    Status,
    Sprint,
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
    /// A new comment: typed, then added when the field is left (and emptied again).
    Comment,
}

impl Field {
    pub const ALL: [Field; 21] = [
        Field::Title,
        Field::Points,
        Field::Assignee,
        Field::Epic,
        Field::Labels,
        Field::Moscow,
        Field::Blocked,
        Field::Kind,
        Field::Status,
        Field::Sprint,
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
        Field::Comment,
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
            Field::Kind => "Type",
            Field::Status => "Status",
            Field::Sprint => "Sprint",
            Field::Comment => "Comment",
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

    /// What an empty field shows: the values it takes.
    pub fn placeholder(self) -> &'static str {
        match self {
            Field::Moscow => "must, should, could, wont",
            Field::Kind => "story, bug, task or spike",
            Field::Status => "a column",
            Field::Sprint => "a sprint, or backlog",
            Field::Points => "a whole number",
            Field::Comment => "Tab adds it",
            _ => "",
        }
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
    /// `Esc` was pressed once with RICE or WSJF inputs partly filled in: the next one leaves.
    pub leaving: bool,
}
