//! `sprintboard repair KEY` (or `repair board.ron`): a file that cannot be read, in `$EDITOR`,
//! written back once it parses. What `E` on a damaged story does in the TUI.

use std::path::Path;

use super::CliError;
use super::session;
use crate::store::layout;
use crate::store::repair::{self, Repaired};

pub fn repair(board: Option<&Path>, key: &str) -> Result<(), CliError> {
    let mut editor = |text: &str| crate::tui::editor::run("repair", text);
    if is_board_file(key) {
        // The board itself may not open: it is found, not read.
        let cwd =
            std::env::current_dir().map_err(|e| CliError::bad(format!("cannot read the current directory: {e}")))?;
        let location = layout::locate(board, &cwd)?;
        return said("board.ron", repair::board_file(&location.root, &mut editor)?);
    }
    let s = session::open(board)?;
    let key = match s.board.resolve_key(key) {
        Ok(key) => {
            return Err(CliError::refused(format!(
                "{key} can be read: nothing to repair (`sprintboard edit {key} --help` changes it)"
            )));
        }
        Err(crate::domain::OpError::Damaged { key, .. }) => key,
        Err(e) => return Err(e.into()),
    };
    let result = repair::story(&s.location.root, &key, &s.board.file.prefix, &mut editor)?;
    said(&key, result)
}

fn is_board_file(arg: &str) -> bool {
    let arg = arg.trim();
    arg.eq_ignore_ascii_case(crate::store::BOARD_FILE) || arg.ends_with(&format!("/{}", crate::store::BOARD_FILE))
}

fn said(what: &str, result: Repaired) -> Result<(), CliError> {
    match result {
        Repaired::Saved => {
            println!("Repaired {what}: it can be read again");
            Ok(())
        }
        Repaired::AlreadyReadable => {
            println!("{what} can be read already: nothing to repair");
            Ok(())
        }
        Repaired::Cancelled => {
            Err(CliError::refused(format!("{what}: the editor was left empty, nothing was written")))
        }
    }
}
