//! The one retry policy, shared by the command line and the TUI: save a change; when another
//! process changed one of its files since it was read, read the board again and make the
//! change again on the fresh copy, a few times, instead of overwriting theirs or giving up.

use std::path::Path;

use super::{Store, StoreError};
use crate::domain::{Board, Changes};

/// How many times in all a change is saved before the conflict is reported.
pub const ATTEMPTS: usize = 3;

/// A change that reached the disk.
#[derive(Debug)]
pub enum Saved {
    /// As it was made.
    AsMade,
    /// Made again on the board as read afresh, which is what the disk holds now.
    Again { board: Box<Board>, changes: Box<Changes> },
}

/// A change that did not reach the disk. Each carries the board as the disk holds it now, when
/// it could be read, so that what is shown is what is there.
#[derive(Debug)]
pub enum NotSaved<E> {
    /// Another process changed its files and the change could not (or may not) be made again:
    /// `reason` says why, `None` for a change that is never re-applied (an undo, a deletion).
    Refused { board: Box<Board>, reason: Option<E> },
    /// The board could not be written (or read again).
    Failed { board: Option<Box<Board>>, error: Box<StoreError> },
}

/// Makes a change again on a board read afresh.
pub type Again<'a, E> = &'a mut dyn FnMut(&mut Board) -> Result<Changes, E>;

/// Saves `changes` made on `board` into `store` (the board at `root`). On a conflict, reads the
/// board afresh and asks `again` to make the change on it, up to [`ATTEMPTS`] saves in all.
pub fn save<E>(
    store: &mut Store,
    root: &Path,
    board: &Board,
    changes: &Changes,
    again: Option<Again<'_, E>>,
) -> Result<Saved, NotSaved<E>> {
    // Read afresh after a conflict (the disk is the only truth), and from then on the store
    // still uses the parse cache or not as it did (see `Store::uses_cache`).
    let uses_cache = store.uses_cache;
    let reread = |store: &mut Store| -> Option<Box<Board>> {
        let (mut fresh_store, fresh) = Store::open_fresh(root).ok()?;
        fresh_store.uses_cache = uses_cache;
        *store = fresh_store;
        Some(Box::new(fresh))
    };
    match store.save(board, changes) {
        Ok(()) => return Ok(Saved::AsMade),
        Err(StoreError::Conflict(_)) => {}
        Err(error) => return Err(NotSaved::Failed { board: reread(store), error: Box::new(error) }),
    }
    let Some(again) = again else {
        return match reread(store) {
            Some(board) => Err(NotSaved::Refused { board, reason: None }),
            None => Err(NotSaved::Failed { board: None, error: Box::new(StoreError::Conflict(Vec::new())) }),
        };
    };
    let mut attempt = 1;
    loop {
        let (mut fresh_store, mut fresh) = match Store::open_fresh(root) {
            Ok(opened) => opened,
            Err(error) => return Err(NotSaved::Failed { board: None, error: Box::new(error) }),
        };
        fresh_store.uses_cache = uses_cache;
        *store = fresh_store;
        let changes = match again(&mut fresh) {
            Ok(c) => c,
            Err(reason) => {
                // `fresh` may hold part of the refused change: show the disk instead.
                let board = reread(store).unwrap_or_else(|| Box::new(fresh));
                return Err(NotSaved::Refused { board, reason: Some(reason) });
            }
        };
        attempt += 1;
        match store.save(&fresh, &changes) {
            Ok(()) => return Ok(Saved::Again { board: Box::new(fresh), changes: Box::new(changes) }),
            Err(StoreError::Conflict(_)) if attempt < ATTEMPTS => {}
            Err(error) => return Err(NotSaved::Failed { board: reread(store), error: Box::new(error) }),
        }
    }
}
