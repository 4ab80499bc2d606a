use super::{TOOLS, offered};

pub(in crate::agent) mod fixture;
mod props;
mod reading;
mod refusals;
mod writing;

#[test]
fn every_tool_has_an_object_schema_and_a_description() {
    for t in TOOLS {
        let schema = (t.schema)();
        assert_eq!(schema.get("type").and_then(|v| v.as_str()), Some("object"), "{}", t.name);
        assert!(!t.description.is_empty(), "{}", t.name);
    }
    let names: Vec<&str> = offered(true).map(|t| t.name).collect();
    assert!(names.contains(&"list_stories") && !names.contains(&"move_story"));
}
