//! How each field of the table is shown as text and read back, compared and described: one
//! `match` per job, kept together, and one parser per kind of value (points, a MoSCoW class, a
//! type, RICE's and WSJF's numbers, labels, keys) that the Story view, the `$EDITOR` form and
//! `edit` all call, so a mistake is worded once.

use super::{FIELDS, Field};
use crate::domain::{Board, Edit, Kind, Moscow, Move, Rice, ShortText, Story, Wsjf};
use crate::text::exact_number;

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
        Field::Rice | Field::Wsjf => parts_of(s, field).map(|n| numbers(&n)).unwrap_or_default(),
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
        Field::Rice => edit.rice.map(|r| r.map_or_else(|| "none".into(), |r| numbers(&rice_parts(&r)))),
        Field::Wsjf => edit.wsjf.map(|w| w.map_or_else(|| "none".into(), |w| numbers(&wsjf_parts(&w)))),
        Field::Description => edit.description.as_ref().map(first_line),
        Field::Acceptance => edit.acceptance.as_ref().map(first_line),
        Field::BlockedBy => edit.blocked_by.as_ref().map(|b| if b.is_empty() { "none".into() } else { b.join(" ") }),
    }
}

/// The values `edit` sets, as a person reads them: `title "X", points 5`.
pub fn describe(edit: &Edit) -> String {
    FIELDS
        .iter()
        .filter_map(|f| in_edit(edit, f.field).map(|v| format!("{} {v}", f.name)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fields `edit` sets that also changed between `before` (what the edit was made on) and
/// `now` (what is there now): re-applying the edit on `now` would overwrite those.
pub fn clashes(edit: &Edit, before: &Story, now: &Story) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|f| in_edit(edit, f.field).is_some() && differs(before, now, f.field))
        .map(|f| f.name)
        .collect()
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

fn rice_parts(r: &Rice) -> [f64; 4] {
    [r.reach, r.impact, r.confidence, r.effort]
}

fn wsjf_parts(w: &Wsjf) -> [f64; 4] {
    [w.business_value, w.time_criticality, w.risk_reduction, w.job_size]
}

/// The numbers of a field the Story view takes as several inputs (RICE, WSJF), in the order of
/// its `parts`; `None` when the story has none (or the field is not one of those).
pub fn parts_of(s: &Story, field: Field) -> Option<[f64; 4]> {
    match field {
        Field::Rice => s.rice.as_ref().map(rice_parts),
        Field::Wsjf => s.wsjf.as_ref().map(wsjf_parts),
        _ => None,
    }
}

/// The edit that sets a field taken as several inputs to `numbers` (`None` clears it); an
/// empty edit for any other field.
pub fn edit_parts(field: Field, numbers: Option<[f64; 4]>) -> Edit {
    match field {
        Field::Rice => Edit {
            rice: Some(numbers.map(|[reach, impact, confidence, effort]| Rice { reach, impact, confidence, effort })),
            ..Edit::default()
        },
        Field::Wsjf => Edit {
            wsjf: Some(numbers.map(|[business_value, time_criticality, risk_reduction, job_size]| Wsjf {
                business_value,
                time_criticality,
                risk_reduction,
                job_size,
            })),
            ..Edit::default()
        },
        _ => Edit::default(),
    }
}

/// The score of a field taken as several inputs (RICE, WSJF), when its inputs give one.
pub fn score(s: &Story, field: Field) -> Option<f64> {
    match field {
        Field::Rice => s.rice_score(),
        Field::Wsjf => s.wsjf_score(),
        _ => None,
    }
}

/// One number of 0 or more (one input of RICE or WSJF); none for an empty text.
pub fn number(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        _ => Err(not_a_number(text)),
    }
}

/// The one wording of a RICE or WSJF input that is not a number of 0 or more.
pub fn not_a_number(shown: &str) -> String {
    format!("{shown:?} is not a number of 0 or more")
}

/// Four numbers of 0 or more, separated by commas; none for an empty text.
fn four(text: &str) -> Result<Option<[f64; 4]>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let bad = || format!("expected 4 numbers separated by commas, got {text:?}");
    let parts: Vec<Option<f64>> = text.split(',').map(number).collect::<Result<_, _>>()?;
    let parts: Vec<f64> = parts.into_iter().collect::<Option<_>>().ok_or_else(bad)?;
    Ok(Some(parts.try_into().map_err(|_| bad())?))
}

/// RICE's four inputs, `reach, impact, confidence, effort`; none for an empty text.
pub fn rice(text: &str) -> Result<Option<Rice>, String> {
    Ok(edit_parts(Field::Rice, four(text)?).rice.flatten())
}

/// WSJF's four inputs, `business value, time criticality, risk reduction, job size`; none for
/// an empty text.
pub fn wsjf(text: &str) -> Result<Option<Wsjf>, String> {
    Ok(edit_parts(Field::Wsjf, four(text)?).wsjf.flatten())
}

/// The most points a story's estimate holds. Estimates are small numbers (1, 2, 3, 5, 8, 13…,
/// or hours for a team that estimates so): 10,000 is more than any sane story, and it keeps
/// the sums of points far from overflowing: 100,000 stories (the largest board the store is
/// made for) at 10,000 points each are 10^9, below `u32::MAX`. A file written by hand may still
/// hold more: sums saturate (see [`crate::domain::sum_points`]).
pub const MAX_POINTS: u32 = 10_000;

/// Points: a whole number up to [`MAX_POINTS`]; none for an empty text.
pub fn points(text: &str) -> Result<Option<u32>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    estimate(text).map(Some)
}

/// An estimate typed on its own (`add --points N`): a whole number up to [`MAX_POINTS`].
pub fn estimate(text: &str) -> Result<u32, String> {
    whole_number(text).and_then(check_points)
}

/// An estimate of at most [`MAX_POINTS`]: the one rule, for what is typed and what the domain
/// is given (an import, an agent).
pub fn check_points(points: u32) -> Result<u32, String> {
    if points > MAX_POINTS {
        return Err(format!("\"{points}\" is more points than a story holds (at most {MAX_POINTS})"));
    }
    Ok(points)
}

/// A sprint's capacity or a column's WIP limit: a whole number (no bound: a capacity is a sum
/// of estimates); none for an empty text.
pub fn limit(text: &str) -> Result<Option<u32>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    whole_number(text).map(Some)
}

/// A whole number (points, a sprint's capacity): the one reading of it and its one error.
pub fn whole_number(text: &str) -> Result<u32, String> {
    let v = text.trim();
    v.parse::<u32>().map_err(|_| format!("{v:?} is not a whole number"))
}

/// A MoSCoW class; none for an empty text.
pub fn moscow(text: &str) -> Result<Option<Moscow>, String> {
    let v = text.trim();
    if v.is_empty() {
        return Ok(None);
    }
    Moscow::parse(v).map(Some).ok_or_else(|| format!("{v:?} is not must, should, could or wont"))
}

/// A story's type.
pub fn kind(text: &str) -> Result<Kind, String> {
    let v = text.trim();
    Kind::parse(v).ok_or_else(|| format!("{v:?} is not story, bug, task or spike"))
}

/// Labels: words separated by spaces, a leading `#` dropped.
pub fn labels(text: &str) -> Vec<String> {
    text.split_whitespace().map(|l| l.trim_start_matches('#').to_owned()).collect()
}

/// Story keys separated by spaces or commas, each resolved on the board.
pub fn keys(board: &Board, text: &str) -> Result<Vec<String>, String> {
    let keys = text.split(|c: char| c.is_whitespace() || c == ',').filter(|k| !k.is_empty());
    keys.map(|k| board.resolve_key(k).map_err(|e| e.to_string())).collect()
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
        Field::Points => edit.points = Some(points(line)?),
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
        Field::Labels => edit.labels = Some(labels(line)),
        Field::Moscow => edit.moscow = Some(moscow(line)?),
        Field::Blocked => edit.blocked = Some(opt()),
        Field::Kind => edit.kind = Some(kind(line)?),
        Field::Status => {
            let column = board.resolve_column(line).map_err(|e| e.to_string())?;
            return Ok(Set::Move(Move { status: Some(column.to_string()), ..Move::default() }));
        }
        Field::Sprint => {
            let list = board.resolve_list(line).map_err(|e| e.to_string())?;
            return Ok(Set::Move(Move { sprint: Some(list), ..Move::default() }));
        }
        Field::Rice | Field::Wsjf => return Ok(Set::Edit(Box::new(edit_parts(field, four(line)?)))),
        Field::Description => edit.description = Some(text.trim_end().to_owned()),
        Field::Acceptance => edit.acceptance = Some(text.trim_end().to_owned()),
        Field::BlockedBy => edit.blocked_by = Some(keys(board, line)?),
    }
    Ok(Set::Edit(Box::new(edit)))
}

/// A number as `show` prints it: two decimals at most, no trailing zeros.
fn short_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A field's value as `show` prints it after its label; `None` when `show` leaves it out.
pub fn in_show(board: &Board, s: &Story, field: Field) -> Option<String> {
    let some = |t: &str| (!t.trim().is_empty()).then(|| t.to_owned());
    match field {
        Field::Title => Some(s.title.clone()),
        Field::Points => Some(s.points.map_or("-".into(), |p| p.to_string())),
        Field::Assignee => Some(s.assignee.as_deref().unwrap_or("-").to_owned()),
        Field::Epic => s.epic.is_some().then(|| show(board, s, field)),
        Field::Status | Field::Sprint | Field::Kind => Some(show(board, s, field)),
        Field::Labels => {
            (!s.labels.is_empty()).then(|| s.labels.iter().map(|l| format!("#{l}")).collect::<Vec<_>>().join(" "))
        }
        Field::Moscow => s.moscow.map(|m| m.label().to_owned()),
        Field::Blocked => s.blocked.clone(),
        Field::Rice => s.rice.map(|r| {
            let [reach, impact, confidence, effort] = rice_parts(&r).map(short_number);
            let score = r.score().map_or("-".into(), short_number);
            format!("{score} (reach {reach}, impact {impact}, confidence {confidence}, effort {effort})")
        }),
        Field::Wsjf => s.wsjf.map(|w| {
            let [value, time, risk, size] = wsjf_parts(&w).map(short_number);
            let score = w.score().map_or("-".into(), short_number);
            format!("{score} (value {value}, time {time}, risk {risk}, size {size})")
        }),
        Field::Description => some(&s.description),
        Field::Acceptance => some(&s.acceptance),
        Field::BlockedBy => (!s.blocked_by.is_empty()).then(|| with_status(board, &s.blocked_by)),
    }
}

/// Keys, each with the name of its column (`gone` for a story no longer on the board).
pub fn with_status(board: &Board, keys: &[ShortText]) -> String {
    keys.iter()
        .map(|k| {
            let col = board.story(k).and_then(|st| board.file.column(&st.status)).map_or("gone", |c| c.name.as_str());
            format!("{k} ({col})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
