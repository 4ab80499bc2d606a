//! The tools that read: the stories (`list_stories`, `show_story`), the active sprint
//! (`board_summary`), when work is likely done (`forecast`) and what each person did
//! (`standup`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::tool::{Call, Effect, Tool, schema_of};
use crate::agent::reply::{Reply, ToolError};
use crate::agent::workspace::Workspace;
use crate::domain::{Board, SprintState, Story, filter};
use crate::interop::story_text::story_text;
use crate::interop::view::{StoryDetail, StorySummary};
use crate::report;
use crate::report::{FORECAST_RUNS as RUNS, FORECAST_SEED as SEED};

/// A story in one line: key, title, and where it is.
pub fn line(b: &Board, s: &Story) -> String {
    let summary = StorySummary::new(b, s);
    let mut parts = vec![summary.status, b.list_name(s.sprint.as_deref())];
    if let Some(p) = s.points {
        parts.push(crate::text::count(p as usize, "point", "points"));
    }
    if let Some(a) = &s.assignee {
        parts.push(format!("@{a}"));
    }
    if let Some(r) = &s.blocked {
        parts.push(format!("BLOCKED: {r}"));
    }
    format!("{}  {}  ({})", s.key, s.title, parts.join(" · "))
}

/// The story files that cannot be read, which every list leaves out: a line to say so (none
/// when every file reads) and the same as JSON (`[{key, problem}]`).
fn unreadable(b: &Board) -> (Option<String>, serde_json::Value) {
    if b.damaged.is_empty() {
        return (None, json!([]));
    }
    let keys: Vec<&str> = b.damaged.keys().map(|k| k.as_str()).collect();
    let line = format!(
        "Left out, as their files cannot be read: {} (a person repairs one with `sprintboard repair KEY`)",
        keys.join(", ")
    );
    let list: Vec<_> = b.damaged.iter().map(|(k, d)| json!({ "key": k.as_str(), "problem": d.describe() })).collect();
    (Some(line), json!(list))
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ListArgs {
    /// Words that must all match, as in the board's `/` filter: `@name` (assignee), `#label`,
    /// `epic:name`, `type:bug`, `blocked:` (waits on unfinished work), a key (`SB-K7QX`, or
    /// its start) or any part of the title.
    #[serde(default)]
    filter: Option<String>,
    /// Only this list: a sprint's name, `backlog`, or `all` (every sprint, closed ones too).
    /// By default the open sprints (active and planned) and the backlog.
    #[serde(default)]
    sprint: Option<String>,
    /// Only stories in this column (a column's name, e.g. `In Progress`).
    #[serde(default)]
    status: Option<String>,
    /// At most this many stories, in plan order (default 50, at most 500).
    #[serde(default)]
    limit: Option<u32>,
}

/// The most stories one `list_stories` returns.
const MOST: usize = 500;

fn list_stories(ws: &mut Workspace, call: &Call) -> Result<Reply, ToolError> {
    let a: ListArgs = call.parse()?;
    let b = ws.board();
    let status = a.status.as_deref().map(|c| b.resolve_column(c)).transpose()?;
    let lists: Vec<Vec<&Story>> = match a.sprint.as_deref().map(str::trim) {
        Some(s) if s.eq_ignore_ascii_case("all") => b.all_lists().into_iter().map(|(_, l)| l).collect(),
        Some(s) => vec![b.list(b.resolve_list(s)?.as_deref())],
        None => b
            .all_lists()
            .into_iter()
            .filter(|(sp, _)| sp.is_none_or(|sp| sp.state != SprintState::Closed))
            .map(|(_, l)| l)
            .collect(),
    };
    let filter_text = a.filter.as_deref().unwrap_or("");
    let found: Vec<&Story> = lists
        .into_iter()
        .flatten()
        .filter(|s| status.as_ref().is_none_or(|c| s.status == *c))
        .filter(|s| filter::matches(b, filter_text, s))
        .collect();
    let limit = a.limit.map_or(50, |l| l as usize).min(MOST);
    let shown = &found[..found.len().min(limit)];
    let mut text: Vec<String> = shown.iter().map(|s| line(b, s)).collect();
    if found.is_empty() {
        text.push("No story matches.".to_owned());
    } else if shown.len() < found.len() {
        text.push(format!("… and {} more: narrow the filter or raise the limit", found.len() - shown.len()));
    }
    let stories: Vec<StorySummary> = shown.iter().map(|s| StorySummary::new(b, s)).collect();
    let (left_out, unreadable) = unreadable(b);
    text.extend(left_out);
    Ok(Reply::ok(text.join("\n"), json!({ "stories": stories, "total": found.len(), "unreadable": unreadable })))
}

pub const LIST_STORIES: Tool = Tool {
    name: "list_stories",
    title: "List stories",
    description: "Lists the board's stories in plan order (rank), each with its key, title, column, sprint, points, assignee and blocked reason. Use `filter` to find a story (by key, words of its title, @assignee, #label, epic:, type:, blocked:), `sprint` and `status` to narrow to a list or a column. Returns at most `limit` stories and the total that matched.",
    effect: Effect::Reads,
    schema: schema_of::<ListArgs>,
    run: list_stories,
};

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct KeyArgs {
    /// The story's key, e.g. `SB-K7QX` (the prefix may be left out: `K7QX`).
    key: String,
}

fn show_story(ws: &mut Workspace, call: &Call) -> Result<Reply, ToolError> {
    let a: KeyArgs = call.parse()?;
    let b = ws.board();
    let key = b.resolve_key(&a.key)?;
    let story = b.story(&key).ok_or_else(|| ToolError::refused(format!("no story {key}")))?;
    let detail = serde_json::to_value(StoryDetail::new(b, story)).map_err(|e| ToolError::refused(e.to_string()))?;
    Ok(Reply::ok(story_text(b, story), detail))
}

pub const SHOW_STORY: Tool = Tool {
    name: "show_story",
    title: "Show a story",
    description: "Shows one story whole: every field (title, type, status, sprint, points, assignee, epic, labels, MoSCoW, RICE, WSJF, blocked reason, description, acceptance criteria), what it waits on and what waits on it, its comments and its history (who changed what, when). The structured result is the same JSON as `sprintboard show KEY --format json`.",
    effect: Effect::Reads,
    schema: schema_of::<KeyArgs>,
    run: show_story,
};

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

#[derive(Serialize)]
struct ColumnCount {
    name: String,
    stories: usize,
    points: u32,
    /// Its work-in-progress limit, if it has one.
    wip: Option<u32>,
}

#[derive(Serialize)]
struct Blocked {
    key: String,
    title: String,
    /// The reason given, or what it waits on.
    reason: String,
}

fn board_summary(ws: &mut Workspace, call: &Call) -> Result<Reply, ToolError> {
    // It takes nothing: an argument given is a mistake to say, as every other tool says it.
    let NoArgs {} = call.parse()?;
    let you = ws.author(call.client);
    let place = ws.place.clone();
    let b = ws.board();
    let f = &b.file;
    let mut text = vec![
        format!("Board {:?}, the {place}; your changes are recorded as {you}", f.name),
        format!("Columns: {}", names(f.columns.iter().map(|c| c.name.as_str()))),
    ];
    let planned: Vec<&str> =
        f.sprints.iter().filter(|s| s.state == SprintState::Planned).map(|s| s.name.as_str()).collect();
    let backlog = b.list(None);
    let mut out = json!({
        "board": f.name,
        "where": place,
        "you": you,
        "columns": f.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
        "planned_sprints": planned,
        "backlog": { "stories": backlog.len(), "points": b.points(None) },
        "active_sprint": null,
    });
    match f.active_sprint() {
        None => text.push("No sprint is active.".to_owned()),
        Some(sp) => {
            let stories = b.list(Some(&sp.id));
            let columns: Vec<ColumnCount> = f
                .columns
                .iter()
                .map(|c| {
                    let here: Vec<&&Story> = stories.iter().filter(|s| s.status == c.id).collect();
                    ColumnCount {
                        name: c.name.clone(),
                        stories: here.len(),
                        points: crate::domain::sum_points(here.iter().filter_map(|s| s.points)),
                        wip: c.wip,
                    }
                })
                .collect();
            let blocked: Vec<Blocked> = stories
                .iter()
                .filter_map(|s| {
                    let waits = b.open_blockers(&s.key);
                    let reason = s.blocked.clone().or_else(|| {
                        (!waits.is_empty()).then(|| {
                            format!("waits on {}", waits.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(", "))
                        })
                    })?;
                    Some(Blocked { key: s.key.to_string(), title: s.title.clone(), reason })
                })
                .collect();
            let committed = b.points(Some(&sp.id));
            let dates = match (sp.start, sp.end) {
                (Some(a), Some(e)) => format!(", {a} to {e}"),
                _ => String::new(),
            };
            text.push(format!("Active sprint: {}{dates}", sp.name));
            if !sp.goal.trim().is_empty() {
                text.push(format!("Goal: {}", sp.goal));
            }
            let capacity = sp.capacity.map_or("no capacity set".to_owned(), |c| format!("capacity {c}"));
            text.push(format!("{} ({capacity})", stories_and_points(stories.len(), committed)));
            for c in &columns {
                let wip = c.wip.map_or(String::new(), |w| format!(" (WIP limit {w})"));
                text.push(format!("  {}: {}{wip}", c.name, stories_and_points(c.stories, c.points)));
            }
            if blocked.is_empty() {
                text.push("Nothing is blocked.".to_owned());
            } else {
                text.push("Blocked:".to_owned());
                text.extend(blocked.iter().map(|bl| format!("  {}  {}  ({})", bl.key, bl.title, bl.reason)));
            }
            out["active_sprint"] = json!({
                "name": sp.name,
                "goal": sp.goal,
                "start": sp.start.map(|d| d.to_string()),
                "end": sp.end.map(|d| d.to_string()),
                "capacity": sp.capacity,
                "stories": stories.len(),
                "points": committed,
                "columns": columns,
                "blocked": blocked,
            });
        }
    }
    if !planned.is_empty() {
        text.push(format!("Planned: {}", planned.join(", ")));
    }
    text.push(format!("Backlog: {}", stories_and_points(backlog.len(), b.points(None))));
    let (left_out, unreadable) = unreadable(b);
    text.extend(left_out);
    out["unreadable"] = unreadable;
    Ok(Reply::ok(text.join("\n"), out))
}

/// `1 story, 3 points`: each noun as its count wants it.
fn stories_and_points(stories: usize, points: u32) -> String {
    use crate::text::count;
    format!("{}, {}", count(stories, "story", "stories"), count(points as usize, "point", "points"))
}

fn names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}

pub const BOARD_SUMMARY: Tool = Tool {
    name: "board_summary",
    title: "Board summary",
    description: "Summarises the board: its columns (the workflow), the active sprint with its goal, dates, capacity and, per column, how many stories and points it holds, the stories that are blocked and why, the planned sprints and the backlog. Start here to learn the board's column and sprint names.",
    effect: Effect::Reads,
    schema: schema_of::<NoArgs>,
    run: board_summary,
};

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ForecastArgs {
    /// A story's key: when that story is likely done.
    #[serde(default)]
    key: Option<String>,
    /// An epic's name: when that epic (all its stories) is likely done.
    #[serde(default)]
    epic: Option<String>,
}

fn forecast(ws: &mut Workspace, call: &Call) -> Result<Reply, ToolError> {
    let a: ForecastArgs = call.parse()?;
    let b = ws.board();
    let f = report::forecast(b, RUNS, SEED).map_err(|e| ToolError::refused(format!("no forecast: {e}")))?;
    let when = |o: &report::Odds| {
        let date = o.p85_date.map(|d| format!(", which ends {d}")).unwrap_or_default();
        format!(
            "done by the end of {} in half of the simulated futures, of {} in 85 %{date}, of {} in 95 %",
            o.p50_sprint.label(),
            o.p85_sprint.label(),
            o.p95_sprint.label()
        )
    };
    let basis = format!(
        "The futures were simulated {RUNS} times from the completed points of the last {} closed sprints.",
        f.history.len()
    );
    match (a.key, a.epic) {
        (Some(_), Some(_)) => Err(ToolError::refused("give `key` or `epic`, not both")),
        (Some(key), None) => {
            let key = b.resolve_key(&key)?;
            let Some(odds) = f.stories.iter().find(|s| s.key == key) else {
                let column = b.story(&key).map(|s| StorySummary::new(b, s).status).unwrap_or_default();
                return Ok(Reply::ok(
                    format!("{key} has no work left to forecast (it is in {column})."),
                    json!({ "key": key, "odds": null }),
                ));
            };
            Ok(Reply::ok(
                format!("{key}: {}.\n{basis}", when(&odds.odds)),
                json!({ "key": key, "odds": odds, "history": f.history }),
            ))
        }
        (None, Some(epic)) => {
            let id = b.resolve_epic(&epic)?;
            let name = b.file.epic(&id).map(|e| e.name.clone()).unwrap_or_default();
            let Some(odds) = f.epics.iter().find(|e| e.epic == name) else {
                return Ok(Reply::ok(
                    format!("Epic {name} has no work left to forecast."),
                    json!({ "epic": name, "odds": null }),
                ));
            };
            Ok(Reply::ok(
                format!("Epic {name}: {}.\n{basis}", when(&odds.odds)),
                json!({ "epic": name, "odds": odds, "history": f.history }),
            ))
        }
        (None, None) => {
            let mut text: Vec<String> = f.epics.iter().map(|e| format!("Epic {}: {}", e.epic, when(&e.odds))).collect();
            if text.is_empty() {
                text.push("No epic has work left; give `key` for one story.".to_owned());
            }
            text.push(basis);
            Ok(Reply::ok(text.join("\n"), json!({ "epics": f.epics, "history": f.history })))
        }
    }
}

pub const FORECAST: Tool = Tool {
    name: "forecast",
    title: "Forecast",
    description: "When a story or an epic is likely done: the sprint by whose end it is done in 50 %, 85 % and 95 % of 10,000 futures simulated from the team's past velocity (Monte Carlo over the closed sprints, in plan order), with the 85 % date. Give `key` for a story or `epic` for an epic; with neither, every epic. Needs at least two closed sprints.",
    effect: Effect::Reads,
    schema: schema_of::<ForecastArgs>,
    run: forecast,
};

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct StandupArgs {
    /// Since when: a date (`2026-11-20`, from its start in local time) or an RFC 3339 time.
    /// By default the last standup: a day ago, or on a Monday since Friday.
    #[serde(default)]
    since: Option<String>,
    /// Only this person (any part of their name).
    #[serde(default)]
    person: Option<String>,
}

fn standup(ws: &mut Workspace, call: &Call) -> Result<Reply, ToolError> {
    let a: StandupArgs = call.parse()?;
    let now = crate::config::now().map_err(ToolError::refused)?;
    let since =
        report::standup_since(a.since.as_deref(), now).map_err(|m| ToolError::refused(format!("since: {m}")))?;
    let mut people = report::standup(ws.board(), since, &|_| true);
    if let Some(who) = a.person.as_deref().map(str::to_lowercase) {
        people.retain(|p| p.name.to_lowercase().contains(who.trim()));
    }
    let text = report::standup_text(&people, since);
    Ok(Reply::ok(text, json!({ "since": since.to_string(), "people": people })))
}

pub const STANDUP: Tool = Tool {
    name: "standup",
    title: "Standup",
    description: "The standup: for each person, the stories they created and moved since a time, and their stories in progress, still to do and blocked in the active sprint. `since` defaults to the last standup (a day ago; on a Monday, since Friday).",
    effect: Effect::Reads,
    schema: schema_of::<StandupArgs>,
    run: standup,
};
