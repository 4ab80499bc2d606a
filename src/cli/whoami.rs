//! `sprintboard whoami`: the name this machine records in histories, where it comes from, and
//! which of the board's people it is (by name or as one of their aliases).

use std::path::Path;

use super::CliError;
use super::session;
use crate::config;

pub fn whoami(board: Option<&Path>) -> Result<(), CliError> {
    let s = session::open(board)?;
    let (name, source) = config::user_name_and_source(&s.config);
    let member = s.board.file.people.iter().find(|p| p.answers_to(&name));
    let person = s.board.person(&name);
    let mut out = format!("You are {person} on this board.\n");
    out.push_str(&format!("  name:   {name:?}, from {source}\n"));
    match member {
        Some(m) if m.name.trim().eq_ignore_ascii_case(name.trim()) => {
            out.push_str(&format!("  person: {:?}, one of the people in board.ron\n", m.name));
        }
        Some(m) => {
            out.push_str(&format!("  person: {:?} in board.ron, who goes by {name:?} too (an alias)\n", m.name));
        }
        None => {
            out.push_str(&format!(
                "  person: not in board.ron's people; your moves and stories count as {name:?}.\n  \
                 To count as someone listed there, add this name to their aliases:\n  \
                 people: [(name: \"Dana\", aliases: [{name:?}])]\n"
            ));
        }
    }
    print!("{out}");
    s.end();
    Ok(())
}
