//! A story as `show` prints it and an agent's `show_story` reads it: its fields where the
//! table of fields puts them (`Spec::shown`), then what waits on it, the comments and the
//! history.

use crate::domain::fields::{self, Section};
use crate::domain::{Board, ShortText, Story};

/// A story as a person reads it in a terminal: its fields where the table of fields puts them
/// (`Spec::shown`), then what waits on it, the comments and the history.
pub fn story_text(b: &Board, s: &Story) -> String {
    let mut out = String::new();
    let section = |section: Section| -> Vec<(&'static str, String)> {
        fields::in_show_order()
            .into_iter()
            .filter(|spec| spec.shown.section == section)
            .filter_map(|spec| fields::in_show(b, s, spec.field).map(|v| (spec.label, v)))
            .collect()
    };
    for (_, title) in section(Section::Heading) {
        out.push_str(&format!("{}  {title}\n", s.key));
    }
    out.push_str(&format!("{}\n", labelled(&section(Section::Facts)).join(" · ")));
    if let Some(o) = &s.origin {
        out.push_str(&format!("Imported from: {}\n", o.id));
    }
    for line in labelled(&section(Section::Line)) {
        out.push_str(&format!("{line}\n"));
    }
    let scores = labelled(&section(Section::Scores));
    if !scores.is_empty() {
        out.push_str(&format!("{}\n", scores.join(" · ")));
    }
    for (label, value) in section(Section::Flag) {
        out.push_str(&format!("{}: {value}\n", label.to_uppercase()));
    }
    for (label, text) in section(Section::Text) {
        out.push_str(&format!("\n{label}:\n"));
        for line in text.lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    for line in labelled(&section(Section::Links)) {
        out.push_str(&format!("{line}\n"));
    }
    let blocks: Vec<ShortText> = b.blocks(&s.key).into_iter().map(ShortText::from).collect();
    if !blocks.is_empty() {
        out.push_str(&format!("Blocks: {}\n", fields::with_status(b, &blocks)));
    }
    if !s.comments.is_empty() {
        out.push_str("\nComments:\n");
        for c in &s.comments {
            let mut lines = c.text.lines();
            out.push_str(&format!("  {} {}: {}\n", c.at.strftime("%Y-%m-%d %H:%M"), c.by, lines.next().unwrap_or("")));
            for line in lines {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    if !s.history.is_empty() {
        out.push_str("\nHistory:\n");
        for e in &s.history {
            let what = b.describe_change(&e.change);
            let at = e.at.strftime("%Y-%m-%d %H:%M");
            out.push_str(&format!("  {at}  {}  {what}\n", e.by));
        }
    }
    out
}

/// `Label: value` for each field shown.
fn labelled(pairs: &[(&str, String)]) -> Vec<String> {
    pairs.iter().map(|(label, value)| format!("{label}: {value}")).collect()
}
