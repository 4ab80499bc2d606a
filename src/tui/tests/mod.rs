//! The runtime (`tui/mod.rs`) against a real store on disk.

mod damaged;
mod remote_sync;
mod runtime;
