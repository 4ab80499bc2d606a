//! A story's fields as the agents' tools take them: each field of the field table
//! (`domain::fields::FIELDS`) by its JSON name, with a JSON schema made from its row, and
//! its value read by the same parser the Story view, the `$EDITOR` form and `edit` use.

use serde_json::{Map, Value, json};

use crate::domain::fields::{self, FIELDS, Field, Set};
use crate::domain::{Board, Edit, Move};

use super::super::reply::ToolError;

/// The JSON schema of one field's value, described for a model.
pub fn schema(field: Field) -> Value {
    let spec = field.spec();
    let about = |more: &str| format!("{}: {}{more}", spec.label, spec.takes);
    // Every field has its arm: a new field of the table is offered to agents once its JSON
    // type is said here.
    match field {
        Field::Title => json!({ "type": "string", "description": about(" (not empty)") }),
        Field::Points => {
            json!({
                "type": ["integer", "null"], "minimum": 0, "maximum": crate::domain::fields::MAX_POINTS,
                "description": about("; null clears the estimate")
            })
        }
        Field::Assignee => json!({ "type": ["string", "null"], "description": about("; null unassigns") }),
        Field::Epic => json!({ "type": ["string", "null"], "description": about("; null takes it out of its epic") }),
        Field::Labels => json!({
            "type": "array", "items": { "type": "string" },
            "description": "Labels: a list of words, e.g. [\"web\", \"api\"]: every label it should have ([] clears them)"
        }),
        Field::Moscow => json!({
            "type": ["string", "null"], "enum": ["must", "should", "could", "wont", null],
            "description": about("; null clears it")
        }),
        Field::Blocked => json!({
            "type": ["string", "null"],
            "description": "Blocked: why the story is blocked, in a few words; null (or \"\") when it is not blocked"
        }),
        Field::Kind => json!({ "type": "string", "enum": ["story", "bug", "task", "spike"], "description": about("") }),
        Field::Status => {
            json!({ "type": "string", "description": "Status: the name of a column of the board's workflow, e.g. \"In Progress\" (board_summary lists them)" })
        }
        Field::Sprint => json!({ "type": "string", "description": "Sprint: a sprint's name, or \"backlog\"" }),
        Field::Rice | Field::Wsjf => json!({
            "type": ["array", "null"], "items": { "type": "number", "minimum": 0 }, "minItems": 4, "maxItems": 4,
            "description": about(": a list of four numbers in this order, e.g. [500, 2, 0.8, 3]; null clears them")
        }),
        Field::BlockedBy => json!({
            "type": "array", "items": { "type": "string" },
            "description": "Waits on: the keys of every story this one waits on ([] for none); link_stories adds one"
        }),
        Field::Description | Field::Acceptance => {
            json!({ "type": "string", "description": about(" (Markdown; \"\" clears it)") })
        }
    }
}

/// The properties of every field of the table, by JSON name.
pub fn properties() -> Map<String, Value> {
    FIELDS.iter().map(|spec| (spec.json.to_owned(), schema(spec.field))).collect()
}

/// The field whose JSON name is `name`.
pub fn by_json(name: &str) -> Option<Field> {
    FIELDS.iter().find(|s| s.json == name).map(|s| s.field)
}

/// A JSON value as the text the field's parser reads: strings as they are, numbers written
/// out, lists joined (labels and keys by spaces, RICE's and WSJF's numbers by commas), null
/// as empty (which clears a field that may be empty). A list field takes a list and any other
/// field one value, as the schema says: `labels: 5` or `title: ["a", "b"]` is a mistake to
/// say, not a label `5` or a title `a b`; and an item of labels or keys is one word, so that
/// joining them cannot make two of one.
fn as_text(field: Field, value: &Value) -> Result<String, String> {
    let words = matches!(field, Field::Labels | Field::BlockedBy);
    let item = |v: &Value| match v {
        Value::String(s) if words && s.trim().contains(char::is_whitespace) => {
            Err(format!("each item is one word, not {s:?}"))
        }
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(format!("expected a string or a number in the list, got {other}")),
    };
    let list = words || matches!(field, Field::Rice | Field::Wsjf);
    match value {
        // A story always has a column, a list and a type: there is nothing to clear.
        Value::Null if matches!(field, Field::Status | Field::Sprint | Field::Kind) => {
            Err(format!("cannot be null: give {}", field.spec().takes))
        }
        Value::Null => Ok(String::new()),
        Value::Array(items) if list => {
            let parts = items.iter().map(item).collect::<Result<Vec<_>, _>>()?;
            Ok(parts.join(if words { " " } else { ", " }))
        }
        _ if list => Err(format!("expected a list, e.g. {}, got {value}", example(field))),
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Array(_) | Value::Bool(_) | Value::Object(_) => {
            Err(format!("expected {}, got {value}", field.spec().takes))
        }
    }
}

/// A value of a list field, for a message about a value that is not a list.
fn example(field: Field) -> &'static str {
    match field {
        Field::Labels => r#"["web", "api"]"#,
        Field::BlockedBy => r#"["SB-K7QX"]"#,
        _ => "[500, 2, 0.8, 3]",
    }
}

/// What a set of fields asks for: the edit, and the move (status and sprint).
#[derive(Debug, Default, PartialEq)]
pub struct Asked {
    pub edit: Edit,
    pub mv: Move,
}

impl Asked {
    pub fn is_empty(&self) -> bool {
        self.edit == Edit::default() && self.mv == Move::default()
    }
}

/// Reads the fields in `args` (every key but those in `other`, which the tool takes itself)
/// against `board`. An unknown name or a value the field does not take is refused with the
/// field's name and what it takes.
pub fn read(board: &Board, args: &Map<String, Value>, other: &[&str]) -> Result<Asked, ToolError> {
    let mut asked = Asked::default();
    for (name, value) in args {
        if other.contains(&name.as_str()) {
            continue;
        }
        let Some(field) = by_json(name) else {
            let names: Vec<&str> = FIELDS.iter().map(|s| s.json).collect();
            let names = names.iter().chain(other).copied().collect::<Vec<_>>().join(", ");
            return Err(ToolError::refused(format!("there is no field {name:?}; the fields are {names}")));
        };
        let bad = |m: String| ToolError::refused(format!("{name}: {m}"));
        let text = as_text(field, value).map_err(bad)?;
        match fields::read(board, field, &text).map_err(bad)? {
            Set::Edit(e) => asked.edit.merge(*e),
            Set::Move(m) => {
                asked.mv.sprint = m.sprint.or(asked.mv.sprint.take());
                asked.mv.status = m.status.or(asked.mv.status.take());
            }
        }
    }
    Ok(asked)
}
