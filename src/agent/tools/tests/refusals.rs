//! What the tools refuse, and that a refusal writes nothing: every file's bytes as they were,
//! and the workspace's board what the files hold (see `fixture::refused`).

use serde_json::json;

use super::fixture::{self, call, ok, on_disk, refused, snapshot};
use crate::domain::ops::MAX_TEXT_BYTES;

#[test]
fn an_unknown_key_is_refused_by_every_tool_that_takes_one() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let a = f.key("A");
    for (tool, args) in [
        ("show_story", json!({ "key": "SB-ZZZZ" })),
        ("edit_story", json!({ "key": "SB-ZZZZ", "points": 1 })),
        ("move_story", json!({ "key": "SB-ZZZZ", "top": true })),
        ("move_story", json!({ "key": a, "before": "SB-ZZZZ" })),
        ("add_comment", json!({ "key": "SB-ZZZZ", "text": "hello" })),
        ("link_stories", json!({ "blocker": "SB-ZZZZ", "waiting": a })),
        ("link_stories", json!({ "blocker": a, "waiting": "SB-ZZZZ" })),
        ("unlink_stories", json!({ "blocker": "SB-ZZZZ", "waiting": a })),
        ("edit_story", json!({ "key": a, "blocked_by": ["SB-ZZZZ"] })),
        ("create_story", json!({ "title": "x", "blocked_by": "SB-ZZZZ" })),
    ] {
        let text = refused(&mut ws, tool, args);
        assert!(text.contains("SB-ZZZZ"), "{tool}: {text}");
    }
}

#[test]
fn an_unknown_argument_is_refused_with_the_names_there_are() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let a = f.key("A");
    let text = refused(&mut ws, "edit_story", json!({ "key": a, "estimate": 3 }));
    assert!(text.starts_with("there is no field \"estimate\"; the fields are title, points,"), "{text}");
    assert!(text.ends_with(", key"), "{text}");
    let text = refused(&mut ws, "create_story", json!({ "title": "x", "priority": "high" }));
    assert!(text.starts_with("there is no field \"priority\""), "{text}");
    for (tool, args) in [
        ("move_story", json!({ "key": a, "column": "Done" })),
        ("add_comment", json!({ "key": a, "text": "x", "author": "me" })),
        ("link_stories", json!({ "blocker": a, "waiting": f.key("B"), "kind": "blocks" })),
        ("board_summary", json!({ "verbose": true })),
    ] {
        let text = refused(&mut ws, tool, args);
        assert!(text.contains("unknown field"), "{tool}: {text}");
    }
}

#[test]
fn a_value_of_the_wrong_type_is_refused() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let a = f.key("A");
    for (args, says) in [
        (json!({ "key": a, "points": "x" }), "points: \"x\" is not a whole number"),
        (json!({ "key": a, "points": -2 }), "points: \"-2\" is not a whole number"),
        (json!({ "key": a, "points": 2.5 }), "points: \"2.5\" is not a whole number"),
        (json!({ "key": a, "points": true }), "points: expected"),
        (json!({ "key": a, "labels": 5 }), "labels: expected a list"),
        (json!({ "key": a, "labels": "ui" }), "labels: expected a list"),
        (json!({ "key": a, "labels": [["ui"]] }), "labels: expected a string or a number in the list"),
        (json!({ "key": a, "labels": { "ui": true } }), "labels: expected"),
        (json!({ "key": a, "title": ["two", "words"] }), "title: expected"),
        (json!({ "key": a, "rice": [1, 2, 3] }), "rice: expected 4 numbers separated by commas"),
        (json!({ "key": a, "rice": [1, 2, 3, -4] }), "rice: \"-4\" is not a number of 0 or more"),
        (json!({ "key": a, "wsjf": [1, 2, 3, "x"] }), "wsjf: \"x\" is not a number of 0 or more"),
        (json!({ "key": a, "moscow": "maybe" }), "moscow: \"maybe\" is not must, should, could or wont"),
        (json!({ "key": a, "type": "epic" }), "type: \"epic\" is not story, bug, task or spike"),
        (json!({ "key": a, "epic": "Nope" }), "epic: there is no epic \"Nope\" (the epics: Login)"),
        (json!({ "key": a, "status": "Nowhere" }), "status:"),
        (json!({ "key": a, "sprint": "Sprint 9" }), "sprint:"),
    ] {
        let text = refused(&mut ws, "edit_story", args.clone());
        assert!(text.contains(says), "{args}: {text:?} does not say {says:?}");
    }
    for args in [json!({ "key": 5 }), json!({ "key": a, "text": 5 }), json!({ "key": a, "text": null })] {
        refused(&mut ws, "add_comment", args);
    }
    for args in
        [json!({ "key": a, "top": "yes" }), json!({ "key": a, "status": 3 }), json!({ "key": [a], "top": true })]
    {
        refused(&mut ws, "move_story", args);
    }
    let text = refused(&mut ws, "edit_story", json!({ "key": 5, "points": 1 }));
    assert!(text.starts_with("`key` is needed"), "{text}");
}

#[test]
fn an_empty_title_and_an_edit_of_nothing_are_refused() {
    let f = fixture::small();
    let mut ws = f.open(false);
    assert_eq!(refused(&mut ws, "create_story", json!({})), "a new story needs a `title`");
    assert_eq!(refused(&mut ws, "create_story", json!({ "points": 3 })), "a new story needs a `title`");
    for title in [json!(""), json!("   \t "), json!(null)] {
        let text = refused(&mut ws, "create_story", json!({ "title": title }));
        assert_eq!(text, "title: the title cannot be empty");
        let text = refused(&mut ws, "edit_story", json!({ "key": f.key("A"), "title": title }));
        assert_eq!(text, "title: the title cannot be empty");
    }
    let text = refused(&mut ws, "edit_story", json!({ "key": f.key("A") }));
    assert!(text.starts_with("nothing to change"), "{text}");
    assert!(refused(&mut ws, "edit_story", json!({})).starts_with("`key` is needed"));
    let text = refused(&mut ws, "add_comment", json!({ "key": f.key("A"), "text": " \n " }));
    assert_eq!(text, "a comment cannot be empty");
}

#[test]
fn a_move_with_two_places_or_none_or_into_a_closed_sprint_is_refused() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let (a, b) = (f.key("A"), f.key("B"));
    for args in [
        json!({ "key": a, "top": true, "bottom": true }),
        json!({ "key": a, "top": true, "after": b }),
        json!({ "key": a, "before": b, "after": b }),
    ] {
        assert_eq!(
            refused(&mut ws, "move_story", args),
            "give one place at most: `top`, `bottom`, `before` or `after`"
        );
    }
    let text = refused(&mut ws, "move_story", json!({ "key": a, "top": false }));
    assert!(text.starts_with("nothing to do"), "{text}");

    let f = fixture::with_history();
    let mut ws = f.open(false);
    let text = refused(&mut ws, "move_story", json!({ "key": f.key("Z"), "sprint": "Sprint 1" }));
    assert!(text.contains("closed"), "{text}");
    let text = refused(&mut ws, "edit_story", json!({ "key": f.key("Z"), "sprint": "Sprint 2" }));
    assert!(text.contains("closed"), "{text}");
    let text = refused(&mut ws, "create_story", json!({ "title": "late", "sprint": "Sprint 1" }));
    assert!(text.contains("closed"), "{text}");
}

#[test]
fn a_link_that_makes_a_cycle_is_refused() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let (a, c, g) = (f.key("A"), f.key("C"), f.key("G"));
    // C waits on A: A cannot wait on C, nor on what waits on C.
    let text = refused(&mut ws, "link_stories", json!({ "blocker": c, "waiting": a }));
    assert_eq!(text, format!("that would be a cycle: {a} → {c} → {a} (each waits on the next)"));
    ok(&mut ws, "link_stories", json!({ "blocker": c, "waiting": g }));
    let text = refused(&mut ws, "link_stories", json!({ "blocker": g, "waiting": a }));
    assert!(text.contains("cycle"), "{text}");
    let text = refused(&mut ws, "link_stories", json!({ "blocker": a, "waiting": a }));
    assert_eq!(text, format!("{a} cannot wait on itself"));
    let text = refused(&mut ws, "edit_story", json!({ "key": a, "blocked_by": [g] }));
    assert!(text.contains("cycle"), "{text}");
}

/// What `sprintboard edit KEY --title TITLE` says of `title` on `board`: the domain's words,
/// which every edge gives.
fn cli_refusal(board: &crate::domain::Board, title: &str) -> String {
    let mut b = board.clone();
    let key = b.stories.keys().next().expect("a story").to_string();
    let edit = crate::domain::Edit { title: Some(title.trim().to_owned()), ..Default::default() };
    b.edit_story(&key, edit, &mut fixture::ctx()).expect_err("refused").to_string()
}

#[test]
fn controls_in_a_title_are_refused_as_the_cli_refuses_them() {
    let f = fixture::small();
    let mut ws = f.open(false);
    for title in ["evil\u{1b}[2J", "bell\u{7}", "csi\u{9b}31m", "\u{202e}gnp.exe", "line\nbreak", "a\u{2066}b"] {
        let text = refused(&mut ws, "create_story", json!({ "title": title }));
        assert_eq!(text, crate::text::visible(&cli_refusal(ws.board(), title)), "{title:?}");
        assert!(!crate::text::has_unsafe(&text.replace('\n', " ")), "the refusal itself is safe to print: {text:?}");
        refused(&mut ws, "edit_story", json!({ "key": f.key("A"), "title": title }));
        refused(&mut ws, "edit_story", json!({ "key": f.key("A"), "assignee": title }));
        refused(&mut ws, "edit_story", json!({ "key": f.key("A"), "labels": [title] }));
    }
    // A tab is a space, as everywhere.
    let r = ok(&mut ws, "create_story", json!({ "title": "tab\there" }));
    let key = r.structured["key"].as_str().expect("key");
    assert_eq!(on_disk(&f.root).story(key).map(|s| s.title.clone()), Some("tab here".to_owned()));
}

#[test]
fn controls_in_a_comment_are_kept_as_the_cli_keeps_them_and_never_reach_a_reply_raw() {
    // `sprintboard comment` keeps a comment's text as given (it is Markdown, many lines), and
    // every edge escapes it when shown: the agent's comment is the same.
    let f = fixture::small();
    let mut ws = f.open(false);
    let a = f.key("A");
    let text = "see \u{1b}]52;c;aGk=\u{7} and \u{202e}this";
    let mut cli = on_disk(&f.root);
    cli.add_comment(a, text, &fixture::ctx()).expect("the CLI's comment");
    ok(&mut ws, "add_comment", json!({ "key": a, "text": text }));
    let disk = on_disk(&f.root);
    let stored = &disk.story(a).expect("A").comments[0].text;
    assert_eq!(stored, &cli.story(a).expect("A").comments[0].text);
    let shown = ok(&mut ws, "show_story", json!({ "key": a }));
    assert!(!crate::text::has_unsafe(&shown.text.replace(['\n', '\t'], " ")), "{:?}", shown.text);
    assert!(shown.text.contains("\\e]52;c;aGk="), "{:?}", shown.text);
    assert_eq!(shown.structured["comments"][0]["text"], text, "JSON carries the text, escaped by JSON itself");
}

#[test]
fn a_huge_title_or_comment_is_refused_by_the_clis_limits() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let a = f.key("A");
    let text = refused(&mut ws, "create_story", json!({ "title": "t".repeat(2001) }));
    assert_eq!(text, cli_refusal(ws.board(), &"t".repeat(2001)));
    assert_eq!(text, "the title is longer than 2000 characters");
    refused(&mut ws, "edit_story", json!({ "key": a, "title": "é".repeat(2001) }));
    ok(&mut ws, "edit_story", json!({ "key": a, "title": "é".repeat(2000) }));

    let text = refused(&mut ws, "add_comment", json!({ "key": a, "text": "c".repeat(MAX_TEXT_BYTES + 1) }));
    assert_eq!(text, "the comment is 257 KiB, more than the 256 KiB a story's comment may hold");
    let text = refused(&mut ws, "edit_story", json!({ "key": a, "description": "d".repeat(MAX_TEXT_BYTES + 1) }));
    assert!(text.contains("more than the 256 KiB"), "{text}");
    ok(&mut ws, "add_comment", json!({ "key": a, "text": "c".repeat(MAX_TEXT_BYTES) }));
    let disk = on_disk(&f.root);
    assert_eq!(disk.story(a).map(|s| s.comments[0].text.len()), Some(MAX_TEXT_BYTES));
    // The comments of one story together: the fourth full one is still taken, the fifth not.
    for _ in 0..3 {
        ok(&mut ws, "add_comment", json!({ "key": a, "text": "c".repeat(MAX_TEXT_BYTES) }));
    }
    let text = refused(&mut ws, "add_comment", json!({ "key": a, "text": "one more" }));
    assert!(text.contains("comments may hold together"), "{text}");
}

#[test]
fn a_read_only_workspace_refuses_every_writing_tool_and_answers_the_reading_ones() {
    let f = fixture::small();
    let mut ws = f.open(true);
    let (a, g) = (f.key("A"), f.key("G"));
    let before = snapshot(&f.root);
    for (tool, args) in [
        ("create_story", json!({ "title": "x" })),
        ("edit_story", json!({ "key": a, "points": 1 })),
        ("move_story", json!({ "key": a, "top": true })),
        ("add_comment", json!({ "key": a, "text": "hi" })),
        ("link_stories", json!({ "blocker": a, "waiting": g })),
        ("unlink_stories", json!({ "blocker": a, "waiting": f.key("C") })),
    ] {
        let text = refused(&mut ws, tool, args);
        assert_eq!(
            text,
            format!(
                "{tool} changes the board, and this server is read-only (started with --read-only): nothing was changed"
            )
        );
    }
    for (tool, args) in [
        ("list_stories", json!({})),
        ("show_story", json!({ "key": a })),
        ("board_summary", json!({})),
        ("standup", json!({ "since": "2026-11-19" })),
    ] {
        ok(&mut ws, tool, args);
    }
    assert!(call(&mut ws, "forecast", json!({})).is_error, "no history on this board");
    assert_eq!(snapshot(&f.root), before);
    // The workspace's own apply refuses too.
    let err = ws.apply(Some("x"), |b, ctx| Ok(((), b.add_comment(a, "sneaky", ctx)?))).expect_err("read-only");
    assert!(err.0.contains("read-only"), "{err}");
    assert_eq!(snapshot(&f.root), before);
}

#[test]
fn a_story_file_damaged_elsewhere_is_never_written_over() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let (a, b) = (f.key("A"), f.key("B"));
    let path = crate::store::Store::open(&f.root).expect("open").0.story_path(a);
    std::fs::write(&path, "Story(title: \"half a file").expect("damage");
    let before = snapshot(&f.root);
    for (tool, args) in [
        ("edit_story", json!({ "key": a, "points": 1 })),
        ("add_comment", json!({ "key": a, "text": "hello" })),
        ("move_story", json!({ "key": a, "top": true })),
        ("link_stories", json!({ "blocker": b, "waiting": a })),
    ] {
        let r = call(&mut ws, tool, args);
        assert!(r.is_error, "{tool} wrote over a file it could not read: {}", r.text);
        assert!(r.text.contains(a), "{tool}: {}", r.text);
        assert_eq!(snapshot(&f.root), before, "{tool}");
    }
    // The rest of the board works as before.
    ok(&mut ws, "edit_story", json!({ "key": b, "points": 8 }));
    assert_eq!(std::fs::read(&path).expect("read"), b"Story(title: \"half a file");
    assert_eq!(on_disk(&f.root).story(b).and_then(|s| s.points), Some(8));
    ok(&mut ws, "list_stories", json!({}));
    // The lists and the summary say what they leave out, and why.
    for tool in ["list_stories", "board_summary"] {
        let r = ok(&mut ws, tool, json!({}));
        assert!(r.text.contains(&format!("cannot be read: {a}")), "{tool}: {}", r.text);
        assert_eq!(r.structured["unreadable"][0]["key"], a, "{tool}");
        assert!(r.structured["unreadable"][0]["problem"].as_str().is_some_and(|p| p.contains(".ron")), "{tool}");
    }
}

#[test]
fn a_column_a_list_or_a_type_cannot_be_null() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let a = f.key("A");
    for (field, says) in [("status", "a column"), ("sprint", "a sprint, or backlog"), ("type", "story, bug")] {
        let text = refused(&mut ws, "edit_story", json!({ "key": a, field: null }));
        assert!(text.contains(&format!("{field}: cannot be null: give {says}")), "{field}: {text}");
    }
}

#[test]
fn a_call_without_arguments_is_answered_or_refused_and_never_writes() {
    let f = fixture::small();
    let mut ws = f.open(false);
    let before = snapshot(&f.root);
    for tool in crate::agent::tools::TOOLS {
        let r = crate::agent::tools::call(&mut ws, tool, None, None);
        // The tools that need nothing answer; the others say what they need.
        let needs = matches!(tool.name, "show_story" | "create_story" | "edit_story" | "move_story" | "add_comment")
            || tool.name.contains("link")
            || tool.name == "forecast"; // no history on this board
        assert_eq!(r.is_error, needs, "{}: {}", tool.name, r.text);
        assert_eq!(snapshot(&f.root), before, "{}", tool.name);
    }
    assert_eq!(ws.board(), &on_disk(&f.root));
}
