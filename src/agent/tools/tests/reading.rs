//! The reading tools on boards whose answers are worked out by hand.

use serde_json::json;

use super::fixture::{self, ok, refused, snapshot};
use crate::report;

#[test]
fn board_summary_counts_each_column_of_the_active_sprint_and_lists_what_is_blocked() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let before = snapshot(&f.root);
    let r = ok(&mut ws, "board_summary", json!({}));
    let s = &r.structured;
    assert_eq!(s["board"], "Test");
    assert_eq!(s["columns"], json!(["To Do", "In Progress", "Review", "Done"]));
    assert_eq!(s["planned_sprints"], json!(["Sprint 2"]));
    assert_eq!(s["backlog"], json!({ "stories": 2, "points": 3 }), "F (no points) and G (3)");
    let active = &s["active_sprint"];
    assert_eq!(active["name"], "Sprint 1");
    assert_eq!(active["goal"], "Sign-in works");
    assert_eq!((&active["start"], &active["end"]), (&json!("2026-11-16"), &json!("2026-11-27")));
    assert_eq!(active["capacity"], 10);
    assert_eq!((&active["stories"], &active["points"]), (&json!(4), &json!(11)), "A 3 + B 5 + C 2 + D 1");
    assert_eq!(
        active["columns"],
        json!([
            { "name": "To Do", "stories": 2, "points": 5, "wip": null },
            { "name": "In Progress", "stories": 1, "points": 5, "wip": 2 },
            { "name": "Review", "stories": 0, "points": 0, "wip": null },
            { "name": "Done", "stories": 1, "points": 1, "wip": null },
        ])
    );
    assert_eq!(
        active["blocked"],
        json!([
            { "key": f.key("B"), "title": "Password reset", "reason": "waiting for the mail server" },
            { "key": f.key("C"), "title": "Session timeout", "reason": format!("waits on {}", f.key("A")) },
        ]),
        "B by its reason, C by the unfinished story it waits on; nothing else"
    );
    let place = format!("board at {}", f.root.display());
    let first = format!("Board \"Test\", the {place}; your changes are recorded as agent:claude-code");
    assert_eq!(r.structured["where"], place.as_str());
    assert_eq!(r.structured["you"], "agent:claude-code");
    for line in [
        first.as_str(),
        "Columns: To Do, In Progress, Review, Done",
        "Active sprint: Sprint 1, 2026-11-16 to 2026-11-27",
        "Goal: Sign-in works",
        "4 stories, 11 points (capacity 10)",
        "  In Progress: 1 story, 5 points (WIP limit 2)",
        "  Review: 0 stories, 0 points",
        "  Done: 1 story, 1 point",
        &format!("  {}  Password reset  (waiting for the mail server)", f.key("B")),
        "Planned: Sprint 2",
        "Backlog: 2 stories, 3 points",
    ] {
        assert!(r.text.lines().any(|l| l == line), "{line:?} is not a line of:\n{}", r.text);
    }
    assert_eq!(snapshot(&f.root), before, "a reading tool writes nothing");
}

#[test]
fn board_summary_without_an_active_sprint_says_so() {
    let f = fixture::small();
    let mut ws = f.open(false);
    // Sprint 1 done: every story of it moved to Done, then closed (by another process).
    let (mut store, mut b) = crate::store::Store::open(&f.root).expect("open");
    let mut c = fixture::ctx();
    let (_, changes) = b.close_sprint("sprint-1", &mut c).expect("close");
    store.save(&b, &changes).expect("save");
    let r = ok(&mut ws, "board_summary", json!({}));
    assert_eq!(r.structured["active_sprint"], json!(null));
    assert!(r.text.contains("No sprint is active."), "{}", r.text);
}

fn keys_of(r: &crate::agent::reply::Reply) -> Vec<String> {
    let stories = r.structured["stories"].as_array().expect("stories");
    stories.iter().map(|s| s["key"].as_str().expect("key").to_owned()).collect()
}

#[test]
fn list_stories_filters_by_person_label_key_and_words() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let k = |names: &[&str]| names.iter().map(|n| f.key(n).to_owned()).collect::<Vec<_>>();
    let list = |ws: &mut _, args| {
        let r = ok(ws, "list_stories", args);
        (keys_of(&r), r.structured["total"].as_u64().expect("total"), r)
    };
    let (keys, total, _) = list(&mut ws, json!({}));
    assert_eq!((keys, total), (k(&["A", "B", "C", "D", "E", "F", "G"]), 7), "plan order: sprints, then the backlog");
    assert_eq!(list(&mut ws, json!({ "filter": "@ana" })).0, k(&["A", "C"]));
    assert_eq!(list(&mut ws, json!({ "filter": "#ui" })).0, k(&["A", "F"]));
    assert_eq!(list(&mut ws, json!({ "filter": "#backend @bob" })).0, k(&["B"]), "every word must match");
    assert_eq!(list(&mut ws, json!({ "filter": "reset" })).0, k(&["B"]));
    assert_eq!(list(&mut ws, json!({ "filter": "epic:Login" })).0, k(&["A"]));
    // A key, and the start of one without its prefix.
    assert_eq!(list(&mut ws, json!({ "filter": f.key("E") })).0, k(&["E"]));
    for start in [f.key("G").trim_start_matches("SB-"), &f.key("G")[..5], &f.key("G")[3..5]] {
        let (keys, _, _) = list(&mut ws, json!({ "filter": start }));
        assert!(keys.contains(&f.key("G").to_owned()), "{start:?} finds G: {keys:?}");
        let others = keys.iter().filter(|k| !k.starts_with(&format!("SB-{}", start.trim_start_matches("SB-"))));
        assert_eq!(others.count(), 0, "{start:?} finds only the keys that start so: {keys:?}");
    }
    let (keys, total, r) = list(&mut ws, json!({ "filter": "nothing like this" }));
    assert_eq!((keys.len(), total), (0, 0));
    assert_eq!(r.text, "No story matches.");
    // Each line: key, title, and where it is.
    let r = list(&mut ws, json!({ "filter": "reset" })).2;
    assert_eq!(
        r.text,
        format!(
            "{}  Password reset  (In Progress · Sprint 1 · 5 points · @bob · BLOCKED: waiting for the mail server)",
            f.key("B")
        )
    );
    let story = &r.structured["stories"][0];
    assert_eq!(
        (&story["title"], &story["status"], &story["sprint"], &story["points"], &story["assignee"]),
        (&json!("Password reset"), &json!("In Progress"), &json!("Sprint 1"), &json!(5), &json!("bob"))
    );
}

#[test]
fn list_stories_narrows_to_a_sprint_the_backlog_or_a_column_and_counts_past_the_limit() {
    let f = fixture::with_history();
    let mut ws = f.open(false);
    let k = |names: &[&str]| names.iter().map(|n| f.key(n).to_owned()).collect::<Vec<_>>();
    // By default the closed sprints' stories are left out.
    let r = ok(&mut ws, "list_stories", json!({}));
    assert_eq!((keys_of(&r), &r.structured["total"]), (k(&["X", "Y", "Z"]), &json!(3)));
    let r = ok(&mut ws, "list_stories", json!({ "sprint": "all" }));
    assert_eq!(r.structured["total"], 5, "the two closed sprints' stories too");
    assert!(r.text.contains("work 1") && r.text.contains("work 2"), "{}", r.text);
    let r = ok(&mut ws, "list_stories", json!({ "sprint": "Sprint 1" }));
    let titles: Vec<&str> =
        r.structured["stories"].as_array().expect("list").iter().filter_map(|s| s["title"].as_str()).collect();
    assert_eq!(titles, ["work 1"], "a closed sprint by its name");
    assert_eq!(keys_of(&ok(&mut ws, "list_stories", json!({ "sprint": "backlog" }))), k(&["Y", "Z"]));
    assert_eq!(keys_of(&ok(&mut ws, "list_stories", json!({ "sprint": "Sprint 3" }))), k(&["X"]));
    let r = ok(&mut ws, "list_stories", json!({ "sprint": "all", "status": "Done" }));
    assert_eq!(r.structured["total"], 2, "work 1 and work 2");
    let r = ok(&mut ws, "list_stories", json!({ "status": "to do" }));
    assert_eq!(keys_of(&r), k(&["X", "Y", "Z"]), "a column by its name, in any case");
    // The limit: the first ones in plan order, the total of all, and a word on the rest.
    let r = ok(&mut ws, "list_stories", json!({ "limit": 2 }));
    assert_eq!((keys_of(&r), &r.structured["total"]), (k(&["X", "Y"]), &json!(3)));
    assert!(r.text.ends_with("… and 1 more: narrow the filter or raise the limit"), "{}", r.text);
    let r = ok(&mut ws, "list_stories", json!({ "limit": 0 }));
    assert_eq!((keys_of(&r).len(), &r.structured["total"]), (0, &json!(3)));
    // What does not exist is refused, with the names there are.
    let text = refused(&mut ws, "list_stories", json!({ "sprint": "Sprint 9" }));
    assert!(text.contains("Sprint 9"), "{text}");
    let text = refused(&mut ws, "list_stories", json!({ "status": "Nowhere" }));
    assert!(text.contains("Nowhere") && text.contains("In Progress"), "{text}");
    refused(&mut ws, "list_stories", json!({ "limit": -1 }));
    refused(&mut ws, "list_stories", json!({ "limit": "ten" }));
    refused(&mut ws, "list_stories", json!({ "filter": 5 }));
    let text = refused(&mut ws, "list_stories", json!({ "query": "x" }));
    assert!(text.contains("unknown field `query`"), "{text}");
}

#[test]
fn show_story_gives_every_field_its_links_comments_and_history() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let c = f.key("C");
    // By its key without the prefix, in any case.
    let r = ok(&mut ws, "show_story", json!({ "key": c.trim_start_matches("SB-").to_lowercase() }));
    let s = &r.structured;
    assert_eq!(
        (&s["key"], &s["title"], &s["status"], &s["sprint"]),
        (&json!(c), &json!("Session timeout"), &json!("To Do"), &json!("Sprint 1"))
    );
    assert_eq!(s["blocked_by"], json!([f.key("A")]));
    assert_eq!(s["history"][0]["by"], "ana");
    assert_eq!(s["history"][0]["change"], "created");
    assert!(r.text.contains("Session timeout") && r.text.contains(f.key("A")), "{}", r.text);
    let a = ok(&mut ws, "show_story", json!({ "key": f.key("A") }));
    assert_eq!(a.structured["blocks"], json!([c]));
    assert_eq!(a.structured["epic"], "Login");
    assert_eq!(a.structured["labels"], json!(["ui"]));
    // The same JSON as `show --format json`.
    let b = ws.board();
    let story = b.story(f.key("A")).expect("A");
    let same = serde_json::to_value(crate::interop::view::StoryDetail::new(b, story)).expect("json");
    assert_eq!(a.structured, same);

    let text = refused(&mut ws, "show_story", json!({ "key": "SB-NONE" }));
    assert!(text.contains("SB-NONE"), "{text}");
    let text = refused(&mut ws, "show_story", json!({}));
    assert!(text.contains("missing field `key`"), "{text}");
    refused(&mut ws, "show_story", json!({ "key": 7 }));
}

#[test]
fn forecast_needs_two_closed_sprints() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let text = refused(&mut ws, "forecast", json!({}));
    assert_eq!(text, "no forecast: not enough history: 0 closed sprints; a forecast needs at least 2");
    let text = refused(&mut ws, "forecast", json!({ "key": f.key("G") }));
    assert!(text.starts_with("no forecast: not enough history"), "{text}");
}

#[test]
fn forecast_gives_the_figures_report_forecast_gives() {
    let f = fixture::with_history();
    let mut ws = f.open(false);
    let expected = report::forecast(ws.board(), 10_000, 1).expect("forecast");
    assert_eq!(expected.history, [10, 6], "the completed points of the two closed sprints");
    let history = serde_json::to_value(&expected.history).expect("json");

    // One story.
    let y = f.key("Y");
    let r = ok(&mut ws, "forecast", json!({ "key": y }));
    let odds = expected.stories.iter().find(|s| s.key == y).expect("Y's odds");
    assert_eq!(r.structured["odds"], serde_json::to_value(odds).expect("json"));
    assert_eq!(r.structured["history"], history);
    assert_eq!(r.structured["key"], y);
    let when = |o: &report::Odds| {
        format!(
            "done by the end of {} in half of the simulated futures, of {} in 85 %{}, of {} in 95 %",
            o.p50_sprint.label(),
            o.p85_sprint.label(),
            o.p85_date.map(|d| format!(", which ends {d}")).unwrap_or_default(),
            o.p95_sprint.label()
        )
    };
    assert_eq!(
        r.text,
        format!(
            "{y}: {}.\nThe futures were simulated 10000 times from the completed points of the last 2 closed sprints.",
            when(&odds.odds)
        )
    );
    // Y comes after X (5) in plan order: not done before X's sprint.
    let x = expected.stories.iter().find(|s| s.key == f.key("X")).expect("X's odds");
    assert!(odds.odds.p50 >= x.odds.p50 && odds.odds.p95 >= odds.odds.p85 && odds.odds.p85 >= odds.odds.p50);

    // An epic, by its name in any case; and every epic.
    let r = ok(&mut ws, "forecast", json!({ "epic": "reports" }));
    let epic = expected.epics.iter().find(|e| e.epic == "Reports").expect("the epic's odds");
    assert_eq!(r.structured["odds"], serde_json::to_value(epic).expect("json"));
    assert!(r.text.starts_with(&format!("Epic Reports: {}.", when(&epic.odds))), "{}", r.text);
    let r = ok(&mut ws, "forecast", json!({}));
    assert_eq!(r.structured["epics"], serde_json::to_value(&expected.epics).expect("json"));
    assert_eq!(r.structured["history"], history);

    // A story with no work left.
    let done = ws.board().stories.values().find(|s| s.title == "work 1").expect("work 1").key.to_string();
    let r = ok(&mut ws, "forecast", json!({ "key": done }));
    assert_eq!(r.structured["odds"], json!(null));
    assert!(r.text.contains("no work left") && r.text.contains("Done"), "{}", r.text);

    let text = refused(&mut ws, "forecast", json!({ "key": y, "epic": "Reports" }));
    assert_eq!(text, "give `key` or `epic`, not both");
    refused(&mut ws, "forecast", json!({ "epic": "Nope" }));
    refused(&mut ws, "forecast", json!({ "key": "SB-NONE" }));
    refused(&mut ws, "forecast", json!({ "runs": 5 }));
}

#[test]
fn standup_since_a_date_and_for_one_person() {
    let f = fixture::small();
    let mut ws = f.open(false);
    // Since before the board was made (2026-11-20 09:00): ana created every story.
    let r = ok(&mut ws, "standup", json!({ "since": "2026-11-19" }));
    let people = r.structured["people"].as_array().expect("people");
    let names: Vec<&str> = people.iter().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(names, ["ana", "bob"], "ana made the changes; bob has work in the sprint");
    assert_eq!(people[0]["created"].as_array().map(Vec::len), Some(7));
    assert_eq!(people[0]["to_do"].as_array().map(Vec::len), Some(2), "A and C");
    assert_eq!(people[1]["created"], json!([]));
    assert_eq!(people[1]["in_progress"].as_array().map(Vec::len), Some(1), "B");
    assert_eq!(people[1]["blocked"].as_array().map(Vec::len), Some(1), "B");
    assert!(r.text.contains("ana") && r.text.contains("Login form"), "{}", r.text);
    // The same as the report, for the same time.
    let since = report::standup_since(Some("2026-11-19"), jiff::Timestamp::now()).expect("since");
    assert_eq!(r.structured["since"], since.to_string());
    let expected = report::standup(ws.board(), since, &|_| true);
    assert_eq!(r.structured["people"], serde_json::to_value(&expected).expect("json"));

    // Since after it was made: nothing created or moved, the sprint's work is still there.
    let r = ok(&mut ws, "standup", json!({ "since": "2026-11-21T00:00:00Z" }));
    assert_eq!(r.structured["since"], "2026-11-21T00:00:00Z");
    let people = r.structured["people"].as_array().expect("people");
    assert!(people.iter().all(|p| p["created"] == json!([]) && p["moved"] == json!([])), "{people:?}");
    assert_eq!(people.len(), 2);

    // One person, by any part of the name, in any case.
    let r = ok(&mut ws, "standup", json!({ "since": "2026-11-19", "person": "BO" }));
    let names: Vec<&str> =
        r.structured["people"].as_array().expect("people").iter().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(names, ["bob"]);
    assert!(!r.text.contains("ana"), "{}", r.text);

    // An agent's move is its own (made now, after the fixture's changes, whatever the clock).
    ok(&mut ws, "move_story", json!({ "key": f.key("A"), "status": "In Progress" }));
    let r = ok(&mut ws, "standup", json!({ "since": "2026-11-20T09:00:01Z", "person": "agent" }));
    let people = r.structured["people"].as_array().expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["name"], "agent:claude-code");
    assert_eq!(people[0]["moved"], json!([format!("{} Login form: To Do → In Progress", f.key("A"))]));

    let text = refused(&mut ws, "standup", json!({ "since": "yesterday-ish" }));
    assert!(text.starts_with("since: \"yesterday-ish\""), "{text}");
    refused(&mut ws, "standup", json!({ "since": 20261119 }));
    refused(&mut ws, "standup", json!({ "who": "ana" }));
}
