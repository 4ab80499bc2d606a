//! Writes a big generated board to try sprintboard at scale:
//! `cargo run --release --example generate -- /tmp/big 10000 50`, then `sprintboard --board /tmp/big`.

#[path = "../benches/support/mod.rs"]
#[allow(dead_code)]
mod support;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), stories, sprints) = (
        args.first(),
        args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10_000),
        args.get(2).and_then(|s| s.parse().ok()).unwrap_or(50),
    ) else {
        eprintln!("usage: generate PATH [STORIES] [SPRINTS]");
        std::process::exit(2);
    };
    let board = support::generate(stories, sprints, 1);
    support::write(&board, std::path::Path::new(path));
    println!("wrote {stories} stories in {sprints} sprints to {path}");
}
