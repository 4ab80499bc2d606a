//! The real binary in a pseudo-terminal (the `pty-harness` crate, shared with the session
//! benchmark): keys go in, the screen is read back with a terminal emulator (vt100), and the
//! process can be resized and watched (its CPU time).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pty_harness::{CommandBuilder, Pty};

use super::TestBoard;

pub struct Tui {
    pty: Pty,
    pub screen: Arc<Mutex<vt100::Parser>>,
}

impl Tui {
    pub fn start(b: &TestBoard, env: &[(&str, &str)]) -> Tui {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sprintboard"));
        cmd.arg("--board");
        cmd.arg(&b.root);
        cmd.cwd(b.tmp.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("SPRINTBOARD_USER", "tester");
        cmd.env("XDG_DATA_HOME", b.tmp.path().join("data"));
        cmd.env("XDG_CONFIG_HOME", b.tmp.path().join("config"));
        cmd.env("XDG_CACHE_HOME", b.tmp.path().join("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(24).expect("rows"),
            std::num::NonZero::new(80).expect("cols"),
            0,
        )));
        let sink = Arc::clone(&screen);
        let pty = Pty::start(cmd, 80, 24, move |_, bytes| {
            sink.lock().expect("screen").process(bytes);
            true
        });
        Tui { pty, screen }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    /// Waits until the screen shows `needle` (generous: the machine may be busy).
    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.contents();
            if text.contains(needle) {
                return text;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "{needle:?} never appeared; the screen:\n{text}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.pty.send(keys.as_bytes()).expect("write");
    }

    pub fn wait_exit(&mut self) -> pty_harness::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.pty.try_wait() {
                // Let the reader take in the last bytes written before exit.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "the program did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is as the program found it: main screen, cursor shown, no mouse reporting.
    pub fn assert_restored(&self) {
        let parser = self.screen.lock().expect("screen");
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse reporting left on");
    }
}

impl Tui {
    /// `q`, and the program ends well.
    pub fn quit(&mut self) {
        self.send("q");
        assert!(self.wait_exit().success(), "q did not end the program well");
    }

    /// Writes raw bytes, all in one write.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        self.pty.send(bytes).expect("write");
    }

    /// A bracketed paste of `text`, as a terminal sends it.
    pub fn paste(&mut self, text: &str) {
        self.send_bytes(format!("\x1b[200~{text}\x1b[201~").as_bytes());
    }

    /// The terminal window changes size (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen
            .lock()
            .expect("screen")
            .set_size(std::num::NonZero::new(rows).expect("rows"), std::num::NonZero::new(cols).expect("cols"));
        self.pty.resize(cols, rows);
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.pty.pid()
    }

    /// The CPU time the process has used so far, in clock ticks (user + system, from
    /// `/proc/PID/stat`). A process that spins uses about 100 a second.
    pub fn cpu_ticks(&self) -> u64 {
        self.pty.cpu_ticks().expect("the process's CPU time")
    }

    /// The CPU ticks used over `d` of waiting.
    pub fn ticks_over(&self, d: Duration) -> u64 {
        let before = self.cpu_ticks();
        std::thread::sleep(d);
        self.cpu_ticks() - before
    }

    /// The screen's size as the emulator has it: columns, rows.
    pub fn size(&self) -> (u16, u16) {
        let (rows, cols) = self.screen.lock().expect("screen").screen().size();
        (cols.get(), rows.get())
    }

    /// Waits until `check` holds for the screen's text.
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.contents();
            if check(&text) {
                return text;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "{what} never happened; the screen:\n{text}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
