//! The real program in a pseudo-terminal, for sprintboard's integration tests (which read its
//! screen, `tests/common/pty.rs`) and its session benchmark (which times its output,
//! `benches/session.rs`): one way to start it, write to it, resize it, take in what it writes
//! and watch its process. A crate of its own, dev-only, so that both reach it as a dependency
//! and nothing of it is built into sprintboard itself.
//!
//! What goes wrong here is the test machine's, not the program's: it panics, with what failed.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{Child, MasterPty, PtySize, native_pty_system};
pub use portable_pty::{CommandBuilder, ExitStatus};

/// A program running in a pseudo-terminal of its own.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    /// When the program was started (taken just before it was spawned).
    pub started: Instant,
    /// Told when the reader has taken in everything: the terminal closed.
    read_all: mpsc::Receiver<()>,
}

impl Pty {
    /// Starts `cmd` in a new pseudo-terminal of `cols` × `rows`. Everything the program writes
    /// is handed to `output` as it is read, with the time it was read, on a thread of its own,
    /// until the terminal closes or `output` returns false.
    pub fn start(
        cmd: CommandBuilder,
        cols: u16,
        rows: u16,
        mut output: impl FnMut(Instant, &[u8]) -> bool + Send + 'static,
    ) -> Pty {
        let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        // The program holds the terminal's other end now: the terminal closes when it exits.
        drop(pair.slave);
        let (done, read_all) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || !output(Instant::now(), &buf[..n]) {
                    break;
                }
            }
            let _ = done.send(());
        });
        Pty { child, writer, master: pair.master, started, read_all }
    }

    /// Writes `bytes` as typed, all in one write.
    pub fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.writer.write_all(bytes)?;
        self.writer.flush()
    }

    /// The terminal window changes size (the program gets SIGWINCH).
    pub fn resize(&self, cols: u16, rows: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize");
    }

    /// Closes our end of the terminal and waits up to `within` for the reader to take in what
    /// the program wrote before it exited.
    pub fn close(self, within: Duration) {
        let Pty { writer, master, read_all, .. } = self;
        drop(writer);
        drop(master);
        let _ = read_all.recv_timeout(within);
    }

    /// The CPU time the process has used so far, in clock ticks (user + system, from
    /// `/proc/PID/stat`; about 100 a second). `None`: the process is gone.
    pub fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // The fields after the command name, which is in parentheses and may hold spaces:
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
    }

    /// A figure in kB from `/proc/PID/status`, by its name with the colon (`VmHWM:`, the peak
    /// memory). `None`: the process is gone, or has no such line.
    pub fn status_kb(&self, name: &str) -> Option<u64> {
        let text = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        text.lines().find(|l| l.starts_with(name))?.split_whitespace().nth(1)?.parse().ok()
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// How the program ended, if it has.
    pub fn try_wait(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().expect("wait")
    }

    /// Waits for the program to end.
    pub fn wait(&mut self) -> ExitStatus {
        self.child.wait().expect("wait")
    }
}
