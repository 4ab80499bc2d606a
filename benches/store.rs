//! Store benchmarks: load a big board, save one move. `cargo bench --bench store`.
//! Targets (SPEC.md): 10,000 stories load leaving room for a first frame in 100 ms; 100,000 in
//! under a second; a move saved to disk within 10 ms.

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;
use sprintboard::domain::{Ctx, Move, Position};
use sprintboard::store::Store;

fn main() {
    let _cache = support::private_cache();
    divan::main();
}

/// Generated boards live for the whole run, in the system's temporary directory.
fn board(stories: usize) -> PathBuf {
    static BOARDS: OnceLock<std::sync::Mutex<Vec<(usize, tempfile::TempDir)>>> = OnceLock::new();
    let boards = BOARDS.get_or_init(Default::default);
    let mut boards = boards.lock().expect("lock");
    if let Some((_, dir)) = boards.iter().find(|(n, _)| *n == stories) {
        return dir.path().join("b");
    }
    let dir = tempfile::tempdir().expect("tmp");
    support::write(&support::generate(stories, 50, 7), &dir.path().join("b"));
    let path = dir.path().join("b");
    boards.push((stories, dir));
    path
}

/// Every file read and parsed (the first open, or after `git pull` changed everything).
#[divan::bench(args = [10_000, 100_000], sample_count = 5, sample_size = 1)]
fn load_cold(bencher: Bencher, stories: usize) {
    let root = board(stories);
    bencher.bench(|| Store::open_fresh(&root).expect("loads"));
}

/// Unchanged files come from the parse cache (every later open).
#[divan::bench(args = [10_000, 100_000], sample_count = 5, sample_size = 1)]
fn load_warm(bencher: Bencher, stories: usize) {
    let root = board(stories);
    Store::open(&root).expect("fills the cache");
    bencher.bench(|| Store::open(&root).expect("loads"));
}

#[divan::bench(sample_count = 50, sample_size = 1)]
fn save_one_move(bencher: Bencher) {
    let root = board(10_000);
    let (mut store, mut b) = Store::open(&root).expect("loads");
    let mut ctx = Ctx::new(jiff::Timestamp::now(), "bench", 1);
    let keys: Vec<String> = b.stories.keys().take(500).map(|k| k.to_string()).collect();
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % keys.len();
        let changes =
            b.move_story(&keys[i], &Move { position: Position::Top, ..Default::default() }, &mut ctx).expect("moves");
        store.save(&b, &changes).expect("saves");
    });
}

#[divan::bench(sample_count = 50, sample_size = 1)]
fn rerank_in_memory(bencher: Bencher) {
    let root = board(10_000);
    let (_, mut b) = Store::open(&root).expect("loads");
    let mut ctx = Ctx::new(jiff::Timestamp::now(), "bench", 1);
    let keys: Vec<String> = b.stories.keys().take(500).map(|k| k.to_string()).collect();
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % keys.len();
        b.move_story(&keys[i], &Move { position: Position::Up, ..Default::default() }, &mut ctx).expect("moves")
    });
}
