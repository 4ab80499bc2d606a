//! View 1: the active sprint as kanban columns.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::Story;
use crate::text::{truncate, width};
use crate::tui::lanes::{self, LaneMode, Row};
use crate::tui::layout::{self, CARD_HEIGHT};
use crate::tui::state::App;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let Some(sprint) = app.board().file.active_sprint() else {
        let planned = app.board().file.sprints.iter().find(|s| s.state == crate::domain::SprintState::Planned);
        let how = match planned {
            Some(s) => format!("Press 2 for Planning, Tab to {} and S to start it (or N to plan another).", s.name),
            None => "Press 2 for Planning and N to plan a sprint; S then starts it.".to_owned(),
        };
        let text = vec![Line::styled("No sprint is active.", t.accent()), Line::raw(""), Line::raw(how)];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).block(Block::bordered()), body);
        return;
    };
    // The keys and figures are worked out once per change; a frame looks up only the cards it
    // draws (swimlanes need them all).
    let keys = app.board_column_keys();
    let figures = app.board_figures();
    let panes = layout::board_columns(body, keys.len());
    for (i, (cards, pane)) in keys.iter().zip(&panes).enumerate() {
        let Some(col) = app.board().file.columns.get(i) else { continue };
        // While a placeholder of an unreadable file is selected, no column is.
        let focused = i == app.board_sel.pane && app.damaged_focus.is_none();
        let points: u32 = figures.column_points.get(i).copied().unwrap_or(0);
        let over = col.wip.is_some_and(|w| cards.len() > w as usize);
        let count = match col.wip {
            Some(w) => format!("{}/{w}", cards.len()),
            None => cards.len().to_string(),
        };
        let name_style = if focused { t.accent() } else { Style::new().add_modifier(Modifier::BOLD) };
        let count = if over { format!("{count}!") } else { count };
        // With swimlanes, the last column's borders end in the board's own ↑ / ↓ marks (see
        // `lanes`): its title and points leave room for them and a gap.
        let lane_mark = if app.lanes != LaneMode::Off && i + 1 == keys.len().min(panes.len()) { 2 } else { 0 };
        // The count (and its WIP mark) always shows: a narrow column shortens the name instead.
        let room = (pane.frame.width as usize).saturating_sub(2 + 1 + width(&count) + lane_mark);
        let mut title = vec![Span::styled(truncate(&col.name, room), name_style), Span::raw(" ")];
        title.push(if over { Span::styled(count, t.warn()) } else { Span::raw(count) });
        let lanes_on = app.lanes != LaneMode::Off;
        // With swimlanes the whole board scrolls as one (see `lanes`), not column by column.
        let offset = if lanes_on { 0 } else { app.board_sel.offset(i) };
        let fit = layout::cards_per_column(pane);
        let below = if lanes_on { 0 } else { cards.len().saturating_sub(offset + fit) };
        // Bottom border: points on the left, what is scrolled out of view on the right, each
        // only when it fits beside the other.
        let inner_w = pane.inner.width as usize;
        let pts = crate::text::count(points as usize, "pt", "pts");
        let more = if below > 0 { format!("↓{below}") } else { String::new() };
        let mut block =
            Block::bordered().title(Line::from(title)).border_style(if focused { t.focused() } else { t.muted() });
        if width(&pts) + width(&more) + lane_mark < inner_w {
            block = block.title_bottom(Line::styled(pts, t.muted()));
        }
        if !more.is_empty() {
            block = block.title_bottom(Line::styled(more, t.muted()).alignment(Alignment::Right));
        }
        if offset > 0 {
            block = block.title_top(Line::styled(format!("↑{offset}"), t.muted()).alignment(Alignment::Right));
        }
        frame.render_widget(block, pane.frame);
        if lanes_on {
            continue;
        }
        let shown = cards.iter().skip(offset).take(fit).filter_map(|k| app.board().story(k));
        for (k, story) in shown.enumerate() {
            let y = pane.inner.y + k as u16 * CARD_HEIGHT;
            let h = (CARD_HEIGHT - 1).min(pane.inner.bottom().saturating_sub(y));
            let area = Rect::new(pane.inner.x, y, pane.inner.width, h);
            let selected = focused && app.board_sel.row(i) == offset + k;
            frame.render_widget(card(app, story, area, selected), area);
        }
    }
    if app.lanes != LaneMode::Off {
        draw_lanes(app, frame, &app.board_columns(), &panes);
    }
    let summary = Rect::new(body.x, body.bottom().saturating_sub(1), body.width, 1.min(body.height));
    frame.render_widget(Paragraph::new(sprint_summary(app, sprint, summary.width as usize)), summary);
}

/// Swimlanes: a header line across the columns for each lane, then its cards, slot by slot,
/// from the first row scrolled to.
fn draw_lanes(app: &App, frame: &mut Frame, columns: &[Vec<&Story>], panes: &[layout::Pane]) {
    let t = &app.theme;
    let (Some(first), Some(last)) = (panes.first(), panes.last()) else { return };
    let rows = lanes::rows(app.board(), app.lanes, columns);
    let top = first.inner.y;
    let bottom = first.inner.bottom();
    let mut y = top;
    for row in rows.iter().skip(app.lane_scroll) {
        if y >= bottom {
            break;
        }
        match row {
            Row::Header(name, count) => {
                let across = Rect::new(first.inner.x, y, last.inner.right().saturating_sub(first.inner.x), 1)
                    .intersection(frame.area());
                let text = format!("▸ {name} ({count}) ");
                let fill = "─".repeat((across.width as usize).saturating_sub(width(&text)));
                frame.render_widget(
                    Paragraph::new(Line::from(vec![Span::styled(text, t.accent()), Span::styled(fill, t.muted())])),
                    across,
                );
            }
            Row::Cards(cells) => {
                for (c, cell) in cells.iter().enumerate() {
                    let (Some((index, story)), Some(pane)) = (cell, panes.get(c)) else { continue };
                    let h = (lanes::SLOT_HEIGHT - 1).min(bottom.saturating_sub(y));
                    let area = Rect::new(pane.inner.x, y, pane.inner.width, h);
                    let selected =
                        c == app.board_sel.pane && app.damaged_focus.is_none() && app.board_sel.row(c) == *index;
                    frame.render_widget(card(app, story, area, selected), area);
                }
            }
        }
        y = y.saturating_add(row.height());
    }
    let hidden: u16 = rows.iter().skip(app.lane_scroll).map(Row::height).sum::<u16>().saturating_sub(bottom - top);
    if app.lane_scroll > 0 {
        let mark = Rect::new(last.frame.right().saturating_sub(2), last.frame.y, 1, 1).intersection(frame.area());
        frame.render_widget(Paragraph::new(Line::styled("↑", t.muted())), mark);
    }
    if hidden > 0 {
        let mark = Rect::new(last.frame.right().saturating_sub(2), last.frame.bottom().saturating_sub(1), 1, 1)
            .intersection(frame.area());
        frame.render_widget(Paragraph::new(Line::styled("↓", t.muted())), mark);
    }
}

/// One card: key, issue number, blocked mark and points; the title; assignee, epic and labels.
pub fn card<'a>(app: &App, s: &'a Story, area: Rect, selected: bool) -> Paragraph<'a> {
    let w = area.width as usize;
    let t = &app.theme;
    let points = s.points.map(|p| format!("{p}p")).unwrap_or_default();
    let mut first = vec![Span::styled(s.key.clone(), t.accent())];
    let mut used = width(&s.key);
    // The number of the GitHub issue the story is linked to: after the key, else (a narrow
    // card) first under the title.
    let mut issue_below = None;
    if let Some((_, n)) = app.linked_issue(s) {
        let issue = format!(" #{n}");
        if used + width(&issue) + 1 + width(&points) <= w {
            used += width(&issue);
            first.push(Span::styled(issue, t.muted()));
        } else {
            issue_below = Some(format!("#{n}"));
        }
    }
    let waits = app.board().open_blockers(&s.key).len();
    if waits > 0 && used + 3 + width(&points) <= w {
        let mark = format!(" ↤{waits}");
        used += width(&mark);
        first.push(Span::styled(mark, t.blocked()));
    }
    let kind = super::kind_tag(s);
    if !kind.is_empty() && used + 1 + width(kind) + 2 + width(&points) <= w {
        first.push(Span::styled(format!(" {kind}"), t.muted()));
        used += 1 + width(kind);
    }
    if s.blocked.is_some() && used + 8 + width(&points) < w {
        first.push(Span::styled(" BLOCKED", t.blocked()));
        used += 8;
    } else if s.blocked.is_some() {
        first.push(Span::styled(" !", t.blocked()));
        used += 2;
    }
    // Points on the right, with at least one space before them, when there is room.
    if used + 1 + width(&points) <= w {
        first.push(Span::raw(" ".repeat(w - used - width(&points))));
        first.push(Span::raw(points));
    }
    let epic = s.epic.as_deref().map(|e| app.board().file.epic(e).map_or(e, |e| e.name.as_str()));
    let badge = super::score_badge(s);
    // The assignee first: scores never push it out of a narrow card.
    let meta: Vec<String> = issue_below
        .into_iter()
        .chain(s.assignee.iter().map(|a| format!("@{a}")))
        .chain((!badge.is_empty()).then_some(badge))
        .chain(epic.map(str::to_owned))
        .chain(s.labels.iter().map(|l| format!("#{l}")))
        .collect();
    // A card with nothing to show under its title gives the title that line too.
    let title: Vec<String> = if meta.is_empty() && width(&s.title) > w && w > 0 && area.height >= 3 {
        let lines = textwrap::wrap(&s.title, w);
        let second = lines.get(1..).map(|rest| rest.join(" ")).unwrap_or_default();
        vec![truncate(lines.first().map_or("", |l| l.as_ref()), w), truncate(&second, w)]
    } else {
        vec![truncate(&s.title, w), String::new()]
    };
    let meta_line = if meta.is_empty() {
        Line::raw(title[1].clone())
    } else {
        Line::styled(truncate(&meta.join(" "), w), t.muted())
    };
    let lines = vec![Line::from(first), Line::raw(title[0].clone()), meta_line];
    let p = Paragraph::new(lines);
    if selected { p.style(t.selected()) } else { p }
}

/// The line under the columns: sprint, time left, points done, blocked count, then the goal
/// (last, so a narrow terminal cuts the goal rather than the figures).
fn sprint_summary(app: &App, sprint: &crate::domain::Sprint, w: usize) -> Line<'static> {
    let t = &app.theme;
    let figures = app.board_figures();
    let (points, done, blocked) = (figures.points, figures.done, figures.blocked);
    let mut parts: Vec<(String, Style)> = vec![(sprint.name.clone(), t.accent())];
    if let Some(end) = sprint.end {
        let days = (end - app.today).get_days();
        let when = match days {
            d if d < 0 => format!("ended {} ago", crate::text::count(-d as usize, "day", "days")),
            0 => "ends today".to_owned(),
            1 => "1 day left".to_owned(),
            d => format!("{d} days left"),
        };
        parts.push((when, Style::new()));
    }
    let cap = sprint.capacity.map(|c| format!(" (capacity {c})")).unwrap_or_default();
    parts
        .push((format!("{done}/{points} {} done{cap}", crate::text::noun(points as usize, "pt", "pts")), Style::new()));
    if let Some(c) = sprint.capacity.filter(|c| points > *c) {
        parts.push((format!("over capacity by {}", points - c), t.warn()));
    }
    if blocked > 0 {
        parts.push((format!("{blocked} blocked"), t.blocked()));
    }
    if !sprint.goal.is_empty() {
        parts.push((format!("Goal: {}", sprint.goal), t.muted()));
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (text, style)) in parts.into_iter().enumerate() {
        let sep = if i == 0 { "" } else { " · " };
        let room = w.saturating_sub(used + width(sep));
        if room == 0 {
            break;
        }
        let text = truncate(&text, room);
        used += width(sep) + width(&text);
        spans.push(Span::styled(sep, t.muted()));
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}
