//! `sprintboard mcp` end to end: driven by a real client nobody here wrote, the official MCP
//! Python SDK (`pip install mcp`; `.ci/run` installs it), through tests/mcp_client/
//! agent_session.py; and by raw bytes on its standard input (malformed JSON-RPC, wrong
//! arguments, a huge one, a client that goes away mid-call). Each Python run starts its own
//! server on a fresh board and prints what it saw as one JSON object; these tests assert on it
//! and on the board's files.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

/// The time every process of these tests runs at.
const NOW: &str = "2026-11-20T10:00:00Z";
/// The longest one Python run may take (each takes a few seconds).
const PYTHON_LIMIT: Duration = Duration::from_secs(60);

const ALL_TOOLS: [&str; 11] = [
    "list_stories",
    "show_story",
    "create_story",
    "edit_story",
    "move_story",
    "add_comment",
    "link_stories",
    "unlink_stories",
    "board_summary",
    "forecast",
    "standup",
];

/// The field table's JSON names: create_story takes each of them.
const FIELD_NAMES: [&str; 15] = [
    "title",
    "points",
    "assignee",
    "epic",
    "labels",
    "moscow",
    "blocked",
    "type",
    "status",
    "sprint",
    "rice",
    "wsjf",
    "blocked_by",
    "description",
    "acceptance",
];

/// Runs the board's CLI at [`NOW`]; it must succeed; its standard output.
fn sb(board: &TestBoard, args: &[&str]) -> String {
    let out = board.cmd().env("SPRINTBOARD_NOW", NOW).args(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Waits for `child` to end, at most `limit`; kills it when it does not.
fn wait_or_kill(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Everything a pipe gives until it closes, read on a thread (so the child never blocks on it).
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = pipe.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    })
}

/// The Python that has the MCP SDK: the machine's `python3` when it has it (CI's `.ci/run`
/// installs it), else a virtual environment beside the build, made once with the SDK
/// installed (so that `cargo test` needs nothing more than Python 3 and the package index).
fn python() -> &'static Path {
    static PYTHON: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    PYTHON.get_or_init(|| {
        let has_sdk = |python: &Path| {
            std::process::Command::new(python)
                // What the session script uses of 2.x (a 1.x SDK has no Client, no listen).
                .args(["-c", "from mcp import Client, StdioServerParameters; import mcp.client.subscriptions"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let system = Path::new("python3");
        if has_sdk(system) {
            return system.to_owned();
        }
        let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mcp-python");
        let python = venv.join("bin/python3");
        if !has_sdk(&python) {
            let made = std::process::Command::new("python3").args(["-m", "venv"]).arg(&venv).status();
            assert!(made.is_ok_and(|s| s.success()), "cannot make a Python virtual environment at {venv:?}");
            let pip =
                std::process::Command::new(&python).args(["-m", "pip", "install", "--quiet", "mcp==2.3.0"]).status();
            assert!(
                pip.is_ok_and(|s| s.success()) && has_sdk(&python),
                "cannot install the MCP Python SDK into {venv:?}: python3 -m pip install mcp (CI's .ci/run does)"
            );
        }
        python
    })
}

/// Runs one scenario of tests/mcp_client/agent_session.py against `board`, in the board's
/// isolated environment at [`NOW`], as `user` (`None`: no configured user, so the history
/// shows the agent's own name). What the client saw; its `failures` must be empty.
fn agent_session(board: &TestBoard, user: Option<&str>, scenario: &str, args: &[&str]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp_client/agent_session.py");
    let mut py = Command::new(python());
    // The same isolation as the CLI tests' (HOME, XDG dirs, git): copied from their command.
    for (k, v) in sprintboard(board.tmp.path()).get_envs() {
        match v {
            Some(v) => py.env(k, v),
            None => py.env_remove(k),
        };
    }
    match user {
        Some(u) => py.env("SPRINTBOARD_USER", u),
        None => py.env_remove("SPRINTBOARD_USER"),
    };
    py.env("SPRINTBOARD_NOW", NOW).env("PYTHONDONTWRITEBYTECODE", "1").current_dir(board.tmp.path());
    py.arg(&script).arg(scenario).arg(env!("CARGO_BIN_EXE_sprintboard")).arg(&board.root).args(args);
    let started = Instant::now();
    let mut child = match py.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) => panic!("cannot run python3 ({e}): these tests need Python 3 and `python3 -m pip install mcp`"),
    };
    let (out, err) = (drain(child.stdout.take().expect("stdout")), drain(child.stderr.take().expect("stderr")));
    let status = wait_or_kill(&mut child, PYTHON_LIMIT);
    let (out, err) = (out.join().expect("stdout"), err.join().expect("stderr"));
    let Some(status) = status else {
        panic!("the {scenario} session took more than {PYTHON_LIMIT:?} and was killed:\n{out}\n{err}")
    };
    assert_ne!(
        status.code(),
        Some(3),
        "the MCP Python SDK (2.3.0 or later) is not installed: python3 -m pip install mcp (CI's .ci/run does)\n{err}"
    );
    assert!(status.success(), "the {scenario} session failed ({status}):\n{out}\n{err}");
    eprintln!("the {scenario} session took {:?}", started.elapsed());
    let report: Value = serde_json::from_str(out.lines().last().unwrap_or("")).expect("the session's report");
    assert_eq!(report["failures"], json!([]), "what did not hold in the {scenario} session (stderr: {err})");
    // The SDK closes the server's input and terminates it after 2 s: each server ended by itself.
    for took in report["exit_s"].as_array().expect("exit_s") {
        assert!(took.as_f64().expect("seconds") < 1.5, "a server took {took} s to end after its input closed");
    }
    report
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().expect("array").iter().map(|s| s.as_str().expect("string")).collect()
}

/// `check` passes: the board is whole.
fn assert_checks(board: &TestBoard) {
    let out = board.run(&["check"]);
    assert!(out.status.success(), "check: {}{}", stdout(&out), stderr(&out));
}

/// A board with an epic, two closed sprints (a velocity to forecast from), an active sprint S1
/// and a story in it; the story's key.
fn planned_board() -> (TestBoard, String) {
    let board = TestBoard::new();
    sb(&board, &["epic", "new", "Payments"]);
    for (i, start) in ["2026-10-23", "2026-11-06"].iter().enumerate() {
        let name = format!("Past {i}");
        sb(&board, &["sprint", "new", &name, "--start", start]);
        let k = sb(&board, &["add", "Done work", "--sprint", &name, "--points", "5"]).trim().to_owned();
        sb(&board, &["sprint", "start", &name]);
        sb(&board, &["move", &k, "--status", "Done"]);
        sb(&board, &["sprint", "close"]);
    }
    sb(&board, &["sprint", "new", "S1"]);
    let existing = sb(&board, &["add", "Existing", "--sprint", "S1", "--points", "2"]).trim().to_owned();
    sb(&board, &["sprint", "start", "S1"]);
    (board, existing)
}

/// Every tool called once by the Python client; the script checks each writing call against
/// the files and `show --format json`, and show_story's structured content field by field.
#[test]
fn python_client_lists_and_calls_every_tool() {
    let (board, existing) = planned_board();
    let existing_before = std::fs::read(board.story_path(&existing)).expect("read");
    let r = agent_session(&board, None, "tools", &[&existing]);

    assert_eq!(r["protocol"], "2026-07-28", "the SDK's default protocol");
    assert_eq!(strings(&r["tools"]), ALL_TOOLS);
    let create = strings(&r["create_properties"]);
    for name in FIELD_NAMES {
        assert!(create.contains(&name), "create_story's schema lacks {name}: {create:?}");
    }
    let mv = strings(&r["move_properties"]);
    for name in ["key", "status", "sprint", "top", "bottom", "before"] {
        assert!(mv.contains(&name), "move_story's schema lacks {name}: {mv:?}");
    }

    let called = strings(&r["called"]);
    for tool in ALL_TOOLS {
        assert!(called.contains(&tool), "{tool} was not called: {called:?}");
    }

    // Every change is the agent's, by the name its client gave.
    for by in ["edit_by", "move_by", "comment_by", "link_by"] {
        assert_eq!(r[by], "agent:claude-code", "{by}");
    }
    let key = r["created"].as_str().expect("created").to_owned();
    let shown = board.json(&["show", &key, "--format", "json"]);
    assert_eq!(shown, r["final"], "the story as the session left it is what the files hold");
    let history = shown["history"].as_array().expect("history");
    assert!(history.len() >= 5, "created, blocked, re-estimated, unblocked, moved: {history:?}");
    assert!(history.iter().all(|h| h["by"] == "agent:claude-code"), "{history:?}");
    assert_eq!(history[0]["at"], NOW);
    assert_eq!(
        (&shown["title"], &shown["status"], &shown["sprint"], &shown["points"], &shown["epic"], &shown["type"]),
        (
            &json!("Agent: retry the payment webhook"),
            &json!("Review"),
            &json!("S1"),
            &json!(5),
            &json!("Payments"),
            &json!("bug")
        )
    );
    assert_eq!(shown["blocked_by"], json!([existing]));
    assert_eq!(shown["comments"][0]["by"], "agent:claude-code");
    assert_eq!(board.keys("S1"), [key.clone(), existing.clone()], "placed before {existing}");
    assert_eq!(
        std::fs::read(board.story_path(&existing)).expect("read"),
        existing_before,
        "a link is the waiting story's"
    );
    assert!(r["standup"].as_str().expect("standup").contains("agent:claude-code"), "{}", r["standup"]);
    assert_checks(&board);
}

/// A configured user ($SPRINTBOARD_USER, else `user` in config.ron) is who the history names.
#[test]
fn python_client_history_names_the_configured_user() {
    let board = TestBoard::new();
    let key = board.add("Configured", &["--points", "2"]);
    let r = agent_session(&board, Some("dana"), "user", &[&key, "5"]);
    assert_eq!(r["by"], "dana");

    let config = board.tmp.path().join("config/sprintboard");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.ron"), "(user: \"erin\")").expect("config");
    let r = agent_session(&board, None, "user", &[&key, "8"]);
    assert_eq!(r["by"], "erin");
    let history = board.json(&["show", &key, "--format", "json"])["history"].clone();
    let by: Vec<&str> = history.as_array().expect("history").iter().map(|h| h["by"].as_str().expect("by")).collect();
    assert_eq!(by, ["tester", "dana", "erin"]);
}

/// Refused calls (unknown key, a closed sprint, a bad value, an unknown field, …) are tool
/// errors that say why, and nothing on disk changes.
#[test]
fn python_client_refused_calls_change_nothing() {
    let board = TestBoard::new();
    sb(&board, &["sprint", "new", "Old"]);
    let old = sb(&board, &["add", "Old work", "--sprint", "Old"]).trim().to_owned();
    sb(&board, &["sprint", "start", "Old"]);
    sb(&board, &["move", &old, "--status", "Done"]);
    sb(&board, &["sprint", "close"]);
    let key = board.add("Backlog story", &["--points", "3"]);
    let before = files(&board.root);

    let r = agent_session(&board, None, "refused", &[&key, "Old"]);

    assert_eq!(files(&board.root), before, "a refused call wrote something");
    let says = |name: &str, words: &str| {
        let text = r[name].as_str().unwrap_or_else(|| panic!("{name}: {r}"));
        assert!(text.contains(words), "{name} should say {words:?}: {text}");
    };
    says("unknown_key", "no story SB-NOPE");
    says("unknown_key_move", "no story SB-NOPE");
    says("unknown_key_comment", "no story SB-NOPE");
    says("closed_sprint", "Old is closed");
    says("closed_sprint_edit", "Old is closed");
    says("bad_points", "points");
    says("bad_points_create", "not a whole number");
    says("unknown_field", "no field \"colour\"");
    says("unknown_field_create", "no field \"colour\"");
    says("no_title", "title");
    says("self_link", "itself");
    says("control_chars", "control character");
    says("empty_title", "cannot be empty");
    says("create_in_closed_sprint", "Old is closed");
    says("two_places", "one place at most");
    says("summary_argument", "unknown field `verbose`");
    assert_checks(&board);
}

/// Story files that cannot be read (a broken file, a symbolic link): every call on them is a
/// tool error saying how to repair it, nothing is written, and the rest of the board works.
#[test]
fn python_client_is_refused_stories_whose_files_cannot_be_read() {
    let board = TestBoard::new();
    let good = board.add("Good", &["--points", "1"]);
    let damaged = board.add("Damaged", &["--points", "2"]);
    std::fs::write(board.story_path(&damaged), "(title: \"half a file").expect("damage");
    let outside = board.tmp.path().join("outside.ron");
    std::fs::write(&outside, std::fs::read(board.story_path(&good)).expect("read")).expect("outside");
    std::os::unix::fs::symlink(&outside, board.root.join("stories/SB-LINK.ron")).expect("symlink");
    let (before, outside_before) = (files(&board.root), std::fs::read(&outside).expect("read"));

    let r = agent_session(&board, None, "damaged", &[&damaged, "SB-LINK", &good]);

    assert_eq!(files(&board.root), before, "a call on an unreadable story wrote something");
    assert_eq!(std::fs::read(&outside).expect("read"), outside_before, "the link was followed");
    assert_eq!(strings(&r["listed"]), [good.as_str()], "the unreadable stories are left out");
}

/// Calls sent at once while the command line comments on the same story: every comment said
/// to be saved is there once (a save that lost the race past the retries is refused and tried
/// again), and no other.
#[test]
fn python_client_calls_at_once_beside_the_cli_lose_nothing() {
    let board = TestBoard::new();
    let key = board.add("Busy", &["--points", "3"]);
    let r = agent_session(&board, None, "concurrent", &[&key, "15"]);
    let mut comments = strings(&r["comments"]);
    comments.sort_unstable();
    let mut saved = strings(&r["saved"]);
    saved.sort_unstable();
    let mut expected: Vec<String> = (0..15).flat_map(|i| [format!("agent {i}"), format!("person {i}")]).collect();
    expected.sort_unstable();
    assert_eq!(saved, expected, "each comment saved once in the end");
    assert_eq!(comments, saved, "the story holds what was said saved (refused and tried again: {})", r["refused"]);
    assert_checks(&board);
}

/// `--read-only` offers the five reading tools and refuses a writing one, writing nothing.
#[test]
fn python_client_read_only_server_offers_only_reading_tools() {
    let board = TestBoard::new();
    let key = board.add("Read me", &["--points", "1"]);
    let before = files(&board.root);
    let r = agent_session(&board, None, "read_only", &[&key]);
    assert_eq!(files(&board.root), before, "a read-only server wrote something");
    assert_eq!(strings(&r["tools"]), ["list_stories", "show_story", "board_summary", "forecast", "standup"]);
    for tool in ["move_story", "create_story", "add_comment"] {
        assert!(r[tool].as_str().expect(tool).contains("read-only"), "{tool}: {}", r[tool]);
    }
}

/// The resources (summary, each story), a resource-updated notification when another process
/// changes a subscribed story's file (`subscriptions/listen`), and the older handshake
/// (`initialize`, `resources/subscribe`).
#[test]
fn python_client_reads_resources_hears_of_changes_and_speaks_the_older_protocol() {
    let board = TestBoard::new();
    let key = board.add("Watched", &["--points", "2"]);
    let r = agent_session(&board, None, "resources", &[&key]);
    let uri = format!("sprintboard://story/{key}");
    assert_eq!(strings(&r["resources"]), ["sprintboard://board/summary", uri.as_str()]);
    assert!(r["story_text"].as_str().expect("text").starts_with(&format!("{key}  Watched")), "{}", r["story_text"]);
    assert_eq!(strings(&r["honored"]), [uri.as_str()]);
    assert!(r["notified_after_s"].as_f64().expect("heard") < 10.0);
    assert!(r["legacy_notified_after_s"].as_f64().expect("heard by the legacy client") < 10.0);
    assert_ne!(r["legacy_protocol"], "2026-07-28", "the legacy mode negotiates an older version");
    assert_eq!(r["legacy_by"], "agent:codex-cli", "the name from `initialize`'s clientInfo");
    let shown = board.json(&["show", &key, "--format", "json"]);
    assert_eq!((&shown["status"], &shown["points"]), (&json!("Done"), &json!(13)));
    assert_eq!(shown["comments"][0]["text"], "from outside");
    assert_checks(&board);
}

/// A client speaking raw JSON-RPC lines to `sprintboard mcp`.
struct Raw {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<String>,
    err: Option<std::thread::JoinHandle<String>>,
}

impl Raw {
    fn start(board: &TestBoard) -> Raw {
        let mut child = board
            .cmd()
            .env("SPRINTBOARD_NOW", NOW)
            .arg("mcp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let err = Some(drain(child.stderr.take().expect("stderr")));
        Raw { stdin: child.stdin.take(), child, lines, err }
    }

    /// The older handshake (`initialize`, then `notifications/initialized`); the server's answer.
    fn initialize(&mut self) -> Value {
        self.request(
            1,
            "initialize",
            json!({ "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": { "name": "raw", "version": "0" } }),
        );
        let a = self.answer();
        self.send(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#);
        a
    }

    fn send(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).and_then(|()| stdin.write_all(b"\n")).and_then(|()| stdin.flush()).expect("write");
    }

    fn request(&mut self, id: u64, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }).to_string().as_bytes());
    }

    /// The next message that is not a notification.
    fn answer(&mut self) -> Value {
        loop {
            let v = self.message();
            if v.get("id").is_some() || v.get("error").is_some() {
                return v;
            }
        }
    }

    fn call(&mut self, id: u64, tool: &str, arguments: Value) -> Value {
        self.request(id, "tools/call", json!({ "name": tool, "arguments": arguments }));
        let a = self.answer();
        assert_eq!(a["id"], id, "{a}");
        a
    }

    /// The server is up and answers a ping; what it said before the answer.
    fn assert_up(&mut self, id: u64) -> Vec<Value> {
        self.request(id, "ping", json!({}));
        let mut before = Vec::new();
        loop {
            let a = self.message();
            if a["id"] == id {
                assert_eq!(a["result"], json!({}), "{a}");
                return before;
            }
            before.push(a);
        }
    }

    /// The next message, within 10 s.
    fn message(&mut self) -> Value {
        let line = self
            .lines
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|e| panic!("no answer ({e}): {}", self.stderr()));
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    }

    fn stderr(&mut self) -> String {
        let _ = self.child.kill();
        self.err.take().map(|h| h.join().expect("stderr")).unwrap_or_default()
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Bad bytes and bad calls get answers (an error, or a tool error) and the server stays up;
/// closing its input mid-call ends it promptly, and the board is whole.
#[test]
fn raw_client_gets_answers_to_bad_input_and_ending_input_ends_the_server() {
    let board = TestBoard::new();
    let key = board.add("Raw", &["--points", "2"]);
    let mut raw = Raw::start(&board);
    let a = raw.initialize();
    assert_eq!(a["result"]["serverInfo"]["name"], "sprintboard", "{a}");
    raw.assert_up(2);

    // Lines that are not JSON (or not UTF-8) are ignored, as rmcp and the other official SDKs
    // do (there is no id to answer, and answering garbage can start an error storm).
    for (i, bad) in
        [&b"{not json"[..], b"[1, 2", b"{\"jsonrpc\":\"2.0\",\"id\":", b"\xff\xfe\x00garbage"].iter().enumerate()
    {
        raw.send(bad);
        let said = raw.assert_up(10 + i as u64);
        assert_eq!(said, Vec::<Value>::new(), "{}", String::from_utf8_lossy(bad));
    }
    // JSON that is not a JSON-RPC message: an Invalid Request error.
    for (i, bad) in [&b"42"[..], b"{}", br#"{"jsonrpc":"2.0","id":9}"#].iter().enumerate() {
        raw.send(bad);
        let said = raw.assert_up(15 + i as u64);
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0]["error"]["code"], -32600, "{said:?}");
    }

    // An unknown tool and an unknown method: protocol errors (the spec's), with a message.
    let a = raw.call(20, "no_such_tool", json!({}));
    assert!(a["error"]["message"].as_str().expect("message").contains("no tool \"no_such_tool\""), "{a}");
    raw.request(21, "no/such/method", json!({}));
    let a = raw.answer();
    assert_eq!((&a["id"], &a["error"]["code"]), (&json!(21), &json!(-32601)), "{a}");
    assert!(a["error"]["message"].as_str().expect("message").contains("no method \"no/such/method\""), "{a}");
    // A known method whose parameters do not fit it: invalid params, saying which part.
    for (id, params, why) in [
        (22, json!({ "name": 5 }), "expected a string"),
        (23, json!({ "name": "show_story", "arguments": [1] }), "expected a map"),
    ] {
        raw.request(id, "tools/call", params);
        let a = raw.answer();
        assert_eq!((&a["id"], &a["error"]["code"]), (&json!(id), &json!(-32602)), "{a}");
        assert!(a["error"]["message"].as_str().expect("message").contains(why), "{a}");
    }

    // Wrong argument types: tool errors that say what does not fit.
    for (id, tool, args) in [
        (30, "show_story", json!({ "key": 42 })),
        (31, "list_stories", json!({ "limit": "many" })),
        (32, "edit_story", json!({ "key": key, "points": [1, 2] })),
        (33, "move_story", json!({ "key": key, "top": "yes" })),
        (34, "create_story", json!({ "title": { "nested": true } })),
    ] {
        let a = raw.call(id, tool, args);
        assert_eq!(a["result"]["isError"], true, "{tool}: {a}");
        assert!(!a["result"]["content"][0]["text"].as_str().expect("text").is_empty(), "{a}");
    }
    // A 5 MB title or description: refused by the size limits, and nothing written.
    let before = files(&board.root);
    for (id, args, why) in [
        (39, json!({ "title": "x".repeat(5 << 20) }), "longer than 2000 characters"),
        (40, json!({ "key": key, "description": "y".repeat(5 << 20) }), "more than the 256 KiB"),
    ] {
        let tool = if id == 39 { "create_story" } else { "edit_story" };
        let a = raw.call(id, tool, args);
        let text = a["result"]["content"][0]["text"].as_str().unwrap_or_default().to_owned();
        assert_eq!(a["result"]["isError"], true, "5 MB taken by {tool}: {}", &a.to_string()[..200]);
        assert!(text.contains(why), "{text}");
    }
    assert_eq!(files(&board.root), before);
    raw.assert_up(41);
    // A line longer than rmcp's limit (16 MB) is dropped unread; the server stays up.
    let mut long = br#"{"jsonrpc":"2.0","id":43,"method":"ping","params":{"x":""#.to_vec();
    long.extend(std::iter::repeat_n(b'y', 17 << 20));
    long.extend(br#""}}"#);
    raw.send(&long);
    assert_eq!(raw.assert_up(44), Vec::<Value>::new());
    let a = raw.call(42, "show_story", json!({ "key": key }));
    assert_eq!(a["result"]["structuredContent"]["title"], "Raw", "{a}");

    // A call, and the client goes away before the answer: the server ends promptly.
    raw.send(
        json!({ "jsonrpc": "2.0", "id": 50, "method": "tools/call",
        "params": { "name": "add_comment", "arguments": { "key": key, "text": "last words" } } })
        .to_string()
        .as_bytes(),
    );
    drop(raw.stdin.take());
    let started = Instant::now();
    let status = wait_or_kill(&mut raw.child, Duration::from_secs(10));
    let took = started.elapsed();
    assert!(status.is_some(), "the server did not end within 10 s of its input closing: {}", raw.stderr());
    assert!(took < Duration::from_secs(2), "the server took {took:?} to end after its input closed mid-call");
    let err = raw.err.take().map(|h| h.join().expect("stderr")).unwrap_or_default();
    assert!(!err.contains("panicked"), "{err}");
    assert_checks(&board);
    // The call made before the end was made whole or not at all.
    let comments = board.json(&["show", &key, "--format", "json"])["comments"].clone();
    assert!(comments == json!([]) || comments[0]["text"] == "last words", "{comments}");
}

/// A client of the 2026-07-28 protocol listening for changes goes away: the server ends at
/// once (rmcp gives running requests 5 s after the input ends, and a listener runs until its
/// client goes), and the notification of a change made meanwhile arrived first.
#[test]
fn raw_client_listening_goes_away_and_the_server_ends_at_once() {
    let board = TestBoard::new();
    let key = board.add("Listened", &["--points", "2"]);
    let mut raw = Raw::start(&board);
    let meta = json!({
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientInfo": { "name": "raw", "version": "1" },
        "io.modelcontextprotocol/clientCapabilities": {},
    });
    raw.request(1, "server/discover", json!({ "_meta": meta }));
    assert!(raw.answer()["result"]["supportedVersions"].to_string().contains("2026-07-28"));
    let uri = format!("sprintboard://story/{key}");
    raw.send(
        json!({ "jsonrpc": "2.0", "id": "listen-1", "method": "subscriptions/listen",
            "params": { "notifications": { "resourceSubscriptions": [uri] }, "_meta": meta } })
        .to_string()
        .as_bytes(),
    );
    let ack = raw.message();
    assert_eq!(ack["method"], "notifications/subscriptions/acknowledged", "{ack}");
    assert_eq!(ack["params"]["notifications"]["resourceSubscriptions"], json!([uri]), "{ack}");

    sb(&board, &["move", &key, "--status", "Done"]);
    let heard = raw.message();
    assert_eq!((&heard["method"], &heard["params"]["uri"]), (&json!("notifications/resources/updated"), &json!(uri)));

    drop(raw.stdin.take());
    let started = Instant::now();
    let status = wait_or_kill(&mut raw.child, Duration::from_secs(10));
    let took = started.elapsed();
    assert!(status.is_some_and(|s| s.success()), "the server did not end well: {status:?} {}", raw.stderr());
    assert!(took < Duration::from_secs(2), "the server took {took:?} to end after its listening client went");
}

/// The server killed (-9) while calls stream in: every story it answered for is on the board,
/// whole, `check` passes, and a new server works on the board.
#[test]
fn raw_client_server_killed_mid_calls_leaves_a_whole_board() {
    let board = TestBoard::new();
    let mut raw = Raw::start(&board);
    raw.initialize();
    for id in 100..160 {
        raw.request(
            id,
            "tools/call",
            json!({ "name": "create_story", "arguments": { "title": format!("Story {id}"), "description": "d".repeat(20_000) } }),
        );
    }
    let mut created = Vec::new();
    while created.len() < 10 {
        let a = raw.answer();
        assert_eq!(a["result"]["isError"], false, "{a}");
        created.push(a["result"]["structuredContent"]["key"].as_str().expect("key").to_owned());
    }
    raw.child.kill().expect("kill -9");
    let _ = raw.child.wait();

    assert_checks(&board);
    let listed = board.keys("backlog");
    for key in &created {
        assert!(listed.contains(key), "{key} was answered for but is not on the board: {listed:?}");
    }
    let mut again = Raw::start(&board);
    again.initialize();
    let a = again.call(2, "list_stories", json!({ "limit": 500 }));
    assert_eq!(a["result"]["structuredContent"]["total"], listed.len(), "{a}");
}

/// Calls sent one after another without waiting are done in that order: a show sent right
/// after a move sees the story moved, every time.
#[test]
fn raw_client_calls_sent_at_once_are_done_in_order() {
    let board = TestBoard::new();
    let key = board.add("Ordered", &[]);
    let mut raw = Raw::start(&board);
    raw.initialize();
    let columns = ["In Progress", "Done", "To Do", "Review"];
    let mut id = 10;
    for round in 0..200 {
        let column = columns[round % columns.len()];
        // Both lines written before either answer is read.
        let mv = json!({ "name": "move_story", "arguments": { "key": key, "status": column } });
        let show = json!({ "name": "show_story", "arguments": { "key": key } });
        raw.send(
            format!(
                "{}\n{}",
                json!({ "jsonrpc": "2.0", "id": id, "method": "tools/call", "params": mv }),
                json!({ "jsonrpc": "2.0", "id": id + 1, "method": "tools/call", "params": show })
            )
            .as_bytes(),
        );
        let mut answers = [raw.answer(), raw.answer()];
        answers.sort_by_key(|a| a["id"].as_u64());
        assert_eq!(answers[0]["result"]["isError"], false, "{}", answers[0]);
        assert_eq!(answers[1]["result"]["structuredContent"]["status"], column, "round {round}: the show came first");
        id += 2;
    }
}
