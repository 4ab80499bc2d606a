//! What the views that scroll hold, laid out once: the `!` box's messages and the report
//! views' lines. The views draw these; `update` scrolls through them no further than their end.
//! Both read them here, so that `update` never asks a view.

use ratatui::layout::Rect;

use crate::report::{self, BurndownDay, Person};
use crate::tui::action::View;
use crate::tui::state::App;

/// The widest the `!` box of the last messages gets.
pub const MESSAGES_WIDTH: u16 = 76;

/// One row of the `!` box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRow {
    pub text: String,
    /// The message it belongs to is a problem.
    pub error: bool,
}

/// The `!` box's rows for a terminal of `area`: each message of the status line, newest
/// first, wrapped to the box with its later lines indented under its text.
pub fn message_rows(app: &App, area: Rect) -> Vec<MessageRow> {
    let inner = (MESSAGES_WIDTH.min(area.width) as usize).saturating_sub(2).max(4);
    let options = textwrap::Options::new(inner).initial_indent("• ").subsequent_indent("  ").break_words(true);
    app.messages
        .iter()
        .rev()
        .flat_map(|m| {
            let text = crate::text::drawable(&m.text).into_owned();
            textwrap::wrap(&text, &options)
                .into_iter()
                .map(|l| MessageRow { text: l.into_owned(), error: m.error })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// How far the report view `view` can scroll in `body` (none: `view` is not a report view).
pub fn report_max_scroll(app: &App, view: View, body: Rect) -> Option<usize> {
    match view {
        View::Standup => Some(standup_max_scroll(app, body)),
        View::Roadmap => Some(roadmap_max_scroll(app, body)),
        View::Metrics => Some(metrics_max_scroll(app, body)),
        View::Board | View::Planning | View::Story => None,
    }
}

/// The Standup view's sides sit side by side from this inner width, else one after the other.
pub const STANDUP_SIDE_BY_SIDE: u16 = 60;

/// The gap between the Standup view's two sides, so that a line filling the left side never
/// runs into the right one.
pub const STANDUP_GAP: u16 = 2;

/// The width of each side of the Standup view when the two sit side by side in `inner` columns.
pub fn standup_side_width(inner: u16) -> u16 {
    inner.saturating_sub(STANDUP_GAP) / 2
}

/// A line of what the standup says of a person, before the view styles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StandupLine {
    /// A section's heading; `warn`: it holds something that needs attention (blocked work).
    Heading { text: &'static str, warn: bool },
    /// What a section with nothing in it says.
    Nothing(&'static str),
    /// A line of an item, wrapped.
    Item(String),
    /// The blank line that ends a section.
    Blank,
}

/// What is said of a person: their moves, then what they have now (in progress, blocked,
/// still to do), wrapped to `width` with each item's later lines indented under its text.
pub fn standup_sections(p: &Person, width: u16) -> (Vec<StandupLine>, Vec<StandupLine>) {
    let options = textwrap::Options::new(usize::from(width).max(8)).initial_indent("  ").subsequent_indent("    ");
    let section = |heading: &'static str, items: &[String], empty: &'static str, warn: bool| {
        let mut lines = vec![StandupLine::Heading { text: heading, warn: warn && !items.is_empty() }];
        if items.is_empty() {
            lines.push(StandupLine::Nothing(empty));
        }
        for item in items {
            lines.extend(textwrap::wrap(item, &options).into_iter().map(|l| StandupLine::Item(l.into_owned())));
        }
        lines.push(StandupLine::Blank);
        lines
    };
    let mut moved = Vec::new();
    if !p.created.is_empty() {
        moved.extend(section("Created since the last standup", &p.created, "", false));
    }
    moved.extend(section("Moved since the last standup", &p.moved, "nothing moved", false));
    let mut now = section("In progress", &p.in_progress, "nothing in progress", false);
    now.extend(section("Blocked", &p.blocked, "nothing blocked", true));
    now.extend(section("Still to do", &p.to_do, "nothing left to do", false));
    (moved, now)
}

/// How far the Standup view can scroll in `body`: the longest side's lines beyond what shows
/// (a line wrapped as drawn).
pub fn standup_max_scroll(app: &App, body: Rect) -> usize {
    let Some(since) = app.standup.since else { return 0 };
    let people = app.standup_people(since);
    let Some(p) = people.get(app.standup.person) else { return 0 };
    let inner = body.width.saturating_sub(2);
    let side_by_side = inner >= STANDUP_SIDE_BY_SIDE;
    let (moved, now) = standup_sections(p, if side_by_side { standup_side_width(inner) } else { inner });
    let height = body.height.saturating_sub(2) as usize;
    let longest = if side_by_side { moved.len().max(now.len()) } else { moved.len() + now.len() };
    longest.saturating_sub(height)
}

/// The Roadmap's lines beyond what shows in `body`.
pub fn roadmap_max_scroll(app: &App, body: Rect) -> usize {
    (app.board().file.epics.len() + 1).saturating_sub(body.height.saturating_sub(2) as usize)
}

/// How far back the Metrics view can go: the sprints or days that do not fit.
pub fn metrics_max_scroll(app: &App, body: Rect) -> usize {
    let filtered = app.filtered();
    let board: &crate::domain::Board = &filtered;
    let charts = body.height.saturating_sub(3);
    let sprints = report::velocity(board).len().saturating_sub((charts.saturating_sub(2) / 2).max(1) as usize);
    let days = app.metrics_sprint().and_then(|sp| report::burndown(board, sp, app.today, &app.tz)).map_or(0, |d| {
        burndown_shown_to(&d, charts.saturating_sub(2) as usize).saturating_sub(charts.saturating_sub(2) as usize)
    });
    sprints.max(days)
}

/// Where the burndown's rows end when not scrolled back: at the last day with figures (today,
/// or the close), with the days to come after it as far as they fit.
pub fn burndown_shown_to(days: &[BurndownDay], rows: usize) -> usize {
    let measured = days.iter().rposition(|d| d.remaining.is_some()).map_or(0, |i| i + 1);
    measured.max(rows).min(days.len())
}
