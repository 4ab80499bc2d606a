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
mod tests {
    use super::*;
    use crate::domain::{BoardFile, Ctx, NewStory, Rice};

    fn board_with_story() -> (Board, String) {
        let mut b = Board::new(BoardFile::new("T", "SB"));
        b.new_epic("Login", "").expect("epic");
        let mut c = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
        let new = NewStory {
            title: "Fix #42: login".into(),
            points: Some(3),
            epic: Some("login".into()),
            ..Default::default()
        };
        let (k, _) = b.add_story(new, &mut c).expect("add");
        let edit = Edit {
            description: Some("# A heading in markdown\n\nline two".into()),
            rice: Some(Some(Rice { reach: 100.0, impact: 2.0, confidence: 0.5, effort: 4.0 })),
            blocked: Some(Some("API".into())),
            ..Default::default()
        };
        b.edit_story(&k, edit, &mut c).expect("edit");
        (b, k)
    }

    #[test]
    fn an_unchanged_form_round_trips_to_no_change() {
        let (mut b, k) = board_with_story();
        let text = render(&b, b.story(&k).expect("story"));
        assert!(text.contains("title: Fix #42: login\n") && text.contains("rice: 100, 2, 0.5, 4\n"), "{text}");
        let edit = parse(&b, &text).expect("parses").expect("not cancelled");
        let mut c = Ctx::new("2026-11-21T09:00:00Z".parse().expect("time"), "ana", 1);
        assert!(b.edit_story(&k, edit, &mut c).expect("edit").is_empty(), "nothing changed");
    }

    #[test]
    fn edits_are_read_back() {
        let (b, k) = board_with_story();
        let text = render(&b, b.story(&k).expect("story"))
            .replace("points: 3", "points: 8")
            .replace("blocked: API", "blocked:")
            .replace("labels: ", "labels: #api web")
            .replace("line two", "line two\n- more");
        let edit = parse(&b, &text).expect("parses").expect("edit");
        assert_eq!(edit.points, Some(Some(8)));
        assert_eq!(edit.blocked, Some(None));
        assert_eq!(edit.labels, Some(vec!["api".to_owned(), "web".to_owned()]));
        assert_eq!(edit.description.as_deref(), Some("# A heading in markdown\n\nline two\n- more"));
    }

    #[test]
    fn mistakes_name_their_line_and_the_note_replaces_the_last_one() {
        let (b, k) = board_with_story();
        let text = render(&b, b.story(&k).expect("story")).replace("points: 3", "points: lots");
        let err = parse(&b, &text).expect_err("bad points");
        let line = text.lines().position(|l| l.starts_with("points:")).expect("line") + 1;
        assert_eq!(err.line, line);
        assert!(err.message.contains("not a whole number"));
        let noted = with_error(&text, &err);
        assert!(noted.starts_with(&format!("# ERROR: line {}: points", line + 1)), "{noted}");
        let again = with_error(&noted, &FormError { line: 1, message: "x".into() });
        assert_eq!(again.matches("# ERROR").count(), 1);
        for (from, to, needle) in [
            ("epic: Login", "epic: Nope", "no epic"),
            ("\nmoscow: \n", "\nmoscow: maybe\n", "not must"),
            ("rice: 100, 2, 0.5, 4", "rice: 1, 2", "expected 4 numbers"),
            ("title: Fix #42: login", "title:", "cannot be empty"),
            ("points: 3", "colour: red", "unknown field `colour`"),
            ("points: 3", "just words", "expected `field: value`"),
        ] {
            let bad = render(&b, b.story(&k).expect("story")).replacen(from, to, 1);
            let err = parse(&b, &bad).expect_err(to);
            assert!(err.message.contains(needle), "{to}: {}", err.message);
        }
    }

    #[test]
    fn an_empty_text_cancels() {
        let (b, _) = board_with_story();
        assert_eq!(parse(&b, ""), Ok(None));
        assert_eq!(parse(&b, "# only notes\n\n"), Ok(None));
    }
}
