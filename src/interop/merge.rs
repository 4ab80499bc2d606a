//! Three-way merge of store files, field by field: the git merge driver's logic.
//!
//! Each side is read, turned into a JSON value, and merged against the common ancestor: a field
//! changed on one side only takes that side; a field changed on both sides to different values
//! is a conflict. Lists of things with an `id` (sprints, columns, epics) merge item by item;
//! lists of words (labels, people) merge as sets; a story's history is the union of both
//! sides' events in time order (an event both sides added for the same change, as when both
//! closed the same sprint, once: the earlier), and so are its comments (only ever added);
//! `updated` is the later of the two; a sprint's
//! `started_at` and `closed_at`, and dates both sides filled in, the earlier of the two (both
//! started or closed it: it happened at the first). A conflict is written as
//! ordinary git conflict markers around the conflicting field's lines only, so the file says
//! what to do, and the loader points at the markers until they are resolved. A side that is not
//! a file of its kind, or a merge larger than the reader takes, is a conflict over the whole
//! file that says so ([`drive`]): never one side's silent win.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::domain::{BoardFile, Story};
use crate::store::codec::{self, Versioned};

/// The outcome of a merge: the text to write, and what conflicted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    /// The fields that conflicted, by their paths (`title`, `sprints[s1].capacity`).
    pub fn fields(&self) -> Vec<&str> {
        self.conflicts.iter().map(Conflict::field).collect()
    }
}

/// One conflict of a field-by-field merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Both sides changed this field, to different values.
    Changed(String),
    /// One side removed this item (a column, a sprint, an epic), the other changed it.
    RemovedAndChanged(String),
    /// Between them the two sides removed every item of a list that must keep one (the
    /// columns: a board without a workflow opens nowhere).
    NoneLeft(String),
}

impl Conflict {
    pub fn field(&self) -> &str {
        match self {
            Conflict::Changed(f) | Conflict::RemovedAndChanged(f) | Conflict::NoneLeft(f) => f,
        }
    }
}

/// What the conflicts of a merge are, in one phrase: `both sides changed title, points`.
pub fn describe(conflicts: &[Conflict]) -> String {
    let changed: Vec<&str> =
        conflicts.iter().filter(|c| matches!(c, Conflict::Changed(_))).map(Conflict::field).collect();
    let removed: Vec<&str> =
        conflicts.iter().filter(|c| matches!(c, Conflict::RemovedAndChanged(_))).map(Conflict::field).collect();
    let mut out = Vec::new();
    if !changed.is_empty() {
        out.push(format!("both sides changed {}", changed.join(", ")));
    }
    if !removed.is_empty() {
        out.push(format!("{} removed on one side and changed on the other", removed.join(", ")));
    }
    for c in conflicts.iter().filter(|c| matches!(c, Conflict::NoneLeft(_))) {
        out.push(format!("between them the two sides removed all the {}, and none would be left", c.field()));
    }
    out.join("; ")
}

/// One of the two versions a merge is given to join (an unreadable common ancestor is no
/// reason to stop: see [`drive`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// This clone's version.
    Ours,
    /// The version being merged in.
    Theirs,
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        })
    }
}

/// Why a merge could not be done field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmergeable {
    /// These sides are not a file of this kind (junk, truncated, nested too deeply, too large):
    /// each with why, as the reader says it.
    Unreadable(Vec<(Side, String)>),
    /// Something that cannot happen with two readable sides (a merged value that does not
    /// encode), said as it is.
    Failed(String),
}

impl std::fmt::Display for Unmergeable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unmergeable::Unreadable(sides) => {
                let each: Vec<String> =
                    sides.iter().map(|(side, why)| format!("{side} could not be read ({why})")).collect();
                f.write_str(&each.join("; "))
            }
            Unmergeable::Failed(why) => f.write_str(why),
        }
    }
}

/// The kind of file merged: its reader and its size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Story,
    Board,
}

impl Doc {
    /// The most the reader takes of a file of this kind.
    pub fn max_bytes(self) -> u64 {
        match self {
            Doc::Story => codec::MAX_STORY_BYTES,
            Doc::Board => codec::MAX_BOARD_BYTES,
        }
    }
}

fn parse<T: DeserializeOwned + Versioned>(bytes: &[u8], max: u64) -> Result<T, String> {
    codec::decode(std::path::Path::new(""), bytes, max).map_err(|e| match e.at {
        Some((line, col)) => format!("line {line}, column {col}: {}", e.message),
        None => e.message,
    })
}

fn to_value<T: Serialize>(v: &T) -> Result<Value, Unmergeable> {
    serde_json::to_value(v).map_err(|e| Unmergeable::Failed(e.to_string()))
}

/// Merges a story file (`base` empty when both sides added it).
pub fn merge_story(base: &str, ours: &str, theirs: &str, marker: usize) -> Result<Merged, Unmergeable> {
    merge_doc::<Story>(base.as_bytes(), ours.as_bytes(), theirs.as_bytes(), marker, codec::MAX_STORY_BYTES)
        .map(|(m, _)| m)
}

/// Merges `board.ron`.
pub fn merge_board(base: &str, ours: &str, theirs: &str, marker: usize) -> Result<Merged, Unmergeable> {
    merge_doc::<BoardFile>(base.as_bytes(), ours.as_bytes(), theirs.as_bytes(), marker, codec::MAX_BOARD_BYTES)
        .map(|(m, _)| m)
}

/// Merges the three versions. An unreadable base is merged without (as if both sides had
/// added the file, so every field they hold differently is a conflict), and said: the second
/// value is why the base could not be read.
fn merge_doc<T: Serialize + DeserializeOwned + Versioned>(
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    marker: usize,
    max: u64,
) -> Result<(Merged, Option<String>), Unmergeable> {
    let a = parse::<T>(ours, max);
    let b = parse::<T>(theirs, max);
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let mut sides = Vec::new();
            if let Err(why) = a {
                sides.push((Side::Ours, why));
            }
            if let Err(why) = b {
                sides.push((Side::Theirs, why));
            }
            return Err(Unmergeable::Unreadable(sides));
        }
    };
    let (o, base_unread) = if String::from_utf8_lossy(base).trim().is_empty() {
        (None, None)
    } else {
        match parse::<T>(base, max) {
            Ok(o) => (Some(to_value(&o)?), None),
            Err(why) => (None, Some(why)),
        }
    };
    let (a, b) = (to_value(&a)?, to_value(&b)?);
    let mut conflicts = Vec::new();
    let (ours_side, theirs_side) = merge_value(o.as_ref(), &a, &b, "", &mut conflicts);
    let encode = |v: Value| -> Result<String, Unmergeable> {
        let doc: T = serde_json::from_value(v).map_err(|e| Unmergeable::Failed(e.to_string()))?;
        codec::encode(&doc).map_err(|e| Unmergeable::Failed(e.to_string()))
    };
    let ours_text = encode(ours_side)?;
    if conflicts.is_empty() {
        return Ok((Merged { text: ours_text, conflicts }, base_unread));
    }
    let theirs_text = encode(theirs_side)?;
    Ok((Merged { text: with_markers(&ours_text, &theirs_text, marker), conflicts }, base_unread))
}

/// What the merge driver leaves for one file: the text to write in place of ours, whether the
/// merge is clean (git's exit status 0), and what to tell the person (on the driver's standard
/// error, which git shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub text: String,
    pub clean: bool,
    pub message: Option<String>,
}

/// The merge driver's work for one file, named `name` in messages. Never writes a file the
/// reader would refuse as merged: when a side cannot be read, or the merge would be larger than
/// a file may be, the result is a conflict over the whole file (each side between the markers
/// when it fits, and a note that says what happened), never one side's silent win.
pub fn drive(doc: Doc, base: &[u8], ours: &[u8], theirs: &[u8], marker: usize, name: &str) -> Outcome {
    let max = doc.max_bytes();
    let merged = match doc {
        Doc::Story => merge_doc::<Story>(base, ours, theirs, marker, max),
        Doc::Board => merge_doc::<BoardFile>(base, ours, theirs, marker, max),
    };
    let take_a_side = format!(
        "keep one side: `git checkout --ours -- {name}` (this clone's) or `--theirs` (the one merged in), \
         or edit the file"
    );
    match merged {
        Ok((m, base_unread)) => {
            let base_note = base_unread.map(|why| {
                format!(
                    "the common ancestor (base) could not be read ({why}), so the two sides were merged without \
                     it: whatever they hold differently is a conflict"
                )
            });
            if m.text.len() as u64 > max {
                let why = format!(
                    "merged, the file would be {} KiB, more than the {} KiB a file here may be",
                    m.text.len().div_ceil(1024),
                    max / 1024
                );
                return whole_file_conflict(ours, theirs, marker, max, &why, &take_a_side);
            }
            let mut said: Vec<String> = base_note.into_iter().collect();
            if !m.conflicts.is_empty() {
                said.push(describe(&m.conflicts));
            }
            let message = (!said.is_empty()).then(|| said.join("; "));
            Outcome { text: m.text, clean: m.conflicts.is_empty(), message }
        }
        Err(e) => whole_file_conflict(ours, theirs, marker, max, &e.to_string(), &take_a_side),
    }
}

/// A conflict over the whole file: a note (a RON comment, so keeping one side leaves a file that
/// reads), then ours and theirs between markers, each whole when it is text and everything still
/// fits in `max`, else a line that says it is left out.
fn whole_file_conflict(ours: &[u8], theirs: &[u8], marker: usize, max: u64, why: &str, fix: &str) -> Outcome {
    let marker = marker.max(7);
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    let note = format!("{NOTE}{}: {}\n", one_line(why), one_line(fix));
    let (open, mid, close) = (
        format!("{} ours\n", "<".repeat(marker)),
        "=".repeat(marker) + "\n",
        format!("{} theirs\n", ">".repeat(marker)),
    );
    let mut room = (max as usize).saturating_sub(note.len() + open.len() + mid.len() + close.len() + 256);
    let mut side = |bytes: &[u8], which: &str| -> String {
        match std::str::from_utf8(bytes) {
            Ok(text) if text.len() <= room => {
                room -= text.len();
                if text.is_empty() || text.ends_with('\n') { text.to_owned() } else { format!("{text}\n") }
            }
            Ok(_) => format!("{NOTE}{which} is left out here, too large to show\n"),
            Err(_) => format!("{NOTE}{which} is left out here, it is not text\n"),
        }
    };
    let ours_text = side(ours, "ours");
    let theirs_text = side(theirs, "theirs");
    Outcome {
        text: format!("{note}{open}{ours_text}{mid}{theirs_text}{close}"),
        clean: false,
        message: Some(format!("{why}: left as a conflict; {fix}")),
    }
}

/// How the driver's notes in a file begin: the reader shows the first one as the way out.
pub const NOTE: &str = "// sprintboard: ";

/// Merges one value; returns the result as each side would resolve a conflict (the two are
/// equal when nothing conflicted).
fn merge_value(o: Option<&Value>, a: &Value, b: &Value, path: &str, conflicts: &mut Vec<Conflict>) -> (Value, Value) {
    if a == b {
        return (a.clone(), a.clone());
    }
    if o == Some(a) {
        return (b.clone(), b.clone());
    }
    if o == Some(b) {
        return (a.clone(), a.clone());
    }
    match (a, b) {
        (Value::Object(ma), Value::Object(mb)) => {
            let om = o.and_then(Value::as_object);
            let (mut ra, mut rb) = (Map::new(), Map::new());
            for (k, va) in ma {
                let vb = mb.get(k).unwrap_or(&Value::Null);
                let field = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                let (x, y) = match k.as_str() {
                    // Both sides touch `updated` on every change: the later one stands.
                    "updated" if path.is_empty() => {
                        let later = if va.as_str() >= vb.as_str() { va.clone() } else { vb.clone() };
                        (later.clone(), later)
                    }
                    "history" if path.is_empty() => {
                        let h = merge_history(om.and_then(|m| m.get(k)), va, vb);
                        (h.clone(), h)
                    }
                    // Comments are only ever added: both sides' are kept, in time order.
                    "comments" if path.is_empty() => {
                        let mut all: Vec<Value> = va.as_array().cloned().unwrap_or_default();
                        for c in vb.as_array().into_iter().flatten() {
                            if !all.contains(c) {
                                all.push(c.clone());
                            }
                        }
                        all.sort_by(|x, y| {
                            x.get("at").and_then(Value::as_str).cmp(&y.get("at").and_then(Value::as_str))
                        });
                        (Value::Array(all.clone()), Value::Array(all))
                    }
                    // People merge as a set by name; one person's aliases as a set too.
                    "people" if path.is_empty() => {
                        let m = merge_people(om.and_then(|m| m.get(k)), va, vb);
                        (m.clone(), m)
                    }
                    "started_at" | "closed_at" | "start" | "end"
                        if path.starts_with("sprints[")
                            && va.is_string()
                            && vb.is_string()
                            && om.and_then(|m| m.get(k)).is_none_or(Value::is_null) =>
                    {
                        let earlier = if va.as_str() <= vb.as_str() { va.clone() } else { vb.clone() };
                        (earlier.clone(), earlier)
                    }
                    _ => merge_value(om.and_then(|m| m.get(k)), va, vb, &field, conflicts),
                };
                ra.insert(k.clone(), x);
                rb.insert(k.clone(), y);
            }
            (Value::Object(ra), Value::Object(rb))
        }
        (Value::Array(la), Value::Array(lb)) if is_id_list(la) && is_id_list(lb) => {
            merge_by_id(o.and_then(Value::as_array), la, lb, path, conflicts)
        }
        (Value::Array(la), Value::Array(lb)) if is_word_list(la) && is_word_list(lb) => {
            let m = merge_set(o.and_then(Value::as_array), la, lb);
            (m.clone(), m)
        }
        _ => {
            conflicts.push(Conflict::Changed(if path.is_empty() {
                "the whole file".to_owned()
            } else {
                path.to_owned()
            }));
            (a.clone(), b.clone())
        }
    }
}

fn is_id_list(l: &[Value]) -> bool {
    l.iter().all(|v| v.get("id").is_some_and(Value::is_string))
}

fn is_word_list(l: &[Value]) -> bool {
    l.iter().all(Value::is_string)
}

fn id_of(v: &Value) -> &str {
    v.get("id").and_then(Value::as_str).unwrap_or("")
}

/// Items with ids: ours in our order, then the ones only they added.
fn merge_by_id(
    o: Option<&Vec<Value>>,
    a: &[Value],
    b: &[Value],
    path: &str,
    conflicts: &mut Vec<Conflict>,
) -> (Value, Value) {
    let find = |l: &[Value], id: &str| l.iter().find(|v| id_of(v) == id).cloned();
    let mut ids: Vec<String> = a.iter().map(|v| id_of(v).to_owned()).collect();
    for v in b {
        if !ids.iter().any(|i| i == id_of(v)) {
            ids.push(id_of(v).to_owned());
        }
    }
    let (mut ra, mut rb) = (Vec::new(), Vec::new());
    for id in ids {
        let base = o.and_then(|l| find(l, &id));
        let field = format!("{path}[{id}]");
        match (find(a, &id), find(b, &id)) {
            (Some(x), Some(y)) => {
                let (p, q) = merge_value(base.as_ref(), &x, &y, &field, conflicts);
                ra.push(p);
                rb.push(q);
            }
            // Only one side has it: added there, or deleted on the other side.
            (Some(x), None) | (None, Some(x)) => match base {
                None => {
                    ra.push(x.clone());
                    rb.push(x);
                }
                Some(base) if base == x => {}
                Some(_) => {
                    // Changed on one side, deleted on the other.
                    conflicts.push(Conflict::RemovedAndChanged(field));
                    ra.push(x);
                }
            },
            (None, None) => {}
        }
    }
    // A board needs a column: the columns each side kept, between markers, for a person to
    // choose from, rather than a clean merge that no command can open.
    if path == "columns" && ra.is_empty() && !a.is_empty() && !b.is_empty() {
        conflicts.push(Conflict::NoneLeft(path.to_owned()));
        return (Value::Array(a.to_vec()), Value::Array(b.to_vec()));
    }
    (Value::Array(ra), Value::Array(rb))
}

/// Words: kept where both sides keep them, added where either side added them.
fn merge_set(o: Option<&Vec<Value>>, a: &[Value], b: &[Value]) -> Value {
    let in_o = |v: &Value| o.is_some_and(|l| l.contains(v));
    let mut out: Vec<Value> = a.iter().filter(|v| b.contains(v) || !in_o(v)).cloned().collect();
    for v in b {
        if !out.contains(v) && !in_o(v) {
            out.push(v.clone());
        }
    }
    Value::Array(out)
}

/// One person as `board.ron` writes them: a name alone, or `{name, aliases}`.
fn person_parts(v: &Value) -> (String, Vec<Value>) {
    match v {
        Value::String(name) => (name.clone(), Vec::new()),
        _ => (
            v.get("name").and_then(Value::as_str).unwrap_or_default().to_owned(),
            v.get("aliases").and_then(Value::as_array).cloned().unwrap_or_default(),
        ),
    }
}

/// The board's people: kept where both sides keep them and added where either added them (by
/// name), each person's aliases merged the same way; a person without aliases is their name.
fn merge_people(o: Option<&Value>, a: &Value, b: &Value) -> Value {
    let parts = |v: Option<&Value>| -> Vec<(String, Vec<Value>)> {
        v.and_then(Value::as_array).map(|l| l.iter().map(person_parts).collect()).unwrap_or_default()
    };
    let (base, ours, theirs) = (parts(o), parts(Some(a)), parts(Some(b)));
    let find = |l: &[(String, Vec<Value>)], name: &str| l.iter().find(|(n, _)| n == name).map(|(_, a)| a.clone());
    let names: Vec<Value> = ours.iter().map(|(n, _)| Value::String(n.clone())).collect();
    let their_names: Vec<Value> = theirs.iter().map(|(n, _)| Value::String(n.clone())).collect();
    let base_names: Vec<Value> = base.iter().map(|(n, _)| Value::String(n.clone())).collect();
    let kept = merge_set(o.map(|_| &base_names), &names, &their_names);
    let mut out = Vec::new();
    for name in kept.as_array().into_iter().flatten().filter_map(Value::as_str) {
        let (x, y) = (find(&ours, name), find(&theirs, name));
        let aliases = match (x, y) {
            (Some(x), Some(y)) => merge_set(find(&base, name).as_ref(), &x, &y),
            (Some(x), None) | (None, Some(x)) => Value::Array(x),
            (None, None) => Value::Array(Vec::new()),
        };
        out.push(if aliases.as_array().is_none_or(Vec::is_empty) {
            Value::String(name.to_owned())
        } else {
            serde_json::json!({"name": name, "aliases": aliases})
        });
    }
    Value::Array(out)
}

/// Both sides' events, each once, in time order. An event each side added since the base for
/// the same change (both moved it to the same column, both closed its sprint) is one event: the
/// earlier.
fn merge_history(o: Option<&Value>, a: &Value, b: &Value) -> Value {
    let base: Vec<Value> = o.and_then(Value::as_array).cloned().unwrap_or_default();
    let mut all: Vec<Value> = a.as_array().cloned().unwrap_or_default();
    let ours_added: Vec<usize> = (0..all.len()).filter(|&i| !base.contains(&all[i])).collect();
    for e in b.as_array().into_iter().flatten() {
        if all.contains(e) {
            continue;
        }
        let same = ours_added.iter().copied().find(|&i| !base.contains(e) && all[i].get("change") == e.get("change"));
        match same {
            Some(i) => {
                if e.get("at").and_then(Value::as_str) < all[i].get("at").and_then(Value::as_str) {
                    all[i] = e.clone();
                }
            }
            None => all.push(e.clone()),
        }
    }
    all.sort_by(|x, y| x.get("at").and_then(Value::as_str).cmp(&y.get("at").and_then(Value::as_str)));
    Value::Array(all)
}

/// The two resolutions of a conflicted file, with conflict markers around the lines where they
/// differ (a line diff by `similar`, Myers' algorithm with a deadline: `board.ron` may be
/// 16 MiB, and a quadratic table of it would not fit in memory).
pub fn with_markers(ours: &str, theirs: &str, marker: usize) -> String {
    let a: Vec<&str> = ours.lines().collect();
    let b: Vec<&str> = theirs.lines().collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    let ops = similar::capture_diff_slices_deadline(similar::Algorithm::Myers, &a, &b, Some(deadline));
    let marker = marker.max(7);
    let (open, mid, close) = ("<".repeat(marker), "=".repeat(marker), ">".repeat(marker));
    let mut out = String::new();
    let (mut ours_block, mut theirs_block): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let flush = |out: &mut String, ob: &mut Vec<&str>, tb: &mut Vec<&str>| {
        if ob.is_empty() && tb.is_empty() {
            return;
        }
        out.push_str(&format!("{open} ours\n"));
        for l in ob.drain(..) {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("{mid}\n"));
        for l in tb.drain(..) {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("{close} theirs\n"));
    };
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            flush(&mut out, &mut ours_block, &mut theirs_block);
            for l in &a[old] {
                out.push_str(l);
                out.push('\n');
            }
        } else {
            ours_block.extend(&a[old]);
            theirs_block.extend(&b[new]);
        }
    }
    flush(&mut out, &mut ours_block, &mut theirs_block);
    out
}

#[cfg(test)]
mod tests;
