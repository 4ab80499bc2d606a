//! The board's concepts and every operation on them. Pure: no terminal, no disk.

pub mod board;
pub mod cadence;
pub mod checks;
pub mod fields;
pub mod filter;
pub mod history;
pub mod key;
pub mod model;
pub mod ops;
pub mod rank;
pub mod short_text;

pub use board::{Board, Damaged, ListId, percent, sum_points};
pub use history::{Change, Event};
pub use model::{
    BoardFile, Column, Comment, Epic, Kind, Member, Moscow, Origin, Remote, RemoteKind, Rice, SCHEMA, Sprint,
    SprintState, Story, Wsjf,
};
pub use ops::{
    Changes, ColumnPlace, Ctx, Edit, Move, NewSprint, NewStory, Op, OpError, Position, SortBy, SprintEdit, Stranded,
};
pub use rank::Rank;
pub use short_text::ShortText;
