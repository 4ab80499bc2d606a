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

/// The Story view: one story's fields, each in its own text area. It is browsed first (keys
/// move between fields and switch views); a field is edited only after `Enter` or `e`, so a
/// view key never changes a field.
#[derive(Debug, Clone)]
pub struct StoryEditor {
    pub key: String,
    pub fields: Vec<(Field, TextArea<'static>)>,
    pub focus: usize,
    /// The focused field is being edited (`None`: browsing).
    pub editing: Option<Editing>,
    /// The view `Esc` returns to.
    pub back: View,
    /// `Esc` was pressed once with RICE or WSJF inputs partly filled in: the next one leaves.
    pub leaving: bool,
}

/// A field being edited: what it held when editing began, and what another process has put
/// there since, if anything — saving then asks which to keep, never overwriting unseen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    pub original: String,
    pub theirs: Option<String>,
}

impl Editing {
    pub fn of(original: String) -> Editing {
        Editing { original, theirs: None }
    }

    /// The value on disk changed to `now` while this field was edited; `typed` is what the
    /// field shows. A change to what was typed anyway is no clash.
    pub fn changed_elsewhere(&mut self, now: String, typed: &str) {
        if now == typed {
            self.original = now;
            self.theirs = None;
        } else if now == self.original {
            self.theirs = None;
        } else {
            self.theirs = Some(now);
        }
    }
}
