//! One channel feeds the event loop: terminal input from a thread, and the signals that ask the
//! program to end. Nothing ticks: an idle board sleeps.
//!
//! The input thread is the only reader of the terminal. It sleeps in `poll(2)` on the terminal,
//! on a socket the loop writes to when it wants a pause, and on a socket that SIGWINCH writes
//! to. When the terminal is readable it reads everything that is waiting (however much arrived
//! together: a paste, a key burst) and decodes it at once (`input.rs`), so no byte waits for
//! the next key and `poll(2)` never reports something nobody reads. It can be paused, so that
//! `$EDITOR` gets every key while it runs.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use ratatui::crossterm::event::Event as TermEvent;

use super::input::Decoder;

/// How much one read takes; what is left is read at once after it.
const READ_CHUNK: usize = 64 * 1024;
/// Decoded and sent in parts past this, so a huge paste does not hold up everything else.
const BATCH: usize = 1 << 20;

pub enum Event {
    Terminal(TermEvent),
    /// SIGTERM, SIGHUP or SIGINT: quit, restoring the terminal.
    Signal(i32),
    /// The terminal could not be read any more.
    InputError(String),
    /// Board files may have changed on disk: these, or (`None`) any of them.
    StoreChanged(Option<Vec<std::path::PathBuf>>),
    /// What work in the background (a remote sync) reports: what it waits for, what it came to.
    Background(Box<super::action::Outcome>),
}

/// The handle on the input thread.
pub struct Input {
    wake: UnixStream,
    paused: Receiver<()>,
    resume: Sender<()>,
}

impl Input {
    /// Stops reading the terminal; returns once the thread has stopped.
    pub fn pause(&mut self) {
        if self.wake.write_all(b"p").is_ok() {
            let _ = self.paused.recv_timeout(Duration::from_secs(2));
        }
    }

    pub fn resume(&mut self) {
        let _ = self.resume.send(());
    }
}

fn readable(fd: &libc::pollfd) -> bool {
    fd.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0
}

/// Empties a non-blocking socket.
fn drain_all(mut s: &UnixStream) {
    let mut buf = [0u8; 64];
    while s.read(&mut buf).is_ok_and(|n| n > 0) {}
}

/// `poll(2)` on these descriptors; `timeout` in milliseconds, -1 to wait for ever.
fn poll(fds: &mut [libc::pollfd], timeout: i32) -> std::io::Result<usize> {
    loop {
        // SAFETY: `fds` is a valid, exclusively borrowed array of pollfd structures for the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// One `read(2)` of what is waiting on `fd` (which `poll` said is readable, so it does not block).
fn read_some(fd: RawFd, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let start = buf.len();
    buf.resize(start + READ_CHUNK, 0);
    loop {
        // SAFETY: the pointer and length describe the `READ_CHUNK` bytes just added to `buf`.
        let n = unsafe { libc::read(fd, buf[start..].as_mut_ptr().cast(), READ_CHUNK) };
        if n >= 0 {
            buf.truncate(start + n as usize);
            return Ok(n as usize);
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            buf.truncate(start);
            return Err(err);
        }
    }
}

/// Everything waiting on the terminal now: reads until nothing more is there (or a batch is full).
fn read_waiting(fd: RawFd) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    while bytes.len() < BATCH {
        if read_some(fd, &mut bytes)? == 0 {
            break;
        }
        let mut probe = [libc::pollfd { fd, events: libc::POLLIN, revents: 0 }];
        if poll(&mut probe, 0)? == 0 || probe[0].revents & libc::POLLIN == 0 {
            break;
        }
    }
    Ok(bytes)
}

/// The terminal to read: standard input when it is one, else the controlling terminal.
fn terminal_fd() -> std::io::Result<RawFd> {
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        return Ok(libc::STDIN_FILENO);
    }
    let tty = std::fs::OpenOptions::new().read(true).open("/dev/tty")?;
    // Kept open for the life of the program: the input thread reads it until the end.
    Ok(std::os::fd::IntoRawFd::into_raw_fd(tty))
}

pub fn spawn_input(tx: Sender<Event>) -> std::io::Result<Input> {
    let tty = terminal_fd()?;
    let (wake, wake_rx) = UnixStream::pair()?;
    let (winch_tx, winch_rx) = UnixStream::pair()?;
    winch_tx.set_nonblocking(true)?;
    winch_rx.set_nonblocking(true)?;
    wake_rx.set_nonblocking(true)?;
    signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, winch_tx)?;
    let (paused_tx, paused) = mpsc::channel();
    let (resume, resume_rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let mut decoder = Decoder::default();
        let send = |e: Event| tx.send(e).is_ok();
        loop {
            let mut fds = [
                libc::pollfd { fd: tty, events: libc::POLLIN, revents: 0 },
                libc::pollfd { fd: wake_rx.as_raw_fd(), events: libc::POLLIN, revents: 0 },
                libc::pollfd { fd: winch_rx.as_raw_fd(), events: libc::POLLIN, revents: 0 },
            ];
            if let Err(e) = poll(&mut fds, -1) {
                send(Event::InputError(e.to_string()));
                return;
            }
            if readable(&fds[1]) {
                drain_all(&wake_rx);
                let _ = paused_tx.send(());
                if resume_rx.recv().is_err() {
                    return;
                }
                continue;
            }
            // A resize first, so that keys typed after it act on the new layout. A burst of
            // signals is one resize, to the size the terminal has now.
            if readable(&fds[2]) {
                drain_all(&winch_rx);
                if let Ok((w, h)) = ratatui::crossterm::terminal::size()
                    && !send(Event::Terminal(TermEvent::Resize(w, h)))
                {
                    return;
                }
            }
            if fds[0].revents & libc::POLLIN != 0 {
                match read_waiting(tty) {
                    Ok(bytes) if bytes.is_empty() => {
                        send(Event::InputError("the terminal went away".into()));
                        return;
                    }
                    Ok(bytes) => {
                        for e in decoder.feed(&bytes) {
                            if !send(Event::Terminal(e)) {
                                return;
                            }
                        }
                    }
                    Err(e) => {
                        send(Event::InputError(e.to_string()));
                        return;
                    }
                }
            } else if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                send(Event::InputError("the terminal went away".into()));
                return;
            }
        }
    });
    Ok(Input { wake, paused, resume })
}

pub fn spawn_signals(tx: Sender<Event>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = tx.send(Event::Signal(sig));
        }
    });
    Ok(())
}
