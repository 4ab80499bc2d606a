//! What comes from a board's files (a teammate's commit, an import, a hand edit) never drives the
//! terminal of whoever prints it, never makes the program read or write outside the board, and
//! `import` never fills a board nobody asked for (issue 20).

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Every class of character that can drive a terminal or reorder a line, as a RON string holds
/// it: OSC 0 (the window title) and OSC 52 (the clipboard) ended by BEL, a CSI that clears the
/// screen, the 8-bit CSI (U+009B) and NEL (U+0085), DEL, NUL, a lone CR, and the bidi override
/// and isolate controls.
const PAYLOAD: &str =
    r"\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7}\u{9b}31m\u{85}\u{7f}\u{0}\r\u{202e}\u{2066}";

/// How the payload's start is shown once escaped.
const SHOWN: &str = r"\e]0;pwned\u0007\e[2J\e]52;c;cHduZWQ=\u0007\u009b31m";

/// A character that must not reach a terminal raw: C0 and C1 controls, DEL, the bidi controls.
/// (Written out here rather than taken from the program, which is what is tested.)
fn unsafe_char(c: char) -> bool {
    c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Fails when `bytes` hold anything but text a terminal only lays out: every control but a line
/// break and a tab (a CR only just before a line break), any bidi control, any invalid UTF-8
/// (an 8-bit CSI is a lone 0x9B byte).
fn assert_clean(what: &str, stream: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: {stream} is not UTF-8: {e}"));
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let layout = c == '\n' || c == '\t' || (c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n'));
        if unsafe_char(c) && !layout {
            let from = text[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
            panic!("{what}: {stream} holds {c:?} raw, after {:?}", &text[from..i]);
        }
    }
}

/// One command line to run on the poisoned board: which subcommand it is (as clap names it,
/// `sprint new`; "" for bare `sprintboard`), its arguments, and whether its standard output
/// shows the board's poisoned text (so the test proves the text got there, escaped).
struct Run {
    command: &'static str,
    args: Vec<String>,
    shows: bool,
    dir: Option<PathBuf>,
    /// What it reads on standard input (nothing when `None`).
    input: Option<String>,
}

fn run(command: &'static str, args: &[&str], shows: bool) -> Run {
    Run { command, args: args.iter().map(|s| s.to_string()).collect(), shows, dir: None, input: None }
}

/// An agent's session with `sprintboard mcp`, as JSON-RPC lines: the handshake, then the
/// tools and the resource that show the story `key` and the board.
fn agent_session(key: &str) -> String {
    let call = |id: u32, method: &str, params: serde_json::Value| {
        serde_json::json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }).to_string()
    };
    let tool = |name: &str, arguments: serde_json::Value| serde_json::json!({ "name": name, "arguments": arguments });
    [
        call(
            1,
            "initialize",
            serde_json::json!({
                "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": { "name": "safety", "version": "1" }
            }),
        ),
        serde_json::json!({ "jsonrpc": "2.0", "method": "notifications/initialized" }).to_string(),
        call(2, "tools/call", tool("show_story", serde_json::json!({ "key": key }))),
        call(3, "tools/call", tool("list_stories", serde_json::json!({ "sprint": "all" }))),
        call(4, "tools/call", tool("board_summary", serde_json::json!({}))),
        call(5, "tools/call", tool("standup", serde_json::json!({ "since": "2026-11-01" }))),
        call(6, "resources/read", serde_json::json!({ "uri": format!("sprintboard://story/{key}") })),
        call(7, "tools/call", tool("show_story", serde_json::json!({ "key": "SB-\u{1b}]0;pwned\u{7}" }))),
    ]
    .join("\n")
        + "\n"
}

/// Every subcommand clap knows, nested ones as `sprint new`: the list the test's list of
/// commands must cover, so a new command cannot be forgotten here.
fn every_subcommand() -> Vec<String> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            let name =
                if prefix.is_empty() { sub.get_name().to_owned() } else { format!("{prefix} {}", sub.get_name()) };
            if sub.has_subcommands() {
                walk(sub, &name, out);
            } else {
                out.push(name);
            }
        }
    }
    let mut out = vec![String::new()];
    walk(&<sprintboard::cli::Cli as clap::CommandFactory>::command(), "", &mut out);
    out
}

/// A team board in a git repository (so `sync` and the merge driver run), planted with the
/// payload in every field of a story, in `board.ron` (its name, a column, a sprint and its goal,
/// an epic and its description, a person, a working day) and in a comment; a second story
/// whose references (column, sprint, epic) are poisoned ids, so every command's warnings carry
/// the payload too.
struct Poisoned {
    tmp: tempfile::TempDir,
    repo: PathBuf,
    board: PathBuf,
    key: String,
    other: String,
    doomed: String,
}

impl Poisoned {
    /// With `dangling`, the second story's references are poisoned ids that board.ron lacks.
    fn new(dangling: bool) -> Poisoned {
        let tmp = tempfile::tempdir().expect("tmp");
        let repo = tmp.path().join("repo");
        std::fs::create_dir_all(&repo).expect("repo");
        git_ok(&repo, &["init", "-q", "-b", "main"]);
        let sb = |args: &[&str]| {
            let out = sprintboard(tmp.path()).current_dir(&repo).args(args).output().expect("run");
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            stdout(&out).trim().to_owned()
        };
        sb(&["init", "--name", "Boardname", "--no-hook"]);
        sb(&["epic", "new", "Epicname", "--description", "Epicdescription"]);
        // Two closed sprints: enough history for a forecast.
        sb(&["sprint", "new", "Earlysprint", "--start", "2026-11-02", "--end", "2026-11-13"]);
        let early = sb(&["add", "Early", "--sprint", "earlysprint", "--points", "5"]);
        sb(&["sprint", "start", "earlysprint"]);
        sb(&["move", &early, "--status", "done"]);
        sb(&["sprint", "close"]);
        sb(&["sprint", "new", "Pastsprint", "--start", "2026-11-16", "--end", "2026-11-27"]);
        let done = sb(&["add", "Donetitle", "--sprint", "pastsprint", "--points", "2", "--assignee", "Assigneename"]);
        sb(&["sprint", "start", "pastsprint"]);
        sb(&["move", &done, "--status", "done"]);
        sb(&["sprint", "close"]);
        sb(&["sprint", "new", "Sprintname", "--start", "2026-11-30", "--end", "2026-12-11", "--capacity", "20"]);
        sb(&["sprint", "edit", "sprintname", "--goal", "Sprintgoal"]);
        sb(&["sprint", "start", "sprintname"]);
        let key = sb(&[
            "add",
            "Titletext",
            "--sprint",
            "sprintname",
            "--epic",
            "epicname",
            "--assignee",
            "Assigneename",
            "--label",
            "Labelname",
            "--points",
            "3",
        ]);
        sb(&["edit", &key, "--blocked", "Blockedreason", "--description", "Descriptiontext"]);
        sb(&["edit", &key, "--acceptance", "Acceptancetext", "--moscow", "must", "--rice", "1,2,1,1"]);
        sb(&["move", &key, "--status", "doing"]);
        sb(&["comment", &key, "Commenttext"]);
        let other = sb(&["add", "Othertitle", "--sprint", "sprintname", "--assignee", "Assigneename"]);
        sb(&["link", &other, "--blocks", &key]);
        let doomed = sb(&["add", "Doomedtitle"]);
        let board = repo.join(".sprintboard");

        let poison = |path: &Path, markers: &[&str], extra: &[(&str, &str)]| {
            let mut text = std::fs::read_to_string(path).expect("read");
            for m in markers {
                assert!(text.contains(&format!("\"{m}\"")), "{m} in {}", path.display());
                text = text.replace(&format!("\"{m}\""), &format!("\"{m}{PAYLOAD}\""));
            }
            for (from, to) in extra {
                assert!(text.contains(from), "{from} in {}", path.display());
                text = text.replace(from, &to.replace("PAYLOAD", PAYLOAD));
            }
            std::fs::write(path, text).expect("write");
        };
        poison(
            &board.join("board.ron"),
            &["Boardname", "In Progress", "Epicname", "Epicdescription", "Sprintname", "Sprintgoal", "Pastsprint"],
            &[
                ("people: [],", "people: [\"Personname PAYLOAD\"],"),
                ("\"Fri\",", if dangling { "\"Fri\", \"Sat PAYLOAD\"," } else { "\"Fri\"," }),
            ],
        );
        let story = |k: &str| board.join("stories").join(format!("{k}.ron"));
        poison(
            &story(&key),
            &[
                "Titletext",
                "Assigneename",
                "Labelname",
                "Blockedreason",
                "Descriptiontext",
                "Acceptancetext",
                "Commenttext",
                "tester",
            ],
            &[("origin: None,", "origin: (id: \"github:acme/app#1PAYLOAD\", fields: {\"title\": \"x PAYLOAD\"}),")],
        );
        let references = [
            ("status: \"todo\",\n    sprint", "status: \"gonecolumn PAYLOAD\",\n    sprint"),
            ("epic: None,", "epic: \"goneepic PAYLOAD\","),
        ];
        poison(&story(&other), &["Othertitle"], if dangling { &references[..] } else { &[] });
        poison(&story(&doomed), &["Doomedtitle"], &[]);
        poison(&story(&done), &["Donetitle", "Assigneename"], &[]);
        git_ok(&repo, &["add", "-A"]);
        git_ok(&repo, &["commit", "-q", "-m", "A board as a teammate left it"]);
        Poisoned { tmp, repo, board, key, other, doomed }
    }
}

/// Every command that prints text, run on a board whose every text field holds escape
/// sequences, C1 controls, DEL and bidi controls: nothing of it reaches standard output or
/// standard error raw.
#[test]
fn no_command_prints_a_control_character_from_the_board() {
    let p = Poisoned::new(true);
    let (key, other, doomed) = (p.key.as_str(), p.other.as_str(), p.doomed.as_str());
    let site = p.tmp.path().join("site");
    let site = site.to_str().expect("utf-8 path");

    // What git hands the merge driver: a base and two sides of a story that both changed its
    // title, and the file's path in the repository, which a teammate chose.
    let story_text = std::fs::read_to_string(p.board.join("stories").join(format!("{key}.ron"))).expect("story");
    let sides = p.tmp.path().join("sides");
    std::fs::create_dir_all(&sides).expect("sides");
    for (name, title) in [("base", "Titletext"), ("ours", "Ours"), ("theirs", "Theirs")] {
        std::fs::write(sides.join(name), story_text.replacen("Titletext", title, 1)).expect("side");
    }
    let side = |n: &str| sides.join(n).to_str().expect("utf-8").to_owned();
    let poisoned_path = ".sprintboard/stories/SB-\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}.ron";

    // An export to import whose titles and statuses a tracker's users wrote.
    let import = p.tmp.path().join("issues.json");
    std::fs::write(
        &import,
        r#"[{"number": 1, "title": "Fine", "body": "", "state": "OPEN", "labels": [], "assignees": [],
             "milestone": null, "url": "https://github.com/acme/app/issues/1"}]"#,
    )
    .expect("import");
    let import_bad = p.tmp.path().join("bad.json");
    std::fs::write(
        &import_bad,
        "[{\"number\": 2, \"title\": \"Right\u{202e}gpj.exe \u{1b}]0;x\u{7}\", \"body\": \"\", \"state\": \"OPEN\", \
         \"labels\": [], \"assignees\": [], \"milestone\": null, \"url\": \"https://github.com/acme/app/issues/2\"}]",
    )
    .expect("import");
    let (import, import_bad) = (import.to_str().expect("utf-8"), import_bad.to_str().expect("utf-8"));
    // `init` names the board after its directory, which a repository's author chose.
    let evil_dir = p.tmp.path().join("dir\u{1b}]0;pwned\u{7}\u{202e}");
    std::fs::create_dir_all(&evil_dir).expect("dir");

    // In order: reading first, then changes (a sprint closed, a story deleted) at the end.
    let mut runs = vec![
        run("", &[], true),
        run("list", &[], true),
        run("list", &["--format", "json"], true),
        run("list", &["--format", "csv"], true),
        run("list", &["--sprint", "sprintname", "--status", "doing"], true),
        run("show", &[key], true),
        run("show", &[key, "--format", "json"], true),
        run("show", &[other], true),
        run("repair", &[key], false),
        run("report velocity", &[], true),
        run("report velocity", &["--format", "json"], true),
        run("report velocity", &["--format", "svg"], false),
        run("report burndown", &[], true),
        run("report burndown", &["--format", "json"], false),
        run("report standup", &["--since", "2026-11-01"], true),
        run("report standup", &["--since", "2026-11-01", "--format", "json"], true),
        run("report forecast", &[], true),
        run("report forecast", &["--format", "json"], true),
        run("report forecast", &["--format", "svg"], false),
        run("report html", &["--output", site], false),
        run("export", &["--format", "json"], true),
        run("export", &["--format", "csv"], true),
        run("export", &["--format", "markdown"], true),
        run("export", &["--format", "ron"], true),
        run("sprint list", &[], true),
        run("sprint list", &["--format", "json"], true),
        run("epic list", &[], true),
        run("epic list", &["--format", "json"], true),
        run("column list", &[], true),
        run("column list", &["--format", "json"], true),
        run("check", &[], false),
        run("check", &["--strict"], false),
        run("repair", &[key], false),
        run("whoami", &[], false),
        run("completions", &["bash"], false),
        run("man", &[], false),
        run("git-setup", &[], false),
        run("merge-driver", &[&side("base"), &side("ours"), &side("theirs"), "7", poisoned_path], false),
        run("import", &["github", import, "--dry-run"], false),
        run("import", &["github", import_bad, "--dry-run"], false),
        run("import", &["github", import], false),
        // Changes, each confirmed with the board's names.
        run("add", &["Added", "--sprint", "sprintname", "--epic", "epicname"], false),
        run("add", &["Refused", "--status", "nowhere"], false),
        run("add", &["Right\u{202e}to left"], false),
        run("move", &[key, "--status", "review"], true),
        run("move", &[key, "--sprint", "backlog"], false),
        run("move", &[key, "--sprint", "sprintname", "--top"], true),
        run("edit", &[key, "--points", "5", "--unblocked"], false),
        run("edit", &[key, "--epic", "nope"], false),
        run("link", &[doomed, "--blocks", key], false),
        run("unlink", &[doomed, key], false),
        run("comment", &[key, "Seen"], false),
        run("epic new", &["Other"], false),
        run("epic rename", &["other", "Renamed"], false),
        run("epic edit", &["epicname", "--description", "Plain"], false),
        run("epic delete", &["renamed", "--yes"], false),
        run("column add", &["QA", "--after", "doing"], false),
        run("column rename", &["qa", "Testing"], false),
        run("column move", &["testing", "--first"], true),
        run("column wip", &["doing", "3"], false),
        run("column remove", &["testing"], false),
        run("sprint new", &["Later"], false),
        run("sprint edit", &["sprintname", "--capacity", "30"], false),
        run("sprint start", &["later"], false),
        run("sprint stop", &["sprintname"], false),
        run("sprint start", &["sprintname"], false),
        run("sprint close", &[], true),
        run("delete", &[doomed], true),
        // The remote commands that stop before any network: a sync with GitHub is the engine's
        // tests' (through a stand-in), and its report goes through the same printing.
        run("remote add", &["github", "octo/repo", "--status-labels", "\u{1b}]0;pwned\u{7}"], false),
        run("remote add", &["github", "octo/repo"], false),
        run("remote list", &[], false),
        run("remote publish", &["SB-NOPE"], false),
        run("remote sync", &["--repo", "octo/none"], false),
        run("remote remove", &["octo/repo"], false),
        run("sync", &[], false),
        Run { input: Some(agent_session(key)), ..run("mcp", &[], true) },
        Run { input: Some(agent_session(key)), ..run("mcp", &["--read-only"], true) },
        Run { command: "init", args: vec!["init".into()], shows: false, dir: Some(evil_dir.clone()), input: None },
    ];
    // `init` runs in its own directory, without --board; the others take their subcommand's words.
    for r in &mut runs {
        if r.command != "init" {
            let mut args: Vec<String> = r.command.split_whitespace().map(str::to_owned).collect();
            args.append(&mut r.args);
            r.args = args;
        }
    }

    let covered: std::collections::BTreeSet<&str> = runs.iter().map(|r| r.command).collect();
    let missing: Vec<String> = every_subcommand().into_iter().filter(|c| !covered.contains(c.as_str())).collect();
    assert!(missing.is_empty(), "commands this test does not run (add them to the list): {missing:?}");

    let mut shown_somewhere = false;
    for r in &runs {
        let mut cmd = sprintboard(p.tmp.path());
        match &r.dir {
            Some(dir) => cmd.current_dir(dir),
            None => cmd.current_dir(&p.repo).arg("--board").arg(&p.repo),
        };
        let out = match &r.input {
            None => cmd.args(&r.args).output().expect("run"),
            Some(input) => {
                use std::io::Write;
                let mut child = cmd
                    .args(&r.args)
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("start");
                child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write its input");
                child.wait_with_output().expect("run")
            }
        };
        let what = format!("sprintboard {}", r.args.join(" "));
        assert_ne!(out.status.code(), Some(101), "{what} panicked: {}", stderr(&out));
        assert_clean(&what, "stdout", &out.stdout);
        assert_clean(&what, "stderr", &out.stderr);
        let text = stdout(&out);
        if r.shows {
            assert!(
                text.contains("]0;pwned"),
                "{what} should show the board's text, escaped; stdout: {text}\nstderr: {}",
                stderr(&out)
            );
        }
        shown_somewhere |= text.contains(SHOWN) || stderr(&out).contains(SHOWN);
    }
    assert!(shown_somewhere, "the payload is shown, escaped, whole");

    // The status page is a file, but read by people too: no raw controls either.
    let page = std::fs::read(Path::new(site).join("index.html")).expect("the page");
    assert_clean("the status page", "index.html", &page);
    assert!(String::from_utf8_lossy(&page).contains(SHOWN), "the page shows the text, escaped");
}

/// `check` names every field that holds such characters, by file, key and field, and the
/// characters as escapes, as warnings (errors with --strict).
#[test]
fn check_names_every_field_that_holds_control_characters() {
    let p = Poisoned::new(false);
    let out = sprintboard(p.tmp.path()).args(["check", "--board"]).arg(&p.repo).output().expect("run");
    let err = stderr(&out);
    assert!(out.status.success(), "warnings only: {err}");
    for field in ["name", "columns[1].name", "epics[0].name", "epics[0].description", "sprints[2].goal", "people[0]"] {
        assert!(err.contains(&format!("board.ron: {field} holds control characters")), "{field}: {err}");
    }
    let key = &p.key;
    for field in
        ["title", "assignee", "labels[0]", "blocked", "description", "acceptance", "comments[0].text", "history[0].by"]
    {
        assert!(err.contains(&format!("stories/{key}.ron: {key} {field} holds control characters")), "{field}: {err}");
    }
    assert!(err.contains(r"(\e \u0007 \u009b \u0085 \u007f \u0000 \r \u202e \u2066)"), "{err}");
    let strict = sprintboard(p.tmp.path()).args(["check", "--strict", "--board"]).arg(&p.repo).output().expect("run");
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
}

/// Errors about a file that cannot be read quote what is in it and its name: both escaped.
#[test]
fn errors_about_a_bad_file_are_escaped_too() {
    let b = TestBoard::new();
    let k = b.add("Fine", &[]);
    let text = std::fs::read_to_string(b.story_path(&k)).expect("story");
    // A file named with an escape sequence, and a key that is one.
    std::fs::write(b.root.join("stories/SB-\u{1b}]0;x\u{7}.ron"), &text).expect("write");
    std::fs::write(b.story_path(&k), text.replace(&format!("key: \"{k}\""), "key: \"SB-\\u{1b}[2J\\u{202e}\""))
        .expect("write");
    // `list` lists the others (none here) and names each damaged file; the others refuse.
    for (args, code) in [(&["list"][..], 0), (&["check"], 2), (&["show", &k], 2)] {
        let out = b.run(args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert_clean(&format!("{args:?}"), "stderr", &out.stderr);
        assert!(stderr(&out).contains(r"\e"), "{}", stderr(&out));
    }
}

/// Values typed on the command line refuse bidi controls as they refuse other control
/// characters.
#[test]
fn arguments_refuse_bidi_controls() {
    let b = TestBoard::new();
    let k = b.add("Fine", &[]);
    for args in [
        vec!["add", "Right\u{202e}to left"],
        vec!["add", "Isolated \u{2066}x\u{2069}"],
        vec!["edit", &k, "--title", "a\u{202d}b"],
        vec!["edit", &k, "--assignee", "ana\u{202e}"],
        vec!["edit", &k, "--label", "x\u{2067}"],
        vec!["sprint", "new", "S\u{202e}1"],
        vec!["epic", "new", "E\u{202a}"],
        vec!["column", "add", "C\u{202b}"],
        vec!["add", "esc \u{1b}[2J"],
    ] {
        let out = b.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?} is refused: {}", stdout(&out));
        assert!(stderr(&out).contains("control character"), "{args:?}: {}", stderr(&out));
        assert_clean(&format!("{args:?}"), "stderr", &out.stderr);
    }
    assert_eq!(b.keys("all"), [k], "nothing was added");
    // Right-to-left text itself is fine.
    b.add("שלום", &[]);
}

/// `stories/` committed as a link to a directory elsewhere: nothing is read from or written
/// there; every command says why.
#[test]
fn a_stories_directory_that_is_a_link_is_refused() {
    let b = TestBoard::new();
    b.add("Mine", &[]);
    let outside = b.tmp.path().join("outside");
    std::fs::rename(b.root.join("stories"), &outside).expect("move");
    std::fs::write(outside.join("notes.txt"), "keep").expect("write");
    std::os::unix::fs::symlink(&outside, b.root.join("stories")).expect("link");
    let before = files(&outside);
    for args in [&["add", "Through the link"][..], &["list"], &["check"]] {
        let out = b.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
        assert!(stderr(&out).contains("stories: is a symbolic link, and it is never followed"), "{}", stderr(&out));
    }
    assert_eq!(files(&outside), before, "nothing written outside the board");
}

/// A story file that is a link to another file is never followed: `check` reports it without
/// reading the target, and nothing prints the target's content.
#[test]
fn a_story_file_that_is_a_link_is_never_followed() {
    let b = TestBoard::new();
    b.add("Mine", &[]);
    let secret = b.tmp.path().join("secret.ron");
    std::fs::write(&secret, "TOPSECRET: \"the content of another file\"").expect("write");
    let link = b.root.join("stories/SB-ZZZZ.ron");
    std::os::unix::fs::symlink(&secret, &link).expect("link");
    // `list` lists the other stories and names the link; `check` and a command on it refuse.
    for (args, code) in [(&["check"][..], 2), (&["list"], 0), (&["edit", "SB-ZZZZ", "--title", "x"], 2)] {
        let out = b.run(args);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(code), "{args:?}: {all}");
        assert!(all.contains("SB-ZZZZ.ron: cannot be read: it is a symbolic link"), "{args:?}: {all}");
        assert!(!all.contains("TOPSECRET"), "{args:?} read the link's target: {all}");
    }
    assert_eq!(std::fs::read_to_string(&secret).expect("secret"), "TOPSECRET: \"the content of another file\"");
    assert!(std::fs::symlink_metadata(&link).expect("link").is_symlink(), "the link is left as it is");
    // A FIFO in its place is refused, not waited on.
    std::fs::remove_file(&link).expect("rm");
    assert!(std::process::Command::new("mkfifo").arg(&link).status().expect("mkfifo").success());
    let out = b.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
}

/// `board.ron` as a link to a file elsewhere: refused unread, whatever the target holds.
#[test]
fn a_board_file_that_is_a_link_is_never_followed() {
    let b = TestBoard::new();
    let elsewhere = b.tmp.path().join("elsewhere.ron");
    std::fs::rename(b.root.join("board.ron"), &elsewhere).expect("move");
    std::os::unix::fs::symlink(&elsewhere, b.root.join("board.ron")).expect("link");
    for args in [&["list"][..], &["check"], &["add", "x"]] {
        let out = b.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
        assert!(stderr(&out).contains("board.ron: it is a symbolic link"), "{}", stderr(&out));
        assert!(!stdout(&out).contains("Test"), "nothing of the target is shown: {}", stdout(&out));
    }
}

/// The lock file committed as a link: it is not followed, so nothing is created where it points.
#[test]
fn a_lock_file_that_is_a_link_is_not_followed() {
    let b = TestBoard::new();
    let target = b.tmp.path().join("created-through-the-link");
    let _ = std::fs::remove_file(b.root.join(".lock"));
    std::os::unix::fs::symlink(&target, b.root.join(".lock")).expect("link");
    let out = b.run(&["add", "x"]);
    assert_ne!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(!target.exists(), "nothing created through the link");
}

/// `report html --output DIR` where `DIR/index.html` is a link to a file elsewhere: the link is
/// replaced by the page, its target is left as it was.
#[test]
fn the_status_page_replaces_a_link_instead_of_writing_through_it() {
    let b = TestBoard::new();
    b.add("Mine", &[]);
    let site = b.tmp.path().join("site");
    std::fs::create_dir_all(&site).expect("site");
    let target = b.tmp.path().join("precious.txt");
    std::fs::write(&target, "precious").expect("write");
    std::os::unix::fs::symlink(&target, site.join("index.html")).expect("link");
    let out = b.cmd().args(["report", "html", "--output"]).arg(&site).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&target).expect("target"), "precious", "not written through the link");
    let meta = std::fs::symlink_metadata(site.join("index.html")).expect("page");
    assert!(meta.is_file(), "the link was replaced by the page");
    assert!(std::fs::read_to_string(site.join("index.html")).expect("page").contains("<html"));
    // The same for a chart written with --output.
    let chart = b.tmp.path().join("chart.svg");
    std::os::unix::fs::symlink(&target, &chart).expect("link");
    let out = b.cmd().args(["report", "velocity", "--format", "svg", "--output"]).arg(&chart).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&target).expect("target"), "precious");
    assert!(std::fs::symlink_metadata(&chart).expect("chart").is_file());
}

fn github_export(dir: &Path) -> PathBuf {
    let path = dir.join("issues.json");
    std::fs::write(
        &path,
        r#"[{"number": 1, "title": "Imported", "body": "", "state": "OPEN", "labels": [], "assignees": [],
             "milestone": null, "url": "https://github.com/acme/app/issues/1"}]"#,
    )
    .expect("write");
    path
}

/// Outside a board (no --board, no .sprintboard/ above, no personal board yet), `import`
/// refuses and creates nothing: not the example board, not even with --dry-run.
#[test]
fn import_outside_a_board_refuses_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let home = tmp.path();
    let file = github_export(home);
    let before = files(home);
    for dry in [true, false] {
        let mut cmd = sprintboard(home);
        cmd.args(["import", "github"]).arg(&file);
        if dry {
            cmd.arg("--dry-run");
        }
        let out = cmd.output().expect("run");
        assert_eq!(out.status.code(), Some(2), "dry run {dry}: {}", stdout(&out));
        assert!(stderr(&out).contains("no board here: run `sprintboard init`, or pass --board"), "{}", stderr(&out));
        assert_eq!(files(home), before, "nothing written anywhere (dry run {dry})");
        assert!(!home.join("data/sprintboard/board").exists(), "no personal board");
    }
    // Once there is a board, the same import works.
    let out = sprintboard(home).args(["init", "--name", "Here"]).output().expect("init");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sprintboard(home).args(["import", "github"]).arg(&file).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let list = sprintboard(home).args(["list", "--format", "json"]).output().expect("list");
    let stories: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(stories.as_array().map(Vec::len), Some(1), "only the imported story: {stories}");
}

/// `import --dry-run` into a board writes nothing anywhere: not the board, not the parse cache.
#[test]
fn import_dry_run_writes_nothing_anywhere() {
    let b = TestBoard::new();
    b.add("Mine", &[]);
    let file = github_export(b.tmp.path());
    let before = files(b.tmp.path());
    let out = b.cmd().args(["import", "github", "--dry-run"]).arg(&file).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Imported") || stdout(&out).contains("created"), "{}", stdout(&out));
    assert_eq!(files(b.tmp.path()), before, "nothing written anywhere");
}

/// An import whose titles hold a bidi control is refused, naming the row, as one holding a
/// control character is.
#[test]
fn imports_refuse_bidi_controls() {
    let b = TestBoard::new();
    let path = b.tmp.path().join("issues.json");
    for title in ["Right\u{202e}gpj.exe", "Bell\u{7}"] {
        let issue = serde_json::json!([{"number": 3, "title": title, "body": "", "state": "OPEN", "labels": [],
            "assignees": [], "milestone": null, "url": "https://github.com/acme/app/issues/3"}]);
        std::fs::write(&path, issue.to_string()).expect("write");
        let out = b.cmd().args(["import", "github"]).arg(&path).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
        assert!(stderr(&out).contains("control character"), "{}", stderr(&out));
        assert!(stderr(&out).contains("nothing was imported"), "{}", stderr(&out));
        assert_clean("import", "stderr", &out.stderr);
    }
    assert!(b.keys("all").is_empty());
}
