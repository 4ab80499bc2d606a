//! Text measured in terminal columns: wide characters (CJK, emoji) take two, and are never split.

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

/// `1 story`, `3 stories`: a count with its noun, singular or plural.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 103, 111].map(ordinal).to_vec();
        assert_eq!(got, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "103rd", "111th"]);
    }

    #[test]
    fn joined_emoji_are_drawn_as_their_first() {
        assert_eq!(drawable("👩‍💻 codes"), "👩 codes");
        assert_eq!(truncate("a 👨‍👩‍👧 family", 20), "a 👨 family");
        assert_eq!(drawable("plain"), "plain");
    }

    #[test]
    fn fit_respects_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語", 4), "日… ");
        assert_eq!(fit("日本", 4), "日本");
        assert_eq!(fit("x", 0), "");
        assert_eq!(truncate("🎉🎉🎉", 5), "🎉🎉…");
        assert_eq!(truncate("abc", 1), "…");
    }
}
