//! The story's fields as a person types them: one table of their names, labels and what each
//! takes, and how each is shown as text and read back. The Story view and the `$EDITOR` form
//! both use it, so a field reads the same way wherever it is typed.

use super::{Board, Edit, Kind, Moscow, Move, Rice, Story, Wsjf};
use crate::text::exact_number;

/// A field a person edits as one piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Points,
    Assignee,
    Epic,
    Labels,
    Moscow,
    Blocked,
    Kind,
    Status,
    Sprint,
    /// RICE's four inputs, as `reach, impact, confidence, effort`.
    Rice,
    /// WSJF's four inputs, as `business value, time criticality, risk reduction, job size`.
    Wsjf,
    Description,
    Acceptance,
    /// The keys of the stories it waits on.
    BlockedBy,
}

/// One field: its name in the `$EDITOR` form, its label in the Story view, what it takes.
pub struct Spec {
    pub field: Field,
    pub name: &'static str,
    pub label: &'static str,
    pub takes: &'static str,
}

/// Every field, in the order the form lists them.
pub const FIELDS: &[Spec] = &[
    Spec { field: Field::Title, name: "title", label: "Title", takes: "one line" },
    Spec { field: Field::Points, name: "points", label: "Points", takes: "a whole number" },
    Spec { field: Field::Assignee, name: "assignee", label: "Assignee", takes: "a name" },
    Spec { field: Field::Epic, name: "epic", label: "Epic", takes: "an epic's name" },
    Spec { field: Field::Labels, name: "labels", label: "Labels", takes: "words separated by spaces" },
    Spec { field: Field::Moscow, name: "moscow", label: "MoSCoW", takes: "must, should, could, wont" },
    Spec { field: Field::Blocked, name: "blocked", label: "Blocked", takes: "the reason, or empty" },
    Spec { field: Field::Kind, name: "type", label: "Type", takes: "story, bug, task or spike" },
    Spec { field: Field::Status, name: "status", label: "Status", takes: "a column" },
    Spec { field: Field::Sprint, name: "sprint", label: "Sprint", takes: "a sprint, or backlog" },
    Spec { field: Field::Rice, name: "rice", label: "RICE", takes: "reach, impact, confidence, effort" },
    Spec {
        field: Field::Wsjf,
        name: "wsjf",
        label: "WSJF",
        takes: "business value, time criticality, risk reduction, job size",
    },
    Spec { field: Field::BlockedBy, name: "blocked_by", label: "Waits on", takes: "keys of what it waits on" },
    Spec { field: Field::Description, name: "description", label: "Description", takes: "any text" },
    Spec { field: Field::Acceptance, name: "acceptance", label: "Acceptance criteria", takes: "any text" },
];

impl Field {
    pub fn spec(self) -> &'static Spec {
        FIELDS.iter().find(|s| s.field == self).unwrap_or(&FIELDS[0])
    }

    pub fn by_name(name: &str) -> Option<Field> {
        FIELDS.iter().find(|s| s.name.eq_ignore_ascii_case(name.trim())).map(|s| s.field)
    }
}

/// What typing a field asks for: most are an edit; the status and the sprint are a move (which
/// the history records).
#[derive(Debug, Clone, PartialEq)]
pub enum Set {
    Edit(Box<Edit>),
    Move(Move),
}

fn numbers(v: &[f64]) -> String {
    v.iter().map(|n| exact_number(*n)).collect::<Vec<_>>().join(", ")
}

/// A field's value as text.
pub fn show(board: &Board, s: &Story, field: Field) -> String {
    match field {
        Field::Title => s.title.clone(),
        Field::Points => s.points.map(|p| p.to_string()).unwrap_or_default(),
        Field::Assignee => s.assignee.as_deref().unwrap_or_default().to_owned(),
        Field::Epic => {
            s.epic.as_deref().map(|e| board.file.epic(e).map_or(e, |e| &e.name).to_owned()).unwrap_or_default()
        }
        Field::Labels => s.labels.join(" "),
        Field::Moscow => s.moscow.map(|m| m.label().to_owned()).unwrap_or_default(),
        Field::Blocked => s.blocked.clone().unwrap_or_default(),
        Field::Kind => s.kind.label().to_owned(),
        Field::Status => board.file.column(&s.status).map_or_else(|| s.status.to_string(), |c| c.name.clone()),
        Field::Sprint => board.file.sprint_name(s.sprint.as_deref()).unwrap_or_else(|| "backlog".to_owned()),
        Field::Rice => s.rice.map(|r| numbers(&[r.reach, r.impact, r.confidence, r.effort])).unwrap_or_default(),
        Field::Wsjf => s
            .wsjf
            .map(|w| numbers(&[w.business_value, w.time_criticality, w.risk_reduction, w.job_size]))
            .unwrap_or_default(),
        Field::Description => s.description.clone(),
        Field::Acceptance => s.acceptance.clone(),
        Field::BlockedBy => s.blocked_by.join(" "),
    }
}

/// What `edit` sets `field` to, as a person reads it (`none` for a cleared field; the first
/// line of a long text); `None` when the edit leaves the field alone.
pub fn in_edit(edit: &Edit, field: Field) -> Option<String> {
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    let first_line = |t: &String| format!("{:?}", t.lines().next().unwrap_or(""));
    match field {
        Field::Title => edit.title.as_ref().map(|t| format!("{t:?}")),
        Field::Points => edit.points.map(|p| p.map_or_else(|| "none".into(), |n| n.to_string())),
        Field::Assignee => edit.assignee.as_ref().map(or_none),
        Field::Epic => edit.epic.as_ref().map(or_none),
        Field::Labels => edit.labels.as_ref().map(|l| l.join(" ")),
        Field::Moscow => edit.moscow.map(|m| m.map_or("none", |m| m.label()).to_owned()),
        Field::Blocked => edit.blocked.as_ref().map(or_none),
        Field::Kind => edit.kind.map(|k| k.label().to_owned()),
        // Moves, not edits.
        Field::Status | Field::Sprint => None,
        Field::Rice => edit
            .rice
            .map(|r| r.map_or_else(|| "none".into(), |r| numbers(&[r.reach, r.impact, r.confidence, r.effort]))),
        Field::Wsjf => edit.wsjf.map(|w| {
            w.map_or_else(
                || "none".into(),
                |w| numbers(&[w.business_value, w.time_criticality, w.risk_reduction, w.job_size]),
            )
        }),
        Field::Description => edit.description.as_ref().map(first_line),
        Field::Acceptance => edit.acceptance.as_ref().map(first_line),
        Field::BlockedBy => edit.blocked_by.as_ref().map(|b| if b.is_empty() { "none".into() } else { b.join(" ") }),
    }
}

/// Whether `field` holds something else in `a` than in `b` (two versions of one story).
pub fn differs(a: &Story, b: &Story, field: Field) -> bool {
    match field {
        Field::Title => a.title != b.title,
        Field::Points => a.points != b.points,
        Field::Assignee => a.assignee != b.assignee,
        Field::Epic => a.epic != b.epic,
        Field::Labels => a.labels != b.labels,
        Field::Moscow => a.moscow != b.moscow,
        Field::Blocked => a.blocked != b.blocked,
        Field::Kind => a.kind != b.kind,
        Field::Status => a.status != b.status,
        Field::Sprint => a.sprint != b.sprint,
        Field::Rice => a.rice != b.rice,
        Field::Wsjf => a.wsjf != b.wsjf,
        Field::Description => a.description != b.description,
        Field::Acceptance => a.acceptance != b.acceptance,
        Field::BlockedBy => a.blocked_by != b.blocked_by,
    }
}

/// Four numbers of 0 or more, separated by commas; none for an empty text.
fn four(text: &str) -> Result<Option<[f64; 4]>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let bad = || format!("expected 4 numbers separated by commas, got {text:?}");
    let parts: Vec<f64> =
        text.split(',').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| bad())?;
    let parts: [f64; 4] = parts.try_into().map_err(|_| bad())?;
    if parts.iter().any(|p| !p.is_finite() || *p < 0.0) {
        return Err("numbers must be 0 or more".into());
    }
    Ok(Some(parts))
}

/// Reads what was typed into a field. The message of a mistake does not name the field: the
/// caller says which (by its form name or its label).
pub fn read(board: &Board, field: Field, text: &str) -> Result<Set, String> {
    let line = text.trim();
    let opt = || (!line.is_empty()).then(|| line.to_owned());
    let mut edit = Edit::default();
    match field {
        Field::Title if line.is_empty() => return Err("the title cannot be empty".into()),
        Field::Title => edit.title = Some(line.to_owned()),
        Field::Points => {
            edit.points = Some(match opt() {
                None => None,
                Some(v) => Some(v.parse::<u32>().map_err(|_| format!("{v:?} is not a whole number"))?),
            });
        }
        Field::Assignee => edit.assignee = Some(opt()),
        Field::Epic => {
            edit.epic = Some(match opt() {
                None => None,
                Some(v) => Some(board.file.find_epic(&v).map(|e| e.id.to_string()).ok_or_else(|| {
                    let names: Vec<&str> = board.file.epics.iter().map(|e| e.name.as_str()).collect();
                    if names.is_empty() {
                        format!("there is no epic {v:?}; the board has none yet (`sprintboard epic new NAME`)")
                    } else {
                        format!("there is no epic {v:?} (the epics: {})", names.join(", "))
                    }
                })?),
            });
        }
        Field::Labels => {
            edit.labels = Some(line.split_whitespace().map(|l| l.trim_start_matches('#').to_owned()).collect())
        }
        Field::Moscow => {
            edit.moscow = Some(match opt() {
                None => None,
                Some(v) => Some(Moscow::parse(&v).ok_or_else(|| format!("{v:?} is not must, should, could or wont"))?),
            });
        }
        Field::Blocked => edit.blocked = Some(opt()),
        Field::Kind => {
            edit.kind = Some(Kind::parse(line).ok_or_else(|| format!("{line:?} is not story, bug, task or spike"))?);
        }
        Field::Status => {
            let column = board.resolve_column(line).map_err(|e| e.to_string())?;
            return Ok(Set::Move(Move { status: Some(column.to_string()), ..Move::default() }));
        }
        Field::Sprint => {
            let list = board.resolve_list(line).map_err(|e| e.to_string())?;
            return Ok(Set::Move(Move { sprint: Some(list), ..Move::default() }));
        }
        Field::Rice => {
            edit.rice =
                Some(four(line)?.map(|[reach, impact, confidence, effort]| Rice { reach, impact, confidence, effort }));
        }
        Field::Wsjf => {
            edit.wsjf = Some(four(line)?.map(|[business_value, time_criticality, risk_reduction, job_size]| Wsjf {
                business_value,
                time_criticality,
                risk_reduction,
                job_size,
            }));
        }
        Field::Description => edit.description = Some(text.trim_end().to_owned()),
        Field::Acceptance => edit.acceptance = Some(text.trim_end().to_owned()),
        Field::BlockedBy => {
            let keys = line.split(|c: char| c.is_whitespace() || c == ',').filter(|k| !k.is_empty());
            edit.blocked_by =
                Some(keys.map(|k| board.resolve_key(k).map_err(|e| e.to_string())).collect::<Result<_, _>>()?);
        }
    }
    Ok(Set::Edit(Box::new(edit)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BoardFile, Ctx, NewStory};

    /// Every field shown and read back is no change: the two directions agree.
    #[test]
    fn every_field_reads_back_what_it_shows() {
        let mut b = Board::new(BoardFile::new("T", "SB"));
        b.new_epic("Login", "").expect("epic");
        let mut c = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
        let new = NewStory { title: "A".into(), points: Some(3), epic: Some("login".into()), ..Default::default() };
        let (k, _) = b.add_story(new, &mut c).expect("add");
        let edit = Edit {
            rice: Some(Some(Rice { reach: 100.0, impact: 2.0, confidence: 0.5, effort: 4.0 })),
            moscow: Some(Some(Moscow::Must)),
            labels: Some(vec!["web".into()]),
            blocked: Some(Some("API".into())),
            kind: Some(Kind::Bug),
            ..Default::default()
        };
        b.edit_story(&k, edit, &mut c).expect("edit");
        for spec in FIELDS {
            let story = b.story(&k).cloned().expect("story");
            let text = show(&b, &story, spec.field);
            let set = read(&b, spec.field, &text).unwrap_or_else(|e| panic!("{}: {e}", spec.name));
            let changes = match set {
                Set::Edit(e) => b.edit_story(&k, *e, &mut c).expect("edit"),
                Set::Move(m) => b.move_story(&k, &m, &mut c).expect("move"),
            };
            assert!(changes.is_empty(), "{} {text:?} changed the story", spec.name);
        }
        assert_eq!(Field::by_name("TYPE"), Some(Field::Kind));
    }
}
