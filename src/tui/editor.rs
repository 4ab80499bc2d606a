//! `E`: the story in `$VISUAL` (else `$EDITOR`, else `vi`). The terminal is handed over cleanly:
//! the input thread is paused (so it cannot steal the editor's keys), the alternate screen and
//! raw mode are left, and afterwards taken back and everything redrawn. What the editor leaves
//! goes back to `update` as text; when it does not parse, `update` asks for the editor again
//! with the mistake on top, and the terminal is only taken back once it is done.

use std::process::Command;

use super::event::Input;
use super::terminal::{self, Guard};

/// The editor command, as a shell would run it (it may carry arguments: `code --wait`).
fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.trim().to_owned())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// Lends the terminal to editors: taken from the TUI at the first, given back when dropped.
pub struct Lender<'a> {
    guard: &'a mut Guard,
    input: &'a mut Input,
    lent: bool,
    /// Set when the terminal could not be taken back.
    pub problem: Option<String>,
}

impl<'a> Lender<'a> {
    pub fn new(guard: &'a mut Guard, input: &'a mut Input) -> Lender<'a> {
        Lender { guard, input, lent: false, problem: None }
    }

    /// Runs the editor on `text` for story `key`; returns what it left in the file.
    pub fn edit(&mut self, key: &str, text: &str) -> Result<String, String> {
        if !self.lent {
            self.input.pause();
            terminal::restore();
            self.lent = true;
        }
        run(key, text)
    }

    /// Takes the terminal back if it was lent; the next draw redraws everything.
    pub fn finish(mut self) -> Option<String> {
        self.take_back();
        self.problem.take()
    }

    fn take_back(&mut self) {
        if self.lent {
            if let Err(e) = terminal::resume(self.guard) {
                self.problem = Some(format!("cannot take the terminal back: {e}"));
            }
            self.input.resume();
            self.lent = false;
        }
    }
}

impl Drop for Lender<'_> {
    fn drop(&mut self) {
        self.take_back();
    }
}

/// Runs the editor on `text` in a file of its own (for story `key`) and returns what it left;
/// the command line's `repair` uses it too.
pub(crate) fn run(key: &str, text: &str) -> Result<String, String> {
    let file = tempfile::Builder::new()
        .prefix(&format!("sprintboard-{key}-"))
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("cannot create a file to edit: {e}"))?;
    let path = file.path().to_owned();
    let editor = editor_command();
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
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read the edited story: {e}"))
}
