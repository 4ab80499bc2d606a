//! A board kept in step with an issue tracker (GitHub Issues): the tracker's shapes and the
//! calls the sync makes (`github`), and the two-way, field-by-field exchange (`sync`). Like
//! `share/`, a library layer: nothing here prints; the CLI and the TUI say what it returns.

pub mod github;
pub mod report;
pub mod state;
pub mod sync;
