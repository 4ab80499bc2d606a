//! Whole-board and story-list output: JSON, CSV, Markdown, RON snapshot and a plain text table.

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use crate::text::fit;

use super::view::{StoryDetail, StorySummary};
use crate::domain::{Board, BoardFile, SCHEMA, ShortText, Story};

/// A whole board in one document: `export --format ron`, and the example board in `assets/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub schema: u32,
    pub board: BoardFile,
    pub stories: Vec<Story>,
}

impl crate::store::codec::Versioned for Snapshot {
    fn schema(&self) -> Option<u32> {
        Some(self.schema)
    }
}

/// Every story in board order: the sprints in order, then the backlog, each by rank.
pub fn board_order(board: &Board) -> Vec<&Story> {
    board.all_lists().into_iter().flat_map(|(_, list)| list).collect()
}

impl Snapshot {
    pub fn of(board: &Board) -> Snapshot {
        Snapshot {
            schema: SCHEMA,
            board: board.file.clone(),
            stories: board_order(board).into_iter().cloned().collect(),
        }
    }

    pub fn into_board(self) -> Board {
        let mut board = Board::new(self.board);
        board.stories = self.stories.into_iter().map(|s| (s.key.clone(), Box::new(s))).collect();
        board
    }
}

#[derive(Serialize)]
struct JsonExport<'a> {
    schema: u32,
    board: &'a BoardFile,
    stories: Vec<StoryDetail>,
}

pub fn json(board: &Board) -> Result<String, serde_json::Error> {
    let stories = board_order(board).into_iter().map(|s| StoryDetail::new(board, s)).collect();
    serde_json::to_string_pretty(&JsonExport { schema: SCHEMA, board: &board.file, stories })
}

pub fn json_list(board: &Board, stories: &[&Story]) -> Result<String, serde_json::Error> {
    let list: Vec<StorySummary> = stories.iter().map(|s| StorySummary::new(board, s)).collect();
    serde_json::to_string_pretty(&list)
}

/// A CSV cell as a spreadsheet may safely open it: one that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be read as a formula (`=HYPERLINK(…)`), so it is prefixed
/// with `'`, as OWASP advises; and its control characters are shown as escapes.
fn csv_cell(s: String) -> String {
    let cell = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s };
    crate::text::visible(&cell).into_owned()
}

pub fn csv(board: &Board, stories: &[&Story]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["key", "title", "status", "sprint", "rank", "points", "assignee", "epic", "labels", "blocked"])?;
    for s in stories {
        let v = StorySummary::new(board, s);
        w.write_record(
            [
                v.key.into_string(),
                v.title,
                v.status,
                v.sprint.unwrap_or_default(),
                v.rank.into_string(),
                v.points.map(|p| p.to_string()).unwrap_or_default(),
                v.assignee.map(ShortText::into_string).unwrap_or_default(),
                v.epic.unwrap_or_default(),
                v.labels.join(";"),
                v.blocked.unwrap_or_default(),
            ]
            .map(csv_cell),
        )?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

pub fn markdown(board: &Board) -> String {
    let mut out = format!("# {}\n", board.file.name);
    for (sprint, list) in board.all_lists() {
        out.push('\n');
        match sprint {
            Some(s) => {
                let cap = s.capacity.map(|c| format!(" of {c}")).unwrap_or_default();
                out.push_str(&format!(
                    "## {} ({}) · {}{cap}\n",
                    s.name,
                    s.state.label(),
                    crate::text::count(board.points(Some(&s.id)) as usize, "point", "points")
                ));
                if !s.goal.is_empty() {
                    out.push_str(&format!("\nGoal: {}\n", s.goal));
                }
            }
            None => out.push_str(&format!(
                "## Backlog · {}\n",
                crate::text::count(board.points(None) as usize, "point", "points")
            )),
        }
        if list.is_empty() {
            out.push_str("\nNo stories.\n");
            continue;
        }
        out.push_str("\n| Key | Title | Status | Points | Assignee | Epic | Blocked |\n");
        out.push_str("| --- | --- | --- | ---: | --- | --- | --- |\n");
        for s in list {
            let v = StorySummary::new(board, s);
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                v.key,
                md_escape(&v.title),
                md_escape(&v.status),
                v.points.map(|p| p.to_string()).unwrap_or_default(),
                md_escape(&v.assignee.unwrap_or_default()),
                md_escape(&v.epic.unwrap_or_default()),
                md_escape(&v.blocked.unwrap_or_default()),
            ));
        }
    }
    out
}

/// Column widths shared by every table of one output, so consecutive lists line up.
#[derive(Debug, Clone, Copy)]
pub struct Widths {
    key: usize,
    status: usize,
    who: usize,
}

impl Widths {
    /// Widths that fit every story of the board.
    pub fn of(board: &Board) -> Widths {
        let stories = board.stories.values();
        let status = board.file.columns.iter().map(|c| c.name.width()).max().unwrap_or(6);
        Widths {
            key: stories.clone().map(|s| s.key.width()).max().unwrap_or(3).max(3),
            status: status.clamp(6, 16),
            who: stories.map(|s| s.assignee.as_deref().unwrap_or("").width()).max().unwrap_or(0).clamp(8, 14),
        }
    }
}

/// A plain text table of stories: key, status, points, assignee, title and marks.
pub fn table(board: &Board, stories: &[&Story], widths: Widths) -> String {
    let rows: Vec<StorySummary> = stories.iter().map(|s| StorySummary::new(board, s)).collect();
    let Widths { key: key_w, status: status_w, who: who_w } = widths;
    let mut out = String::new();
    for r in rows {
        let mut marks = String::new();
        if let Some(e) = &r.epic {
            marks.push_str(&format!("  [{e}]"));
        }
        for l in &r.labels {
            marks.push_str(&format!(" #{l}"));
        }
        if let Some(b) = &r.blocked {
            marks.push_str(&format!("  BLOCKED: {b}"));
        }
        let line = format!(
            "{}  {}  {:>3}  {}  {}{marks}",
            fit(&r.key, key_w),
            fit(&r.status, status_w),
            r.points.map(|p| p.to_string()).unwrap_or_else(|| "-".into()),
            fit(r.assignee.as_deref().unwrap_or("-"), who_w),
            r.title,
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The heading of a list in text output.
pub fn list_heading(board: &Board, sprint: Option<&crate::domain::Sprint>) -> String {
    match sprint {
        Some(s) => {
            let points = board.points(Some(&s.id));
            let cap = s.capacity.map(|c| format!("/{c}")).unwrap_or_default();
            let dates = match (s.start, s.end) {
                (Some(a), Some(b)) => format!(", {a} → {b}"),
                (Some(a), None) => format!(", from {a}"),
                _ => String::new(),
            };
            let goal = if s.goal.is_empty() { String::new() } else { format!("\n  Goal: {}", s.goal) };
            let unit = crate::text::noun(s.capacity.unwrap_or(points) as usize, "point", "points");
            format!("{} ({}{dates}) · {points}{cap} {unit}{goal}", s.name, s.state.label())
        }
        None => format!("Backlog · {}", crate::text::count(board.points(None) as usize, "point", "points")),
    }
}

#[cfg(test)]
mod tests;
