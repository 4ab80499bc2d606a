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
