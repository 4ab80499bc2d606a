//! The board's data as it is stored: `board.ron` ([`BoardFile`], in `board_file`) and one
//! [`Story`] per file (in `story`).
//!
//! Field order here is file order. Every struct denies unknown fields, so a typo or a field from a
//! newer version is refused with a clear message instead of being silently dropped on the next save.

mod board_file;
mod story;

pub use board_file::{
    BoardFile, Column, Epic, Member, Remote, RemoteKind, Sprint, SprintState, check_repo, day_name, default_columns,
    default_working_days, slug, unique_id,
};
pub use story::{Comment, Kind, Moscow, Origin, Rice, Story, Wsjf};

/// The schema version this build reads and writes, carried in every file.
pub const SCHEMA: u32 = 1;
