//! View 4: velocity per sprint, the active sprint's burndown, and delivery figures, drawn as
//! bars of block characters (they clip cleanly at any size).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::report::{self, bar};
use crate::tui::scroll::burndown_shown_to;
use crate::tui::state::App;

/// ` ↑3 earlier (j) `: how many sprints or days are before the first shown, and the key that
/// scrolls back to them (the charts end at the latest, so scrolling down goes back in time).
fn earlier_hint(app: &App, n: usize) -> String {
    let key = app.keymap.hint(crate::tui::keymap::Context::Report, &crate::tui::action::Action::Down, "");
    match key {
        Some(k) => format!(" ↑{n} earlier ({}) ", k.trim_end()),
        None => format!(" ↑{n} earlier "),
    }
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    // Only what the filter shows is counted.
    let filtered = app.filtered();
    let board: &crate::domain::Board = &filtered;
    let [charts, figures] = Layout::vertical([Constraint::Min(0), Constraint::Length(3)]).areas(body);
    let [left, right] = Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(charts);

    // Velocity: two bars per sprint, as many sprints as fit, the latest last; `j` / `k` go back
    // to earlier ones.
    let fit = (left.height.saturating_sub(2) / 2).max(1) as usize;
    let all = report::velocity(board);
    let back = app.report_scroll.min(all.len().saturating_sub(fit));
    let rows: Vec<_> = all.iter().rev().skip(back).take(fit).rev().cloned().collect();
    let bar_w = (left.width as usize).saturating_sub(2 + 12 + 5);
    let max = rows.iter().map(|r| r.committed.max(r.completed)).max().unwrap_or(0);
    let mut lines = Vec::new();
    for r in &rows {
        lines.push(Line::from(vec![
            // A blank column after the name: a long one never runs into the figure.
            Span::raw(crate::text::fit(&crate::text::truncate(&r.sprint, 10), 11)),
            Span::styled(format!("{:>4} ", r.committed), t.muted()),
            Span::styled(bar(r.committed, max, bar_w).replace('█', "░"), t.muted()),
        ]));
        // A sprint still running: its completed points are only those so far.
        let (label, completed) = if r.state == "active" {
            ("in progress", bar(r.completed, max, bar_w).replace('█', "▒"))
        } else {
            ("", bar(r.completed, max, bar_w))
        };
        lines.push(Line::from(vec![
            Span::styled(crate::text::fit(label, 11), t.muted()),
            Span::styled(format!("{:>4} ", r.completed), t.accent()),
            Span::styled(completed, t.accent()),
        ]));
    }
    if rows.is_empty() {
        lines.push(Line::styled("No sprint has started yet.", t.muted()));
    }
    // The legend when it fits, else the name alone (a title is never cut mid-word).
    let title = if left.width >= 2 + 35 {
        Line::from(vec![
            Span::raw(" Velocity: "),
            Span::styled("░ committed ", t.muted()),
            Span::styled("█ completed ", t.accent()),
        ])
    } else {
        Line::raw(" Velocity ")
    };
    let earlier = all.len().saturating_sub(back + rows.len());
    let mut block = Block::bordered().title(title);
    if earlier > 0 {
        block = block.title_bottom(Line::styled(earlier_hint(app, earlier), t.muted()));
    }
    frame.render_widget(Paragraph::new(lines).block(block), left);

    // Burndown of the active sprint: points left at the end of each day, · the ideal line.
    let mut lines = Vec::new();
    // Days before the first one shown (the chart is shorter than the sprint so far).
    let mut hidden = 0;
    let title = match app.metrics_sprint() {
        None => {
            lines.push(Line::styled("No sprint has started yet.", t.muted()));
            " Burndown ".to_owned()
        }
        Some(sp) => {
            match report::burndown(board, sp, app.today, &app.tz) {
                None => lines.push(Line::styled("The sprint has no start date.", t.muted())),
                Some(days) => {
                    let max = days.iter().map(|d| d.remaining.unwrap_or(0).max(d.ideal)).max().unwrap_or(0);
                    // Room after the bars for the close day's mark.
                    let carried = days.iter().find_map(|d| d.carried_over).filter(|n| *n > 0);
                    let mark = if carried.is_some() { " carried over".len() } else { 0 };
                    let w = (right.width as usize).saturating_sub(2 + 11 + mark);
                    let shown = right.height.saturating_sub(2) as usize;
                    let end = burndown_shown_to(&days, shown);
                    let from = end.saturating_sub(shown).saturating_sub(app.report_scroll);
                    hidden = from;
                    for d in days.iter().skip(from).take(shown) {
                        let left = d.remaining.unwrap_or(0);
                        let filled = bar(left, max, w).chars().count();
                        let mut cells: Vec<char> = bar(left, max, w).chars().collect();
                        let ideal = (d.ideal as usize * w).div_ceil(max.max(1) as usize).min(w);
                        // The ideal line shows beyond the bar (ahead) or inside it (behind).
                        if ideal > 0 {
                            if ideal > cells.len() {
                                cells.resize(ideal, ' ');
                            }
                            cells[ideal - 1] = if ideal - 1 < filled { '│' } else { '·' };
                        }
                        // A day to come has no figure yet; the close day's is what was carried over.
                        let figure = d.remaining.map_or("-".to_owned(), |r| r.to_string());
                        let style = if d.carried_over.is_some_and(|n| n > 0) { t.warn() } else { t.muted() };
                        let mut row = vec![
                            Span::styled(format!("{} {figure:>4} ", d.date.strftime("%m-%d")), style),
                            Span::styled(cells.into_iter().collect::<String>(), t.accent()),
                        ];
                        if d.carried_over.is_some_and(|n| n > 0) {
                            row.push(Span::styled(" carried over", t.warn()));
                        }
                        lines.push(Line::from(row));
                    }
                }
            }
            let state = if sp.state == crate::domain::SprintState::Closed { " (closed)" } else { "" };
            // The legend when it fits, then the sprint's name cut with `…`.
            let room = (right.width as usize).saturating_sub(2);
            let full = format!(" Burndown: {}{state} · │· ideal · [ ] ", sp.name);
            if crate::text::width(&full) <= room {
                full
            } else {
                format!("{} ", crate::text::truncate(&format!(" Burndown: {}{state}", sp.name), room.saturating_sub(1)))
            }
        }
    };
    let mut block = Block::bordered().title(title);
    if hidden > 0 {
        block = block.title_bottom(Line::styled(earlier_hint(app, hidden), t.muted()));
    }
    frame.render_widget(Paragraph::new(lines).block(block), right);

    // Figures.
    let f = report::flow(board);
    let pct = f.completion_rate.map_or("-".to_owned(), |r| format!("{:.0}%", r * 100.0));
    let cycle = f.cycle_time_days.map_or("-".to_owned(), |d| format!("{d:.1} d"));
    let every = f.sprint_every_days.map_or("-".to_owned(), |d| format!("{d} d"));
    let velocity = if app.filter.is_empty() { app.velocity() } else { report::recent_velocity(board).map(|(v, _)| v) };
    let velocity = velocity.map_or("-".to_owned(), |v| crate::text::count(v as usize, "pt", "pts"));
    let figures_said = [
        vec![Span::raw("Done/committed "), Span::styled(pct, t.accent())],
        vec![Span::raw(" · velocity "), Span::styled(velocity, t.accent())],
        vec![
            Span::raw(" · cycle "),
            Span::styled(cycle, t.accent()),
            Span::styled(format!(" ({})", f.finished), t.muted()),
        ],
        vec![Span::raw(" · a sprint every "), Span::styled(every, t.accent())],
    ];
    // Whole figures, as many as fit; `…` says there are more (a figure is never cut).
    let room = (figures.width as usize).saturating_sub(2);
    let mut spans = Vec::new();
    let mut used = 0;
    let count = figures_said.len();
    for (i, said) in figures_said.into_iter().enumerate() {
        let w: usize = said.iter().map(|s| s.width()).sum();
        let after = if i + 1 < count { 2 } else { 0 };
        if used + w + after > room && !(i + 1 == count && used + w <= room) {
            spans.push(Span::styled(" …", t.muted()));
            break;
        }
        used += w;
        spans.extend(said);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).block(Block::bordered()), figures);
}
