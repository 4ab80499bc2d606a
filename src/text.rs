//! Text measured in terminal columns: wide characters (CJK, emoji) take two, and are never split.

use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

/// `s` cut to at most `width` columns, ending in `…` when it was cut (`unicode-truncate`, the
/// crate ratatui itself cuts with, so a wide character is never split).
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
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

#[cfg(test)]
mod tests {
    use super::*;

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
