//! `E`: the story in `$VISUAL` (else `$EDITOR`, else `vi`). The terminal is handed over cleanly:
//! the input thread is paused (so it cannot steal the editor's keys), the alternate screen and
//! raw mode are left, and afterwards taken back and everything redrawn. When the text does not
//! parse, the editor opens again with the error on top and everything that was typed.

use std::process::Command;

use super::event::Input;
use super::state::App;
use super::terminal::{self, Guard};
use crate::domain::Edit;
use crate::interop::story_form;

/// The editor command, as a shell would run it (it may carry arguments: `code --wait`).
fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.trim().to_owned())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// Runs the editor on `text` until it parses; returns the edit, or `None` when cancelled (the
/// status line says why).
pub fn edit_story(app: &mut App, key: &str, guard: &mut Guard, input: &mut Input) -> Option<Edit> {
    let story = app.board().story(key)?.clone();
    let mut text = story_form::render(app.board(), &story);
    input.pause();
    terminal::restore();
    let outcome = run(app, key, &mut text);
    if let Err(e) = terminal::resume(guard) {
        app.error(format!("cannot take the terminal back: {e}"));
    }
    input.resume();
    match outcome {
        Ok(Some(edit)) => Some(edit),
        Ok(None) => {
            app.info(format!("{key}: editing cancelled, nothing changed"));
            None
        }
        Err(message) => {
            app.error(message);
            None
        }
    }
}

fn run(app: &App, key: &str, text: &mut String) -> Result<Option<Edit>, String> {
    let file = tempfile::Builder::new()
        .prefix(&format!("sprintboard-{key}-"))
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("cannot create a file to edit: {e}"))?;
    let path = file.path().to_owned();
    let editor = editor_command();
    loop {
        std::fs::write(&path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sprintboard-editor")
            .arg(&path)
            .status()
            .map_err(|e| format!("cannot start the editor ({editor}): {e}"))?;
        if !status.success() {
            return Err(format!("the editor ({editor}) exited with {status}; nothing was saved"));
        }
        let edited = std::fs::read_to_string(&path).map_err(|e| format!("cannot read the edited story: {e}"))?;
        match story_form::parse(app.board(), &edited) {
            Ok(result) => return Ok(result),
            Err(e) => *text = story_form::with_error(&edited, &e),
        }
    }
}
