//! Formats in and out: the JSON story shape, exports, and the example board.

pub mod chart;
pub mod example;
pub mod export;
pub mod import;
pub mod merge;
pub mod status_page;
pub mod story_form;
pub mod story_text;
pub mod view;
