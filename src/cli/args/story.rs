//! The arguments of the story commands: `add`, `list`, `show`, `move`, `edit`.

use clap::{ArgGroup, Args, ValueEnum};

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The story's title, one line
    pub title: String,
    /// Its estimate in points
    #[arg(long, value_name = "N", value_parser = crate::domain::fields::estimate)]
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

#[cfg(test)]
mod tests;
