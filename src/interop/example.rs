//! The example board shipped in `assets/`, which seeds a new personal board.
//!
//! Its dates are moved so that its active sprint started a few days ago: a new user sees a sprint
//! in progress, not one that ended long before they installed the program.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use super::export::Snapshot;
use crate::domain::{Board, SprintState};

const EXAMPLE: &str = include_str!("../../assets/example-board.ron");

/// The example board, its dates moved by whole weeks (its sprints start on Mondays) so that
/// the active sprint started on the Monday of this week (a week ago on a Monday).
pub fn example_board(today: Date) -> Result<Board, String> {
    let snapshot: Snapshot =
        crate::store::codec::decode(std::path::Path::new("assets/example-board.ron"), EXAMPLE.as_bytes(), u64::MAX)
            .map_err(|e| format!("the built-in example board is broken: {e}"))?;
    let start = snapshot.board.sprints.iter().find(|s| s.state == SprintState::Active).and_then(|s| s.start);
    // Whole weeks: between one and seven days into the sprint.
    let days = start.map_or(0, |s| ((today - s).get_days() as i64 - 1).div_euclid(7) * 7);
    let mut board = snapshot.into_board();
    shift(&mut board, days);
    Ok(board)
}

fn shift(board: &mut Board, days: i64) {
    let by = SignedDuration::from_hours(24 * days);
    let date = |d: &mut Date| *d = d.checked_add(jiff::Span::new().days(days)).unwrap_or(*d);
    let time = |t: &mut Timestamp| *t = t.checked_add(by).unwrap_or(*t);
    for s in &mut board.file.sprints {
        s.start.as_mut().map(date);
        s.end.as_mut().map(date);
        s.started_at.as_mut().map(time);
        s.closed_at.as_mut().map(time);
    }
    for s in board.stories.values_mut() {
        time(&mut s.created);
        time(&mut s.updated);
        for e in &mut s.history {
            time(&mut e.at);
        }
    }
}

#[cfg(test)]
mod tests;
