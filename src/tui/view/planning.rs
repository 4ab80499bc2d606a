//! View 2: the ranked backlog beside the planned and active sprints.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::{SprintState, Story};
use crate::text::{truncate, width};
use crate::tui::layout::{self, PANE_HEADER};
use crate::tui::state::{App, PaneKeys};

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    // Worked out once per change; a frame looks up only the rows it draws.
    let lists = app.planning_keys();
    let n = lists.len();
    let visible = layout::panes_visible(body, n);
    let first = layout::first_pane(app.plan_sel.pane, visible, n);
    let velocity = app.velocity();
    // The forecast of the backlog rows up to the last one on screen (the open sprints' work
    // comes before them).
    let fit = layout::planning_panes(body, n, first).first().map_or(1, |(_, p)| layout::rows_per_pane(p));
    let backlog = lists.iter().position(|p| p.list.is_none());
    // With a filter, the rows on screen may sit anywhere in the backlog: all of it is covered.
    let rows = |b: usize| if app.filter.is_empty() { app.plan_sel.offset(b) + fit } else { usize::MAX };
    let forecast = backlog.map(|b| app.backlog_forecast(rows(b)));
    let lands: std::collections::HashMap<&str, &crate::report::ForecastSprint> = match forecast.as_deref() {
        Some(Ok(f)) => f.stories.iter().map(|s| (s.key.as_str(), &s.odds.p85_sprint)).collect(),
        _ => Default::default(),
    };
    for (i, pane) in layout::planning_panes(body, n, first) {
        let Some(PaneKeys { list, keys: stories, points }) = lists.get(i) else { continue };
        let points = *points;
        // While a placeholder of an unreadable file is selected, no list is.
        let focused = i == app.plan_sel.pane && app.damaged_focus.is_none();
        let sprint = list.as_deref().and_then(|id| app.board().file.sprint(id));
        let mut title = Vec::new();
        if i == first && first > 0 {
            title.push(Span::styled(format!("◀{first} "), t.muted()));
        }
        let right = n - 1 - i.min(n - 1);
        let right_hint =
            if i + 1 == (first + visible).min(n) && right > 0 { format!("{right}▶") } else { String::new() };
        let state = if sprint.is_some_and(|s| s.state == SprintState::Active) { " (active)" } else { "" };
        // A long name is cut with `…`, leaving a gap before the `N▶` hint on the same border.
        let used = title.iter().map(|s: &Span| s.width()).sum::<usize>() + width(state);
        let hint_gap = if right_hint.is_empty() { 0 } else { width(&right_hint) + 1 };
        let room = (pane.frame.width as usize).saturating_sub(2 + used + hint_gap);
        let name = sprint.map_or_else(|| "Backlog".to_owned(), |s| s.name.clone());
        title.push(Span::styled(truncate(&name, room), if focused { t.accent() } else { Style::new() }));
        title.push(Span::styled(state, t.muted()));
        let mut block =
            Block::bordered().title(Line::from(title)).border_style(if focused { t.focused() } else { t.muted() });
        if !right_hint.is_empty() {
            block = block.title_top(Line::styled(right_hint, t.muted()).alignment(Alignment::Right));
        }
        let offset = app.plan_sel.offset(i);
        let fit = layout::rows_per_pane(&pane);
        let below = stories.len().saturating_sub(offset + fit);
        if below > 0 {
            block = block.title_bottom(Line::styled(format!("↓{below} more"), t.muted()).alignment(Alignment::Right));
        }
        // What the backlog's →S28 marks mean, on its bottom border where the header has no room.
        if list.is_none() {
            let shown = stories.iter().skip(offset).take(fit).filter_map(|k| lands.get(k.as_str()));
            let legends: &[&str] = match forecast.as_deref() {
                Some(Ok(_)) if shown.clone().any(|s| s.projected) => {
                    &["→ sprint done by (85 %) · * projected", "→ done by (85 %) · * projected", "→ 85 % · * proj."]
                }
                Some(Ok(_)) => &["→ sprint done by (85 %)", "→ done by (85 %)", "→ 85 %"],
                Some(Err(crate::report::NoForecast::History(_))) => &["no forecast yet", "no forecast"],
                _ => &[],
            };
            // The longest wording that leaves a gap before the `↓N more` on the same border.
            let more = if below > 0 { width(&format!("↓{below} more")) + 1 } else { 0 };
            let room = (pane.frame.width as usize).saturating_sub(2 + more);
            let legend = legends.iter().find(|l| width(l) <= room).copied().unwrap_or_default();
            if !legend.is_empty() {
                block = block.title_bottom(Line::styled(legend, t.muted()));
            }
        }
        frame.render_widget(block, pane.frame);

        // With a filter, the pane shows part of its list: its figures say so, and what the
        // sprint holds is weighed against its capacity and the velocity.
        let filtered = !app.filter.trim().is_empty();
        let total = if filtered { app.list_points(list.as_deref()) } else { points };
        let shown =
            |total: String| if filtered { format!("{points} of {total} pts shown") } else { format!("{total} pts") };
        let room = pane.inner.width as usize;
        let header = match sprint {
            Some(s) => {
                let cap = s.capacity.map(|c| format!("/{c}")).unwrap_or_default();
                let over = s.capacity.is_some_and(|c| total > c);
                let figures = shown(format!("{total}{cap}"));
                let mut used = width(&figures);
                let mut spans = vec![Span::styled(figures, if over { t.warn() } else { Style::new() })];
                // Each statement in the longest words that fit the pane (a number is never cut).
                let mut say = |spans: &mut Vec<Span>, words: [String; 3], style: Style| {
                    let Some(said) = words.into_iter().find(|w| used + width(w) <= room) else { return };
                    used += width(&said);
                    spans.push(Span::styled(said, style));
                };
                if let Some(c) = s.capacity.filter(|_| over) {
                    let n = total - c;
                    let words = [format!(" · {n} over capacity"), format!(" · {n} over cap."), format!(" · +{n}")];
                    say(&mut spans, words, t.warn());
                }
                // The velocity is a statement of its own: a sprint under its capacity may still
                // hold more than the team has finished of late.
                if let Some(v) = velocity {
                    let words = match total.cmp(&v) {
                        std::cmp::Ordering::Greater => {
                            let n = total - v;
                            [
                                format!(" · {n} over the recent velocity of {v}"),
                                format!(" · {n} over velocity {v}"),
                                format!(" · velocity {v}"),
                            ]
                        }
                        std::cmp::Ordering::Equal => [
                            format!(" · at the recent velocity of {v}"),
                            format!(" · at velocity {v}"),
                            format!(" · velocity {v}"),
                        ],
                        std::cmp::Ordering::Less => {
                            let n = v - total;
                            [
                                format!(" · {n} under the recent velocity of {v}"),
                                format!(" · {n} under velocity {v}"),
                                format!(" · velocity {v}"),
                            ]
                        }
                    };
                    say(&mut spans, words, if total > v { t.warn() } else { t.muted() });
                }
                Line::from(spans)
            }
            None if filtered => Line::styled(
                format!("{points} of {total} pts · {} of {} stories shown", stories.len(), app.list_len(None)),
                t.muted(),
            ),
            None => Line::styled(
                format!(
                    "{} · {}",
                    crate::text::count(points as usize, "pt", "pts"),
                    crate::text::count(stories.len(), "story", "stories")
                ),
                t.muted(),
            ),
        };
        let header_area = Rect::new(pane.inner.x, pane.inner.y, pane.inner.width, PANE_HEADER.min(pane.inner.height));
        frame.render_widget(Paragraph::new(header), header_area);

        let top = pane.inner.y + PANE_HEADER;
        let shown = stories.iter().skip(offset).take(fit).filter_map(|k| app.board().story(k));
        for (k, story) in shown.enumerate() {
            let y = top + k as u16;
            if y >= pane.inner.bottom() {
                break;
            }
            let area = Rect::new(pane.inner.x, y, pane.inner.width, 1);
            let selected = focused && app.plan_sel.row(i) == offset + k;
            let lands = if list.is_none() { lands.get(story.key.as_str()).map(|s| s.short()) } else { None };
            frame.render_widget(row(app, story, area.width as usize, selected, lands), area);
        }
        if stories.is_empty() && pane.inner.height > PANE_HEADER {
            let area = Rect::new(pane.inner.x, top, pane.inner.width, 1);
            let text =
                format!("(empty: {})", crate::tui::hints::how_to_fill(&app.keymap, app.board(), list.as_deref()));
            frame.render_widget(
                Paragraph::new(Line::styled(text, t.muted())).wrap(ratatui::widgets::Wrap { trim: true }),
                Rect::new(area.x, area.y, area.width, pane.inner.bottom().saturating_sub(top).min(3)),
            );
        }
    }
}

/// One story on one line: key, title, column when it has started, points; `lands`: the short
/// name of the sprint it is done by at 85 % (backlog rows). The title keeps a readable share of
/// the row: the extras that do not fit beside it are dropped, the score badge first.
fn row<'a>(app: &App, s: &'a Story, w: usize, selected: bool, lands: Option<String>) -> Paragraph<'a> {
    let t = &app.theme;
    let badge = super::score_badge(s);
    let first_column = app.board().file.columns.first().map(|c| c.id.as_str());
    let status = if Some(s.status.as_str()) != first_column {
        app.board().file.column(&s.status).map(|c| format!(" [{}]", c.name)).unwrap_or_default()
    } else {
        String::new()
    };
    let waits = app.board().open_blockers(&s.key).len();
    // A space on each side of the mark: it never runs into the key or the title.
    let mark = if s.blocked.is_some() {
        " ! ".to_owned()
    } else if waits > 0 {
        format!(" ↤{waits} ")
    } else {
        " ".to_owned()
    };
    let kind = match super::kind_tag(s) {
        "" => String::new(),
        k => format!("{k} "),
    };
    let badge = if badge.is_empty() { String::new() } else { format!(" {badge}") };
    let lands = lands.map(|n| format!(" →{n}")).unwrap_or_default();
    let points = s.points.map(|p| format!(" {p}p")).unwrap_or_default();
    // In the order they are given up when the row is short: the score badge first.
    let mut extras = [badge, status, kind, lands, points];
    // The title's readable share: half of what the key and mark leave, at least 12 columns, and
    // never more than the title needs.
    let room = w.saturating_sub(width(&s.key) + width(&mark));
    let readable = width(&s.title).min((room / 2).max(12));
    for i in 0..extras.len() {
        if room.saturating_sub(extras.iter().map(|e| width(e)).sum()) >= readable {
            break;
        }
        extras[i].clear();
    }
    let [badge, status, kind, lands, points] = extras;
    let fixed =
        width(&s.key) + width(&mark) + width(&kind) + width(&status) + width(&badge) + width(&points) + width(&lands);
    let title = truncate(&s.title, w.saturating_sub(fixed));
    let gap = w.saturating_sub(fixed + width(&title));
    let line = Line::from(vec![
        Span::styled(s.key.clone(), t.accent()),
        Span::styled(mark, t.blocked()),
        Span::styled(kind, t.muted()),
        Span::raw(title),
        Span::raw(" ".repeat(gap)),
        Span::styled(status, t.muted()),
        Span::raw(format!("{badge}{points}{lands}")),
    ]);
    let p = Paragraph::new(line);
    if selected { p.style(t.selected()) } else { p }
}
