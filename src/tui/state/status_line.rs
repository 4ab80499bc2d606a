//! The status line as it fits the terminal. Worked out here, beside the state, because its
//! height decides where everything else goes ([`App::screen`]); the view draws these rows.

use ratatui::layout::Rect;

use super::App;
use crate::text::{truncate, width};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::layout;

/// The status line as it fits the terminal: the message in one row, or two when it is long
/// and the terminal is tall enough, with the keys' hint at the end of the last row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLines {
    pub rows: Vec<String>,
    pub hint: String,
}

/// The status line for a terminal of `area`. A long message first has its paths shortened
/// (from the left, never the file name); then it wraps to a second row; what is still cut
/// ends in `…`, and the hint then names the key that shows it in full.
pub fn status_lines(app: &App, area: Rect) -> StatusLines {
    let ctx = app.view_context();
    let last = match ctx {
        Context::Story => (Action::Cancel, "back"),
        Context::Field => (Action::Cancel, "saves"),
        _ => (Action::Quit, "quit"),
    };
    let hint_of = |parts: &[(Action, &str)]| -> String {
        let hints: Vec<String> = parts.iter().filter_map(|(a, words)| app.keymap.hint(ctx, a, words)).collect();
        hints.join("  ")
    };
    let hint = hint_of(&[(Action::Help, "help"), last.clone()]);
    let w = area.width as usize;
    let room = |hint: &str| w.saturating_sub(width(hint) + 2);
    let Some(status) = &app.status else {
        // `personal board at PATH`: the path shortened from the left to fit; when even that
        // does not fit, the path alone.
        let room = room(&hint);
        let origin = match app.origin.split_once(" at ") {
            Some(_) if width(&app.origin) <= room => app.origin.clone(),
            Some((what, at)) => {
                let path_room = room.saturating_sub(width(what) + 4);
                let short = crate::text::short_path(at, path_room);
                if width(&short) <= path_room {
                    format!("{what} at {short}")
                } else {
                    crate::text::short_path(at, room)
                }
            }
            None => app.origin.clone(),
        };
        return StatusLines { rows: vec![truncate(&origin, room)], hint };
    };
    let text = &status.text;
    if width(text) <= room(&hint) {
        return StatusLines { rows: vec![crate::text::drawable(text).into_owned()], hint };
    }
    // A path gets at most 30 columns (`…/board/stories/SB-X.ron`), less on a narrow terminal.
    let short = crate::text::short_paths(text, (w / 2).clamp(16, 30));
    if width(&short) <= room(&hint) {
        return StatusLines { rows: vec![crate::text::drawable(&short).into_owned()], hint };
    }
    // Cut: `!` shows it in full.
    let cut_hint = hint_of(&[(Action::Messages, "all"), (Action::Help, "help"), last]);
    if area.height < layout::TWO_STATUS_ROWS_FROM || w < 4 {
        return StatusLines { rows: vec![truncate(&short, room(&cut_hint))], hint: cut_hint };
    }
    // Two rows: the whole text when it fits them, else with its paths shortened, else cut.
    let two_rows = |text: &str| {
        let text = crate::text::drawable(text).into_owned();
        let wrapped = textwrap::wrap(&text, textwrap::Options::new(w).break_words(true));
        let first = wrapped.first().map(|l| l.to_string()).unwrap_or_default();
        let rest = wrapped.iter().skip(1).map(|l| l.as_ref()).collect::<Vec<_>>().join(" ");
        (first, rest)
    };
    for text in [text.as_str(), short.as_str()] {
        let (first, rest) = two_rows(text);
        if width(&rest) <= room(&hint) {
            return StatusLines { rows: vec![first, rest], hint };
        }
    }
    let (first, rest) = two_rows(&short);
    StatusLines { rows: vec![first, truncate(&rest, room(&cut_hint))], hint: cut_hint }
}
