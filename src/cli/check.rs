//! `sprintboard check`: validate the whole store, for a pre-commit hook or CI.

mod controls;

use std::path::Path;

use super::CliError;
use crate::domain::{Board, SprintState};
use crate::store::{STORIES_DIR, Store, StoreError, layout};

/// Problems that do not stop the board from working, but deserve a look.
fn warnings(root: &Path, board: &Board) -> Vec<String> {
    let mut out: Vec<String> = super::git::driver_problem(root).into_iter().collect();
    if let Some(active) = board.file.sprints.iter().find(|s| s.state == SprintState::Active) {
        for col in &board.file.columns {
            let n = board
                .stories
                .values()
                .filter(|s| s.sprint.as_deref() == Some(&active.id) && s.status == col.id)
                .count();
            if let Some(wip) = col.wip.filter(|w| n > *w as usize) {
                out.push(format!("{}: WIP limit exceeded: {n} stories, limit {wip} ({})", col.name, active.name));
            }
        }
    }
    out.extend(board.link_problems());
    out.extend(controls::warnings(board));
    if let Ok(entries) = std::fs::read_dir(root.join(STORIES_DIR)) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if crate::store::is_leftover(&name) {
                out.push(format!(
                    "{STORIES_DIR}/{name}: left over from an interrupted save; the next change removes it once it is 5 minutes old"
                ));
            }
        }
    }
    out
}

pub fn check(board: Option<&Path>, strict: bool) -> Result<(), CliError> {
    let cwd = std::env::current_dir().map_err(|e| CliError::bad(format!("cannot read the current directory: {e}")))?;
    let location = layout::locate(board, &cwd)?;
    let board = match Store::open(&location.root) {
        Ok((store, _)) if !store.warnings().is_empty() => {
            for e in store.warnings() {
                eprintln!("error: {e}");
            }
            return Err(CliError::bad(format!(
                "{} problem(s) between the files of the {}; the board opens, each line says how to fix it",
                store.warnings().len(),
                location.describe()
            )));
        }
        Ok((_, board)) => board,
        Err(StoreError::Bad(errors)) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            return Err(CliError::bad(format!("{} problem(s) in the {}", errors.len(), location.describe())));
        }
        Err(e) => return Err(e.into()),
    };
    let warns = warnings(&location.root, &board);
    for w in &warns {
        eprintln!("warning: {w}");
    }
    if strict && !warns.is_empty() {
        return Err(CliError::refused(format!("{} warning(s), and --strict makes them errors", warns.len())));
    }
    use crate::text::count;
    // By type, when there is more than one kind of work: "12 stories (3 bugs, 1 spike)".
    let kinds: Vec<String> = [crate::domain::Kind::Bug, crate::domain::Kind::Task, crate::domain::Kind::Spike]
        .into_iter()
        .filter_map(|k| {
            let n = board.stories.values().filter(|s| s.kind == k).count();
            (n > 0).then(|| count(n, k.label(), &format!("{}s", k.label())))
        })
        .collect();
    let kinds = if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) };
    println!(
        "ok: {}{kinds}, {}, {} in the {}{}",
        count(board.stories.len(), "story", "stories"),
        count(board.file.sprints.len(), "sprint", "sprints"),
        count(board.file.epics.len(), "epic", "epics"),
        location.describe(),
        if warns.is_empty() { String::new() } else { format!(" ({})", count(warns.len(), "warning", "warnings")) }
    );
    Ok(())
}
