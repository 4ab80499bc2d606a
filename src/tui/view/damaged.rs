//! The placeholders of story files that cannot be read: above the Board's and Planning's
//! lists, each with its key (from the file's name), why it cannot be read and how to repair it.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::text::truncate;
use crate::tui::layout;
use crate::tui::state::App;

pub fn render(app: &App, frame: &mut Frame, band: Rect) {
    let t = &app.theme;
    let damaged = &app.board().damaged;
    let cards = layout::damaged_cards(band, damaged.len());
    let more = damaged.len().saturating_sub(cards.len());
    for (i, ((key, d), area)) in damaged.iter().zip(&cards).enumerate() {
        let selected = app.damaged_focus == Some(i);
        let room = area.width.saturating_sub(2) as usize;
        let mut block = Block::bordered()
            .title(Line::styled(truncate(&format!(" ⚠ {key} cannot be read "), room), t.blocked()))
            .border_style(if selected { t.focused() } else { t.warn() });
        if more > 0 && i + 1 == cards.len() {
            block = block.title_bottom(Line::styled(format!("+{more} more"), t.muted()).alignment(Alignment::Right));
        }
        let how = if selected {
            "E repairs it in $EDITOR, or take one side with git"
        } else {
            "select it (k) and E to repair it"
        };
        let lines = vec![
            Line::raw(truncate(&d.describe(), room)),
            Line::styled(truncate(how, room), if selected { t.selected() } else { t.muted() }),
        ];
        frame.render_widget(Paragraph::new(lines).block(block), *area);
    }
}
