//! The sync driven through an in-memory GitHub (`Fake`) that keeps issues, comments, labels
//! and milestones, lists by `since`, and counts (and can refuse, after N) the writes.

mod merge;

use std::collections::BTreeMap;

use super::values::{body_of, split_body};
use super::*;
use crate::domain::{Board, BoardFile, Ctx, Edit, Move, NewSprint, Position, RemoteKind};
use crate::remote::github::{Comment as GComment, IssueWrite, Label, User};

const REPO: &str = "octo/repo";

#[derive(Default)]
struct Fake {
    issues: BTreeMap<u64, Issue>,
    comments: BTreeMap<u64, Vec<GComment>>,
    milestones: Vec<Milestone>,
    labels: Vec<String>,
    /// Every write, in order: `update #1 {…}`.
    writes: Vec<String>,
    /// Refuses every write after this many (a connection cut part-way).
    fail_after: Option<usize>,
    tick: u32,
    /// Answers the listing "not modified" (GitHub's 304 to the ETag it gave last time).
    not_modified: bool,
}

impl Fake {
    fn now(&self) -> String {
        format!("2026-12-06T{:02}:{:02}:00Z", 8 + self.tick / 60, self.tick % 60)
    }

    fn write(&mut self, what: String) -> Result<(), ApiError> {
        if self.fail_after.is_some_and(|n| self.writes.len() >= n) {
            return Err(ApiError::Offline { detail: "connection reset".into() });
        }
        self.writes.push(what);
        self.tick += 1;
        Ok(())
    }

    /// A change made on GitHub by someone.
    fn edit(&mut self, n: u64, f: impl FnOnce(&mut Issue)) {
        self.tick += 1;
        let now = self.now();
        let i = self.issues.get_mut(&n).expect("issue");
        f(i);
        i.updated_at = now;
    }

    fn add(&mut self, i: Issue) {
        self.issues.insert(i.number, i);
    }

    fn remote_comment(&mut self, n: u64, id: u64, login: &str, body: &str) {
        self.tick += 1;
        let c = GComment {
            id,
            body: Some(body.into()),
            user: Some(User { login: login.into() }),
            created_at: "2026-12-05T10:00:00Z".into(),
        };
        self.comments.entry(n).or_default().push(c);
        let now = self.now();
        let i = self.issues.get_mut(&n).expect("issue");
        i.comments += 1;
        i.updated_at = now;
    }
}

impl Api for Fake {
    fn issues(&mut self, since: Option<&str>) -> Result<Option<Vec<Issue>>, ApiError> {
        if self.not_modified {
            return Ok(None);
        }
        Ok(Some(self.issues.values().filter(|i| since.is_none_or(|s| i.updated_at.as_str() >= s)).cloned().collect()))
    }

    fn comments(&mut self, number: u64) -> Result<Vec<GComment>, ApiError> {
        Ok(self.comments.get(&number).cloned().unwrap_or_default())
    }

    fn milestones(&mut self) -> Result<Vec<Milestone>, ApiError> {
        Ok(self.milestones.clone())
    }

    fn create_milestone(&mut self, title: &str, due_on: Option<&str>) -> Result<Milestone, ApiError> {
        self.write(format!("milestone {title} {due_on:?}"))?;
        let m = Milestone {
            number: self.milestones.len() as u64 + 1,
            title: title.into(),
            due_on: due_on.map(str::to_owned),
            state: "open".into(),
        };
        self.milestones.push(m.clone());
        Ok(m)
    }

    fn ensure_label(&mut self, name: &str) -> Result<(), ApiError> {
        if !self.labels.iter().any(|l| l == name) {
            self.write(format!("label {name}"))?;
            self.labels.push(name.into());
        }
        Ok(())
    }

    fn create_issue(&mut self, w: &IssueWrite) -> Result<Issue, ApiError> {
        self.write(format!("create {}", serde_json::to_string(w).unwrap_or_default()))?;
        let n = self.issues.keys().last().copied().unwrap_or(0) + 1;
        let mut i = issue(n, w.title.as_deref().unwrap_or_default());
        i.updated_at = self.now();
        self.add(i);
        self.apply(n, w);
        Ok(self.issues[&n].clone())
    }

    fn update_issue(&mut self, number: u64, w: &IssueWrite) -> Result<Issue, ApiError> {
        self.write(format!("update #{number} {}", serde_json::to_string(w).unwrap_or_default()))?;
        self.apply(number, w);
        Ok(self.issues[&number].clone())
    }

    fn add_comment(&mut self, number: u64, body: &str) -> Result<GComment, ApiError> {
        self.write(format!("comment #{number}"))?;
        let id = 9000 + self.writes.len() as u64;
        let c =
            GComment { id, body: Some(body.into()), user: Some(User { login: "bot".into() }), created_at: self.now() };
        self.comments.entry(number).or_default().push(c.clone());
        if let Some(i) = self.issues.get_mut(&number) {
            i.comments += 1;
        }
        Ok(c)
    }
}

impl Fake {
    fn apply(&mut self, n: u64, w: &IssueWrite) {
        let now = self.now();
        let milestones = self.milestones.clone();
        let i = self.issues.get_mut(&n).expect("issue");
        if let Some(t) = &w.title {
            i.title = t.clone();
        }
        if let Some(b) = &w.body {
            i.body = Some(b.clone());
        }
        if let Some(s) = &w.state {
            i.state = s.clone();
            i.state_reason = w.state_reason.clone();
        }
        if let Some(l) = &w.labels {
            i.labels = l.iter().map(|name| Label { name: name.clone() }).collect();
        }
        if let Some(a) = &w.assignees {
            i.assignees = a.iter().map(|login| User { login: login.clone() }).collect();
        }
        if let Some(m) = &w.milestone {
            i.milestone = m.and_then(|m| milestones.iter().find(|x| x.number == m).cloned());
        }
        i.updated_at = now;
    }
}

fn issue(n: u64, title: &str) -> Issue {
    Issue {
        number: n,
        title: title.into(),
        body: None,
        state: "open".into(),
        state_reason: None,
        labels: Vec::new(),
        assignees: Vec::new(),
        milestone: None,
        updated_at: "2026-12-06T07:00:00Z".into(),
        html_url: format!("https://github.com/{REPO}/issues/{n}"),
        pull_request: None,
        comments: 0,
    }
}

fn labels(names: &[&str]) -> Vec<Label> {
    names.iter().map(|n| Label { name: (*n).into() }).collect()
}

fn ctx() -> Ctx {
    Ctx::new("2026-12-06T09:00:00Z".parse().expect("time"), "Ana", 7)
}

fn board() -> Board {
    let mut file = BoardFile::new("Team", "SB");
    file.remotes.push(Remote {
        kind: RemoteKind::GitHub,
        repo: REPO.into(),
        status_labels: "status: ".into(),
        publish_new: false,
    });
    Board::new(file)
}

/// One sync; `disk` is what the saves wrote (the board a killed process leaves).
fn run_saving(board: &mut Board, api: &mut Fake, opts: &Options, disk: &mut Board) -> Result<Report, Stopped> {
    let mut save = |b: &Board, _: &Changes| -> Result<(), String> {
        *disk = b.clone();
        Ok(())
    };
    sync(board, REPO, api, opts, &mut ctx(), &mut save)
}

fn run(board: &mut Board, api: &mut Fake, opts: &Options) -> Report {
    let mut disk = board.clone();
    let r = run_saving(board, api, opts, &mut disk).expect("syncs");
    assert_eq!(&disk, board, "every change was saved");
    r
}

fn story<'a>(b: &'a Board, key: &str) -> &'a crate::domain::Story {
    b.story(key).expect("story")
}

/// An issue with every synced field set, and the board it was brought into.
fn linked() -> (Board, Fake, String) {
    let mut api = Fake::default();
    let mut i = issue(1, "Pay by card");
    i.body = Some("Cards too.\n\n## Acceptance criteria\n\n- card is kept".into());
    i.labels = labels(&["bug", "good first issue", "status: In Progress"]);
    i.assignees = vec![User { login: "ana".into() }, User { login: "bo".into() }];
    i.milestone = Some(Milestone {
        number: 1,
        title: "Sprint 9".into(),
        due_on: Some("2026-12-20T07:00:00Z".into()),
        state: "open".into(),
    });
    api.milestones.push(i.milestone.clone().expect("set"));
    api.labels = vec!["bug".into(), "good first issue".into(), "status: In Progress".into()];
    api.add(i);
    let mut b = board();
    let r = run(&mut b, &mut api, &Options::default());
    let key = r.brought_in[0].0.clone();
    (b, api, key)
}

#[test]
fn an_issue_becomes_a_story_with_every_field() {
    let (b, api, key) = linked();
    let s = story(&b, &key);
    assert_eq!(s.title, "Pay by card");
    assert_eq!((s.description.as_str(), s.acceptance.as_str()), ("Cards too.", "- card is kept"));
    assert_eq!(s.labels, ["bug", "good_first_issue"]);
    assert_eq!(s.assignee.as_deref(), Some("ana"));
    assert_eq!(s.status, "doing");
    let sprint = b.file.find_sprint("Sprint 9").expect("sprint made from the milestone");
    assert_eq!((s.sprint.as_deref(), sprint.end.map(|d| d.to_string())), (Some("sprint-9"), Some("2026-12-20".into())));
    assert_eq!(s.origin.as_ref().map(|o| o.id.as_str()), Some("github:octo/repo#1"));
    assert!(api.writes.is_empty(), "{:?}", api.writes);
}

#[test]
fn pull_requests_and_closed_issues_are_left_out() {
    let mut api = Fake::default();
    let mut pr = issue(1, "A fix");
    pr.pull_request = Some(serde_json::json!({"url": "x"}));
    let mut closed = issue(2, "Old");
    closed.state = "closed".into();
    api.add(pr);
    api.add(closed);
    api.add(issue(3, "New"));
    let mut b = board();
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!((r.listed, r.pull_requests, r.closed_skipped, r.brought_in.len()), (3, 1, 1, 1));
    assert_eq!(b.stories.len(), 1);
    let r = run(&mut b, &mut api, &Options { include_closed: true, ..Options::default() });
    assert_eq!(r.brought_in.len(), 1);
    let old = b.stories.values().find(|s| s.title == "Old").expect("closed one brought in");
    assert_eq!(old.status, "done");
}

#[test]
fn a_second_sync_writes_nothing() {
    let (mut b, mut api, _) = linked();
    let before = b.clone();
    let r = run(&mut b, &mut api, &Options { since: None, ..Options::default() });
    assert!(r.is_quiet(), "{r:?}");
    assert!(api.writes.is_empty());
    assert_eq!(b, before);
}

#[test]
fn every_field_edited_here_is_pushed_once() {
    let (mut b, mut api, key) = linked();
    let mut c = ctx();
    let edit = Edit {
        title: Some("Pay by card, fast".into()),
        description: Some("Cards, fast.".into()),
        acceptance: Some("- under 2s".into()),
        labels: Some(vec!["good_first_issue".into(), "ux".into()]),
        assignee: Some(Some("cy".into())),
        ..Edit::default()
    };
    b.edit_story(&key, edit, &mut c).expect("edits");
    let end = "2027-01-08".parse().ok();
    let (s10, _) = b
        .new_sprint(NewSprint { name: "Sprint 10".into(), goal: String::new(), start: None, end, capacity: None })
        .expect("sprint");
    let mv = Move { sprint: Some(Some(s10.as_str().into())), status: Some("review".into()), position: Position::Keep };
    b.move_story(&key, &mv, &mut c).expect("moves");
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!(
        r.pushed,
        [(key.clone(), 1, vec!["title", "description", "acceptance", "labels", "assignee", "sprint", "status"])]
    );
    assert_eq!(r.milestones_created, ["Sprint 10"]);
    assert_eq!(
        api.writes,
        [
            "label status: Review",
            "milestone Sprint 10 Some(\"2027-01-08T00:00:00Z\")",
            "update #1 {\"title\":\"Pay by card, fast\",\"body\":\"Cards, fast.\\n\\n## Acceptance criteria\\n\\n- under 2s\",\
             \"state\":\"open\",\"labels\":[\"good first issue\",\"ux\",\"status: Review\"],\"assignees\":[\"cy\",\"bo\"],\
             \"milestone\":2}"
        ]
    );
    let i = &api.issues[&1];
    assert_eq!(i.milestone.as_ref().map(|m| m.title.as_str()), Some("Sprint 10"));
    let n = api.writes.len();
    let r = run(&mut b, &mut api, &Options { since: r.since, ..Options::default() });
    assert!(r.is_quiet(), "{r:?}");
    assert_eq!(api.writes.len(), n, "the second sync writes nothing");
}

#[test]
fn every_field_changed_on_github_is_taken() {
    let (mut b, mut api, key) = linked();
    api.milestones.push(Milestone { number: 2, title: "Later".into(), due_on: None, state: "open".into() });
    let later = api.milestones[1].clone();
    api.edit(1, |i| {
        i.title = "Pay by card or cash".into();
        i.body = Some("Both.\n\n## Acceptance criteria\n\n- cash too\n\n## Notes\n\nSee #2".into());
        i.labels = labels(&["ux", "status: Review"]);
        i.assignees = vec![User { login: "dee".into() }];
        i.milestone = Some(later);
    });
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!(
        r.pulled,
        [(key.clone(), 1, vec!["title", "description", "acceptance", "labels", "assignee", "sprint", "status"])]
    );
    let s = story(&b, &key);
    assert_eq!(s.title, "Pay by card or cash");
    assert_eq!((s.description.as_str(), s.acceptance.as_str()), ("Both.\n\n## Notes\n\nSee #2", "- cash too"));
    assert_eq!((s.labels.clone(), s.assignee.as_deref()), (vec!["ux".into()], Some("dee")));
    assert_eq!((s.sprint.as_deref(), s.status.as_str()), (Some("later"), "review"));
    assert_eq!(r.sprints_created, ["Later"]);
    assert!(api.writes.is_empty(), "{:?}", api.writes);
}

#[test]
fn the_last_column_closes_the_issue_and_reopening_moves_it_back() {
    let (mut b, mut api, key) = linked();
    let mv = Move { sprint: None, status: Some("done".into()), position: Position::Keep };
    b.move_story(&key, &mv, &mut ctx()).expect("moves");
    run(&mut b, &mut api, &Options::default());
    assert_eq!((api.issues[&1].state.as_str(), api.issues[&1].state_reason.as_deref()), ("closed", Some("completed")));
    assert!(api.issues[&1].labels.iter().any(|l| l.name == "status: Done"));
    api.edit(1, |i| {
        i.state = "open".into();
        i.state_reason = Some("reopened".into());
    });
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!(r.pulled, [(key.clone(), 1, vec!["status"])]);
    assert_eq!(story(&b, &key).status, "todo", "reopened: back in the first column");
}

#[test]
fn a_field_changed_on_both_sides_keeps_the_board_and_says_so() {
    let (mut b, mut api, key) = linked();
    b.edit_story(&key, Edit { title: Some("Ours".into()), ..Edit::default() }, &mut ctx()).expect("edits");
    api.edit(1, |i| i.title = "Theirs".into());
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!(
        r.conflicts,
        [Conflict { key: key.clone(), number: 1, field: "title", ours: "Ours".into(), theirs: "Theirs".into() }]
    );
    assert!(r.pushed.is_empty() && r.pulled.is_empty());
    assert!(api.writes.is_empty());
    assert_eq!((story(&b, &key).title.as_str(), api.issues[&1].title.as_str()), ("Ours", "Theirs"));
    // Still in conflict on the next sync: nothing was recorded as synced.
    let again = run(&mut b, &mut api, &Options::default());
    assert_eq!(again.conflicts.len(), 1);
    let take = Options {
        take_theirs: vec![TakeTheirs::parse(&format!("{key}.title")).expect("parses")],
        ..Options::default()
    };
    let r = run(&mut b, &mut api, &take);
    assert_eq!((r.pulled.len(), r.conflicts.len()), (1, 0));
    assert_eq!(story(&b, &key).title, "Theirs");
    assert!(api.writes.is_empty());
    assert!(run(&mut b, &mut api, &Options::default()).is_quiet());
}

#[test]
fn take_theirs_of_a_whole_story_and_its_spelling() {
    let (mut b, mut api, key) = linked();
    let e = Edit { title: Some("A".into()), description: Some("ours".into()), ..Edit::default() };
    b.edit_story(&key, e, &mut ctx()).expect("edits");
    api.edit(1, |i| {
        i.title = "B".into();
        i.body = Some("theirs".into());
    });
    let take = Options { take_theirs: vec![TakeTheirs::parse(&key).expect("parses")], ..Options::default() };
    let r = run(&mut b, &mut api, &take);
    assert_eq!(r.pulled, [(key.clone(), 1, vec!["title", "description", "acceptance"])]);
    assert_eq!(
        TakeTheirs::parse("SB-1.points"),
        Err("\"SB-1.points\" is not KEY or KEY.FIELD, FIELD one of title, description, acceptance, labels, assignee, sprint, status".into())
    );
}

#[test]
fn an_earlier_import_is_picked_up_not_duplicated() {
    let export = r#"[{"number": 4, "title": "Imported", "body": "Text", "state": "open",
        "labels": [{"name": "ux"}], "assignees": [{"login": "ana"}],
        "html_url": "https://github.com/octo/repo/issues/4"}]"#;
    let mut b = board();
    let e = crate::interop::import::github_json(export).expect("parses");
    crate::interop::import::apply(&mut b, &e, &crate::interop::import::Options::default(), &mut ctx())
        .expect("imports");
    let mut api = Fake::default();
    let mut i = issue(4, "Imported");
    i.body = Some("Text".into());
    i.labels = labels(&["ux"]);
    i.assignees = vec![User { login: "ana".into() }];
    api.add(i);
    let r = run(&mut b, &mut api, &Options::default());
    assert!(r.brought_in.is_empty() && r.conflicts.is_empty(), "{r:?}");
    assert_eq!(b.stories.len(), 1);
    assert!(api.writes.is_empty(), "{:?}", api.writes);
    // From now on it syncs like any linked story.
    let key = b.stories.keys().next().expect("one").to_string();
    b.edit_story(&key, Edit { title: Some("Renamed".into()), ..Edit::default() }, &mut ctx()).expect("edits");
    run(&mut b, &mut api, &Options::default());
    assert_eq!(api.issues[&4].title, "Renamed");
}

#[test]
fn comments_go_each_way_once() {
    let (mut b, mut api, key) = linked();
    api.remote_comment(1, 77, "bo", "Looks good");
    b.add_comment(&key, "Thanks", &ctx()).expect("comments");
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!((r.comments_in, r.comments_out), (1, 1));
    let s = story(&b, &key);
    let texts: Vec<(&str, &str)> = s.comments.iter().map(|c| (c.by.as_str(), c.text.as_str())).collect();
    assert_eq!(texts, [("bo", "Looks good"), ("Ana", "Thanks")]);
    assert_eq!(api.writes, ["comment #1"]);
    assert_eq!(
        api.comments[&1][1].body.as_deref(),
        Some("Thanks\n\n*— Ana, 2026-12-06T09:00:00Z*"),
        "with its author and time"
    );
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!((r.comments_in, r.comments_out), (0, 0));
    assert_eq!(api.writes.len(), 1);
    assert_eq!(story(&b, &key).comments.len(), 2);
}

#[test]
fn a_sync_cut_part_way_is_finished_by_the_next() {
    let mut api = Fake::default();
    api.add(issue(1, "One"));
    api.add(issue(2, "Two"));
    let mut b = board();
    run(&mut b, &mut api, &Options::default());
    let keys: Vec<String> = b.stories.keys().map(ToString::to_string).collect();
    for k in &keys {
        b.edit_story(k, Edit { title: Some(format!("{k} edited")), ..Edit::default() }, &mut ctx()).expect("edits");
    }
    b.add_comment(&keys[1], "Note", &ctx()).expect("comments");
    api.fail_after = Some(1);
    let mut disk = b.clone();
    let stopped = run_saving(&mut b, &mut api, &Options::default(), &mut disk).expect_err("cut");
    assert_eq!(stopped.why, Why::Api(ApiError::Offline { detail: "connection reset".into() }));
    assert_eq!(stopped.report.pushed.len(), 1);
    // Killed: the next sync starts from what was saved.
    api.fail_after = None;
    let mut b = disk;
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!(r.pushed, [(keys[1].clone(), 2, vec!["title"])], "the first one is not pushed again");
    assert_eq!(r.comments_out, 1);
    assert_eq!(api.writes.len(), 3);
    assert_eq!(api.issues[&1].title, format!("{} edited", keys[0]));
    assert_eq!(api.issues[&2].title, format!("{} edited", keys[1]));
    assert!(run(&mut b, &mut api, &Options::default()).is_quiet());
}

#[test]
fn a_story_is_published_once_even_when_the_link_was_not_saved() {
    let mut b = board();
    let mut c = ctx();
    let new = crate::domain::NewStory { title: "Made here".into(), labels: vec!["ux".into()], ..Default::default() };
    let (key, _) = b.add_story(new, &mut c).expect("adds");
    b.edit_story(&key, Edit { acceptance: Some("- works".into()), ..Edit::default() }, &mut c).expect("edits");
    let mut api = Fake::default();
    let opts = Options { publish: vec![key.clone()], ..Options::default() };
    // The issue is made, then the process dies before the link is saved.
    let mut disk = b.clone();
    let mut refuse = |_: &Board, _: &Changes| -> Result<(), String> { Err("killed".into()) };
    let stopped = sync(&mut b, REPO, &mut api, &opts, &mut ctx(), &mut refuse).expect_err("killed");
    assert_eq!(stopped.why, Why::Save("killed".into()));
    assert_eq!(
        api.issues[&1].body.as_deref(),
        Some(format!("## Acceptance criteria\n\n- works\n\n<!-- sprintboard:{key} -->").as_str())
    );
    let r = run_saving(&mut disk.clone(), &mut api, &opts, &mut disk).expect("syncs");
    assert_eq!(r.relinked, [(key.clone(), 1)]);
    assert!(r.published.is_empty());
    assert_eq!(api.writes.iter().filter(|w| w.starts_with("create")).count(), 1);
    let s = story(&disk, &key);
    assert_eq!(s.origin.as_ref().map(|o| o.id.as_str()), Some("github:octo/repo#1"));
    assert_eq!(s.description, "", "the marker is not part of the description");
    assert_eq!(api.issues[&1].labels, labels(&["ux", "status: To Do"]));
}

#[test]
fn publish_new_publishes_the_unfinished_stories_made_here() {
    let mut b = board();
    b.file.remotes[0].publish_new = true;
    let mut c = ctx();
    let (a, _) =
        b.add_story(crate::domain::NewStory { title: "Open".into(), ..Default::default() }, &mut c).expect("a");
    let new = crate::domain::NewStory { title: "Finished".into(), status: Some("done".into()), ..Default::default() };
    b.add_story(new, &mut c).expect("b");
    let mut api = Fake::default();
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!(r.published, [(a.clone(), 1)]);
    assert_eq!(api.issues.len(), 1);
    assert!(run(&mut b, &mut api, &Options::default()).is_quiet());
}

#[test]
fn a_dry_run_writes_nothing_anywhere() {
    let (mut b, mut api, key) = linked();
    b.edit_story(&key, Edit { title: Some("New title".into()), ..Edit::default() }, &mut ctx()).expect("edits");
    api.add(issue(2, "Another"));
    let before = b.clone();
    let mut saved = 0;
    let mut save = |_: &Board, _: &Changes| -> Result<(), String> {
        saved += 1;
        Ok(())
    };
    let opts = Options { dry_run: true, ..Options::default() };
    let r = sync(&mut b.clone(), REPO, &mut api, &opts, &mut ctx(), &mut save).expect("syncs");
    assert_eq!(r.pushed, [(key, 1, vec!["title"])]);
    assert_eq!(r.brought_in.len(), 1);
    assert_eq!((api.writes.len(), saved), (0, 0));
    assert_eq!(b, before);
}

#[test]
fn a_board_without_the_remote_is_refused() {
    let mut b = Board::new(BoardFile::new("Team", "SB"));
    let mut save = |_: &Board, _: &Changes| -> Result<(), String> { Ok(()) };
    let e = sync(&mut b, REPO, &mut Fake::default(), &Options::default(), &mut ctx(), &mut save).expect_err("none");
    assert_eq!(e.to_string(), "no remote octo/repo on this board (`sprintboard remote add github octo/repo`)");
}

#[test]
fn a_body_is_a_description_and_acceptance_criteria() {
    for (d, a) in [("Text", "- works"), ("", "- a"), ("Only", ""), ("", "")] {
        assert_eq!(split_body(&body_of(d, a)), (d.to_owned(), a.to_owned()));
    }
    assert_eq!(split_body("x\r\n## acceptance criteria\r\n- y\r\n"), ("x".to_owned(), "- y".to_owned()));
}

#[test]
fn a_value_the_board_holds_in_its_own_form_is_sent_back_once() {
    let mut api = Fake::default();
    api.add(issue(1, "Tabbed\ttitle"));
    let mut b = board();
    let r = run(&mut b, &mut api, &Options::default());
    let key = &r.brought_in[0].0;
    assert_eq!(story(&b, key).title, "Tabbed title");
    assert_eq!(r.pushed, [(key.clone(), 1, vec!["title"])]);
    assert_eq!(api.issues[&1].title, "Tabbed title");
    let n = api.writes.len();
    api.edit(1, |i| i.title = "Again\tone".into());
    let r = run(&mut b, &mut api, &Options::default());
    assert_eq!((r.pulled.len(), r.pushed.len()), (1, 1));
    assert_eq!(api.writes.len(), n + 1);
    assert!(run(&mut b, &mut api, &Options::default()).is_quiet());
}

#[test]
fn an_unchanged_repository_still_takes_the_boards_edits_keeping_what_the_board_does_not_hold() {
    let (mut b, mut api, key) = linked();
    api.not_modified = true;
    let e =
        Edit { labels: Some(vec!["good_first_issue".into()]), assignee: Some(Some("cy".into())), ..Edit::default() };
    b.edit_story(&key, e, &mut ctx()).expect("edits");
    let r = run(&mut b, &mut api, &Options { since: Some("2026-12-06T08:00:00Z".into()), ..Options::default() });
    assert_eq!(r.listed, 0);
    assert_eq!(r.pushed, [(key.clone(), 1, vec!["labels", "assignee"])]);
    let i = &api.issues[&1];
    assert_eq!(i.labels, labels(&["good first issue", "status: In Progress"]), "GitHub's spelling, the column kept");
    assert_eq!(i.assignees, [User { login: "cy".into() }, User { login: "bo".into() }], "the second assignee kept");
    assert_eq!(r.since.as_deref(), Some("2026-12-06T08:00:00Z"));
    assert!(run(&mut b, &mut api, &Options::default()).is_quiet());
}
