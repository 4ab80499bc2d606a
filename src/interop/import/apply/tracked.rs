//! The bookkeeping of the fields an import sets: what each held as the import set it, hashed in
//! the story's origin, so that the next import tells a local edit (kept) from a change at the
//! source (taken).

use super::Import;
use crate::domain::fields::Field;
use crate::domain::{Board, Kind, ListId, ShortText, Story};

/// The fields an import sets, and tracks so that the next import tells a local edit (kept)
/// from a change at the source (taken): the field table's `imported` ones, checked against it
/// by a test. This order is the order of the import summary's notes.
pub(in crate::interop::import) const TRACKED: [Field; 10] = [
    Field::Title,
    Field::Kind,
    Field::Status,
    Field::Sprint,
    Field::Points,
    Field::Assignee,
    Field::Epic,
    Field::Labels,
    Field::Description,
    Field::Acceptance,
];

/// A story as the record wants it on this board.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Wanted {
    pub(super) title: String,
    pub(super) kind: Kind,
    pub(super) status: ShortText,
    pub(super) sprint: ListId,
    pub(super) points: Option<u32>,
    pub(super) assignee: Option<ShortText>,
    pub(super) epic: Option<ShortText>,
    pub(super) labels: Vec<ShortText>,
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

    /// One field's value as text, to hash (empty for a field no import sets).
    pub(super) fn value(&self, field: Field) -> String {
        let opt = |v: &Option<ShortText>| v.as_deref().unwrap_or_default().to_owned();
        match field {
            Field::Title => self.title.clone(),
            Field::Kind => self.kind.label().to_owned(),
            Field::Status => self.status.to_string(),
            Field::Sprint => opt(&self.sprint),
            Field::Points => self.points.map(|p| p.to_string()).unwrap_or_default(),
            Field::Assignee => opt(&self.assignee),
            Field::Epic => opt(&self.epic),
            Field::Labels => self.labels.join("\n"),
            Field::Description => self.description.clone(),
            Field::Acceptance => self.acceptance.clone(),
            Field::Moscow | Field::Blocked | Field::Rice | Field::Wsjf | Field::BlockedBy => String::new(),
        }
    }
}

/// A short, stable hash of a value (FNV-1a): the same on every machine and every version.
pub(crate) fn hash(text: &str) -> String {
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
                        o.fields.insert(f.spec().name.to_owned(), value);
                    }
                }
            }
        }
    }
}
