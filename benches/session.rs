//! What a person gets, measured the way they get it: the real binary in a pseudo-terminal on a
//! generated board, keys sent 150 ms apart (each one's frame timed from the key to the last byte
//! of the frame it caused, the previous key's save and the watcher's reaction to it included),
//! the first frame in three cache states, peak memory and CPU while idle; the command line and
//! an agent's calls (`sprintboard mcp`). Every figure is
//! printed beside the same figure for a floor: a minimal ratatui board built into this
//! benchmark that only reads and parses one RON file per story and draws (this store's shape
//! at its cheapest), as a ratio, because absolute times on a shared machine vary by ±20 %.
//!
//! `cargo bench --bench session` (sizes: `SPRINTBOARD_BENCH_SIZES=10000,100000`, the default).

mod agent;
mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use pty_harness::{CommandBuilder, Pty};

const KEYS_APART: Duration = Duration::from_millis(150);
const KEYS: usize = 24;

fn main() {
    if let Ok(root) = std::env::var("SPRINTBOARD_FLOOR") {
        floor::run(Path::new(&root));
        return;
    }
    if !std::env::args().any(|a| a == "--bench") {
        println!("session benchmarks: run with `cargo bench --bench session`");
        return;
    }
    let cache = support::private_cache();
    let sizes: Vec<usize> = std::env::var("SPRINTBOARD_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    println!("sprintboard session benchmark, {} (the floor: a minimal reader of the same files)", today());
    for n in sizes {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path().join("board");
        support::write(&support::generate(n, 50, 7), &root);
        println!("\n{n} stories, 50 sprints");
        session(&root, tmp.path(), cache.path());
    }
}

fn today() -> String {
    jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::system()).date().to_string()
}

/// A program in a pty (the `pty-harness` crate, shared with the tests), its output as timed
/// chunks.
struct Running {
    pty: Pty,
    output: mpsc::Receiver<(Instant, Vec<u8>)>,
}

fn launch(program: &Path, args: &[&str], env: &[(&str, &str)], home: &Path) -> Running {
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("SPRINTBOARD_USER", "bench");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let (tx, output) = mpsc::channel();
    let pty = Pty::start(cmd, 80, 24, move |at, chunk| tx.send((at, chunk.to_vec())).is_ok());
    Running { pty, output }
}

impl Running {
    /// From launch until the first frame is complete: its last line's last word ("quit") is
    /// drawn (ratatui skips blank cells, so a phrase with spaces may not appear as written).
    fn first_frame(&self) -> Duration {
        let mut seen = Vec::new();
        loop {
            let Ok((at, chunk)) = self.output.recv_timeout(Duration::from_secs(60)) else {
                panic!("no first frame; the program wrote: {}", String::from_utf8_lossy(&seen));
            };
            seen.extend_from_slice(&chunk);
            if String::from_utf8_lossy(&seen).contains("quit") {
                return at - self.pty.started;
            }
        }
    }

    /// Everything written until nothing more comes for `quiet`.
    fn settle(&self, quiet: Duration) {
        while self.output.recv_timeout(quiet).is_ok() {}
    }

    /// Sends `key` and times its frame: until the last byte written before the output goes
    /// quiet. `None`: the key drew nothing.
    fn key(&mut self, key: &str) -> Option<Duration> {
        while self.output.try_recv().is_ok() {}
        let sent = Instant::now();
        self.pty.send(key.as_bytes()).expect("write");
        let mut last = None;
        while let Ok((at, _)) = self.output.recv_timeout(Duration::from_millis(40)) {
            last = Some(at);
            if at - sent > Duration::from_secs(5) {
                break;
            }
        }
        last.map(|at| at - sent)
    }

    /// `keys` sent in turn, `KEYS_APART` apart (from one key's sending to the next).
    fn keys(&mut self, keys: &[&str]) -> Vec<Duration> {
        let mut out = Vec::new();
        for i in 0..KEYS {
            let start = Instant::now();
            if let Some(d) = self.key(keys[i % keys.len()]) {
                out.push(d);
            }
            std::thread::sleep(KEYS_APART.saturating_sub(start.elapsed()));
        }
        out
    }

    fn proc_kb(&self, name: &str) -> u64 {
        self.pty.status_kb(name).unwrap_or(0)
    }

    fn cpu_ticks(&self) -> u64 {
        self.pty.cpu_ticks().unwrap_or(0)
    }

    fn quit(mut self) {
        let _ = self.pty.send(b"q");
        self.pty.wait();
    }
}

fn percentile(v: &[Duration], p: usize) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    v.get((v.len() * p / 100).min(v.len().saturating_sub(1))).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn row(what: &str, ours: f64, floor: f64, unit: &str) {
    let ratio = if floor > 0.0 { format!("{:.2}", ours / floor) } else { "-".into() };
    println!("  {what:<44} {ours:>9.1} {unit:<3} floor {floor:>9.1} {unit:<3} ratio {ratio:>6}");
}

/// A story file rewritten with a new title, as `git pull` leaves it (a new inode, now).
fn change_one(root: &Path) {
    let dir = root.join("stories");
    let path: PathBuf = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .expect("a story");
    let text = std::fs::read_to_string(&path).expect("read");
    let changed = match text.find("title: \"") {
        Some(i) => format!("{}title: \"Pulled: {}", &text[..i], &text[i + 8..]),
        None => text,
    };
    let tmp = dir.join(".pulled");
    std::fs::write(&tmp, changed).expect("write");
    std::fs::rename(&tmp, &path).expect("rename");
}

fn first_frames(program: &Path, args: &[&str], home: &Path, before: &mut dyn FnMut()) -> (Duration, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..3 {
        before();
        let r = launch(program, args, &[], home);
        times.push(r.first_frame());
        r.settle(Duration::from_millis(300));
        peak = peak.max(r.proc_kb("VmHWM:"));
        r.quit();
    }
    (percentile(&times, 50), peak)
}

fn session(root: &Path, home: &Path, cache: &Path) {
    let me = std::env::current_exe().expect("this benchmark");
    let ours = PathBuf::from(env!("CARGO_BIN_EXE_sprintboard"));
    let root_s = root.to_str().expect("path");
    let board_args = ["--board", root_s];

    // The floor: first frame, memory, keys.
    let floor_launch = || launch(&me, &[], &[("SPRINTBOARD_FLOOR", root_s)], home);
    let mut floor_firsts = Vec::new();
    let mut floor_peak = 0;
    for _ in 0..3 {
        let r = floor_launch();
        floor_firsts.push(r.first_frame());
        r.settle(Duration::from_millis(300));
        floor_peak = floor_peak.max(r.proc_kb("VmHWM:"));
        r.quit();
    }
    let floor_first = percentile(&floor_firsts, 50);
    let mut r = floor_launch();
    r.first_frame();
    r.settle(Duration::from_millis(300));
    let floor_select = r.keys(&["j", "k"]);
    let floor_move = r.keys(&["L", "H"]);
    let floor_rerank = r.keys(&["J", "K"]);
    r.quit();

    // sprintboard: the first frame with no cache, a valid one, and one story changed since.
    let clear = || {
        let _ = std::fs::remove_dir_all(cache.join("sprintboard"));
    };
    let (cold, cold_peak) = first_frames(&ours, &board_args, home, &mut || clear());
    {
        let r = launch(&ours, &board_args, &[], home);
        r.first_frame();
        r.settle(Duration::from_millis(500));
        r.quit();
    }
    let (warm, warm_peak) = first_frames(&ours, &board_args, home, &mut || {});
    let (changed, changed_peak) = first_frames(&ours, &board_args, home, &mut || change_one(root));
    row("first frame: parse cache valid", ms(warm), ms(floor_first), "ms");
    row("first frame: one story changed since (a pull)", ms(changed), ms(floor_first), "ms");
    row("first frame: no cache", ms(cold), ms(floor_first), "ms");
    let mb = |kb: u64| kb as f64 / 1024.0;
    let fmb = mb(floor_peak);
    row("peak memory (VmHWM): cache valid", mb(warm_peak), fmb, "MB");
    row("peak memory (VmHWM): one story changed", mb(changed_peak), fmb, "MB");
    row("peak memory (VmHWM): no cache", mb(cold_peak), fmb, "MB");

    let mut r = launch(&ours, &board_args, &[], home);
    r.first_frame();
    r.settle(Duration::from_millis(1000));
    let before = r.cpu_ticks();
    std::thread::sleep(Duration::from_secs(10));
    let idle = (r.cpu_ticks() - before) as f64 / 100.0;
    println!("  {:<44} {idle:>9.2} s   (target 0)", "CPU while idle for 10 s after the load");
    let select = r.keys(&["j", "k"]);
    let moves = r.keys(&["L", "H"]);
    let rerank = r.keys(&["J", "K"]);
    r.key("2");
    r.settle(Duration::from_millis(300));
    let plan = r.keys(&["J", "K"]);
    r.quit();
    for (what, ours, floor) in [
        ("select (j/k)", &select, &floor_select),
        ("move to the next column (L/H)", &moves, &floor_move),
        ("rerank on the Board (J/K)", &rerank, &floor_rerank),
        ("rerank in Planning (J/K)", &plan, &floor_rerank),
    ] {
        row(&format!("key → frame, {what}, median"), ms(percentile(ours, 50)), ms(percentile(floor, 50)), "ms");
        row(&format!("key → frame, {what}, p90"), ms(percentile(ours, 90)), ms(percentile(floor, 90)), "ms");
    }

    // The command line, with the cache as the session left it, beside the floor's load.
    let list = cli_times(&ours, &board_args, home, 7, |_| vec!["list".into(), "--format".into(), "json".into()]);
    row("CLI list --format json, median", ms(percentile(&list, 50)), ms(floor_first), "ms");
    // A different story each time, so that each run writes its file.
    let keys: Vec<String> = std::fs::read_dir(root.join("stories"))
        .expect("stories")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".ron").map(str::to_owned))
        .take(11)
        .collect();
    let moves =
        cli_times(&ours, &board_args, home, keys.len(), |i| vec!["move".into(), keys[i].clone(), "--top".into()]);
    row("CLI move KEY --top (one file written), median", ms(percentile(&moves, 50)), ms(floor_first), "ms");

    // An agent (`sprintboard mcp`): started once, then calls, beside the floor's move.
    let (mut agent, handshake) = agent::Agent::start(&ours, &board_args, home);
    row("agent: start to the handshake's answer", ms(handshake), ms(floor_first), "ms");
    let moves: Vec<Duration> =
        keys.iter().map(|k| agent.call("move_story", serde_json::json!({ "key": k, "bottom": true }))).collect();
    let floor_move_p50 = ms(percentile(&floor_move, 50));
    row("agent move_story (one file written), median", ms(percentile(&moves, 50)), floor_move_p50, "ms");
    let lists: Vec<Duration> =
        (0..7).map(|_| agent.call("list_stories", serde_json::json!({ "filter": "@dana", "limit": 50 }))).collect();
    row("agent list_stories (a filter), median", ms(percentile(&lists, 50)), floor_move_p50, "ms");
    agent.quit();
}

/// The wall time of `runs` runs of the command line, output thrown away.
fn cli_times(
    program: &Path,
    board: &[&str],
    home: &Path,
    runs: usize,
    args: impl Fn(usize) -> Vec<String>,
) -> Vec<Duration> {
    (0..runs)
        .map(|i| {
            let started = Instant::now();
            let status = std::process::Command::new(program)
                .args(board)
                .args(args(i))
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env("XDG_DATA_HOME", home.join("data"))
                .env("SPRINTBOARD_USER", "bench")
                .stdout(std::process::Stdio::null())
                .status()
                .expect("run the command line");
            assert!(status.success(), "the command line failed: {:?}", args(i));
            started.elapsed()
        })
        .collect()
}

/// The floor: what any board stored as one RON file per story must at least do. It reads and
/// parses every story (on every core), draws the active sprint's columns, moves the selection,
/// and moves or reranks a story by rewriting its one file (atomically, with fsync).
mod floor {
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};

    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
    use ratatui::layout::{Constraint, Layout};
    use ratatui::widgets::{Block, List, ListState, Paragraph};
    use sprintboard::domain::{BoardFile, Rank, ShortText, Story};
    use sprintboard::store::codec;

    fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> T {
        let text = std::fs::read_to_string(path).expect("read");
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(&text)
            .expect("parse")
    }

    fn save(path: &Path, story: &Story) {
        use std::io::Write;
        let mut f = atomic_write_file::AtomicWriteFile::open(path).expect("open");
        f.write_all(codec::encode(story).expect("encode").as_bytes()).expect("write");
        f.commit().expect("commit");
    }

    pub fn run(root: &Path) {
        let file: BoardFile = parse(&root.join("board.ron"));
        let dir = root.join("stories");
        let paths: Vec<PathBuf> = std::fs::read_dir(&dir).expect("dir").flatten().map(|e| e.path()).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = paths.len().div_ceil(threads).max(1);
        let stories: Vec<Story> = std::thread::scope(|s| {
            let handles: Vec<_> = paths
                .chunks(chunk)
                .map(|part| s.spawn(move || part.iter().map(|p| parse::<Story>(p)).collect::<Vec<_>>()))
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("parse")).collect()
        });
        let active = file.active_sprint().map(|s| s.id.clone());
        let mut stories: HashMap<ShortText, Story> = stories.into_iter().map(|s| (s.key.clone(), s)).collect();
        let columns: Vec<ShortText> = file.columns.iter().map(|c| c.id.clone()).collect();
        let mut lists: Vec<Vec<ShortText>> = columns
            .iter()
            .map(|c| {
                let mut l: Vec<&Story> = stories.values().filter(|s| s.sprint == active && s.status == *c).collect();
                l.sort_by(|a, b| (&a.rank, &a.key).cmp(&(&b.rank, &b.key)));
                l.iter().map(|s| s.key.clone()).collect()
            })
            .collect();
        let mut terminal = ratatui::init();
        let mut selected = 0usize;
        loop {
            terminal
                .draw(|f| {
                    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(f.area());
                    let cols = Layout::horizontal(vec![Constraint::Fill(1); lists.len()]).split(body);
                    for (i, (list, area)) in lists.iter().zip(cols.iter()).enumerate() {
                        let items: Vec<String> =
                            list.iter().take(area.height as usize).map(|k| stories[k].title.clone()).collect();
                        let mut state = ListState::default().with_selected((i == 0).then_some(selected));
                        f.render_stateful_widget(
                            List::new(items).block(Block::bordered().title(columns[i].as_str())).highlight_symbol(">"),
                            *area,
                            &mut state,
                        );
                    }
                    f.render_widget(Paragraph::new("floor · q quit"), status);
                })
                .expect("draw");
            let Ok(Event::Key(k)) = event::read() else { continue };
            if k.kind != KeyEventKind::Press {
                continue;
            }
            let Some(key) = lists[0].get(selected).cloned() else { break };
            match k.code {
                KeyCode::Char('q') => break,
                KeyCode::Char('j') => selected = (selected + 1).min(lists[0].len().saturating_sub(1)),
                KeyCode::Char('k') => selected = selected.saturating_sub(1),
                KeyCode::Char('L') | KeyCode::Char('H') => {
                    // Back and forth between the first two columns, as the benchmark's L and H.
                    let (from, to) = if k.code == KeyCode::Char('L') { (0, 1) } else { (1, 0) };
                    let moving = if from == 0 { key } else { lists[1].first().cloned().unwrap_or(key) };
                    lists[from].retain(|x| *x != moving);
                    lists[to].insert(0, moving.clone());
                    let s = stories.get_mut(&moving).expect("story");
                    s.status = columns[to].clone();
                    save(&dir.join(format!("{moving}.ron")), s);
                }
                KeyCode::Char('J') | KeyCode::Char('K') => {
                    let at = selected;
                    let other = if k.code == KeyCode::Char('J') { at + 1 } else { at.saturating_sub(1) };
                    if other != at && other < lists[0].len() {
                        let (lo, hi) = (at.min(other), at.max(other));
                        let before = lo.checked_sub(1).map(|i| stories[&lists[0][i]].rank.clone());
                        let after = stories[&lists[0][hi]].rank.clone();
                        let rank = Rank::between(before.as_ref(), Some(&after)).expect("rank");
                        let moving = lists[0][hi].clone();
                        lists[0].swap(lo, hi);
                        let s = stories.get_mut(&moving).expect("story");
                        s.rank = rank;
                        save(&dir.join(format!("{moving}.ron")), s);
                        selected = other;
                    }
                }
                _ => {}
            }
        }
        ratatui::restore();
    }
}
