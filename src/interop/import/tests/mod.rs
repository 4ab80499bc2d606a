//! The parsers on exports in the shapes the trackers write them (`tests/fixtures/import/`),
//! checked field by field, and the mapping onto a board.

use super::*;
use crate::domain::{Board, BoardFile, Ctx, Kind, SprintState};

const JIRA_SERVER: &str = include_str!("../../../../tests/fixtures/import/jira-server.csv");
const JIRA_CLOUD: &str = include_str!("../../../../tests/fixtures/import/jira-cloud.csv");
const TRELLO_BOARD: &str = include_str!("../../../../tests/fixtures/import/trello-board.json");
const TRELLO_CARD: &str = include_str!("../../../../tests/fixtures/import/trello-card.json");
const GITHUB_GH: &str = include_str!("../../../../tests/fixtures/import/github-gh.json");
const GITHUB_REST: &str = include_str!("../../../../tests/fixtures/import/github-rest.json");
const JIRA_SPRINTS: &str = include_str!("../../../../tests/fixtures/import/jira-sprints.csv");
const TRELLO_JAPANESE: &str = include_str!("../../../../tests/fixtures/import/trello-japanese.json");
const GITHUB_NO_NUMBERS: &str = include_str!("../../../../tests/fixtures/import/github-no-numbers.json");

fn record<'a>(e: &'a Export, origin: &str) -> &'a Record {
    e.records.iter().find(|r| r.origin == origin).unwrap_or_else(|| panic!("no record {origin}"))
}

fn ctx() -> Ctx {
    Ctx::new("2026-12-01T09:00:00Z".parse().expect("time"), "importer", 7)
}

fn board() -> Board {
    Board::new(BoardFile::new("Team", "SB"))
}

#[test]
fn jira_server_all_fields() {
    let e = jira_csv(JIRA_SERVER).expect("parses");
    assert_eq!(
        e.epics,
        [EpicRecord {
            origin: "jira:WEB-100".into(),
            name: "Checkout".into(),
            description: "The new checkout, end to end.".into()
        }]
    );
    assert_eq!(e.records.len(), 5, "the epic and the sub-task are not stories");
    assert_eq!(e.skipped.len(), 1);
    assert!(e.skipped[0].reason.contains("sub-task") && e.skipped[0].place == "line 10 (WEB-103)", "{:?}", e.skipped);
    let r = record(&e, "jira:WEB-101");
    assert_eq!(r.title, "Pay with a saved card");
    assert!(
        r.description.starts_with("h2. Why\nCustomers type the card *every* time.\n\n* remember"),
        "{:?}",
        r.description
    );
    assert_eq!(r.acceptance, "- card is remembered\n- CVC asked again");
    assert_eq!((r.kind.as_deref(), r.status.as_deref(), r.progress), (Some("Story"), Some("Verifying"), None));
    assert_eq!(r.points, Some(2.5));
    assert_eq!(r.assignees, ["Ana Lima"]);
    assert_eq!(r.labels, ["payments", "web", "priority:Critical"]);
    assert_eq!(r.sprints, ["WEB Sprint 1", "WEB Sprint 2"], "every Sprint column, in order");
    assert_eq!(r.epic.as_deref(), Some("jira:WEB-100"));
    assert_eq!(r.order.as_deref(), Some("0|i0000f:"));
    assert_eq!(r.blocks, ["jira:WEB-102"]);
    let resolved = record(&e, "jira:WEB-102");
    assert_eq!((resolved.status.as_deref(), resolved.progress), (Some("Issue Resolved"), Some(Progress::Done)));
    assert!(e.ignored.contains(&"Watchers".to_owned()) && e.ignored.contains(&"Comment".to_owned()), "{:?}", e.ignored);
    assert!(!e.ignored.iter().any(|i| i == "Sprint" || i == "Labels"), "repeated columns are read: {:?}", e.ignored);
}

#[test]
fn jira_cloud_names_and_parent_links() {
    let e = jira_csv(JIRA_CLOUD).expect("parses");
    assert_eq!(e.epics.len(), 1);
    let r = record(&e, "jira:APP-2");
    assert_eq!(r.epic.as_deref(), Some("jira:APP-1"), "Parent holds the epic's id, not its key");
    assert_eq!((r.points, r.progress), (Some(5.0), Some(Progress::InProgress)));
    assert_eq!(record(&e, "jira:APP-4").progress, Some(Progress::Done));
}

#[test]
fn jira_onto_a_board() {
    let e = jira_csv(JIRA_SERVER).expect("parses");
    let mut b = board();
    let (changes, s) = apply(&mut b, &e, &Options::default(), &mut ctx()).expect("applies");
    assert!(changes.board && changes.stories.len() == 5);
    assert_eq!(s.created.len(), 5);
    assert_eq!(s.epics_created, ["Checkout", "WEB-200"], "a linked epic not in the file is named by its key");
    assert_eq!(s.sprints_created, ["WEB Sprint 0", "WEB Sprint 1", "WEB Sprint 2"]);
    assert_eq!(s.sprints_closed, ["WEB Sprint 0", "WEB Sprint 1"], "all their stories are resolved");
    let by =
        |origin: &str| b.stories.values().find(|s| s.origin.as_ref().is_some_and(|o| o.id == origin)).expect(origin);
    let pay = by("jira:WEB-101");
    assert_eq!((pay.status.as_str(), pay.points, pay.kind), ("review", Some(3), Kind::Story));
    assert_eq!(b.file.sprint(pay.sprint.as_deref().expect("sprint")).map(|s| s.name.as_str()), Some("WEB Sprint 2"));
    assert_eq!(pay.epic.as_deref(), Some("checkout"));
    assert_eq!(pay.acceptance, "- card is remembered\n- CVC asked again");
    assert_eq!(by("jira:WEB-102").status, "done", "Issue Resolved with a resolution is done");
    assert_eq!(by("jira:WEB-104").kind, Kind::Bug);
    assert_eq!(by("jira:WEB-105").kind, Kind::Spike);
    assert!(s.approximated.iter().any(|a| a.contains("2.5 points rounded up to 3")), "{:?}", s.approximated);
    assert!(s.approximated.iter().any(|a| a.contains("\"Verifying\" → Review")), "{:?}", s.approximated);
    // The backlog in Jira's rank order (0|i0000b: before 0|i0000c:).
    let backlog: Vec<&str> = b.list(None).iter().map(|s| s.title.as_str()).collect();
    assert_eq!(backlog, ["Cleanup task", "Research fraud checks"]);
    let closed = b.file.sprints.iter().filter(|s| s.state == SprintState::Closed).count();
    assert_eq!(closed, 2);
}

#[test]
fn a_mapping_and_new_columns() {
    let e = jira_csv(JIRA_SERVER).expect("parses");
    let mut b = board();
    let opts = Options { map: vec![("Verifying".into(), "In Progress".into())], ..Options::default() };
    apply(&mut b, &e, &opts, &mut ctx()).expect("applies");
    let pay = b.stories.values().find(|s| s.title == "Pay with a saved card").expect("story");
    assert_eq!(pay.status, "doing");
    let mut b = board();
    let opts = Options { create_columns: true, ..Options::default() };
    let (_, s) = apply(&mut b, &e, &opts, &mut ctx()).expect("applies");
    assert_eq!(s.columns_created, ["Backlog", "Open", "Verifying"], "in the order the records come (by rank)");
    assert_eq!(b.file.columns.last().map(|c| c.id.as_str()), Some("done"), "finished work stays last");
    let bad = Options { map: vec![("Verifying".into(), "Nowhere".into())], ..Options::default() };
    let err = apply(&mut board(), &e, &bad, &mut ctx()).expect_err("no such column");
    assert!(err.to_string().contains("Verifying=Nowhere"), "{err}");
}

#[test]
fn trello_board_export() {
    let e = trello_json(TRELLO_BOARD).expect("parses");
    let reasons: Vec<&str> = e.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons, ["archived", "in the archived list \"Graveyard\""]);
    let first = record(&e, "trello:C1");
    assert_eq!(first.assignees, ["Ana Lima", "bo"], "full name, else the username");
    assert_eq!(first.labels, ["needs design", "red"], "an unnamed label by its colour");
    assert_eq!(first.acceptance, "- [x] Designed\n- [ ] Tested");
    assert_eq!(first.description, "Line one\nLine two\n\nDue: 2026-12-24");
    assert!(record(&e, "trello:C9").backlog);
    let mut b = board();
    let opts = Options { map: vec![("Ready to merge".into(), "Review".into())], ..Options::default() };
    apply(&mut b, &e, &opts, &mut ctx()).expect("applies");
    let backlog: Vec<&str> = b.list(None).iter().map(|s| s.title.as_str()).collect();
    assert_eq!(backlog, ["An idea"], "the Backlog list is the backlog");
    let active = b.file.active_sprint().expect("a sprint holds the board's cards");
    assert_eq!(active.name, "Team board", "named after the Trello board");
    let sprint: Vec<(&str, &str)> =
        b.list(Some(active.id.as_str())).iter().map(|s| (s.title.as_str(), s.status.as_str())).collect();
    assert_eq!(
        sprint,
        [
            ("First in To Do", "todo"),
            ("Second in To Do", "todo"),
            ("Being built", "doing"),
            ("Waiting for merge", "review"),
            ("Shipped", "done")
        ],
        "lists by position, then cards by position"
    );
    let merge = b.stories.values().find(|s| s.title == "Waiting for merge").expect("card");
    assert_eq!(merge.status, "review");
}

#[test]
fn a_single_trello_card() {
    let e = trello_json(TRELLO_CARD).expect("parses");
    assert_eq!(e.records.len(), 1);
    let r = &e.records[0];
    assert_eq!(
        (r.title.as_str(), r.assignees.clone(), r.labels.clone()),
        ("A single card", vec!["Ana Lima".to_owned()], vec!["urgent".to_owned()])
    );
    assert_eq!(r.acceptance, "Steps:\n- [x] Do it");
}

#[test]
fn github_both_shapes() {
    let gh = github_json(GITHUB_GH).expect("gh");
    let r = record(&gh, "github:acme/app#12");
    assert_eq!(r.labels, ["📅 Sprint 1", "enhancement"]);
    assert_eq!((r.assignees.len(), r.sprints.clone()), (2, vec!["v1.0".to_owned()]));
    assert_eq!(gh.sprints, [SprintRecord { name: "v1.0".into(), end: "2026-12-18".parse().ok(), seen: None }]);
    assert_eq!(record(&gh, "github:acme/app#7").progress, Some(Progress::Done));
    let rest = github_json(GITHUB_REST).expect("rest");
    assert_eq!(rest.records.len(), 1);
    assert_eq!(rest.skipped[0].reason, "a pull request");
    let r = record(&rest, "github:acme/app#13");
    assert_eq!((r.assignees.clone(), r.description.as_str()), (vec!["cy".to_owned()], ""));
    let mut b = board();
    let (_, s) = apply(&mut b, &gh, &Options::default(), &mut ctx()).expect("applies");
    assert!(s.approximated.iter().any(|a| a.contains("\"📅 Sprint 1\" → 📅_Sprint_1")), "{:?}", s.approximated);
    assert_eq!(b.file.find_sprint("v1.0").and_then(|s| s.end), "2026-12-18".parse().ok());
    let dark = b.stories.values().find(|s| s.title == "Dark mode").expect("issue");
    assert_eq!(dark.description, "Please.\nThanks");
}

#[test]
fn importing_again_updates_in_place_and_keeps_local_edits() {
    let e = jira_csv(JIRA_SERVER).expect("parses");
    let mut b = board();
    apply(&mut b, &e, &Options::default(), &mut ctx()).expect("first");
    let (changes, s) = apply(&mut b, &e, &Options::default(), &mut ctx()).expect("again");
    assert!(changes.is_empty() && s.created.is_empty() && s.unchanged == 5, "{s:?}");
    let key = b.stories.values().find(|s| s.title == "Receipt email").map(|s| s.key.clone()).expect("story");
    let pay = b.stories.values().find(|s| s.title == "Pay with a saved card").map(|s| s.key.clone()).expect("story");
    // Edited here: the title of one story.
    b.edit_story(&pay, crate::domain::Edit { title: Some("Pay by card".into()), ..Default::default() }, &mut ctx())
        .expect("edit");
    // Changed at the source: both titles and one description.
    let changed = JIRA_SERVER
        .replace("Receipt email", "Receipt e-mail")
        .replace("Pay with a saved card", "Pay with saved cards")
        .replace("Send a receipt.", "Send a receipt always.");
    let e2 = jira_csv(&changed).expect("parses");
    let (_, s) = apply(&mut b, &e2, &Options::default(), &mut ctx()).expect("third");
    assert_eq!(s.updated, std::slice::from_ref(&key));
    assert_eq!(s.kept_local, [format!("{pay} (jira:WEB-101): title")]);
    assert_eq!(
        b.story(&key).map(|s| (s.title.as_str(), s.description.as_str())),
        Some(("Receipt e-mail", "Send a receipt always."))
    );
    assert_eq!(b.story(&pay).map(|s| s.title.as_str()), Some("Pay by card"), "the local edit stays");
    assert_eq!(b.stories.len(), 5, "nothing duplicated");
}

#[test]
fn a_row_that_cannot_be_a_story_refuses_the_import_naming_it() {
    let csv =
        "Summary,Issue key,Description\nFine,X-1,ok\n\"Too big\",X-2,\"".to_owned() + &"d".repeat(300_000) + "\"\n";
    let e = jira_csv(&csv).expect("parses");
    let err = apply(&mut board(), &e, &Options::default(), &mut ctx()).expect_err("refused");
    assert!(err.to_string().starts_with("line 3 (X-2): the description"), "{err}");
    let broken = "Summary,Issue key\n\"unterminated,X-1\n";
    assert!(jira_csv(broken).is_ok_and(|e| e.records.len() <= 1), "the csv crate reads to the end of the file");
}

fn by_origin<'a>(b: &'a Board, origin: &str) -> &'a crate::domain::Story {
    b.stories.values().find(|s| s.origin.as_ref().is_some_and(|o| o.id == origin)).expect(origin)
}

#[test]
fn jira_sprints_in_their_real_order_and_the_past_ones_closed() {
    let e = jira_csv(JIRA_SPRINTS).expect("parses");
    let mut b = board();
    let (_, s) = apply(&mut b, &e, &Options::default(), &mut ctx()).expect("applies");
    // By name, `24.03…` and `24.04…` would come before `IP 24.02…`; DEV-1 lists IP 24.02 first,
    // DEV-3 lists 24.03 before 24.04.
    let names: Vec<&str> = b.file.sprints.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["IP 24.02 Nov 08 - Nov 22", "24.03 Nov 22 - Dec 06", "24.04 Dec 06 - Dec 20"]);
    let states: Vec<SprintState> = b.file.sprints.iter().map(|s| s.state).collect();
    assert_eq!(
        states,
        [SprintState::Closed, SprintState::Closed, SprintState::Planned],
        "before the open work: closed"
    );
    assert_eq!(s.sprints_closed, ["IP 24.02 Nov 08 - Nov 22", "24.03 Nov 22 - Dec 06"]);
    // Done with no sprint: not in the backlog, each named.
    let backlog: Vec<&str> = b.list(None).iter().map(|s| s.title.as_str()).collect();
    assert_eq!(backlog, ["Search suggestions"]);
    let skipped: Vec<(&str, &str)> = s.skipped.iter().map(|k| (k.place.as_str(), k.reason.as_str())).collect();
    let done = "done, and never in a sprint (--include-done imports it)";
    assert_eq!(&skipped[1..], [("line 7 (DEV-6)", done), ("line 8 (DEV-7)", done), ("line 9 (DEV-8)", done)]);
    assert!(
        skipped[0].0 == "line 11 (DEV-10)" && skipped[0].1.starts_with("21 fields where the header has 20"),
        "a misaligned row named by line and key: {skipped:?}"
    );
    // Blocks, both directions: DEV-4 blocks DEV-3 (outward on DEV-4, inward on DEV-3) and DEV-9.
    let index = by_origin(&b, "jira:DEV-4").key.clone();
    assert_eq!(by_origin(&b, "jira:DEV-3").blocked_by, std::slice::from_ref(&index));
    assert_eq!(by_origin(&b, "jira:DEV-9").blocked_by, std::slice::from_ref(&index));
    assert_eq!(s.linked.len(), 2, "{:?}", s.linked);
    // Asked for: the finished ones come in, done, in the backlog.
    let mut b = board();
    let opts = Options { include_done: true, ..Options::default() };
    let (_, s) = apply(&mut b, &e, &opts, &mut ctx()).expect("applies");
    assert_eq!(s.created.len(), 8);
    assert_eq!(by_origin(&b, "jira:DEV-7").status, "done");
}

#[test]
fn trello_lists_become_columns_and_a_sprint_in_the_boards_order() {
    let e = trello_json(TRELLO_JAPANESE).expect("parses");
    let lists: Vec<(&str, bool)> = e.lists.iter().map(|l| (l.name.as_str(), l.backlog)).collect();
    assert_eq!(
        lists,
        [
            ("Ideas", true),
            ("Future Work", true),
            ("いつか", false),
            ("未着手", false),
            ("作業中", false),
            ("レビュー待ち", false),
            ("クローズ", false)
        ],
        "open lists in Trello's order"
    );
    assert!(e.skipped.iter().any(|k| k.reason == "in the archived list \"2025年\""), "{:?}", e.skipped);
    assert!(e.skipped.iter().any(|k| k.reason == "archived"), "{:?}", e.skipped);
    assert_eq!(record(&e, "trello:K1").assignees, ["佐藤 花子", "taro_dev"], "member ids as names");
    assert!(e.ignored.iter().any(|i| i.contains("600000000000000000000001")), "{:?}", e.ignored);
    let mut b = board();
    let opts = Options { map: vec![("いつか".into(), "backlog".into())], ..Options::default() };
    let (_, s) = apply(&mut b, &e, &opts, &mut ctx()).expect("applies");
    let backlog: Vec<&str> = b.list(None).iter().map(|s| s.title.as_str()).collect();
    assert_eq!(backlog, ["Dark mode", "Offline sync", "音声入力"], "Ideas, Future Work and the mapped list");
    let active = b.file.active_sprint().expect("the board's cards are in a started sprint");
    assert_eq!(active.name, "プロダクト開発");
    assert_eq!(s.sprints_started, ["プロダクト開発"]);
    let cards: Vec<(&str, &str)> =
        b.list(Some(active.id.as_str())).iter().map(|s| (s.title.as_str(), s.status.as_str())).collect();
    assert_eq!(
        cards,
        [("検索", "todo"), ("通知", "todo"), ("ログイン画面", "doing"), ("設定画面", "review"), ("初期設定", "done")],
        "first list: To Do, then by place; the last list (クローズ): done"
    );
    assert!(
        s.approximated.iter().any(|a| a.contains("list \"クローズ\" → Done, the last list")),
        "{:?}",
        s.approximated
    );

    // --create-columns: the lists are the columns, in Trello's order; the last is where work ends.
    let mut b = board();
    let opts =
        Options { map: vec![("いつか".into(), "backlog".into())], create_columns: true, ..Options::default() };
    let (_, s) = apply(&mut b, &e, &opts, &mut ctx()).expect("applies");
    assert_eq!(s.columns_created, ["未着手", "作業中", "レビュー待ち"]);
    let columns: Vec<&str> = b.file.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(columns, ["未着手", "作業中", "レビュー待ち", "Done"], "an empty board takes the lists as its columns");
    let cards: Vec<(&str, &str)> = b.stories.values().map(|s| (s.title.as_str(), s.status.as_str())).collect();
    assert!(cards.contains(&("検索", "未着手")) && cards.contains(&("初期設定", "done")), "{cards:?}");
    // Unmapped, a list in another language is a column like the others.
    let (_, s) = apply(&mut board(), &e, &Options::default(), &mut ctx()).expect("applies");
    assert!(s.approximated.iter().any(|a| a.contains("list \"いつか\" → To Do")), "{:?}", s.approximated);
}

#[test]
fn an_export_without_ids_is_refused_unless_duplicates_are_allowed() {
    let e = github_json(GITHUB_NO_NUMBERS).expect("parses");
    let err = apply(&mut board(), &e, &Options::default(), &mut ctx()).expect_err("refused");
    let text = err.to_string();
    assert!(
        text.contains("`gh issue list --state all --json number,title,body,state,labels,assignees,milestone,url`")
            && text.contains("--allow-duplicates"),
        "{text}"
    );
    let mut b = board();
    let opts = Options { allow_duplicates: true, ..Options::default() };
    apply(&mut b, &e, &opts, &mut ctx()).expect("allowed");
    apply(&mut b, &e, &opts, &mut ctx()).expect("allowed");
    assert_eq!(b.stories.len(), 4, "what the flag allows: each import adds them again");
}

/// The fields an import tracks are the field table's `imported` ones: a field added to the
/// table as imported, or an importer tracking one the table does not mark, fails here.
#[test]
fn tracked_fields_are_the_tables() {
    let names = apply::tracked::TRACKED.map(|f| f.spec().name);
    assert_eq!(crate::domain::fields::tracked_by_import(&names), Ok(()));
}

/// An estimate above what a story holds (10,000 points) is left out of the story, which is
/// imported, and said.
#[test]
fn an_estimate_above_the_largest_is_left_out_and_said() {
    let mut e = jira_csv(JIRA_SERVER).expect("parses");
    let origin = e.records[0].origin.clone();
    e.records[0].points = Some(20_000.0);
    let mut b = board();
    let (_, s) = apply(&mut b, &e, &Options::default(), &mut ctx()).expect("applies");
    assert_eq!(s.created.len(), 5, "every story imported");
    let story = b.stories.values().find(|s| s.origin.as_ref().is_some_and(|o| o.id == origin)).expect("imported");
    assert_eq!(story.points, None);
    assert!(
        s.ignored.iter().any(|i| i.contains("20000 points (too many: a story holds at most 10000)")),
        "{:?}",
        s.ignored
    );
}
