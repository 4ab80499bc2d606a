//! View 6: the standup, one person at a time: what they created and moved since the last
//! standup (left), what they have in progress, still to do and blocked (right), and how long
//! they have had the floor. Both sides scroll together (`j` / `k`, page keys) when they do not fit.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::scroll::{STANDUP_GAP, STANDUP_SIDE_BY_SIDE, StandupLine, standup_sections, standup_side_width};
use crate::tui::state::App;

/// `lines` as drawn: headings in the accent colour (blocked work in the blocked one), a section
/// with nothing in it muted.
fn styled(app: &App, lines: Vec<StandupLine>) -> Vec<Line<'static>> {
    let t = &app.theme;
    lines
        .into_iter()
        .map(|l| match l {
            StandupLine::Heading { text, warn } => Line::styled(text, if warn { t.blocked() } else { t.accent() }),
            StandupLine::Nothing(empty) => Line::styled(format!("  {empty}"), t.muted()),
            StandupLine::Item(text) => Line::raw(text),
            StandupLine::Blank => Line::raw(""),
        })
        .collect()
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
    let (panes, columns): (Vec<Rect>, Vec<Vec<Line>>) = if inner.width >= STANDUP_SIDE_BY_SIDE {
        let (moved, now) = standup_sections(p, standup_side_width(inner.width));
        let [l, r] = Layout::horizontal([Constraint::Length(standup_side_width(inner.width)), Constraint::Fill(1)])
            .spacing(STANDUP_GAP)
            .areas(inner);
        (vec![l, r], vec![styled(app, moved), styled(app, now)])
    } else {
        let (moved, now) = standup_sections(p, inner.width);
        let mut all = moved;
        all.extend(now);
        (vec![inner], vec![styled(app, all)])
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
