//! The command line, as clap derives it: the commands here, their arguments beside them by
//! group (stories, planning, reports, import and export).

mod interop;
mod plan;
mod remote;
mod report;
mod story;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use interop::{ExportFormat, ImportArgs};
pub use plan::{ColumnCommand, EpicCommand, SprintCommand};
pub use remote::{RemoteCommand, RemoteSyncArgs, WhichRemote};
pub use report::{ChartOutput, ReportCommand, ReportFormat};
pub use story::{AddArgs, EditArgs, ListFormat, MoveArgs, ShowFormat};

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
        /// How to print the list
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one story with every field and its history
    Show {
        /// The story's key
        key: String,
        /// How to print the story
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Move a story to another sprint, column or place
    Move(MoveArgs),
    /// Change a story's fields
    Edit(EditArgs),
    /// Record that one story blocks another: `link A --blocks B` (B waits on A)
    #[command(override_usage = "sprintboard link <BLOCKER> --blocks <WAITING>")]
    Link {
        /// The story that blocks
        #[arg(value_name = "BLOCKER")]
        key: String,
        /// The story that waits on it
        #[arg(long, value_name = "WAITING")]
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
        /// The comment, one argument (quote it)
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Repair a story file (or board.ron) that cannot be read: opens the file's own text in
    /// $VISUAL / $EDITOR with the problem noted on top, and writes it back once it parses
    Repair {
        /// The story's key, or `board.ron`
        key: String,
    },
    /// Delete a story (asks first at a terminal)
    Delete {
        /// The story's key
        key: String,
        /// Do not ask
        #[arg(long)]
        yes: bool,
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
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `sprintboard man | man -l -`; with --dir, write it and one
    /// page per command (sprintboard-move.1, sprintboard-sprint-new.1, …) into a directory
    Man {
        /// Write sprintboard.1 and a page per command into this directory instead of printing
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print the whole board in another format
    Export {
        /// The format: json (everything, for `import sprintboard`), csv, markdown, or ron
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
    /// Commit the board's changes, pull (merging field by field) and push, with the system git;
    /// with a remote (`remote add`), the board is synced with its issues between the pull and
    /// the push
    Sync {
        /// Do not sync with the board's remote issue tracker
        #[arg(long)]
        no_remote: bool,
    },
    /// Register the board's git merge driver in this clone (run once after cloning)
    GitSetup,
    /// Who you are here: the name recorded in histories, where it comes from, and which of the
    /// board's people it is
    Whoami,
    /// Check the whole board: files that do not parse, duplicate keys, dangling references
    /// (errors, exit 2) and WIP limits exceeded, a story planned before what it waits on, an
    /// estimate over 10,000 points, leftover files (warnings)
    Check {
        /// Treat warnings as errors (exit 1)
        #[arg(long)]
        strict: bool,
    },
    /// Serve the board to coding agents over the Model Context Protocol (stdio): tools to
    /// list, show, create, edit, move, comment and link stories, and the board summary,
    /// forecast and standup. Run by an MCP client (see the README), not by hand
    Mcp {
        /// Offer only the tools that read: the agent cannot change the board
        #[arg(long)]
        read_only: bool,
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
    /// Velocity, burndown, standup, forecast and the HTML report
    #[command(subcommand)]
    Report(ReportCommand),
    /// Import stories: a Jira CSV export, a Trello board or card export (JSON), GitHub issues
    /// (`gh issue list --state all --json number,title,body,state,labels,assignees,milestone,url`
    /// or `gh api repos/OWNER/REPO/issues`), or this board's own `export --format json`.
    /// Importing the same file again updates the stories it created and adds only new ones.
    Import(ImportArgs),
    /// Keep the board in step with GitHub Issues: add, list and remove the repository, publish
    /// a story, sync
    #[command(subcommand)]
    Remote(RemoteCommand),
}
