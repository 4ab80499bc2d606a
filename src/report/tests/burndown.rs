//! The burndown, with values worked out by hand: the carry-over at the close, scope changes
//! during the sprint only, a weekend, an early and a late close.

use jiff::tz::TimeZone;

use super::at;
use crate::domain::{Board, BoardFile, Edit, Move, NewSprint, NewStory};
use crate::report::{BurndownDay, burndown, velocity};

/// S1, Mon 2 Nov – Fri 13 Nov 2026 (S2 planned after it): A (5), B (4) and C (6), 15 points,
/// committed before the start; A is done on Wednesday the 4th.
fn sprint() -> (Board, [String; 3]) {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    let s1 = NewSprint {
        name: "S1".into(),
        start: Some("2026-11-02".parse().expect("d")),
        end: Some("2026-11-13".parse().expect("d")),
        ..Default::default()
    };
    b.new_sprint(s1).expect("s1");
    b.new_sprint(NewSprint { name: "S2".into(), ..Default::default() }).expect("s2");
    let mut c = at("2026-10-30T10:00:00Z");
    let mut add = |t: &str, p: u32| {
        let new = NewStory { title: t.into(), points: Some(p), sprint: Some("s1".into()), ..Default::default() };
        b.add_story(new, &mut c).expect("add").0
    };
    let keys = [add("A", 5), add("B", 4), add("C", 6)];
    b.start_sprint("s1", &at("2026-11-02T08:00:00Z")).expect("start");
    done(&mut b, &keys[0], "2026-11-04T15:00:00Z");
    (b, keys)
}

fn done(b: &mut Board, key: &str, t: &str) {
    b.move_story(key, &Move { status: Some("done".into()), ..Default::default() }, &mut at(t)).expect("done");
}

fn days(b: &Board, today: &str) -> Vec<BurndownDay> {
    let sprint = b.file.sprint("s1").expect("s1").clone();
    burndown(b, &sprint, today.parse().expect("d"), &TimeZone::UTC).expect("dated")
}

fn remaining(days: &[BurndownDay]) -> Vec<Option<u32>> {
    days.iter().map(|d| d.remaining).collect()
}

fn scope(days: &[BurndownDay]) -> Vec<Option<u32>> {
    days.iter().map(|d| d.scope).collect()
}

/// Some(v) for each value, then `none` days to come.
fn some(values: &[u32], none: usize) -> Vec<Option<u32>> {
    values.iter().copied().map(Some).chain(std::iter::repeat_n(None, none)).collect()
}

/// 15 points over the 9 working days after Monday the 2nd: 15 − ⌊15 × n / 9⌋ after n of
/// them, flat over the weekend of the 7th and 8th, 0 at the end of Friday the 13th.
const IDEAL: [u32; 12] = [15, 14, 12, 10, 9, 9, 9, 7, 5, 4, 2, 0];

#[test]
fn a_closed_sprint_ends_at_the_work_it_carried_over() {
    let (mut b, keys) = sprint();
    b.close_sprint("s1", &mut at("2026-11-13T17:00:00Z")).expect("close");
    assert!(keys[1..].iter().all(|k| b.story(k).is_some_and(|s| s.sprint.as_deref() == Some("s2"))), "carried");
    for today in ["2026-11-13", "2026-11-20"] {
        let days = days(&b, today);
        assert_eq!(days.first().map(|d| d.date.to_string()).as_deref(), Some("2026-11-02"));
        assert_eq!(days.last().map(|d| d.date.to_string()).as_deref(), Some("2026-11-13"));
        // 15 until A is done on the 4th, then 10 to the end: B and C, carried over.
        assert_eq!(remaining(&days), some(&[15, 15, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10], 0), "{today}");
        assert_eq!(scope(&days), some(&[15; 12], 0), "the carry-over at the close is no scope change");
        let carried: Vec<Option<u32>> = days.iter().map(|d| d.carried_over).collect();
        assert_eq!(carried, some(&[], 11).into_iter().chain([Some(10)]).collect::<Vec<_>>());
        assert_eq!(days.iter().map(|d| d.ideal).collect::<Vec<_>>(), IDEAL, "flat over the weekend");
    }
    assert_eq!(velocity(&b)[0].completed, 5);
}

#[test]
fn a_story_added_during_the_sprint_is_scope_that_day_and_one_added_and_removed_is_none() {
    let (mut b, _) = sprint();
    let new = |t: &str, p: u32| NewStory {
        title: t.into(),
        points: Some(p),
        sprint: Some("s1".into()),
        ..Default::default()
    };
    // D (3) on Wednesday the 4th; E (8) added and taken out again on Thursday the 5th.
    b.add_story(new("D", 3), &mut at("2026-11-04T09:00:00Z")).expect("D");
    let e = b.add_story(new("E", 8), &mut at("2026-11-05T10:00:00Z")).expect("E").0;
    let out = Move { sprint: Some(None), ..Default::default() };
    b.move_story(&e, &out, &mut at("2026-11-05T11:00:00Z")).expect("out");
    let days = days(&b, "2026-11-05");
    assert_eq!(days.len(), 12, "the whole sprint, to Friday the 13th");
    // The 4th: +3 in scope, −5 for A done: 15 + 3 − 5 = 13.
    assert_eq!(remaining(&days), some(&[15, 15, 13, 13], 8), "days to come have no figure");
    assert_eq!(scope(&days), some(&[15, 15, 18, 18], 8));
    assert!(days.iter().all(|d| d.carried_over.is_none()), "the sprint runs");
    assert_eq!(days.iter().map(|d| d.ideal).collect::<Vec<_>>(), IDEAL, "from the first day's total");
}

#[test]
fn a_re_estimate_during_the_sprint_is_scope_that_day_and_is_carried_at_its_new_size() {
    let (mut b, keys) = sprint();
    // C: 6 → 9 on Tuesday the 10th.
    let edit = Edit { points: Some(Some(9)), ..Default::default() };
    b.edit_story(&keys[2], edit, &mut at("2026-11-10T10:00:00Z")).expect("re-estimate");
    b.close_sprint("s1", &mut at("2026-11-13T16:00:00Z")).expect("close");
    let days = days(&b, "2026-11-16");
    assert_eq!(remaining(&days), some(&[15, 15, 10, 10, 10, 10, 10, 10, 13, 13, 13, 13], 0));
    assert_eq!(scope(&days), some(&[15, 15, 15, 15, 15, 15, 15, 15, 18, 18, 18, 18], 0));
    assert_eq!(days.last().and_then(|d| d.carried_over), Some(13), "B (4) and C at 9");
}

#[test]
fn a_late_close_runs_past_the_end_with_the_ideal_at_zero() {
    let (mut b, keys) = sprint();
    // B done on Monday the 16th, after the end; closed on Tuesday the 17th.
    done(&mut b, &keys[1], "2026-11-16T10:00:00Z");
    b.close_sprint("s1", &mut at("2026-11-17T10:00:00Z")).expect("close");
    let days = days(&b, "2026-11-18");
    assert_eq!(days.last().map(|d| d.date.to_string()).as_deref(), Some("2026-11-17"), "to the close");
    assert_eq!(remaining(&days), some(&[15, 15, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 6, 6], 0));
    assert_eq!(scope(&days), some(&[15; 16], 0));
    let ideal: Vec<u32> = days.iter().map(|d| d.ideal).collect();
    assert_eq!(ideal[..12], IDEAL, "zero on the last working day, the 13th");
    assert_eq!(ideal[12..], [0; 4], "and after it");
    assert_eq!(days.last().and_then(|d| d.carried_over), Some(6), "C alone was carried over");
}

#[test]
fn an_early_close_ends_the_figures_at_the_close_but_not_the_dates() {
    let (mut b, _) = sprint();
    b.close_sprint("s1", &mut at("2026-11-11T12:00:00Z")).expect("close");
    let days = days(&b, "2026-11-20");
    assert_eq!(days.len(), 12, "the sprint's dates");
    assert_eq!(remaining(&days), some(&[15, 15, 10, 10, 10, 10, 10, 10, 10, 10], 2));
    assert_eq!(days[9].carried_over, Some(10), "marked on the day it closed, the 11th");
    assert!(days[10..].iter().all(|d| d.scope.is_none() && d.carried_over.is_none()));
}

#[test]
fn the_json_has_the_carried_over_figure_on_the_last_day() {
    let (mut b, _) = sprint();
    b.close_sprint("s1", &mut at("2026-11-13T17:00:00Z")).expect("close");
    let json = serde_json::to_value(days(&b, "2026-11-20")).expect("json");
    let last = &json[11];
    assert_eq!(
        (&last["date"], &last["remaining"], &last["scope"], &last["carried_over"]),
        (&"2026-11-13".into(), &10.into(), &15.into(), &10.into())
    );
    assert_eq!(json[10]["carried_over"], serde_json::Value::Null);
}
