//! Every CLI command, output format and exit code, on real temporary boards.

mod common;

use common::*;

#[test]
fn init_creates_a_team_board_here_and_refuses_a_second_time() {
    let tmp = tempfile::tempdir().expect("tmp");
    let repo = tmp.path().join("my-repo");
    std::fs::create_dir_all(repo.join("src/deep")).expect("dirs");
    let out = sprintboard(tmp.path()).current_dir(&repo).args(["init", "--prefix", "web"]).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let board = std::fs::read_to_string(repo.join(".sprintboard/board.ron")).expect("board.ron");
    assert!(board.contains("name: \"my-repo\""), "{board}");
    assert!(board.contains("prefix: \"WEB\""), "{board}");
    assert!(repo.join(".sprintboard/stories").is_dir());
    assert!(std::fs::read_to_string(repo.join(".sprintboard/.gitignore")).expect("ignore").contains(".lock"));

    // Found from a subdirectory, and keys use the prefix.
    let out = sprintboard(tmp.path()).current_dir(repo.join("src/deep")).args(["add", "Hello"]).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("WEB-"));

    let again = sprintboard(tmp.path()).current_dir(&repo).arg("init").output().expect("run");
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already a board"), "{}", stderr(&again));

    let bad =
        sprintboard(tmp.path()).current_dir(tmp.path()).args(["init", "--prefix", "no way"]).output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn first_run_creates_the_personal_board_from_the_example() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = sprintboard(tmp.path()).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("created your personal board at"), "{err}");
    assert!(err.contains("personal board at"), "{err}");
    let text = stdout(&out);
    assert!(text.contains("Web shop"), "{text}");
    assert!(text.contains("(active"), "{text}");
    assert!(text.contains("BLOCKED"), "{text}");
    // The second run opens the same board and does not announce a creation.
    let out = sprintboard(tmp.path()).arg("list").output().expect("run");
    assert!(!stderr(&out).contains("created"));
}

#[test]
fn add_prints_the_key_alone_and_appends_to_the_bottom() {
    let b = TestBoard::new();
    b.ok(&["epic", "new", "Login"]);
    b.ok(&["sprint", "new", "Sprint 1", "--capacity", "20"]);
    let k1 = b.add("First", &[]);
    let k2 =
        b.add("Second", &["--points", "3", "--epic", "login", "--assignee", "ana", "--label", "api", "--label", "web"]);
    let k3 = b.add("In a sprint", &["--sprint", "Sprint 1", "--status", "review"]);
    assert!(k1.starts_with("SB-") && k1.len() == 7, "{k1}");
    assert_eq!(b.keys("backlog"), [k1.clone(), k2.clone()]);
    assert_eq!(b.keys("sprint 1"), [k3.as_str()]);
    let s = b.json(&["show", &k2, "--format", "json"]);
    assert_eq!(s["points"], 3);
    assert_eq!(s["epic"], "Login");
    assert_eq!(s["epic_id"], "login");
    assert_eq!(s["assignee"], "ana");
    assert_eq!(s["labels"], serde_json::json!(["api", "web"]));
    assert_eq!(s["status"], "To Do");
    assert_eq!(s["history"][0]["change"], "created");
    assert_eq!(s["history"][0]["by"], "tester");
    assert_eq!(b.json(&["show", &k3, "--format", "json"])["status"], "Review");

    for (args, code) in [
        (vec!["add", ""], 2),
        (vec!["add", "x", "--sprint", "nope"], 1),
        (vec!["add", "x", "--epic", "nope"], 1),
        (vec!["add", "x", "--status", "nope"], 1),
        (vec!["add", "x", "--points", "many"], 2),
        (vec!["add"], 2),
    ] {
        let out = b.run(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?} printed {}", stdout(&out));
    }
    assert_eq!(b.keys("all").len(), 3);
}

#[test]
fn list_formats_and_filters() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    b.ok(&["sprint", "new", "S2"]);
    let a = b.add("in s2", &["--sprint", "S2"]);
    let c = b.add("backlog, with \"quotes\", and commas", &["--points", "2"]);
    let d = b.add("in s1", &["--sprint", "s1", "--status", "doing"]);
    assert_eq!(b.keys("all"), [d.clone(), a.clone(), c.clone()], "sprints in order, then the backlog");

    let json = b.json(&["list", "--format", "json"]);
    let first = &json[0];
    for field in ["key", "title", "status", "sprint", "rank", "points", "assignee", "epic", "labels", "blocked"] {
        assert!(first.get(field).is_some(), "missing {field} in {first}");
    }
    assert_eq!(first["sprint"], "S1");
    assert_eq!(json[2]["sprint"], serde_json::Value::Null);
    assert_eq!(json[2]["blocked"], serde_json::Value::Null);

    let filtered = b.json(&["list", "--status", "In progress", "--format", "json"]);
    assert_eq!(filtered.as_array().map(Vec::len), Some(1));

    let csv = b.ok(&["list", "--format", "csv"]);
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let headers = rdr.headers().expect("headers").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["key", "title", "status", "sprint", "rank", "points", "assignee", "epic", "labels", "blocked"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[2][1], "backlog, with \"quotes\", and commas");

    let table = b.ok(&["list"]);
    // Planned without dates, a sprint gets the cadence's: two weeks of working days.
    assert!(table.contains("S1 (planned, ") && table.contains("Backlog · 2 points"), "{table}");
    assert!(table.contains(&c), "{table}");

    assert_eq!(b.run(&["list", "--sprint", "nope"]).status.code(), Some(1));
    assert_eq!(b.run(&["list", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(b.run(&["list", "--status", "nope"]).status.code(), Some(1));
}

#[test]
fn show_text_and_json_with_history() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    let k = b.add("A story", &["--points", "5"]);
    b.ok(&["move", &k, "--sprint", "S1", "--status", "in progress"]);
    b.ok(&[
        "edit",
        &k,
        "--blocked",
        "waiting",
        "--description",
        "line 1\nline 2",
        "--rice",
        "100,2,0.5,4",
        "--moscow",
        "must",
    ]);
    let text = b.ok(&["show", &k.to_lowercase()]);
    for needle in [
        "A story",
        "Status: In Progress",
        "Sprint: S1",
        "BLOCKED: waiting",
        "line 2",
        "RICE: 25",
        "MoSCoW: must",
        "To Do → In Progress",
        "the backlog → S1",
        "blocked: waiting",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    let j = b.json(&["show", &k, "--format", "json"]);
    assert_eq!(j["rice_score"], 25.0);
    assert_eq!(j["moscow"], "Must");
    assert_eq!(j["description"], "line 1\nline 2");
    let kinds: Vec<&str> =
        j["history"].as_array().expect("history").iter().map(|h| h["change"].as_str().expect("kind")).collect();
    assert_eq!(kinds, ["created", "sprint", "status", "blocked"]);
    assert_eq!(j["history"][2]["from"], "todo");
    assert_eq!(j["history"][2]["to"], "doing");
    assert_eq!(j["history"][3]["reason"], "waiting");

    let missing = b.run(&["show", "SB-ZZZZ"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no story SB-ZZZZ"), "{}", stderr(&missing));
}

#[test]
fn move_reorders_and_writes_only_the_moved_story() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    let keys: Vec<String> = ["a", "b", "c", "d"].iter().map(|t| b.add(t, &[])).collect();
    let before = files(&b.root);
    b.ok(&["move", &keys[3], "--top"]);
    let after = files(&b.root);
    let changed: Vec<_> =
        after.iter().filter(|(p, bytes)| before.get(*p) != Some(bytes)).map(|(p, _)| p.clone()).collect();
    assert_eq!(changed, [b.story_path(&keys[3])], "only the moved story's file changes");
    assert_eq!(b.keys("backlog"), [keys[3].clone(), keys[0].clone(), keys[1].clone(), keys[2].clone()]);

    b.ok(&["move", &keys[3], "--bottom"]);
    assert_eq!(b.keys("backlog"), [keys[0].clone(), keys[1].clone(), keys[2].clone(), keys[3].clone()]);
    b.ok(&["move", &keys[0], "--after", &keys[2]]);
    assert_eq!(b.keys("backlog"), [keys[1].clone(), keys[2].clone(), keys[0].clone(), keys[3].clone()]);
    b.ok(&["move", &keys[3], "--before", &keys[1]]);
    assert_eq!(b.keys("backlog"), [keys[3].clone(), keys[1].clone(), keys[2].clone(), keys[0].clone()]);

    let out = b.ok(&["move", &keys[2], "--sprint", "s1", "--status", "REVIEW"]);
    assert!(out.contains("S1 · Review"), "{out}");
    assert_eq!(b.keys("S1"), [keys[2].clone()]);
    assert!(b.ok(&["move", &keys[2]]).trim_end().ends_with("(unchanged)"));

    for (args, code) in [
        (vec!["move", "SB-ZZZZ", "--top"], 1),
        (vec!["move", keys[0].as_str(), "--top", "--bottom"], 2),
        (vec!["move", keys[0].as_str(), "--status", "nope"], 1),
        (vec!["move", keys[0].as_str(), "--sprint", "nope"], 1),
        (vec!["move", keys[0].as_str(), "--before", keys[0].as_str()], 1),
        (vec!["move", keys[0].as_str(), "--sprint", "backlog", "--before", keys[2].as_str()], 1),
    ] {
        assert_eq!(b.run(&args).status.code(), Some(code), "{args:?}");
    }
}

#[test]
fn edit_every_field_and_reject_bad_values() {
    let b = TestBoard::new();
    b.ok(&["epic", "new", "Login"]);
    let k = b.add("Old", &["--label", "keep", "--label", "drop"]);
    b.ok(&[
        "edit",
        &k,
        "--title",
        "New",
        "--points",
        "8",
        "--assignee",
        "bo",
        "--epic",
        "Login",
        "--label",
        "more",
        "--unlabel",
        "drop",
        "--blocked",
        "API down",
        "--description",
        "- a list",
        "--acceptance",
        "- works",
        "--moscow",
        "should",
        "--rice",
        "10,1,1,2",
        "--wsjf",
        "1,2,3,3",
    ]);
    let j = b.json(&["show", &k, "--format", "json"]);
    assert_eq!(j["title"], "New");
    assert_eq!(j["points"], 8);
    assert_eq!(j["assignee"], "bo");
    assert_eq!(j["epic"], "Login");
    assert_eq!(j["labels"], serde_json::json!(["keep", "more"]));
    assert_eq!(j["blocked"], "API down");
    assert_eq!(j["description"], "- a list");
    assert_eq!(j["acceptance"], "- works");
    assert_eq!(j["moscow"], "Should");
    assert_eq!(j["rice_score"], 5.0);
    assert_eq!(j["wsjf_score"], 2.0);

    b.ok(&[
        "edit",
        &k,
        "--points",
        "none",
        "--unassign",
        "--epic",
        "none",
        "--unblocked",
        "--moscow",
        "none",
        "--rice",
        "none",
    ]);
    let j = b.json(&["show", &k, "--format", "json"]);
    for field in ["points", "assignee", "epic", "blocked", "moscow", "rice"] {
        assert_eq!(j[field], serde_json::Value::Null, "{field}");
    }
    let kinds: Vec<&str> =
        j["history"].as_array().expect("history").iter().filter_map(|e| e["change"].as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k != "points").count(), 3, "created, blocked, unblocked: {kinds:?}");
    assert!(kinds.contains(&"points"), "and the re-estimates: {kinds:?}");

    let before = files(&b.root);
    for (args, code) in [
        (vec!["edit", k.as_str()], 2),
        (vec!["edit", k.as_str(), "--points", "lots"], 2),
        (vec!["edit", k.as_str(), "--rice", "1,2"], 2),
        (vec!["edit", k.as_str(), "--moscow", "maybe"], 2),
        (vec!["edit", k.as_str(), "--title", " "], 2),
        (vec!["edit", k.as_str(), "--epic", "nope"], 1),
        (vec!["edit", k.as_str(), "--assignee", "x", "--unassign"], 2),
        (vec!["edit", "SB-ZZZZ", "--title", "x"], 1),
    ] {
        let out = b.run(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(files(&b.root), before, "refused edits write nothing");
}

#[test]
fn delete_removes_the_file() {
    let b = TestBoard::new();
    let k = b.add("Gone soon", &[]);
    assert!(b.story_path(&k).exists());
    let out = b.ok(&["delete", &k]);
    assert!(out.contains("Deleted") && out.contains("Gone soon"), "{out}");
    assert!(!b.story_path(&k).exists());
    assert_eq!(b.run(&["delete", &k]).status.code(), Some(1));
}

#[test]
fn sprint_lifecycle_with_carry_over() {
    let b = TestBoard::new();
    assert!(b.ok(&["sprint", "list"]).contains("No sprints yet"));
    assert_eq!(
        b.ok(&[
            "sprint",
            "new",
            "Sprint 1",
            "--goal",
            "Ship",
            "--start",
            "2026-11-02",
            "--end",
            "2026-11-13",
            "--capacity",
            "20"
        ])
        .trim(),
        "Planned sprint Sprint 1 [sprint-1]"
    );
    b.ok(&["sprint", "new", "Sprint 2"]);
    let done = b.add("done", &["--sprint", "Sprint 1", "--points", "3"]);
    let open = b.add("open", &["--sprint", "Sprint 1", "--points", "5"]);
    b.ok(&["move", &done, "--status", "done"]);
    assert_eq!(b.run(&["sprint", "close"]).status.code(), Some(1), "nothing is active yet");
    b.ok(&["sprint", "start", "sprint 1"]);
    assert_eq!(b.run(&["sprint", "start", "Sprint 2"]).status.code(), Some(1), "one active sprint at a time");
    let rows = b.json(&["sprint", "list", "--format", "json"]);
    assert_eq!(rows[0]["state"], "active");
    assert_eq!(rows[0]["points"], 8);
    assert_eq!(rows[0]["done_points"], 3);
    assert_eq!(rows[0]["capacity"], 20);
    assert_eq!(rows[0]["start"], "2026-11-02");
    let out = b.ok(&["sprint", "close"]);
    assert!(out.contains("1 unfinished story moved to Sprint 2"), "{out}");
    assert_eq!(b.keys("Sprint 2"), [open.as_str()]);
    assert_eq!(b.keys("Sprint 1"), [done]);
    let hist = b.json(&["show", &open, "--format", "json"])["history"].clone();
    assert_eq!(hist.as_array().and_then(|h| h.last()).map(|h| h["to"].clone()), Some(serde_json::json!("sprint-2")));
    assert_eq!(
        b.run(&["move", &open, "--sprint", "Sprint 1"]).status.code(),
        Some(1),
        "closed sprints take no stories"
    );
    assert_eq!(b.run(&["sprint", "new", "x", "--start", "soon"]).status.code(), Some(2));
    assert_eq!(b.run(&["sprint", "new", "sprint 2"]).status.code(), Some(1));
    let text = b.ok(&["sprint", "list"]);
    assert!(text.contains("Sprint 1") && text.contains("closed"), "{text}");
}

#[test]
fn epics_list_progress() {
    let b = TestBoard::new();
    assert!(b.ok(&["epic", "list"]).contains("No epics yet"));
    assert_eq!(
        b.ok(&["epic", "new", "Login flow", "--description", "d"]).trim(),
        "Created epic Login flow [login-flow]"
    );
    let k = b.add("x", &["--epic", "login flow", "--points", "4"]);
    b.add("y", &["--epic", "login-flow", "--points", "4"]);
    b.ok(&["move", &k, "--status", "Done"]);
    let rows = b.json(&["epic", "list", "--format", "json"]);
    assert_eq!(rows[0]["stories"], 2);
    assert_eq!(rows[0]["done_points"], 4);
    assert!(b.ok(&["epic", "list"]).contains("(50%)"));
    assert_eq!(b.run(&["epic", "new", "LOGIN FLOW"]).status.code(), Some(1));
    // An epic without points is measured by its stories: no "0/0 points (0%)".
    b.ok(&["epic", "new", "Docs"]);
    for t in ["Guide", "FAQ"] {
        let k = b.add(t, &["--epic", "docs"]);
        b.ok(&["move", &k, "--status", "Done"]);
    }
    let text = b.ok(&["epic", "list"]);
    let docs = text.lines().find(|l| l.starts_with("Docs")).expect("the Docs row");
    assert!(docs.contains("2/2 stories done") && !docs.contains("points") && !docs.contains('%'), "{docs}");
}

/// `sprint new` without dates follows the team's cadence: from the first working day after the
/// last sprint, as many working days as it lasted.
#[test]
fn new_sprints_follow_the_cadence() {
    let b = TestBoard::new();
    let at = |args: &[&str]| {
        let out = b.cmd().env("SPRINTBOARD_NOW", "2026-11-10T09:00:00Z").env("TZ", "UTC").args(args).output();
        let out = out.expect("run");
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let dates = |name: &str| {
        let v: serde_json::Value = serde_json::from_str(&at(&["sprint", "list", "--format", "json"])).expect("json");
        let s = v.as_array().expect("sprints").iter().find(|s| s["name"] == name).expect("the sprint").clone();
        (s["start"].as_str().unwrap_or("-").to_owned(), s["end"].as_str().unwrap_or("-").to_owned())
    };
    // Before any sprint: two weeks of working days from today (a Tuesday).
    at(&["sprint", "new", "Sprint 26"]);
    assert_eq!(dates("Sprint 26"), ("2026-11-10".into(), "2026-11-23".into()));
    at(&["sprint", "edit", "Sprint 26", "--start", "2026-11-02", "--end", "2026-11-13"]);
    // After a sprint ending Friday the 13th: Monday the 16th to Friday the 27th, not Saturday
    // to Wednesday.
    at(&["sprint", "new", "Sprint 27"]);
    assert_eq!(dates("Sprint 27"), ("2026-11-16".into(), "2026-11-27".into()));
    // A start alone: as many working days from there.
    at(&["sprint", "new", "Sprint 28", "--start", "2026-11-30"]);
    assert_eq!(dates("Sprint 28"), ("2026-11-30".into(), "2026-12-11".into()));
    // A one-week team keeps one week.
    at(&["sprint", "edit", "Sprint 28", "--end", "2026-12-04"]);
    at(&["sprint", "new", "Sprint 29"]);
    assert_eq!(dates("Sprint 29"), ("2026-12-07".into(), "2026-12-11".into()));
}

#[test]
fn export_in_every_format() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1", "--goal", "Goal | pipes"]);
    let k = b.add("Title | with pipe", &["--sprint", "S1", "--points", "2"]);
    b.add("Backlog one", &[]);
    let json = b.json(&["export", "--format", "json"]);
    assert_eq!(json["board"]["name"], "Test");
    assert_eq!(json["stories"][0]["key"], k.as_str());
    assert!(json["stories"][0]["history"].is_array());
    let csv = b.ok(&["export", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 3);
    let md = b.ok(&["export", "--format", "markdown"]);
    assert!(md.starts_with("# Test\n"), "{md}");
    assert!(md.contains("## S1 (planned) · 2 points") && md.contains("Title \\| with pipe"), "{md}");
    let ron = b.ok(&["export", "--format", "ron"]);
    assert!(ron.contains("stories: [") && ron.contains(&k), "{ron}");
    assert_eq!(b.run(&["export", "--format", "pdf"]).status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2_with_a_usage_message() {
    let b = TestBoard::new();
    for args in [vec!["frobnicate"], vec!["move"], vec!["show"], vec!["list", "--nope"], vec!["sprint"]] {
        let out = b.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("Usage"), "{args:?}: {}", stderr(&out));
    }
    let help = b.run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("Exit codes"));
}

#[test]
fn import_from_jira_trello_and_github() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "Sprint 1"]);
    let dir = b.tmp.path();
    std::fs::write(
        dir.join("jira.csv"),
        "Issue key,Summary,Status,Custom field (Story Points),Assignee,Labels,Sprint,Description\n\
        X-1,Login page,In Progress,3,ana,ui,Sprint 1,\"Two\nlines\"\nX-2,Shipped,Done,2,,,Sprint 1,\n",
    )
    .expect("write");
    let out = b.ok(&["import", "jira", dir.join("jira.csv").to_str().expect("path")]);
    assert!(out.contains(": 2 created, 0 updated"), "{out}");
    let list = b.json(&["list", "--format", "json"]);
    let login = list.as_array().expect("list").iter().find(|s| s["title"] == "Login page").expect("imported");
    assert_eq!(
        (login["status"].as_str(), login["sprint"].as_str(), login["points"].as_u64()),
        (Some("In Progress"), Some("Sprint 1"), Some(3))
    );
    let shipped = list.as_array().expect("list").iter().find(|s| s["title"] == "Shipped").expect("imported");
    assert_eq!(shipped["status"], "Done");

    std::fs::write(
        dir.join("trello.json"),
        r#"{"lists":[{"id":"l","name":"Review"}],"cards":[{"id":"c1","name":"From Trello","idList":"l"}]}"#,
    )
    .expect("w");
    assert!(b.ok(&["import", "trello", dir.join("trello.json").to_str().expect("path")]).contains(": 1 created"));
    std::fs::write(
        dir.join("gh.json"),
        r#"[{"number":3,"title":"From GitHub","state":"OPEN","labels":[{"name":"bug"}],"assignees":[],"milestone":null}]"#,
    )
    .expect("w");
    assert!(b.ok(&["import", "github", dir.join("gh.json").to_str().expect("path")]).contains(": 1 created"));
    assert_eq!(b.keys("all").len(), 4);

    for (source, content) in [("jira", "not,a\njira,export\n"), ("trello", r#"{"cards": 5}"#), ("github", "{")] {
        let path = dir.join(format!("bad-{source}"));
        std::fs::write(&path, content).expect("w");
        let before = files(&b.root);
        let out = b.run(&["import", source, path.to_str().expect("path")]);
        assert_eq!(out.status.code(), Some(2), "{source}: {}", stderr(&out));
        assert_eq!(files(&b.root), before, "{source}: nothing written");
    }
    assert_eq!(b.run(&["import", "jira", "/nonexistent.csv"]).status.code(), Some(2));
}

#[test]
fn a_missing_board_is_reported() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = sprintboard(tmp.path()).args(["--board", "nowhere", "list"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no board at nowhere"), "{}", stderr(&out));
}

#[test]
fn the_bare_command_prints_the_board_and_where_it_is() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    b.ok(&["sprint", "start", "S1"]);
    b.add("日本語のタイトル 🎉", &["--sprint", "S1"]);
    let out = b.run(&[]);
    assert!(out.status.success());
    assert!(stderr(&out).contains(&format!("board at {}", b.root.display())));
    let text = stdout(&out);
    assert!(text.contains("S1 (active") && text.contains("日本語のタイトル 🎉"), "{text}");
}

#[test]
fn the_clock_and_author_come_from_the_environment() {
    let b = TestBoard::new();
    let out = b
        .cmd()
        .env("SPRINTBOARD_NOW", "2026-01-02T03:04:05Z")
        .env("SPRINTBOARD_USER", "maya")
        .args(["add", "x"])
        .output()
        .expect("run");
    let key = stdout(&out).trim().to_owned();
    let j = b.json(&["show", &key, "--format", "json"]);
    assert_eq!(j["created"], "2026-01-02T03:04:05Z");
    assert_eq!(j["history"][0]["by"], "maya");
    let bad = b.cmd().env("SPRINTBOARD_NOW", "yesterday").args(["add", "x"]).output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn reports_velocity_burndown_and_standup() {
    let b = TestBoard::new();
    let at = |t: &str, args: &[&str]| {
        let out = b.cmd().env("SPRINTBOARD_NOW", t).env("TZ", "UTC").args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    assert!(at("2026-11-01T09:00:00Z", &["report", "velocity"]).contains("No sprint has started yet"));
    at("2026-11-01T09:00:00Z", &["sprint", "new", "S1", "--start", "2026-11-02", "--end", "2026-11-06"]);
    let a = at("2026-11-01T09:00:00Z", &["add", "A", "--sprint", "S1", "--points", "3", "--assignee", "ana"])
        .trim()
        .to_owned();
    let c = at("2026-11-01T09:00:00Z", &["add", "C", "--sprint", "S1", "--points", "5", "--assignee", "bo"])
        .trim()
        .to_owned();
    at("2026-11-02T08:00:00Z", &["sprint", "start", "S1"]);
    at("2026-11-03T10:00:00Z", &["move", &a, "--status", "done"]);
    at("2026-11-04T10:00:00Z", &["move", &c, "--status", "in progress"]);
    at("2026-11-04T11:00:00Z", &["edit", &c, "--blocked", "API"]);

    let v: serde_json::Value =
        serde_json::from_str(&at("2026-11-05T09:00:00Z", &["report", "velocity", "--format", "json"])).expect("json");
    assert_eq!(v[0]["committed"], 8);
    assert_eq!(v[0]["completed"], 3);
    let text = at("2026-11-05T09:00:00Z", &["report", "velocity"]);
    assert!(text.contains("committed    8") && text.contains("completed    3"), "{text}");

    let d: serde_json::Value =
        serde_json::from_str(&at("2026-11-05T09:00:00Z", &["report", "burndown", "--format", "json"])).expect("json");
    let remaining: Vec<Option<u64>> = d.as_array().expect("days").iter().map(|x| x["remaining"].as_u64()).collect();
    assert_eq!(remaining, [Some(8), Some(5), Some(5), Some(5), None], "2nd to 5th of November; the 6th to come");
    assert!(at("2026-11-05T09:00:00Z", &["report", "burndown", "--sprint", "s1"]).contains("2026-11-03     5"));

    let s = at("2026-11-05T09:00:00Z", &["report", "standup", "--since", "2026-11-04"]);
    assert!(
        s.contains("bo")
            && s.contains(&format!("{c} C: To Do → In Progress"))
            && s.contains("blocked  ")
            && s.contains("doing"),
        "{s}"
    );
    assert!(!s.contains(&format!("{a} A: To Do → Done")), "older moves are left out: {s}");
    let s = at("2026-11-05T09:00:00Z", &["report", "standup", "--since", "2026-11-01"]);
    assert!(s.contains(&format!("{a} A: To Do → Done")), "{s}");
    // A creation is said as one, not as a move.
    assert!(s.contains(&format!("created  {a} A: in S1")), "{s}");
    assert!(!s.contains("created in"), "{s}");
    let people = at("2026-11-05T09:00:00Z", &["report", "standup", "--since", "2026-11-01", "--format", "json"]);
    let people: serde_json::Value = serde_json::from_str(&people).expect("json");
    let tester = people.as_array().expect("people").iter().find(|p| p["name"] == "tester").expect("who").clone();
    let mut created: Vec<String> =
        tester["created"].as_array().expect("created").iter().filter_map(|c| c.as_str().map(str::to_owned)).collect();
    created.sort();
    let mut expected = [format!("{a} A: in S1"), format!("{c} C: in S1")];
    expected.sort();
    assert_eq!(created, expected);

    let bad = b.run(&["report", "standup", "--since", "last week"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(b.run(&["report", "burndown", "--sprint", "nope"]).status.code(), Some(1));
}

/// A sprint of 15 points, 5 done, closed with 10 carried to the next: its burndown ends at the
/// 10 carried over, with no scope change, in the text, the JSON and the chart.
#[test]
fn a_closed_sprints_burndown_ends_at_what_it_carried_over() {
    let b = TestBoard::new();
    let at = |t: &str, args: &[&str]| {
        let out = b.cmd().env("SPRINTBOARD_NOW", t).env("TZ", "UTC").args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    at("2026-11-01T09:00:00Z", &["sprint", "new", "S1", "--start", "2026-11-02", "--end", "2026-11-13"]);
    at("2026-11-01T09:00:00Z", &["sprint", "new", "S2"]);
    let a = at("2026-11-01T09:00:00Z", &["add", "A", "--sprint", "S1", "--points", "5"]).trim().to_owned();
    at("2026-11-01T09:00:00Z", &["add", "C", "--sprint", "S1", "--points", "10"]);
    at("2026-11-02T08:00:00Z", &["sprint", "start", "S1"]);
    at("2026-11-04T10:00:00Z", &["move", &a, "--status", "done"]);
    assert!(at("2026-11-13T17:00:00Z", &["sprint", "close"]).contains("moved to S2"));

    let text = at("2026-11-16T09:00:00Z", &["report", "burndown", "--sprint", "S1"]);
    let last = text.lines().last().expect("lines");
    assert!(last.starts_with("2026-11-13    10") && last.contains("(closed: 10 carried over)"), "{text}");
    assert!(!text.contains("scope"), "no scope change: {text}");
    let d: serde_json::Value = serde_json::from_str(&at(
        "2026-11-16T09:00:00Z",
        &["report", "burndown", "--sprint", "S1", "--format", "json"],
    ))
    .expect("json");
    let days = d.as_array().expect("days");
    let last = days.last().expect("a last day");
    assert_eq!((&last["date"], &last["remaining"], &last["scope"]), (&"2026-11-13".into(), &10.into(), &15.into()));
    assert_eq!(last["carried_over"], 10);
    assert!(days.iter().all(|d| d["scope"] == 15), "{d}");
    let svg = at("2026-11-16T09:00:00Z", &["report", "burndown", "--sprint", "S1", "--format", "svg"]);
    assert!(svg.contains(">\n10 carried over\n<"), "{svg}");
}

/// A re-estimate is history (shown by `show`), and a closed sprint's velocity stays what it was.
#[test]
fn re_estimating_is_recorded_and_leaves_closed_sprints_alone() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    b.ok(&["sprint", "start", "S1"]);
    let k = b.add("Estimated", &["--sprint", "S1", "--points", "3"]);
    b.ok(&["move", &k, "--status", "done"]);
    b.ok(&["sprint", "close"]);
    let before = b.json(&["report", "velocity", "--format", "json"]);
    b.ok(&["edit", &k, "--points", "20"]);
    assert_eq!(b.json(&["report", "velocity", "--format", "json"]), before, "{before}");
    let story = b.json(&["show", &k, "--format", "json"]);
    let last = story["history"].as_array().and_then(|h| h.last()).cloned().expect("history");
    assert_eq!(
        (last["change"].as_str(), last["from"].as_u64(), last["to"].as_u64()),
        (Some("points"), Some(3), Some(20))
    );
    assert!(b.ok(&["show", &k]).contains("re-estimated: 3 points → 20 points"));
}

#[test]
fn sprint_edit_changes_each_field_and_refuses_what_does_not_fit() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1", "--start", "2026-12-07", "--end", "2026-12-18", "--capacity", "20"]);
    b.ok(&["sprint", "edit", "S1", "--name", "Checkout", "--goal", "Pay by card", "--capacity", "none"]);
    let list = b.json(&["sprint", "list", "--format", "json"]);
    let s = &list.as_array().expect("sprints")[0];
    assert_eq!(
        (s["name"].as_str(), s["goal"].as_str(), s["capacity"].is_null()),
        (Some("Checkout"), Some("Pay by card"), true)
    );
    b.ok(&["sprint", "edit", "checkout", "--end", "2026-12-21"]);
    assert_eq!(b.json(&["sprint", "list", "--format", "json"])[0]["end"], "2026-12-21");
    let before = files(&b.root);
    for (args, needle) in [
        (vec!["sprint", "edit", "Checkout", "--end", "2026-12-01"], "before it starts"),
        (vec!["sprint", "edit", "Checkout"], "nothing to change"),
        (vec!["sprint", "edit", "Nope", "--goal", "x"], "no sprint"),
        (vec!["sprint", "edit", "Checkout", "--capacity", "lots"], "whole number"),
        (vec!["sprint", "edit", "Checkout", "--name", "backlog"], "reserved"),
    ] {
        let out = b.run(&args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(files(&b.root), before, "nothing written");
}

#[test]
fn the_workflow_columns_change_from_the_cli() {
    let b = TestBoard::new();
    let key = b.add("Card", &[]);
    assert_eq!(b.ok(&["column", "add", "QA", "--wip", "2"]).trim(), "Added column QA [qa]");
    let names = |b: &TestBoard| -> Vec<String> {
        let cols = b.json(&["column", "list", "--format", "json"]);
        cols.as_array().expect("columns").iter().map(|c| c["name"].as_str().expect("name").to_owned()).collect()
    };
    assert_eq!(names(&b), ["To Do", "In Progress", "Review", "QA", "Done"], "before the last column by default");
    b.ok(&["column", "move", "qa", "--after", "In Progress"]);
    assert_eq!(names(&b), ["To Do", "In Progress", "QA", "Review", "Done"]);
    b.ok(&["column", "rename", "QA", "Testing"]);
    b.ok(&["column", "wip", "Testing", "none"]);
    assert!(b.json(&["column", "list", "--format", "json"])[2]["wip"].is_null());
    b.ok(&["move", &key, "--status", "Testing"]);
    let out = b.run(&["column", "remove", "Testing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("1 story is in it: `--to COLUMN` moves them first"), "{}", stderr(&out));
    assert!(b.ok(&["column", "remove", "Testing", "--to", "Review"]).contains("1 story moved to Review"));
    let story = b.json(&["show", &key, "--format", "json"]);
    assert_eq!(story["status"], "Review");
    assert_eq!(story["history"].as_array().and_then(|h| h.last()).map(|e| e["change"].clone()), Some("status".into()));
    assert_eq!(names(&b), ["To Do", "In Progress", "Review", "Done"]);
    assert!(b.run(&["check"]).status.success());
    for (args, needle) in [
        (vec!["column", "add", "Review"], "already a column"),
        (vec!["column", "rename", "Nope", "X"], "no column named"),
        (vec!["column", "wip", "Review", "many"], "whole number"),
        (vec!["column", "move", "Review", "--after", "Review"], "after itself"),
    ] {
        let out = b.run(&args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn epics_are_renamed_described_and_deleted() {
    let b = TestBoard::new();
    b.ok(&["epic", "new", "Checkout"]);
    let key = b.add("Pay", &["--epic", "Checkout"]);
    b.ok(&["epic", "rename", "Checkout", "Payments"]);
    b.ok(&["epic", "edit", "payments", "--description", "Money in"]);
    let epics = b.json(&["epic", "list", "--format", "json"]);
    assert_eq!((epics[0]["name"].as_str(), epics[0]["description"].as_str()), (Some("Payments"), Some("Money in")));
    assert_eq!(b.json(&["show", &key, "--format", "json"])["epic"], "Payments", "its stories stay in it");
    assert!(b.ok(&["epic", "delete", "Payments"]).contains("1 story without an epic now"));
    assert!(b.json(&["show", &key, "--format", "json"])["epic"].is_null());
    assert!(b.json(&["epic", "list", "--format", "json"]).as_array().is_some_and(Vec::is_empty));
    assert_eq!(b.run(&["epic", "delete", "Payments"]).status.code(), Some(1));
    assert!(b.run(&["check"]).status.success());
}

#[test]
fn types_completions_and_the_manual() {
    let b = TestBoard::new();
    let key = b.add("Crash", &[]);
    b.ok(&["edit", &key, "--type", "bug"]);
    assert_eq!(b.json(&["show", &key, "--format", "json"])["type"], "bug");
    assert!(b.ok(&["check"]).contains("1 story (1 bug)"), "{}", b.ok(&["check"]));
    let out = b.run(&["edit", &key, "--type", "epic"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("story, bug, task or spike"), "{}", stderr(&out));
    for shell in ["bash", "zsh", "fish"] {
        let script = b.ok(&["completions", shell]);
        assert!(script.contains("sprintboard") && script.contains("import"), "{shell}");
    }
    let man = b.ok(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH sprintboard"), "{}", &man[..man.len().min(200)]);
    assert!(man.contains("import"));
}

#[test]
fn comments_are_added_and_shown() {
    let b = TestBoard::new();
    let key = b.add("Card", &[]);
    assert!(
        b.ok(&["comment", &key, "Asked the merchant\nfor the certificate"]).contains(&format!("Commented on {key}"))
    );
    b.ok(&["comment", &key.to_lowercase(), "-- got it"]);
    let json = b.json(&["show", &key, "--format", "json"]);
    let comments = json["comments"].as_array().expect("comments");
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0]["text"], "Asked the merchant\nfor the certificate");
    assert!(comments[0]["by"].is_string() && comments[0]["at"].is_string());
    let text = b.ok(&["show", &key]);
    assert!(text.contains("Comments:") && text.contains(": Asked the merchant\n    for the certificate"), "{text}");
    let out = b.run(&["comment", &key, "   "]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot be empty"), "{}", stderr(&out));
}

#[test]
fn links_between_stories() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    b.ok(&["sprint", "new", "S2"]);
    let api = b.add("API", &["--sprint", "S2"]);
    let ui = b.add("UI", &["--sprint", "S1"]);
    assert!(b.ok(&["link", &api, "--blocks", &ui]).contains(&format!("{ui} waits on {api}")));
    let ui_json = b.json(&["show", &ui, "--format", "json"]);
    assert_eq!(ui_json["blocked_by"], serde_json::json!([api.clone()]));
    assert_eq!(b.json(&["show", &api, "--format", "json"])["blocks"], serde_json::json!([ui.clone()]));
    assert!(b.ok(&["show", &ui]).contains(&format!("Waits on: {api} (To Do)")));
    // Planned before its blocker: check says so (a warning).
    let out = b.run(&["check"]);
    assert!(
        out.status.success() && stderr(&out).contains(&format!("{ui} is planned in S1 before {api}")),
        "{}",
        stderr(&out)
    );
    // A cycle is refused, naming it.
    let out = b.run(&["link", &ui, "--blocks", &api]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cycle") && stderr(&out).contains(&format!("{api} → {ui} → {api}")),
        "{}",
        stderr(&out)
    );
    // Moving it on while its blocker is not done: allowed, and warned.
    let out = b.run(&["move", &ui, "--status", "In Progress"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains(&format!("warning: {ui} waits on {api} (To Do)")), "{}", stderr(&out));
    // Deleting the blocker removes the link from the story that waited.
    b.ok(&["delete", &api]);
    assert!(b.json(&["show", &ui, "--format", "json"])["blocked_by"].as_array().is_some_and(Vec::is_empty));
    let out = b.run(&["unlink", &api, &ui]);
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn forecast_from_the_closed_sprints() {
    let b = TestBoard::new();
    let out = b.run(&["report", "forecast"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not enough history"), "{}", stderr(&out));
    b.ok(&["epic", "new", "Checkout"]);
    b.past_sprints(&[8, 12], 0);
    let first = b.add("Next", &["--points", "5", "--epic", "Checkout"]);
    b.add("Later", &["--points", "20", "--epic", "Checkout"]);
    let f = b.json(&["report", "forecast", "--format", "json", "--seed", "4", "--runs", "2000"]);
    assert_eq!(f["history"], serde_json::json!([8, 12]));
    assert_eq!(f["runs"], 2000);
    let story = &f["stories"][0];
    assert_eq!((story["key"].as_str(), story["p95"].as_u64()), (Some(first.as_str()), Some(1)));
    assert!(story["p85_date"].is_string() || story["p85_date"].is_null());
    let epic = &f["epics"][0];
    assert_eq!(epic["epic"], "Checkout");
    assert!(epic["p50"].as_u64() >= Some(2) && epic["p50"].as_u64() <= epic["p95"].as_u64(), "{epic}");
    let again = b.json(&["report", "forecast", "--format", "json", "--seed", "4", "--runs", "2000"]);
    assert_eq!(f, again, "the same seed gives the same forecast");
    let text = b.ok(&["report", "forecast", "--epic", "checkout"]);
    assert!(text.contains("Checkout") && text.contains("Next") && text.contains("in 50 / 85 / 95 %"), "{text}");
    // Named: no sprint is planned after Past 1, so the sprints ahead are projected after it.
    assert_eq!(story["p85_sprint"]["name"], "Past 2");
    assert_eq!(story["p85_sprint"]["projected"], true);
    assert_eq!(story["p95_sprint"]["number"], story["p95"]);
    assert!(text.contains("Past 2*") && text.contains("projected") && !text.contains("Sprint 1 is"), "{text}");
}

/// The board a first run creates has history enough for a forecast, named after its sprints.
#[test]
fn the_example_board_has_a_forecast() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = sprintboard(tmp.path()).args(["report", "forecast"]).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("last 3 closed sprints (16, 24, 20)"), "{text}");
    assert!(text.contains("Sprint 24 is the active sprint, then Sprint 25 is planned"), "{text}");
    assert!(text.contains("Checkout v2") && text.contains("Sprint 26*"), "{text}");
    let f: serde_json::Value = serde_json::from_str(&stdout(
        &sprintboard(tmp.path()).args(["report", "forecast", "--format", "json"]).output().expect("run"),
    ))
    .expect("json");
    // Every date is a sprint's last working day: a Friday on the example's cadence.
    for s in f["sprints"].as_array().expect("sprints") {
        let end: jiff::civil::Date = s["end"].as_str().expect("an end").parse().expect("a date");
        assert_eq!(end.weekday(), jiff::civil::Weekday::Friday, "{s}");
    }
}

#[test]
fn charts_are_svg_files_with_their_labels() {
    let b = TestBoard::new();
    b.past_sprints(&[8, 12, 10], 3);
    b.ok(&["sprint", "new", "Now", "--start", "2026-11-30", "--end", "2026-12-11"]);
    b.add("Current", &["--sprint", "Now", "--points", "5"]);
    b.ok(&["sprint", "start", "Now"]);
    let texts = |args: &[&str]| -> Vec<String> {
        let path = b.tmp.path().join("chart.svg");
        let mut all = args.to_vec();
        all.extend(["--format", "svg", "--output", path.to_str().expect("path")]);
        b.ok(&all);
        let svg = std::fs::read_to_string(&path).expect("written");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .map(|t| t.trim().to_owned())
            .collect()
    };
    let velocity = texts(&["report", "velocity"]);
    for needle in ["Velocity: committed and completed points", "Past 0", "Past 2", "committed", "completed"] {
        assert!(velocity.iter().any(|t| t == needle), "{needle} in {velocity:?}");
    }
    let burndown = texts(&["report", "burndown"]);
    assert!(burndown.iter().any(|t| t == "Burndown: Now") && burndown.iter().any(|t| t == "ideal"), "{burndown:?}");
    let forecast = texts(&["report", "forecast"]);
    assert!(
        forecast.iter().any(|t| t.starts_with("Forecast:")) && forecast.iter().any(|t| t == "85 %"),
        "{forecast:?}"
    );
    let out = b.run(&["report", "standup", "--format", "svg"]);
    assert_eq!(out.status.code(), Some(2));
    let out = b.run(&["report", "velocity", "--output", "x.txt"]);
    assert!(stderr(&out).contains("--output is for"), "{}", stderr(&out));
}

#[test]
fn whoami_says_the_name_where_it_comes_from_and_the_person_it_is() {
    let b = TestBoard::new();
    let out = b.ok(&["whoami"]);
    assert!(out.contains("You are tester") && out.contains("from $SPRINTBOARD_USER"), "{out}");
    assert!(out.contains("not in board.ron's people"), "{out}");
    // Dana listed with her git name as an alias; git's user.name says `Dev Dana`.
    let path = b.root.join("board.ron");
    let text = std::fs::read_to_string(&path).expect("board.ron");
    let at = text.find("people: [").expect("people");
    let text = format!(
        "{}people: [\"Ana\", (name: \"Dana\", aliases: [\"Dev Dana\", \"dana@example.org\"]), {}",
        &text[..at],
        &text[at + "people: [".len()..]
    );
    std::fs::write(&path, text).expect("write");
    let gitconfig = b.tmp.path().join("gitconfig");
    std::fs::write(&gitconfig, "[user]\n\tname = Dev Dana\n").expect("gitconfig");
    let whoami = |env: &[(&str, &str)]| {
        let mut cmd = b.cmd();
        cmd.env_remove("SPRINTBOARD_USER").env("GIT_CONFIG_GLOBAL", &gitconfig).env("GIT_CONFIG_NOSYSTEM", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.arg("whoami").output().expect("run");
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = whoami(&[]);
    assert!(out.starts_with("You are Dana on this board."), "{out}");
    assert!(out.contains("\"Dev Dana\", from `git config user.name`") && out.contains("an alias"), "{out}");
    let out = whoami(&[("SPRINTBOARD_USER", "Ana")]);
    assert!(out.contains("You are Ana") && out.contains("one of the people in board.ron"), "{out}");
    assert!(b.run(&["check"]).status.success(), "the board with aliases is valid: {}", b.ok(&["check"]));
}

/// An estimate is at most 10,000 points where it is typed; a board whose story files were
/// written by hand with `u32::MAX` points each lists, reports and exports without a panic (a
/// debug build panics on an overflow) and with sums that stop at `u32::MAX`, never wrapped.
#[test]
fn estimates_are_bounded_and_sums_of_huge_ones_saturate() {
    const MAX: u64 = u32::MAX as u64;
    let b = TestBoard::new();
    let out = b.run(&["add", "Huge", "--points", "10001"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"10001\" is more points than a story holds (at most 10000)"), "{}", stderr(&out));
    let k = b.add("Largest", &["--points", "10000"]);
    let out = b.run(&["edit", &k, "--points", "4000000000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("more points than a story holds"), "{}", stderr(&out));
    b.ok(&["delete", &k, "--yes"]);

    // Two closed sprints of two stories each (one finished, one carried), an active sprint
    // of two (one finished), two in the backlog: then every estimate made u32::MAX by hand.
    b.past_sprints(&[1, 2], 1);
    b.ok(&["sprint", "new", "Now"]);
    let now: Vec<String> = (0..2).map(|i| b.add(&format!("now {i}"), &["--sprint", "Now", "--points", "1"])).collect();
    b.ok(&["sprint", "start", "Now"]);
    b.ok(&["move", &now[0], "--status", "Done"]);
    b.add("later", &["--points", "1"]);
    for entry in std::fs::read_dir(b.root.join("stories")).expect("stories") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let huge: String = text
            .lines()
            .map(|l| if l.trim_start().starts_with("points:") { format!("    points: {MAX},") } else { l.to_owned() })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&path, huge + "\n").expect("write");
    }

    let list = b.ok(&["list", "--sprint", "Now"]);
    assert!(list.contains(&MAX.to_string()), "{list}");
    let listed = b.json(&["list", "--sprint", "Now", "--format", "json"]);
    assert!(listed.as_array().expect("list").iter().all(|s| s["points"] == MAX));
    b.ok(&["list", "--sprint", "backlog"]);
    b.ok(&["sprint", "list"]);
    let sprints = b.json(&["sprint", "list", "--format", "json"]);
    let active = sprints.as_array().expect("sprints").iter().find(|s| s["name"] == "Now").expect("Now").clone();
    assert_eq!((&active["points"], &active["done_points"]), (&MAX.into(), &MAX.into()), "{active}");
    let velocity = b.json(&["report", "velocity", "--format", "json"]);
    for v in velocity.as_array().expect("velocity") {
        assert_eq!(v["committed"], MAX, "two stories of u32::MAX: saturated, not wrapped: {v}");
        assert_eq!(v["completed"], MAX, "{v}");
    }
    b.ok(&["report", "velocity"]);
    let burndown = b.json(&["report", "burndown", "--format", "json"]);
    let text = burndown.to_string();
    assert!(text.contains(&MAX.to_string()), "{text}");
    b.ok(&["report", "burndown"]);
    b.ok(&["report", "standup", "--since", "2026-01-01"]);
    b.ok(&["report", "forecast"]);
    b.ok(&["report", "forecast", "--format", "json"]);
    b.ok(&["epic", "list"]);
    for format in ["json", "csv", "markdown", "ron"] {
        b.ok(&["export", "--format", format]);
    }
    let html = b.tmp.path().join("html");
    b.ok(&["report", "html", "--output", html.to_str().expect("path")]);
    let out = b.run(&["check"]);
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    // Each such story is named, with the way to mend it: a warning (an error with --strict).
    assert!(out.status.success(), "{}", stderr(&out));
    let key = b.keys("all").into_iter().next().expect("a story");
    let said = format!(
        "{key}: 4294967295 points, more than a story holds (at most 10000): `sprintboard edit {key} --points N`"
    );
    assert!(stderr(&out).contains(&said), "{}", stderr(&out));
    assert_eq!(b.run(&["check", "--strict"]).status.code(), Some(1));
}
