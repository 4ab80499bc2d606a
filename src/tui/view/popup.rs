//! Popups: the help screen (drawn from the keymap in force) and the sprint picker.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::ListId;
use crate::text::{fit, truncate};
use crate::tui::keymap::Context;
use crate::tui::state::App;

/// Clears a popup's area and the column to its left: a wide character that starts just left
/// of the popup would otherwise hide its left border.
fn clear(frame: &mut Frame, rect: Rect) {
    let x = rect.x.saturating_sub(1);
    frame.render_widget(Clear, Rect::new(x, rect.y, rect.width + (rect.x - x), rect.height));
}

/// A box of at most `w` × `h` in the middle of `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

pub fn help(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let t = &app.theme;
    let view_ctx = match app.view {
        crate::tui::action::View::Planning => Context::Planning,
        _ => Context::Board,
    };
    let entries = app.keymap.help(view_ctx);
    let key_w = entries.iter().map(|(_, keys)| keys.join(" ").chars().count()).max().unwrap_or(4).min(16);
    let lines: Vec<Line> = entries
        .iter()
        .map(|(what, keys)| {
            Line::from(vec![
                Span::styled(fit(&keys.join(" "), key_w), t.accent()),
                Span::raw("  "),
                Span::raw(what.clone()),
            ])
        })
        .collect();
    let total = lines.len() as u16;
    let rect = centered(area, 72, total.saturating_add(2));
    let max_scroll = total.saturating_sub(rect.height.saturating_sub(2));
    let block =
        Block::bordered().title(Line::styled(format!(" Keys: {} view ", app.view.title()), t.accent())).title_bottom(
            Line::styled(" Esc closes · j/k scroll · keymap.ron changes them ", t.muted()).alignment(Alignment::Right),
        );
    clear(frame, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(max_scroll), 0)), rect);
}

pub fn picker(app: &App, frame: &mut Frame, area: Rect, key: &str, options: &[ListId], selected: usize) {
    let t = &app.theme;
    let lines: Vec<Line> = options
        .iter()
        .enumerate()
        .map(|(i, list)| {
            let name = match list.as_deref().and_then(|id| app.board().file.sprint(id)) {
                Some(s) => format!("{} ({})", s.name, s.state.label()),
                None => "Backlog".to_owned(),
            };
            let points = app.board().points(list.as_deref());
            let text = format!(" {} ", truncate(&format!("{name} · {points} pts"), 40));
            if i == selected { Line::styled(text, t.selected()) } else { Line::raw(text) }
        })
        .collect();
    let rect = centered(area, 46, lines.len() as u16 + 2);
    let block = Block::bordered()
        .title(Line::styled(format!(" Move {key} to "), t.accent()))
        .title_bottom(Line::styled(" Enter moves · Esc cancels ", t.muted()).alignment(Alignment::Right));
    let offset = selected.saturating_sub(rect.height.saturating_sub(3) as usize) as u16;
    clear(frame, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((offset, 0)), rect);
}
