//! kill -9 in the middle of saves, many times: after every kill the whole board loads, and no
//! story is lost or half-written.

mod common;

use std::time::Duration;

use common::*;

#[test]
fn killing_a_writer_at_any_instant_never_corrupts_the_board() {
    let b = TestBoard::new();
    b.ok(&["sprint", "new", "S1"]);
    let keys: Vec<String> = (0..12).map(|i| b.add(&format!("story {i}"), &["--points", "2"])).collect();
    // Big descriptions make each write long enough to be interrupted part-way.
    let big = "a fairly long line of description text\n".repeat(2_500);
    let mut rng = fastrand::Rng::with_seed(42);
    let mut killed = 0;
    for round in 0..60 {
        let key = &keys[rng.usize(0..keys.len())];
        let mut cmd = b.cmd();
        match round % 4 {
            0 => cmd.args(["move", key, "--top"]),
            1 => cmd.args(["edit", key, "--description", &big]),
            2 => cmd.args(["move", key, "--sprint", if rng.bool() { "S1" } else { "backlog" }]),
            _ => cmd.args(["edit", key, "--description", "short"]),
        };
        let mut child =
            cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().expect("spawn");
        std::thread::sleep(Duration::from_micros(rng.u64(0..12_000)));
        if child.kill().is_ok() {
            killed += 1;
        }
        let _ = child.wait();

        let out = b.run(&["list", "--format", "json"]);
        assert!(out.status.success(), "round {round}: the board no longer loads: {}", stderr(&out));
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let mut seen: Vec<String> =
            list.as_array().expect("array").iter().map(|s| s["key"].as_str().expect("key").to_owned()).collect();
        seen.sort();
        let mut want = keys.clone();
        want.sort();
        assert_eq!(seen, want, "round {round}: a story was lost");
        for s in list.as_array().expect("array") {
            assert_eq!(s["points"], 2, "round {round}: a story was half-written");
        }
    }
    assert!(killed > 0, "no writer was ever interrupted; the test proves nothing");
}
