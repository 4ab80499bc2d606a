//! One channel feeds the event loop: terminal input from a thread that blocks on it, and the
//! signals that ask the program to end. Nothing ticks: an idle board sleeps in `recv`.

use std::sync::mpsc::Sender;

use ratatui::crossterm::event::{self, Event as TermEvent};

pub enum Event {
    Terminal(TermEvent),
    /// SIGTERM, SIGHUP or SIGINT: quit, restoring the terminal.
    Signal(i32),
    /// The terminal could not be read any more.
    InputError(String),
}

pub fn spawn_input(tx: Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            let e = match event::read() {
                Ok(e) => Event::Terminal(e),
                Err(e) => {
                    let _ = tx.send(Event::InputError(e.to_string()));
                    return;
                }
            };
            if tx.send(e).is_err() {
                return;
            }
        }
    });
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
