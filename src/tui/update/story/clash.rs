//! A field of the Story view changed elsewhere while it was edited: which value to keep.

use super::edit::{carry_on, commit, put_back};
use crate::domain::Ctx;
use crate::tui::action::Action;
use crate::tui::state::{App, Clash, FieldStep, Popup};
use crate::tui::update::Effect;

/// The answer to a clash in the Story view: mine saved over theirs (the history keeps theirs),
/// or theirs taken (the status line keeps mine); `Esc` goes back to the field.
pub(in crate::tui::update) fn answer_clash(
    app: &mut App,
    ctx: &mut Ctx,
    action: Action,
    clash: Clash,
    step: FieldStep,
) -> Vec<Effect> {
    match action {
        Action::KeepMine => {
            app.popup = None;
            if let Some(editing) = app.editor.as_mut().and_then(|e| e.editing.as_mut()) {
                editing.theirs = None;
            }
            match commit(app, ctx, Some(&clash.theirs)) {
                Ok(mut effects) => {
                    effects.extend(carry_on(app, step));
                    effects
                }
                Err(message) => {
                    app.error(message);
                    Vec::new()
                }
            }
        }
        Action::TakeTheirs => {
            app.popup = None;
            put_back(app);
            app.info(clash.theirs_taken());
            carry_on(app, step)
        }
        Action::Cancel => {
            app.popup = None;
            Vec::new()
        }
        Action::Quit => vec![Effect::Quit],
        _ => {
            app.popup = Some(Popup::Clash(Box::new(clash)));
            Vec::new()
        }
    }
}
