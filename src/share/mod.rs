//! Sharing a board through git, as a library: the plumbing that runs git, setting a clone up
//! (the merge driver's registration and the pre-commit hook), the merge driver itself, and
//! `sync`. Nothing here prints: each function returns what happened, or a [`ShareError`] that
//! says why not, and the caller (the command line today) says it.

pub mod done;
pub mod driver;
pub mod error;
pub mod git;
pub mod setup;
pub mod sync;

pub use error::ShareError;
