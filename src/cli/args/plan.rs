//! The planning commands: sprints, columns, epics.

use clap::Subcommand;

use super::ShowFormat;

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
        #[arg(long, value_parser = crate::domain::fields::whole_number)]
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
