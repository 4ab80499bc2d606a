//! `sprintboard check`: validate the whole store, for a pre-commit hook or CI.

mod controls;

use std::path::Path;

use super::CliError;
use crate::domain::{Board, SprintState};
use crate::store::{STORIES_DIR, Store, StoreError, layout};

/// Problems that do not stop the board from working, but deserve a look.
fn warnings(root: &Path, board: &Board) -> Vec<String> {
    let mut out: Vec<String> = crate::share::setup::driver_problem(root).iter().map(ToString::to_string).collect();
    if let Some(active) = board.file.sprints.iter().find(|s| s.state == SprintState::Active) {
        for col in &board.file.columns {
            let n = board
                .stories
                .values()
                .filter(|s| s.sprint.as_deref() == Some(&active.id) && s.status == col.id)
                .count();
            if let Some(wip) = col.wip.filter(|w| n > *w as usize) {
                out.push(format!(
                    "{}: WIP limit exceeded: {}, limit {wip} ({})",
                    col.name,
                    crate::text::count(n, "story", "stories"),
                    active.name
                ));
            }
        }
    }
    out.extend(board.link_problems());
    // Written by hand or by an older sprintboard: it loads, its sums are capped, but no one
    // can type it back.
    let max = crate::domain::fields::MAX_POINTS;
    for s in board.stories.values().filter(|s| s.points.is_some_and(|p| p > max)) {
        out.push(format!(
            "{}: {} points, more than a story holds (at most {max}): `sprintboard edit {} --points N`",
            s.key,
            s.points.unwrap_or_default(),
            s.key
        ));
    }
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

/// A change of several files that was interrupted (a crash, `kill -9`) and is not finished
/// yet, with the command that finishes it (see `store::journal`).
fn interrupted(root: &Path) -> Vec<String> {
    match crate::store::journal::pending(root) {
        Ok(pending) => pending.map(|p| p.message()).into_iter().collect(),
        Err(e) => vec![e.to_string()],
    }
}

/// What is wrong with the board as a whole, beyond what its files say one by one, that a merge
/// or an interrupted command can leave: unfinished stories in a closed sprint, a dependency
/// cycle. Errors: the board opens, each with the command that fixes it.
fn board_errors(board: &Board) -> Vec<String> {
    let mut out: Vec<String> = board.unfinished_in_closed_sprints().iter().map(ToString::to_string).collect();
    out.extend(board.cycle_problems());
    out
}

pub fn check(board: Option<&Path>, strict: bool) -> Result<(), CliError> {
    let cwd = std::env::current_dir().map_err(|e| CliError::bad(format!("cannot read the current directory: {e}")))?;
    let location = layout::locate(board, &cwd)?;
    let interrupted = interrupted(&location.root);
    for e in &interrupted {
        eprintln!("error: {e}");
    }
    let board = match Store::open(&location.root) {
        Ok((store, board)) => {
            // Files that cannot be read: each named with the way to repair it.
            let damaged: Vec<String> = store
                .damaged()
                .map(|(key, e)| {
                    format!("{e}; {key} is left out until it is repaired: {}", crate::domain::Damaged::way_out(key))
                })
                .collect();
            let mut between: Vec<String> = store.warnings().iter().map(ToString::to_string).collect();
            between.extend(board_errors(&board));
            if !damaged.is_empty() || !between.is_empty() || !interrupted.is_empty() {
                for e in damaged.iter().chain(&between) {
                    eprintln!("error: {e}");
                }
                let (n, w) = (damaged.len(), between.len() + interrupted.len());
                let what = match (n, w) {
                    (0, w) => format!("{} between the files", count(w, "problem", "problems")),
                    (n, 0) => format!("{} that cannot be read", count(n, "file", "files")),
                    (n, w) => format!(
                        "{} that cannot be read and {} between the files",
                        count(n, "file", "files"),
                        count(w, "problem", "problems")
                    ),
                };
                return Err(CliError::bad(format!(
                    "{what} of the {}; the board opens, each line says how to fix it",
                    location.describe()
                )));
            }
            board
        }
        Err(StoreError::Bad(errors)) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            return Err(CliError::bad(format!(
                "{} in the {}",
                count(errors.len() + interrupted.len(), "problem", "problems"),
                location.describe()
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let warns = warnings(&location.root, &board);
    for w in &warns {
        eprintln!("warning: {w}");
    }
    if strict && !warns.is_empty() {
        return Err(CliError::refused(format!(
            "{}, and --strict makes them errors",
            count(warns.len(), "warning", "warnings")
        )));
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
