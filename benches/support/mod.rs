//! A generator of big boards for benchmarks and for trying sprintboard at scale:
//! `cargo run --release --example generate -- PATH STORIES SPRINTS`.

use std::path::Path;

use sprintboard::domain::{Board, BoardFile, Change, Event, Kind, Rank, SCHEMA, ShortText, Sprint, SprintState, Story};
use sprintboard::store::codec;

/// A board of `stories` stories over `sprints` sprints (all closed but one active and two planned)
/// and a backlog, with realistic field sizes and a short history per story.
pub fn generate(stories: usize, sprints: usize, seed: u64) -> Board {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut file = BoardFile::new("Generated", "GB");
    let start: jiff::civil::Date = "2024-01-01".parse().expect("a valid date");
    for i in 0..sprints {
        let state = match sprints - i {
            1 | 2 => SprintState::Planned,
            3 => SprintState::Active,
            _ => SprintState::Closed,
        };
        let begin = start.checked_add(jiff::Span::new().days(14 * i as i64)).expect("date in range");
        file.sprints.push(Sprint {
            id: format!("sprint-{}", i + 1).into(),
            name: format!("Sprint {}", i + 1),
            goal: "Ship the next slice of the product".into(),
            start: Some(begin),
            end: begin.checked_add(jiff::Span::new().days(11)).ok(),
            capacity: Some(30),
            state,
            started_at: None,
            closed_at: None,
        });
    }
    for name in ["Ana", "Bo", "Chen", "Dara", "Eli", "Fen"] {
        file.people.push(name.into());
    }
    let mut board = Board::new(file);
    let columns: Vec<ShortText> = board.file.columns.iter().map(|c| c.id.clone()).collect();
    let lists = sprints + 1;
    let mut last: Vec<Option<Rank>> = vec![None; lists];
    let now: jiff::Timestamp = "2026-11-20T09:00:00Z".parse().expect("a valid time");
    for n in 0..stories {
        let list = rng.usize(0..lists);
        let sprint: Option<ShortText> = (list < sprints).then(|| format!("sprint-{}", list + 1).into());
        let rank = Rank::between(last[list].as_ref(), None).expect("ranks grow");
        last[list] = Some(rank.clone());
        let status = columns[rng.usize(0..columns.len())].clone();
        let key: ShortText = format!("GB-{n:06}").into();
        board.stories.insert(
            key.clone(),
            Box::new(Story {
                schema: SCHEMA,
                key,
                title: format!("Story number {n}: make the checkout remember the customer's choice"),
                kind: Kind::Story,
                status: status.clone(),
                sprint: sprint.clone(),
                rank,
                points: Some([1, 2, 3, 5, 8][rng.usize(0..5)]),
                assignee: Some(board.file.people[rng.usize(0..6)].name.as_str().into()),
                epic: None,
                labels: vec!["web".into()],
                moscow: None,
                rice: None,
                wsjf: None,
                blocked: None,
                description: "As a customer I want the page to remember my choice\nso that I do not type it twice."
                    .into(),
                acceptance: String::new(),
                created: now,
                updated: now,
                origin: None,
                comments: Vec::new(),
                blocked_by: Vec::new(),
                history: vec![
                    Event { at: now, by: "Ana".into(), change: Change::Created { status: "todo".into(), sprint } },
                    Event { at: now, by: "Bo".into(), change: Change::Status { from: "todo".into(), to: status } },
                ],
            }),
        );
    }
    board
}

/// Writes a board as files, quickly (no fsync: this is test data, not the store's save path).
/// The files get a time a minute ago, as a board checked out earlier has: a file written in the
/// last two seconds is always parsed, whatever the cache says.
pub fn write(board: &Board, root: &Path) {
    let stories = root.join("stories");
    std::fs::create_dir_all(&stories).expect("create the board directory");
    let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let put = |path: std::path::PathBuf, text: String| {
        std::fs::write(&path, text).expect("write");
        std::fs::File::options().append(true).open(&path).and_then(|f| f.set_modified(earlier)).expect("set time");
    };
    put(root.join("board.ron"), codec::encode(&board.file).expect("encode"));
    for s in board.stories.values() {
        put(stories.join(format!("{}.ron", s.key)), codec::encode(s).expect("encode"));
    }
}

/// Keeps the benchmarks' parse caches out of the user's cache directory. Call first in `main`.
pub fn private_cache() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    // SAFETY: called at the start of `main`, before any other thread exists.
    unsafe { std::env::set_var("XDG_CACHE_HOME", dir.path()) };
    dir
}
