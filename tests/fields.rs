//! Every field of the table (`domain::fields::FIELDS`) round-trips through each edge that reads
//! or writes it: the `$EDITOR` form, the JSON of `show`, the command line and the parse cache.
//! The loops go over the table, so a field added to it is covered here (its sample value is the
//! one thing to add, which the `match` asks for).

mod common;

use common::*;
use sprintboard::domain::fields::{self, FIELDS, Field, Section, Set};
use sprintboard::domain::{Board, BoardFile, Ctx, NewSprint, NewStory};
use sprintboard::interop::story_form;
use sprintboard::interop::view::StoryDetail;

/// A value for each field, as a person types it and as the field shows it again; `other` is
/// the key of a second story (for what the story waits on).
fn sample(field: Field, other: &str) -> String {
    match field {
        Field::Title => "Renamed".into(),
        Field::Points => "8".into(),
        Field::Assignee => "bo".into(),
        Field::Epic => "Login".into(),
        Field::Labels => "web".into(),
        Field::Moscow => "should".into(),
        Field::Blocked => "API down".into(),
        Field::Kind => "bug".into(),
        Field::Status => "In Progress".into(),
        Field::Sprint => "S1".into(),
        Field::Rice => "10, 1, 1, 2".into(),
        Field::Wsjf => "1, 2, 3, 3".into(),
        Field::BlockedBy => other.into(),
        Field::Description => "line 1\nline 2".into(),
        Field::Acceptance => "- works".into(),
    }
}

/// A JSON value as the field's text: strings as they are, numbers as typed, lists joined by
/// spaces, the numbers of an object (RICE, WSJF) joined by commas, in the order of its keys.
fn json_text(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map(sprintboard::text::exact_number).unwrap_or_default(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items.iter().map(json_text).collect::<Vec<_>>().join(" "),
        Value::Object(map) => map.values().map(json_text).collect::<Vec<_>>().join(", "),
    }
}

/// The form's text with `field` set to `value`: its `name: value` line, or the text under its
/// `## Label` heading.
fn form_with(text: &str, field: Field, value: &str) -> String {
    let spec = field.spec();
    if !field.multiline() {
        let name = format!("{}:", spec.name);
        let lines: Vec<String> =
            text.lines().map(|l| if l.starts_with(&name) { format!("{name} {value}") } else { l.to_owned() }).collect();
        return lines.join("\n") + "\n";
    }
    let heading = format!("## {}", spec.label);
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("## ") {
            inside = line == heading;
            out.push(line.to_owned());
            if inside {
                out.push(String::new());
                out.push(value.to_owned());
            }
        } else if !inside {
            out.push(line.to_owned());
        }
    }
    out.join("\n") + "\n"
}

/// Whether the JSON holds `want`. An object's keys come sorted, not in the field's order: its
/// numbers are compared as a set (the order of RICE's and WSJF's inputs is the parser's,
/// tested with the parser).
fn json_holds(v: &serde_json::Value, want: &str) -> bool {
    if v.is_object() {
        let sorted = |t: String| {
            let mut parts: Vec<String> = t.split(", ").map(str::to_owned).collect();
            parts.sort();
            parts
        };
        return sorted(json_text(v)) == sorted(want.to_owned());
    }
    json_text(v).eq_ignore_ascii_case(want)
}

#[test]
fn every_field_round_trips_through_the_form_and_the_json() {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    b.new_epic("Login", "").expect("epic");
    b.new_sprint(NewSprint { name: "S1".into(), ..Default::default() }).expect("sprint");
    let mut c = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    let (other, _) = b.add_story(NewStory { title: "Other".into(), ..Default::default() }, &mut c).expect("add");
    let (k, _) = b.add_story(NewStory { title: "A".into(), ..Default::default() }, &mut c).expect("add");
    for spec in FIELDS {
        let want = sample(spec.field, &other);
        let story = b.story(&k).cloned().expect("story");
        assert_ne!(fields::show(&b, &story, spec.field), want, "{}: the sample changes it", spec.name);
        let form = story_form::render(&b, &story);
        if spec.field.is_move() {
            // The form holds no moves: the status and the sprint are set as the Story view
            // sets them.
            assert!(!form.contains(&format!("\n{}:", spec.name)), "{}: not in the form\n{form}", spec.name);
            let Ok(Set::Move(m)) = fields::read(&b, spec.field, &want) else { panic!("{}: a move", spec.name) };
            b.move_story(&k, &m, &mut c).expect("move");
        } else {
            let typed = form_with(&form, spec.field, &want);
            let edit = story_form::parse(&b, &typed).unwrap_or_else(|e| panic!("{}: {e}\n{typed}", spec.name));
            b.edit_story(&k, edit.expect("an edit"), &mut c).expect("edit");
        }
        let story = b.story(&k).cloned().expect("story");
        assert_eq!(fields::show(&b, &story, spec.field), want, "{} through the form", spec.name);
        // The form shows it again as typed, and reading that back changes nothing.
        if !spec.field.is_move() {
            let again = story_form::parse(&b, &story_form::render(&b, &story)).expect("parses").expect("edit");
            assert!(b.edit_story(&k, again, &mut c).expect("edit").is_empty(), "{}: read back", spec.name);
        }
        let json = serde_json::to_value(StoryDetail::new(&b, &story)).expect("json");
        assert!(json.get(spec.json).is_some(), "{}: no key {:?} in the JSON", spec.name, spec.json);
        assert!(json_holds(&json[spec.json], &want), "{}: {}", spec.name, json[spec.json]);
    }
}

#[test]
fn every_field_round_trips_through_the_command_line_and_the_cache() {
    let b = TestBoard::new();
    b.ok(&["epic", "new", "Login"]);
    b.ok(&["sprint", "new", "S1"]);
    let other = b.add("Other", &[]);
    let k = b.add("A", &[]);
    for spec in FIELDS {
        let want = sample(spec.field, &other);
        let args: Vec<String> = match (spec.flag, spec.field) {
            (Some(flag), _) => vec!["edit".into(), k.clone(), format!("--{}", flag.set), want.clone()],
            // Without an `edit` flag: the commands that set it.
            (None, Field::Status) => vec!["move".into(), k.clone(), "--status".into(), want.clone()],
            (None, Field::Sprint) => vec!["move".into(), k.clone(), "--sprint".into(), want.clone()],
            (None, Field::BlockedBy) => vec!["link".into(), other.clone(), "--blocks".into(), k.clone()],
            (None, field) => panic!("{field:?} has no edit flag and no command here sets it"),
        };
        b.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
        // Read twice: from the story's file, then (unchanged) from the parse cache.
        for from in ["its file", "the cache"] {
            let json = b.json(&["show", &k, "--format", "json"]);
            assert!(json_holds(&json[spec.json], &want), "{} read from {from}: {}", spec.name, json[spec.json]);
        }
        let text = b.ok(&["show", &k]);
        let label = match spec.shown.section {
            Section::Heading => String::new(),
            Section::Flag => format!("{}: ", spec.label.to_uppercase()),
            Section::Text => format!("{}:\n", spec.label),
            _ => format!("{}: ", spec.label),
        };
        // `show` names it where the table puts it (its value is printed its own way: `#web`,
        // `RICE: 5 (reach 10, …)`; the JSON above holds it as typed).
        let first = want.split([',', '\n']).next().unwrap_or_default();
        assert!(text.contains(&label) && text.contains(first), "{}: {label:?} {first:?} not in\n{text}", spec.name);
    }
}
