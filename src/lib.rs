//! sprintboard: a keyboard-first sprint board whose store is plain RON files shared through git.

pub mod agent;
pub mod cli;
pub mod config;
pub mod domain;
pub mod interop;
pub mod remote;
pub mod report;
pub mod share;
pub mod store;
pub mod text;
pub mod tui;
