//! What opens over a view: help, the sprint picker, prompts, questions, the sort menu.

use ratatui_textarea::TextArea;

use crate::domain::ListId;

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
    /// "Close sprint `id`?": y or n.
    ConfirmClose {
        id: String,
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
}

impl Prompt {
    /// A prompt showing `text` (the current value), selected: typing replaces it.
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        Prompt { kind, input: crate::tui::text_field::new(text), selected: None }
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}
