//! The command line, as clap derives it.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "sprintboard",
    version,
    about = "A keyboard-first sprint board in your terminal, stored as plain files in your git repository.",
    after_help = "Without a command, shows the board. Exit codes: 0 success, 1 operation refused, 2 bad input or usage."
)]
pub struct Cli {
    /// The board to use: its directory, or a directory holding .sprintboard/
    #[arg(long, global = true, value_name = "PATH")]
    pub board: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a team board (.sprintboard/) in this directory
    Init {
        /// The board's name (default: this directory's name)
        #[arg(long)]
        name: Option<String>,
        /// The story key prefix, e.g. SB for SB-K7QX
        #[arg(long, default_value = "SB")]
        prefix: String,
        /// Also install a git pre-commit hook that runs `sprintboard check`
        #[arg(long, conflicts_with = "no_hook")]
        hook: bool,
        /// Do not offer the pre-commit hook
        #[arg(long)]
        no_hook: bool,
    },
    /// Add a story; prints its key
    Add(AddArgs),
    /// List stories in rank order
    List {
        /// A sprint (name or id), `backlog`, or `all` (sprints in order, then the backlog)
        #[arg(long, default_value = "all", value_name = "S")]
        sprint: String,
        /// Only stories in this column
        #[arg(long, value_name = "COLUMN")]
        status: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one story with every field and its history
    Show {
        /// The story's key
        key: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Move a story to another sprint, column or place
    Move(MoveArgs),
    /// Change a story's fields
    Edit(EditArgs),
    /// Record that one story blocks another: `link A --blocks B` (B waits on A)
    Link {
        /// The story that blocks
        key: String,
        /// The story that waits on it
        #[arg(long, value_name = "KEY")]
        blocks: String,
    },
    /// Remove a link: `unlink A B` (B no longer waits on A)
    Unlink {
        /// The story that blocked
        blocker: String,
        /// The story that waited on it
        key: String,
    },
    /// Add a comment to a story (kept with who and when; shown by show)
    Comment {
        /// The story's key
        key: String,
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Repair a story file (or board.ron) that cannot be read: opens the file's own text in
    /// $VISUAL / $EDITOR with the problem noted on top, and writes it back once it parses
    Repair {
        /// The story's key, or `board.ron`
        key: String,
    },
    /// Delete a story
    Delete {
        /// The story's key
        key: String,
    },
    /// Plan, start, close and list sprints
    #[command(subcommand)]
    Sprint(SprintCommand),
    /// Create, rename, describe, delete and list epics
    #[command(subcommand)]
    Epic(EpicCommand),
    /// Change the workflow: add, rename, move, limit and remove columns
    #[command(subcommand)]
    Column(ColumnCommand),
    /// Print a shell completion script: `sprintboard completions bash > ~/.local/share/bash-completion/completions/sprintboard`
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `sprintboard man | man -l -`
    Man,
    /// Print the whole board in another format
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
    /// Commit the board's changes, pull (merging field by field) and push, with the system git
    Sync,
    /// Register the board's git merge driver in this clone (run once after cloning)
    GitSetup,
    /// Who you are here: the name recorded in histories, where it comes from, and which of the
    /// board's people it is
    Whoami,
    /// Check the whole board: files that do not parse, duplicate keys, dangling references
    /// (errors, exit 2) and WIP limits exceeded, a story planned before what it waits on,
    /// leftover files (warnings)
    Check {
        /// Treat warnings as errors (exit 1)
        #[arg(long)]
        strict: bool,
    },
    /// The git merge driver (git runs it; see `git-setup`)
    #[command(hide = true)]
    MergeDriver {
        base: std::path::PathBuf,
        ours: std::path::PathBuf,
        theirs: std::path::PathBuf,
        #[arg(default_value_t = 7)]
        marker: usize,
        #[arg(default_value = "")]
        name: String,
    },
    /// Velocity (committed and completed per sprint), burndown of a sprint, or what each person
    /// did since the last standup
    Report {
        #[arg(value_parser = ["velocity", "burndown", "standup", "forecast", "html"])]
        kind: String,
        /// standup: moves since this date or time (default: the last standup); velocity:
        /// sprints started since
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// burndown: the sprint (default: the active one)
        #[arg(long, value_name = "S")]
        sprint: Option<String>,
        /// forecast: only this epic and its stories
        #[arg(long, value_name = "NAME")]
        epic: Option<String>,
        /// forecast: how many simulated futures
        #[arg(long, default_value_t = 10_000)]
        runs: usize,
        /// forecast: the random seed (the same seed gives the same forecast)
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// text, json, or svg (a chart: velocity, burndown and forecast)
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Write to this file instead of standard output (html: the directory to write
        /// index.html into)
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import stories: a Jira CSV export, a Trello board or card export (JSON), GitHub issues
    /// (`gh issue list --state all --json number,title,body,state,labels,assignees,milestone,url`
    /// or `gh api repos/OWNER/REPO/issues`), or this board's own `export --format json`.
    /// Importing the same file again updates the stories it created and adds only new ones.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_parser = ["jira", "trello", "github", "sprintboard"])]
    pub source: String,
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

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The story's title, one line
    pub title: String,
    #[arg(long)]
    pub points: Option<u32>,
    /// Epic name or id
    #[arg(long)]
    pub epic: Option<String>,
    /// A sprint (name or id) or `backlog` (the default)
    #[arg(long, value_name = "S")]
    pub sprint: Option<String>,
    /// The column to start in (default: the first)
    #[arg(long, value_name = "COLUMN")]
    pub status: Option<String>,
    #[arg(long)]
    pub assignee: Option<String>,
    /// A label; repeat for more
    #[arg(long = "label", value_name = "L")]
    pub labels: Vec<String>,
}

#[derive(Debug, Args)]
#[command(group = ArgGroup::new("place").args(["top", "bottom", "before", "after"]))]
pub struct MoveArgs {
    /// The story's key (any case; the prefix may be left out)
    pub key: String,
    /// A sprint (name or id) or `backlog`
    #[arg(long, value_name = "S")]
    pub sprint: Option<String>,
    /// A column, by name (any case)
    #[arg(long, value_name = "COLUMN")]
    pub status: Option<String>,
    /// To the top of its list
    #[arg(long)]
    pub top: bool,
    /// To the bottom of its list
    #[arg(long)]
    pub bottom: bool,
    /// Just before this story (and into its list)
    #[arg(long, value_name = "KEY")]
    pub before: Option<String>,
    /// Just after this story (and into its list)
    #[arg(long, value_name = "KEY")]
    pub after: Option<String>,
}

#[derive(Debug, Args)]
#[command(group = ArgGroup::new("who").args(["assignee", "unassign"]))]
#[command(group = ArgGroup::new("block").args(["blocked", "unblocked"]))]
pub struct EditArgs {
    /// The story's key
    pub key: String,
    #[arg(long, allow_hyphen_values = true)]
    pub title: Option<String>,
    /// Points, or `none`
    #[arg(long, value_name = "N|none")]
    pub points: Option<String>,
    #[arg(long)]
    pub assignee: Option<String>,
    #[arg(long)]
    pub unassign: bool,
    /// Epic name or id, or `none`
    #[arg(long, value_name = "E|none")]
    pub epic: Option<String>,
    /// Add a label; repeat for more
    #[arg(long = "label", value_name = "L")]
    pub labels: Vec<String>,
    /// Remove a label; repeat for more
    #[arg(long = "unlabel", value_name = "L")]
    pub unlabels: Vec<String>,
    /// Flag the story blocked, with the reason
    #[arg(long, value_name = "REASON", allow_hyphen_values = true)]
    pub blocked: Option<String>,
    /// Clear the blocked flag
    #[arg(long)]
    pub unblocked: bool,
    #[arg(long, allow_hyphen_values = true)]
    pub description: Option<String>,
    /// Acceptance criteria
    #[arg(long, allow_hyphen_values = true)]
    pub acceptance: Option<String>,
    /// story, bug, task or spike
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// must, should, could, wont, or none
    #[arg(long, value_name = "CLASS")]
    pub moscow: Option<String>,
    /// RICE inputs: reach,impact,confidence,effort (or none)
    #[arg(long, value_name = "R,I,C,E")]
    pub rice: Option<String>,
    /// WSJF inputs: business value,time criticality,risk reduction,job size (or none)
    #[arg(long, value_name = "BV,TC,RR,JS")]
    pub wsjf: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SprintCommand {
    /// Plan a new sprint (added after the others)
    New {
        name: String,
        #[arg(long)]
        goal: Option<String>,
        /// YYYY-MM-DD
        #[arg(long)]
        start: Option<String>,
        /// YYYY-MM-DD
        #[arg(long)]
        end: Option<String>,
        /// Capacity in points
        #[arg(long)]
        capacity: Option<u32>,
    },
    /// Start a planned sprint
    Start { sprint: String },
    /// Close the active sprint (or the one named); unfinished stories go to the next planned
    /// sprint, or to the backlog
    Close { sprint: Option<String> },
    /// Change a sprint's name, goal, dates or capacity
    Edit {
        sprint: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        goal: Option<String>,
        /// YYYY-MM-DD, or none
        #[arg(long)]
        start: Option<String>,
        /// YYYY-MM-DD, or none
        #[arg(long)]
        end: Option<String>,
        /// Capacity in points, or none
        #[arg(long)]
        capacity: Option<String>,
    },
    /// Put an active sprint back to planned, its stories where they are (a sprint started by
    /// mistake, or the second of two that two clones started)
    Stop { sprint: String },
    /// List the sprints
    List {
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ColumnCommand {
    /// Add a column (by default before the last one, where finished work goes)
    Add {
        name: String,
        /// Put it after this column
        #[arg(long, value_name = "COLUMN", conflicts_with = "first")]
        after: Option<String>,
        /// Put it first
        #[arg(long)]
        first: bool,
        /// Its work-in-progress limit
        #[arg(long)]
        wip: Option<u32>,
    },
    /// Rename a column (its stories stay in it)
    Rename { column: String, name: String },
    /// Move a column to another place in the workflow
    Move {
        column: String,
        /// After this column
        #[arg(long, value_name = "COLUMN", required_unless_present_any = ["first", "last"])]
        after: Option<String>,
        #[arg(long, conflicts_with = "after")]
        first: bool,
        #[arg(long, conflicts_with_all = ["after", "first"])]
        last: bool,
    },
    /// Set a column's work-in-progress limit: a number, or none
    Wip { column: String, limit: String },
    /// Remove a column; refused while stories are in it, unless --to moves them
    Remove {
        column: String,
        /// Move its stories to this column first
        #[arg(long, value_name = "COLUMN")]
        to: Option<String>,
    },
    /// List the columns with their limits and how many stories each holds
    List {
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum EpicCommand {
    /// Create an epic
    New {
        name: String,
        #[arg(long)]
        description: Option<String>,
    },
    /// Rename an epic (its stories stay in it)
    Rename { epic: String, name: String },
    /// Change an epic's description
    Edit {
        epic: String,
        #[arg(long)]
        description: String,
    },
    /// Delete an epic; its stories stay, without an epic (asks first at a terminal)
    Delete {
        epic: String,
        /// Do not ask
        #[arg(long)]
        yes: bool,
    },
    /// List the epics with their progress
    List {
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Svg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Markdown,
    Ron,
}
