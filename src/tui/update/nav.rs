//! Moving the selection: keys, clicks and the wheel; keeping it on an existing row and in view.

use crate::tui::action::View;
use crate::tui::layout;
use crate::tui::state::App;

/// Whether the current view has panes that keys move between.
pub(super) fn has_panes(app: &App) -> bool {
    matches!(app.view, View::Board | View::Planning)
}

pub(super) fn pane_count(app: &App) -> usize {
    match app.view {
        View::Planning => app.planning_lists().len(),
        _ => app.board().file.columns.len(),
    }
}

pub(super) fn pane_len(app: &App, pane: usize) -> usize {
    match app.view {
        View::Planning => app.planning_lens().get(pane).copied().unwrap_or(0),
        _ => app.board_column_keys().get(pane).map_or(0, Vec::len),
    }
}

pub(super) fn selection(app: &mut App) -> &mut crate::tui::state::Selection {
    match app.view {
        View::Planning => &mut app.plan_sel,
        _ => &mut app.board_sel,
    }
}

/// Whether the selection is on the first row of its list (or the list is empty).
pub(super) fn at_first_row(app: &mut App) -> bool {
    let sel = selection(app);
    sel.row(sel.pane) == 0
}

pub(super) fn move_pane(app: &mut App, by: isize, wrap: bool) {
    if !has_panes(app) {
        return;
    }
    let n = pane_count(app);
    if n == 0 {
        return;
    }
    let sel = selection(app);
    let next = sel.pane as isize + by;
    sel.pane = if wrap { next.rem_euclid(n as isize) as usize } else { next.clamp(0, n as isize - 1) as usize };
}

/// How many rows of the focused pane show at once: what PageUp and PageDown move by.
pub(super) fn page(app: &App) -> usize {
    let body = app.screen().body;
    let rows = match app.view {
        View::Planning => {
            let panes = layout::planning_panes(body, pane_count(app), 0);
            panes.first().map_or(1, |(_, p)| layout::rows_per_pane(p))
        }
        _ => {
            let panes = layout::board_columns(body, pane_count(app));
            panes.get(app.board_sel.pane).map_or(1, layout::cards_per_column)
        }
    };
    rows.max(1)
}

pub(super) fn move_row(app: &mut App, by: isize) {
    if !has_panes(app) {
        return;
    }
    let pane = selection(app).pane;
    let len = pane_len(app, pane);
    let sel = selection(app);
    let row = (sel.row(pane) as isize + by).clamp(0, len.saturating_sub(1) as isize) as usize;
    sel.set_row(pane, row);
}

/// Keeps every selection on an existing row and scrolls each pane so its selection shows.
pub(super) fn clamp(app: &mut App) {
    if app.view == View::Standup
        && let Some(since) = app.standup.since
    {
        let people = app.standup_people(since).len();
        app.standup.person = app.standup.person.min(people.saturating_sub(1));
    }
    let damaged = app.board().damaged.len();
    app.damaged_focus = app.damaged_focus.filter(|_| damaged > 0).map(|i| i.min(damaged - 1));
    let body = app.screen().body;
    // Only the view on screen: each list costs a look-up per story on a big board, and the
    // other view is brought into range when it is shown (this runs after every action).
    match app.view {
        View::Board => clamp_board(app, body),
        View::Planning => clamp_planning(app, body),
        _ => {}
    }
}

fn clamp_board(app: &mut App, body: ratatui::layout::Rect) {
    let cols: Vec<usize> = app.board_column_keys().iter().map(Vec::len).collect();
    let board_panes = layout::board_columns(body, cols.len());
    app.board_sel.pane = app.board_sel.pane.min(cols.len().saturating_sub(1));
    for (i, len) in cols.iter().enumerate() {
        let row = app.board_sel.row(i).min(len.saturating_sub(1));
        app.board_sel.set_row(i, row);
        let fit = board_panes.get(i).map_or(1, layout::cards_per_column);
        let offset = layout::scroll_list(app.board_sel.offset(i), row, fit, *len);
        app.board_sel.set_offset(i, offset);
    }
    if app.lanes != crate::tui::lanes::LaneMode::Off {
        let columns = app.board_columns();
        let rows = crate::tui::lanes::rows(app.board(), app.lanes, &columns);
        let height = board_panes.first().map_or(1, |p| p.inner.height);
        let sel = (app.board_sel.pane, app.board_sel.row(app.board_sel.pane));
        let scroll = match crate::tui::lanes::row_of(&rows, sel.0, sel.1) {
            Some(target) => crate::tui::lanes::scroll(&rows, app.lane_scroll, target, height),
            None => app.lane_scroll.min(rows.len().saturating_sub(1)),
        };
        app.lane_scroll = scroll;
    }
}

fn clamp_planning(app: &mut App, body: ratatui::layout::Rect) {
    let lens: Vec<usize> = app.planning_lens();
    app.plan_sel.pane = app.plan_sel.pane.min(lens.len().saturating_sub(1));
    let panes = layout::planning_panes(body, lens.len(), 0);
    let fit = panes.first().map_or(1, |(_, p)| layout::rows_per_pane(p));
    for (i, len) in lens.iter().enumerate() {
        let row = app.plan_sel.row(i).min(len.saturating_sub(1));
        app.plan_sel.set_row(i, row);
        let offset = layout::scroll_list(app.plan_sel.offset(i), row, fit, *len);
        app.plan_sel.set_offset(i, offset);
    }
}

/// Puts the selection on `key` in the current view, if the view shows it.
pub fn select_key(app: &mut App, key: &str) {
    match app.view {
        View::Planning => {
            // Only the pane of the story's list is looked through.
            let list = app.board().story(key).map(|s| s.sprint.clone());
            let pane = list.and_then(|l| app.planning_lists().iter().position(|p| *p == l));
            let found = pane.and_then(|p| {
                let panes = app.planning_keys();
                panes.get(p)?.keys.iter().position(|k| k == key).map(|r| (p, r))
            });
            if let Some((pane, row)) = found {
                app.plan_sel.pane = pane;
                app.plan_sel.set_row(pane, row);
            }
        }
        _ => {
            let found = app
                .board_column_keys()
                .iter()
                .enumerate()
                .find_map(|(c, l)| l.iter().position(|k| k == key).map(|r| (c, r)));
            if let Some((pane, row)) = found {
                app.board_sel.pane = pane;
                app.board_sel.set_row(pane, row);
            }
        }
    }
    clamp(app);
}

/// Focuses the pane under the pointer; returns it with its inner area and scroll offset.
pub(super) fn click_pane(app: &mut App, column: u16, row: u16) -> Option<(usize, ratatui::layout::Rect, usize)> {
    let body = app.screen().body;
    let pos = ratatui::layout::Position::new(column, row);
    let hit = match app.view {
        View::Board => {
            let n = app.board().file.columns.len();
            layout::board_columns(body, n).into_iter().enumerate().find(|(_, p)| p.frame.contains(pos))
        }
        View::Planning => {
            let n = app.planning_lists().len();
            let first = layout::first_pane(app.plan_sel.pane, layout::panes_visible(body, n), n);
            layout::planning_panes(body, n, first).into_iter().find(|(_, p)| p.frame.contains(pos))
        }
        _ => None,
    };
    let (i, pane) = hit?;
    let sel = selection(app);
    sel.pane = i;
    Some((i, pane.inner, sel.offset(i)))
}

pub(super) fn click(app: &mut App, column: u16, row: u16) {
    let screen = app.screen();
    if screen.tabs.contains(ratatui::layout::Position::new(column, row)) {
        if let Some(view) = layout::tab_at(screen.tabs, app.view, ratatui::layout::Position::new(column, row)) {
            if view == View::Story {
                super::story_fields::open(app);
            } else {
                app.view = view;
            }
        }
        return;
    }
    if screen.damaged.contains(ratatui::layout::Position::new(column, row)) {
        let cards = layout::damaged_cards(screen.damaged, app.board().damaged.len());
        if let Some(i) = cards.iter().position(|r| r.contains(ratatui::layout::Position::new(column, row))) {
            app.damaged_focus = Some(i);
            super::damaged::say(app);
        }
        return;
    }
    app.damaged_focus = None;
    let Some((pane, inner, offset)) = click_pane(app, column, row) else { return };
    if app.view == View::Board && app.lanes != crate::tui::lanes::LaneMode::Off {
        let columns = app.board_columns();
        let rows = crate::tui::lanes::rows(app.board(), app.lanes, &columns);
        let mut y = inner.y;
        let mut hit = None;
        for r in rows.iter().skip(app.lane_scroll) {
            if row < y + r.height() {
                if let crate::tui::lanes::Row::Cards(cells) = r {
                    hit = cells.get(pane).copied().flatten().map(|(i, _)| i);
                }
                break;
            }
            y += r.height();
        }
        if let Some(i) = hit {
            selection(app).set_row(pane, i);
        }
        return;
    }
    let first_row = match app.view {
        View::Planning => inner.y + layout::PANE_HEADER,
        _ => inner.y,
    };
    if row < first_row || !inner.contains(ratatui::layout::Position::new(column, row)) {
        return;
    }
    let per_item = if app.view == View::Planning { 1 } else { layout::CARD_HEIGHT };
    let target = offset + ((row - first_row) / per_item) as usize;
    if target < pane_len(app, pane) {
        selection(app).set_row(pane, target);
    }
}
