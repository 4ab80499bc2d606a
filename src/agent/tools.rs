//! The tools an agent is offered: one table ([`TOOLS`]) of each tool's name, description for a
//! model, input schema and what it does. The server lists and calls them from this table; the
//! tests go through it.

mod fields;
mod reading;
mod writing;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::reply::{Reply, ToolError};
use super::workspace::Workspace;

/// One call: its arguments and the client's name (for the history).
pub struct Call<'a> {
    pub args: &'a Map<String, Value>,
    pub client: Option<&'a str>,
}

impl Call<'_> {
    /// The arguments as the tool's own type; a missing, unknown or mistyped argument is
    /// refused with serde's words (`missing field `key``, `invalid type: …, expected …`).
    fn parse<T: DeserializeOwned>(&self) -> Result<T, ToolError> {
        serde_json::from_value(Value::Object(self.args.clone()))
            .map_err(|e| ToolError::refused(format!("the arguments do not fit: {e} (see the tool's input schema)")))
    }
}

/// One tool.
pub struct Tool {
    pub name: &'static str,
    /// A short title for people (clients show it in their lists).
    pub title: &'static str,
    /// What it does and when to use it, written for a model.
    pub description: &'static str,
    /// It changes the board: not offered by a read-only server.
    pub writes: bool,
    /// Its input's JSON schema (an object schema).
    pub schema: fn() -> Map<String, Value>,
    pub run: fn(&mut Workspace, &Call) -> Result<Reply, ToolError>,
}

/// The schema of a type that derives it (the doc comments of its fields are their
/// descriptions), as MCP wants it: an object schema without the meta-schema line.
pub fn schema_of<T: JsonSchema>() -> Map<String, Value> {
    let mut schema = match serde_json::to_value(schemars::schema_for!(T)) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    schema.remove("$schema");
    schema.remove("title");
    schema.entry("type").or_insert_with(|| Value::from("object"));
    schema
}

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
    TOOLS.iter().filter(move |t| !(read_only && t.writes))
}

/// The tool named `name`, whether offered or not.
pub fn find(name: &str) -> Option<&'static Tool> {
    TOOLS.iter().find(|t| t.name == name)
}

/// Runs `tool` on the board as the files hold it now. Never fails as a call: a refusal is a
/// reply marked as an error, and then nothing was written.
pub fn call(ws: &mut Workspace, tool: &Tool, args: Option<&Map<String, Value>>, client: Option<&str>) -> Reply {
    if tool.writes && ws.read_only {
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
