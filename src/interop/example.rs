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
mod tests {
    use super::*;

    #[test]
    fn the_example_board_is_valid_and_current() {
        let today: Date = "2027-03-10".parse().expect("date");
        let board = example_board(today).expect("example");
        let active = board.file.active_sprint().expect("an active sprint");
        assert_eq!(active.start, Some("2027-03-08".parse().expect("date")), "the Monday of the week");
        for s in &board.file.sprints {
            assert_eq!(s.start.map(|d| d.weekday()), Some(jiff::civil::Weekday::Monday), "{}", s.name);
        }
        let monday = example_board("2027-03-08".parse().expect("date")).expect("example");
        assert_eq!(monday.file.active_sprint().and_then(|s| s.start), Some("2027-03-01".parse().expect("date")));
        assert!(board.stories.len() >= 12);
        // Three closed sprints of different velocities, two weeks Monday to Friday each: the
        // first run has a forecast to show.
        let history = crate::report::forecast_history(&board);
        assert_eq!(history, [16, 24, 20]);
        for s in &board.file.sprints {
            assert_eq!(s.end.map(|d| d.weekday()), Some(jiff::civil::Weekday::Friday), "{}", s.name);
            assert_eq!(s.start.zip(s.end).map(|(a, b)| board.file.working_days_between(a, b)), Some(10), "{}", s.name);
        }
        let f = crate::report::forecast(&board, 500, 1).expect("a forecast");
        assert!(f.epics.iter().any(|e| !e.odds.p85_sprint.name.is_empty()));
        // The next sprint `N` plans follows Sprint 25 on the cadence.
        let next = board.next_sprint(today, None);
        assert_eq!(
            (next.name.as_str(), next.start.map(|d| d.weekday())),
            ("Sprint 26", Some(jiff::civil::Weekday::Monday))
        );
        assert!(board.stories.values().any(|s| s.blocked.is_some()));
        for s in board.stories.values() {
            assert!(s.sprint.as_deref().is_none_or(|id| board.file.sprint(id).is_some()), "{}", s.key);
            assert!(board.file.column(&s.status).is_some(), "{}", s.key);
            assert!(s.epic.as_deref().is_none_or(|id| board.file.epic(id).is_some()), "{}", s.key);
        }
    }
}
