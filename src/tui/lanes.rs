//! Swimlanes on the Board: the active sprint's cards grouped into horizontal bands by assignee
//! or by epic, aligned across the columns. One pure description of the rows, used to draw, to
//! scroll to the selection and to find what a click hit.

use crate::domain::{Board, Story};

/// How the Board is split into lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LaneMode {
    #[default]
    Off,
    Assignee,
    Epic,
}

impl LaneMode {
    pub fn next(self) -> LaneMode {
        match self {
            LaneMode::Off => LaneMode::Assignee,
            LaneMode::Assignee => LaneMode::Epic,
            LaneMode::Epic => LaneMode::Off,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LaneMode::Off => "no swimlanes",
            LaneMode::Assignee => "swimlanes by assignee",
            LaneMode::Epic => "swimlanes by epic",
        }
    }
}

/// Rows in a lane's card slots: one card per column per slot.
pub const SLOT_HEIGHT: u16 = 3;

/// One row of the lane layout.
#[derive(Debug, Clone, PartialEq)]
pub enum Row<'a> {
    /// A lane's name and how many cards it has.
    Header(String, usize),
    /// One card slot across the columns: each column's card at this height (or none), with its
    /// index in the column's list.
    Cards(Vec<Option<(usize, &'a Story)>>),
}

impl Row<'_> {
    pub fn height(&self) -> u16 {
        match self {
            Row::Header(..) => 1,
            Row::Cards(_) => SLOT_HEIGHT,
        }
    }
}

/// The lane a story belongs to, as a sort key and a name.
fn lane_of(board: &Board, s: &Story, mode: LaneMode) -> (usize, String) {
    match mode {
        LaneMode::Assignee => match &s.assignee {
            Some(a) => {
                let a = board.person(a);
                (board.people().iter().position(|p| *p == a).unwrap_or(usize::MAX - 1), format!("@{a}"))
            }
            None => (usize::MAX, "(unassigned)".to_owned()),
        },
        LaneMode::Epic => match &s.epic {
            Some(e) => (
                board.file.epics.iter().position(|x| x.id == *e).unwrap_or(usize::MAX - 1),
                board.file.epic(e).map_or_else(|| e.to_string(), |x| x.name.clone()),
            ),
            None => (usize::MAX, "(no epic)".to_owned()),
        },
        LaneMode::Off => (0, String::new()),
    }
}

/// Each column's cards in lane order (then rank): the order the selection moves through.
pub fn order<'a>(board: &Board, mode: LaneMode, columns: Vec<Vec<&'a Story>>) -> Vec<Vec<&'a Story>> {
    if mode == LaneMode::Off {
        return columns;
    }
    columns
        .into_iter()
        .map(|mut col| {
            // A stable sort: within a lane, rank order stays.
            col.sort_by_cached_key(|s| lane_of(board, s, mode));
            col
        })
        .collect()
}

/// The rows of the lane layout for columns already in lane order.
pub fn rows<'a>(board: &Board, mode: LaneMode, columns: &[Vec<&'a Story>]) -> Vec<Row<'a>> {
    let mut lanes: Vec<(usize, String)> = columns.iter().flatten().map(|s| lane_of(board, s, mode)).collect();
    lanes.sort();
    lanes.dedup();
    let mut out = Vec::new();
    for lane in lanes {
        let per_column: Vec<Vec<(usize, &Story)>> = columns
            .iter()
            .map(|col| {
                col.iter().enumerate().filter(|(_, s)| lane_of(board, s, mode) == lane).map(|(i, s)| (i, *s)).collect()
            })
            .collect();
        let count = per_column.iter().map(Vec::len).sum();
        out.push(Row::Header(lane.1.clone(), count));
        let slots = per_column.iter().map(Vec::len).max().unwrap_or(0);
        for slot in 0..slots {
            out.push(Row::Cards(per_column.iter().map(|c| c.get(slot).copied()).collect()));
        }
    }
    out
}

/// The row holding the card at `index` of column `column`.
pub fn row_of(rows: &[Row], column: usize, index: usize) -> Option<usize> {
    rows.iter().position(|r| match r {
        Row::Cards(cells) => cells.get(column).copied().flatten().is_some_and(|(i, _)| i == index),
        Row::Header(..) => false,
    })
}

/// The first row to show so that row `target` is visible in `height` lines, moving `first` as
/// little as possible.
pub fn scroll(rows: &[Row], first: usize, target: usize, height: u16) -> usize {
    if target < first {
        // Show the lane's header too when the selection is its first card.
        return if target > 0 && matches!(rows.get(target - 1), Some(Row::Header(..))) { target - 1 } else { target };
    }
    let mut start = first;
    while start < target {
        let used: u16 = rows[start..=target].iter().map(Row::height).sum();
        if used <= height {
            break;
        }
        start += 1;
    }
    // No space left below the last row while rows above it are hidden (the terminal grew).
    while start > 0 && rows[start - 1..].iter().map(Row::height).sum::<u16>() <= height {
        start -= 1;
    }
    start
}
