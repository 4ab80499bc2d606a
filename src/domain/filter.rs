//! The filter of `/` in the TUI, and of the agents' `list_stories`: words that must all match a
//! story. `@person`, `#label`, `epic:name`, `type:bug`, `blocked:`, else a key or a piece of the
//! title.

use super::{Board, Kind, Story};

/// Whether `story` passes `filter` (an empty filter passes every story).
pub fn matches(board: &Board, filter: &str, s: &Story) -> bool {
    filter.split_whitespace().all(|term| {
        let term = term.to_lowercase();
        if let Some(who) = term.strip_prefix('@') {
            // Any name of the assignee's person: `@dana` finds the stories of `Dev Dana` too.
            s.assignee.as_deref().is_some_and(|a| board.names_of(a).iter().any(|n| n.to_lowercase().contains(who)))
        } else if let Some(label) = term.strip_prefix('#') {
            s.labels.iter().any(|l| l.to_lowercase().contains(label))
        } else if term == "blocked:" {
            // What waits on something not done yet.
            !board.open_blockers(&s.key).is_empty()
        } else if let Some(kind) = term.strip_prefix("type:") {
            Kind::parse(kind).is_some_and(|k| k == s.kind)
        } else if let Some(epic) = term.strip_prefix("epic:") {
            s.epic.as_deref().is_some_and(|id| {
                id.to_lowercase().contains(epic)
                    || board.file.epic(id).is_some_and(|e| e.name.to_lowercase().contains(epic))
            })
        } else {
            // A key matches from its start, with or without the prefix (`sb-k7`, `k7q`);
            // a single letter is not enough, or `b` would match every `SB-` key.
            let key = s.key.to_lowercase();
            let code = key.rsplit('-').next().unwrap_or(&key);
            s.title.to_lowercase().contains(&term)
                || key.starts_with(&term)
                || (term.chars().count() >= 2 && code.starts_with(&term))
        }
    })
}
