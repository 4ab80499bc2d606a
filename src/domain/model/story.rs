//! One story file, `stories/KEY.ron`, as it is stored: the story and the values its fields
//! hold (kind, MoSCoW, RICE and WSJF inputs, where an import brought it from, comments).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::SCHEMA;
use crate::domain::history::Event;
use crate::domain::rank::Rank;
use crate::domain::short_text::ShortText;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Moscow {
    Must,
    Should,
    Could,
    Wont,
}

impl Moscow {
    pub const ALL: [Moscow; 4] = [Moscow::Must, Moscow::Should, Moscow::Could, Moscow::Wont];

    pub fn label(self) -> &'static str {
        match self {
            Moscow::Must => "must",
            Moscow::Should => "should",
            Moscow::Could => "could",
            Moscow::Wont => "wont",
        }
    }

    pub fn parse(s: &str) -> Option<Moscow> {
        let s = s.trim().to_ascii_lowercase().replace('\'', "");
        Moscow::ALL.into_iter().find(|m| m.label() == s || m.label()[..1] == s)
    }
}

/// RICE inputs: score = reach × impact × confidence ÷ effort.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rice {
    /// People or events per period.
    pub reach: f64,
    /// 0.25 minimal … 3 massive.
    pub impact: f64,
    /// 0.0 … 1.0.
    pub confidence: f64,
    /// Person-months (or any unit used consistently); must be positive.
    pub effort: f64,
}

impl Rice {
    pub fn score(&self) -> Option<f64> {
        (self.effort > 0.0).then(|| self.reach * self.impact * self.confidence / self.effort)
    }
}

/// WSJF inputs: score = (business value + time criticality + risk reduction) ÷ job size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wsjf {
    pub business_value: f64,
    pub time_criticality: f64,
    pub risk_reduction: f64,
    pub job_size: f64,
}

impl Wsjf {
    pub fn score(&self) -> Option<f64> {
        (self.job_size > 0.0)
            .then(|| (self.business_value + self.time_criticality + self.risk_reduction) / self.job_size)
    }
}

/// What kind of work a story is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    #[default]
    Story,
    Bug,
    Task,
    Spike,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Story, Kind::Bug, Kind::Task, Kind::Spike];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Story => "story",
            Kind::Bug => "bug",
            Kind::Task => "task",
            Kind::Spike => "spike",
        }
    }

    /// A kind by its name, as other trackers spell it too (`User Story`, `Defect`, `Chore`).
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_lowercase().as_str() {
            "story" | "user story" | "feature" | "improvement" | "new feature" | "enhancement" => Some(Kind::Story),
            "bug" | "defect" | "incident" | "problem" => Some(Kind::Bug),
            "task" | "chore" | "technical task" => Some(Kind::Task),
            "spike" | "research" | "investigation" => Some(Kind::Spike),
            _ => None,
        }
    }
}

/// Where an import brought a story from, so that importing again updates it in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// The tracker and its id there: `jira:WEB-12`, `trello:5f2b9c…`, `github:owner/repo#7`.
    pub id: String,
    /// A short hash of each field's value as the last import set it: the next import tells a
    /// local edit (kept) from a change at the source (taken) by comparing with it.
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
}

/// A remark on a story: who, when, what. Comments are only added, so two clones' comments
/// merge as the union of both, in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub at: Timestamp,
    pub by: ShortText,
    pub text: String,
}

/// One story file, `stories/KEY.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub schema: u32,
    pub key: ShortText,
    pub title: String,
    #[serde(default)]
    pub kind: Kind,
    /// The id of the workflow column the story is in.
    pub status: ShortText,
    /// The id of its sprint; `None` is the product backlog.
    #[serde(default)]
    pub sprint: Option<ShortText>,
    pub rank: Rank,
    #[serde(default)]
    pub points: Option<u32>,
    #[serde(default)]
    pub assignee: Option<ShortText>,
    /// The id of its epic.
    #[serde(default)]
    pub epic: Option<ShortText>,
    #[serde(default)]
    pub labels: Vec<ShortText>,
    #[serde(default)]
    pub moscow: Option<Moscow>,
    #[serde(default)]
    pub rice: Option<Rice>,
    #[serde(default)]
    pub wsjf: Option<Wsjf>,
    /// The reason it is blocked, if it is.
    #[serde(default)]
    pub blocked: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub acceptance: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// Set by `import`: the story's id in the tracker it came from.
    #[serde(default)]
    pub origin: Option<Box<Origin>>,
    #[serde(default)]
    pub comments: Vec<Comment>,
    /// The keys of the stories this one waits on (they block it). Kept in this story's file
    /// only, so a link is one file and merges like any list.
    #[serde(default)]
    pub blocked_by: Vec<ShortText>,
    #[serde(default)]
    pub history: Vec<Event>,
}

impl Story {
    /// An empty story, standing in for one about to be filled in.
    pub fn placeholder() -> Story {
        Story {
            schema: SCHEMA,
            key: ShortText::default(),
            title: String::new(),
            kind: Kind::Story,
            status: ShortText::default(),
            sprint: None,
            rank: Rank::first(),
            points: None,
            assignee: None,
            epic: None,
            labels: Vec::new(),
            moscow: None,
            rice: None,
            wsjf: None,
            blocked: None,
            description: String::new(),
            acceptance: String::new(),
            created: Timestamp::UNIX_EPOCH,
            updated: Timestamp::UNIX_EPOCH,
            origin: None,
            comments: Vec::new(),
            blocked_by: Vec::new(),
            history: Vec::new(),
        }
    }

    /// RICE score, when the inputs are set and valid.
    pub fn rice_score(&self) -> Option<f64> {
        self.rice.as_ref().and_then(Rice::score)
    }

    pub fn wsjf_score(&self) -> Option<f64> {
        self.wsjf.as_ref().and_then(Wsjf::score)
    }
}

#[cfg(test)]
mod tests;
