//! View 6: the standup, one person at a time: what they created and moved since the last
//! standup (left), what they have in progress, still to do and blocked (right), and how long
//! they have had the floor. Both sides scroll together (`j` / `k`, page keys) when they do not fit.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::report;
use crate::tui::state::App;

/// The gap between the two sides, so that a line filling the left side never runs into the
/// right one.
const GAP: u16 = 2;

/// What is said of a person: their moves, then what they have now (in progress, blocked,
/// still to do), wrapped to `width` with each item's later lines indented under its text.
fn sections<'a>(app: &App, p: &'a report::Person, width: u16) -> (Vec<Line<'a>>, Vec<Line<'a>>) {
    let t = &app.theme;
    let options = textwrap::Options::new(usize::from(width).max(8)).initial_indent("  ").subsequent_indent("    ");
    let section = |heading: &'static str, items: &'a [String], empty: &str, warn: bool| {
        let mut lines = vec![Line::styled(heading, if warn && !items.is_empty() { t.blocked() } else { t.accent() })];
        if items.is_empty() {
            lines.push(Line::styled(format!("  {empty}"), t.muted()));
        }
        for item in items {
            lines.extend(textwrap::wrap(item, &options).into_iter().map(|l| Line::raw(l.into_owned())));
        }
        lines.push(Line::raw(""));
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

/// How far the view can scroll in `body`: the longest side's lines beyond what shows (a line
/// wrapped as drawn).
pub fn max_scroll(app: &App, body: Rect) -> usize {
    let Some(since) = app.standup.since else { return 0 };
    let people = app.standup_people(since);
    let Some(p) = people.get(app.standup.person) else { return 0 };
    let inner = body.width.saturating_sub(2);
    let side_by_side = inner >= 60;
    let (moved, now) = sections(app, p, if side_by_side { pane_width(inner) } else { inner });
    let height = body.height.saturating_sub(2) as usize;
    let longest = if side_by_side { moved.len().max(now.len()) } else { moved.len() + now.len() };
    longest.saturating_sub(height)
}

/// The width of each side when the two sit side by side in `inner` columns.
fn pane_width(inner: u16) -> u16 {
    inner.saturating_sub(GAP) / 2
}

/// After this long, the timer turns to the warning colour: time to wrap up.
const TIMEBOX_SECS: u64 = 120;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let Some(since) = app.standup.since else {
        frame.render_widget(Paragraph::new("Press 6 to start the standup.").block(Block::bordered()), body);
        return;
    };
    let people = app.standup_people(since);
    let when = since.to_zoned_datetime(app.tz.clone()).strftime("%a %m-%d %H:%M");
    let Some(p) = people.get(app.standup.person) else {
        let text = vec![Line::styled(
            format!("Nothing moved since {when}, and no one has work in the active sprint."),
            t.muted(),
        )];
        frame.render_widget(Paragraph::new(text).block(Block::bordered().title(" Standup ")), body);
        return;
    };
    let s = app.standup.seconds;
    let timer = format!(" {:02}:{:02} ", s / 60, s % 60);
    let timer_style = if s >= TIMEBOX_SECS { t.warn() } else { t.accent() };
    let who = Line::from(vec![
        Span::styled(format!(" {} ", p.name), t.accent()),
        Span::styled(format!("({} of {})", app.standup.person + 1, people.len()), t.muted()),
        Span::styled(timer, timer_style),
    ]);
    // Since when, when it fits beside who has the floor; else the view's name; else nothing (a
    // title cut mid-word would run into the other).
    let room = (body.width as usize).saturating_sub(2 + who.width());
    let since = [
        Line::from(vec![Span::raw(" Standup since "), Span::styled(when.to_string(), t.muted()), Span::raw(" ")]),
        Line::raw(" Standup "),
    ]
    .into_iter()
    .find(|l| l.width() < room)
    .unwrap_or_default();
    let block = Block::bordered().title(since).title(who.alignment(Alignment::Right));
    let inner = block.inner(body);
    // Side by side when there is room, else one after the other.
    let (panes, columns): (Vec<Rect>, Vec<Vec<Line>>) = if inner.width >= 60 {
        let (moved, now) = sections(app, p, pane_width(inner.width));
        let [l, r] = Layout::horizontal([Constraint::Length(pane_width(inner.width)), Constraint::Fill(1)])
            .spacing(GAP)
            .areas(inner);
        (vec![l, r], vec![moved, now])
    } else {
        let (moved, now) = sections(app, p, inner.width);
        let mut all = moved;
        all.extend(now);
        (vec![inner], vec![all])
    };
    let mut below = 0;
    for (area, lines) in panes.iter().zip(&columns) {
        let (offset, more) = super::scroll_window(lines.len(), area.height as usize, app.report_scroll);
        below = below.max(more);
        let shown: Vec<Line> = lines.iter().skip(offset).cloned().collect();
        frame.render_widget(Paragraph::new(shown), *area);
    }
    let hint = if below > 0 {
        format!(" ↓{below} more (j) · ← → person ")
    } else {
        " ← previous · → next person (the timer starts again) ".to_owned()
    };
    frame.render_widget(block.title_bottom(Line::styled(hint, t.muted()).alignment(Alignment::Right)), body);
}
