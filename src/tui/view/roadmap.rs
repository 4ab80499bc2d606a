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

/// Column widths, each with its last column left blank so that no two columns run together.
#[derive(Clone, Copy)]
struct Widths {
    name: usize,
    progress: usize,
    /// The 85 % forecast date column.
    forecast: usize,
}

const WIDE: Widths = Widths { name: 18, progress: 16, forecast: 12 };
/// For a narrow terminal: a shorter name and the percentage without its bar.
const NARROW: Widths = Widths { name: 12, progress: 5, forecast: 11 };
const CELL: usize = 10;

/// `s` cut to leave a blank column at the end of its `width`.
fn cell(s: &str, width: usize) -> String {
    fit(&fit(s, width.saturating_sub(1)), width)
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
    let inner = (body.width as usize).saturating_sub(2);
    let w = if inner >= WIDE.name + WIDE.progress + WIDE.forecast + 2 * CELL { WIDE } else { NARROW };
    let room = (inner.saturating_sub(w.name + w.progress + w.forecast) / CELL).max(1);
    // The sprints nearest in time first; the backlog always, when there is room for one more
    // column. The sprints beyond are counted in the `N▶` hint.
    let hidden = (lists.len() + 1).saturating_sub(room);
    if room >= 2 {
        lists.truncate(room - 1);
        lists.push(("Backlog".to_owned(), None));
    } else {
        lists.push(("Backlog".to_owned(), None));
        lists.truncate(1);
    }
    let ids: Vec<ListId> = lists.iter().map(|(_, id)| id.clone()).collect();
    let rows = report::roadmap(board, &ids, &|s| app.shown(s));

    let forecast = app.forecast();
    let mut header = vec![Span::raw(cell("Epic", w.name)), Span::raw(cell("Done", w.progress))];
    for (name, _) in &lists {
        header.push(Span::styled(cell(name, CELL), t.accent()));
    }
    header.push(Span::styled(cell("85 % by", w.forecast), t.accent()));
    let header = Line::from(header);
    let mut lines = Vec::new();
    for r in &rows {
        let mut spans = vec![Span::raw(cell(&r.epic, w.name))];
        match crate::domain::percent(r.done, r.total) {
            Some(pct) if w.progress >= 9 + 5 => spans.extend([
                Span::styled(cell(&bar(r.done, r.total, 8), 9), t.accent()),
                Span::raw(cell(&format!("{pct}%"), w.progress - 9)),
            ]),
            Some(pct) => spans.push(Span::raw(cell(&format!("{pct}%"), w.progress))),
            // No points to measure by: its stories instead, never a percentage of nothing.
            None if r.stories > 0 => {
                spans.push(Span::raw(cell(&format!("{}/{} stories", r.stories_done, r.stories), w.progress)))
            }
            None => spans.push(Span::styled(cell("·", w.progress), t.muted())),
        }
        for p in &r.points {
            let points = if *p == 0 { "·".to_owned() } else { format!("{p}p") };
            spans.push(Span::styled(cell(&points, CELL), if *p == 0 { t.muted() } else { Style::new() }));
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
        spans.push(Span::raw(cell(&when, w.forecast)));
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
        // Narrow: the name alone, never a sentence cut mid-word.
        _ if inner < 60 => " Roadmap ",
        Err(crate::report::NoForecast::History(_)) => {
            " Roadmap: points per epic and sprint (forecast: not enough history) "
        }
        _ => " Roadmap: points per epic and sprint ",
    };
    let mut block = Block::bordered().title(title);
    if hidden > 0 {
        let hint = format!(" {hidden}▶ ");
        block = block.title(Line::styled(hint, t.muted()).alignment(Alignment::Right));
    }
    if below > 0 {
        block = block.title_bottom(Line::styled(format!(" ↓{below} more (j) "), t.muted()).alignment(Alignment::Right));
    }
    let shown: Vec<Line> = std::iter::once(header).chain(lines.into_iter().skip(offset)).collect();
    frame.render_widget(Paragraph::new(shown).block(block), body);
}
