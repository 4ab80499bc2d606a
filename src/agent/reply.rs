//! What a tool answers: text for the model to read and the same as structured content; or,
//! when it refused, an error whose text says why and how to go on (a tool error, not a
//! protocol error: the model reads it and can correct its call).

use serde_json::Value;

use crate::domain::OpError;
use crate::store::StoreError;

/// A tool's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// For the model to read; controls and bidi controls escaped (see [`crate::text::visible`]).
    pub text: String,
    /// The same as JSON (always an object, as MCP's `structuredContent` wants).
    pub structured: Value,
    /// The call was refused: nothing was changed.
    pub is_error: bool,
}

impl Reply {
    pub fn ok(text: impl Into<String>, structured: Value) -> Reply {
        let structured = match structured {
            Value::Object(_) => structured,
            other => serde_json::json!({ "result": other }),
        };
        Reply { text: crate::text::visible(&text.into()).into_owned(), structured, is_error: false }
    }

    pub fn refused(error: &ToolError) -> Reply {
        let text = crate::text::visible(&error.0).into_owned();
        Reply { structured: serde_json::json!({ "error": text }), text, is_error: true }
    }
}

/// Why a call was refused, in words for the model: what was wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ToolError(pub String);

impl ToolError {
    pub fn refused(message: impl Into<String>) -> ToolError {
        ToolError(message.into())
    }

    pub fn store(e: StoreError) -> ToolError {
        ToolError(e.to_string())
    }
}

impl From<OpError> for ToolError {
    fn from(e: OpError) -> ToolError {
        ToolError(e.to_string())
    }
}
