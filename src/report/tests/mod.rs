use jiff::tz::TimeZone;

use super::*;
use crate::domain::{BoardFile, Ctx, Edit, Move, NewSprint, NewStory};

mod burndown;

fn at(t: &str) -> Ctx {
    Ctx::new(t.parse().expect("time"), "ana", 1)
}

/// Sprint 1 (Mon 2 Nov – Fri 13 Nov 2026): A (3), B (5) and C (2) committed; A done on the 4th,
/// B done on the 6th; C carried over when the sprint closes; D (8) added on the 5th.
fn history() -> (Board, Vec<String>) {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    let s1 = NewSprint {
        name: "Sprint 1".into(),
        start: Some("2026-11-02".parse().expect("d")),
        end: Some("2026-11-13".parse().expect("d")),
        ..Default::default()
    };
    b.new_sprint(s1).expect("s1");
    b.new_sprint(NewSprint { name: "Sprint 2".into(), ..Default::default() }).expect("s2");
    let mut c = at("2026-10-30T10:00:00Z");
    let mut keys = Vec::new();
    for (t, p) in [("A", 3), ("B", 5), ("C", 2)] {
        let new = NewStory {
            title: t.into(),
            points: Some(p),
            sprint: Some("sprint-1".into()),
            assignee: Some("ana".into()),
            ..Default::default()
        };
        keys.push(b.add_story(new, &mut c).expect("add").0);
    }
    b.start_sprint("sprint-1", &at("2026-11-02T08:00:00Z")).expect("start");
    let done = |b: &mut Board, k: &str, t: &str| {
        b.move_story(k, &Move { status: Some("done".into()), ..Default::default() }, &mut at(t)).expect("done");
    };
    done(&mut b, &keys[0], "2026-11-04T15:00:00Z");
    let new = NewStory { title: "D".into(), points: Some(8), sprint: Some("sprint-1".into()), ..Default::default() };
    keys.push(b.add_story(new, &mut at("2026-11-05T09:00:00Z")).expect("add").0);
    done(&mut b, &keys[1], "2026-11-06T15:00:00Z");
    b.move_story(
        &keys[2],
        &Move { status: Some("doing".into()), ..Default::default() },
        &mut at("2026-11-09T09:00:00Z"),
    )
    .expect("doing");
    b.edit_story(
        &keys[2],
        Edit { blocked: Some(Some("API".into())), ..Default::default() },
        &mut at("2026-11-10T09:00:00Z"),
    )
    .expect("block");
    (b, keys)
}

#[test]
fn state_is_replayed_from_the_history() {
    let (b, keys) = history();
    let a = b.story(&keys[0]).expect("A");
    assert_eq!(state_at(a, "2026-10-29T00:00:00Z".parse().expect("t")), None, "before it existed");
    assert_eq!(state_at(a, "2026-11-03T00:00:00Z".parse().expect("t")), Some((Some("sprint-1".into()), "todo".into())));
    assert_eq!(state_at(a, "2026-11-05T00:00:00Z".parse().expect("t")), Some((Some("sprint-1".into()), "done".into())));
}

#[test]
fn velocity_counts_the_commitment_at_the_start_and_what_was_done() {
    let (mut b, _) = history();
    b.close_sprint("sprint-1", &mut at("2026-11-13T17:00:00Z")).expect("close");
    let v = velocity(&b);
    assert_eq!(v, [Velocity { sprint: "Sprint 1".into(), state: "closed", committed: 10, completed: 8 }]);
}

#[test]
fn burndown_day_by_day() {
    let (b, _) = history();
    let sprint = b.file.sprint("sprint-1").expect("s1").clone();
    let days = burndown(&b, &sprint, "2026-11-10".parse().expect("d"), &TimeZone::UTC).expect("dates");
    let remaining: Vec<Option<u32>> = days.iter().map(|d| d.remaining).collect();
    // 2nd, 3rd: 10; 4th: A done → 7; 5th: D added → 15; 6th: B done → 10; then 10 until today;
    // the days to come, to the sprint's end on the 13th, have no figure yet.
    assert_eq!(
        remaining,
        [10, 10, 7, 15, 10, 10, 10, 10, 10].map(Some).into_iter().chain([None; 3]).collect::<Vec<_>>()
    );
    assert_eq!(days.last().map(|d| (d.date.to_string(), d.ideal)), Some(("2026-11-13".to_owned(), 0)));
    assert_eq!(days.first().map(|d| d.ideal), Some(10));
    assert!(days.windows(2).all(|w| w[0].ideal >= w[1].ideal));
    let mut undated = sprint.clone();
    undated.start = None;
    assert!(burndown(&b, &undated, "2026-11-10".parse().expect("d"), &TimeZone::UTC).is_none());
}

#[test]
fn standup_lists_moves_since_work_in_progress_and_blockers() {
    let (b, keys) = history();
    let people = standup(&b, "2026-11-09T00:00:00Z".parse().expect("t"), &|_| true);
    assert_eq!(people.len(), 1);
    let ana = &people[0];
    assert_eq!(ana.name, "ana");
    assert_eq!(ana.moved, [format!("{} C: To Do → In Progress", keys[2]), format!("{} C: blocked: API", keys[2])]);
    assert_eq!(ana.in_progress, [format!("{} C (In Progress)", keys[2])]);
    assert_eq!(ana.blocked, [format!("{} C: API", keys[2])]);
    assert!(standup(&b, "2027-01-01T00:00:00Z".parse().expect("t"), &|_| true).iter().all(|p| p.moved.is_empty()));
}

#[test]
fn bars_scale() {
    assert_eq!(bar(5, 10, 10), "█████");
    assert_eq!(bar(1, 10, 4), "█");
    assert_eq!(bar(3, 0, 10), "");
}

#[test]
fn flow_figures() {
    let (mut b, _) = history();
    b.close_sprint("sprint-1", &mut at("2026-11-13T17:00:00Z")).expect("close");
    b.start_sprint("sprint-2", &at("2026-11-16T08:00:00Z")).expect("start");
    b.close_sprint("sprint-2", &mut at("2026-11-27T17:00:00Z")).expect("close");
    let f = flow(&b);
    assert_eq!(f.completion_rate, Some(8.0 / 20.0), "8 of 10 in sprint 1, 0 of the 10 carried over (C, D) in sprint 2");
    // A and B went straight from To Do to Done: cycle times of 0 days.
    assert_eq!(f.finished, 2);
    assert_eq!(f.cycle_time_days, Some(0.0));
    assert_eq!(f.sprint_every_days, Some(14), "Sprint 2 ran Monday 16 to Friday 27 November: two weeks");
}

#[test]
fn roadmap_rows_per_epic_and_list() {
    let (mut b, keys) = history();
    b.new_epic("Checkout", "").expect("epic");
    b.edit_story(
        &keys[0],
        Edit { epic: Some(Some("checkout".into())), ..Default::default() },
        &mut at("2026-11-20T00:00:00Z"),
    )
    .expect("e");
    let rows = roadmap(&b, &[None, Some("sprint-1".into())], &|_| true);
    assert_eq!(
        rows[0],
        EpicRow { epic: "Checkout".into(), points: vec![0, 3], done: 3, total: 3, stories: 1, stories_done: 1 }
    );
    assert_eq!(rows[1].epic, "(no epic)");
    assert_eq!(rows[1].points, [0, 15]);
}

/// Re-estimating during the sprint is a scope change on that day; re-estimating after the
/// sprint closed changes neither its commitment nor what it completed.
#[test]
fn re_estimates_are_history_and_never_rewrite_a_sprint() {
    let (mut b, keys) = history();
    // C (2) re-estimated to 7 on the 11th.
    let edit = |p: u32| Edit { points: Some(Some(p)), ..Default::default() };
    b.edit_story(&keys[2], edit(7), &mut at("2026-11-11T10:00:00Z")).expect("re-estimate");
    let c = b.story(&keys[2]).expect("C");
    assert_eq!(points_at(c, "2026-11-10T00:00:00Z".parse().expect("t")), 2);
    assert_eq!(points_at(c, "2026-11-12T00:00:00Z".parse().expect("t")), 7);
    let sprint = b.file.sprint("sprint-1").expect("s1").clone();
    let days = burndown(&b, &sprint, "2026-11-12".parse().expect("d"), &TimeZone::UTC).expect("dates");
    let by_day: Vec<(Option<u32>, Option<u32>)> = days.iter().map(|d| (d.remaining, d.scope)).collect();
    // To the 10th as before (scope 18 from D's addition); the 11th: +5 remaining and scope.
    assert_eq!(by_day[8], (Some(10), Some(18)));
    assert_eq!(by_day[9], (Some(15), Some(23)), "the re-estimate shows on its day");
    assert_eq!(days.first().map(|d| d.ideal), Some(10), "the ideal line keeps the first day's total");

    b.close_sprint("sprint-1", &mut at("2026-11-13T17:00:00Z")).expect("close");
    let before = velocity(&b);
    assert_eq!(before, [Velocity { sprint: "Sprint 1".into(), state: "closed", committed: 10, completed: 8 }]);
    // Re-estimating done and committed stories afterwards changes nothing of Sprint 1.
    b.edit_story(&keys[0], edit(20), &mut at("2026-11-20T10:00:00Z")).expect("A");
    b.edit_story(&keys[2], edit(1), &mut at("2026-11-20T10:00:00Z")).expect("C");
    assert_eq!(velocity(&b), before);
    let a = b.story(&keys[0]).expect("A");
    assert!(
        a.history.iter().any(|e| e.change == Change::Points { from: Some(3), to: Some(20) }),
        "the re-estimate is in the history: {:?}",
        a.history
    );
}

#[test]
fn standup_walks_everyone_with_work_and_leaves_out_a_move_undone() {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    b.new_sprint(NewSprint { name: "S".into(), ..Default::default() }).expect("s");
    b.start_sprint("s", &at("2026-11-02T08:00:00Z")).expect("start");
    let add = |title: &str, who: &str, b: &mut Board| {
        let new = NewStory {
            title: title.into(),
            sprint: Some("s".into()),
            assignee: Some(who.into()),
            ..Default::default()
        };
        b.add_story(new, &mut at("2026-11-01T10:00:00Z")).expect("add").0
    };
    let a = add("A", "ana", &mut b);
    let _idle = add("Quiet", "cy", &mut b);
    let moved = add("M", "bo", &mut b);
    // bo moves M on and back again (a slip), then moves it on for real later.
    let mv = |b: &mut Board, k: &str, col: &str, t: &str, who: &str| {
        let mut c = Ctx::new(t.parse().expect("t"), who, 1);
        b.move_story(k, &Move { status: Some(col.into()), ..Default::default() }, &mut c).expect("move");
    };
    mv(&mut b, &moved, "doing", "2026-11-03T09:00:00Z", "bo");
    mv(&mut b, &moved, "todo", "2026-11-03T09:01:00Z", "bo");
    mv(&mut b, &a, "doing", "2026-11-03T10:00:00Z", "ana");
    let since = "2026-11-03T00:00:00Z".parse().expect("t");
    let people = standup(&b, since, &|_| true);
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ana", "bo", "cy"], "cy has work assigned, though nothing moved");
    let bo = &people[1];
    assert!(bo.moved.is_empty(), "a move and its reversal are no move: {:?}", bo.moved);
    assert_eq!(bo.to_do, [format!("{moved} M")]);
    assert_eq!(people[0].in_progress, [format!("{a} A (In Progress)")]);
    // The filter: only the matching stories count.
    let only_a = standup(&b, since, &|s| s.title == "A");
    assert_eq!(only_a.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["ana"]);
    assert_eq!(
        last_standup("2026-11-30T09:00:00Z".parse().expect("t"), "2026-11-30".parse().expect("d")),
        "2026-11-27T09:00:00Z".parse::<jiff::Timestamp>().expect("t"),
        "a Monday: since Friday"
    );
}

#[test]
fn the_ideal_line_falls_on_working_days_only() {
    let (b, _) = history();
    let sprint = b.file.sprint("sprint-1").cloned().expect("sprint");
    // Mon 2 Nov – Fri 13 Nov: 9 working days after the first, the weekend flat.
    let days = burndown(&b, &sprint, "2026-11-20".parse().expect("d"), &TimeZone::UTC).expect("days");
    let ideal = |date: &str| days.iter().find(|d| d.date.to_string() == date).map(|d| d.ideal);
    assert_eq!(ideal("2026-11-06"), ideal("2026-11-07"), "flat over Saturday");
    assert_eq!(ideal("2026-11-07"), ideal("2026-11-08"), "and Sunday");
    assert!(ideal("2026-11-09") < ideal("2026-11-08"), "down again on Monday");
    assert_eq!(ideal("2026-11-13"), Some(0), "zero at the end of the last day");
    let mut every_day = b.clone();
    every_day.file.working_days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map(str::to_owned).to_vec();
    let days = burndown(&every_day, &sprint, "2026-11-20".parse().expect("d"), &TimeZone::UTC).expect("days");
    let sat = days.iter().find(|d| d.date.to_string() == "2026-11-07").map(|d| d.ideal);
    let fri = days.iter().find(|d| d.date.to_string() == "2026-11-06").map(|d| d.ideal);
    assert!(sat < fri, "a working Saturday burns too");
}

/// A board whose closed sprints completed `velocities`, then `remaining` stories (points) in
/// the backlog, in that order.
fn with_history(velocities: &[u32], remaining: &[u32]) -> (Board, Vec<String>) {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    let mut c = at("2026-10-01T09:00:00Z");
    for (i, v) in velocities.iter().enumerate() {
        let name = format!("Past {i}");
        let (id, _) = b.new_sprint(NewSprint { name, ..Default::default() }).expect("sprint");
        let new = NewStory {
            title: format!("done {i}"),
            points: Some(*v),
            sprint: Some(id.as_str().into()),
            ..Default::default()
        };
        let (k, _) = b.add_story(new, &mut c).expect("add");
        b.start_sprint(&id, &c).expect("start");
        b.move_story(&k, &Move { status: Some("done".into()), ..Default::default() }, &mut c).expect("done");
        b.close_sprint(&id, &mut c).expect("close");
    }
    let keys = remaining
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let new = NewStory { title: format!("todo {i}"), points: Some(*p), ..Default::default() };
            b.add_story(new, &mut c).expect("add").0
        })
        .collect();
    (b, keys)
}

#[test]
fn a_steady_velocity_forecasts_exactly() {
    let (b, keys) = with_history(&[10, 10, 10], &[5, 5, 5, 5, 10]);
    let f = forecast(&b, 1000, 7).expect("forecast");
    assert_eq!(f.history, [10, 10, 10]);
    let sprint = |k: &str| f.stories.iter().find(|s| s.key == k).map(|s| (s.odds.p50, s.odds.p85, s.odds.p95));
    assert_eq!(sprint(&keys[0]), Some((1, 1, 1)));
    assert_eq!(sprint(&keys[1]), Some((1, 1, 1)), "5 + 5 fit one sprint of 10");
    assert_eq!(sprint(&keys[2]), Some((2, 2, 2)));
    assert_eq!(sprint(&keys[4]), Some((3, 3, 3)));
}

#[test]
fn two_velocities_give_the_odds_worked_out_by_hand() {
    // Velocity 5 or 10, each half the time. 10 points of work: done in sprint 1 when the first
    // draw is 10 (50 %), else in sprint 2 (5 + 5 or 5 + 10 both cover it).
    let (b, keys) = with_history(&[5, 10], &[10]);
    let f = forecast(&b, 20_000, 3).expect("forecast");
    let o = &f.stories.iter().find(|s| s.key == keys[0]).expect("story").odds;
    assert_eq!((o.p85, o.p95), (2, 2));
    assert!(o.p50 == 1 || o.p50 == 2, "50 % sits exactly on the edge: {}", o.p50);
    // 15 points: sprint 2 unless both draws are 5 (25 %), then sprint 3. p50 = 2, p85 = p95 = 3.
    let (b, keys) = with_history(&[5, 10], &[15]);
    let o = forecast(&b, 20_000, 3).expect("forecast").stories.into_iter().find(|s| s.key == keys[0]).expect("s").odds;
    assert_eq!((o.p50, o.p85, o.p95), (2, 3, 3));
    // The same seed, the same answer.
    assert_eq!(forecast(&b, 500, 9), forecast(&b, 500, 9));
    assert!(matches!(forecast(&with_history(&[8], &[3]).0, 100, 1), Err(NoForecast::History(1))));
}

/// The open sprints' work given as one lump of points forecasts the backlog exactly as the
/// whole plan does (only the sum before a story matters to it).
#[test]
fn a_lump_of_work_ahead_forecasts_the_backlog_as_the_whole_plan() {
    let (mut b, backlog) = with_history(&[5, 10, 7], &[3, 8, 2, 5]);
    let mut c = at("2026-11-20T09:00:00Z");
    b.new_sprint(NewSprint { name: "Next".into(), ..Default::default() }).expect("sprint");
    for p in [4, 6, 9] {
        let new =
            NewStory { title: "planned".into(), points: Some(p), sprint: Some("next".into()), ..Default::default() };
        b.add_story(new, &mut c).expect("add");
    }
    let whole = forecast(&b, 3000, 5).expect("whole");
    let stories: Vec<&crate::domain::Story> = backlog.iter().filter_map(|k| b.story(k)).collect();
    let lump =
        forecast_with(&b, forecast_history(&b), &[stories], Plan { runs: 3000, seed: 5, ahead: 19 }).expect("lump");
    for k in &backlog {
        let odds = |f: &Forecast| f.stories.iter().find(|s| s.key == *k).map(|s| s.odds.clone());
        assert_eq!(odds(&whole), odds(&lump), "{k}");
    }
}

#[test]
fn standup_counts_a_persons_aliases_as_them() {
    let (mut b, keys) = history();
    b.file.people = vec![crate::domain::Member { name: "Dana".into(), aliases: vec!["Dev Dana".into()] }];
    // Assigned as `Dana`, moved as `Dev Dana` (git's user.name): one person.
    let edit = Edit { assignee: Some(Some("Dana".into())), ..Default::default() };
    b.edit_story(&keys[2], edit, &mut at("2026-11-09T09:00:00Z")).expect("assign");
    let mut dev = Ctx::new("2026-11-09T10:00:00Z".parse().expect("t"), "Dev Dana", 1);
    b.move_story(&keys[3], &Move { status: Some("doing".into()), ..Default::default() }, &mut dev).expect("move");
    let edit = Edit { assignee: Some(Some("dev dana".into())), ..Default::default() };
    b.edit_story(&keys[3], edit, &mut dev).expect("assign");
    let people = standup(&b, "2026-11-09T09:30:00Z".parse().expect("t"), &|_| true);
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ana", "Dana"], "Dana and Dev Dana are one: {people:?}");
    assert_eq!(people[1].in_progress.len(), 2, "{people:?}");
    assert!(people[1].moved.iter().any(|m| m.contains("To Do → In Progress")), "{people:?}");
    assert_eq!(b.people(), ["Dana", "ana"], "the board's people: each once, by name");
}
