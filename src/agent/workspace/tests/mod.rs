use serde_json::json;

use super::agent_name;
use crate::agent::tools::tests::fixture::{self, call, ok, on_disk};
use crate::domain::{Change, Edit, Move};
use crate::store::Store;

#[test]
fn an_agent_is_named_by_its_client_as_a_short_word() {
    assert_eq!(agent_name(Some("claude-code")), "agent:claude-code");
    assert_eq!(agent_name(Some("Claude Code")), "agent:claude-code");
    assert_eq!(agent_name(Some("evil\u{1b}[2Jname\u{202e}")), "agent:evil2jname");
    assert_eq!(agent_name(Some("   ")), "agent:unknown");
    assert_eq!(agent_name(None), "agent:unknown");
    assert_eq!(agent_name(Some(&"x".repeat(500))).len(), "agent:".len() + 40);
}

#[test]
fn changes_are_recorded_under_the_agent_unless_the_person_configured_a_name() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let (a, b) = (f.key("A"), f.key("B"));
    assert_eq!(ws.author(Some("claude-code")), "agent:claude-code");
    assert_eq!(ws.author(None), "agent:unknown");
    ok(&mut ws, "edit_story", json!({ "key": a, "points": 8 }));
    ok(&mut ws, "add_comment", json!({ "key": a, "text": "on it" }));
    let s = on_disk(&f.root).story(a).cloned().expect("A");
    let last = s.history.last().expect("event");
    assert_eq!((last.by.as_str(), &last.change), ("agent:claude-code", &Change::Points { from: Some(3), to: Some(8) }));
    assert_eq!(s.comments[0].by, "agent:claude-code");

    // With a configured name ($SPRINTBOARD_USER or config.ron's `user`), the person's name.
    ws.set_configured_user(Some("ana"));
    assert_eq!(ws.author(Some("claude-code")), "ana");
    ok(&mut ws, "move_story", json!({ "key": b, "status": "Done" }));
    ok(&mut ws, "add_comment", json!({ "key": b, "text": "done" }));
    let s = on_disk(&f.root).story(b).cloned().expect("B");
    assert_eq!(s.history.last().map(|e| e.by.as_str()), Some("ana"));
    assert_eq!(s.comments[0].by, "ana");

    // A client without a name is still an agent.
    ws.set_configured_user(None);
    let args = fixture::object(json!({ "key": b, "text": "anonymous" }));
    let r = crate::agent::tools::call(&mut ws, fixture::tool("add_comment"), Some(&args), None);
    assert!(!r.is_error, "{}", r.text);
    assert_eq!(on_disk(&f.root).story(b).map(|s| s.comments[1].by.to_string()), Some("agent:unknown".into()));
}

#[test]
fn the_next_call_sees_what_another_process_changed() {
    let f = fixture::small();
    let mut first = f.open(false);
    let mut second = f.open(false);
    let a = f.key("A");
    // The second edits A; the first, opened before, reads the new title and then moves A.
    ok(&mut second, "edit_story", json!({ "key": a, "title": "Login form, edited elsewhere" }));
    let shown = ok(&mut first, "show_story", json!({ "key": a }));
    assert_eq!(shown.structured["title"], "Login form, edited elsewhere");
    ok(&mut first, "move_story", json!({ "key": a, "status": "Review" }));
    let s = on_disk(&f.root).story(a).cloned().expect("A");
    assert_eq!(
        (s.title.as_str(), s.status.as_str()),
        ("Login form, edited elsewhere", "review"),
        "both changes are kept"
    );
    assert_eq!(first.board(), &on_disk(&f.root));

    // A plain store (the CLI, a `git pull`) too, and a new story.
    let (mut store, mut b) = Store::open(&f.root).expect("open");
    let mut c = fixture::ctx();
    let changes = b.edit_story(a, Edit { points: Some(Some(13)), ..Default::default() }, &mut c).expect("edit");
    store.save(&b, &changes).expect("save");
    let (new, changes) = b
        .add_story(crate::domain::NewStory { title: "From the CLI".into(), ..Default::default() }, &mut c)
        .expect("add");
    store.save(&b, &changes).expect("save");
    let r = ok(&mut first, "list_stories", json!({ "filter": "CLI" }));
    assert_eq!(r.structured["stories"][0]["key"], new);
    ok(&mut first, "edit_story", json!({ "key": a, "assignee": "cy" }));
    let s = on_disk(&f.root).story(a).cloned().expect("A");
    assert_eq!((s.points, s.assignee.as_deref(), s.status.as_str()), (Some(13), Some("cy"), "review"));
}

#[test]
fn a_save_that_meets_a_change_made_meanwhile_is_made_again_on_it() {
    let f = fixture::small();
    let mut first = f.open(false);
    let mut second = f.open(false);
    let a = f.key("A");
    let mut runs = 0;
    // Between the first's reading and its writing, the second edits the same story.
    first
        .apply(Some("claude-code"), |b, ctx| {
            runs += 1;
            if runs == 1 {
                ok(&mut second, "edit_story", json!({ "key": a, "title": "Theirs" }));
            }
            let changes = b.move_story(a, &Move { status: Some("review".into()), ..Default::default() }, ctx)?;
            Ok(((), changes))
        })
        .expect("saved");
    assert_eq!(runs, 2, "made again on the board as the other left it");
    let s = on_disk(&f.root).story(a).cloned().expect("A");
    assert_eq!((s.title.as_str(), s.status.as_str()), ("Theirs", "review"));
    assert_eq!(s.history.last().map(|e| e.by.as_str()), Some("agent:claude-code"));
    assert_eq!(first.board(), &on_disk(&f.root));
    let changed = first.take_changed().expect("changed");
    assert_eq!(changed, (vec![a.to_owned()], false));
}

#[test]
fn a_change_refused_on_the_board_as_another_left_it_writes_nothing() {
    let f = fixture::small();
    let mut first = f.open(false);
    let mut second = f.open(false);
    let (a, c) = (f.key("A"), f.key("C"));
    // The first takes C off A; meanwhile the second did: made again, there is no link to take.
    let mut theirs = None;
    let mut runs = 0;
    let err = first
        .apply(Some("claude-code"), |b, ctx| {
            runs += 1;
            if runs == 1 {
                ok(&mut second, "unlink_stories", json!({ "blocker": a, "waiting": c }));
                theirs = Some(fixture::snapshot(&f.root));
            }
            let changes = b.unlink(a, c, ctx)?;
            Ok(((), changes))
        })
        .expect_err("nothing to unlink");
    assert_eq!(runs, 2);
    assert_eq!(err.0, format!("{c} does not wait on {a}"));
    assert_eq!(Some(fixture::snapshot(&f.root)), theirs, "theirs is kept, and nothing more written");
    assert_eq!(first.board(), &on_disk(&f.root), "the workspace holds the board as the other left it");
    assert_eq!(first.take_changed(), Some((vec![c.to_owned()], false)), "C changed, elsewhere");
}

#[test]
fn what_a_retry_reads_from_elsewhere_is_reported_as_changed() {
    let f = fixture::small();
    let mut first = f.open(false);
    let mut second = f.open(false);
    let (a, b, c) = (f.key("A"), f.key("B"), f.key("C"));
    // Meanwhile the second changes B, and A (which the first writes): the retry reads both.
    let mut runs = 0;
    first
        .apply(Some("claude-code"), |board, ctx| {
            runs += 1;
            if runs == 1 {
                ok(&mut second, "edit_story", json!({ "key": b, "points": 1 }));
                ok(&mut second, "edit_story", json!({ "key": a, "title": "Theirs" }));
            }
            let changes = board.move_story(a, &Move { status: Some("review".into()), ..Default::default() }, ctx)?;
            Ok(((), changes))
        })
        .expect("saved");
    assert_eq!(runs, 2);
    assert_eq!(first.board().story(b).and_then(|s| s.points), Some(1));
    let mut expected = vec![a.to_owned(), b.to_owned()];
    expected.sort();
    assert_eq!(first.take_changed(), Some((expected, false)), "B changed, though not here");
    // And when the change made again is refused.
    let mut runs = 0;
    first
        .apply(Some("claude-code"), |board, ctx| {
            runs += 1;
            if runs == 1 {
                ok(&mut second, "edit_story", json!({ "key": b, "points": 2 }));
                ok(&mut second, "unlink_stories", json!({ "blocker": a, "waiting": c }));
            }
            let changes = board.unlink(a, c, ctx)?;
            Ok(((), changes))
        })
        .expect_err("nothing to unlink");
    let mut expected = vec![b.to_owned(), c.to_owned()];
    expected.sort();
    assert_eq!(first.take_changed(), Some((expected, false)));
    assert_eq!(first.board(), &on_disk(&f.root));
}

#[test]
fn take_changed_reports_the_stories_changed_here_and_elsewhere() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let mut other = f.open(false);
    let (a, b, c) = (f.key("A"), f.key("B"), f.key("C"));
    assert_eq!(ws.take_changed(), None, "nothing yet");
    ok(&mut ws, "list_stories", json!({}));
    assert_eq!(ws.take_changed(), None, "reading changes nothing");
    ok(&mut ws, "edit_story", json!({ "key": a, "points": 1 }));
    assert_eq!(ws.take_changed(), Some((vec![a.to_owned()], false)));
    assert_eq!(ws.take_changed(), None, "each change once");
    // A refused call changes nothing.
    assert!(call(&mut ws, "edit_story", json!({ "key": a, "points": "x" })).is_error);
    assert_eq!(ws.take_changed(), None);
    // Elsewhere: seen at the next call.
    ok(&mut other, "add_comment", json!({ "key": b, "text": "elsewhere" }));
    ok(&mut other, "move_story", json!({ "key": c, "top": true }));
    assert_eq!(ws.take_changed(), None, "not before a call looks");
    ok(&mut ws, "board_summary", json!({}));
    let mut expected = vec![b.to_owned(), c.to_owned()];
    expected.sort();
    assert_eq!(ws.take_changed(), Some((expected, false)));
    // Both at once, here and elsewhere.
    ok(&mut other, "edit_story", json!({ "key": b, "points": 2 }));
    ok(&mut ws, "link_stories", json!({ "blocker": b, "waiting": f.key("G") }));
    let mut expected = vec![b.to_owned(), f.key("G").to_owned()];
    expected.sort();
    assert_eq!(ws.take_changed(), Some((expected, false)));
    // The board file: a new epic made elsewhere.
    let (mut store, mut board) = Store::open(&f.root).expect("open");
    let (_, changes) = board.new_epic("Billing", "").expect("epic");
    store.save(&board, &changes).expect("save");
    ok(&mut ws, "list_stories", json!({}));
    let (_, board_changed) = ws.take_changed().expect("changed");
    assert!(board_changed);
    ok(&mut ws, "edit_story", json!({ "key": a, "epic": "Billing" }));
    assert_eq!(on_disk(&f.root).story(a).and_then(|s| s.epic.clone()).as_deref(), Some("billing"));
}
