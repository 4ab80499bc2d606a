//! One grammar for the command line, and a manual generated from it: every command and option
//! documented, an option that does not apply refused with where it does, the same flag for the
//! same question, and what a command created named.

mod common;

use std::collections::BTreeSet;

use clap::CommandFactory;
use common::*;
use sprintboard::cli::Cli;
use sprintboard::tui::action::BINDABLE;

/// Every visible command, depth first: its words (`["sprint", "new"]`) and its definition.
fn commands() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(cmd: &clap::Command, path: &[String], out: &mut Vec<(Vec<String>, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
            let mut p = path.to_vec();
            p.push(sub.get_name().to_owned());
            out.push((p.clone(), sub.clone()));
            walk(sub, &p, out);
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, &[], &mut out);
    out
}

/// The options and arguments a person gives a command (not clap's own --help, nor the global
/// --board, which the top level documents).
fn own_args(cmd: &clap::Command) -> Vec<&clap::Arg> {
    cmd.get_arguments().filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help").collect()
}

/// Text as roff writes it: `-` as `\-`.
fn roff(s: &str) -> String {
    s.replace('-', "\\-")
}

/// The manual's sections by heading (`.SH`/`.SS`), in order.
fn sections(page: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in page.lines() {
        if let Some(h) = line.strip_prefix(".SH ").or_else(|| line.strip_prefix(".SS ")) {
            out.push((h.trim_matches('"').to_owned(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

#[test]
fn the_manual_names_every_command_option_and_key_action() {
    let b = TestBoard::new();
    let page = b.ok(&["man"]);
    let secs = sections(&page);
    let heads: Vec<&str> = secs.iter().map(|(h, _)| h.as_str()).collect();
    for h in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "THE TUI",
        "FILES",
        "ENVIRONMENT",
        "EXIT STATUS",
        "EXAMPLES",
        "SEE ALSO",
    ] {
        assert!(heads.contains(&h), "no {h} in {heads:?}");
    }
    let body = |h: &str| secs.iter().find(|(n, _)| n == h).map(|(_, b)| b.clone()).unwrap_or_default();
    // The description says more than the name does, not the same line again.
    let name = body("NAME");
    let about = name.split("\\- ").nth(1).expect("NAME: sprintboard - about").trim().to_owned();
    assert!(!body("DESCRIPTION").contains(&about), "DESCRIPTION repeats NAME: {about}");
    for var in ["SPRINTBOARD_USER", "SPRINTBOARD_NOW", "VISUAL", "EDITOR", "NO_COLOR"] {
        assert!(body("ENVIRONMENT").contains(var), "{var}");
    }
    assert!(body("EXIT STATUS").contains("\\fB2\\fR"));

    // Each command under its own heading, with every option and argument it takes.
    for (words, cmd) in commands() {
        let heading = format!("sprintboard {}", words.join(" "));
        let text = body(&heading);
        assert!(!text.is_empty(), "no section {heading:?}");
        for arg in own_args(&cmd) {
            let shown = match arg.get_long() {
                Some(long) => roff(&format!("--{long}")),
                None => roff(arg.get_value_names().and_then(|v| v.first()).map_or(arg.get_id().as_str(), |v| v)),
            };
            assert!(text.contains(&shown), "{heading}: {shown} not documented:\n{text}");
        }
    }
    // The merge driver is internal: not in the manual.
    assert!(!page.contains("sprintboard\\-merge\\-driver") && body("sprintboard merge-driver").is_empty());

    // Every action a keymap may name, and the keys of the views from the keymap.
    let tui = page.split(".SH \"THE TUI\"").nth(1).expect("TUI section");
    for (name, _, what) in BINDABLE {
        assert!(tui.contains(&format!("\\fI{}\\fR", roff(name))), "action {name} missing");
        assert!(tui.contains(&roff(what)), "{what} missing");
    }
    let board = body("Board view");
    assert!(board.contains("\\fBh, ←\\fR") && board.contains("select left"), "{board}");
    assert!(body("Questions (yes or no)").contains("\\fBy\\fR"));
}

#[test]
fn man_dir_writes_a_page_per_command_and_see_also_names_exactly_those() {
    let b = TestBoard::new();
    let dir = b.tmp.path().join("man1");
    let out = b.ok(&["man", "--dir", dir.to_str().expect("path")]);
    let expected: BTreeSet<String> =
        commands().iter().map(|(words, _)| format!("sprintboard-{}.1", words.join("-"))).collect();
    assert!(expected.contains("sprintboard-move.1") && expected.contains("sprintboard-sprint-new.1"));
    assert!(expected.contains("sprintboard-report-forecast.1"));
    let written: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let mut all = expected.clone();
    all.insert("sprintboard.1".into());
    assert_eq!(written, all);
    assert!(out.contains(&format!("Wrote {} manual pages", all.len())), "{out}");

    // The main page written is the one printed, and its SEE ALSO names exactly the pages.
    let main = std::fs::read_to_string(dir.join("sprintboard.1")).expect("main page");
    assert_eq!(main, b.ok(&["man"]));
    let see_also = main.split(".SH \"SEE ALSO\"").nth(1).expect("SEE ALSO");
    let named: BTreeSet<String> = see_also
        .split("\\fB")
        .filter_map(|s| s.split("\\fR").next())
        .filter(|s| s.starts_with("sprintboard"))
        .map(|s| s.replace("\\-", "-").replace("(1)", ".1"))
        .collect();
    assert_eq!(named, expected);

    // A command's page is its --help: its options, and the commands under it by their pages.
    let new = std::fs::read_to_string(dir.join("sprintboard-sprint-new.1")).expect("page");
    assert!(new.starts_with(".ie") || new.contains(".TH sprintboard\\-sprint\\-new"), "{new}");
    assert!(new.contains("\\-\\-capacity") && new.contains("Capacity in points"), "{new}");
    let sprint = std::fs::read_to_string(dir.join("sprintboard-sprint.1")).expect("page");
    assert!(sprint.contains("sprintboard\\-sprint\\-new(1)"), "{sprint}");
    assert!(!sprint.contains("sprintboard\\-sprint\\-help(1)"), "no page for help");
}

#[test]
fn every_option_and_argument_of_every_command_has_help() {
    let mut missing = Vec::new();
    for (words, cmd) in commands() {
        if cmd.get_about().is_none() {
            missing.push(words.join(" "));
        }
        for arg in own_args(&cmd) {
            if arg.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                missing.push(format!("{} {}", words.join(" "), arg.get_id()));
            }
        }
    }
    assert!(missing.is_empty(), "without help: {missing:?}");
}

#[test]
fn report_help_names_every_report_and_each_describes_its_options() {
    let b = TestBoard::new();
    let help = b.ok(&["report", "--help"]);
    for kind in ["velocity", "burndown", "standup", "forecast", "html"] {
        assert!(help.contains(kind), "{kind}: {help}");
    }
    let html = b.ok(&["report", "html", "--help"]);
    assert!(html.contains("HTML report") && html.contains("--output <DIR>"), "{html}");
    assert!(!html.contains("--format"), "{html}");
    let forecast = b.ok(&["report", "forecast", "--help"]);
    assert!(forecast.contains("--runs") && forecast.contains("--seed") && forecast.contains("--epic"), "{forecast}");
    let add = b.ok(&["add", "--help"]);
    assert!(add.contains("Its estimate in points") && add.contains("Who works on it"), "{add}");
}

#[test]
fn an_option_that_does_not_apply_is_refused_naming_where_it_applies() {
    let b = TestBoard::new();
    let out = b.run(&["report", "velocity", "--epic", "Nope", "--runs", "5"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("--epic") && err.contains("applies to: report forecast"), "{err}");

    let out = b.run(&["report", "html", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("--format applies to: report velocity, report burndown, report standup"), "{err}");

    let out = b.run(&["report", "standup", "--sprint", "S1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--sprint applies to: report burndown"), "{}", stderr(&out));

    // Outside the reports: the commands that take it.
    let out = b.run(&["list", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--yes applies to: delete, epic delete"), "{}", stderr(&out));

    // Every invocation that worked before works the same.
    b.past_sprints(&[5, 8], 0);
    b.ok(&["report", "velocity", "--since", "2026-01-01"]);
    b.ok(&["report", "forecast", "--runs", "50", "--seed", "2", "--format", "json"]);
    b.ok(&["report", "standup", "--since", "2026-01-01", "--format", "json"]);
    assert_eq!(b.run(&["report", "html"]).status.code(), Some(2), "html needs --output");
    assert_eq!(b.run(&["report"]).status.code(), Some(2));
}

#[test]
fn delete_takes_yes_as_epic_delete_does() {
    let b = TestBoard::new();
    let key = b.add("Doomed", &[]);
    let out = b.ok(&["delete", &key, "--yes"]);
    assert!(out.contains(&format!("Deleted {key} Doomed")), "{out}");
    assert!(!b.story_path(&key).exists());
    // Without --yes and without a terminal to ask at, as before: deleted.
    let key = b.add("Also doomed", &[]);
    b.ok(&["delete", &key]);
    assert!(!b.story_path(&key).exists());
}

#[test]
fn add_takes_type_and_description_as_edit_does_and_prints_the_key_alone() {
    let b = TestBoard::new();
    let out = b.run(&["add", "Crash on save", "--type", "bug", "--description", "x"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let key = stdout(&out).trim().to_owned();
    assert_eq!(stdout(&out), format!("{key}\n"), "the key alone on standard output");
    assert!(stderr(&out).contains(&format!("Added {key} \"Crash on save\" to the backlog")), "{}", stderr(&out));
    let json = b.json(&["show", &key, "--format", "json"]);
    assert_eq!(json["type"], "bug");
    assert_eq!(json["description"], "x");

    let out = b.run(&["add", "Odd", "--type", "epic"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("story, bug, task or spike"), "{}", stderr(&out));
    assert_eq!(b.keys("backlog"), vec![key], "nothing added by a refused add");
}

#[test]
fn commands_that_create_name_what_they_created() {
    let b = TestBoard::new();
    let out = b.ok(&["sprint", "new", "Sprint 24"]);
    assert_eq!(out, "Planned sprint Sprint 24 [sprint-24]\n");
    let out = b.ok(&["epic", "new", "Checkout v2"]);
    assert!(out.starts_with("Created epic Checkout v2 [") && out.ends_with("]\n"), "{out}");
    assert_eq!(b.ok(&["column", "add", "Testing"]), "Added column Testing [testing]\n");
}

#[test]
fn completion_scripts_do_not_offer_hidden_commands() {
    let b = TestBoard::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = b.ok(&["completions", shell]);
        assert!(script.contains("import") && script.contains("git-setup"), "{shell}");
        assert!(!script.contains("merge-driver") && !script.contains("merge_driver"), "{shell} offers merge-driver");
    }
}

#[test]
fn link_usage_names_both_stories() {
    let b = TestBoard::new();
    let help = b.ok(&["link", "--help"]);
    assert!(help.contains("Usage: sprintboard link <BLOCKER> --blocks <WAITING>"), "{help}");
    let out = b.run(&["link", "SB-AAAA"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--blocks <WAITING>"), "{}", stderr(&out));
}

#[test]
fn an_import_error_puts_a_colon_after_the_file_name() {
    let b = TestBoard::new();
    let csv = b.tmp.path().join("jira.csv");
    std::fs::write(&csv, "Summary,Issue key,Status\nOne,PRJ-1,Verifying\n").expect("write");
    let out = b.run(&["import", "jira", csv.to_str().expect("path"), "--map-status", "Verifying=Nowhere"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("jira.csv: the mapping Verifying=Nowhere"), "{err}");
}

#[test]
fn git_setup_on_a_fresh_clone_has_nothing_to_commit() {
    let tmp = tempfile::tempdir().expect("tmp");
    let home = tmp.path();
    let origin = home.join("origin.git");
    git_ok(home, &["init", "--bare", "-b", "main", origin.to_str().expect("path")]);
    git_ok(home, &["clone", origin.to_str().expect("path"), "alice"]);
    let alice = home.join("alice");
    let run = |dir: &std::path::Path, args: &[&str]| {
        let out = sprintboard(home).current_dir(dir).args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    run(&alice, &["init", "--name", "Team", "--no-hook"]);
    git_ok(&alice, &["add", "-A"]);
    git_ok(&alice, &["commit", "-m", "board"]);
    git_ok(&alice, &["push", "origin", "main"]);
    git_ok(home, &["clone", origin.to_str().expect("path"), "bob"]);
    let bob = home.join("bob");
    let said = run(&bob, &["git-setup"]);
    assert!(said.contains("Registered the sprintboard merge driver"), "{said}");
    assert!(said.contains("nothing to commit") && !said.contains("commit /"), "{said}");
    assert_eq!(git_ok(&bob, &["status", "--porcelain"]), "", "nothing changed to commit");

    // A board made before `git init`: the attributes are new, and it says to commit them.
    let carol = home.join("carol");
    std::fs::create_dir_all(&carol).expect("dir");
    run(&carol, &["init", "--name", "Solo", "--no-hook"]);
    git_ok(&carol, &["init", "-q"]);
    let said = run(&carol, &["git-setup"]);
    assert!(said.contains("commit ") && said.contains(".gitattributes"), "{said}");
}

#[test]
fn sprint_list_columns_stay_aligned_with_long_and_wide_names() {
    use unicode_width::UnicodeWidthStr;
    let b = TestBoard::new();
    let names = ["S1", "A sprint name of thirty chars!", "漢字のスプリント名前", "Ünïcödé"];
    for n in names {
        b.ok(&["sprint", "new", n]);
    }
    b.ok(&["sprint", "start", "S1"]);
    let text = b.ok(&["sprint", "list"]);
    let rows: Vec<&str> = text.lines().filter(|l| l.contains(" points ")).collect();
    assert_eq!(rows.len(), names.len(), "{text}");
    // The state, the story count and the points start at the same column on every row.
    let column_of = |row: &str, word: &str| row.find(word).map(|i| row[..i].width());
    let states: BTreeSet<_> =
        rows.iter().map(|r| column_of(r, " planned").or_else(|| column_of(r, " active"))).collect();
    assert_eq!(states.len(), 1, "{text}");
    let counts: BTreeSet<_> = rows.iter().map(|r| column_of(r, " 0 stories")).collect();
    assert_eq!(counts.len(), 1, "{text}");
    assert!(counts.iter().all(Option::is_some), "{text}");
    for n in names {
        assert!(text.contains(n), "{n} shown whole: {text}");
    }
}

/// `args` run at a terminal (a pseudo-terminal) with `answer` typed: what it showed, and its
/// exit code.
fn at_a_terminal(b: &TestBoard, args: &[&str], answer: &str) -> (String, u32) {
    let mut cmd = pty_harness::CommandBuilder::new(env!("CARGO_BIN_EXE_sprintboard"));
    cmd.arg("--board");
    cmd.arg(&b.root);
    cmd.args(args);
    cmd.cwd(b.tmp.path());
    cmd.env("SPRINTBOARD_USER", "tester");
    cmd.env("XDG_CONFIG_HOME", b.tmp.path().join("config"));
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = std::sync::Arc::clone(&seen);
    let mut pty = pty_harness::Pty::start(cmd, 100, 24, move |_, bytes| {
        sink.lock().expect("seen").push_str(&String::from_utf8_lossy(bytes));
        true
    });
    // Answer once the question is on the screen.
    eventually(|| seen.lock().expect("seen").contains("[y/N]").then_some(())).expect("the question is asked");
    pty.send(format!("{answer}\r").as_bytes()).expect("answer");
    let status = pty.wait();
    // Everything it wrote is read once the terminal closes (the last holder of it is gone).
    pty.close(std::time::Duration::from_secs(5));
    let text = seen.lock().expect("seen").clone();
    (text, status.exit_code())
}

#[test]
fn delete_asks_at_a_terminal_unless_told_yes() {
    let b = TestBoard::new();
    let key = b.add("Keep me", &[]);
    let (seen, code) = at_a_terminal(&b, &["delete", &key], "n");
    assert!(seen.contains(&format!("Delete {key} Keep me? [y/N]")), "{seen}");
    assert_eq!(code, 1, "{seen}");
    assert!(b.story_path(&key).exists(), "not deleted on no");
    let (seen, code) = at_a_terminal(&b, &["delete", &key], "y");
    assert_eq!(code, 0, "{seen}");
    assert!(seen.contains(&format!("Deleted {key} Keep me")), "{seen}");
    assert!(!b.story_path(&key).exists());
}

#[test]
fn epic_list_columns_stay_aligned_with_long_and_wide_names() {
    use unicode_width::UnicodeWidthStr;
    let b = TestBoard::new();
    let names = ["Checkout", "An epic name that is exactly forty chars", "漢字エピック"];
    for n in names {
        b.ok(&["epic", "new", n]);
    }
    let text = b.ok(&["epic", "list"]);
    let columns: BTreeSet<_> = text.lines().map(|l| l.find(" 0/0 stories").map(|i| l[..i].width())).collect();
    assert_eq!(columns.len(), 1, "{text}");
    assert!(columns.iter().all(Option::is_some), "{text}");
    for n in names {
        assert!(text.contains(n), "{n} shown whole: {text}");
    }
}
