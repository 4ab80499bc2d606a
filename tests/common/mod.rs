//! Helpers shared by the integration tests: a temporary board driven through the real binary.
#![allow(dead_code)]

pub mod github;
pub mod pty;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

pub use std::process::Command;
use tempfile::TempDir;

/// git (ours, or the one sprintboard runs) with no user or system configuration.
fn isolated_git(cmd: &mut Command) -> &mut Command {
    cmd.env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
}

/// Runs git in `dir`.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    isolated_git(Command::new("git").args(args).current_dir(dir)).output().expect("git runs")
}

/// Runs git in `dir`; it must succeed; returns its output.
pub fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(out.status.success(), "git {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A command for the real binary, isolated from the machine's own configuration and data.
pub fn sprintboard(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sprintboard"));
    isolated_git(&mut cmd);
    cmd.env("SPRINTBOARD_USER", "tester")
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("HOME", home)
        .env_remove("SPRINTBOARD_NOW")
        .current_dir(home);
    cmd
}

pub struct TestBoard {
    pub tmp: TempDir,
    pub root: PathBuf,
}

impl TestBoard {
    /// A new empty board (`init --board`).
    pub fn new() -> TestBoard {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("board");
        let out = sprintboard(tmp.path()).args(["init", "--name", "Test", "--board"]).arg(&root).output().expect("run");
        assert!(out.status.success(), "init failed: {}", String::from_utf8_lossy(&out.stderr));
        TestBoard { tmp, root }
    }

    pub fn cmd(&self) -> Command {
        let mut c = sprintboard(self.tmp.path());
        c.arg("--board").arg(&self.root);
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run")
    }

    /// Runs a command that must succeed and returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed with {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Adds a story and returns its key.
    pub fn add(&self, title: &str, extra: &[&str]) -> String {
        let mut args = vec!["add", title];
        args.extend_from_slice(extra);
        self.ok(&args).trim().to_owned()
    }

    pub fn story_path(&self, key: &str) -> PathBuf {
        self.root.join("stories").join(format!("{key}.ron"))
    }

    /// The keys of a list, in order, as `list --format json` prints them.
    pub fn keys(&self, sprint: &str) -> Vec<String> {
        let out = self.ok(&["list", "--sprint", sprint, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        v.as_array().expect("array").iter().map(|s| s["key"].as_str().expect("key").to_owned()).collect()
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("json")
    }

    /// Closed sprints `Past 0`, `Past 1`, … (a week apart from 2026-10-05), each of which
    /// completed one story of the given points; with `carried`, each also committed a story of
    /// that many points that was not finished (it is carried to the backlog).
    pub fn past_sprints(&self, completed: &[u32], carried: u32) {
        for (i, points) in completed.iter().enumerate() {
            let name = format!("Past {i}");
            self.ok(&["sprint", "new", &name, "--start", &format!("2026-10-{:02}", 5 + i * 7)]);
            let k = self.add("Done work", &["--sprint", &name, "--points", &points.to_string()]);
            if carried > 0 {
                self.add("Carried", &["--sprint", &name, "--points", &carried.to_string()]);
            }
            self.ok(&["sprint", "start", &name]);
            self.ok(&["move", &k, "--status", "Done"]);
            self.ok(&["sprint", "close"]);
        }
    }

    /// Asserts that `key`'s `field` (as `show --format json` prints it) becomes `expected`. A
    /// TUI draws the frame that shows a change before it saves it, so the file may lag the
    /// screen by a moment: this waits up to 5 s.
    pub fn assert_saved(&self, key: &str, field: &str, expected: serde_json::Value, why: &str) {
        let show = || self.json(&["show", key, "--format", "json"])[field].clone();
        let got = eventually(|| Some(show()).filter(|v| *v == expected)).unwrap_or_else(show);
        assert_eq!(got, expected, "{key} {field}: {why}");
    }
}

/// What `check` gives once it gives something, trying for up to 5 s; `None` if it never does.
pub fn eventually<T>(check: impl Fn() -> Option<T>) -> Option<T> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        if let Some(v) = check() {
            return Some(v);
        }
        if std::time::Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Every file under `dir` and its bytes.
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A team of two clones of one bare origin: Alice's, with a fresh board (a sprint, one story)
/// pushed, and Bob's after `git-setup`. Each test file adds what it needs to it.
pub struct Team {
    pub tmp: TempDir,
    pub alice: PathBuf,
    pub bob: PathBuf,
}

impl Team {
    pub fn new() -> Team {
        let tmp = tempfile::tempdir().expect("tmp");
        let home = tmp.path();
        git_ok(home, &["init", "--quiet", "--bare", "-b", "main", "origin.git"]);
        git_ok(home, &["clone", "--quiet", "origin.git", "alice"]);
        let alice = home.join("alice");
        let out =
            sprintboard(home).current_dir(&alice).args(["init", "--name", "Team", "--no-hook"]).output().expect("init");
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("Registered the merge driver"), "{}", stdout(&out));
        let bob = home.join("bob");
        let team = Team { tmp, alice: alice.clone(), bob };
        team.sb(&alice, &["sprint", "new", "S1"]);
        team.sb(&alice, &["add", "Shared story", "--points", "3"]);
        git_ok(&alice, &["add", "-A"]);
        git_ok(&alice, &["commit", "--quiet", "-m", "board"]);
        git_ok(&alice, &["push", "--quiet", "origin", "main"]);
        git_ok(team.tmp.path(), &["clone", "--quiet", "origin.git", "bob"]);
        let out = team.sb(&team.bob, &["git-setup"]);
        assert!(out.contains("Registered"), "{out}");
        team
    }

    /// Runs sprintboard in `dir`; it must succeed. Its standard output.
    pub fn sb(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.run(dir, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    }

    pub fn run(&self, dir: &Path, args: &[&str]) -> Output {
        sprintboard(self.tmp.path()).current_dir(dir).args(args).output().expect("run")
    }

    /// The first story's key.
    pub fn key(&self) -> String {
        let v: serde_json::Value =
            serde_json::from_str(&self.sb(&self.alice, &["list", "--format", "json"])).expect("json");
        v[0]["key"].as_str().expect("key").to_owned()
    }
}
