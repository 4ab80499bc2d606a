//! This board's own `export --format json`, read back: the same board (columns, sprints,
//! epics, stories with their keys, ranks and history).

use serde::Deserialize;
use serde_json::Value;

use super::Summary;
use crate::domain::{
    Board, BoardFile, Change, Changes, Event, Kind, Moscow, OpError, Origin, Rank, Rice, SCHEMA, ShortText, Story, Wsjf,
};
use jiff::Timestamp;

#[derive(Clone, Deserialize)]
pub struct Snapshot {
    schema: u32,
    board: BoardFile,
    stories: Vec<OwnStory>,
}

/// A story as `export --format json` writes it (see `interop::view`); names are ignored, ids
/// are used.
#[derive(Clone, Deserialize)]
struct OwnStory {
    key: ShortText,
    title: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    status_id: ShortText,
    sprint_id: Option<ShortText>,
    epic_id: Option<ShortText>,
    rank: ShortText,
    points: Option<u32>,
    assignee: Option<ShortText>,
    #[serde(default)]
    labels: Vec<ShortText>,
    blocked: Option<String>,
    moscow: Option<Moscow>,
    rice: Option<Rice>,
    wsjf: Option<Wsjf>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    acceptance: String,
    #[serde(default)]
    origin: Option<String>,
    #[serde(default)]
    comments: Vec<crate::domain::Comment>,
    #[serde(default)]
    blocked_by: Vec<ShortText>,
    created: Timestamp,
    updated: Timestamp,
    #[serde(default)]
    history: Vec<OwnEvent>,
}

#[derive(Clone, Deserialize)]
struct OwnEvent {
    at: Timestamp,
    by: ShortText,
    change: String,
    #[serde(default)]
    from: Option<Value>,
    #[serde(default)]
    to: Option<Value>,
    #[serde(default)]
    sprint: Option<Option<ShortText>>,
    #[serde(default)]
    reason: Option<Option<String>>,
    #[serde(default)]
    field: Option<ShortText>,
}

pub fn sprintboard_json(text: &str) -> Result<Snapshot, String> {
    let snap: Snapshot =
        serde_json::from_str(text).map_err(|e| format!("not a sprintboard `export --format json`: {e}"))?;
    if snap.schema > SCHEMA {
        return Err(format!("written by a newer sprintboard (schema {}); upgrade to import it", snap.schema));
    }
    Ok(snap)
}

fn text(v: &Option<Value>) -> Option<ShortText> {
    v.as_ref().and_then(Value::as_str).map(ShortText::from)
}

fn number(v: &Option<Value>) -> Option<u32> {
    v.as_ref().and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok())
}

impl OwnEvent {
    fn into_event(self, key: &str) -> Result<Event, String> {
        let change = match self.change.as_str() {
            "created" => Change::Created { status: text(&self.to).unwrap_or_default(), sprint: self.sprint.flatten() },
            "status" => {
                Change::Status { from: text(&self.from).unwrap_or_default(), to: text(&self.to).unwrap_or_default() }
            }
            "sprint" => Change::Sprint { from: text(&self.from), to: text(&self.to) },
            "blocked" => Change::Blocked { reason: self.reason.flatten() },
            "points" => Change::Points { from: number(&self.from), to: number(&self.to) },
            "overwrote" => Change::Overwrote {
                field: self.field.unwrap_or_default(),
                theirs: text(&self.from).map(|t| t.to_string()).unwrap_or_default(),
            },
            other => return Err(format!("{key}: a history event of an unknown kind {other:?}")),
        };
        Ok(Event { at: self.at, by: self.by, change })
    }
}

impl OwnStory {
    fn into_story(self) -> Result<Story, String> {
        let rank = Rank::parse(&self.rank).map_err(|e| format!("{}: {e}", self.key))?;
        let kind = match self.kind.as_deref() {
            None => Kind::Story,
            Some(k) => crate::domain::fields::kind(k).map_err(|e| format!("{}: {e}", self.key))?,
        };
        let key = self.key.clone();
        let history = self.history.into_iter().map(|e| e.into_event(&key)).collect::<Result<_, _>>()?;
        Ok(Story {
            key: self.key,
            title: self.title,
            kind,
            status: self.status_id,
            sprint: self.sprint_id,
            rank,
            points: self.points,
            assignee: self.assignee,
            epic: self.epic_id,
            labels: self.labels,
            moscow: self.moscow,
            rice: self.rice,
            wsjf: self.wsjf,
            blocked: self.blocked,
            description: self.description,
            acceptance: self.acceptance,
            created: self.created,
            updated: self.updated,
            origin: self.origin.map(|id| Box::new(Origin { id, fields: Default::default() })),
            comments: self.comments,
            blocked_by: self.blocked_by,
            history,
            schema: SCHEMA,
        })
    }
}

/// The export's one-line values under the rule of a typed one: no control or bidi character
/// (see `domain::ops::check_controls`).
fn check_lines(snap: &Snapshot) -> Result<(), OpError> {
    use crate::domain::ops::check_controls;
    let b = &snap.board;
    check_controls("board name", &b.name)?;
    for c in &b.columns {
        check_controls("column name", &c.name)?;
    }
    for sp in &b.sprints {
        check_controls("sprint name", &sp.name)?;
        check_controls("sprint goal", &sp.goal)?;
    }
    for e in &b.epics {
        check_controls("epic name", &e.name)?;
    }
    for p in &b.people {
        check_controls("person's name", &p.name)?;
        for alias in &p.aliases {
            check_controls("person's alias", alias)?;
        }
    }
    for s in &snap.stories {
        let key = &s.key;
        let named = |e: OpError| OpError::Invalid(format!("{key}: {e}"));
        check_controls("title", &s.title).map_err(named)?;
        check_controls("assignee", s.assignee.as_deref().unwrap_or_default()).map_err(named)?;
        check_controls("blocked reason", s.blocked.as_deref().unwrap_or_default()).map_err(named)?;
        for l in &s.labels {
            check_controls("label", l).map_err(named)?;
        }
    }
    Ok(())
}

/// Puts an exported board into `board`. An empty board becomes the exported one (its name,
/// prefix, columns, sprints and epics); a board with stories must have the same prefix, and
/// gains the columns, sprints and epics it lacks (by id). Stories keep their keys: one that is
/// here already is replaced by the exported one.
pub fn apply_own(board: &mut Board, snap: Snapshot) -> Result<(Changes, Summary), OpError> {
    check_lines(&snap)?;
    let mut summary = Summary { source: "sprintboard", ..Summary::default() };
    let prior = board.file.clone();
    if board.stories.is_empty() {
        board.file = BoardFile { schema: board.file.schema, ..snap.board };
    } else {
        if !snap.board.prefix.eq_ignore_ascii_case(&board.file.prefix) {
            return Err(OpError::Refused(format!(
                "the export's keys are {}-…, this board's {}-…: import it into a new board (`sprintboard init`)",
                snap.board.prefix, board.file.prefix
            )));
        }
        for c in snap.board.columns {
            if board.file.column(&c.id).is_none() {
                summary.columns_created.push(c.name.clone());
                board.file.columns.push(c);
            }
        }
        for s in snap.board.sprints {
            if board.file.sprint(&s.id).is_none() {
                summary.sprints_created.push(s.name.clone());
                board.file.sprints.push(s);
            }
        }
        for e in snap.board.epics {
            if board.file.epic(&e.id).is_none() {
                summary.epics_created.push(e.name.clone());
                board.file.epics.push(e);
            }
        }
        for p in snap.board.people {
            if !board.file.people.iter().any(|q| q.name == p.name) {
                board.file.people.push(p);
            }
        }
    }
    let mut changes = if board.file == prior { Changes::default() } else { Changes::board(prior) };
    let prefix = board.file.prefix.clone();
    for own in snap.stories {
        let place = own.key.clone();
        let story = own.into_story().map_err(OpError::Invalid)?;
        if !crate::domain::key::is_of_board(&story.key, &prefix) || story.key.to_uppercase() != story.key {
            return Err(OpError::Invalid(format!("{place} is not a story key of this board ({prefix}-…)")));
        }
        let before = board.story(&story.key).cloned();
        match &before {
            Some(b) if *b == story => summary.unchanged += 1,
            Some(_) => summary.updated.push(story.key.to_string()),
            None => summary.created.push(story.key.to_string()),
        }
        if before.as_ref() != Some(&story) {
            changes.merge(Changes::story(&story.key, before));
            board.stories.insert(story.key.clone(), Box::new(story));
        }
    }
    Ok((changes, summary))
}
