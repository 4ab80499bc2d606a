use super::*;
use crate::domain::{Board, NewSprint};

fn d(s: &str) -> Date {
    s.parse().expect("date")
}

fn board(working: &[&str]) -> BoardFile {
    let mut b = BoardFile::new("T", "SB");
    b.working_days = working.iter().map(|s| (*s).to_owned()).collect();
    b
}

fn with_sprint(start: &str, end: &str) -> Board {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    let s = NewSprint { name: "Sprint 27".into(), start: Some(d(start)), end: Some(d(end)), ..Default::default() };
    b.new_sprint(s).expect("sprint");
    b
}

#[test]
fn working_days_skip_the_weekend() {
    let b = BoardFile::new("T", "SB");
    assert_eq!(b.working_day_from(d("2026-11-14")), Some(d("2026-11-16")), "Saturday → Monday");
    assert_eq!(b.working_day_from(d("2026-11-13")), Some(d("2026-11-13")), "a Friday is one");
    assert_eq!(b.working_days_between(d("2026-11-02"), d("2026-11-13")), 10);
    assert_eq!(b.working_days_between(d("2026-11-14"), d("2026-11-25")), 8, "Saturday to Wednesday");
    assert_eq!(b.working_days_between(d("2026-11-13"), d("2026-11-02")), 0);
    assert_eq!(b.last_of_working_days(d("2026-11-16"), 10), Some(d("2026-11-27")));
    assert_eq!(b.last_of_working_days(d("2026-11-14"), 1), Some(d("2026-11-16")));
    assert_eq!(b.working_days_between(d("0001-01-01"), d("9999-12-31")), 2_608_615, "whole weeks at once");
}

/// After a sprint ending Friday 2026-11-13 (two weeks, Monday to Friday), the next starts
/// the Monday after and ends the Friday two weeks on: not Saturday to Wednesday.
#[test]
fn a_sprint_ending_on_a_friday_is_followed_from_the_monday() {
    let b = with_sprint("2026-11-02", "2026-11-13");
    let next = b.next_sprint(d("2026-11-10"), None);
    assert_eq!((next.name.as_str(), next.start, next.end), ("Sprint 28", Some(d("2026-11-16")), Some(d("2026-11-27"))));
    assert_eq!(b.file.sprint_every_days(), Some(14));
    // Planned on the weekend after it ended: still the Monday.
    let next = b.next_sprint(d("2026-11-14"), None);
    assert_eq!((next.start, next.end), (Some(d("2026-11-16")), Some(d("2026-11-27"))));
    // Long after: from the next working day on or after today, as long.
    let next = b.next_sprint(d("2026-12-05"), None);
    assert_eq!((next.start, next.end), (Some(d("2026-12-07")), Some(d("2026-12-18"))));
}

#[test]
fn a_one_week_team_keeps_one_week() {
    let b = with_sprint("2026-11-09", "2026-11-13");
    let next = b.next_sprint(d("2026-11-09"), None);
    assert_eq!((next.start, next.end), (Some(d("2026-11-16")), Some(d("2026-11-20"))));
    assert_eq!(b.file.sprint_every_days(), Some(7));
}

/// A team that works Sunday to Thursday: sprints start on Sundays and end on Thursdays.
#[test]
fn custom_working_days_set_the_cadence() {
    let mut b = with_sprint("2026-11-01", "2026-11-12");
    b.file.working_days = ["Sun", "Mon", "Tue", "Wed", "Thu"].map(str::to_owned).to_vec();
    assert_eq!(b.file.sprint_length(), 10);
    let next = b.next_sprint(d("2026-11-05"), None);
    assert_eq!((next.start, next.end), (Some(d("2026-11-15")), Some(d("2026-11-26"))));
    assert_eq!(next.start.map(|s| s.weekday()), Some(Weekday::Sunday));
    // Four days a week, Monday to Thursday.
    let four = board(&["Mon", "Tue", "wed", " Thu "]);
    assert_eq!(four.sprint_after(d("2026-11-12"), 8), Some((d("2026-11-16"), d("2026-11-26"))));
    // Nothing but misspellings, or nothing at all: every day works.
    for every in [board(&["Mo", "Tues"]), board(&[])] {
        assert_eq!(every.working_day_from(d("2026-11-14")), Some(d("2026-11-14")));
        assert_eq!(every.sprint_length(), 14);
    }
}

/// With no sprint to follow, two weeks of working days from the next working day.
#[test]
fn the_first_sprint_lasts_two_weeks_from_the_next_working_day() {
    let b = Board::new(BoardFile::new("T", "SB"));
    let next = b.next_sprint(d("2026-11-14"), None);
    assert_eq!((next.name.as_str(), next.start, next.end), ("Sprint 1", Some(d("2026-11-16")), Some(d("2026-11-27"))));
    assert_eq!(b.file.sprint_every_days(), None);
}
