//! A story as a person edits it in `$EDITOR`: one `field: value` line per field, then the
//! description and acceptance criteria as plain text under `## ` headings. Parsing reports the
//! line of a mistake, so the editor can reopen with the error on top and nothing lost.

use crate::domain::{Board, Edit, Moscow, Rice, Story, Wsjf};

const DESCRIPTION: &str = "## Description";
const ACCEPTANCE: &str = "## Acceptance criteria";
const ERROR_PREFIX: &str = "# ERROR: ";
const FIELDS: &[&str] = &["title", "points", "assignee", "epic", "labels", "moscow", "rice", "wsjf", "blocked"];

/// The text the editor opens with.
pub fn render(board: &Board, s: &Story) -> String {
    let epic = s.epic.as_deref().and_then(|e| board.file.epic(e)).map(|e| e.name.clone()).unwrap_or_default();
    let epics: Vec<&str> = board.file.epics.iter().map(|e| e.name.as_str()).collect();
    let rice = s.rice.map(|r| {
        format!(
            "{}, {}, {}, {}",
            crate::text::exact_number(r.reach),
            crate::text::exact_number(r.impact),
            crate::text::exact_number(r.confidence),
            crate::text::exact_number(r.effort)
        )
    });
    let wsjf = s.wsjf.map(|w| {
        format!(
            "{}, {}, {}, {}",
            crate::text::exact_number(w.business_value),
            crate::text::exact_number(w.time_criticality),
            crate::text::exact_number(w.risk_reduction),
            crate::text::exact_number(w.job_size)
        )
    });
    let mut out = format!(
        "# {key}: edit below, then save and close the editor to apply.\n\
         # Lines starting with # are notes and are ignored. An empty value clears a field.\n\
         # To cancel, delete everything and save.\n\n",
        key = s.key
    );
    out.push_str(&format!("title: {}\n", s.title));
    out.push_str(&format!("points: {}\n", s.points.map(|p| p.to_string()).unwrap_or_default()));
    out.push_str(&format!("assignee: {}\n", s.assignee.clone().unwrap_or_default()));
    if epics.is_empty() {
        out.push_str("# epic: this board has no epics yet\n");
    } else {
        out.push_str(&format!("# epic: one of {}\n", epics.join(", ")));
    }
    out.push_str(&format!("epic: {epic}\n"));
    out.push_str("# labels: separated by spaces\n");
    out.push_str(&format!("labels: {}\n", s.labels.join(" ")));
    out.push_str("# moscow: must, should, could or wont\n");
    out.push_str(&format!("moscow: {}\n", s.moscow.map(|m| m.label()).unwrap_or_default()));
    out.push_str("# rice: reach, impact, confidence, effort\n");
    out.push_str(&format!("rice: {}\n", rice.unwrap_or_default()));
    out.push_str("# wsjf: business value, time criticality, risk reduction, job size\n");
    out.push_str(&format!("wsjf: {}\n", wsjf.unwrap_or_default()));
    out.push_str("# blocked: the reason it is blocked; empty when it is not\n");
    out.push_str(&format!("blocked: {}\n", s.blocked.clone().unwrap_or_default()));
    out.push_str(&format!("\n{DESCRIPTION}\n\n{}\n", s.description.trim_end()));
    out.push_str(&format!("\n{ACCEPTANCE}\n\n{}\n", s.acceptance.trim_end()));
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

fn numbers<const N: usize>(line: usize, what: &str, v: &str) -> Result<[f64; N], FormError> {
    let bad = || FormError { line, message: format!("{what}: expected {N} numbers separated by commas, got {v:?}") };
    let parts: Vec<f64> = v.split(',').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| bad())?;
    let parts: [f64; N] = parts.try_into().map_err(|_| bad())?;
    if parts.iter().any(|p| !p.is_finite() || *p < 0.0) {
        return Err(FormError { line, message: format!("{what}: numbers must be 0 or more") });
    }
    Ok(parts)
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
        let text = || (!value.is_empty()).then(|| value.to_owned());
        match name.as_str() {
            "title" if value.is_empty() => {
                return Err(FormError { line: n, message: "the title cannot be empty".into() });
            }
            "title" => edit.title = Some(value.to_owned()),
            "points" => {
                edit.points =
                    Some(match text() {
                        None => None,
                        Some(v) => Some(v.parse::<u32>().map_err(|_| FormError {
                            line: n,
                            message: format!("points: {v:?} is not a whole number"),
                        })?),
                    })
            }
            "assignee" => edit.assignee = Some(text()),
            "epic" => {
                edit.epic = Some(match text() {
                    None => None,
                    Some(v) => Some(
                        board
                            .file
                            .find_epic(&v)
                            .map(|e| e.id.clone())
                            .ok_or_else(|| FormError { line: n, message: format!("epic: there is no epic {v:?}") })?,
                    ),
                })
            }
            "labels" => {
                edit.labels = Some(value.split_whitespace().map(|l| l.trim_start_matches('#').to_owned()).collect())
            }
            "moscow" => {
                edit.moscow = Some(match text() {
                    None => None,
                    Some(v) => Some(Moscow::parse(&v).ok_or_else(|| FormError {
                        line: n,
                        message: format!("moscow: {v:?} is not must, should, could or wont"),
                    })?),
                })
            }
            "rice" => {
                edit.rice = Some(match text() {
                    None => None,
                    Some(v) => {
                        let [reach, impact, confidence, effort] = numbers::<4>(n, "rice", &v)?;
                        Some(Rice { reach, impact, confidence, effort })
                    }
                })
            }
            "wsjf" => {
                edit.wsjf = Some(match text() {
                    None => None,
                    Some(v) => {
                        let [business_value, time_criticality, risk_reduction, job_size] = numbers::<4>(n, "wsjf", &v)?;
                        Some(Wsjf { business_value, time_criticality, risk_reduction, job_size })
                    }
                })
            }
            "blocked" => edit.blocked = Some(text()),
            other => {
                return Err(FormError {
                    line: n,
                    message: format!("unknown field `{other}`; the fields are {}", FIELDS.join(", ")),
                });
            }
        }
    }
    if let Some(done) = section.take() {
        sections.push(done);
    }
    for (heading, body) in sections {
        let text = body.join("\n").trim_matches('\n').trim_end().to_owned();
        if heading == DESCRIPTION {
            edit.description = Some(text);
        } else {
            edit.acceptance = Some(text);
        }
    }
    Ok(Some(edit))
}

fn is_section(line: &str) -> bool {
    let t = line.trim();
    t == DESCRIPTION || t == ACCEPTANCE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BoardFile, Ctx, NewStory};

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
