//! Sharing through git: registering the merge driver, the driver itself, and `sync`. Everything
//! shells out to the system `git`, so the user's own credentials and ssh set-up apply.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::CliError;
use crate::interop::merge;
use crate::store::layout;

/// What `.gitattributes` in the board directory says: git hands these files to our driver.
const ATTRIBUTES: &str = "# written by sprintboard: merge the board's files field by field\n*.ron merge=sprintboard\n";

pub fn git(dir: &Path, args: &[&str]) -> Result<Output, CliError> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| CliError::refused(format!("cannot run git: {e} (is git installed?)")))
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

fn err_text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim().to_owned()
}

/// The top of the git work tree holding `dir`, if there is one.
pub fn toplevel(dir: &Path) -> Option<PathBuf> {
    let out = git(dir, &["rev-parse", "--show-toplevel"]).ok()?;
    out.status.success().then(|| PathBuf::from(text(&out)))
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// How git and the hook should start this program: by its name when the `sprintboard` found on
/// `PATH` is this very binary (so the setting survives `cargo install` to the same place and
/// upgrades through a package manager), else by its absolute path.
fn this_program() -> Result<String, CliError> {
    let exe = std::env::current_exe().map_err(|e| CliError::refused(format!("cannot find this program: {e}")))?;
    let exe = std::fs::canonicalize(&exe).unwrap_or(exe);
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|d| d.join("sprintboard")).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .find(|p| p.is_file());
    if on_path.and_then(|p| std::fs::canonicalize(p).ok()).is_some_and(|p| p == exe) {
        return Ok("sprintboard".to_owned());
    }
    Ok(quote(&exe.to_string_lossy()))
}

/// Whether the merge driver git would run in this clone starts: `None` when it does, else what
/// is wrong, for `check`.
pub fn driver_problem(root: &Path) -> Option<String> {
    let top = toplevel(root)?;
    if !std::fs::read_to_string(root.join(".gitattributes")).is_ok_and(|a| a.contains("merge=sprintboard")) {
        return None;
    }
    let out = git(&top, &["config", "merge.sprintboard.driver"]).ok()?;
    let driver = text(&out);
    if !out.status.success() || driver.is_empty() {
        return Some(
            "the merge driver is not registered in this clone, so git merges the board's files line by line: run `sprintboard git-setup`".into(),
        );
    }
    // The driver's command with `--version` in place of its arguments, run the way git runs it.
    let program = driver.split(" merge-driver").next().unwrap_or(&driver).to_owned();
    let runs = Command::new("sh")
        .arg("-c")
        .arg(format!("{program} --version"))
        .current_dir(&top)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    (!runs).then(|| {
        format!(
            "the registered merge driver ({program}) does not run, so git merges the board's files line by line: run `sprintboard git-setup` again"
        )
    })
}

/// Writes the board's `.gitattributes` (unless it already names the driver) and registers the
/// driver in this clone's git config. Returns the work tree it registered in.
pub fn register(root: &Path) -> Result<PathBuf, CliError> {
    let top = toplevel(root).ok_or_else(|| {
        CliError::refused(format!("{} is not inside a git repository: run `git init` first", root.display()))
    })?;
    let attributes = root.join(".gitattributes");
    let current = std::fs::read_to_string(&attributes).unwrap_or_default();
    if !current.contains("merge=sprintboard") {
        let mut content = current;
        content.push_str(ATTRIBUTES);
        std::fs::write(&attributes, content)
            .map_err(|e| CliError::refused(format!("cannot write {}: {e}", attributes.display())))?;
    }
    let driver = format!("{} merge-driver %O %A %B %L %P", this_program()?);
    for (key, value) in
        [("merge.sprintboard.name", "sprintboard field-by-field merge"), ("merge.sprintboard.driver", driver.as_str())]
    {
        let out = git(&top, &["config", "--local", key, value])?;
        if !out.status.success() {
            return Err(CliError::refused(format!("git config {key} failed: {}", err_text(&out))));
        }
    }
    Ok(top)
}

/// `sprintboard git-setup`: the per-clone half of the merge driver set-up.
pub fn setup(board: Option<&Path>) -> Result<(), CliError> {
    let cwd = std::env::current_dir().map_err(|e| CliError::bad(format!("cannot read the current directory: {e}")))?;
    let root = match board {
        Some(b) => layout::explicit(b)?,
        None => layout::find_team(&cwd).ok_or_else(|| {
            CliError::refused("no team board (.sprintboard/) here or above: run this inside the clone")
        })?,
    };
    // A fresh clone has the attributes already (they are committed with the board): then only
    // this clone's git config changes, and there is nothing to commit.
    let attributes = root.join(".gitattributes");
    let had = std::fs::read_to_string(&attributes).is_ok_and(|t| t.contains("merge=sprintboard"));
    let top = register(&root)?;
    println!("Registered the sprintboard merge driver in {}", top.display());
    if had {
        println!("Edits of different fields of one story now merge cleanly; nothing to commit");
    } else {
        println!("Edits of different fields of one story now merge cleanly; commit {}", attributes.display());
    }
    Ok(())
}

/// Writes a pre-commit hook that runs `sprintboard check`, unless a hook is already there.
pub fn install_hook(top: &Path) -> Result<PathBuf, CliError> {
    let out = git(top, &["rev-parse", "--git-path", "hooks"])?;
    let hooks = top.join(text(&out));
    let hook = hooks.join("pre-commit");
    if hook.exists() {
        return Err(CliError::refused(format!(
            "{} exists already; add `sprintboard check` to it yourself",
            hook.display()
        )));
    }
    let script = format!(
        "#!/bin/sh\n# written by sprintboard: refuse a commit that leaves the board broken\nexec {} check\n",
        this_program()?
    );
    std::fs::create_dir_all(&hooks)
        .and_then(|_| std::fs::write(&hook, script))
        .map_err(|e| CliError::refused(format!("cannot write {}: {e}", hook.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| CliError::refused(format!("cannot make {} executable: {e}", hook.display())))?;
    }
    Ok(hook)
}

/// `sprintboard merge-driver %O %A %B %L %P`: git's merge driver. Writes the result into the
/// `ours` file; exit 0 when clean, 1 on a conflict, saying on standard error (which git shows)
/// what conflicted: the fields both sides changed, a side that could not be read, or a result
/// too large to read. Never panics, and never writes a file over the reader's limit.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, marker: usize, name: &str) -> Result<u8, CliError> {
    let read = |p: &Path| std::fs::read(p).unwrap_or_default();
    let (o, a, b) = (read(base), read(ours), read(theirs));
    let doc = if Path::new(name).file_name().is_some_and(|n| n == "board.ron") {
        merge::Doc::Board
    } else {
        merge::Doc::Story
    };
    let outcome = merge::drive(doc, &o, &a, &b, marker, name);
    std::fs::write(ours, &outcome.text)
        .map_err(|e| CliError::refused(format!("cannot write {}: {e}", ours.display())))?;
    if let Some(message) = &outcome.message {
        eprintln!("{DRIVER_SAYS}{name}: {message}");
    }
    Ok(if outcome.clean { 0 } else { 1 })
}

/// How the merge driver's lines on standard error begin (`sync` picks them out of git's output).
const DRIVER_SAYS: &str = "sprintboard: ";

/// One line per changed story file for the commit message (`SB-K7QX Title (added)`), with the
/// file's path from the top of the work tree.
fn describe_changes(top: &Path, rel: &str) -> Result<Vec<(String, String)>, CliError> {
    let out = git(top, &["status", "--porcelain=v1", "--untracked-files=all", "--", rel])?;
    let mut lines = Vec::new();
    // Not trimmed: the first column of a porcelain line may be a space.
    for l in String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.len() > 3) {
        let (code, path) = l.split_at(3.min(l.len()));
        let path = path.trim().trim_matches('"');
        let file = Path::new(path);
        let what = match code.trim() {
            "??" | "A" => "added",
            "D" => "deleted",
            _ => "changed",
        };
        let name = file.file_stem().and_then(|s| s.to_str()).unwrap_or(path);
        let title = if file.extension().is_some_and(|e| e == "ron") && what != "deleted" {
            std::fs::read_to_string(top.join(file))
                .ok()
                .and_then(|t| t.lines().find(|l| l.trim_start().starts_with("title:")).map(|l| l.trim().to_owned()))
                .map(|t| format!(" {}", t.trim_start_matches("title:").trim().trim_end_matches(',').trim_matches('"')))
                .unwrap_or_default()
        } else {
            String::new()
        };
        lines.push((format!("{name}{title} ({what})"), path.to_owned()));
    }
    Ok(lines)
}

fn unreachable_remote(stderr: &str) -> bool {
    [
        "Could not resolve host",
        "unable to access",
        "Connection refused",
        "Could not read from remote",
        "does not appear to be a git repository",
        "Network is unreachable",
        "timed out",
    ]
    .iter()
    .any(|s| stderr.contains(s))
}

/// What a sync did before it stopped, to begin its message with: `Committed 2 changes; `.
fn said_so_far(said: &[String]) -> String {
    said.iter().map(|s| format!("{s}; ")).collect()
}

/// Whether git is in the middle of a merge in this work tree.
fn merging(top: &Path) -> Result<bool, CliError> {
    Ok(git(top, &["rev-parse", "-q", "--verify", "MERGE_HEAD"])?.status.success())
}

/// The unmerged paths (`git status --porcelain=v2 -z`): each with its two-letter state (`UU`
/// both changed, `UD` deleted by them, `DU` deleted by us, `AA` added by both).
fn unmerged(top: &Path) -> Result<Vec<(String, String)>, CliError> {
    let out = git(top, &["status", "--porcelain=v2", "-z", "--untracked-files=no"])?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Ok(text
        .split('\0')
        .filter_map(|entry| {
            let rest = entry.strip_prefix("u ")?;
            let mut fields = rest.splitn(10, ' ');
            let xy = fields.next()?.to_owned();
            let path = fields.nth(8)?.to_owned();
            Some((xy, path))
        })
        .collect())
}

/// The story key (or `board.ron`) a board path names.
fn name_of(path: &str) -> String {
    Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or(path).to_owned()
}

/// Paths (from the top of the work tree) git lists, one per line.
fn paths_of(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout).lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// What the reader has against each of these files (paths from the top of the work tree),
/// keyed by path: only the board's own files are looked at.
fn unreadable_files(top: &Path, root: &Path, paths: &[String]) -> Vec<(String, crate::store::FileError)> {
    let full: Vec<PathBuf> = paths.iter().map(|p| top.join(p)).collect();
    crate::store::unreadable(root, &full)
        .into_iter()
        .map(|e| {
            let rel = e.path.strip_prefix(top).unwrap_or(&e.path).to_string_lossy().into_owned();
            (rel, e)
        })
        .collect()
}

/// A reader's problem with a file, the file named from the top of the work tree.
fn in_tree(path: &str, e: &crate::store::FileError) -> String {
    let place = e.at.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default();
    format!("{path}{place}: {}", e.message)
}

/// Why a sync stopped at files the reader refuses: what it did so far, `stopped` (what was not
/// done), each file with the reader's reason, and `fix` (the way out, said of "it"/"them").
fn refused_files(said: &[String], stopped: &str, bad: &[(String, crate::store::FileError)], fix: &str) -> CliError {
    let lines: Vec<String> = bad.iter().map(|(path, e)| format!("  {}", in_tree(path, e))).collect();
    let (files, them) = if bad.len() == 1 { ("this file", "it") } else { ("these files", "them") };
    CliError::refused(format!(
        "{}{stopped}: {files} cannot be read:\n{}\nrepair {them} (`sprintboard check` says what is wrong){fix}, then run `sprintboard sync` again",
        said_so_far(said),
        lines.join("\n"),
    ))
}

/// The merge driver's lines in git's output (`sprintboard: PATH: what happened`), by path.
fn driver_lines(stderr: &str) -> Vec<(String, String)> {
    stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix(DRIVER_SAYS)?.split_once(": "))
        .map(|(path, said)| (path.to_owned(), said.to_owned()))
        .collect()
}

/// Resolves what git left unmerged in the board, checks that every board file the merge
/// changed reads, and finishes the merge. The rule for a story deleted on one side and edited
/// on the other (git's modify/delete, which no merge driver sees): the edited story is kept, so
/// no one's work is lost; deleting it again is one command. A conflict, or a file the reader
/// refuses (too large, not parsing, markers: what a merge without the driver leaves), stops
/// the merge before its commit, each named with what happened and the way out; once resolved,
/// this finishes the merge. `driver` is what the merge driver said during this pull. Returns
/// what it did, or why the merge cannot be finished yet.
fn finish_merge(top: &Path, rel: &str, root: &Path, driver: &str) -> Result<Vec<String>, String> {
    let fail = |e: CliError| e.message;
    let inside = |p: &str| rel == "." || Path::new(p).starts_with(rel);
    let driver = driver_lines(driver);
    let mut kept = Vec::new();
    let mut conflicted = Vec::new();
    let mut outside = Vec::new();
    for (xy, path) in unmerged(top).map_err(fail)? {
        if !inside(&path) {
            outside.push(path);
            continue;
        }
        let resolve = match xy.as_str() {
            // The work tree holds the edited side.
            "UD" | "DU" => {
                kept.push(name_of(&path));
                vec!["add", "--", path.as_str()]
            }
            "DD" => vec!["rm", "--quiet", "--", path.as_str()],
            _ => {
                conflicted.push(path);
                continue;
            }
        };
        let out = git(top, &resolve).map_err(fail)?;
        if !out.status.success() {
            return Err(format!("git {} failed: {}", resolve[0], err_text(&out)));
        }
    }
    let mut notes = Vec::new();
    if !kept.is_empty() {
        notes.push(format!(
            "{} deleted on one side and edited on the other: the edited version is kept (`sprintboard delete KEY` deletes it again)",
            kept.join(", ")
        ));
    }
    if !outside.is_empty() {
        return Err(format!(
            "{}git is merging with conflicts outside the board ({}): resolve those with git, then `sprintboard sync`",
            said_so_far(&notes),
            outside.join(", ")
        ));
    }
    // Every board file the merge changed, as the work tree holds it now: a conflict not yet
    // resolved, or a file merged by git's own line merge, must read before it is committed.
    let changed = paths_of(&git(top, &["diff", "--name-only", "HEAD", "--", rel]).map_err(fail)?);
    let mut all: Vec<String> = changed.iter().chain(&conflicted).cloned().collect();
    all.sort();
    all.dedup();
    let bad = unreadable_files(top, root, &all);
    if !bad.is_empty() {
        let lines: Vec<String> = bad
            .iter()
            .map(|(path, e)| {
                let problem = in_tree(path, e);
                match driver.iter().find(|(p, _)| p == path) {
                    Some((_, said)) if conflicted.contains(path) => {
                        // A whole-file conflict's words carry their way out; a field's, not yet.
                        let said = if !said.contains("left as a conflict") {
                            format!(
                                "{said}: keep one side's lines and delete the markers (`sprintboard check` shows where)"
                            )
                        } else {
                            said.clone()
                        };
                        format!("  conflicts in {}: {said}", name_of(path))
                    }
                    _ if conflicted.contains(path) => {
                        format!("  conflicts in {}: {problem}", name_of(path))
                    }
                    _ => format!(
                        "  {} cannot be read as merged ({problem}): keep this clone's version with \
                         `git checkout HEAD -- {path}`, or take the other one with `git checkout MERGE_HEAD -- {path}` and repair it",
                        name_of(path),
                    ),
                }
            })
            .collect();
        return Err(format!(
            "{}the merge is not finished: it was not committed, and nothing was pushed:\n{}\nthen run `sprintboard sync` again",
            said_so_far(&notes),
            lines.join("\n")
        ));
    }
    for path in &all {
        if top.join(path).exists() {
            let out = git(top, &["add", "--", path]).map_err(fail)?;
            if !out.status.success() {
                return Err(format!("git add failed: {}", err_text(&out)));
            }
        }
    }
    let commit = git(top, &["commit", "--quiet", "--no-edit"]).map_err(fail)?;
    if !commit.status.success() {
        return Err(format!("git commit failed: {}", err_text(&commit)));
    }
    notes.push("finished the merge".into());
    Ok(notes)
}

/// What is wrong with the board as a whole (each with its fix), as `sync` compares it before
/// and after a pull: references to what board.ron lacks, two active sprints, a dependency
/// cycle, an unfinished story in a closed sprint. `None` when the board cannot be opened.
fn board_problems(root: &Path) -> Option<Vec<String>> {
    let (store, board) = crate::store::Store::open(root).ok()?;
    let mut out: Vec<String> = store
        .warnings()
        .iter()
        .map(|w| {
            let name = w.path.file_name().map_or_else(|| w.path.display().to_string(), |n| n.to_string_lossy().into());
            format!("{name}: {}", w.message)
        })
        .collect();
    out.extend(board.cycle_problems());
    out.extend(board.unfinished_in_closed_sprints().iter().map(ToString::to_string));
    Some(out)
}

/// `sprintboard sync`: commit the board's changes, pull (the driver merges), check what the
/// merge made, push.
pub fn sync(board: Option<&Path>) -> Result<(), CliError> {
    let cwd = std::env::current_dir().map_err(|e| CliError::bad(format!("cannot read the current directory: {e}")))?;
    let root = match board {
        Some(b) => layout::explicit(b)?,
        None => {
            layout::find_team(&cwd).ok_or_else(|| CliError::refused("no team board (.sprintboard/) here or above"))?
        }
    };
    let top =
        toplevel(&root).ok_or_else(|| CliError::refused(format!("{} is not in a git repository", root.display())))?;
    let rel = root.strip_prefix(&top).unwrap_or(&root).to_string_lossy().into_owned();
    let rel = if rel.is_empty() { ".".to_owned() } else { rel };

    let mut said = Vec::new();
    // 0. A merge an earlier sync (or `git pull`) left unfinished: finish it first.
    if merging(&top)? {
        said.extend(finish_merge(&top, &rel, &root, "").map_err(CliError::refused)?);
    }

    // 1. Commit the board's own changes, and nothing else the user has staged; never a file the
    // reader refuses, which would lock out every clone that pulls it.
    let changes = describe_changes(&top, &rel)?;
    if !changes.is_empty() {
        let paths: Vec<String> = changes.iter().map(|(_, p)| p.clone()).collect();
        let bad = unreadable_files(&top, &root, &paths);
        if !bad.is_empty() {
            let fix = ", or put back the last committed version with `git checkout HEAD -- FILE`";
            return Err(refused_files(&said, "nothing was committed or pushed", &bad, fix));
        }
        let add = git(&top, &["add", "-A", "--", &rel])?;
        if !add.status.success() {
            return Err(CliError::refused(format!("git add failed: {}", err_text(&add))));
        }
        let subject = if changes.len() == 1 {
            format!("sprintboard: {}", changes[0].0)
        } else {
            format!("sprintboard: {} board files changed", changes.len())
        };
        let lines: Vec<&str> = changes.iter().map(|(l, _)| l.as_str()).collect();
        let message = format!("{subject}\n\n{}\n", lines.join("\n"));
        let commit = git(&top, &["commit", "--quiet", "-m", &message, "--", &rel])?;
        if !commit.status.success() {
            return Err(CliError::refused(format!("git commit failed: {}", err_text(&commit))));
        }
        said.push(format!("Committed {} to the board", crate::text::count(changes.len(), "change", "changes")));
    }

    // 2. Where to pull from and push to.
    let remotes = text(&git(&top, &["remote"])?);
    let Some(remote) = remotes.lines().next().map(str::to_owned) else {
        said.push(
            "no remote is configured, so nothing was pulled or pushed (`git remote add origin URL` sets one)".into(),
        );
        println!("{}", said.join("; "));
        return Ok(());
    };
    let branch = text(&git(&top, &["rev-parse", "--abbrev-ref", "HEAD"])?);
    let upstream = git(&top, &["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"])?;
    let has_upstream = upstream.status.success();

    // What is wrong with the board before the pull: only what the pull adds is said after it.
    let known = board_problems(&root);

    // 3. Pull, merging with the driver; the merge is committed only once its files read.
    let before = text(&git(&top, &["rev-parse", "HEAD"])?);
    let pull = if has_upstream {
        git(&top, &["pull", "--no-rebase", "--no-edit", "--no-commit"])?
    } else {
        git(&top, &["pull", "--no-rebase", "--no-edit", "--no-commit", &remote, &branch])?
    };
    let stderr = err_text(&pull);
    if merging(&top)? {
        match finish_merge(&top, &rel, &root, &stderr) {
            Ok(notes) => said.extend(notes),
            Err(why) => return Err(CliError::refused(format!("{}{why}", said_so_far(&said)))),
        }
    } else if !pull.status.success() {
        if unreachable_remote(&stderr) {
            return Err(CliError::refused(format!(
                "{}offline: cannot reach {remote}; your changes are committed here, run `sprintboard sync` again later",
                said_so_far(&said)
            )));
        } else if !stderr.contains("couldn't find remote ref") {
            // (Not finding the remote branch is a first push.) Anything else is reported as is.
            return Err(CliError::refused(format!("{}git pull failed: {stderr}", said_so_far(&said))));
        }
    }
    let after = text(&git(&top, &["rev-parse", "HEAD"])?);
    let mut found = Vec::new();
    if before != after {
        let pulled = paths_of(&git(&top, &["diff", "--name-only", &before, &after, "--", &rel])?);
        said.push(format!("pulled {}", crate::text::count(pulled.len(), "changed board file", "changed board files")));
        // What the pull brought (a fast-forward is not merged here, so not checked above):
        // nothing of it is pushed again from here, and it is said.
        let bad = unreadable_files(&top, &root, &pulled);
        if !bad.is_empty() {
            let stopped = format!("nothing was pushed (pulled from {remote})");
            let fix = " and commit (`git log -- FILE` says who changed it)";
            return Err(refused_files(&said, &stopped, &bad, fix));
        }
        if let Some(now) = board_problems(&root) {
            let old = known.unwrap_or_default();
            found = now.into_iter().filter(|p| !old.contains(p)).collect();
        }
    }

    // 4. Push.
    let ahead = git(&top, &["rev-list", "--count", &format!("{remote}/{branch}..HEAD")])?;
    let needs_push = !ahead.status.success() || text(&ahead) != "0";
    if needs_push {
        // What the push would change on the remote, as the work tree holds it (the board's
        // changes were all committed above): a file committed here with plain git is checked
        // too, so nothing unreadable reaches the remote from here.
        let remote_ref = format!("{remote}/{branch}");
        let outgoing = if git(&top, &["rev-parse", "-q", "--verify", &remote_ref])?.status.success() {
            paths_of(&git(&top, &["diff", "--name-only", &remote_ref, "HEAD", "--", &rel])?)
        } else {
            paths_of(&git(&top, &["ls-files", "--", &rel])?)
        };
        let bad = unreadable_files(&top, &root, &outgoing);
        if !bad.is_empty() {
            return Err(refused_files(&said, "nothing was pushed", &bad, " and commit"));
        }
        let push = if has_upstream {
            git(&top, &["push", "--quiet"])?
        } else {
            git(&top, &["push", "--quiet", "-u", &remote, &branch])?
        };
        if !push.status.success() {
            let stderr = err_text(&push);
            let why = if unreachable_remote(&stderr) {
                format!("offline: cannot reach {remote}; run `sprintboard sync` again later")
            } else {
                format!("git push failed: {stderr}")
            };
            return Err(CliError::refused(format!("{}{why}", said_so_far(&said))));
        }
        said.push(format!("pushed to {remote}"));
    }
    if said.is_empty() {
        println!("Nothing to do: the board is up to date with {remote}");
    } else {
        println!("{}", said.join("; "));
    }
    // The merge itself is fine; what it made of the board is said, each with its fix.
    if !found.is_empty() {
        eprintln!(
            "The merge left {} on the board, each with its fix:",
            crate::text::count(found.len(), "problem", "problems")
        );
        for p in &found {
            eprintln!("warning: {p}");
        }
    }
    Ok(())
}
