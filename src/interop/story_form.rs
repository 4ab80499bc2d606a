//! A story as a person edits it in `$EDITOR`: one `field: value` line per field of the table
//! (`domain::fields`), then its texts (the description, the acceptance criteria) as plain text
//! under `## Label` headings. Parsing reports the
//! line of a mistake, so the editor can reopen with the error on top and nothing lost.

use crate::domain::fields::{self, FIELDS, Field, Set, Spec};
use crate::domain::{Board, Edit, Story};

const ERROR_PREFIX: &str = "# ERROR: ";
/// The fields written as `name: value` lines: the table's, less its texts (sections of their
/// own) and the moves (status and sprint, made with the keys).
fn form_fields() -> impl Iterator<Item = &'static Spec> {
    FIELDS.iter().filter(|s| !s.field.multiline() && !s.field.is_move())
}

/// The texts, each under its `## Label` heading.
fn text_fields() -> impl Iterator<Item = &'static Spec> {
    FIELDS.iter().filter(|s| s.field.multiline())
}

fn heading(spec: &Spec) -> String {
    format!("## {}", spec.label)
}

/// The text the editor opens with.
pub fn render(board: &Board, s: &Story) -> String {
    let epics: Vec<&str> = board.file.epics.iter().map(|e| e.name.as_str()).collect();
    let mut out = format!(
        "# {key}: edit below, then save and close the editor to apply.\n\
         # Lines starting with # are notes and are ignored. An empty value clears a field.\n\
         # To cancel, delete everything and save.\n\n",
        key = s.key
    );
    for spec in form_fields() {
        match spec.field {
            Field::Title | Field::Points | Field::Assignee => {}
            Field::Epic if epics.is_empty() => out.push_str("# epic: this board has no epics yet\n"),
            Field::Epic => out.push_str(&format!("# epic: one of {}\n", epics.join(", "))),
            _ => out.push_str(&format!("# {}: {}\n", spec.name, spec.takes)),
        }
        out.push_str(&format!("{}: {}\n", spec.name, fields::show(board, s, spec.field)));
    }
    for spec in text_fields() {
        out.push_str(&format!("\n{}\n\n{}\n", heading(spec), fields::show(board, s, spec.field).trim_end()));
    }
    out
}

/// A mistake in the edited text, at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The text with the error written on top (an earlier error note replaced), for the editor to
/// reopen with.
pub fn with_error(text: &str, error: &FormError) -> String {
    let rest: Vec<&str> = text.lines().filter(|l| !l.starts_with(ERROR_PREFIX)).collect();
    // The note adds a line above everything, so the place it points at moves down by one.
    let moved = FormError { line: error.line + 1, message: error.message.clone() };
    format!("{ERROR_PREFIX}{moved}\n{}\n", rest.join("\n"))
}

/// Parses the edited text. `Ok(None)`: the text is empty, the edit is cancelled.
pub fn parse(board: &Board, text: &str) -> Result<Option<Edit>, FormError> {
    if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') && !is_section(l)) {
        return Ok(None);
    }
    let mut edit = Edit::default();
    let mut section: Option<(&str, Vec<&str>)> = None;
    let mut sections: Vec<(&str, Vec<&str>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if is_section(line) {
            if let Some(done) = section.take() {
                sections.push(done);
            }
            section = Some((line.trim(), Vec::new()));
            continue;
        }
        if let Some((_, body)) = section.as_mut() {
            body.push(line);
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((name, value)) = trimmed.split_once(':') else {
            return Err(FormError { line: n, message: format!("expected `field: value`, got {trimmed:?}") });
        };
        let (name, value) = (name.trim().to_lowercase(), value.trim());
        let Some(spec) = form_fields().find(|s| s.name == name) else {
            let names: Vec<&str> = form_fields().map(|s| s.name).collect();
            return Err(FormError {
                line: n,
                message: format!("unknown field `{name}`; the fields are {}", names.join(", ")),
            });
        };
        match fields::read(board, spec.field, value) {
            Ok(Set::Edit(e)) => edit.merge(*e),
            // The form holds no status or sprint.
            Ok(Set::Move(_)) => {}
            Err(message) => return Err(FormError { line: n, message: format!("{name}: {message}") }),
        }
    }
    if let Some(done) = section.take() {
        sections.push(done);
    }
    for (title, body) in sections {
        let text = body.join("\n").trim_matches('\n').trim_end().to_owned();
        if let Some(spec) = text_fields().find(|spec| heading(spec) == title)
            && let Ok(Set::Edit(e)) = fields::read(board, spec.field, &text)
        {
            edit.merge(*e);
        }
    }
    Ok(Some(edit))
}

fn is_section(line: &str) -> bool {
    let t = line.trim();
    text_fields().any(|spec| heading(spec) == t)
}

#[cfg(test)]
mod tests;
