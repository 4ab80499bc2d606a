use super::*;
use crate::domain::{BoardFile, Ctx, Move, NewSprint, NewStory};

fn d(s: &str) -> Date {
    s.parse().expect("date")
}

/// Sprints 25 and 26 closed (10 points each, two weeks Monday to Friday), Sprint 27 active
/// (ends Friday 2026-11-13) with 10 points, Sprint 28 planned with 10, then `backlog`.
fn team(backlog: &[u32], next_name: &str) -> (Board, Vec<String>) {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    let mut c = Ctx::new("2026-10-05T09:00:00Z".parse().expect("t"), "ana", 1);
    let dates = [("2026-10-05", "2026-10-16"), ("2026-10-19", "2026-10-30"), ("2026-11-02", "2026-11-13")];
    for (i, (start, end)) in dates.iter().enumerate() {
        let new = NewSprint {
            name: format!("Sprint {}", 25 + i),
            start: Some(d(start)),
            end: Some(d(end)),
            ..Default::default()
        };
        let (id, _) = b.new_sprint(new).expect("sprint");
        let story =
            NewStory { title: "work".into(), points: Some(10), sprint: Some(id.as_str().into()), ..Default::default() };
        let (k, _) = b.add_story(story, &mut c).expect("add");
        b.start_sprint(&id, &c).expect("start");
        if i < 2 {
            b.move_story(&k, &Move { status: Some("done".into()), ..Default::default() }, &mut c).expect("done");
            b.close_sprint(&id, &mut c).expect("close");
        }
    }
    let (id, _) = b.new_sprint(NewSprint { name: next_name.into(), ..Default::default() }).expect("planned");
    let planned = NewStory { title: "planned".into(), points: Some(10), sprint: Some(id.into()), ..Default::default() };
    b.add_story(planned, &mut c).expect("add");
    let keys = backlog
        .iter()
        .map(|p| {
            let new = NewStory { title: "later".into(), points: Some(*p), ..Default::default() };
            b.add_story(new, &mut c).expect("add").0
        })
        .collect();
    (b, keys)
}

#[test]
fn a_planned_sprint_is_named_and_later_ones_projected_on_the_cadence() {
    let (b, keys) = team(&[10, 10], "Sprint 28");
    let f = forecast(&b, 200, 1).expect("forecast");
    // A steady 10 a sprint: the active sprint's 10, the planned one's 10, then one a sprint.
    let names: Vec<(&str, Option<Date>, bool)> =
        f.sprints.iter().map(|s| (s.name.as_str(), s.end, s.projected)).collect();
    assert_eq!(
        names,
        [
            ("Sprint 27", Some(d("2026-11-13")), false),
            ("Sprint 28", Some(d("2026-11-27")), false),
            ("Sprint 29", Some(d("2026-12-11")), true),
            ("Sprint 30", Some(d("2026-12-25")), true),
        ],
        "the planned sprint without dates follows the active one; every end is a Friday"
    );
    let odds = |k: &str| f.stories.iter().find(|s| s.key == k).map(|s| s.odds.clone()).expect("odds");
    let first = odds(&keys[0]);
    assert_eq!(
        (first.p85, first.p85_sprint.label(), first.p85_date),
        (3, "Sprint 29 (projected)".into(), Some(d("2026-12-11")))
    );
    assert_eq!(first.p85_sprint.start, Some(d("2026-11-30")), "the Monday after Sprint 28");
    assert_eq!(first.p85_sprint.short(), "S29*");
    assert_eq!(odds(&keys[1]).p95_sprint.name, "Sprint 30");
    let planned = f.stories.iter().find(|s| b.story(&s.key).is_some_and(|st| st.title == "planned")).expect("planned");
    assert_eq!((planned.odds.p85_sprint.label(), planned.odds.p85_sprint.short()), ("Sprint 28".into(), "S28".into()));
    // The JSON keeps the number beside the name.
    let json = serde_json::to_value(&f).expect("json");
    let story = &json["stories"][2];
    assert_eq!(story["p85"], 3);
    assert_eq!(story["p85_sprint"]["name"], "Sprint 29");
    assert_eq!(story["p85_sprint"]["number"], 3);
    assert_eq!(story["p85_sprint"]["projected"], true);
    assert_eq!(story["p85_sprint"]["end"], "2026-12-11");
    assert_eq!(json["sprints"][0]["name"], "Sprint 27");
}

/// A last sprint whose name has no number: projected sprints say where they fall.
#[test]
fn without_a_numbered_name_projected_sprints_count_from_the_last() {
    let (b, keys) = team(&[10, 10], "Launch");
    let f = forecast(&b, 50, 1).expect("forecast");
    let o = &f.stories.iter().find(|s| s.key == keys[1]).expect("odds").odds;
    assert_eq!(o.p85_sprint.name, "the 2nd sprint after Launch");
    assert_eq!(o.p85_sprint.short(), "12-25*", "the end date when the name has no short form");
    assert_eq!(o.p85_date, Some(d("2026-12-25")));
}

#[test]
fn short_names() {
    let s = |name: &str, end: Option<&str>| ForecastSprint {
        number: 1,
        name: name.into(),
        start: None,
        end: end.map(d),
        projected: false,
    };
    assert_eq!(s("Sprint 25", None).short(), "S25");
    assert_eq!(s("Team Sprint 3", None).short(), "TS3");
    assert_eq!(s("IP 24.02", Some("2026-02-20")).short(), "02-20");
    assert_eq!(s("Launch week", None).short(), "Launch …");
}
