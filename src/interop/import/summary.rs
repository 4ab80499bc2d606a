//! What an import did with everything in the file: printed after every import (and, with
//! `--dry-run`, instead of one).

use super::Skipped;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub source: &'static str,
    /// Keys of the stories created, and of those updated in place (imported before).
    pub created: Vec<String>,
    pub updated: Vec<String>,
    /// Imported before and unchanged at the source.
    pub unchanged: usize,
    pub epics_created: Vec<String>,
    pub sprints_created: Vec<String>,
    pub sprints_closed: Vec<String>,
    /// Started by the import, to hold the source's current work (a Trello board's cards).
    pub sprints_started: Vec<String>,
    /// Dependencies kept: `SB-2 waits on SB-1`.
    pub linked: Vec<String>,
    pub columns_created: Vec<String>,
    pub skipped: Vec<Skipped>,
    /// The source's fields read, and where they went.
    pub mapped: Vec<String>,
    /// Values that were changed to fit the board: rounded points, renamed labels, statuses
    /// matched to the nearest column, people beyond the first assignee, unknown types.
    pub approximated: Vec<String>,
    /// The source's fields (or values) that hold something and were not imported.
    pub ignored: Vec<String>,
    /// Fields changed both here (since the last import) and at the source: the local value
    /// was kept.
    pub kept_local: Vec<String>,
}

/// At most this many items of one kind are listed; the rest are counted.
const LISTED: usize = 20;

fn list(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("{title} ({}):\n", items.len()));
    for item in items.iter().take(LISTED) {
        out.push_str(&format!("  {item}\n"));
    }
    if items.len() > LISTED {
        out.push_str(&format!("  … and {} more\n", items.len() - LISTED));
    }
}

impl Summary {
    /// The text printed: counts first, then each kind of thing named.
    pub fn render(&self, file: &str, dry_run: bool) -> String {
        let verb = if dry_run { "Would import" } else { "Imported" };
        let mut out = format!(
            "{verb} from {file} ({}): {} created, {} updated, {} unchanged, {} skipped\n",
            self.source,
            self.created.len(),
            self.updated.len(),
            self.unchanged,
            self.skipped.len()
        );
        let names = |v: &[String]| v.join(", ");
        for (what, v) in
            [("epics", &self.epics_created), ("sprints", &self.sprints_created), ("columns", &self.columns_created)]
        {
            if !v.is_empty() {
                out.push_str(&format!("New {what}: {}\n", names(v)));
            }
        }
        if !self.sprints_closed.is_empty() {
            out.push_str(&format!("Closed (before the current work): {}\n", names(&self.sprints_closed)));
        }
        if !self.sprints_started.is_empty() {
            out.push_str(&format!("Started (it holds the current work): {}\n", names(&self.sprints_started)));
        }
        let skipped: Vec<String> = self
            .skipped
            .iter()
            .map(|s| {
                if s.title.is_empty() {
                    format!("{}: {}", s.place, s.reason)
                } else {
                    format!("{} {:?}: {}", s.place, s.title, s.reason)
                }
            })
            .collect();
        list(&mut out, "Skipped", &skipped);
        list(&mut out, "Dependencies", &self.linked);
        list(&mut out, "Approximated", &self.approximated);
        list(&mut out, "Kept as edited here (changed at the source too)", &self.kept_local);
        list(&mut out, "Not imported", &self.ignored);
        list(&mut out, "Fields read", &self.mapped);
        if dry_run {
            out.push_str("Nothing was written (--dry-run).\n");
        }
        out
    }
}
