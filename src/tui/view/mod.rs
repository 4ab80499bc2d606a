//! Drawing. Every function here reads `&App` and draws; none changes anything.

mod board;
mod damaged;
pub(crate) mod metrics;
mod planning;
mod popup;
pub(crate) mod roadmap;
pub(crate) mod standup;
mod story;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::{Action, View};
use super::layout;
use super::state::{App, Popup};
use crate::text::{truncate, width};

pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame);
    scrub(frame.buffer_mut());
}

/// Takes out of every cell what must not reach the terminal. ratatui already leaves the
/// control characters out, but a bidi control can join the grapheme before it (`m\u{202e}`)
/// and be written raw, reordering the line: every frame passes here, whatever drew it.
fn scrub(buf: &mut ratatui::buffer::Buffer) {
    let maybe = |b: u8| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2;
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if symbol.bytes().any(maybe) && symbol.chars().any(crate::text::is_unsafe) {
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
    let screen = layout::screen_with(area, app.screen().damaged.height);
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
        Some(Popup::Picker { key, options, selected }) => popup::picker(app, frame, area, key, options, *selected),
        Some(Popup::Prompt(p)) => popup::prompt(app, frame, area, p),
        Some(Popup::ConfirmDelete { key }) => popup::confirm_delete(app, frame, area, key),
        Some(Popup::ConfirmClose { id }) => popup::confirm_close(app, frame, area, id),
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
    let ctx = app.view_context();
    let last = match ctx {
        crate::tui::keymap::Context::Story => (Action::Cancel, "back"),
        crate::tui::keymap::Context::Field => (Action::Cancel, "saves"),
        _ => (Action::Quit, "quit"),
    };
    let hint: Vec<String> =
        [(Action::Help, "help"), last].iter().filter_map(|(a, words)| app.keymap.hint(ctx, a, words)).collect();
    let hint = hint.join("  ");
    let hint = hint.as_str();
    let (text, style) = match &app.status {
        Some(s) => (s.text.clone(), if s.error { t.error() } else { t.accent() }),
        None => (app.origin.clone(), t.muted()),
    };
    let w = area.width as usize;
    let room = w.saturating_sub(width(hint) + 2);
    let text = truncate(&text, room);
    let gap = w.saturating_sub(width(&text) + width(hint));
    let line = Line::from(vec![Span::styled(text, style), Span::raw(" ".repeat(gap)), Span::styled(hint, t.muted())]);
    frame.render_widget(Paragraph::new(line), area);
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
