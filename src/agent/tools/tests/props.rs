//! Random argument objects for every tool: never a panic, always a reply, and a call that is
//! refused (or that only reads) writes nothing.

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::fixture::{self, on_disk, snapshot};
use crate::agent::tools::{self, TOOLS};

/// Argument names: every tool's own, and some no tool takes.
fn names() -> Vec<String> {
    let mut names: Vec<String> = TOOLS
        .iter()
        .flat_map(|t| match (t.schema)().get("properties") {
            Some(Value::Object(p)) => p.keys().cloned().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    names.sort();
    names.dedup();
    assert!(names.len() > 20, "the schemas name their arguments: {names:?}");
    names.extend(["", "Title", "title ", "ключ", "__proto__", "x".repeat(300).as_str()].map(str::to_owned));
    names
}

/// Strings the board knows (keys as `KEY:A`, put in per case), and some it cannot take.
const WORDS: &[&str] = &[
    "KEY:A",
    "KEY:B",
    "KEY:C",
    "KEY:G",
    "SB-ZZZZ",
    "To Do",
    "in progress",
    "Done",
    "Sprint 1",
    "Sprint 2",
    "backlog",
    "all",
    "Login",
    "ana",
    "@ana",
    "#ui",
    "must",
    "bug",
    "2026-11-19",
    "",
    "   ",
    "3",
    "-1",
    "1e400",
    "\u{1b}[2J",
    "\u{202e}",
    "a\nb",
    "null",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9 #@:,.-]{0,16}",
        1 => (prop::sample::select(vec!["t", "é", "\u{1b}", "\u{202e}", "\n", " ", "ab"]), 900usize..2200)
            .prop_map(|(s, n)| s.repeat(n)),
        1 => any::<String>(),
    ]
}

fn value(names: Vec<String>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::from),
        1 => (0u64..12).prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        3 => text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 12, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(names.clone()), inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A value a tool may well take: a word the board knows, a small number, a list of them.
fn plausible(names: Vec<String>) -> impl Strategy<Value = Value> {
    let word = || prop::sample::select(WORDS).prop_map(Value::from);
    prop_oneof![
        4 => word(),
        2 => (0u64..20).prop_map(Value::from),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::from),
        2 => prop::collection::vec(word(), 0..4).prop_map(Value::Array),
        1 => prop::collection::vec((0u32..50).prop_map(Value::from), 3..6).prop_map(Value::Array),
        2 => value(names),
    ]
}

/// One call: which tool; values for its required arguments (a story's key, mostly); some of
/// its other arguments (chosen from its schema when the case runs); and sometimes arguments
/// no tool takes.
type Plan = (usize, Vec<Value>, Vec<(prop::sample::Index, Value)>, Vec<(String, Value)>);

fn calls() -> impl Strategy<Value = Vec<Plan>> {
    let names = names();
    let key = prop::sample::select(vec!["KEY:A", "KEY:B", "KEY:C", "KEY:G"]).prop_map(Value::from);
    let required = prop::collection::vec(prop_oneof![3 => key, 1 => plausible(names.clone())], 3);
    let own = prop::collection::vec((any::<prop::sample::Index>(), plausible(names.clone())), 0..4);
    let junk = prop_oneof![
        3 => Just(Vec::new()),
        1 => prop::collection::vec((prop::sample::select(names.clone()), value(names)), 1..3),
    ];
    prop::collection::vec((0..TOOLS.len(), required, own, junk), 1..5)
}

/// The names in a tool's schema: its properties, and those it requires.
fn schema_names(tool: &tools::Tool) -> (Vec<String>, Vec<String>) {
    let schema = (tool.schema)();
    let properties = match schema.get("properties") {
        Some(Value::Object(p)) => p.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let required = match schema.get("required") {
        Some(Value::Array(r)) => r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    };
    (properties, required)
}

/// `KEY:A` as the case's board names A.
fn with_keys(v: Value, f: &fixture::Fixture) -> Value {
    match v {
        Value::String(s) => match s.strip_prefix("KEY:") {
            Some(name) => Value::from(f.key(name)),
            None => Value::String(s),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(|i| with_keys(i, f)).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, with_keys(v, f))).collect()),
        other => other,
    }
}

proptest! {
    // 64 cases in the suite; PROPTEST_CASES=2000 for a long hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_arguments_never_panic_and_a_refusal_writes_nothing(calls in calls(), whole in any::<bool>()) {
        let f = fixture::small();
        let mut ws = f.open(false);
        for (tool, required, own, junk) in calls {
            let tool = &TOOLS[tool];
            let (properties, names) = schema_names(tool);
            let mut args: Vec<(String, Value)> = names.into_iter().zip(required).collect();
            if !properties.is_empty() {
                args.extend(own.into_iter().map(|(i, v)| (i.get(&properties).clone(), v)));
            }
            args.extend(junk);
            let args: Map<String, Value> = args.into_iter().map(|(k, v)| (k, with_keys(v, &f))).collect();
            let before = snapshot(&f.root);
            // Some calls with no arguments at all, as a client may send.
            let reply = if whole || !args.is_empty() {
                tools::call(&mut ws, tool, Some(&args), Some("claude-code"))
            } else {
                tools::call(&mut ws, tool, None, None)
            };
            prop_assert!(reply.structured.is_object(), "{}: {}", tool.name, reply.structured);
            prop_assert!(!crate::text::has_unsafe(&reply.text.replace(['\n', '\t'], " ")), "{}: {:?}", tool.name, reply.text);
            if reply.is_error {
                prop_assert_eq!(&reply.structured, &serde_json::json!({ "error": reply.text }));
            }
            if reply.is_error || !tool.writes() {
                prop_assert!(snapshot(&f.root) == before, "{} {:?} wrote: {}", tool.name, args, reply.text);
            }
            prop_assert!(ws.board() == &on_disk(&f.root), "{} {:?}: the workspace and the files differ", tool.name, args);
        }
    }
}
