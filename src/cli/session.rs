//! Opening the board a command works on, and saving what it changed.

use std::path::Path;

use super::CliError;
use crate::config;
use crate::domain::{Board, Changes, Ctx, OpError};
use crate::interop::example::example_board;
use crate::store::layout::{self, Location, Origin};
use crate::store::retry::{self, NotSaved, Saved};
use crate::store::{Store, StoreError};

pub struct Session {
    pub location: Location,
    pub store: Store,
    pub board: Board,
    pub ctx: Ctx,
    pub config: config::Config,
    /// The personal board was created from the example just now.
    pub created: bool,
    /// A configuration file that could not be used (the defaults are).
    pub config_problem: Option<String>,
}

/// Finds and opens the board, creating the personal board from the example on first use.
pub fn open(board_arg: Option<&Path>) -> Result<Session, CliError> {
    open_with(board_arg, Store::open, true)
}

/// Finds and opens a board that is there: outside a board, before the personal board exists,
/// it says so rather than create the example board (`import` must not fill it with samples).
/// With `read_only`, nothing is written anywhere, not even the parse cache.
pub fn open_existing(board_arg: Option<&Path>, read_only: bool) -> Result<Session, CliError> {
    open_with(board_arg, if read_only { Store::open_fresh } else { Store::open }, false)
}

/// A session for a command that changes the story `key` (as typed) and needs of the others
/// only where they are: they are read as stand-ins (see [`Store::open_places`]), that story
/// whole. Returns the key as the board spells it.
pub fn open_for(board_arg: Option<&Path>, key: &str) -> Result<(Session, String), CliError> {
    let mut s = open_with(board_arg, Store::open_places, true)?;
    let key = s.board.resolve_key(key)?;
    s.store.read_whole(&mut s.board, &key)?;
    Ok((s, key))
}

type Open = fn(&Path) -> Result<(Store, Board), crate::store::StoreError>;

fn open_with(board_arg: Option<&Path>, open: Open, create_personal: bool) -> Result<Session, CliError> {
    let cwd = std::env::current_dir().map_err(|e| CliError::bad(format!("cannot read the current directory: {e}")))?;
    let location = layout::locate(board_arg, &cwd)?;
    if !create_personal && location.origin == Origin::Personal && !location.root.join(crate::store::BOARD_FILE).exists()
    {
        return Err(CliError::bad("no board here: run `sprintboard init`, or pass --board"));
    }
    let (cfg, problem) = config::load();
    let config_problem = problem.map(|p| format!("ignoring the configuration: {p}"));
    if let Some(p) = &config_problem {
        eprintln!("sprintboard: {p}");
    }
    let now = config::now().map_err(CliError::bad)?;
    // The name may come from `git config`, a process of its own: look it up while the board loads.
    let cfg_for_name = cfg.clone();
    let user = std::thread::spawn(move || config::user_name(&cfg_for_name));
    let created = location.origin == Origin::Personal && !location.root.join(crate::store::BOARD_FILE).exists();
    if created {
        let today = now.to_zoned_datetime(jiff::tz::TimeZone::system()).date();
        let example = example_board(today).map_err(CliError::refused)?;
        Store::create(&location.root, &example)?;
        eprintln!("sprintboard: created your personal board at {} from the example board", location.root.display());
    }
    let (store, board) = open(&location.root)?;
    // A story file that cannot be read stops nothing else: it is named, once, with the way out.
    for (key, e) in store.damaged() {
        eprintln!("sprintboard: {e}; {key} is left out until it is repaired: {}", crate::domain::Damaged::way_out(key));
    }
    // The board opens whatever a merge left between its files; what is wrong is said each time.
    for w in store.warnings().iter().take(5) {
        eprintln!("sprintboard: warning: {w}");
    }
    if store.warnings().len() > 5 {
        eprintln!("sprintboard: warning: … and {} more: `sprintboard check` lists them", store.warnings().len() - 5);
    }
    let user = user.join().unwrap_or_else(|_| "someone".to_owned());
    let ctx = Ctx { now, user: user.into(), rng: fastrand::Rng::new() };
    Ok(Session { location, store, board, ctx, config: cfg, created, config_problem })
}

impl Session {
    /// Ends the command without freeing the board story by story: the process exits right
    /// after, and on a board of 100,000 stories freeing them would take a tenth of a second.
    pub fn end(self) {
        std::mem::forget(self);
    }

    /// Applies `op` and saves what it changed. When another process changed one of those files
    /// since it was read, reads the board again and re-applies `op` to the fresh copy (the
    /// shared policy of [`retry::save`]), so a concurrent change is never overwritten.
    pub fn apply<T>(
        &mut self,
        mut op: impl FnMut(&mut Board, &mut Ctx) -> Result<(T, Changes), OpError>,
    ) -> Result<T, CliError> {
        let (out, changes) = op(&mut self.board, &mut self.ctx)?;
        let mut again_out = None;
        let ctx = &mut self.ctx;
        let mut again = |b: &mut Board| -> Result<Changes, OpError> {
            let (o, c) = op(b, ctx)?;
            again_out = Some(o);
            Ok(c)
        };
        let result = retry::save(&mut self.store, &self.location.root, &self.board, &changes, Some(&mut again));
        match result {
            Ok(Saved::AsMade) => Ok(out),
            Ok(Saved::Again { board, .. }) => {
                self.board = *board;
                Ok(again_out.unwrap_or(out))
            }
            Err(NotSaved::Refused { board, reason }) => {
                self.board = *board;
                Err(reason.map_or_else(|| StoreError::Conflict(Vec::new()).into(), CliError::from))
            }
            Err(NotSaved::Failed { error, .. }) => Err((*error).into()),
        }
    }
}

#[cfg(test)]
mod tests;
