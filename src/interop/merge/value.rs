//! Merging one value of a file, as JSON, against the common ancestor: the rule of each kind of
//! field (the later `updated`, the union of histories and comments, sets of words and people,
//! lists of things with an id item by item, the earlier of two sprint dates).

use serde_json::{Map, Value};

use super::Conflict;

/// Merges one value; returns the result as each side would resolve a conflict (the two are
/// equal when nothing conflicted).
pub(super) fn merge_value(
    o: Option<&Value>,
    a: &Value,
    b: &Value,
    path: &str,
    conflicts: &mut Vec<Conflict>,
) -> (Value, Value) {
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
            // board.ron leaves out `remotes` while there are none: one side's first remote is
            // merged as an addition to the other's empty list.
            let empty = Value::Array(Vec::new());
            let remotes_theirs_only =
                (path.is_empty() && !ma.contains_key(REMOTES) && mb.contains_key(REMOTES)).then_some((REMOTES, &empty));
            let keys = ma.iter().map(|(k, v)| (k.as_str(), v)).chain(remotes_theirs_only);
            for (k, va) in keys {
                let k = &k.to_owned();
                let vb = mb.get(k).unwrap_or(if k == REMOTES { &empty } else { &Value::Null });
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
                    // Remotes are one per repository: merged item by item, like sprints.
                    "remotes" if path.is_empty() => {
                        let base = om.and_then(|m| m.get(k)).unwrap_or(&empty);
                        merge_remotes(base, va, vb, conflicts)
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

/// The key of board.ron's list of remotes (left out of the file while it is empty).
const REMOTES: &str = "remotes";

/// The remotes of both sides, each known by its repository (any case): one side's change or
/// removal taken, both sides' additions kept, the same remote added on both sides kept once.
fn merge_remotes(o: &Value, a: &Value, b: &Value, conflicts: &mut Vec<Conflict>) -> (Value, Value) {
    let keyed = |v: &Value| -> Vec<Value> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let mut r = r.clone();
                let repo = r.get("repo").and_then(Value::as_str).unwrap_or_default().to_lowercase();
                if let Value::Object(m) = &mut r {
                    m.insert("id".to_owned(), Value::String(repo));
                }
                r
            })
            .collect()
    };
    let (o, a, b) = (keyed(o), keyed(a), keyed(b));
    let (x, y) = merge_by_id(Some(&o), &a, &b, REMOTES, conflicts);
    let unkeyed = |v: Value| -> Value {
        match v {
            Value::Array(l) => Value::Array(
                l.into_iter()
                    .map(|mut r| {
                        if let Value::Object(m) = &mut r {
                            m.remove("id");
                        }
                        r
                    })
                    .collect(),
            ),
            v => v,
        }
    };
    (unkeyed(x), unkeyed(y))
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
