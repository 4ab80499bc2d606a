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
    /// Velocity, burndown, standup, forecast and the HTML report
    #[command(subcommand)]
    Report(ReportCommand),
    /// Import stories: a Jira CSV export, a Trello board or card export (JSON), GitHub issues
    /// (`gh issue list --state all --json number,title,body,state,labels,assignees,milestone,url`
    /// or `gh api repos/OWNER/REPO/issues`), or this board's own `export --format json`.
    /// Importing the same file again updates the stories it created and adds only new ones.
    Import(ImportArgs),
}

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

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The story's title, one line
    pub title: String,
    /// Its estimate in points
    #[arg(long, value_name = "N")]
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
    /// Who works on it
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    /// A label; repeat for more
    #[arg(long = "label", value_name = "L")]
    pub labels: Vec<String>,
    /// story (the default), bug, task or spike
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// The description (more lines: `edit` it later, or in the TUI)
    #[arg(long, allow_hyphen_values = true)]
    pub description: Option<String>,
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
    /// A new title, one line
    #[arg(long, allow_hyphen_values = true)]
    pub title: Option<String>,
    /// Points, or `none`
    #[arg(long, value_name = "N|none")]
    pub points: Option<String>,
    /// Who works on it
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    /// Leave it unassigned
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
    /// The description
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
        /// The sprint's name
        name: String,
        /// What the sprint is for
        #[arg(long)]
        goal: Option<String>,
        /// Its first day: YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// Its last day: YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// Capacity in points
        #[arg(long)]
        capacity: Option<u32>,
    },
    /// Start a planned sprint
    Start {
        /// The sprint (name or id)
        sprint: String,
    },
    /// Close the active sprint (or the one named); unfinished stories go to the next planned
    /// sprint, or to the backlog
    Close {
        /// The sprint (name or id); default: the active one
        sprint: Option<String>,
    },
    /// Change a sprint's name, goal, dates or capacity
    Edit {
        /// The sprint (name or id)
        sprint: String,
        /// A new name
        #[arg(long)]
        name: Option<String>,
        /// A new goal
        #[arg(long)]
        goal: Option<String>,
        /// Its first day: YYYY-MM-DD, or none
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// Its last day: YYYY-MM-DD, or none
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// Capacity in points, or none
        #[arg(long)]
        capacity: Option<String>,
    },
    /// Put an active sprint back to planned, its stories where they are (a sprint started by
    /// mistake, or the second of two that two clones started)
    Stop {
        /// The sprint (name or id)
        sprint: String,
    },
    /// List the sprints
    List {
        /// How to print the list
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ColumnCommand {
    /// Add a column (by default before the last one, where finished work goes)
    Add {
        /// The column's name
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
    Rename {
        /// The column (its name)
        column: String,
        /// Its new name
        name: String,
    },
    /// Move a column to another place in the workflow
    Move {
        /// The column (its name)
        column: String,
        /// After this column
        #[arg(long, value_name = "COLUMN", required_unless_present_any = ["first", "last"])]
        after: Option<String>,
        /// First in the workflow
        #[arg(long, conflicts_with = "after")]
        first: bool,
        /// Last in the workflow (where finished work goes)
        #[arg(long, conflicts_with_all = ["after", "first"])]
        last: bool,
    },
    /// Set a column's work-in-progress limit: a number, or none
    Wip {
        /// The column (its name)
        column: String,
        /// The limit: a number, or none
        limit: String,
    },
    /// Remove a column; refused while stories are in it, unless --to moves them
    Remove {
        /// The column (its name)
        column: String,
        /// Move its stories to this column first
        #[arg(long, value_name = "COLUMN")]
        to: Option<String>,
    },
    /// List the columns with their limits and how many stories each holds
    List {
        /// How to print the list
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum EpicCommand {
    /// Create an epic
    New {
        /// The epic's name
        name: String,
        /// What the epic is about
        #[arg(long)]
        description: Option<String>,
    },
    /// Rename an epic (its stories stay in it)
    Rename {
        /// The epic (name or id)
        epic: String,
        /// Its new name
        name: String,
    },
    /// Change an epic's description
    Edit {
        /// The epic (name or id)
        epic: String,
        /// The new description
        #[arg(long)]
        description: String,
    },
    /// Delete an epic; its stories stay, without an epic (asks first at a terminal)
    Delete {
        /// The epic (name or id)
        epic: String,
        /// Do not ask
        #[arg(long)]
        yes: bool,
    },
    /// List the epics with their progress
    List {
        /// How to print the list
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
}

/// `report`: each report with the options it takes.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Velocity: points committed and completed per sprint
    Velocity {
        /// Only sprints started since this date (YYYY-MM-DD) or time (RFC 3339)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[command(flatten)]
        out: ChartOutput,
    },
    /// Burndown of a sprint: the points left each day
    Burndown {
        /// The sprint (name or id; default: the active one)
        #[arg(long, value_name = "S")]
        sprint: Option<String>,
        #[command(flatten)]
        out: ChartOutput,
    },
    /// Standup: what each person did since the last standup
    Standup {
        /// Moves since this date (YYYY-MM-DD) or time (RFC 3339); default: the last standup (a
        /// day ago, on a Monday since Friday)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// text or json
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Write the JSON to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Forecast: when the remaining work is likely done, from past velocity (Monte Carlo)
    Forecast {
        /// Only this epic and its stories
        #[arg(long, value_name = "NAME")]
        epic: Option<String>,
        /// How many simulated futures
        #[arg(long, value_name = "N", default_value_t = 10_000)]
        runs: usize,
        /// The random seed (the same seed gives the same forecast)
        #[arg(long, value_name = "N", default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        out: ChartOutput,
    },
    /// A static HTML report of the board (index.html and its charts) in a directory
    Html {
        /// The directory to write index.html into
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

/// `--format` and `--output` of the reports that draw a chart.
#[derive(Debug, Args)]
pub struct ChartOutput {
    /// text, json, or svg (a chart)
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write the JSON or SVG to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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

/// A usage error, with a word on where an option that does not apply here does apply:
/// `report velocity --epic X` says that `--epic` is an option of `report forecast`. Among the
/// commands next to the one typed first (the other reports), else anywhere.
pub fn explain(mut err: clap::Error, argv: &[String]) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::UnknownArgument {
        return err;
    }
    let Some(ContextValue::String(arg)) = err.get(ContextKind::InvalidArg) else { return err };
    let flag = arg.split('=').next().unwrap_or(arg).to_owned();
    let Some(long) = flag.strip_prefix("--") else { return err };
    // The commands typed: the deepest one whose path the arguments spell.
    let root = super::manual::built_command();
    let mut typed: Vec<String> = Vec::new();
    let mut at = &root;
    for word in argv.iter().skip(1) {
        if let Some(sub) = at.find_subcommand(word) {
            typed.push(sub.get_name().to_owned());
            at = sub;
        }
    }
    let parent = typed.split_last().map(|(_, p)| p.join(" ")).unwrap_or_default();
    let takes = |c: &clap::Command| c.get_arguments().any(|a| a.get_long() == Some(long) && !a.is_hide_set());
    let with: Vec<String> = super::manual::pages()
        .into_iter()
        .filter(|(_, c)| takes(c))
        .filter_map(|(_, c)| c.get_bin_name().and_then(|n| n.strip_prefix("sprintboard ")).map(str::to_owned))
        .collect();
    let near: Vec<String> =
        with.iter().filter(|n| !parent.is_empty() && n.starts_with(&format!("{parent} "))).cloned().collect();
    let list = if near.is_empty() { with } else { near };
    if list.is_empty() {
        return err;
    }
    let note = format!("{flag} applies to: {}", list.join(", "));
    err.insert(ContextKind::Suggested, ContextValue::StyledStrs(vec![note.into()]));
    err
}
