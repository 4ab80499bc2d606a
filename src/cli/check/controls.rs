//! `check`'s look for characters that would drive a terminal: every text field of every file,
//! whatever the field, walked through its serialized form so a field added later is covered too.

use serde::Serialize;

use crate::domain::Board;
use crate::store::{BOARD_FILE, STORIES_DIR};
use crate::text::is_unsafe;

/// The fields that hold several lines, where a line break and a tab are layout (a CR too, just
/// before a line break: a file written on Windows). In any other field, every control character
/// is out of place.
const MULTI_LINE: [&str; 3] = ["description", "acceptance", "text"];

/// One warning per field that holds a control or bidi character: the file, the story's key,
/// the field, and the characters as escapes.
pub fn warnings(board: &Board) -> Vec<String> {
    let mut out = Vec::new();
    for (field, found) in fields_with_controls(&board.file) {
        out.push(format!("{BOARD_FILE}: {field} holds {found}; printed, they are shown as escapes"));
    }
    for (key, story) in &board.stories {
        for (field, found) in fields_with_controls(story) {
            out.push(format!(
                "{STORIES_DIR}/{key}.ron: {key} {field} holds {found}; printed, they are shown as escapes (`sprintboard edit {key}` replaces the field)"
            ));
        }
    }
    out
}

/// Each field of `value` (a path like `sprints[1].name`) that holds a character that must not
/// reach a terminal raw, and those characters, described.
fn fields_with_controls(value: &impl Serialize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // A value that does not serialize has no text to look at (it was read from its file, so it does).
    if let Ok(v) = serde_json::to_value(value) {
        walk(&v, &mut String::new(), &mut out);
    }
    out
}

fn walk(v: &serde_json::Value, path: &mut String, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match v {
        Value::String(s) => {
            let multi = MULTI_LINE.iter().any(|f| path.ends_with(f));
            if let Some(found) = described(s, multi) {
                out.push((path.clone(), found));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, out);
                path.truncate(len);
            }
        }
        Value::Object(fields) => {
            for (name, item) in fields {
                // A map's keys are text from the file too (an import's field names).
                if let Some(found) = described(name, false) {
                    out.push((format!("{path} key {name:?}"), found));
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
                walk(item, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// The characters of `s` that must not be there, described with their escapes; `multi`: line
/// breaks and tabs are layout.
fn described(s: &str, multi: bool) -> Option<String> {
    let mut found: Vec<char> = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let layout = multi && (matches!(c, '\n' | '\t') || (c == '\r' && chars.peek() == Some(&'\n')));
        if is_unsafe(c) && !layout && !found.contains(&c) {
            found.push(c);
        }
    }
    if found.is_empty() {
        return None;
    }
    let shown: Vec<String> = found.iter().map(|c| crate::text::visible(&c.to_string()).into_owned()).collect();
    let what = if found.len() == 1 { "a control character" } else { "control characters" };
    Some(format!("{what} ({})", shown.join(" ")))
}

#[cfg(test)]
mod tests;
