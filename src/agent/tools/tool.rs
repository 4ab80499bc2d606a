//! What a tool is (its row in the table of tools) and what a call hands it.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::agent::reply::{Reply, ToolError};
use crate::agent::workspace::Workspace;

/// One call: its arguments and the client's name (for the history).
pub struct Call<'a> {
    pub args: &'a Map<String, Value>,
    pub client: Option<&'a str>,
}

impl Call<'_> {
    /// The arguments as the tool's own type; a missing, unknown or mistyped argument is
    /// refused with serde's words (`missing field `key``, `invalid type: …, expected …`).
    pub(super) fn parse<T: DeserializeOwned>(&self) -> Result<T, ToolError> {
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
    /// What it does to the board (a read-only server offers only the tools that read).
    pub effect: Effect,
    /// Its input's JSON schema (an object schema).
    pub schema: fn() -> Map<String, Value>,
    pub run: fn(&mut Workspace, &Call) -> Result<Reply, ToolError>,
}

/// What a tool does to the board, as clients are told (MCP's `readOnlyHint` and
/// `destructiveHint`: a client may ask its person before a call that replaces something).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Reads,
    /// Adds to it and replaces nothing: a story, a comment, a link.
    Adds,
    /// May replace what was there: a field, a place, a link removed.
    Changes,
}

impl Tool {
    pub fn writes(&self) -> bool {
        self.effect != Effect::Reads
    }
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
