//! The tools an agent is offered: one table ([`TOOLS`]) of each tool's name, description for a
//! model, input schema and what it does. The server lists and calls them from this table; the
//! tests go through it.

mod fields;
mod reading;
mod tool;
mod writing;

use serde_json::{Map, Value};

pub use tool::{Call, Effect, Tool, schema_of};

use super::reply::{Reply, ToolError};
use super::workspace::Workspace;

/// Every tool, in the order they are listed.
pub static TOOLS: &[Tool] = &[
    reading::LIST_STORIES,
    reading::SHOW_STORY,
    writing::CREATE_STORY,
    writing::EDIT_STORY,
    writing::MOVE_STORY,
    writing::ADD_COMMENT,
    writing::LINK_STORIES,
    writing::UNLINK_STORIES,
    reading::BOARD_SUMMARY,
    reading::FORECAST,
    reading::STANDUP,
];

/// The tools a server offers: all of them, or with `read_only` those that only read.
pub fn offered(read_only: bool) -> impl Iterator<Item = &'static Tool> {
    TOOLS.iter().filter(move |t| !(read_only && t.writes()))
}

/// The tool named `name`, whether offered or not.
pub fn find(name: &str) -> Option<&'static Tool> {
    TOOLS.iter().find(|t| t.name == name)
}

/// Runs `tool` on the board as the files hold it now. Never fails as a call: a refusal is a
/// reply marked as an error, and then nothing was written.
pub fn call(ws: &mut Workspace, tool: &Tool, args: Option<&Map<String, Value>>, client: Option<&str>) -> Reply {
    if tool.writes() && ws.read_only() {
        return Reply::refused(&ToolError::refused(format!(
            "{} changes the board, and this server is read-only (started with --read-only): nothing was changed",
            tool.name
        )));
    }
    let empty = Map::new();
    let call = Call { args: args.unwrap_or(&empty), client };
    let result = ws.refresh().and_then(|_| (tool.run)(ws, &call));
    match result {
        Ok(reply) => reply,
        Err(e) => Reply::refused(&e),
    }
}

#[cfg(test)]
pub(in crate::agent) mod tests;
