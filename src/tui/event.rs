//! One channel feeds the event loop: terminal input from a thread, and the signals that ask the
//! program to end. Nothing ticks: an idle board sleeps.
//!
//! The input thread can be paused, so that `$EDITOR` gets every key while it runs (an input
//! thread blocked in a read would otherwise steal keystrokes from the editor). It sleeps in
//! `poll(2)` on the terminal, on a socket the loop writes to when it wants a pause, and on a
//! socket that SIGWINCH writes to (crossterm turns the signal into a resize event, which the
//! thread then reads).

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event as TermEvent};

pub enum Event {
    Terminal(TermEvent),
    /// SIGTERM, SIGHUP or SIGINT: quit, restoring the terminal.
    Signal(i32),
    /// The terminal could not be read any more.
    InputError(String),
    /// A board file may have changed on disk (another process).
    StoreChanged,
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

fn drain(mut s: &UnixStream) {
    let mut buf = [0u8; 64];
    let _ = s.read(&mut buf);
}

pub fn spawn_input(tx: Sender<Event>) -> std::io::Result<Input> {
    let (wake, wake_rx) = UnixStream::pair()?;
    let (winch_tx, winch_rx) = UnixStream::pair()?;
    winch_tx.set_nonblocking(true)?;
    signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, winch_tx)?;
    let (paused_tx, paused) = mpsc::channel();
    let (resume, resume_rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        loop {
            let mut fds = [
                libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 },
                libc::pollfd { fd: wake_rx.as_raw_fd(), events: libc::POLLIN, revents: 0 },
                libc::pollfd { fd: winch_rx.as_raw_fd(), events: libc::POLLIN, revents: 0 },
            ];
            // SAFETY: `fds` is a valid array of three pollfd structures that outlives the call.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) };
            if n < 0 {
                let err = std::io::Error::last_os_error();
                if err.kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                let _ = tx.send(Event::InputError(err.to_string()));
                return;
            }
            if readable(&fds[1]) {
                drain(&wake_rx);
                let _ = paused_tx.send(());
                if resume_rx.recv().is_err() {
                    return;
                }
                continue;
            }
            if readable(&fds[2]) {
                drain(&winch_rx);
            }
            if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
                && fds[0].revents & libc::POLLIN == 0
            {
                let _ = tx.send(Event::InputError("the terminal went away".into()));
                return;
            }
            // Read every event crossterm has, including ones it buffered from one read.
            loop {
                match event::poll(Duration::ZERO) {
                    Ok(true) => match event::read() {
                        Ok(e) => {
                            if tx.send(Event::Terminal(e)).is_err() {
                                return;
                            }
                        }
                        Err(e) => {
                            let _ = tx.send(Event::InputError(e.to_string()));
                            return;
                        }
                    },
                    Ok(false) => break,
                    Err(e) => {
                        let _ = tx.send(Event::InputError(e.to_string()));
                        return;
                    }
                }
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
