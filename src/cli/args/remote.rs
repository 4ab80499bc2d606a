//! `remote`: the issue tracker a board is kept in step with.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum RemoteCommand {
    /// Keep the board in step with a GitHub repository's issues (recorded in board.ron, so the
    /// whole team shares it)
    Add {
        /// The kind of tracker
        #[arg(value_parser = ["github"])]
        kind: String,
        /// The repository: OWNER/REPO
        #[arg(value_name = "OWNER/REPO")]
        repo: String,
        /// The prefix of the labels that carry a story's column: `status: ` makes `status: Review`
        #[arg(long, value_name = "PREFIX", default_value = "status: ")]
        status_labels: String,
        /// Publish the stories made on the board as new issues when syncing
        #[arg(long)]
        publish_new: bool,
    },
    /// List the board's remotes
    List,
    /// Stop syncing with a repository (linked stories keep their link)
    Remove {
        /// The repository: OWNER/REPO
        #[arg(value_name = "OWNER/REPO")]
        repo: String,
    },
    /// Publish one story as a new issue and link it
    Publish {
        /// The story's key
        key: String,
        #[command(flatten)]
        which: WhichRemote,
    },
    /// Exchange what changed on the board and on GitHub since the last sync, field by field
    Sync(RemoteSyncArgs),
}

/// The remote meant, when the board has more than one.
#[derive(Debug, Args)]
pub struct WhichRemote {
    /// The remote to use (needed when the board has more than one)
    #[arg(long, value_name = "OWNER/REPO")]
    pub repo: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoteSyncArgs {
    /// Say what would change, and change nothing on the board or on GitHub
    #[arg(long)]
    pub dry_run: bool,
    /// Bring in closed issues too (else only open ones, and those linked already)
    #[arg(long)]
    pub include_closed: bool,
    /// Where a field changed on both sides, take GitHub's value: `SB-K7QX` (every such field) or
    /// `SB-K7QX.title`; repeat for more
    #[arg(long, value_name = "KEY[.FIELD]")]
    pub take_theirs: Vec<String>,
    #[command(flatten)]
    pub which: WhichRemote,
}
