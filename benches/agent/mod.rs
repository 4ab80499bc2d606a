//! An agent's calls as `sprintboard mcp` answers them: each timed from the `tools/call` line
//! written on the server's standard input to its answer's line on standard output (the
//! refresh, the operation, the save and the JSON both ways included).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub struct Agent {
    child: Child,
    stdin: ChildStdin,
    answers: mpsc::Receiver<Value>,
    next: u64,
}

impl Agent {
    /// Starts the server on the board and shakes hands (the 2025-11-25 handshake, which every
    /// client speaks); returns it and the time from the start to the handshake's answer.
    pub fn start(program: &Path, board: &[&str], home: &Path) -> (Agent, Duration) {
        let started = Instant::now();
        let mut child = Command::new(program)
            .args(board)
            .arg("mcp")
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env_remove("SPRINTBOARD_USER")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start sprintboard mcp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, answers) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // Answers carry the id of their call; notifications do not.
                if let Ok(v) = serde_json::from_str::<Value>(&line)
                    && v.get("id").is_some()
                    && tx.send(v).is_err()
                {
                    return;
                }
            }
        });
        let mut agent = Agent { child, stdin, answers, next: 1 };
        let init = json!({
            "protocolVersion": "2025-11-25",
            "capabilities": {},
            "clientInfo": { "name": "bench", "version": "1" },
        });
        agent.request("initialize", init);
        let handshake = started.elapsed();
        agent.send(&json!({ "jsonrpc": "2.0", "method": "notifications/initialized" }));
        (agent, handshake)
    }

    fn send(&mut self, message: &Value) {
        writeln!(self.stdin, "{message}").and_then(|()| self.stdin.flush()).expect("write to the server");
    }

    /// One request, waited for; returns the time to its answer.
    fn request(&mut self, method: &str, params: Value) -> Duration {
        let id = self.next;
        self.next += 1;
        let started = Instant::now();
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let answer = self.answers.recv_timeout(Duration::from_secs(30)).expect("the server answers");
            if answer["id"] == id {
                assert!(answer.get("error").is_none(), "{method} failed: {answer}");
                assert_ne!(answer["result"]["isError"], true, "{method} was refused: {answer}");
                return started.elapsed();
            }
        }
    }

    /// A tool call; returns the time to its answer.
    pub fn call(&mut self, tool: &str, arguments: Value) -> Duration {
        self.request("tools/call", json!({ "name": tool, "arguments": arguments }))
    }

    /// Closes its input, which ends it.
    pub fn quit(self) {
        let Agent { mut child, stdin, .. } = self;
        drop(stdin);
        let _ = child.wait();
    }
}
