//! Text measured in terminal columns: wide characters (CJK, emoji) take two, and are never split;
//! and text from files made safe to print ([`visible`]).

use unicode_segmentation::UnicodeSegmentation;
use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

/// `s` as it can be drawn in any terminal: an emoji sequence joined with zero-width joiners
/// (`👩‍💻`) is drawn by some terminals as one wide cell and by others as each of its parts,
/// which pushes the rest of the line out of place; its first emoji alone is drawn the same
/// everywhere.
pub fn drawable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\u{200d}') {
        return std::borrow::Cow::Borrowed(s);
    }
    s.graphemes(true)
        .map(
            |g| {
                if g.contains('\u{200d}') { g.chars().take_while(|c| *c != '\u{200d}').collect() } else { g.to_owned() }
            },
        )
        .collect::<String>()
        .into()
}

/// The bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069):
/// they reorder what follows them on screen, so `Right\u{202e}txt.exe` reads as another name.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A character that must never reach a terminal raw: the C0 and C1 controls and DEL (an ESC
/// or an 8-bit CSI starts a sequence that can set the title, clear the screen or write the
/// clipboard) and the bidi controls.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Whether a byte can start an [unsafe](is_unsafe) character in UTF-8: a C0 control, DEL, or
/// the lead byte of the C1 controls (0xC2) and of the bidi controls (0xE2). Most text has none,
/// so this cheap look comes before decoding characters.
fn may_start_unsafe(b: u8) -> bool {
    b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2
}

/// Whether `s` holds an [unsafe](is_unsafe) character.
pub fn has_unsafe(s: &str) -> bool {
    s.bytes().any(may_start_unsafe) && s.chars().any(is_unsafe)
}

/// `s` as it may be printed for a person: every [unsafe](is_unsafe) character shown as a
/// visible escape (`\e`, `\r`, else `\u` and four hex digits: `\u009b`, `\u202e`), except the
/// line breaks and tabs that lay text out: `\n`, `\t`, and `\r` just before `\n`. The escapes
/// are JSON's own (ESC and a lone CR never occur raw in JSON), so JSON stays valid and means
/// the same: this is the one function every printed line goes through (see `cli`).
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write;
    // Whether the character at byte `i` is shown as an escape.
    let escaped = |i: usize, c: char| match c {
        '\n' | '\t' => false,
        '\r' => !s[i + 1..].starts_with('\n'),
        c => is_unsafe(c),
    };
    // Most text has nothing to escape: only the bytes that can start such a character are
    // looked for first.
    let Some(first) = s.bytes().position(may_start_unsafe).and_then(|from| {
        s[from..].char_indices().map(|(i, c)| (from + i, c)).find(|&(i, c)| escaped(i, c)).map(|(i, _)| i)
    }) else {
        return std::borrow::Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    for (i, c) in s[first..].char_indices().map(|(i, c)| (first + i, c)) {
        if !escaped(i, c) {
            out.push(c);
        } else if c == '\u{1b}' {
            out.push_str("\\e");
        } else if c == '\r' {
            out.push_str("\\r");
        } else {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `s` cut to at most `width` columns, ending in `…` when it was cut (`unicode-truncate`, the
/// crate ratatui itself cuts with, so a wide character is never split), and drawable.
pub fn truncate(s: &str, width: usize) -> String {
    let s = drawable(s);
    if s.width() <= width {
        return s.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let (cut, _) = s.unicode_truncate(width - 1);
    format!("{cut}…")
}

/// `s` cut or padded with spaces to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    truncate(s, width).unicode_pad(width, Alignment::Left, true).into_owned()
}

pub fn width(s: &str) -> usize {
    s.width()
}

/// A number in its shortest exact form (`2`, `0.5`), so editing it and reading it back gives the
/// same value.
pub fn exact_number(v: f64) -> String {
    let s = format!("{v}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

/// `1 story`, `3 stories`: a count with its noun, singular or plural. The one place a
/// number chooses its noun's form: every count a person reads goes through here or [`noun`].
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", noun(n, one, many))
}

/// The form of a noun for `n` of it (for a count laid out apart from its noun, as in a table
/// column or `3/5 pts`).
pub fn noun<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `path` in at most `width` columns, shortened from the left by whole folders
/// (`…/board/stories/SB-X.ron`): the file name is what tells which file, so it is never cut,
/// even when it alone is wider than `width`.
pub fn short_path(path: &str, width: usize) -> String {
    if self::width(path) <= width {
        return path.to_owned();
    }
    let parts: Vec<&str> = path.split('/').collect();
    let Some((name, folders)) = parts.split_last() else { return path.to_owned() };
    let mut shown = (*name).to_owned();
    for folder in folders.iter().rev() {
        let longer = format!("{folder}/{shown}");
        if self::width(&longer) + 2 > width {
            break;
        }
        shown = longer;
    }
    format!("…/{shown}")
}

/// `text` with each path in it (a word that starts with `/` or `~/`) [shortened](short_path)
/// to at most `width` columns.
pub fn short_paths(text: &str, width: usize) -> String {
    text.split(' ')
        .map(|word| {
            let path = word.starts_with('/') || word.starts_with("~/");
            // A path at the end of a clause keeps its punctuation after it.
            let end = word.trim_end_matches([',', ';', ':', ')', '.']);
            if path && end.contains('/') && self::width(end) > width {
                format!("{}{}", short_path(end, width), &word[end.len()..])
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `22nd`: a number as a position.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests;
