//! `import` and `export`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Where the file comes from
    #[arg(value_parser = ["jira", "trello", "github", "sprintboard"])]
    pub source: String,
    /// The exported file to read
    pub file: PathBuf,
    /// Print what would be imported, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Put a Jira status (or any source's status) in a column: `--map-status "Verifying=Review"`;
    /// repeat for more
    #[arg(long = "map-status", value_name = "STATUS=COLUMN")]
    pub map_status: Vec<String>,
    /// Put a Trello list's cards in a column: `--map-list "Ready to merge=Review"`; repeat for more
    #[arg(long = "map-list", value_name = "LIST=COLUMN")]
    pub map_list: Vec<String>,
    /// Add a column for each status or list that matches none (instead of the nearest column)
    #[arg(long)]
    pub create_columns: bool,
    /// Import an export whose records have no ids (each import then adds them all again)
    #[arg(long)]
    pub allow_duplicates: bool,
    /// Import the finished issues that were never in a sprint too (as done stories in the backlog)
    #[arg(long)]
    pub include_done: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Markdown,
    Ron,
}
