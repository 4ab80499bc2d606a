//! What `sync` checks, on real clones of a bare repository: nothing the reader refuses is
//! committed or pushed, comments two clones add merge whatever their size, what a merge makes
//! of the board is said with its fix, and the merge driver says which side it could not read.

mod common;

use std::path::{Path, PathBuf};

use common::*;

impl Team {
    fn story_file(&self, dir: &Path, key: &str) -> PathBuf {
        dir.join(format!(".sprintboard/stories/{key}.ron"))
    }

    /// What origin's main points at.
    fn origin(&self) -> String {
        git_ok(&self.tmp.path().join("origin.git"), &["rev-parse", "main"])
    }

    /// Alice commits whatever is in her work tree with plain git and pushes it.
    fn push_by_hand(&self, message: &str) {
        git_ok(&self.alice, &["add", "-A"]);
        git_ok(&self.alice, &["commit", "--quiet", "-m", message]);
        git_ok(&self.alice, &["push", "--quiet", "origin", "main"]);
    }

    /// Alice's story file replaced, by hand, with `text`; pushed.
    fn replace_by_hand(&self, key: &str, text: &str) {
        std::fs::write(self.story_file(&self.alice, key), text).expect("write");
        self.push_by_hand("by hand");
    }
}

/// Defect 2: Alice pushes (with plain git) a story whose description is 10 MB; Bob edits its
/// title and syncs. The sync stops before the merge commit and the push, names the file and the
/// way out; the remote is unchanged. Following the way out finishes the sync.
#[test]
fn an_oversized_merge_is_never_committed_or_pushed() {
    let t = Team::new();
    let k = t.key();
    t.sb(&t.bob, &["sync"]);
    let path = t.story_file(&t.alice, &k);
    let text = std::fs::read_to_string(&path).expect("read");
    let huge = text.replace("description: \"\"", &format!("description: \"{}\"", "d".repeat(10_000_000)));
    assert!(huge.len() > 10_000_000, "the description was replaced");
    t.replace_by_hand(&k, &huge);
    let origin = t.origin();

    t.sb(&t.bob, &["edit", &k, "--title", "Bob's title"]);
    let out = t.run(&t.bob, &["sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("conflicts in {k}: theirs could not be read")), "{err}");
    assert!(
        err.contains("larger than 4096 KiB") && err.contains("it was not committed, and nothing was pushed"),
        "{err}"
    );
    assert!(err.contains(&format!("git checkout --ours -- .sprintboard/stories/{k}.ron")), "{err}");
    assert!(!err.contains("both sides changed"), "{err}");
    assert_eq!(t.origin(), origin, "nothing reached the remote");
    let file = std::fs::metadata(t.story_file(&t.bob, &k)).expect("file").len();
    assert!(file <= 4 << 20, "the driver wrote no file over the reader's limit: {file} bytes");

    // The way out: keep ours, sync again.
    git_ok(&t.bob, &["checkout", "--ours", "--", &format!(".sprintboard/stories/{k}.ron")]);
    let out = t.sb(&t.bob, &["sync"]);
    assert!(out.contains("finished the merge") && out.contains("pushed"), "{out}");
    t.sb(&t.alice, &["sync"]);
    for clone in [&t.alice, &t.bob] {
        t.sb(clone, &["check"]);
        assert!(t.sb(clone, &["list"]).contains("Bob's title"));
    }
}

/// Without the merge driver (a clone that never ran git-setup), git's own line merge joins the
/// 10 MB description and the title edit cleanly: the sync still stops before the commit.
#[test]
fn a_line_merge_git_made_is_checked_before_its_commit() {
    let t = Team::new();
    let k = t.key();
    t.sb(&t.bob, &["sync"]);
    git_ok(&t.bob, &["config", "--remove-section", "merge.sprintboard"]);
    let text = std::fs::read_to_string(t.story_file(&t.alice, &k)).expect("read");
    t.replace_by_hand(&k, &text.replace("description: \"\"", &format!("description: \"{}\"", "d".repeat(5 << 20))));
    let origin = t.origin();
    t.sb(&t.bob, &["edit", &k, "--title", "Bob's title"]);
    let out = t.run(&t.bob, &["sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("{k} cannot be read as merged")) && err.contains("larger than 4096 KiB"), "{err}");
    assert!(err.contains("git checkout HEAD --"), "{err}");
    assert_eq!(t.origin(), origin);
    assert!(git(&t.bob, &["rev-parse", "-q", "--verify", "MERGE_HEAD"]).status.success(), "the merge waits");
}

/// A fast-forward to an unreadable file (nothing of Bob's to merge) is said, and exit 1.
#[test]
fn an_unreadable_file_pulled_as_is_is_said() {
    let t = Team::new();
    let k = t.key();
    t.sb(&t.bob, &["sync"]);
    t.replace_by_hand(&k, "junk\n");
    let out = t.run(&t.bob, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{k}.ron:1:"))
            && err.contains("nothing was pushed (pulled from origin): this file cannot be read"),
        "{err}"
    );
}

/// A file broken in the work tree is never committed by `sync`.
#[test]
fn an_unreadable_local_file_is_not_committed() {
    let t = Team::new();
    let k = t.key();
    let head = git_ok(&t.alice, &["rev-parse", "HEAD"]);
    std::fs::write(t.story_file(&t.alice, &k), "(((").expect("write");
    let out = t.run(&t.alice, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("nothing was committed or pushed") && err.contains(&format!("{k}.ron:1:")), "{err}");
    assert_eq!(git_ok(&t.alice, &["rev-parse", "HEAD"]), head);
}

/// Defect 3: each clone adds the most comments it may to one story (120 KB each, as many as
/// fit the 1 MiB a story's comments may hold). Both syncs merge cleanly; the file reads.
#[test]
fn comments_two_clones_add_merge_whatever_their_size() {
    let t = Team::new();
    let k = t.key();
    t.sb(&t.bob, &["sync"]);
    for (clone, who) in [(&t.alice, "a"), (&t.bob, "b")] {
        for i in 0..8 {
            t.sb(clone, &["comment", &k, &format!("{who}{i} {}", "c".repeat(120_000))]);
        }
        let out = t.run(clone, &["comment", &k, &"c".repeat(120_000)]);
        assert_eq!(out.status.code(), Some(1), "the ninth is past the limit");
        assert!(stderr(&out).contains("more than the 1024 KiB a story's comments may hold"), "{}", stderr(&out));
    }
    t.sb(&t.alice, &["sync"]);
    let out = t.run(&t.bob, &["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("pushed"), "{}", stdout(&out));
    t.sb(&t.alice, &["sync"]);
    for clone in [&t.alice, &t.bob] {
        assert!(git_ok(clone, &["status", "--porcelain"]).is_empty());
        t.sb(clone, &["check"]);
        assert!(t.sb(clone, &["list"]).contains(&k));
        let s: serde_json::Value = serde_json::from_str(&t.sb(clone, &["show", &k, "--format", "json"])).expect("json");
        assert_eq!(s["comments"].as_array().map(Vec::len), Some(16));
        assert!(std::fs::metadata(t.story_file(clone, &k)).expect("file").len() > 1 << 20);
        // Still editable, though past what one clone may write.
        t.sb(clone, &["edit", &k, "--points", "5"]);
    }
}

/// Defect 5: a column removed on one clone while the other moves a story into it; an epic
/// deleted on one while the other assigns it. Both merges are clean, and both syncs say what
/// the board now lacks, with the fix.
#[test]
fn sync_says_what_the_merge_left_dangling() {
    let t = Team::new();
    let k = t.key();
    t.sb(&t.alice, &["epic", "new", "Checkout"]);
    t.sb(&t.alice, &["sync"]);
    t.sb(&t.bob, &["sync"]);
    t.sb(&t.alice, &["column", "remove", "Review", "--to", "To Do"]);
    t.sb(&t.alice, &["epic", "delete", "Checkout", "--yes"]);
    t.sb(&t.bob, &["move", &k, "--status", "Review"]);
    t.sb(&t.bob, &["edit", &k, "--epic", "Checkout"]);
    t.sb(&t.alice, &["sync"]);
    for clone in [&t.bob, &t.alice] {
        let out = t.run(clone, &["sync"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "{k} has status \"review\", which is not a column of board.ron: `sprintboard move {k} --status COLUMN`"
            )),
            "{err}"
        );
        assert!(err.contains(&format!("`sprintboard edit {k} --epic none`")), "{err}");
        // Said once: the next sync has nothing new to say.
        let again = t.run(clone, &["sync"]);
        assert!(!stderr(&again).contains("not a column"), "{}", stderr(&again));
    }
    assert_eq!(t.run(&t.bob, &["check"]).status.code(), Some(2));
}

/// Defect 5: Alice links X → Y, Bob links Y → X. The merge is clean; sync names the cycle,
/// and `check` does too, with the unlink that breaks it.
#[test]
fn sync_and_check_name_a_dependency_cycle_a_merge_made() {
    let t = Team::new();
    let x = t.key();
    let y = t.sb(&t.alice, &["add", "Other"]).trim().to_owned();
    t.sb(&t.alice, &["sync"]);
    t.sb(&t.bob, &["sync"]);
    t.sb(&t.alice, &["link", &x, "--blocks", &y]);
    t.sb(&t.bob, &["link", &y, "--blocks", &x]);
    t.sb(&t.alice, &["sync"]);
    let out = t.run(&t.bob, &["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, b) = if x < y { (&x, &y) } else { (&y, &x) };
    let cycle = format!("dependency cycle: {a} → {b} → {a}");
    assert!(stderr(&out).contains(&cycle), "{}", stderr(&out));
    let check = t.run(&t.bob, &["check"]);
    assert_eq!(check.status.code(), Some(2));
    let err = stderr(&check);
    assert!(err.contains(&cycle) && err.contains(&format!("`sprintboard unlink {b} {a}`")), "{err}");
    t.sb(&t.bob, &["unlink", b, a]);
    t.sb(&t.bob, &["check"]);
}

/// Defect 5: Alice replaces a story file with junk (or one nested 50,000 deep), Bob edits the
/// story. Bob's sync is a conflict that names the file and the side that could not be read,
/// never Bob's silent win, nor "both sides changed the same field".
#[test]
fn a_side_that_is_not_a_story_is_a_conflict_naming_it() {
    for junk in ["this is not a story\n".to_owned(), format!("{}{}\n", "(".repeat(50_000), ")".repeat(50_000))] {
        let t = Team::new();
        let k = t.key();
        t.sb(&t.bob, &["sync"]);
        t.replace_by_hand(&k, &junk);
        let origin = t.origin();
        t.sb(&t.bob, &["edit", &k, "--title", "Bob's title"]);
        let out = t.run(&t.bob, &["sync"]);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains(&format!("conflicts in {k}: theirs could not be read (line 1, column")), "{err}");
        assert!(!err.contains("both sides changed") && !err.contains("finished the merge"), "{err}");
        assert_eq!(t.origin(), origin);
        // Both sides are in the file; `check` shows the way out.
        let file = std::fs::read_to_string(t.story_file(&t.bob, &k)).expect("read");
        assert!(file.contains("Bob's title") && file.contains(junk.trim()), "both sides kept");
        let check = t.run(&t.bob, &["check"]);
        assert!(stderr(&check).contains("theirs could not be read"), "{}", stderr(&check));
        // Syncing again before resolving says the same.
        let again = t.run(&t.bob, &["sync"]);
        assert_eq!(again.status.code(), Some(1));
        assert!(stderr(&again).contains(&format!("conflicts in {k}")), "{}", stderr(&again));
        assert!(stderr(&again).contains("theirs could not be read"), "{}", stderr(&again));
    }
}

/// Alice closes S1 while Bob moves a story into it; later each starts a different sprint. The
/// merges are clean, and the sync that brings each says what it left, with the fix.
#[test]
fn sync_says_when_a_merge_leaves_work_in_a_closed_sprint_or_two_active_sprints() {
    let t = Team::new();
    let k = t.key();
    for s in ["S2", "S3"] {
        t.sb(&t.alice, &["sprint", "new", s]);
    }
    t.sb(&t.alice, &["sprint", "start", "S1"]);
    t.sb(&t.alice, &["sync"]);
    t.sb(&t.bob, &["sync"]);
    t.sb(&t.alice, &["sprint", "close", "S1"]);
    t.sb(&t.bob, &["move", &k, "--sprint", "S1"]);
    t.sb(&t.alice, &["sync"]);
    let out = t.run(&t.bob, &["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("sprint S1 is closed but 1 unfinished story is still in it")
            && err.contains(&k)
            && err.contains("`sprintboard sprint close \"S1\"` carries it over to S2"),
        "{err}"
    );
    t.sb(&t.bob, &["move", &k, "--sprint", "S2"]);
    t.sb(&t.bob, &["sync"]);
    t.sb(&t.alice, &["sync"]);

    t.sb(&t.alice, &["sprint", "start", "S2"]);
    t.sb(&t.bob, &["sprint", "start", "S3"]);
    t.sb(&t.alice, &["sync"]);
    let out = t.run(&t.bob, &["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("more than one sprint is active (S2, S3)") && err.contains("sprintboard sprint stop"),
        "{err}"
    );
    assert!(!err.contains("sprint S1 is closed"), "said once: {err}");
}

/// A file broken and committed with plain git is not pushed by `sync` either.
#[test]
fn an_unreadable_file_committed_by_hand_is_not_pushed() {
    let t = Team::new();
    let k = t.key();
    let origin = t.origin();
    std::fs::write(t.story_file(&t.alice, &k), "(((").expect("write");
    git_ok(&t.alice, &["commit", "--quiet", "-am", "by hand"]);
    let out = t.run(&t.alice, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("nothing was pushed") && err.contains(&format!("{k}.ron:1:")), "{err}");
    assert_eq!(t.origin(), origin);
}
