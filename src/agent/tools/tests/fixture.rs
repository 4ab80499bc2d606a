//! Boards on disk for the tool tests, a workspace on them, and the checks every refusal needs:
//! nothing written, and the workspace's board what the files hold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::agent::reply::Reply;
use crate::agent::tools::{self, Tool};
use crate::agent::workspace::Workspace;
use crate::domain::{Board, BoardFile, Ctx, Edit, Move, NewSprint, NewStory};
use crate::store::Store;

/// A board written to a temporary directory (removed when dropped), and its stories' keys by
/// the names the tests give them.
pub struct Fixture {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    keys: BTreeMap<&'static str, String>,
}

impl Fixture {
    /// The key of the story the fixture named `name`.
    pub fn key(&self, name: &str) -> &str {
        self.keys.get(name).map(String::as_str).unwrap_or_else(|| panic!("no story {name} in the fixture"))
    }

    /// A workspace on the board, with no configured name (whatever the environment says), so
    /// changes are recorded under the agent's.
    pub fn open(&self, read_only: bool) -> Workspace {
        let mut ws = Workspace::at(&self.root, read_only).expect("open the workspace");
        ws.set_configured_user(None);
        ws
    }
}

pub fn ctx() -> Ctx {
    Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 7)
}

fn d(s: &str) -> jiff::civil::Date {
    s.parse().expect("date")
}

fn write(board: &Board, keys: BTreeMap<&'static str, String>) -> Fixture {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("b");
    Store::create(&root, board).expect("create");
    Fixture { _tmp: tmp, root, keys }
}

/// One story, with what the fixtures set on it.
struct Add<'a> {
    name: &'static str,
    title: &'a str,
    sprint: Option<&'a str>,
    status: Option<&'a str>,
    points: Option<u32>,
    assignee: Option<&'a str>,
    labels: &'a [&'a str],
    epic: Option<&'a str>,
}

fn add(b: &mut Board, c: &mut Ctx, keys: &mut BTreeMap<&'static str, String>, a: Add) -> String {
    let new = NewStory {
        title: a.title.into(),
        sprint: a.sprint.map(Into::into),
        status: a.status.map(str::to_owned),
        points: a.points,
        assignee: a.assignee.map(str::to_owned),
        epic: a.epic.map(str::to_owned),
        labels: a.labels.iter().map(|l| (*l).to_owned()).collect(),
    };
    let (key, _) = b.add_story(new, c).expect("add");
    keys.insert(a.name, key.clone());
    key
}

const NONE: Add =
    Add { name: "", title: "", sprint: None, status: None, points: None, assignee: None, labels: &[], epic: None };

/// The small board every test works out by hand:
///
/// - columns To Do, In Progress (WIP limit 2), Review, Done; the epic Login;
/// - Sprint 1, active (2026-11-16 to 2026-11-27, capacity 10, goal "Sign-in works"):
///   A "Login form" (3 points, @ana, #ui, epic Login, To Do),
///   B "Password reset" (5, @bob, #backend, In Progress, blocked: "waiting for the mail server"),
///   C "Session timeout" (2, @ana, To Do, waits on A),
///   D "Logout button" (1, @bob, Done);
/// - Sprint 2, planned: E "Audit log" (8, #backend);
/// - the backlog: F "Dark mode" (#ui, no points), G "Export CSV" (3 points).
pub fn small() -> Fixture {
    let mut f = BoardFile::new("Test", "SB");
    f.columns[1].wip = Some(2);
    let mut b = Board::new(f);
    let mut c = ctx();
    let mut keys = BTreeMap::new();
    b.new_epic("Login", "").expect("epic");
    let s1 = NewSprint {
        name: "Sprint 1".into(),
        goal: "Sign-in works".into(),
        start: Some(d("2026-11-16")),
        end: Some(d("2026-11-27")),
        capacity: Some(10),
    };
    let (s1, _) = b.new_sprint(s1).expect("sprint 1");
    let (s2, _) = b.new_sprint(NewSprint { name: "Sprint 2".into(), ..Default::default() }).expect("sprint 2");
    b.start_sprint(&s1, &c).expect("start");
    let login = b.resolve_epic("Login").expect("epic").to_string();
    let in1 = Some(s1.as_str());
    let a = add(
        &mut b,
        &mut c,
        &mut keys,
        Add {
            name: "A",
            title: "Login form",
            sprint: in1,
            points: Some(3),
            assignee: Some("ana"),
            labels: &["ui"],
            epic: Some(&login),
            ..NONE
        },
    );
    let bk = add(
        &mut b,
        &mut c,
        &mut keys,
        Add {
            name: "B",
            title: "Password reset",
            sprint: in1,
            status: Some("doing"),
            points: Some(5),
            assignee: Some("bob"),
            labels: &["backend"],
            ..NONE
        },
    );
    let blocked = Edit { blocked: Some(Some("waiting for the mail server".into())), ..Default::default() };
    b.edit_story(&bk, blocked, &mut c).expect("block");
    let ck = add(
        &mut b,
        &mut c,
        &mut keys,
        Add { name: "C", title: "Session timeout", sprint: in1, points: Some(2), assignee: Some("ana"), ..NONE },
    );
    b.link(&a, &ck, &mut c).expect("link");
    add(
        &mut b,
        &mut c,
        &mut keys,
        Add {
            name: "D",
            title: "Logout button",
            sprint: in1,
            status: Some("done"),
            points: Some(1),
            assignee: Some("bob"),
            ..NONE
        },
    );
    add(
        &mut b,
        &mut c,
        &mut keys,
        Add { name: "E", title: "Audit log", sprint: Some(&s2), points: Some(8), labels: &["backend"], ..NONE },
    );
    add(&mut b, &mut c, &mut keys, Add { name: "F", title: "Dark mode", labels: &["ui"], ..NONE });
    add(&mut b, &mut c, &mut keys, Add { name: "G", title: "Export CSV", points: Some(3), ..NONE });
    write(&b, keys)
}

/// A team with a past: Sprint 1 and Sprint 2 closed (10 and 6 points done), Sprint 3 active
/// with X (5 points, epic Reports), and the backlog with Y (8, epic Reports) and Z (3).
pub fn with_history() -> Fixture {
    let mut b = Board::new(BoardFile::new("Team", "SB"));
    let mut c = Ctx::new("2026-10-05T09:00:00Z".parse().expect("t"), "ana", 3);
    let mut keys = BTreeMap::new();
    b.new_epic("Reports", "").expect("epic");
    let reports = b.resolve_epic("Reports").expect("epic").to_string();
    let dates = [("2026-10-05", "2026-10-16", 10), ("2026-10-19", "2026-10-30", 6), ("2026-11-02", "2026-11-13", 0)];
    for (i, (start, end, done)) in dates.into_iter().enumerate() {
        let new = NewSprint {
            name: format!("Sprint {}", i + 1),
            start: Some(d(start)),
            end: Some(d(end)),
            ..Default::default()
        };
        let (id, _) = b.new_sprint(new).expect("sprint");
        b.start_sprint(&id, &c).expect("start");
        if done > 0 {
            let story = NewStory {
                title: format!("work {}", i + 1),
                points: Some(done),
                sprint: Some(id.as_str().into()),
                ..Default::default()
            };
            let (k, _) = b.add_story(story, &mut c).expect("add");
            b.move_story(&k, &Move { status: Some("done".into()), ..Default::default() }, &mut c).expect("done");
            b.close_sprint(&id, &mut c).expect("close");
        } else {
            let x = Add {
                name: "X",
                title: "Monthly report",
                sprint: Some(&id),
                points: Some(5),
                epic: Some(&reports),
                ..NONE
            };
            add(&mut b, &mut c, &mut keys, x);
        }
    }
    add(
        &mut b,
        &mut c,
        &mut keys,
        Add { name: "Y", title: "Yearly report", points: Some(8), epic: Some(&reports), ..NONE },
    );
    add(&mut b, &mut c, &mut keys, Add { name: "Z", title: "Print view", points: Some(3), ..NONE });
    write(&b, keys)
}

/// The JSON object `args` as a tool's arguments.
pub fn object(args: Value) -> Map<String, Value> {
    match args {
        Value::Object(m) => m,
        other => panic!("arguments must be an object, not {other}"),
    }
}

/// Calls the tool `name` as the client `claude-code`.
pub fn call(ws: &mut Workspace, name: &str, args: Value) -> Reply {
    call_tool(ws, tool(name), args)
}

pub fn call_tool(ws: &mut Workspace, tool: &Tool, args: Value) -> Reply {
    let args = object(args);
    tools::call(ws, tool, Some(&args), Some("claude-code"))
}

pub fn tool(name: &str) -> &'static Tool {
    tools::find(name).unwrap_or_else(|| panic!("no tool {name}"))
}

/// A call that must succeed.
pub fn ok(ws: &mut Workspace, name: &str, args: Value) -> Reply {
    let reply = call(ws, name, args.clone());
    assert!(!reply.is_error, "{name} {args} was refused: {}", reply.text);
    assert!(reply.structured.is_object(), "{name}: structured content is an object");
    assert!(reply.structured.get("error").is_none(), "{name}: {}", reply.structured);
    reply
}

/// A call that must be refused, and then have written nothing: every file's bytes as they
/// were, and the workspace's board what the files hold. Returns the reply's text.
pub fn refused(ws: &mut Workspace, name: &str, args: Value) -> String {
    let before = snapshot(ws.root());
    let reply = call(ws, name, args.clone());
    assert!(reply.is_error, "{name} {args} was not refused: {}", reply.text);
    assert_eq!(
        reply.structured,
        serde_json::json!({ "error": reply.text }),
        "{name}: the error is the structured content"
    );
    assert!(!reply.text.is_empty());
    assert_eq!(snapshot(ws.root()), before, "{name} {args} was refused, yet it wrote");
    assert_eq!(ws.board(), &on_disk(ws.root()), "{name} {args}: the workspace's board is what the files hold");
    reply.text
}

/// Every file under `root` (the board, the stories, anything else) and its bytes.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).expect("dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.insert(p.clone(), std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, &mut out);
    out
}

/// The board as its files hold it, read afresh.
pub fn on_disk(root: &Path) -> Board {
    Store::open_fresh(root).expect("open").1
}
