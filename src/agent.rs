//! The board for agents: `sprintboard mcp` serves the Model Context Protocol over standard
//! input and output, so a coding agent can find its story, move it, comment and record what
//! blocks it, through the same operations, validation and retries as a person, and with its
//! changes in the same history under its own name.
//!
//! [`tools`] is the table of tools and what each does, on a [`Workspace`] (the board kept
//! open); [`resources`] the stories and the summary a client can attach; [`server`] the MCP
//! glue (rmcp) and the only part that runs on tokio.

pub mod reply;
pub mod resources;
pub mod server;
mod stdio;
pub mod tools;
pub mod workspace;

pub use reply::{Reply, ToolError};
pub use server::serve;
pub use workspace::Workspace;

#[cfg(test)]
mod tests;
