//! What opens over a view: help, the sprint picker, prompts, questions, the sort menu.

use ratatui_textarea::TextArea;

use super::editor::StoryEditor;
use crate::domain::ListId;

/// A popup over the view; it takes every key while it is open.
#[derive(Debug, Clone)]
pub enum Popup {
    Help {
        scroll: u16,
    },
    /// `!`: the last messages of the status line, in full, newest first.
    Messages {
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
    /// "Close sprint `id`?": y or n.
    ConfirmClose {
        id: String,
    },
    /// The Story view's Epic field names no epic: "Create epic `name`?" for story `key`, then
    /// on to `step` as leaving the field asked.
    ConfirmNewEpic {
        key: String,
        name: String,
        step: FieldStep,
    },
    /// Choose the score to order `list` by.
    Sort {
        list: ListId,
        selected: usize,
    },
    /// The value being saved was changed elsewhere meanwhile: keep mine or take theirs.
    Clash(Box<Clash>),
}

/// A field of `key` edited here and changed elsewhere since it was opened.
#[derive(Debug, Clone)]
pub struct Clash {
    pub key: String,
    /// The field, as its label reads.
    pub field: &'static str,
    pub mine: String,
    pub theirs: String,
    /// What was being done when the clash was found, carried on once it is answered.
    pub then: AfterClash,
}

impl Clash {
    /// The question to ask before saving the Story view's field being edited: it was changed
    /// elsewhere since editing began, to a value that is neither what it was nor what was typed.
    pub fn in_story_view(e: &StoryEditor, step: FieldStep) -> Option<Clash> {
        let theirs = e.editing.as_ref()?.theirs.clone()?;
        let (field, t) = e.fields.get(e.focus)?;
        let mine = crate::tui::text_field::text(t);
        (mine != theirs).then(|| Clash {
            key: e.key.clone(),
            field: field.label(),
            mine,
            theirs,
            then: AfterClash::Field(step),
        })
    }

    /// What the status line says once theirs is taken: theirs, and what mine was, so that what
    /// was typed is not lost unseen.
    pub fn theirs_taken(&self) -> String {
        format!(
            "{}: {} is theirs, {:?}; yours was {:?}",
            self.key,
            self.field,
            crate::text::truncate(&self.theirs, 40),
            crate::text::truncate(&self.mine, 40)
        )
    }
}

#[derive(Debug, Clone)]
pub enum AfterClash {
    /// In the Story view: leaving the field for this one.
    Field(FieldStep),
    /// A prompt on the story (points, assignee, blocked), answered.
    Prompt(Box<Prompt>),
}

/// Where the Story view goes once the field being edited is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldStep {
    /// To the field this many places on (Tab, Shift-Tab, a click), still editing.
    Focus(isize),
    /// Browsing again, on the same field (`Esc`, `Enter`).
    Stop,
    /// Out of the program.
    Quit,
}

/// What a prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    NewStory {
        list: ListId,
        status: String,
    },
    Blocked {
        key: String,
    },
    Points {
        key: String,
    },
    Assign {
        key: String,
    },
    Filter,
    /// `:`: a story's key.
    Jump,
    /// `m`, "before a story…": the key of the story `key` goes before.
    MoveBefore {
        key: String,
    },
    /// `N`: a new sprint's name.
    NewSprint,
    /// `R` in the Story view: a new name for epic `id`.
    RenameEpic {
        id: String,
    },
    /// `R`: one field of a sprint, then the next.
    SprintField {
        id: String,
        field: SprintField,
    },
}

/// The fields of a sprint that `R` asks for, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SprintField {
    Name,
    Goal,
    Start,
    End,
    Capacity,
}

impl SprintField {
    pub fn label(self) -> &'static str {
        match self {
            SprintField::Name => "name",
            SprintField::Goal => "goal",
            SprintField::Start => "start (YYYY-MM-DD)",
            SprintField::End => "end (YYYY-MM-DD)",
            SprintField::Capacity => "capacity (points)",
        }
    }

    pub fn next(self) -> Option<SprintField> {
        match self {
            SprintField::Name => Some(SprintField::Goal),
            SprintField::Goal => Some(SprintField::Start),
            SprintField::Start => Some(SprintField::End),
            SprintField::End => Some(SprintField::Capacity),
            SprintField::Capacity => None,
        }
    }

    /// The sprint's value of this field, as the prompt shows it.
    pub fn value(self, s: &crate::domain::Sprint) -> String {
        let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            SprintField::Name => s.name.clone(),
            SprintField::Goal => s.goal.clone(),
            SprintField::Start => date(s.start),
            SprintField::End => date(s.end),
            SprintField::Capacity => s.capacity.map(|c| c.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
    /// In the assign prompt: the chosen entry of the people matching what was typed.
    pub selected: Option<usize>,
    /// A prompt that sets a story's field (points, assignee, blocked): the value it opened on,
    /// and what another process has put there since.
    pub edits: Option<super::editor::Editing>,
}

impl Prompt {
    /// A prompt showing `text` (the current value), selected: typing replaces it.
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        Prompt { kind, input: crate::tui::text_field::new(text), selected: None, edits: None }
    }

    /// A prompt on a field of a story whose value is `current` now.
    pub fn on_field(kind: PromptKind, text: &str, current: String) -> Prompt {
        Prompt { edits: Some(super::editor::Editing::of(current)), ..Prompt::new(kind, text) }
    }

    /// The story and field this prompt sets, if it sets one.
    pub fn story_field(&self) -> Option<(&str, crate::domain::fields::Field)> {
        use crate::domain::fields::Field;
        match &self.kind {
            PromptKind::Points { key } => Some((key, Field::Points)),
            PromptKind::Assign { key } => Some((key, Field::Assignee)),
            PromptKind::Blocked { key } => Some((key, Field::Blocked)),
            _ => None,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}
