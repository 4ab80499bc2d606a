//! The placeholders of story files that cannot be read: selected above the Board's and
//! Planning's lists, `E` repairs one in `$EDITOR`, everything else on it is refused with the
//! way out.

use super::Effect;
use crate::domain::Board;
use crate::tui::action::Action;
use crate::tui::state::App;

/// What the status line says when the board opens with story files that cannot be read.
pub fn damaged_notice(board: &Board) -> Option<String> {
    let (key, d) = board.damaged.iter().next()?;
    let more = match board.damaged.len() - 1 {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    Some(format!("{key} cannot be read{more}: E repairs it in your editor ({})", d.describe()))
}

/// Enters the band from the top row of a list (`k` / `↑` there).
pub(super) fn enter(app: &mut App) {
    app.damaged_focus = Some(0);
    say(app);
}

/// What the status line says while a placeholder is selected.
pub(super) fn say(app: &mut App) {
    let Some(key) = app.damaged_key() else { return };
    let Some(d) = app.board().damaged.get(key.as_str()) else { return };
    let text = format!("{key} cannot be read: E repairs it in your editor ({})", d.describe());
    app.error(text);
}

/// An action while a placeholder is selected: `None` when it is not about the placeholder
/// (switching views, quitting, help, the filter), handled as usual then.
pub(super) fn action(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let i = app.damaged_focus?;
    let n = app.board().damaged.len();
    let Some(key) = app.damaged_key() else {
        app.damaged_focus = None;
        return None;
    };
    match action {
        Action::EditInEditor => return Some(vec![Effect::Repair { key }]),
        Action::Down | Action::Cancel | Action::PageDown | Action::Last => {
            app.damaged_focus = None;
            app.status = None;
        }
        Action::Left | Action::PrevPane => {
            app.damaged_focus = Some(i.saturating_sub(1));
            say(app);
        }
        Action::Right | Action::NextPane => {
            app.damaged_focus = Some((i + 1).min(n.saturating_sub(1)));
            say(app);
        }
        Action::Up | Action::PageUp | Action::First => say(app),
        Action::Quit
        | Action::Help
        | Action::Messages
        | Action::Show(_)
        | Action::Jump
        | Action::Filter
        | Action::Undo
        | Action::Redo
        | Action::Paste(_)
        | Action::Click { .. }
        | Action::Scroll { .. }
        | Action::Resized { .. }
        | Action::Tick
        | Action::Done(_) => return None,
        _ => {
            let text = format!(
                "{key} cannot be read, so nothing else can be done to it: E repairs it in your editor (or take one side with git)"
            );
            app.error(text);
        }
    }
    Some(Vec::new())
}
