//! What a value must be to be stored: one line, not too long, labels one word each, numbers
//! finite; the limits that keep every story file readable.

use super::OpError;
use crate::domain::fields::{self, Field};
use crate::text::exact_number;

/// A title may hold a pasted sentence or two; other one-line values (names, labels) are short.
const MAX_TITLE_CHARS: usize = 2000;
const MAX_LINE_CHARS: usize = 500;
/// The description, the acceptance criteria and each comment: each at most this many bytes.
pub const MAX_TEXT_BYTES: usize = 256 << 10;
/// All of a story's comments together, at most this many bytes when one is added.
///
/// Why these limits: a merge keeps both sides' comments (and histories), so a story merged from
/// two clones holds what each added. One clone's story is at most about 1.5 MiB (its comments,
/// 1 MiB, the description and acceptance criteria, 256 KiB each, a title, its history); two
/// such sides merged, even with both descriptions and criteria between conflict markers, are
/// about 3 MiB and their histories, under the 4 MiB a story file is read up to
/// ([`crate::store::codec::MAX_STORY_BYTES`]). A merged story past this total reads and edits
/// as any other; only a further comment is refused.
pub const MAX_COMMENTS_BYTES: usize = 1 << 20;

/// A comment for `key` whose comments already hold `held` bytes, refused when together they
/// would be more than [`MAX_COMMENTS_BYTES`].
pub(crate) fn check_comments(key: &str, held: usize, text: &str) -> Result<(), OpError> {
    if held + text.len() > MAX_COMMENTS_BYTES {
        return Err(OpError::Refused(format!(
            "{key}'s comments hold {} KiB; with this one they would be {} KiB, more than the {} KiB a story's \
             comments may hold together: put it in a new story (`sprintboard add`) and link it",
            held.div_ceil(1024),
            (held + text.len()).div_ceil(1024),
            MAX_COMMENTS_BYTES >> 10
        )));
    }
    Ok(())
}

/// A multi-line text field, refused when it is larger than [`MAX_TEXT_BYTES`].
pub(crate) fn check_text(what: &str, value: &str) -> Result<(), OpError> {
    if value.len() > MAX_TEXT_BYTES {
        return Err(OpError::Invalid(format!(
            "the {what} is {} KiB, more than the {} KiB a story's {what} may hold",
            value.len().div_ceil(1024),
            MAX_TEXT_BYTES >> 10
        )));
    }
    Ok(())
}

pub(crate) fn clean_line(what: &str, value: &str) -> Result<String, OpError> {
    clean_line_max(what, value, MAX_LINE_CHARS)
}

pub(crate) fn clean_title(value: &str) -> Result<String, OpError> {
    clean_line_max("title", value, MAX_TITLE_CHARS)
}

fn clean_line_max(what: &str, value: &str, max: usize) -> Result<String, OpError> {
    // A tab would be drawn as nothing: it is a space; other control characters are refused,
    // and so are the bidi controls, which make a line read as another (see `text::is_unsafe`).
    let tabbed = value.replace('\t', " ");
    let v = tabbed.trim();
    check_controls(what, v)?;
    if v.is_empty() {
        return Err(OpError::Invalid(format!("the {what} cannot be empty")));
    }
    if v.contains(['\n', '\r']) {
        return Err(OpError::Invalid(format!("the {what} must be a single line")));
    }
    if v.chars().count() > max {
        return Err(OpError::Invalid(format!("the {what} is longer than {max} characters")));
    }
    Ok(v.to_owned())
}

/// Refuses a one-line value that holds a control character (line breaks are refused apart, with
/// their own message) or a bidi control.
pub(crate) fn check_controls(what: &str, v: &str) -> Result<(), OpError> {
    if let Some(c) = v.chars().find(|c| crate::text::is_unsafe(*c) && !matches!(c, '\n' | '\r')) {
        let kind = if c.is_control() { "a control character" } else { "a bidi control character" };
        return Err(OpError::Invalid(format!("the {what} holds {kind} ({c:?})")));
    }
    Ok(())
}

pub(crate) fn clean_labels(labels: &[String]) -> Result<Vec<String>, OpError> {
    let mut out: Vec<String> = Vec::new();
    for l in labels {
        let l = clean_line("label", l.trim_start_matches('#'))?;
        if l.contains(char::is_whitespace) {
            return Err(OpError::Invalid(format!("a label is one word: {l:?}")));
        }
        if !out.contains(&l) {
            out.push(l);
        }
    }
    Ok(out)
}

/// The inputs of `field` (RICE, WSJF) are numbers of 0 or more: the form and the Story view
/// check them as they are typed; an import or a hand-edited value arrives here.
pub(crate) fn check_finite(field: Field, values: &[f64]) -> Result<(), OpError> {
    match values.iter().find(|v| !(v.is_finite() && **v >= 0.0)) {
        None => Ok(()),
        Some(v) => {
            Err(OpError::Invalid(format!("{}: {}", field.spec().label, fields::not_a_number(&exact_number(*v)))))
        }
    }
}

/// An estimate of at most [`fields::MAX_POINTS`]: what the form and `edit` check as typed; an
/// import or an agent's value arrives here.
pub(crate) fn check_points(points: Option<u32>) -> Result<(), OpError> {
    match points.map(fields::check_points) {
        Some(Err(message)) => Err(OpError::Invalid(format!("{}: {message}", Field::Points.spec().label))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
