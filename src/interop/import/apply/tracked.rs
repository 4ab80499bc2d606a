//! The bookkeeping of the fields an import sets: what each held as the import set it, hashed in
//! the story's origin, so that the next import tells a local edit (kept) from a change at the
//! source (taken).

use super::Import;
use crate::domain::{Board, Kind, ListId, Short, Story};

/// The fields an import sets, and tracks so that the next import tells a local edit (kept)
/// from a change at the source (taken).
pub(super) const TRACKED: [&str; 10] =
    ["title", "type", "status", "sprint", "points", "assignee", "epic", "labels", "description", "acceptance"];

/// A story as the record wants it on this board.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Wanted {
    pub(super) title: String,
    pub(super) kind: Kind,
    pub(super) status: Short,
    pub(super) sprint: ListId,
    pub(super) points: Option<u32>,
    pub(super) assignee: Option<Short>,
    pub(super) epic: Option<Short>,
    pub(super) labels: Vec<Short>,
    pub(super) description: String,
    pub(super) acceptance: String,
}

impl Wanted {
    pub(super) fn of(s: &Story) -> Wanted {
        Wanted {
            title: s.title.clone(),
            kind: s.kind,
            status: s.status.clone(),
            sprint: s.sprint.clone(),
            points: s.points,
            assignee: s.assignee.clone(),
            epic: s.epic.clone(),
            labels: s.labels.clone(),
            description: s.description.clone(),
            acceptance: s.acceptance.clone(),
        }
    }

    /// One field's value as text, to hash.
    pub(super) fn value(&self, field: &str) -> String {
        let opt = |v: &Option<Short>| v.as_deref().unwrap_or_default().to_owned();
        match field {
            "title" => self.title.clone(),
            "type" => self.kind.label().to_owned(),
            "status" => self.status.to_string(),
            "sprint" => opt(&self.sprint),
            "points" => self.points.map(|p| p.to_string()).unwrap_or_default(),
            "assignee" => opt(&self.assignee),
            "epic" => opt(&self.epic),
            "labels" => self.labels.join("\n"),
            "description" => self.description.clone(),
            _ => self.acceptance.clone(),
        }
    }
}

/// A short, stable hash of a value (FNV-1a): the same on every machine and every version.
pub(super) fn hash(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{h:016x}")
}

impl Import<'_> {
    /// Brings the origin's hashes up to date with what the story now holds: every field when
    /// `all` (a new story), else the fields that hold what the source has (a field kept as
    /// edited here keeps the hash of what the import set, so it stays "edited here").
    pub(super) fn record_fields(board: &mut Board, key: &str, w: &Wanted, all: bool) {
        if let Some(s) = board.stories.get_mut(key) {
            let now = Wanted::of(s);
            if let Some(o) = s.origin.as_mut() {
                for f in TRACKED {
                    let value = hash(&now.value(f));
                    if all || value == hash(&w.value(f)) {
                        o.fields.insert(f.to_owned(), value);
                    }
                }
            }
        }
    }
}
