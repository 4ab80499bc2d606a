//! Drawing. Every function here reads `&App` and draws; none changes anything.

mod board;
mod damaged;
mod metrics;
mod planning;
mod popup;
mod roadmap;
mod standup;
mod story;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::View;
use super::layout;
use super::state::{App, Popup, status_lines};
use crate::text::{truncate, width};

pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame);
    scrub(frame.buffer_mut());
}

/// Takes out of every cell what must not reach the terminal. ratatui already leaves the
/// control characters out, but a bidi control can join the grapheme before it (`m\u{202e}`)
/// and be written raw, reordering the line: every frame passes here, whatever drew it.
fn scrub(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if crate::text::has_unsafe(symbol) {
            let kept: String = symbol.chars().filter(|c| !crate::text::is_unsafe(*c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area) {
        let note = Paragraph::new("Terminal too small for sprintboard").wrap(Wrap { trim: true });
        frame.render_widget(note, area);
        return;
    }
    let rows = status_lines(app, area).rows.len() as u16;
    let screen = layout::screen_rows(area, app.screen().damaged.height, rows);
    tabs(app, frame, screen.tabs);
    damaged::render(app, frame, screen.damaged);
    match app.view {
        View::Board => board::render(app, frame, screen.body),
        View::Planning => planning::render(app, frame, screen.body),
        View::Story => story::render(app, frame, screen.body),
        View::Metrics => metrics::render(app, frame, screen.body),
        View::Roadmap => roadmap::render(app, frame, screen.body),
        View::Standup => standup::render(app, frame, screen.body),
    }
    status(app, frame, screen.status);
    match &app.popup {
        Some(Popup::Help { scroll }) => popup::help(app, frame, area, *scroll),
        Some(Popup::Messages { scroll }) => popup::messages(app, frame, area, *scroll),
        Some(Popup::Picker { key, options, selected }) => popup::picker(app, frame, area, key, options, *selected),
        Some(Popup::Prompt(p)) => popup::prompt(app, frame, area, p),
        Some(Popup::ConfirmDelete { key }) => popup::confirm_delete(app, frame, area, key),
        Some(Popup::ConfirmClose { id }) => popup::confirm_close(app, frame, area, id),
        Some(Popup::ConfirmNewEpic { key, name, .. }) => popup::confirm_new_epic(app, frame, area, key, name),
        Some(Popup::Sort { list, selected }) => popup::sort(app, frame, area, list, *selected),
        Some(Popup::Clash(clash)) => popup::clash(app, frame, area, clash),
        None => {}
    }
}

/// The first line to show of `total` in `height` rows when asked to scroll by `scroll` (never
/// past the end), and how many lines are left below.
pub fn scroll_window(total: usize, height: usize, scroll: usize) -> (usize, usize) {
    let offset = scroll.min(total.saturating_sub(height));
    (offset, total.saturating_sub(offset + height))
}

/// A story's type as cards and rows show it: nothing for a plain story.
pub fn kind_tag(s: &crate::domain::Story) -> &'static str {
    match s.kind {
        crate::domain::Kind::Story => "",
        k => k.label(),
    }
}

fn tabs(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let titles = layout::view_tabs(app.view, area.width);
    let mut spans: Vec<Span> = titles
        .iter()
        .zip(View::ALL)
        .map(|(title, v)| Span::styled(format!(" {title} "), t.tab(v == app.view)))
        .collect();
    let mut used: usize = titles.iter().map(|s| width(s) + 2).sum();
    if !app.filter.is_empty() {
        let room = (area.width as usize).saturating_sub(used + 2);
        let filter = truncate(&format!(" /{}", app.filter), room.min(30));
        used += width(&filter);
        spans.push(Span::styled(filter, t.warn()));
    }
    let name = &app.board().file.name;
    let room = (area.width as usize).saturating_sub(used + 1);
    if room > 3 {
        let name = truncate(name, room);
        spans.push(Span::raw(" ".repeat(room - width(&name) + 1)));
        spans.push(Span::styled(name, t.accent()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn status(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let style = match &app.status {
        Some(s) if s.error => t.error(),
        Some(_) => t.accent(),
        None => t.muted(),
    };
    let lines = status_lines(app, frame.area());
    let w = area.width as usize;
    let last = lines.rows.len().saturating_sub(1);
    let rows: Vec<Line> = lines
        .rows
        .iter()
        .enumerate()
        .map(|(i, text)| {
            if i < last {
                return Line::styled(text.clone(), style);
            }
            let gap = w.saturating_sub(width(text) + width(&lines.hint));
            Line::from(vec![
                Span::styled(text.clone(), style),
                Span::raw(" ".repeat(gap)),
                Span::styled(lines.hint.clone(), t.muted()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), area);
}

/// The `!` box's lines for a terminal of `area` (see [`crate::tui::scroll::message_rows`]), a
/// problem's in the error colour.
fn message_lines(app: &App, area: Rect) -> Vec<Line<'static>> {
    let t = &app.theme;
    crate::tui::scroll::message_rows(app, area)
        .into_iter()
        .map(|row| Line::styled(row.text, if row.error { t.error() } else { ratatui::style::Style::new() }))
        .collect()
}

/// What a story is scored: `[M]` for its MoSCoW class, `R25` RICE, `W4.0` WSJF.
pub fn score_badge(s: &crate::domain::Story) -> String {
    let mut parts = Vec::new();
    if let Some(m) = s.moscow {
        parts.push(format!("[{}]", m.label()[..1].to_uppercase()));
    }
    if let Some(r) = s.rice_score() {
        parts.push(format!("R{r:.0}"));
    }
    if let Some(w) = s.wsjf_score() {
        parts.push(format!("W{w:.1}"));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests;
