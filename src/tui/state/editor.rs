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
    BlockedBy,
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
    pub const ALL: [Field; 22] = [
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
        Field::BlockedBy,
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

    /// The story's field this one is, in the domain's table of fields (`None`: one of the four
    /// RICE or WSJF inputs, or the new comment).
    pub fn story_field(self) -> Option<crate::domain::fields::Field> {
        use crate::domain::fields::Field as F;
        Some(match self {
            Field::Title => F::Title,
            Field::Points => F::Points,
            Field::Assignee => F::Assignee,
            Field::Epic => F::Epic,
            Field::Labels => F::Labels,
            Field::Moscow => F::Moscow,
            Field::Blocked => F::Blocked,
            Field::Kind => F::Kind,
            Field::Status => F::Status,
            Field::Sprint => F::Sprint,
            Field::BlockedBy => F::BlockedBy,
            Field::Description => F::Description,
            Field::Acceptance => F::Acceptance,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        if let Some(f) = self.story_field() {
            return f.spec().label;
        }
        match self {
            Field::RiceReach => "Reach",
            Field::RiceImpact => "Impact",
            Field::RiceConfidence => "Confidence",
            Field::RiceEffort => "Effort",
            Field::WsjfValue => "Value",
            Field::WsjfTime => "Time crit.",
            Field::WsjfRisk => "Risk red.",
            Field::WsjfSize => "Job size",
            _ => "Comment",
        }
    }

    pub fn multiline(self) -> bool {
        matches!(self, Field::Description | Field::Acceptance)
    }

    /// What an empty field shows: the values it takes.
    pub fn placeholder(self) -> &'static str {
        match self {
            Field::Comment => "Tab adds it",
            // A title or a text area needs no hint.
            Field::Title | Field::Description | Field::Acceptance => "",
            f => f.story_field().map_or("", |s| s.spec().takes),
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
