//! The Story view's state: the story's fields, each in its own text area.

use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::domain::fields;
use crate::tui::layout::StoryPlaces;

use crate::tui::action::View;

/// One input of the Story view: a field of the story's table (`domain::fields`), one input of
/// a field the view takes as several numbers (RICE, WSJF), or a new comment. The inputs, their
/// order, labels and places all come from the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A field typed whole.
    Whole(fields::Field),
    /// The input of a field typed as several numbers: which of its `parts`.
    Part(fields::Field, usize),
    /// A new comment: typed, then added when the field is left (and emptied again).
    Comment,
}

impl Field {
    /// Every input, in Tab order: the table's fields by their place in the view (each input of
    /// a field typed as several), then the new comment.
    pub fn all() -> Vec<Field> {
        let mut all: Vec<Field> = Vec::new();
        for spec in fields::in_view_order() {
            if spec.parts.is_empty() {
                all.push(Field::Whole(spec.field));
            } else {
                all.extend((0..spec.parts.len()).map(|i| Field::Part(spec.field, i)));
            }
        }
        all.push(Field::Comment);
        all
    }

    /// The story's field this one is, typed whole (`None`: one of the several inputs of a field,
    /// or the new comment).
    pub fn story_field(self) -> Option<fields::Field> {
        match self {
            Field::Whole(f) => Some(f),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Whole(f) => f.spec().label,
            Field::Part(f, i) => f.spec().parts.get(i).copied().unwrap_or(f.spec().label),
            Field::Comment => "Comment",
        }
    }

    pub fn multiline(self) -> bool {
        self.story_field().is_some_and(fields::Field::multiline)
    }

    /// What an empty field shows: the values it takes.
    pub fn placeholder(self) -> &'static str {
        match self {
            Field::Comment => "Tab adds it",
            // A title or a text area needs no hint.
            Field::Whole(fields::Field::Title) => "",
            Field::Whole(f) if f.multiline() => "",
            f => f.story_field().map_or("", |s| s.spec().takes),
        }
    }

    /// Where it is in the Story view: its label and its input.
    pub fn places(self, places: &StoryPlaces) -> (Rect, Rect) {
        match self {
            Field::Whole(f) => places.field(f.spec().place, 0),
            Field::Part(f, i) => places.field(f.spec().place, i),
            Field::Comment => places.comment,
        }
    }
}

/// The names the tests give the inputs.
#[cfg(test)]
#[allow(non_upper_case_globals)]
impl Field {
    pub const Title: Field = Field::Whole(fields::Field::Title);
    pub const Points: Field = Field::Whole(fields::Field::Points);
    pub const Epic: Field = Field::Whole(fields::Field::Epic);
    pub const Kind: Field = Field::Whole(fields::Field::Kind);
    pub const BlockedBy: Field = Field::Whole(fields::Field::BlockedBy);
    pub const Description: Field = Field::Whole(fields::Field::Description);
    pub const Acceptance: Field = Field::Whole(fields::Field::Acceptance);
    pub const RiceReach: Field = Field::Part(fields::Field::Rice, 0);
    pub const RiceConfidence: Field = Field::Part(fields::Field::Rice, 2);
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
