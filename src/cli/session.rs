//! Opening the board a command works on, and saving what it changed.

use std::path::Path;

use super::CliError;
use crate::config;
use crate::domain::{Board, Changes, Ctx, OpError};
use crate::interop::example::example_board;
use crate::store::layout::{self, Location, Origin};
use crate::store::{Store, StoreError};

/// How many times a change is re-applied on a freshly read board when another process changed
/// one of its files in the meantime.
const ATTEMPTS: usize = 3;

pub struct Session {
    pub location: Location,
    pub store: Store,
    pub board: Board,
    pub ctx: Ctx,
}

/// Finds and opens the board, creating the personal board from the example on first use.
pub fn open(board_arg: Option<&Path>) -> Result<Session, CliError> {
    let cwd = std::env::current_dir().map_err(|e| CliError::bad(format!("cannot read the current directory: {e}")))?;
    let location = layout::locate(board_arg, &cwd)?;
    let (cfg, problem) = config::load();
    if let Some(p) = problem {
        eprintln!("sprintboard: ignoring the configuration: {p}");
    }
    let now = config::now().map_err(CliError::bad)?;
    let ctx = Ctx { now, user: config::user_name(&cfg), rng: fastrand::Rng::new() };
    if location.origin == Origin::Personal && !location.root.join(crate::store::BOARD_FILE).exists() {
        let today = now.to_zoned_datetime(jiff::tz::TimeZone::system()).date();
        let example = example_board(today).map_err(CliError::refused)?;
        Store::create(&location.root, &example)?;
        eprintln!("sprintboard: created your personal board at {} from the example board", location.root.display());
    }
    let (store, board) = Store::open(&location.root)?;
    Ok(Session { location, store, board, ctx })
}

impl Session {
    /// Applies `op` and saves what it changed. When another process changed one of those files
    /// since it was read, reads the board again and re-applies `op` to the fresh copy, so a
    /// concurrent change is never overwritten.
    pub fn apply<T>(
        &mut self,
        mut op: impl FnMut(&mut Board, &mut Ctx) -> Result<(T, Changes), OpError>,
    ) -> Result<T, CliError> {
        let mut attempt = 0;
        loop {
            let (out, changes) = op(&mut self.board, &mut self.ctx)?;
            match self.store.save(&self.board, &changes) {
                Ok(()) => return Ok(out),
                Err(StoreError::Conflict(_)) if attempt + 1 < ATTEMPTS => {
                    attempt += 1;
                    let (store, board) = Store::open(&self.location.root)?;
                    self.store = store;
                    self.board = board;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}
