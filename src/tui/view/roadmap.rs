//! View 5: epics against sprints: each epic's points in the backlog and each sprint, and its
//! progress.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::{ListId, SprintState};
use crate::report::{self, bar};
use crate::text::fit;
use crate::tui::state::App;

const NAME: usize = 18;
const PROGRESS: usize = 16;
const CELL: usize = 10;
/// The 85 % forecast date column.
const FORECAST: usize = 12;

/// The roadmap's lines beyond what shows in `body`.
pub fn max_scroll(app: &App, body: Rect) -> usize {
    (app.board().file.epics.len() + 1).saturating_sub(body.height.saturating_sub(2) as usize)
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let board = app.board();
    // The backlog, the last closed sprint, then the active and planned ones: as many as fit.
    let closed: Vec<_> = board.file.sprints.iter().filter(|s| s.state == SprintState::Closed).collect();
    let mut lists: Vec<(String, ListId)> =
        closed.last().map(|s| (s.name.clone(), Some(s.id.clone()))).into_iter().collect();
    lists.extend(
        board
            .file
            .sprints
            .iter()
            .filter(|s| s.state != SprintState::Closed)
            .map(|s| (s.name.clone(), Some(s.id.clone()))),
    );
    lists.push(("Backlog".to_owned(), None));
    let room = (body.width as usize).saturating_sub(2 + NAME + PROGRESS + FORECAST) / CELL;
    lists.truncate(room.max(1));
    let ids: Vec<ListId> = lists.iter().map(|(_, id)| id.clone()).collect();
    let rows = report::roadmap(board, &ids, &|s| app.shown(s));

    let forecast = app.forecast();
    let mut header = vec![Span::raw(fit("Epic", NAME)), Span::raw(fit("Done", PROGRESS))];
    for (name, _) in &lists {
        header.push(Span::styled(fit(name, CELL), t.accent()));
    }
    header.push(Span::styled(fit("85 % by", FORECAST), t.accent()));
    let header = Line::from(header);
    let mut lines = Vec::new();
    for r in &rows {
        let mut spans = vec![Span::raw(fit(&r.epic, NAME))];
        match (r.done * 100).checked_div(r.total) {
            Some(pct) => spans.extend([
                Span::styled(fit(&bar(r.done, r.total, 8), 9), t.accent()),
                Span::raw(fit(&format!("{pct}%"), PROGRESS - 9)),
            ]),
            // No points to measure by: its stories instead, never a percentage of nothing.
            None if r.stories > 0 => {
                spans.push(Span::raw(fit(&format!("{}/{} stories", r.stories_done, r.stories), PROGRESS)))
            }
            None => spans.push(Span::styled(fit("·", PROGRESS), t.muted())),
        }
        for p in &r.points {
            let cell = if *p == 0 { "·".to_owned() } else { format!("{p}p") };
            spans.push(Span::styled(fit(&cell, CELL), if *p == 0 { t.muted() } else { Style::new() }));
        }
        let when = match forecast.as_ref() {
            Ok(f) => f.epics.iter().find(|e| e.epic == r.epic).map_or_else(
                || if r.stories > 0 && r.stories_done == r.stories { "done".to_owned() } else { "·".to_owned() },
                |e| {
                    let s = &e.odds.p85_sprint;
                    let (short, end) = (s.short(), s.end.map(|d| d.strftime("%m-%d").to_string()));
                    // A sprint whose short form is its end date already says it once.
                    match end {
                        Some(end) if !short.starts_with(&end) => format!("{short} {end}"),
                        _ => short,
                    }
                },
            ),
            Err(_) => "-".to_owned(),
        };
        spans.push(Span::raw(fit(&when, FORECAST)));
        lines.push(Line::from(spans));
    }
    if board.file.epics.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("No epics yet: `sprintboard epic new NAME`, then set a story's epic (e).", t.muted()));
    }
    // The header stays; the epics scroll under it.
    let height = body.height.saturating_sub(3) as usize;
    let (offset, below) = super::scroll_window(lines.len(), height, app.report_scroll);
    let title = match forecast.as_ref() {
        Err(crate::report::NoForecast::History(_)) => {
            " Roadmap: points per epic and sprint (forecast: not enough history) "
        }
        _ => " Roadmap: points per epic and sprint ",
    };
    let mut block = Block::bordered().title(title);
    if below > 0 {
        block = block.title_bottom(Line::styled(format!(" ↓{below} more (j) "), t.muted()).alignment(Alignment::Right));
    }
    let shown: Vec<Line> = std::iter::once(header).chain(lines.into_iter().skip(offset)).collect();
    frame.render_widget(Paragraph::new(shown).block(block), body);
}
