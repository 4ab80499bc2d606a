//! The tools that change the board: each goes through the domain's operation (its rules and
//! validation) and the workspace's save (atomic, re-applied on a conflict), and is recorded in
//! the story's history under the agent's name.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::fields::{self, Asked};
use super::reading::line;
use super::tool::{Call, Effect, Tool, schema_of};
use crate::agent::reply::{Reply, ToolError};
use crate::agent::workspace::Workspace;
use crate::domain::{Board, Changes, Ctx, Edit, Move, NewStory, OpError};
use crate::interop::view::StorySummary;

/// The reply to a change of one story: where it is now, and whether anything changed.
fn changed(ws: &Workspace, key: &str, what: &str, changes_made: bool) -> Reply {
    let b = ws.board();
    let Some(story) = b.story(key) else {
        return Reply::ok(format!("{key} {what}"), json!({ "key": key, "changed": changes_made }));
    };
    let unchanged = if changes_made { "" } else { " (nothing to change: it was so already)" };
    Reply::ok(
        format!("{key} {what}{unchanged}\n{}", line(b, story)),
        json!({ "key": key, "changed": changes_made, "story": StorySummary::new(b, story) }),
    )
}

/// The fields `create_story` and `edit_story` take besides the story's: none and `key`.
const EDIT_OWN: &[&str] = &["key"];

/// Edits and moves `key` as `asked` says, in one change.
fn edit_and_move(b: &mut Board, key: &str, asked: &Asked, ctx: &mut Ctx) -> Result<Changes, OpError> {
    let mut changes = Changes::default();
    if asked.edit != Edit::default() {
        changes.merge(b.edit_story(key, asked.edit.clone(), ctx)?);
    }
    if asked.mv != Move::default() {
        changes.merge(b.move_story(key, &asked.mv, ctx)?);
    }
    Ok(changes)
}

fn create_schema() -> Map<String, Value> {
    let properties = fields::properties();
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    schema.insert("properties".into(), Value::Object(properties));
    schema.insert("required".into(), json!(["title"]));
    schema.insert("additionalProperties".into(), false.into());
    schema
}

fn create_story(ws: &mut Workspace, call: &Call) -> Result<Reply, ToolError> {
    if !call.args.contains_key("title") {
        return Err(ToolError::refused("a new story needs a `title`"));
    }
    // Read once up front, so a mistake is said before anything is done.
    fields::read(ws.board(), call.args, &[])?;
    let args = call.args;
    let key = ws.apply(call.client, |b, ctx| {
        let mut asked = fields::read(b, args, &[]).map_err(|e| OpError::Invalid(e.0))?;
        // What `add_story` takes is given to it; the rest is an edit of the new story, in the
        // same change (the story is written whole).
        let e = &mut asked.edit;
        let new = NewStory {
            title: e.title.take().unwrap_or_default(),
            sprint: asked.mv.sprint.take().unwrap_or(None),
            status: asked.mv.status.take(),
            points: e.points.take().flatten(),
            assignee: e.assignee.take().flatten(),
            epic: e.epic.take().flatten(),
            labels: e.labels.take().unwrap_or_default(),
        };
        let (key, mut changes) = b.add_story(new, ctx)?;
        changes.merge(edit_and_move(b, &key, &asked, ctx)?);
        Ok((key, changes))
    })?;
    let list = ws.board().list_name(ws.board().story(&key).and_then(|s| s.sprint.as_deref()));
    Ok(changed(ws, &key, &format!("created in {list}"), true))
}

pub const CREATE_STORY: Tool = Tool {
    name: "create_story",
    title: "Create a story",
    description: "Creates a story and returns its key. Only `title` is needed; any other field of a story may be set at once by its name (each property of the input schema is one, described there): its column (`status`, by name), its sprint (`sprint`, by name; the backlog by default), points, assignee, epic, labels, texts and scores. It goes to the bottom of its list.",
    effect: Effect::Adds,
    schema: create_schema,
    run: create_story,
};

fn edit_schema() -> Map<String, Value> {
    let mut schema = create_schema();
    if let Some(Value::Object(p)) = schema.get_mut("properties") {
        p.insert("key".into(), json!({ "type": "string", "description": "The story's key, e.g. `SB-K7QX`" }));
    }
    schema.insert("required".into(), json!(["key"]));
    schema
}

fn edit_story(ws: &mut Workspace, call: &Call) -> Result<Reply, ToolError> {
    let Some(key) = call.args.get("key").and_then(Value::as_str) else {
        return Err(ToolError::refused("`key` is needed: the key of the story to change, e.g. SB-K7QX"));
    };
    let key = ws.board().resolve_key(key)?;
    let first = fields::read(ws.board(), call.args, EDIT_OWN)?;
    if first.is_empty() {
        return Err(ToolError::refused("nothing to change: give at least one field besides `key`, e.g. `points`"));
    }
    let args = call.args;
    let changes = ws.apply(call.client, |b, ctx| {
        let asked = fields::read(b, args, EDIT_OWN).map_err(|e| OpError::Invalid(e.0))?;
        let changes = edit_and_move(b, &key, &asked, ctx)?;
        Ok((changes.clone(), changes))
    })?;
    Ok(changed(ws, &key, "updated", !changes.is_empty()))
}

pub const EDIT_STORY: Tool = Tool {
    name: "edit_story",
    title: "Edit a story",
    description: "Changes fields of a story: give its `key` and each field to change by its name (the others are left as they are); null clears a field that may be empty. `labels` and `blocked_by` are the whole new lists. Set `blocked` to a reason to flag the story blocked, null to unblock it. `status` and `sprint` move it (move_story also places it).",
    effect: Effect::Changes,
    schema: edit_schema,
    run: edit_story,
};

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct MoveArgs {
    /// The story's key, e.g. `SB-K7QX`.
    key: String,
    /// The column to move it to, by name (e.g. `In Progress`, `Done`).
    #[serde(default)]
    status: Option<String>,
    /// The sprint to move it to, by name, or `backlog`.
    #[serde(default)]
    sprint: Option<String>,
    /// Put it first in its list (the highest priority).
    #[serde(default)]
    top: bool,
    /// Put it last in its list.
    #[serde(default)]
    bottom: bool,
    /// Put it just before (above) this story, given by key.
    #[serde(default)]
    before: Option<String>,
    /// Put it just after (below) this story, given by key.
    #[serde(default)]
    after: Option<String>,
}

fn move_story(ws: &mut Workspace, call: &Call) -> Result<Reply, ToolError> {
    let a: MoveArgs = call.parse()?;
    let places = [a.top, a.bottom, a.before.is_some(), a.after.is_some()].iter().filter(|p| **p).count();
    if places > 1 {
        return Err(ToolError::refused("give one place at most: `top`, `bottom`, `before` or `after`"));
    }
    if places == 0 && a.status.is_none() && a.sprint.is_none() {
        return Err(ToolError::refused(
            "nothing to do: give `status`, `sprint`, or a place (`top`, `bottom`, `before`, `after`)",
        ));
    }
    let key = ws.board().resolve_key(&a.key)?;
    let changes = ws.apply(call.client, |b, ctx| {
        let position = b.resolve_place(a.top, a.bottom, a.before.as_deref(), a.after.as_deref())?;
        let sprint = a.sprint.as_deref().map(|sp| b.resolve_list(sp)).transpose()?;
        let changes = b.move_story(&key, &Move { sprint, status: a.status.clone(), position }, ctx)?;
        Ok((changes.clone(), changes))
    })?;
    let mut reply = changed(ws, &key, "moved", !changes.is_empty());
    // Allowed, but said: what it still waits on, and a column past its WIP limit.
    let waiting = a.status.as_ref().and_then(|_| ws.board().waiting_note(&key));
    let notes: Vec<String> = waiting.into_iter().chain(ws.board().wip_note(&key)).collect();
    if !notes.is_empty() {
        for note in &notes {
            reply.text.push_str(&format!("\nNote: {note}"));
        }
        reply.structured["note"] = notes.join("; ").into();
    }
    Ok(reply)
}

pub const MOVE_STORY: Tool = Tool {
    name: "move_story",
    title: "Move a story",
    description: "Moves a story to another column (`status`, e.g. \"In Progress\" when work starts, \"Done\" when it is finished), another sprint (`sprint`, or \"backlog\"), and/or another place in its list (`top`, `bottom`, `before` KEY, `after` KEY). A story moved to another list goes to its bottom unless a place is given. A closed sprint takes no story; a move that fills a column past its WIP limit, or starts a story that waits on unfinished work, is made and noted in the answer.",
    effect: Effect::Changes,
    schema: schema_of::<MoveArgs>,
    run: move_story,
};

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CommentArgs {
    /// The story's key, e.g. `SB-K7QX`.
    key: String,
    /// The comment (Markdown; kept with who wrote it and when).
    text: String,
}

fn add_comment(ws: &mut Workspace, call: &Call) -> Result<Reply, ToolError> {
    let a: CommentArgs = call.parse()?;
    let key = ws.board().resolve_key(&a.key)?;
    ws.apply(call.client, |b, ctx| Ok(((), b.add_comment(&key, &a.text, ctx)?)))?;
    Ok(changed(ws, &key, "has a new comment", true))
}

pub const ADD_COMMENT: Tool = Tool {
    name: "add_comment",
    title: "Comment on a story",
    description: "Adds a comment to a story, kept with the author (this agent) and the time; `show_story` lists them. Use it to record progress, findings or what a story waits on.",
    effect: Effect::Adds,
    schema: schema_of::<CommentArgs>,
    run: add_comment,
};

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct LinkArgs {
    /// The key of the story that blocks: the one that must be done first.
    blocker: String,
    /// The key of the story that waits on it.
    waiting: String,
}

fn link(ws: &mut Workspace, call: &Call, add: bool) -> Result<Reply, ToolError> {
    let a: LinkArgs = call.parse()?;
    let (blocker, waiting) = (ws.board().resolve_key(&a.blocker)?, ws.board().resolve_key(&a.waiting)?);
    let changes = ws.apply(call.client, |b, ctx| {
        let changes = if add { b.link(&blocker, &waiting, ctx)? } else { b.unlink(&blocker, &waiting, ctx)? };
        Ok((changes.clone(), changes))
    })?;
    let what = if add { format!("now waits on {blocker}") } else { format!("no longer waits on {blocker}") };
    Ok(changed(ws, &waiting, &what, !changes.is_empty()))
}

pub const LINK_STORIES: Tool = Tool {
    name: "link_stories",
    title: "Link stories",
    description: "Records that one story waits on another: `waiting` cannot be finished before `blocker` is. A link that would make a cycle is refused. The board shows the waiting story as blocked until the blocker is done.",
    effect: Effect::Adds,
    schema: schema_of::<LinkArgs>,
    run: |ws, call| link(ws, call, true),
};

pub const UNLINK_STORIES: Tool = Tool {
    name: "unlink_stories",
    title: "Unlink stories",
    description: "Removes a link made by link_stories: `waiting` no longer waits on `blocker`.",
    effect: Effect::Changes,
    schema: schema_of::<LinkArgs>,
    run: |ws, call| link(ws, call, false),
};
