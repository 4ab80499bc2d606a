//! Before a command runs: the change an interrupted command left is finished first (see
//! `store::journal`), and running that same command again stops there.

use std::path::Path;

use super::CliError;
use crate::store::Store;
use crate::store::journal;
use crate::store::layout;

/// This command line as a journal records it: the arguments after `sprintboard`, without
/// `--board PATH` (the same board may be named from anywhere).
fn this_command() -> Vec<String> {
    let mut out = Vec::new();
    let mut args = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = args.next() {
        if a == "--board" {
            args.next();
        } else if !a.starts_with("--board=") {
            out.push(a);
        }
    }
    out
}

/// What to do after [`before_command`].
pub enum Before {
    /// Run the command; `finished`: what was finished first, for the TUI's status line.
    Run { finished: Option<String> },
    /// This command is the interrupted one, finished now: nothing is left to run.
    Done,
}

/// Records this command for the journal and finishes what an interrupted command left on the
/// board. `tui`: bare `sprintboard`, which opens the board whatever it finished (and whose
/// changes the journal calls the TUI's).
pub fn before_command(board: Option<&Path>, tui: bool) -> Result<Before, CliError> {
    let args = this_command();
    if !tui {
        journal::set_command(args.clone());
    }
    let run = Before::Run { finished: None };
    let Ok(cwd) = std::env::current_dir() else { return Ok(run) };
    // No board here: the command itself says so.
    let Ok(location) = layout::locate(board, &cwd) else { return Ok(run) };
    let Some(finished) = Store::finish_interrupted(&location.root)? else { return Ok(run) };
    if tui {
        return Ok(Before::Run { finished: Some(finished.message()) });
    }
    if finished.is_command(&args) {
        println!("Finished the interrupted `{}`", journal::shell_words(&args));
        if !finished.changed_since.is_empty() {
            eprintln!("sprintboard: {}", finished.message());
        }
        return Ok(Before::Done);
    }
    eprintln!("sprintboard: {}", finished.message());
    Ok(run)
}
