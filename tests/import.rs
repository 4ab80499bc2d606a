//! `import` through the real binary, on exports in the trackers' own shapes
//! (`tests/fixtures/import/`): the summary, `--dry-run`, importing again, the round trip of
//! the board's own JSON export.

mod common;

use common::*;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn by_title(b: &TestBoard, title: &str) -> serde_json::Value {
    let list = b.json(&["list", "--sprint", "all", "--format", "json"]);
    let key = list.as_array().expect("list").iter().find(|s| s["title"] == title).expect(title)["key"].clone();
    b.json(&["show", key.as_str().expect("key"), "--format", "json"])
}

#[test]
fn a_dry_run_says_everything_and_writes_nothing() {
    let b = TestBoard::new();
    let before = files(&b.root);
    let out = b.ok(&["import", "jira", &fixture("jira-server.csv"), "--dry-run"]);
    assert!(
        out.starts_with("Would import from") && out.contains("5 created, 0 updated, 0 unchanged, 1 skipped"),
        "{out}"
    );
    for needle in [
        "New epics: Checkout, WEB-200",
        "New sprints: WEB Sprint 0, WEB Sprint 1, WEB Sprint 2",
        "\"Wire the button\": a sub-task",
        "2.5 points rounded up to 3",
        "status \"Verifying\" → Review",
        "Watchers",
        "blocks",
        "Nothing was written (--dry-run).",
    ] {
        assert!(out.contains(needle), "{needle:?} in {out}");
    }
    assert_eq!(files(&b.root), before, "nothing written");
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let b = TestBoard::new();
    for (source, file, created) in [
        ("jira", "jira-server.csv", 5),
        ("jira", "jira-cloud.csv", 3),
        ("trello", "trello-board.json", 6),
        ("trello", "trello-card.json", 1),
        ("github", "github-gh.json", 2),
        ("github", "github-rest.json", 1),
    ] {
        let out = b.ok(&["import", source, &fixture(file)]);
        assert!(out.contains(&format!(": {created} created, 0 updated")), "{file}: {out}");
        let after_first = files(&b.root);
        let out = b.ok(&["import", source, &fixture(file)]);
        assert!(out.contains(&format!(": 0 created, 0 updated, {created} unchanged")), "{file}: {out}");
        assert_eq!(files(&b.root), after_first, "{file}: the second import wrote nothing");
    }
    assert!(b.run(&["check"]).status.success(), "{}", b.ok(&["check"]));
    let pay = by_title(&b, "Pay with a saved card");
    assert_eq!(pay["origin"], "jira:WEB-101");
    assert_eq!(pay["type"], "story");
    assert_eq!(pay["epic"], "Checkout");
    assert_eq!(pay["acceptance"], "- card is remembered\n- CVC asked again");
    assert_eq!(by_title(&b, "Old login bug")["type"], "bug");
    let text = b.ok(&["show", pay["key"].as_str().expect("key")]);
    assert!(text.contains("Imported from: jira:WEB-101") && text.contains("Type: story"), "{text}");
    assert_eq!(by_title(&b, "Export to PDF")["origin"], "github:acme/app#13");
}

#[test]
fn a_source_change_is_taken_and_a_local_edit_kept() {
    let b = TestBoard::new();
    b.ok(&["import", "jira", &fixture("jira-server.csv")]);
    let pay = by_title(&b, "Pay with a saved card")["key"].as_str().expect("key").to_owned();
    b.ok(&["edit", &pay, "--title", "Pay by card"]);
    let changed = std::fs::read_to_string(fixture("jira-server.csv"))
        .expect("fixture")
        .replace("Pay with a saved card", "Pay with saved cards")
        .replace("Receipt email", "Receipt e-mail");
    let path = b.tmp.path().join("again.csv");
    std::fs::write(&path, changed).expect("write");
    let out = b.ok(&["import", "jira", path.to_str().expect("path")]);
    assert!(out.contains("0 created, 1 updated, 4 unchanged"), "{out}");
    assert!(out.contains(&format!("{pay} (jira:WEB-101): title")), "{out}");
    assert_eq!(b.json(&["show", &pay, "--format", "json"])["title"], "Pay by card");
    assert!(by_title(&b, "Receipt e-mail")["origin"] == "jira:WEB-102");
}

#[test]
fn the_boards_own_export_imports_back_to_the_same_board() {
    let b = TestBoard::new();
    b.ok(&["import", "jira", &fixture("jira-server.csv")]);
    b.ok(&["import", "trello", &fixture("trello-board.json")]);
    let key = b.keys("backlog")[0].clone();
    b.ok(&["move", &key, "--status", "In Progress"]);
    let export = b.ok(&["export", "--format", "json"]);
    let path = b.tmp.path().join("export.json");
    std::fs::write(&path, &export).expect("write");

    let other = TestBoard::new();
    let out = other.ok(&["import", "sprintboard", path.to_str().expect("path")]);
    assert!(out.contains("created"), "{out}");
    assert_eq!(other.ok(&["export", "--format", "json"]), export, "the same board, history and all");
    let out = other.ok(&["import", "sprintboard", path.to_str().expect("path")]);
    assert!(out.contains("0 created, 0 updated"), "{out}");
    assert!(other.run(&["check"]).status.success());
}

#[test]
fn malformed_files_and_mappings_are_refused_with_nothing_written() {
    let b = TestBoard::new();
    let before = files(&b.root);
    let bad_row = b.tmp.path().join("bad.csv");
    // A title over the limit on line 3: the whole import is refused.
    std::fs::write(&bad_row, format!("Summary,Issue key\nFine,X-1\n{},X-2\n", "t".repeat(2001))).expect("write");
    let out = b.run(&["import", "jira", bad_row.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("bad.csv: line 3 (X-2)") && stderr(&out).contains("nothing was imported"),
        "{}",
        stderr(&out)
    );
    let out = b.run(&["import", "jira", &fixture("jira-server.csv"), "--map-status", "Verifying=Nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Verifying=Nowhere") && stderr(&out).contains("no column named"), "{}", stderr(&out));
    let out = b.run(&["import", "jira", &fixture("jira-server.csv"), "--map-status", "Verifying"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("NAME=COLUMN"), "{}", stderr(&out));
    let own = b.tmp.path().join("own.json");
    std::fs::write(&own, r#"{"schema": 1, "board": {"nope": 1}, "stories": []}"#).expect("write");
    assert_eq!(b.run(&["import", "sprintboard", own.to_str().expect("path")]).status.code(), Some(2));
    assert_eq!(files(&b.root), before, "nothing written");
}

#[test]
fn jira_sprints_keep_their_order_done_work_stays_out_and_links_are_kept() {
    let b = TestBoard::new();
    let out = b.ok(&["import", "jira", &fixture("jira-sprints.csv")]);
    for needle in [
        "New sprints: IP 24.02 Nov 08 - Nov 22, 24.03 Nov 22 - Dec 06, 24.04 Dec 06 - Dec 20",
        "Closed (before the current work): IP 24.02 Nov 08 - Nov 22, 24.03 Nov 22 - Dec 06",
        "line 7 (DEV-6) \"Typo on the home page\": done, and never in a sprint (--include-done imports it)",
        "line 11 (DEV-10): 21 fields where the header has 20",
        "Dependencies (2):",
        "(DEV-3) waits on ",
        "(DEV-9) waits on ",
    ] {
        assert!(out.contains(needle), "{needle:?} in {out}");
    }
    let sprints = b.ok(&["sprint", "list"]);
    let at = |name: &str| sprints.find(name).unwrap_or_else(|| panic!("{name} in {sprints}"));
    assert!(at("IP 24.02") < at("24.03") && at("24.03") < at("24.04"), "{sprints}");
    assert_eq!(b.keys("backlog").len(), 1, "only the open backlog issue, not the done ones");
    let saved = by_title(&b, "Saved searches");
    let index = by_title(&b, "Search index");
    assert_eq!(saved["blocked_by"], serde_json::json!([index["key"]]));
    assert!(b.run(&["check"]).status.success(), "{}", b.ok(&["check"]));
    let out = b.ok(&["import", "jira", &fixture("jira-sprints.csv")]);
    assert!(out.contains(": 0 created, 0 updated, 5 unchanged"), "{out}");
}

#[test]
fn a_trello_board_looks_like_it_did_on_trello() {
    let b = TestBoard::new();
    let out = b.ok(&["import", "trello", &fixture("trello-japanese.json"), "--map-list", "いつか=backlog"]);
    for needle in [
        "Started (it holds the current work): プロダクト開発",
        "list \"クローズ\" → Done, the last list",
        "in the archived list \"2025年\"",
        "assigned to 佐藤 花子; also to taro_dev",
        "members 600000000000000000000001 of cards: not among the board's members",
    ] {
        assert!(out.contains(needle), "{needle:?} in {out}");
    }
    assert!(!out.contains("no sprint is active"), "{out}");
    assert_eq!(b.keys("backlog").len(), 3, "Ideas, Future Work and the list mapped to the backlog");
    let sprint = b.json(&["list", "--sprint", "プロダクト開発", "--format", "json"]);
    let cards: Vec<(&str, &str)> = sprint
        .as_array()
        .expect("list")
        .iter()
        .map(|s| (s["title"].as_str().expect("title"), s["status"].as_str().expect("status")))
        .collect();
    assert_eq!(
        cards,
        [
            ("検索", "To Do"),
            ("通知", "To Do"),
            ("ログイン画面", "In Progress"),
            ("設定画面", "Review"),
            ("初期設定", "Done")
        ]
    );
    assert_eq!(by_title(&b, "ログイン画面")["assignee"], "佐藤 花子");
    let again = b.ok(&["import", "trello", &fixture("trello-japanese.json"), "--map-list", "いつか=backlog"]);
    assert!(again.contains(": 0 created, 0 updated, 8 unchanged") && !again.contains("New sprints"), "{again}");
}

#[test]
fn an_export_without_ids_is_refused_and_imported_only_when_duplicates_are_allowed() {
    let b = TestBoard::new();
    let before = files(&b.root);
    let out = b.run(&["import", "github", &fixture("github-no-numbers.json")]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("gh issue list --state all --json number,title,body,state,labels,assignees,milestone,url")
            && err.contains("--allow-duplicates")
            && err.contains("nothing was imported"),
        "{err}"
    );
    assert_eq!(files(&b.root), before, "nothing written");
    let out = b.ok(&["import", "github", &fixture("github-no-numbers.json"), "--allow-duplicates"]);
    assert!(out.contains("2 created"), "{out}");
    let out = b.ok(&["import", "github", &fixture("github-no-numbers.json"), "--allow-duplicates"]);
    assert!(out.contains("2 created") && out.contains("added as a new story on every import"), "{out}");
    assert_eq!(b.keys("backlog").len(), 4);
}
