//! The runtime (`tui/mod.rs`) against a real store on disk.

mod damaged;
mod runtime;
