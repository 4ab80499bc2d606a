//! Sentences that tell a person how to do something here, in the keys bound now: `update`
//! says them on the status line and the views show them in place, so both read them here.

use crate::domain::Board;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};

/// How stories get into the Planning list `list` (none: the backlog), in the keys bound now:
/// `<` moves a story back towards the backlog, `>` on towards the later sprints.
pub fn how_to_fill(keymap: &Keymap, board: &Board, list: Option<&str>) -> String {
    let ctx = Context::Planning;
    let key = |action: Action| keymap.hint(ctx, &action, "").map(|h| h.trim_end().to_owned());
    let new = key(Action::NewStory).map(|k| format!(", {k} adds one")).unwrap_or_default();
    match list {
        None => match key(Action::SprintPrev) {
            Some(k) => format!("{k} on a story in a sprint moves it here{new}"),
            None => format!("stories moved out of the sprints land here{new}"),
        },
        Some(id) => {
            // `>` moves a story one list on: here from the list just before this one.
            let sequence = board.sprint_sequence();
            let before = sequence.iter().position(|l| l.as_deref() == Some(id)).and_then(|i| i.checked_sub(1));
            let from = before.and_then(|i| sequence.get(i)).map(|l| board.list_name(l.as_deref()));
            let pick = key(Action::PickSprint).map(|k| format!(", {k} picks its sprint")).unwrap_or_default();
            match (key(Action::SprintNext), from) {
                (Some(k), Some(from)) => format!("{k} on a story in {from} moves it here{pick}{new}"),
                _ => match key(Action::PickSprint) {
                    Some(k) => format!("{k} on a story chooses its sprint{new}"),
                    None => format!("move stories here from the backlog{new}"),
                },
            }
        }
    }
}
