//! Moving stories: to another column, place or sprint; ordering a list by a score.

use super::nav::select_key;
use super::{Effect, record};
use crate::domain::{Ctx, ListId, Move, Op, Position, ShortText};
use crate::tui::action::{Action, View};
use crate::tui::choices::SORTS;
use crate::tui::hints::how_to_fill;
use crate::tui::state::{App, Popup};

pub(super) fn picker(
    app: &mut App,
    action: Action,
    ctx: &mut Ctx,
    key: String,
    options: Vec<ListId>,
    selected: usize,
) -> Vec<Effect> {
    // The lists, then "before a story…".
    let last = options.len();
    match action {
        Action::Up => app.popup = Some(Popup::Picker { key, options, selected: selected.saturating_sub(1) }),
        Action::Down => app.popup = Some(Popup::Picker { key, options, selected: (selected + 1).min(last) }),
        Action::PageUp | Action::First => app.popup = Some(Popup::Picker { key, options, selected: 0 }),
        Action::PageDown | Action::Last => app.popup = Some(Popup::Picker { key, options, selected: last }),
        Action::Confirm if selected == options.len() => {
            app.popup = Some(Popup::Prompt(Box::new(crate::tui::state::Prompt::new(
                crate::tui::state::PromptKind::MoveBefore { key },
                "",
            ))));
        }
        Action::Confirm => {
            app.popup = None;
            if let Some(target) = options.get(selected) {
                let name = app.board().list_name(target.as_deref());
                let mv = Move { sprint: Some(target.clone()), ..Move::default() };
                let target = target.clone();
                return apply_move(app, ctx, &key, mv, true, |app| {
                    format!("{key} → {name}{}", capacity_note(app, target.as_deref()))
                });
            }
        }
        Action::Quit => return vec![Effect::Quit],
        Action::Paste(_) | Action::Scroll { .. } => app.popup = Some(Popup::Picker { key, options, selected }),
        _ => app.popup = None,
    }
    Vec::new()
}

/// ` · Sprint 5 is over capacity: 23/20 points` when a move filled `list` past its capacity.
fn capacity_note(app: &App, list: Option<&str>) -> String {
    let Some(sprint) = list.and_then(|id| app.board().file.sprint(id)) else { return String::new() };
    let points = app.list_points(list);
    match sprint.capacity {
        Some(c) if points > c => {
            format!(
                " · {} is over capacity: {points}/{c} {}",
                sprint.name,
                crate::text::noun(c as usize, "point", "points")
            )
        }
        _ => String::new(),
    }
}

/// ` · In Progress is over its WIP limit: 4/3` when a move filled the story's column past it.
fn wip_note(app: &App, key: &str) -> String {
    let board = app.board();
    let Some(story) = board.story(key) else { return String::new() };
    let Some(column) = board.file.column(&story.status) else { return String::new() };
    if column.wip.is_none() {
        return String::new();
    }
    // The list the App keeps in order already: no sort of the sprint's stories per move.
    let cards = app
        .list_keys(story.sprint.as_deref())
        .iter()
        .filter_map(|k| board.story(k))
        .filter(|s| s.status == story.status)
        .count();
    column.over_limit(cards).map_or_else(String::new, |note| format!(" · {note}"))
}

/// `m`, then "before a story…": the story goes just before the one typed, into its list.
pub(super) fn move_before(app: &mut App, ctx: &mut Ctx, key: &str, text: &str) -> Result<Vec<Effect>, String> {
    let target = app.board().resolve_key(text).map_err(|e| e.to_string())?;
    if target == key {
        return Err(format!("{key} cannot go before itself"));
    }
    app.popup = None;
    let mv = Move { position: Position::Before(target.clone()), ..Move::default() };
    let k = key.to_owned();
    Ok(apply_move(app, ctx, key, mv, true, move |app| {
        let (place, of) = place_in_list(app, &k);
        let list = app.board().story(&k).map(|s| app.board().list_name(s.sprint.as_deref())).unwrap_or_default();
        format!("{k} moved before {target}: #{place} of {of} in {list}")
    }))
}

pub(super) fn selected_or_say(app: &mut App) -> Option<String> {
    let key = app.selected_key();
    if key.is_none() {
        // An empty Planning list (a sprint just planned with N): how to fill it.
        let empty = (app.view == View::Planning && app.damaged_focus.is_none())
            .then(|| app.planning_lists().get(app.plan_sel.pane).cloned())
            .flatten();
        match empty {
            Some(list) => {
                let name = app.board().list_name(list.as_deref());
                let how = how_to_fill(&app.keymap, app.board(), list.as_deref());
                app.info(format!("{name} is empty: {how}"));
            }
            None => app.info("No story selected"),
        }
    }
    key
}

/// Moves a story; with `follow`, the selection goes with it, else it stays where it was (on the
/// story after it, in the list it left).
pub(super) fn apply_move(
    app: &mut App,
    ctx: &mut Ctx,
    key: &str,
    mv: Move,
    follow: bool,
    describe: impl Fn(&App) -> String,
) -> Vec<Effect> {
    // The lists the move can land in, in order, from the index: no sort through the board.
    let from = app.board().story(key).map(|s| s.sprint.clone());
    let lists: Vec<(ListId, Vec<ShortText>)> = from
        .into_iter()
        .chain(mv.sprint.clone())
        .map(|l| {
            let keys = app.list_keys(l.as_deref());
            (l, keys)
        })
        .collect();
    let ordered = |l: Option<&str>| lists.iter().find(|(id, _)| id.as_deref() == l).map(|(_, k)| k.as_slice());
    match app.apply(|b| b.move_story_in(key, &mv, ctx, &ordered)) {
        Ok(changes) if changes.is_empty() => {
            app.info(format!("{key} is already there"));
            Vec::new()
        }
        Ok(changes) => {
            if follow {
                select_key(app, key);
            }
            let text = describe(app);
            record(app, text, changes, Some(Op::Move { key: key.to_owned(), mv }))
        }
        Err(e) => {
            app.error(e.to_string());
            Vec::new()
        }
    }
}

pub(super) fn change_status(app: &mut App, ctx: &mut Ctx, by: isize) -> Vec<Effect> {
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
    let mv = Move { status: Some(column.id.to_string()), ..Move::default() };
    apply_move(app, ctx, &key, mv, true, |app| {
        let waits = app.board().waiting_note(&key).map(|n| format!(" · {n}")).unwrap_or_default();
        format!("{key} → {}{}{waits}", column.name, wip_note(app, &key))
    })
}

pub(super) fn rerank(app: &mut App, ctx: &mut Ctx, action: Action) -> Vec<Effect> {
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
        let column: Vec<ShortText> = app.board_column_keys().get(app.board_sel.pane).cloned().unwrap_or_default();
        let at = column.iter().position(|k| *k == key).unwrap_or(0);
        let anchor = match action {
            Action::RankUp => at.checked_sub(1).map(|i| Position::Before(column[i].to_string())),
            Action::RankDown => column.get(at + 1).map(|k| Position::After(k.to_string())),
            Action::RankTop => (at > 0).then(|| Position::Before(column[0].to_string())),
            _ => (at + 1 < column.len()).then(|| Position::After(column[column.len() - 1].to_string())),
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
    apply_move(app, ctx, &key, mv, true, move |app| {
        if app.view == View::Board {
            // On the Board the place that shows: in its column.
            let pane = app.board_sel.pane;
            let column = app.board_column_keys().get(pane).cloned().unwrap_or_default();
            let name = app.board().file.columns.get(pane).map_or("", |c| c.name.as_str()).to_owned();
            let place = column.iter().position(|c| *c == k).map_or(0, |p| p + 1);
            return format!("{k} moved to #{place} of {} in {name}", column.len());
        }
        let (place, of) = place_in_list(app, &k);
        format!("{k} moved to #{place} of {of}")
    })
}

/// The story's place in its list (1-based) and the list's length.
pub(super) fn place_in_list(app: &App, key: &str) -> (usize, usize) {
    let Some(story) = app.board().story(key) else { return (0, 0) };
    let list = app.list_keys(story.sprint.as_deref());
    (list.iter().position(|k| k == key).map_or(0, |p| p + 1), list.len())
}

pub(super) fn change_sprint(app: &mut App, ctx: &mut Ctx, by: isize) -> Vec<Effect> {
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
            "There is no later sprint: N plans one in Planning (2)".to_owned()
        };
        app.info(msg);
        return Vec::new();
    };
    let name = app.board().list_name(list.as_deref());
    let mv = Move { sprint: Some(list.clone()), ..Move::default() };
    // Filling a sprint is `>` `>` `>`: the selection stays in the list the story left.
    let list = list.clone();
    apply_move(app, ctx, &key, mv, false, |app| format!("{key} → {name}{}", capacity_note(app, list.as_deref())))
}

pub(super) fn open_picker(app: &mut App) {
    let Some(key) = selected_or_say(app) else { return };
    let current = app.board().story(&key).map(|s| s.sprint.clone()).unwrap_or_default();
    let options: Vec<ListId> = app.board().sprint_sequence().into_iter().filter(|l| *l != current).collect();
    app.popup = Some(Popup::Picker { key, options, selected: 0 });
}

/// The list `s` orders: the active sprint on the Board, the focused pane in Planning.
pub(super) fn open_sort(app: &mut App) {
    let list = match app.view {
        View::Planning => app.planning_lists().get(app.plan_sel.pane).cloned(),
        _ => app.board().file.active_sprint().map(|s| Some(s.id.clone())),
    };
    match list {
        Some(list) => app.popup = Some(Popup::Sort { list, selected: 0 }),
        None => app.info("No list to order: no sprint is active"),
    }
}

pub(super) fn sort_popup(app: &mut App, action: Action, list: crate::domain::ListId, selected: usize) -> Vec<Effect> {
    match action {
        Action::Up => app.popup = Some(Popup::Sort { list, selected: selected.saturating_sub(1) }),
        Action::Down => app.popup = Some(Popup::Sort { list, selected: (selected + 1).min(SORTS.len() - 1) }),
        Action::Confirm => {
            app.popup = None;
            let by = SORTS[selected.min(SORTS.len() - 1)];
            let name = app.board().list_name(list.as_deref());
            let key = app.selected_key().unwrap_or_default();
            return match app.board_mut().sort_list(list.as_deref(), by) {
                Ok(changes) if changes.is_empty() => {
                    app.info(format!("{name} is already in that order ({})", by.label()));
                    Vec::new()
                }
                Ok(changes) => {
                    let n = changes.stories.len();
                    if !key.is_empty() {
                        select_key(app, &key);
                    }
                    let mut label = format!(
                        "{name} ordered by {} ({} re-ranked)",
                        by.label(),
                        crate::text::count(n, "story", "stories")
                    );
                    if let Some(first) = label.get(..1) {
                        label = format!("{}{}", first.to_uppercase(), &label[1..]);
                    }
                    record(app, label, changes, None)
                }
                Err(e) => {
                    app.error(e.to_string());
                    Vec::new()
                }
            };
        }
        Action::Quit => return vec![Effect::Quit],
        Action::Paste(_) | Action::Scroll { .. } => app.popup = Some(Popup::Sort { list, selected }),
        _ => app.popup = None,
    }
    Vec::new()
}
