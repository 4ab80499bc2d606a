//! What a client can attach to its context: the board summary and each story, by address
//! (`sprintboard://board/summary`, `sprintboard://story/SB-K7QX`), as the tools show them.

use super::reply::ToolError;
use super::tools::{self, Call};
use super::workspace::Workspace;

pub const SUMMARY: &str = "sprintboard://board/summary";
pub const STORY_PREFIX: &str = "sprintboard://story/";
/// The address of every story, as a URI template.
pub const STORY_TEMPLATE: &str = "sprintboard://story/{key}";
/// How many resources one page of `resources/list` holds.
pub const PAGE: usize = 200;

/// Whether `uri` is the address of one of this server's resources (a story's or not).
pub fn is_ours(uri: &str) -> bool {
    uri == SUMMARY || uri.starts_with(STORY_PREFIX)
}

pub fn story_uri(key: &str) -> String {
    format!("{STORY_PREFIX}{key}")
}

/// A resource as listed: its address, name and title.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub uri: String,
    pub name: String,
    pub title: String,
}

/// One page of the resources, from `offset`: the summary first, then the stories in plan
/// order (every sprint, then the backlog); and the offset of the next page, if any.
pub fn list(ws: &mut Workspace, offset: usize) -> Result<(Vec<Listed>, Option<usize>), ToolError> {
    ws.refresh()?;
    let b = ws.board();
    let summary = Listed {
        uri: SUMMARY.to_owned(),
        name: "board-summary".to_owned(),
        title: format!("{}: the board's summary", b.file.name),
    };
    let stories = b.all_lists().into_iter().flat_map(|(_, l)| l).map(|s| Listed {
        uri: story_uri(&s.key),
        name: s.key.to_string(),
        title: format!("{} {}", s.key, s.title),
    });
    let mut all = std::iter::once(summary).chain(stories).skip(offset);
    let page: Vec<Listed> = all.by_ref().take(PAGE).collect();
    let next = all.next().is_some().then_some(offset + page.len());
    Ok((page, next))
}

/// The text of the resource at `uri`; `Ok(None)` when there is no such resource.
pub fn read(ws: &mut Workspace, uri: &str) -> Result<Option<String>, ToolError> {
    let mut args = serde_json::Map::new();
    let name = if uri == SUMMARY {
        "board_summary"
    } else if let Some(key) = uri.strip_prefix(STORY_PREFIX) {
        args.insert("key".into(), key.into());
        "show_story"
    } else {
        return Ok(None);
    };
    let Some(tool) = tools::find(name) else { return Ok(None) };
    ws.refresh()?;
    // A story not on the board is no resource (any case, with or without the prefix, is).
    if args.get("key").and_then(|k| k.as_str()).is_some_and(|k| ws.board().resolve_key(k).is_err()) {
        return Ok(None);
    }
    let reply = (tool.run)(ws, &Call { args: &args, client: None })?;
    Ok(Some(reply.text))
}
