use super::tools::TOOLS;

/// The README's table of tools is the table of tools: every tool in it, and no other.
#[test]
fn the_readme_lists_every_tool_and_no_other() {
    let readme = include_str!("../../../README.md");
    let section = readme.split("## The board for agents (MCP)").nth(1).and_then(|s| s.split("\n## ").next());
    let Some(section) = section else { panic!("the README has no section on the board for agents") };
    let listed: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| {
            l.split('|').nth(1).unwrap_or("").split(',').map(|n| n.trim().trim_matches('`')).collect::<Vec<_>>()
        })
        .collect();
    let tools: Vec<&str> = TOOLS.iter().map(|t| t.name).collect();
    assert_eq!(listed, tools);
}

/// With the watcher on, a call reads the files it saw change (and only those): a story moved
/// by another process is seen by the next call and reported as changed.
#[test]
fn a_watched_workspace_sees_what_another_process_changed() {
    use super::tools;
    use super::workspace::Workspace;
    use crate::domain::{Board, BoardFile, Ctx, Move, NewStory};
    use crate::store::Store;

    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    let mut b = Board::new(BoardFile::new("Test", "SB"));
    let mut ctx = Ctx::new(jiff::Timestamp::UNIX_EPOCH, "someone", 1);
    let (key, _) = b.add_story(NewStory { title: "Watched".into(), ..Default::default() }, &mut ctx).expect("add");
    Store::create(&root, &b).expect("create");

    let mut ws = Workspace::at(&root, false).expect("open");
    let (woken, wake) = std::sync::mpsc::channel();
    ws.watch(move || {
        let _ = woken.send(());
    })
    .expect("watch");
    // The first refresh after the watch starts reads everything once.
    ws.refresh().expect("refresh");
    let _ = ws.take_changed();

    let (mut other, mut theirs) = Store::open(&root).expect("another process");
    let changes =
        theirs.move_story(&key, &Move { status: Some("Done".into()), ..Move::default() }, &mut ctx).expect("moves");
    other.save(&theirs, &changes).expect("saves");
    wake.recv_timeout(std::time::Duration::from_secs(10)).expect("the watcher wakes");

    let mut args = serde_json::Map::new();
    args.insert("key".into(), key.clone().into());
    let show = tools::find("show_story").expect("show_story");
    let reply = tools::call(&mut ws, show, Some(&args), None);
    assert_eq!(reply.structured["status"], "Done", "{}", reply.text);
    assert_eq!(ws.take_changed(), Some((vec![key], false)));
    // Nothing changed since: the next call reads no file, and nothing is reported.
    tools::call(&mut ws, show, Some(&args), None);
    assert_eq!(ws.take_changed(), None);
}

/// Clients are told which tools only read, and which may replace something (and may want
/// their person's yes first): creating, commenting and linking only add.
#[test]
fn the_tools_are_hinted_as_reading_adding_or_changing() {
    use super::server::BoardServer;
    use super::workspace::Workspace;
    use crate::domain::{Board, BoardFile};

    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    crate::store::Store::create(&root, &Board::new(BoardFile::new("Test", "SB"))).expect("create");
    let ws = Workspace::at(&root, false).expect("open");
    let server = BoardServer::new(ws, tokio::sync::watch::channel(false).1);
    let hints: Vec<(String, Option<bool>, Option<bool>)> = server
        .tool_list()
        .into_iter()
        .map(|t| {
            let a = t.annotations.expect("annotations");
            (t.name.to_string(), a.read_only_hint, a.destructive_hint)
        })
        .collect();
    let expect = |name: &str, read_only: bool, destructive: bool| (name.to_owned(), Some(read_only), Some(destructive));
    assert_eq!(
        hints,
        [
            expect("list_stories", true, false),
            expect("show_story", true, false),
            expect("create_story", false, false),
            expect("edit_story", false, true),
            expect("move_story", false, true),
            expect("add_comment", false, false),
            expect("link_stories", false, false),
            expect("unlink_stories", false, true),
            expect("board_summary", true, false),
            expect("forecast", true, false),
            expect("standup", true, false),
        ]
    );
}

/// The list of resources changed when a story was added or removed, not when one was edited.
#[test]
fn the_listing_changes_when_a_story_comes_or_goes() {
    use super::tools;
    use super::workspace::Workspace;
    use crate::domain::{Board, BoardFile};

    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    crate::store::Store::create(&root, &Board::new(BoardFile::new("Test", "SB"))).expect("create");
    let mut ws = Workspace::at(&root, false).expect("open");
    assert!(!ws.listing_changed(), "as it was opened");
    let args = |v: serde_json::Value| v.as_object().cloned().expect("object");
    let create = tools::find("create_story").expect("tool");
    let r = tools::call(&mut ws, create, Some(&args(serde_json::json!({ "title": "New" }))), None);
    let key = r.structured["key"].as_str().expect("key").to_owned();
    assert!(ws.listing_changed(), "a story came");
    assert!(!ws.listing_changed(), "said once");
    let edit = tools::find("edit_story").expect("tool");
    tools::call(&mut ws, edit, Some(&args(serde_json::json!({ "key": key, "points": 3 }))), None);
    assert!(!ws.listing_changed(), "an edit keeps the list");
    // Deleted by another process: seen at the next call.
    let (_, mut theirs) = crate::store::Store::open(&root).expect("open");
    let changes = theirs.delete_story(&key).expect("delete");
    crate::store::Store::open(&root).expect("open").0.save(&theirs, &changes).expect("save");
    ws.refresh().expect("refresh");
    assert!(ws.listing_changed(), "a story went");
}
