use super::*;
use crate::domain::model::{BoardFile, Moscow, Rice};
use proptest::prelude::*;

fn ctx() -> Ctx {
    Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1)
}

/// A board with a planned and an active sprint, three stories in the active one and two in the
/// backlog.
fn fixture() -> (Board, Ctx) {
    let mut b = Board::new(BoardFile::new("Test", "SB"));
    let mut c = ctx();
    b.new_sprint(NewSprint { name: "Sprint 1".into(), ..Default::default() }).expect("s1");
    b.new_sprint(NewSprint { name: "Sprint 2".into(), capacity: Some(20), ..Default::default() }).expect("s2");
    b.start_sprint("sprint-1", &c).expect("start");
    for t in ["one", "two", "three"] {
        b.add_story(
            NewStory { title: t.into(), sprint: Some("sprint-1".into()), points: Some(2), ..Default::default() },
            &mut c,
        )
        .expect("add");
    }
    for t in ["four", "five"] {
        b.add_story(NewStory { title: t.into(), ..Default::default() }, &mut c).expect("add");
    }
    (b, c)
}

fn titles(b: &Board, list: Option<&str>) -> Vec<String> {
    b.list(list).iter().map(|s| s.title.clone()).collect()
}

fn key_of(b: &Board, title: &str) -> String {
    b.stories.values().find(|s| s.title == title).map(|s| s.key.to_string()).expect("story")
}

#[test]
fn add_puts_the_story_at_the_bottom_with_a_creation_event() {
    let (mut b, mut c) = fixture();
    let (key, changes) = b
        .add_story(
            NewStory { title: "  six ".into(), labels: vec!["#api".into(), "api".into()], ..Default::default() },
            &mut c,
        )
        .expect("add");
    assert_eq!(changes.stories, [key.clone()].into());
    assert_eq!(changes.prior.get(&key), Some(&None), "it did not exist before");
    assert_eq!(titles(&b, None), ["four", "five", "six"]);
    let s = b.story(&key).expect("story");
    assert_eq!(s.title, "six");
    assert_eq!(s.status, "todo");
    assert_eq!(s.labels, ["api"]);
    assert_eq!(s.history.len(), 1);
    assert!(matches!(&s.history[0].change, Change::Created { status, sprint: None } if status == "todo"));
    assert_eq!(s.history[0].by, "ana");
}

#[test]
fn add_validates_its_input() {
    let (mut b, mut c) = fixture();
    let bad = |b: &mut Board, c: &mut Ctx, n: NewStory| b.add_story(n, c).expect_err("refused");
    assert!(matches!(bad(&mut b, &mut c, NewStory { title: " ".into(), ..Default::default() }), OpError::Invalid(_)));
    assert!(matches!(
        bad(&mut b, &mut c, NewStory { title: "a\nb".into(), ..Default::default() }),
        OpError::Invalid(_)
    ));
    assert!(matches!(
        bad(&mut b, &mut c, NewStory { title: "x".into(), sprint: Some("nope".into()), ..Default::default() }),
        OpError::UnknownSprint(..)
    ));
    assert!(matches!(
        bad(&mut b, &mut c, NewStory { title: "x".into(), epic: Some("nope".into()), ..Default::default() }),
        OpError::UnknownEpic(..)
    ));
    assert!(matches!(
        bad(&mut b, &mut c, NewStory { title: "x".into(), status: Some("nope".into()), ..Default::default() }),
        OpError::UnknownColumn(..)
    ));
    assert_eq!(b.stories.len(), 5);
}

#[test]
fn move_status_records_history_and_writes_one_file() {
    let (mut b, mut c) = fixture();
    let k = key_of(&b, "two");
    let changes =
        b.move_story(&k, &Move { status: Some("in progress".into()), ..Default::default() }, &mut c).expect("move");
    assert_eq!(changes.stories, [k.clone()].into());
    let s = b.story(&k).expect("story");
    assert_eq!(s.status, "doing");
    assert!(
        matches!(s.history.last().map(|e| &e.change), Some(Change::Status { from, to }) if from == "todo" && to == "doing")
    );
    assert_eq!(titles(&b, Some("sprint-1")), ["one", "two", "three"], "a status change keeps the rank");
}

#[test]
fn reorder_top_bottom_up_down_before_after() {
    let (mut b, mut c) = fixture();
    let s1 = Some("sprint-1");
    let [one, two, three] = ["one", "two", "three"].map(|t| key_of(&b, t));
    let mv = |p: Position| Move { position: p, ..Default::default() };
    b.move_story(&three, &mv(Position::Top), &mut c).expect("top");
    assert_eq!(titles(&b, s1), ["three", "one", "two"]);
    b.move_story(&three, &mv(Position::Bottom), &mut c).expect("bottom");
    assert_eq!(titles(&b, s1), ["one", "two", "three"]);
    b.move_story(&three, &mv(Position::Up), &mut c).expect("up");
    assert_eq!(titles(&b, s1), ["one", "three", "two"]);
    b.move_story(&one, &mv(Position::Down), &mut c).expect("down");
    assert_eq!(titles(&b, s1), ["three", "one", "two"]);
    b.move_story(&two, &mv(Position::Before(three.clone())), &mut c).expect("before");
    assert_eq!(titles(&b, s1), ["two", "three", "one"]);
    b.move_story(&two, &mv(Position::After(one.clone())), &mut c).expect("after");
    assert_eq!(titles(&b, s1), ["three", "one", "two"]);
}

#[test]
fn no_op_moves_change_nothing() {
    let (mut b, mut c) = fixture();
    let before = b.clone();
    let one = key_of(&b, "one");
    let three = key_of(&b, "three");
    let two = key_of(&b, "two");
    let mv = |p: Position| Move { position: p, ..Default::default() };
    assert!(b.move_story(&one, &mv(Position::Up), &mut c).expect("up").is_empty());
    assert!(b.move_story(&one, &mv(Position::Top), &mut c).expect("top").is_empty());
    assert!(b.move_story(&three, &mv(Position::Down), &mut c).expect("down").is_empty());
    assert!(b.move_story(&two, &mv(Position::After(one.clone())), &mut c).expect("after").is_empty());
    assert!(
        b.move_story(&two, &Move { status: Some("To Do".into()), ..Default::default() }, &mut c)
            .expect("same")
            .is_empty()
    );
    assert_eq!(b, before);
}

#[test]
fn moving_between_sprints_records_history_and_goes_to_the_bottom() {
    let (mut b, mut c) = fixture();
    let four = key_of(&b, "four");
    b.move_story(&four, &Move { sprint: Some(Some("sprint-1".into())), ..Default::default() }, &mut c).expect("move");
    assert_eq!(titles(&b, Some("sprint-1")), ["one", "two", "three", "four"]);
    assert_eq!(titles(&b, None), ["five"]);
    let s = b.story(&four).expect("story");
    assert!(
        matches!(s.history.last().map(|e| &e.change), Some(Change::Sprint { from: None, to: Some(t) }) if t == "sprint-1")
    );
}

#[test]
fn before_another_story_joins_its_list() {
    let (mut b, mut c) = fixture();
    let four = key_of(&b, "four");
    let two = key_of(&b, "two");
    b.move_story(&four, &Move { position: Position::Before(two.clone()), ..Default::default() }, &mut c).expect("move");
    assert_eq!(titles(&b, Some("sprint-1")), ["one", "four", "two", "three"]);
    let err = b
        .move_story(&four, &Move { sprint: Some(None), position: Position::Before(two), ..Default::default() }, &mut c)
        .expect_err("conflicting list");
    assert!(err.to_string().contains("is in Sprint 1, not in the backlog"), "{err}");
    let err = b.move_story(&four, &Move { position: Position::Before(four.clone()), ..Default::default() }, &mut c);
    assert!(matches!(err, Err(OpError::Refused(_))));
}

#[test]
fn tied_ranks_from_a_merge_are_spread_out_when_needed() {
    let (mut b, mut c) = fixture();
    let [one, two, three] = ["one", "two", "three"].map(|t| key_of(&b, t));
    let same = b.story(&one).expect("one").rank.clone();
    for k in [&two, &three] {
        b.stories.get_mut(k.as_str()).expect("story").rank = same.clone();
    }
    let order: Vec<String> = b.list(Some("sprint-1")).iter().map(|s| s.key.to_string()).collect();
    let four = key_of(&b, "four");
    let changes = b
        .move_story(&four, &Move { position: Position::After(order[0].clone()), ..Default::default() }, &mut c)
        .expect("move");
    let now: Vec<String> = b.list(Some("sprint-1")).iter().map(|s| s.key.to_string()).collect();
    assert_eq!(now, [order[0].clone(), four.clone(), order[1].clone(), order[2].clone()]);
    assert!(changes.stories.len() > 1, "the tied neighbours were re-ranked");
    let ranks: Vec<&Rank> = b.list(Some("sprint-1")).iter().map(|s| &s.rank).collect();
    assert!(ranks.windows(2).skip(1).all(|w| w[0] < w[1]));
}

#[test]
fn moving_into_a_closed_sprint_is_refused() {
    let (mut b, mut c) = fixture();
    b.close_sprint("sprint-1", &mut c).expect("close");
    let four = key_of(&b, "four");
    let err = b.move_story(&four, &Move { sprint: Some(Some("sprint-1".into())), ..Default::default() }, &mut c);
    assert!(matches!(err, Err(OpError::Refused(m)) if m.contains("closed")));
}

#[test]
fn edit_sets_fields_and_records_blocking() {
    let (mut b, mut c) = fixture();
    b.new_epic("Login", "").expect("epic");
    let k = key_of(&b, "one");
    let changes = b
        .edit_story(
            &k,
            Edit {
                title: Some("One!".into()),
                points: Some(Some(5)),
                assignee: Some(Some("bo".into())),
                epic: Some(Some("login".into())),
                labels: Some(vec!["ui".into()]),
                moscow: Some(Some(Moscow::Must)),
                blocked: Some(Some("waiting on API".into())),
                description: Some("line 1\nline 2".into()),
                ..Default::default()
            },
            &mut c,
        )
        .expect("edit");
    assert_eq!(changes.stories, [k.clone()].into());
    let s = b.story(&k).expect("story");
    assert_eq!((s.title.as_str(), s.points, s.assignee.as_deref()), ("One!", Some(5), Some("bo")));
    assert_eq!(s.blocked.as_deref(), Some("waiting on API"));
    assert!(matches!(s.history.last().map(|e| &e.change), Some(Change::Blocked { reason: Some(_) })));
    let n = s.history.len();
    // The same reason again records nothing; unblocking does.
    assert!(
        b.edit_story(&k, Edit { blocked: Some(Some("waiting on API".into())), ..Default::default() }, &mut c)
            .expect("same")
            .is_empty()
    );
    b.edit_story(&k, Edit { blocked: Some(None), ..Default::default() }, &mut c).expect("unblock");
    let s = b.story(&k).expect("story");
    assert_eq!(s.history.len(), n + 1);
    assert_eq!(s.blocked, None);
    assert!(b.edit_story(&k, Edit { epic: Some(Some("nope".into())), ..Default::default() }, &mut c).is_err());
    let bad_rice = Rice { reach: f64::NAN, impact: 1.0, confidence: 1.0, effort: 1.0 };
    assert!(b.edit_story(&k, Edit { rice: Some(Some(bad_rice)), ..Default::default() }, &mut c).is_err());
}

#[test]
fn delete_removes_the_story() {
    let (mut b, _) = fixture();
    let k = key_of(&b, "one");
    let changes = b.delete_story(&k).expect("delete");
    assert!(changes.deleted.contains(&k));
    assert!(b.story(&k).is_none());
    assert!(matches!(b.delete_story(&k), Err(OpError::UnknownStory(_))));
}

#[test]
fn sprint_lifecycle_and_carry_over() {
    let (mut b, mut c) = fixture();
    assert!(b.start_sprint("sprint-2", &c).is_err(), "only one active sprint");
    let [one, two, three] = ["one", "two", "three"].map(|t| key_of(&b, t));
    b.move_story(&two, &Move { status: Some("done".into()), ..Default::default() }, &mut c).expect("done");
    b.add_story(NewStory { title: "planned".into(), sprint: Some("sprint-2".into()), ..Default::default() }, &mut c)
        .expect("add");
    let (to, changes) = b.close_sprint("sprint-1", &mut c).expect("close");
    assert_eq!(to.as_deref(), Some("sprint-2"));
    assert!(changes.board);
    assert_eq!(changes.stories, [one.clone(), three.clone()].into_iter().collect());
    assert_eq!(titles(&b, Some("sprint-2")), ["one", "three", "planned"]);
    assert_eq!(titles(&b, Some("sprint-1")), ["two"]);
    assert_eq!(b.file.sprint("sprint-1").map(|s| s.state), Some(SprintState::Closed));
    let (_, again) = b.close_sprint("sprint-1", &mut c).expect("closing again");
    assert!(again.is_empty(), "closing a closed sprint again with nothing left in it changes nothing");
    b.start_sprint("sprint-2", &c).expect("start 2");
    let (to, _) = b.close_sprint("sprint-2", &mut c).expect("close 2");
    assert_eq!(to, None, "with no planned sprint left, unfinished work goes to the backlog");
    assert_eq!(titles(&b, None), ["one", "three", "planned", "four", "five"]);
}

/// A merge can leave an unfinished story in a closed sprint (one clone closed it, another moved
/// the story in): it is reported with its fix, and closing the sprint again carries it over to
/// the next sprint that is not closed (here the active one), once.
#[test]
fn unfinished_stories_left_in_a_closed_sprint_are_reported_and_carried_over() {
    let (mut b, mut c) = fixture();
    b.close_sprint("sprint-1", &mut c).expect("close");
    b.start_sprint("sprint-2", &c).expect("start 2");
    assert!(b.unfinished_in_closed_sprints().is_empty());
    // What the other clone's move looks like after the merge.
    let four = key_of(&b, "four");
    b.stories.get_mut(four.as_str()).expect("four").sprint = Some("sprint-1".into());
    let stranded = b.unfinished_in_closed_sprints();
    assert_eq!(stranded.len(), 1);
    assert_eq!(stranded[0].keys, std::slice::from_ref(&four));
    assert_eq!(stranded[0].fix, "sprintboard sprint close \"Sprint 1\"");
    assert_eq!(
        stranded[0].to_string(),
        format!(
            "sprint Sprint 1 is closed but 1 unfinished story is still in it ({four}): `sprintboard sprint close \"Sprint 1\"` carries it over to Sprint 2"
        )
    );
    let closed_at = b.file.sprint("sprint-1").and_then(|s| s.closed_at);
    let (to, changes) = b.close_sprint("sprint-1", &mut c).expect("carry over");
    assert_eq!(to.as_deref(), Some("sprint-2"));
    assert!(!changes.board, "the sprint stays as it was closed");
    assert_eq!(changes.stories, [four.clone()].into());
    assert_eq!(b.file.sprint("sprint-1").and_then(|s| s.closed_at), closed_at);
    assert_eq!(titles(&b, Some("sprint-2"))[0], "four", "at the top, as a close puts carried stories");
    assert!(b.unfinished_in_closed_sprints().is_empty());
    let (_, again) = b.close_sprint("sprint-1", &mut c).expect("and again");
    assert!(again.is_empty());
    assert!(b.close_sprint("sprint-3", &mut c).is_err(), "an unknown sprint");
}

#[test]
fn a_planned_sprint_is_not_closed() {
    let (mut b, mut c) = fixture();
    let err = b.close_sprint("sprint-2", &mut c).expect_err("planned");
    assert_eq!(err.to_string(), "sprint Sprint 2 is planned, not active");
}

#[test]
fn renaming_a_column_again_changes_nothing() {
    let (mut b, _) = fixture();
    assert!(!b.rename_column("In Progress", "Doing").expect("rename").is_empty());
    assert!(b.rename_column("In Progress", "Doing").expect("again").is_empty());
    assert!(b.rename_column("Nope", "Other").is_err(), "an unknown column is still refused");
}

#[test]
fn sprint_and_epic_names_are_checked() {
    let (mut b, _) = fixture();
    assert!(b.new_sprint(NewSprint { name: "sprint 1".into(), ..Default::default() }).is_err());
    assert!(b.new_sprint(NewSprint { name: "Backlog".into(), ..Default::default() }).is_err());
    let bad_dates = NewSprint {
        name: "S3".into(),
        start: Some("2026-11-10".parse().expect("date")),
        end: Some("2026-11-01".parse().expect("date")),
        ..Default::default()
    };
    assert!(b.new_sprint(bad_dates).is_err());
    assert_eq!(b.new_epic("Login", "").expect("epic").0, "login");
    assert!(b.new_epic("LOGIN", "").is_err());
}

#[test]
fn keys_resolve_as_typed() {
    let (b, _) = fixture();
    let k = key_of(&b, "one");
    let code = k.strip_prefix("SB-").expect("prefix").to_lowercase();
    assert_eq!(b.resolve_key(&code).expect("resolve"), k);
    assert!(matches!(b.resolve_key("SB-ZZZZZZ"), Err(OpError::UnknownStory(_))));
    assert_eq!(b.resolve_list("BACKLOG").expect("backlog"), None);
    assert_eq!(b.resolve_list("sprint 2").expect("by name").as_deref(), Some("sprint-2"));
}

#[derive(Debug, Clone)]
enum Op {
    Top(usize),
    Bottom(usize),
    Up(usize),
    Down(usize),
    Before(usize, usize),
    After(usize, usize),
    Sprint(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..40usize).prop_map(Op::Top),
        (0..40usize).prop_map(Op::Bottom),
        (0..40usize).prop_map(Op::Up),
        (0..40usize).prop_map(Op::Down),
        (0..40usize, 0..40usize).prop_map(|(a, b)| Op::Before(a, b)),
        (0..40usize, 0..40usize).prop_map(|(a, b)| Op::After(a, b)),
        (0..40usize, 0..3usize).prop_map(|(a, s)| Op::Sprint(a, s)),
    ]
}

proptest! {
    /// Any sequence of moves keeps every story, keeps each list in a strict total order by rank,
    /// puts the story where it was asked to go, and writes exactly one file per move.
    #[test]
    fn moves_keep_a_total_order_and_write_one_file(ops in prop::collection::vec(op(), 1..80), seed in any::<u64>()) {
        let (mut b, _) = fixture();
        let mut c = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", seed);
        for i in 0..15 {
            b.add_story(NewStory { title: format!("s{i}"), ..Default::default() }, &mut c).expect("add");
        }
        let keys: Vec<String> = b.stories.keys().map(|k| k.to_string()).collect();
        let lists = [None, Some("sprint-1".to_owned()), Some("sprint-2".to_owned())];
        for op in ops {
            let pick = |i: usize| keys[i % keys.len()].clone();
            let (key, mv) = match &op {
                Op::Top(i) => (pick(*i), Move { position: Position::Top, ..Default::default() }),
                Op::Bottom(i) => (pick(*i), Move { position: Position::Bottom, ..Default::default() }),
                Op::Up(i) => (pick(*i), Move { position: Position::Up, ..Default::default() }),
                Op::Down(i) => (pick(*i), Move { position: Position::Down, ..Default::default() }),
                Op::Before(i, j) => (pick(*i), Move { position: Position::Before(pick(*j)), ..Default::default() }),
                Op::After(i, j) => (pick(*i), Move { position: Position::After(pick(*j)), ..Default::default() }),
                Op::Sprint(i, s) => (pick(*i), Move { sprint: Some(lists[*s].as_deref().map(Into::into)), ..Default::default() }),
            };
            match b.move_story(&key, &mv, &mut c) {
                Ok(changes) => {
                    prop_assert!(changes.stories.len() <= 1, "{op:?} wrote {:?}", changes.stories);
                    prop_assert!(changes.is_empty() || changes.stories.contains(&key));
                }
                Err(OpError::Refused(_)) => {}
                Err(e) => prop_assert!(false, "{op:?}: {e}"),
            }
            let list = b.story(&key).expect("never lost").sprint.clone();
            let order: Vec<&str> = b.list(list.as_deref()).iter().map(|s| s.key.as_str()).collect();
            match &op {
                Op::Top(_) => prop_assert_eq!(order.first().copied(), Some(key.as_str())),
                Op::Bottom(_) => prop_assert_eq!(order.last().copied(), Some(key.as_str())),
                Op::Before(_, j) if pick(*j) != key => {
                    let at = order.iter().position(|k| *k == key).expect("in list");
                    let anchor = pick(*j);
                    prop_assert_eq!(order.get(at + 1).copied(), Some(anchor.as_str()));
                }
                Op::After(_, j) if pick(*j) != key => {
                    let at = order.iter().position(|k| *k == key).expect("in list");
                    let anchor = pick(*j);
                    prop_assert_eq!(at.checked_sub(1).map(|i| order[i]), Some(anchor.as_str()));
                }
                _ => {}
            }
            prop_assert_eq!(b.stories.len(), 20);
            for list in &lists {
                let ranks: Vec<&Rank> = b.list(list.as_deref()).iter().map(|s| &s.rank).collect();
                prop_assert!(ranks.windows(2).all(|w| w[0] < w[1]), "ranks not strictly ordered: {ranks:?}");
            }
        }
    }
}

#[test]
fn restoring_priors_undoes_every_kind_of_change() {
    let (mut b, mut c) = fixture();
    let original = b.clone();
    let k = key_of(&b, "two");
    let mut all = Changes::default();
    all.merge(
        b.move_story(
            &k,
            &Move { status: Some("review".into()), position: Position::Top, ..Default::default() },
            &mut c,
        )
        .expect("move"),
    );
    all.merge(b.edit_story(&k, Edit { title: Some("renamed".into()), ..Default::default() }, &mut c).expect("edit"));
    let (new, added) = b.add_story(NewStory { title: "new".into(), ..Default::default() }, &mut c).expect("add");
    all.merge(added);
    all.merge(b.delete_story(&key_of(&b, "four")).expect("delete"));
    all.merge(b.new_epic("E", "").expect("epic").1);
    assert!(b.story(&new).is_some());
    let after = b.clone();

    let undo = b.restore(&all.prior, all.prior_board.as_ref());
    assert_eq!(b, original, "undone exactly");
    assert!(undo.deleted.contains(&new) && undo.board);
    // Redo: the undo's own priors are what the changes produced.
    b.restore(&undo.prior, undo.prior_board.as_ref());
    assert_eq!(b, after, "redone exactly");
}

#[test]
fn sorting_a_list_by_score() {
    let (mut b, mut c) = fixture();
    let keys: Vec<String> = ["one", "two", "three"].iter().map(|t| key_of(&b, t)).collect();
    let rice = |reach: f64| Some(Some(Rice { reach, impact: 1.0, confidence: 1.0, effort: 1.0 }));
    b.edit_story(&keys[0], Edit { rice: rice(1.0), moscow: Some(Some(Moscow::Could)), ..Default::default() }, &mut c)
        .expect("edit");
    b.edit_story(&keys[2], Edit { rice: rice(9.0), moscow: Some(Some(Moscow::Must)), ..Default::default() }, &mut c)
        .expect("edit");
    let before = b.clone();
    let changes = b.sort_list(Some("sprint-1"), SortBy::Rice).expect("sort");
    assert_eq!(titles(&b, Some("sprint-1")), ["three", "one", "two"], "scored first, highest first; unscored after");
    assert!(!changes.stories.is_empty());
    assert!(b.sort_list(Some("sprint-1"), SortBy::Rice).expect("again").is_empty(), "already sorted");
    b.restore(&changes.prior, None);
    assert_eq!(b, before, "one undo puts the order back");
    b.sort_list(Some("sprint-1"), SortBy::Moscow).expect("moscow");
    assert_eq!(titles(&b, Some("sprint-1")), ["three", "one", "two"], "Must, Could, then unclassified");
    let ranks: Vec<&Rank> = b.list(Some("sprint-1")).iter().map(|s| &s.rank).collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn text_fields_are_limited_so_a_story_always_fits_its_file() {
    let (mut b, mut c) = fixture();
    let k = b.list(None)[0].key.clone();
    let big = "y".repeat(MAX_TEXT_BYTES + 1);
    for edit in [
        Edit { description: Some(big.clone()), ..Edit::default() },
        Edit { acceptance: Some(big.clone()), ..Edit::default() },
    ] {
        let err = b.edit_story(&k, edit, &mut c).expect_err("too big");
        assert!(err.to_string().contains("more than the 256 KiB"), "{err}");
    }
    let fits = Edit { description: Some("y".repeat(MAX_TEXT_BYTES)), ..Edit::default() };
    assert!(b.edit_story(&k, fits, &mut c).is_ok());
}

/// Each comment is at most 256 KiB and a story's comments together at most 1 MiB when one is
/// added: the most a clone can add, so that two clones' comments merged still fit a file.
#[test]
fn comments_are_limited_one_by_one_and_together() {
    let (mut b, c) = fixture();
    let k = b.list(None)[0].key.clone();
    let err = b.add_comment(&k, &"c".repeat(MAX_TEXT_BYTES + 1), &c).expect_err("too big");
    assert!(err.to_string().contains("more than the 256 KiB"), "{err}");
    for _ in 0..MAX_COMMENTS_BYTES / MAX_TEXT_BYTES {
        b.add_comment(&k, &"c".repeat(MAX_TEXT_BYTES), &c).expect("fits");
    }
    let err = b.add_comment(&k, "one more", &c).expect_err("full");
    assert!(matches!(err, OpError::Refused(_)), "{err:?}");
    assert!(err.to_string().contains("more than the 1024 KiB a story's comments may hold"), "{err}");
    assert_eq!(b.story(&k).expect("story").comments.len(), 4);
}

#[test]
fn links_refuse_cycles_and_go_when_a_blocker_is_deleted() {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    let mut c = ctx();
    let keys: Vec<String> = ["A", "B", "C"]
        .iter()
        .map(|t| b.add_story(NewStory { title: (*t).into(), ..Default::default() }, &mut c).expect("add").0)
        .collect();
    let (a, bk, ck) = (&keys[0], &keys[1], &keys[2]);
    // A blocks B, B blocks C.
    assert_eq!(b.link(a, bk, &mut c).expect("link").stories.len(), 1, "one file: the one that waits");
    b.link(bk, ck, &mut c).expect("link");
    assert_eq!(b.blocks(a), [bk.as_str()]);
    assert_eq!(b.story(ck).map(|s| s.blocked_by.clone()), Some(vec![bk.as_str().into()]));
    // C blocks A would close A → B → C → A.
    let err = b.link(ck, a, &mut c).expect_err("a cycle");
    assert!(
        err.to_string().contains("cycle") && err.to_string().contains(&format!("{a} → {ck} → {bk} → {a}")),
        "{err}"
    );
    assert!(b.link(a, a, &mut c).is_err(), "not on itself");
    assert!(b.link("SB-NOPE", a, &mut c).is_err(), "not on a story that is not there");
    assert!(b.link(a, bk, &mut c).expect("again").is_empty(), "linking twice is no change");
    // Open blockers and the warning past the first column.
    assert_eq!(b.open_blockers(bk), [(a.clone(), "To Do".to_owned())]);
    b.move_story(bk, &Move { status: Some("doing".into()), ..Default::default() }, &mut c).expect("move");
    assert_eq!(b.waiting_note(bk).as_deref(), Some(format!("{bk} waits on {a} (To Do)").as_str()));
    b.move_story(a, &Move { status: Some("done".into()), ..Default::default() }, &mut c).expect("done");
    assert_eq!(b.waiting_note(bk), None, "a done blocker is no longer waited on");
    // Deleting B: C waits on it no more, one write each; undo puts both back.
    let changes = b.delete_story(bk).expect("delete");
    assert_eq!((changes.deleted.len(), changes.stories.len()), (1, 1));
    assert!(b.story(ck).is_some_and(|s| s.blocked_by.is_empty()));
    b.restore(&changes.prior, None);
    assert_eq!(b.story(ck).map(|s| s.blocked_by.clone()), Some(vec![bk.as_str().into()]));
    b.unlink(bk, ck, &mut c).expect("unlink");
    assert!(b.unlink(bk, ck, &mut c).is_err(), "not linked any more");
}

/// An estimate above MAX_POINTS is refused by the domain too (an import, an agent), and sums
/// of estimates written by hand saturate instead of overflowing.
#[test]
fn estimates_are_bounded_and_their_sums_saturate() {
    let (mut b, mut c) = fixture();
    let huge =
        NewStory { title: "huge".into(), points: Some(crate::domain::fields::MAX_POINTS + 1), ..Default::default() };
    match b.add_story(huge, &mut c) {
        Err(OpError::Invalid(m)) => assert!(m.contains("more points than a story holds (at most 10000)"), "{m}"),
        other => panic!("{other:?}"),
    }
    let k = key_of(&b, "one");
    let edit = Edit { points: Some(Some(u32::MAX)), ..Default::default() };
    assert!(matches!(b.edit_story(&k, edit, &mut c), Err(OpError::Invalid(_))));
    let edit = Edit { points: Some(Some(crate::domain::fields::MAX_POINTS)), ..Default::default() };
    b.edit_story(&k, edit, &mut c).expect("the largest estimate");
    // As files written by hand could hold them.
    for s in b.stories.values_mut() {
        s.points = Some(u32::MAX);
    }
    assert_eq!(b.points(Some("sprint-1")), u32::MAX);
    assert_eq!(crate::domain::sum_points([u32::MAX, 1, u32::MAX]), u32::MAX);
    assert_eq!(crate::domain::percent(u32::MAX, u32::MAX), Some(100));
}
