//! sprintboard: a keyboard-first sprint board whose store is plain RON files shared through git.

pub mod domain;
