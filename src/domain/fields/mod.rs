//! The story's fields, described once: one table ([`FIELDS`]) of each field's name in the
//! `$EDITOR` form and in JSON, its label, what it takes, where the Story view and `show` put it
//! and its `edit` flag; and beside it ([`value`]) how each is read from text, shown, compared.
//! The Story view, the form, `show`, `edit` and the JSON all go by it, so a field reads the same
//! way wherever it is typed, and a new field is one row here (plus its arm in each `match`).

mod value;

pub use value::{
    MAX_POINTS, Set, check_points, clashes, describe, differs, edit_parts, estimate, in_edit, in_show, keys, kind,
    labels, limit, moscow, not_a_number, number, parts_of, points, read, rice, score, show, whole_number, with_status,
    wsjf,
};

/// A field a person edits as one piece of text.
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
    /// RICE's four inputs, as `reach, impact, confidence, effort`.
    Rice,
    /// WSJF's four inputs, as `business value, time criticality, risk reduction, job size`.
    Wsjf,
    Description,
    Acceptance,
    /// The keys of the stories it waits on.
    BlockedBy,
}

/// The groups of the Story view, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Across the top (the title).
    Top,
    /// Down the left half, a field a row.
    Left,
    /// In the right half, beside the left half's rows.
    Right,
    /// The right half's columns of numbers, one input a row under the field's name and score:
    /// `row` says which column.
    Scores,
    /// The framed text areas below, side by side: `row` says which.
    Texts,
}

/// Where the Story view puts a field: its group, and its row in the group (counted from the
/// group's first row; for the score columns and the text areas, which of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub group: Group,
    pub row: u16,
}

const fn at(group: Group, row: u16) -> Place {
    Place { group, row }
}

/// The parts of `show`'s text, in the order printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// `KEY  title` on the first line.
    Heading,
    /// `Label: value` on the second line, joined by ` · `.
    Facts,
    /// A `Label: value` line of its own, after where it came from.
    Line,
    /// `Label: value` on one line of scores, joined by ` · `.
    Scores,
    /// `LABEL: value`, a line of its own in capitals.
    Flag,
    /// A paragraph under `Label:`, each line indented.
    Text,
    /// A `Label: value` line of its own, after the paragraphs.
    Links,
}

/// Where `show` prints a field: its section and its place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Shown {
    pub section: Section,
    pub order: u8,
}

const fn shown(section: Section, order: u8) -> Shown {
    Shown { section, order }
}

/// The `edit` flag that sets a field (`--title`), and the one that clears it where clearing has
/// a flag of its own (`--unassign`). A field without one is changed by another command
/// (`move`, `link`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    pub set: &'static str,
    pub clear: Option<&'static str>,
}

const fn flag(set: &'static str) -> Option<Flag> {
    Some(Flag { set, clear: None })
}

const fn flags(set: &'static str, clear: &'static str) -> Option<Flag> {
    Some(Flag { set, clear: Some(clear) })
}

/// One field, as every edge names and places it.
#[derive(Debug)]
pub struct Spec {
    pub field: Field,
    /// Its name in the `$EDITOR` form, in clashes and in the history.
    pub name: &'static str,
    /// Its label in the Story view and in `show`.
    pub label: &'static str,
    /// What it takes, as the form and an empty Story view field say.
    pub takes: &'static str,
    /// Where the Story view puts it.
    pub place: Place,
    /// The labels of its inputs when the Story view takes it as several numbers (RICE, WSJF).
    pub parts: &'static [&'static str],
    /// Where `show` prints it.
    pub shown: Shown,
    /// Its `edit` flags.
    pub flag: Option<Flag>,
    /// Its key in `show --format json` (and `list --format json` for the summary's fields).
    pub json: &'static str,
    /// Whether `import` sets it from the record and keeps track of it (by its `name`) so a
    /// later import leaves a local change alone.
    pub imported: bool,
}

use Group::{Left, Right, Scores, Texts, Top};
use Section::{Facts, Heading, Line, Links, Text};

/// Every field, in the order the form lists them.
pub static FIELDS: &[Spec] = &[
    Spec {
        field: Field::Title,
        name: "title",
        label: "Title",
        takes: "one line",
        place: at(Top, 0),
        parts: &[],
        shown: shown(Heading, 0),
        flag: flag("title"),
        json: "title",
        imported: true,
    },
    Spec {
        field: Field::Points,
        name: "points",
        label: "Points",
        takes: "a whole number",
        place: at(Left, 0),
        parts: &[],
        shown: shown(Facts, 3),
        flag: flag("points"),
        json: "points",
        imported: true,
    },
    Spec {
        field: Field::Assignee,
        name: "assignee",
        label: "Assignee",
        takes: "a name",
        place: at(Left, 1),
        parts: &[],
        shown: shown(Facts, 4),
        flag: flags("assignee", "unassign"),
        json: "assignee",
        imported: true,
    },
    Spec {
        field: Field::Epic,
        name: "epic",
        label: "Epic",
        takes: "an epic's name",
        place: at(Left, 2),
        parts: &[],
        shown: shown(Facts, 5),
        flag: flag("epic"),
        json: "epic",
        imported: true,
    },
    Spec {
        field: Field::Labels,
        name: "labels",
        label: "Labels",
        takes: "words separated by spaces",
        place: at(Left, 3),
        parts: &[],
        shown: shown(Line, 0),
        flag: flags("label", "unlabel"),
        json: "labels",
        imported: true,
    },
    Spec {
        field: Field::Moscow,
        name: "moscow",
        label: "MoSCoW",
        takes: "must, should, could, wont",
        place: at(Left, 4),
        parts: &[],
        shown: shown(Section::Scores, 0),
        flag: flag("moscow"),
        json: "moscow",
        imported: false,
    },
    Spec {
        field: Field::Blocked,
        name: "blocked",
        label: "Blocked",
        takes: "the reason, or empty",
        place: at(Left, 5),
        parts: &[],
        shown: shown(Section::Flag, 0),
        flag: flags("blocked", "unblocked"),
        json: "blocked",
        imported: false,
    },
    Spec {
        field: Field::Kind,
        name: "type",
        label: "Type",
        takes: "story, bug, task or spike",
        place: at(Left, 6),
        parts: &[],
        shown: shown(Facts, 0),
        flag: flag("type"),
        json: "type",
        imported: true,
    },
    Spec {
        field: Field::Status,
        name: "status",
        label: "Status",
        takes: "a column",
        place: at(Left, 7),
        parts: &[],
        shown: shown(Facts, 1),
        flag: None,
        json: "status",
        imported: true,
    },
    Spec {
        field: Field::Sprint,
        name: "sprint",
        label: "Sprint",
        takes: "a sprint, or backlog",
        place: at(Left, 8),
        parts: &[],
        shown: shown(Facts, 2),
        flag: None,
        json: "sprint",
        imported: true,
    },
    Spec {
        field: Field::Rice,
        name: "rice",
        label: "RICE",
        takes: "reach, impact, confidence, effort",
        place: at(Scores, 0),
        parts: &["Reach", "Impact", "Confidence", "Effort"],
        shown: shown(Section::Scores, 1),
        flag: flag("rice"),
        json: "rice",
        imported: false,
    },
    Spec {
        field: Field::Wsjf,
        name: "wsjf",
        label: "WSJF",
        takes: "business value, time criticality, risk reduction, job size",
        place: at(Scores, 1),
        parts: &["Value", "Time crit.", "Risk red.", "Job size"],
        shown: shown(Section::Scores, 2),
        flag: flag("wsjf"),
        json: "wsjf",
        imported: false,
    },
    Spec {
        field: Field::BlockedBy,
        name: "blocked_by",
        label: "Waits on",
        takes: "keys of what it waits on",
        place: at(Right, 6),
        parts: &[],
        shown: shown(Links, 0),
        flag: None,
        json: "blocked_by",
        imported: false,
    },
    Spec {
        field: Field::Description,
        name: "description",
        label: "Description",
        takes: "any text",
        place: at(Texts, 0),
        parts: &[],
        shown: shown(Text, 0),
        flag: flag("description"),
        json: "description",
        imported: true,
    },
    Spec {
        field: Field::Acceptance,
        name: "acceptance",
        label: "Acceptance criteria",
        takes: "any text",
        place: at(Texts, 1),
        parts: &[],
        shown: shown(Text, 1),
        flag: flag("acceptance"),
        json: "acceptance",
        imported: true,
    },
];

impl Field {
    pub fn spec(self) -> &'static Spec {
        // Every field has its row: the table test checks it.
        FIELDS.iter().find(|s| s.field == self).unwrap_or(&FIELDS[0])
    }

    pub fn by_name(name: &str) -> Option<Field> {
        FIELDS.iter().find(|s| s.name.eq_ignore_ascii_case(name.trim())).map(|s| s.field)
    }

    /// Set by a move (recorded in the history), not an edit: the status and the sprint.
    pub fn is_move(self) -> bool {
        matches!(self, Field::Status | Field::Sprint)
    }

    /// A text of several lines (typed in a text area, shown as a paragraph).
    pub fn multiline(self) -> bool {
        self.spec().place.group == Group::Texts
    }
}

/// The fields in the Story view's Tab order: by group, then row.
pub fn in_view_order() -> Vec<&'static Spec> {
    let mut specs: Vec<&Spec> = FIELDS.iter().collect();
    specs.sort_by_key(|s| s.place);
    specs
}

/// The fields in the order `show` prints them.
pub fn in_show_order() -> Vec<&'static Spec> {
    let mut specs: Vec<&Spec> = FIELDS.iter().collect();
    specs.sort_by_key(|s| s.shown);
    specs
}

/// The names of the fields `import` sets and keeps track of. Its list of tracked fields is
/// checked against it (`tracked_by_import`).
pub fn imported() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().filter(|s| s.imported).map(|s| s.name)
}

/// Whether `names` (an importer's list of the fields it tracks) are the table's imported
/// fields, each once: `Err` names what differs.
pub fn tracked_by_import(names: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = imported().filter(|n| !names.contains(n)).collect();
    let extra: Vec<&str> = names
        .iter()
        .enumerate()
        .filter(|(i, n)| !imported().any(|m| m == **n) || names[..*i].contains(n))
        .map(|(_, n)| *n)
        .collect();
    if missing.is_empty() && extra.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "import tracks {extra:?} that the field table does not mark imported (or twice), and not {missing:?}"
        ))
    }
}

#[cfg(test)]
mod tests;
