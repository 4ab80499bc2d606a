//! The only place the TUI's state changes: `update(state, action)` returns the effects the event
//! loop must carry out (save files, quit). Pure, so tests run it without a terminal or a disk.

use super::action::{Action, View};
use super::layout;
use super::state::{App, Popup};
use crate::domain::{Changes, Ctx, ListId, Move, Position};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write what changed. `key` and `action` say what was done, so that after a conflict the
    /// loop can read the board again, select `key` and do `action` again on the fresh copy.
    Save {
        changes: Box<Changes>,
        key: String,
        action: Action,
    },
    Quit,
}

pub fn update(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    let effects = match app.popup.clone() {
        Some(Popup::Help { scroll }) => help_popup(app, action, scroll),
        Some(Popup::Picker { key, options, selected }) => picker(app, action, ctx, key, options, selected),
        None => view_action(app, action, ctx),
    };
    clamp(app);
    effects
}

fn help_popup(app: &mut App, action: Action, scroll: u16) -> Vec<Effect> {
    match action {
        Action::Up => app.popup = Some(Popup::Help { scroll: scroll.saturating_sub(1) }),
        Action::Down => app.popup = Some(Popup::Help { scroll: scroll.saturating_add(1) }),
        Action::Quit => return quit(app),
        Action::Resize | Action::Scroll { .. } => {}
        _ => app.popup = None,
    }
    Vec::new()
}

fn picker(
    app: &mut App,
    action: Action,
    ctx: &mut Ctx,
    key: String,
    options: Vec<ListId>,
    selected: usize,
) -> Vec<Effect> {
    let last = options.len().saturating_sub(1);
    match action {
        Action::Up => app.popup = Some(Popup::Picker { key, options, selected: selected.saturating_sub(1) }),
        Action::Down => app.popup = Some(Popup::Picker { key, options, selected: (selected + 1).min(last) }),
        Action::Confirm => {
            app.popup = None;
            if let Some(target) = options.get(selected) {
                let name = app.board().list_name(target.as_deref());
                let mv = Move { sprint: Some(target.clone()), ..Move::default() };
                return apply_move(app, ctx, &key, mv, Action::PickSprint, |_| format!("{key} → {name}"));
            }
        }
        Action::Quit => return quit(app),
        Action::Resize => app.popup = Some(Popup::Picker { key, options, selected }),
        _ => app.popup = None,
    }
    Vec::new()
}

fn quit(app: &mut App) -> Vec<Effect> {
    app.quit = true;
    vec![Effect::Quit]
}

fn view_action(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    match action {
        Action::Quit => return quit(app),
        Action::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::Show(v) => {
            app.view = v;
            app.status = None;
        }
        Action::NextPane => move_pane(app, 1, true),
        Action::PrevPane => move_pane(app, -1, true),
        Action::Right => move_pane(app, 1, false),
        Action::Left => move_pane(app, -1, false),
        Action::Down => move_row(app, 1),
        Action::Up => move_row(app, -1),
        Action::StatusNext => return change_status(app, ctx, 1, action),
        Action::StatusPrev => return change_status(app, ctx, -1, action),
        Action::RankUp | Action::RankDown | Action::RankTop | Action::RankBottom => return rerank(app, ctx, action),
        Action::SprintNext => return change_sprint(app, ctx, 1, action),
        Action::SprintPrev => return change_sprint(app, ctx, -1, action),
        Action::PickSprint => open_picker(app),
        Action::Click { column, row } => click(app, column, row),
        Action::Scroll { column, row, down } => {
            click_pane(app, column, row);
            move_row(app, if down { 1 } else { -1 });
        }
        Action::Cancel => app.status = None,
        Action::Confirm | Action::Resize => {}
    }
    Vec::new()
}

/// Whether the current view has panes that keys move between.
fn has_panes(app: &App) -> bool {
    matches!(app.view, View::Board | View::Planning)
}

fn pane_count(app: &App) -> usize {
    match app.view {
        View::Planning => app.planning_lists().len(),
        _ => app.board().file.columns.len(),
    }
}

fn pane_len(app: &App, pane: usize) -> usize {
    match app.view {
        View::Planning => app.planning_panes().get(pane).map_or(0, |(_, l)| l.len()),
        _ => app.board_columns().get(pane).map_or(0, Vec::len),
    }
}

fn selection(app: &mut App) -> &mut super::state::Selection {
    match app.view {
        View::Planning => &mut app.plan_sel,
        _ => &mut app.board_sel,
    }
}

fn move_pane(app: &mut App, by: isize, wrap: bool) {
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

fn move_row(app: &mut App, by: isize) {
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
fn clamp(app: &mut App) {
    let body = layout::screen(app.area).body;
    let cols: Vec<usize> = app.board_columns().iter().map(Vec::len).collect();
    let board_panes = layout::board_columns(body, cols.len());
    app.board_sel.pane = app.board_sel.pane.min(cols.len().saturating_sub(1));
    for (i, len) in cols.iter().enumerate() {
        let row = app.board_sel.row(i).min(len.saturating_sub(1));
        app.board_sel.set_row(i, row);
        let fit = board_panes.get(i).map_or(1, layout::cards_per_column);
        let offset = layout::scroll(app.board_sel.offset(i), row, fit);
        app.board_sel.set_offset(i, offset);
    }
    let lens: Vec<usize> = app.planning_panes().iter().map(|(_, l)| l.len()).collect();
    app.plan_sel.pane = app.plan_sel.pane.min(lens.len().saturating_sub(1));
    let panes = layout::planning_panes(body, lens.len(), 0);
    let fit = panes.first().map_or(1, |(_, p)| layout::rows_per_pane(p));
    for (i, len) in lens.iter().enumerate() {
        let row = app.plan_sel.row(i).min(len.saturating_sub(1));
        app.plan_sel.set_row(i, row);
        let offset = layout::scroll(app.plan_sel.offset(i), row, fit);
        app.plan_sel.set_offset(i, offset);
    }
}

/// Puts the selection on `key` in the current view, if the view shows it.
pub fn select_key(app: &mut App, key: &str) {
    match app.view {
        View::Planning => {
            let found = app
                .planning_panes()
                .iter()
                .enumerate()
                .find_map(|(p, (_, l))| l.iter().position(|s| s.key == key).map(|r| (p, r)));
            if let Some((pane, row)) = found {
                app.plan_sel.pane = pane;
                app.plan_sel.set_row(pane, row);
            }
        }
        _ => {
            let found = app
                .board_columns()
                .iter()
                .enumerate()
                .find_map(|(c, l)| l.iter().position(|s| s.key == key).map(|r| (c, r)));
            if let Some((pane, row)) = found {
                app.board_sel.pane = pane;
                app.board_sel.set_row(pane, row);
            }
        }
    }
    clamp(app);
}

fn selected_or_say(app: &mut App) -> Option<String> {
    let key = app.selected_key();
    if key.is_none() {
        app.info("No story selected");
    }
    key
}

fn apply_move(
    app: &mut App,
    ctx: &mut Ctx,
    key: &str,
    mv: Move,
    action: Action,
    describe: impl Fn(&App) -> String,
) -> Vec<Effect> {
    match app.board_mut().move_story(key, &mv, ctx) {
        Ok(changes) if changes.is_empty() => {
            app.info(format!("{key} is already there"));
            Vec::new()
        }
        Ok(changes) => {
            select_key(app, key);
            let text = describe(app);
            app.info(text);
            vec![Effect::Save { changes: Box::new(changes), key: key.to_owned(), action }]
        }
        Err(e) => {
            app.error(e.to_string());
            Vec::new()
        }
    }
}

fn change_status(app: &mut App, ctx: &mut Ctx, by: isize, action: Action) -> Vec<Effect> {
    let Some(key) = selected_or_say(app) else { return Vec::new() };
    let cols = &app.board().file.columns;
    let current = app.board().story(&key).and_then(|s| app.board().file.column_index(&s.status)).unwrap_or(0);
    let target = current as isize + by;
    if target < 0 || target >= cols.len() as isize {
        let name = cols.get(current).map_or("", |c| c.name.as_str());
        app.info(format!("{key} is already in {name}, the {} column", if by < 0 { "first" } else { "last" }));
        return Vec::new();
    }
    let column = cols[target as usize].clone();
    let mv = Move { status: Some(column.id.clone()), ..Move::default() };
    apply_move(app, ctx, &key, mv, action, |_| format!("{key} → {}", column.name))
}

fn rerank(app: &mut App, ctx: &mut Ctx, action: Action) -> Vec<Effect> {
    let Some(key) = selected_or_say(app) else { return Vec::new() };
    let position = if app.view == View::Planning {
        match action {
            Action::RankUp => Position::Up,
            Action::RankDown => Position::Down,
            Action::RankTop => Position::Top,
            _ => Position::Bottom,
        }
    } else {
        // On the board, order within the column: place it relative to the column's cards.
        let column: Vec<String> = app
            .board_columns()
            .get(app.board_sel.pane)
            .map(|c| c.iter().map(|s| s.key.clone()).collect())
            .unwrap_or_default();
        let at = column.iter().position(|k| *k == key).unwrap_or(0);
        let anchor = match action {
            Action::RankUp => at.checked_sub(1).map(|i| Position::Before(column[i].clone())),
            Action::RankDown => column.get(at + 1).map(|k| Position::After(k.clone())),
            Action::RankTop => (at > 0).then(|| Position::Before(column[0].clone())),
            _ => (at + 1 < column.len()).then(|| Position::After(column[column.len() - 1].clone())),
        };
        match anchor {
            Some(p) => p,
            None => {
                let edge = if matches!(action, Action::RankUp | Action::RankTop) { "top" } else { "bottom" };
                app.info(format!("{key} is already at the {edge}"));
                return Vec::new();
            }
        }
    };
    let mv = Move { position, ..Move::default() };
    let k = key.clone();
    apply_move(app, ctx, &key, mv, action, move |app| {
        let (place, of) = place_in_list(app, &k);
        format!("{k} moved to #{place} of {of}")
    })
}

/// The story's place in its list (1-based) and the list's length.
fn place_in_list(app: &App, key: &str) -> (usize, usize) {
    let Some(story) = app.board().story(key) else { return (0, 0) };
    let list = app.list(story.sprint.as_deref());
    (list.iter().position(|s| s.key == key).map_or(0, |p| p + 1), list.len())
}

fn change_sprint(app: &mut App, ctx: &mut Ctx, by: isize, action: Action) -> Vec<Effect> {
    let Some(key) = selected_or_say(app) else { return Vec::new() };
    let sequence = app.board().sprint_sequence();
    let current = app.board().story(&key).map(|s| s.sprint.clone()).unwrap_or_default();
    let Some(at) = sequence.iter().position(|l| *l == current) else {
        app.error(format!("{key} is in a closed sprint; move it with m"));
        return Vec::new();
    };
    let target = at as isize + by;
    let Some(list) = usize::try_from(target).ok().and_then(|t| sequence.get(t)) else {
        let msg = if by < 0 {
            format!("{key} is in the backlog, before every sprint")
        } else {
            "There is no later sprint: plan one with `sprintboard sprint new NAME`".to_owned()
        };
        app.info(msg);
        return Vec::new();
    };
    let name = app.board().list_name(list.as_deref());
    let mv = Move { sprint: Some(list.clone()), ..Move::default() };
    apply_move(app, ctx, &key, mv, action, |_| format!("{key} → {name}"))
}

fn open_picker(app: &mut App) {
    let Some(key) = selected_or_say(app) else { return };
    let current = app.board().story(&key).map(|s| s.sprint.clone()).unwrap_or_default();
    let options: Vec<ListId> = app.board().sprint_sequence().into_iter().filter(|l| *l != current).collect();
    if options.is_empty() {
        app.info("There is no other sprint to move it to");
        return;
    }
    app.popup = Some(Popup::Picker { key, options, selected: 0 });
}

/// Focuses the pane under the pointer; returns it with its inner area and scroll offset.
fn click_pane(app: &mut App, column: u16, row: u16) -> Option<(usize, ratatui::layout::Rect, usize)> {
    let body = layout::screen(app.area).body;
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

fn click(app: &mut App, column: u16, row: u16) {
    let screen = layout::screen(app.area);
    if screen.tabs.contains(ratatui::layout::Position::new(column, row)) {
        let titles = super::view::tab_titles(app, screen.tabs.width);
        let spans = layout::tab_spans(screen.tabs, &titles);
        if let Some(i) = spans.iter().position(|r| r.contains(ratatui::layout::Position::new(column, row))) {
            app.view = View::ALL[i];
        }
        return;
    }
    let Some((pane, inner, offset)) = click_pane(app, column, row) else { return };
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

#[cfg(test)]
mod tests;
