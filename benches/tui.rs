//! In-process TUI benchmark on a generated board of 10,000 stories and 50 sprints: an action
//! through `update` and a full redraw, then its save, as the event loop does them (for
//! profiling the key path without a terminal). What a person gets, the binary in a
//! pseudo-terminal, is `benches/session.rs`.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sprintboard::domain::Ctx;
use sprintboard::store::Store;
use sprintboard::store::layout::{Location, Origin};
use sprintboard::tui::update::update;
use sprintboard::tui::{Action, Runtime, testing, view};

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo test --benches` runs benches with `--bench` absent; keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        println!("tui benchmarks: run with `cargo bench --bench tui`");
        return;
    }
    let _cache = support::private_cache();
    let tmp = tempfile::tempdir().expect("tmp");
    let big = tmp.path().join("b10k");
    support::write(&support::generate(10_000, 50, 7), &big);
    println!("board: 10,000 stories, 50 sprints (benches/support)");
    key_to_frame(&big);
}

/// In process, as the event loop does it: an action through `update` and a full redraw at
/// 80x24 (the frame the person sees), then the save the action asked for.
fn key_to_frame(root: &Path) {
    let (store, board) = Store::open(root).expect("board");
    let mut app = testing::app(board, "bench");
    let location = Location { root: root.to_owned(), origin: Origin::Explicit };
    let mut rt =
        Runtime { store, location, ctx: Ctx::new(jiff::Timestamp::now(), "bench", 1), jobs: Default::default() };
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    rt.dispatch(&mut app, Action::Resized { width: 80, height: 24 });
    let mut measure = |actions: &[Action]| {
        let mut times = Vec::new();
        let mut saves = Vec::new();
        if actions[0] == Action::RankDown {
            rt.dispatch(&mut app, Action::Show(sprintboard::tui::View::Planning));
        }
        for i in 0..200 {
            let start = Instant::now();
            let effects = update(&mut app, actions[i % actions.len()].clone(), &mut rt.ctx);
            term.draw(|f| view::render(&app, f)).expect("draw");
            times.push(start.elapsed());
            let start = Instant::now();
            rt.perform(&mut app, effects, &mut |_, _| Err("no editor".into()));
            saves.push(start.elapsed());
        }
        times.sort();
        saves.sort();
        (times[times.len() / 2], times[times.len() * 99 / 100], saves[saves.len() / 2])
    };
    let (nav, nav99, _) = measure(&[Action::Down, Action::Down, Action::Up, Action::Right, Action::Left]);
    println!("key to frame: move selection  median {:>10}  p99 {:>10}   target 5 ms", ms(nav), ms(nav99));
    let (mv, mv99, save) = measure(&[Action::StatusNext, Action::StatusPrev]);
    println!("key to frame: change column   median {:>10}  p99 {:>10}   target 5 ms", ms(mv), ms(mv99));
    println!("  then its save to disk       median {:>10}                   target 10 ms", ms(save));
    let (plan, plan99, save) = measure(&[Action::RankDown, Action::RankUp, Action::Down]);
    println!("key to frame: planning rerank median {:>10}  p99 {:>10}   target 5 ms", ms(plan), ms(plan99));
    println!("  then its save to disk       median {:>10}                   target 10 ms", ms(save));
}
