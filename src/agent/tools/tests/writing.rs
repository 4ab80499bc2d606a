//! The writing tools: each one's change as the files hold it afterwards, recorded under the
//! agent's name.

use serde_json::json;

use super::fixture::{self, ok, on_disk, refused, snapshot};
use crate::domain::{Change, Kind, Moscow};

const AGENT: &str = "agent:claude-code";

#[test]
fn create_story_writes_a_story_with_every_field_given() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let r = ok(&mut ws, "create_story", json!({ "title": "Rate limit" }));
    let key = r.structured["key"].as_str().expect("key").to_owned();
    assert_eq!(r.structured["changed"], true);
    assert_eq!(r.structured["story"]["sprint"], json!(null), "the backlog by default");
    assert!(
        r.text.starts_with(&format!("{key} created in the backlog\n{key}  Rate limit  (To Do · the backlog)")),
        "{}",
        r.text
    );
    let disk = on_disk(&f.root);
    let s = disk.story(&key).expect("written");
    assert_eq!((s.title.as_str(), s.sprint.as_deref(), s.status.as_str()), ("Rate limit", None, "todo"));
    assert_eq!(s.history.len(), 1);
    assert_eq!(s.history[0].by, AGENT);
    assert!(matches!(s.history[0].change, Change::Created { .. }));
    assert_eq!(disk.list(None).last().map(|s| s.key.as_str()), Some(key.as_str()), "at the bottom of its list");
    assert_eq!(ws.board(), &disk);

    let r = ok(
        &mut ws,
        "create_story",
        json!({
            "title": "  Audit export  ", "type": "bug", "status": "Review", "sprint": "Sprint 2",
            "points": 5, "assignee": "cy", "epic": "login", "labels": ["#api", "ops"], "moscow": "must",
            "rice": [100, 2, 0.5, 3], "wsjf": [1, 2, 3, 4], "blocked": "needs a decision",
            "blocked_by": [f.key("A")], "description": "Export the audit log.\n\nAs CSV.", "acceptance": "- it downloads"
        }),
    );
    let key = r.structured["key"].as_str().expect("key").to_owned();
    let disk = on_disk(&f.root);
    let s = disk.story(&key).expect("written");
    assert_eq!(s.title, "Audit export", "trimmed as the CLI trims it");
    assert_eq!(s.kind, Kind::Bug);
    assert_eq!((s.status.as_str(), s.sprint.as_deref()), ("review", Some("sprint-2")));
    assert_eq!((s.points, s.assignee.as_deref(), s.epic.as_deref()), (Some(5), Some("cy"), Some("login")));
    assert_eq!(s.labels, ["api", "ops"]);
    assert_eq!(s.moscow, Some(Moscow::Must));
    let rice = s.rice.as_ref().expect("rice");
    assert_eq!((rice.reach, rice.impact, rice.confidence, rice.effort), (100.0, 2.0, 0.5, 3.0));
    assert_eq!(s.wsjf.as_ref().map(|w| w.job_size), Some(4.0));
    assert_eq!(s.blocked.as_deref(), Some("needs a decision"));
    assert_eq!(s.blocked_by, [f.key("A")]);
    assert_eq!(s.description, "Export the audit log.\n\nAs CSV.");
    assert_eq!(s.acceptance, "- it downloads");
    assert!(s.history.iter().all(|e| e.by == AGENT), "{:?}", s.history);
    assert_eq!(disk.list(Some("sprint-2")).last().map(|s| s.key.as_str()), Some(key.as_str()));
    assert_eq!(ws.board(), &disk);
}

#[test]
fn edit_story_changes_the_fields_given_and_only_those() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let g = f.key("G");
    let before = on_disk(&f.root).story(g).cloned().expect("G");
    let r = ok(
        &mut ws,
        "edit_story",
        json!({ "key": g, "points": 8, "assignee": "dee", "labels": ["data"], "blocked": "no export API", "title": "Export to CSV" }),
    );
    assert_eq!((&r.structured["key"], &r.structured["changed"]), (&json!(g), &json!(true)));
    assert!(
        r.text.starts_with(&format!(
            "{g} updated\n{g}  Export to CSV  (To Do · the backlog · 8 points · @dee · BLOCKED: no export API)"
        )),
        "{}",
        r.text
    );
    let disk = on_disk(&f.root);
    let s = disk.story(g).expect("G");
    assert_eq!((s.title.as_str(), s.points, s.assignee.as_deref()), ("Export to CSV", Some(8), Some("dee")));
    assert_eq!((s.labels.clone(), s.blocked.as_deref()), (vec!["data".into()], Some("no export API")));
    assert_eq!(
        (&s.status, &s.sprint, &s.rank, &s.description),
        (&before.status, &before.sprint, &before.rank, &before.description)
    );
    let new: Vec<&Change> = s.history[before.history.len()..].iter().map(|e| &e.change).collect();
    assert_eq!(
        new,
        [&Change::Points { from: Some(3), to: Some(8) }, &Change::Blocked { reason: Some("no export API".into()) }]
    );
    assert!(s.history[before.history.len()..].iter().all(|e| e.by == AGENT));
    assert_eq!(ws.board(), &disk);

    // null clears; status and sprint move it in the same call.
    ok(
        &mut ws,
        "edit_story",
        json!({ "key": g, "points": null, "assignee": null, "blocked": null, "labels": [], "status": "In Progress", "sprint": "Sprint 1" }),
    );
    let disk = on_disk(&f.root);
    let s = disk.story(g).expect("G");
    assert_eq!((s.points, s.assignee.as_ref(), s.blocked.as_ref(), s.labels.len()), (None, None, None, 0));
    assert_eq!((s.status.as_str(), s.sprint.as_deref()), ("doing", Some("sprint-1")));

    // The values it has already: nothing written, and the reply says so.
    let files = snapshot(&f.root);
    let r = ok(&mut ws, "edit_story", json!({ "key": g, "status": "In Progress" }));
    assert_eq!(r.structured["changed"], false);
    assert!(r.text.contains("(nothing to change: it was so already)"), "{}", r.text);
    assert_eq!(snapshot(&f.root), files);
}

#[test]
fn move_story_changes_the_column_the_sprint_and_the_place() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let (a, c, d) = (f.key("A"), f.key("C"), f.key("D"));
    let order = |ws: &crate::agent::workspace::Workspace, sprint: Option<&str>| {
        let disk = on_disk(ws.root());
        assert_eq!(ws.board(), &disk);
        disk.list(sprint).iter().map(|s| s.key.to_string()).collect::<Vec<_>>()
    };
    let r = ok(&mut ws, "move_story", json!({ "key": a, "status": "In Progress" }));
    assert_eq!(r.structured["story"]["status"], "In Progress");
    let s = on_disk(&f.root).story(a).cloned().expect("A");
    assert_eq!(s.status, "doing");
    let last = s.history.last().expect("event");
    assert_eq!((last.by.as_str(), &last.change), (AGENT, &Change::Status { from: "todo".into(), to: "doing".into() }));
    // Places in the list.
    ok(&mut ws, "move_story", json!({ "key": d, "top": true }));
    assert_eq!(order(&ws, Some("sprint-1"))[0], d);
    ok(&mut ws, "move_story", json!({ "key": d, "bottom": true }));
    assert_eq!(order(&ws, Some("sprint-1")).last(), Some(&d.to_owned()));
    ok(&mut ws, "move_story", json!({ "key": d, "before": c }));
    let list = order(&ws, Some("sprint-1"));
    assert_eq!(list.iter().position(|k| k == d).map(|i| i + 1), list.iter().position(|k| k == c));
    ok(&mut ws, "move_story", json!({ "key": d, "after": a }));
    let list = order(&ws, Some("sprint-1"));
    assert_eq!(list.iter().position(|k| k == a).map(|i| i + 1), list.iter().position(|k| k == d));
    // To another sprint, and to the backlog at its top.
    ok(&mut ws, "move_story", json!({ "key": d, "sprint": "Sprint 2" }));
    assert_eq!(order(&ws, Some("sprint-2")).last(), Some(&d.to_owned()), "at the bottom of the new list");
    ok(&mut ws, "move_story", json!({ "key": d, "sprint": "backlog", "top": true }));
    assert_eq!(order(&ws, None)[0], d);
    let s = on_disk(&f.root).story(d).cloned().expect("D");
    let last = s.history.last().expect("event");
    assert_eq!((last.by.as_str(), &last.change), (AGENT, &Change::Sprint { from: Some("sprint-2".into()), to: None }));
    // Finishing what another waits on: C is no longer blocked by A.
    let r = ok(&mut ws, "move_story", json!({ "key": a, "status": "Done" }));
    assert!(ws.board().open_blockers(c).is_empty());
    assert_eq!(r.structured["story"]["status"], "Done");
}

#[test]
fn move_story_of_a_story_that_waits_adds_a_note() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let r = ok(&mut ws, "move_story", json!({ "key": f.key("C"), "status": "In Progress" }));
    match ws.board().waiting_note(f.key("C")) {
        Some(note) => {
            assert_eq!(r.structured["note"], json!(note));
            assert!(r.text.ends_with(&format!("\nNote: {note}")), "{}", r.text);
        }
        None => assert!(r.structured.get("note").is_none()),
    }
    assert_eq!(on_disk(&f.root).story(f.key("C")).map(|s| s.status.as_str()), Some("doing"));
}

#[test]
fn add_comment_keeps_the_text_with_the_agent_and_the_time() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let b = f.key("B");
    let start = crate::config::now().expect("now");
    let r = ok(&mut ws, "add_comment", json!({ "key": b, "text": "  Mail server is **up** again.\n\nTrying now.  " }));
    let end = crate::config::now().expect("now");
    assert!(r.text.starts_with(&format!("{b} has a new comment")), "{}", r.text);
    let s = on_disk(&f.root).story(b).cloned().expect("B");
    let comment = s.comments.last().expect("comment");
    assert_eq!((comment.by.as_str(), comment.text.as_str()), (AGENT, "Mail server is **up** again.\n\nTrying now."));
    assert!(start <= comment.at && comment.at <= end, "the time of the call (the clock, or $SPRINTBOARD_NOW)");
    let shown = ok(&mut ws, "show_story", json!({ "key": b }));
    assert_eq!(shown.structured["comments"][0]["by"], AGENT);
    assert!(shown.text.contains("Mail server is **up** again."), "{}", shown.text);
}

#[test]
fn link_and_unlink_record_what_waits_on_what() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let (e, g) = (f.key("E"), f.key("G"));
    let r = ok(&mut ws, "link_stories", json!({ "blocker": e, "waiting": g }));
    assert_eq!((&r.structured["key"], &r.structured["changed"]), (&json!(g), &json!(true)));
    assert!(r.text.starts_with(&format!("{g} now waits on {e}")), "{}", r.text);
    assert_eq!(on_disk(&f.root).story(g).map(|s| s.blocked_by.clone()), Some(vec![e.into()]));
    assert_eq!(ok(&mut ws, "show_story", json!({ "key": e })).structured["blocks"], json!([g]));
    // Again: nothing to do, nothing written.
    let files = snapshot(&f.root);
    let r = ok(&mut ws, "link_stories", json!({ "blocker": e, "waiting": g }));
    assert_eq!(r.structured["changed"], false);
    assert_eq!(snapshot(&f.root), files);

    let r = ok(&mut ws, "unlink_stories", json!({ "blocker": e, "waiting": g }));
    assert!(r.text.starts_with(&format!("{g} no longer waits on {e}")), "{}", r.text);
    assert_eq!(on_disk(&f.root).story(g).map(|s| s.blocked_by.len()), Some(0));
    assert_eq!(ws.board(), &on_disk(&f.root));
    let text = refused(&mut ws, "unlink_stories", json!({ "blocker": e, "waiting": g }));
    assert_eq!(text, format!("{g} does not wait on {e}"));
}

#[test]
fn move_story_past_a_wip_limit_is_made_and_noted() {
    let f = fixture::small();
    let mut ws = f.open(false);
    // In Progress holds one story of Sprint 1 (B) and takes two.
    let r = ok(&mut ws, "move_story", json!({ "key": f.key("A"), "status": "In Progress" }));
    assert!(!r.text.contains("WIP"), "2/2 is within the limit: {}", r.text);
    // C also waits on A, not done: both notes, the waiting one first.
    let r = ok(&mut ws, "move_story", json!({ "key": f.key("C"), "status": "In Progress" }));
    assert!(r.text.ends_with("\nNote: In Progress is over its WIP limit: 3/2"), "{}", r.text);
    let waiting = ws.board().waiting_note(f.key("C")).expect("C waits on A");
    assert_eq!(r.structured["note"], format!("{waiting}; In Progress is over its WIP limit: 3/2"));
    assert_eq!(on_disk(&f.root).story(f.key("C")).map(|s| s.status.as_str()), Some("doing"), "the move is made");
}
