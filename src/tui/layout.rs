//! Where things are on screen. Pure functions of the terminal size, used both to draw and to
//! find what a mouse click hit, so the two can never disagree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Rows taken by one card on the board: three lines and a gap.
pub const CARD_HEIGHT: u16 = 4;
/// The narrowest planning pane.
pub const MIN_PANE_WIDTH: u16 = 30;
/// Below this, only a "too small" note is drawn.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

/// The screen: tab bar, body, status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub tabs: Rect,
    /// The placeholders of story files that cannot be read (empty when there are none).
    pub damaged: Rect,
    pub body: Rect,
    pub status: Rect,
}

pub fn screen(area: Rect) -> Screen {
    screen_with(area, 0)
}

/// Rows of the band of placeholders: a card of two lines in its frame.
pub const DAMAGED_HEIGHT: u16 = 4;

/// The screen with `damaged` rows for the placeholders of unreadable story files, under the
/// tabs, when the terminal has room for them beside the board.
pub fn screen_with(area: Rect, damaged: u16) -> Screen {
    screen_rows(area, damaged, 1)
}

/// The terminal height from which a long message takes a second status row (the board gives
/// up a row rather than the message its end).
pub const TWO_STATUS_ROWS_FROM: u16 = 10;

/// The screen with `damaged` rows for the placeholders and `status` rows (1 or 2) for the
/// status line.
pub fn screen_rows(area: Rect, damaged: u16, status: u16) -> Screen {
    let damaged = if area.height >= 14 { damaged } else { 0 };
    let status = if area.height >= TWO_STATUS_ROWS_FROM { status.clamp(1, 2) } else { 1 };
    let [tabs, band, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(damaged),
        Constraint::Min(0),
        Constraint::Length(status),
    ])
    .areas(area);
    Screen { tabs, damaged: band, body, status }
}

/// The narrowest placeholder of an unreadable story file.
const MIN_DAMAGED_WIDTH: u16 = 30;

/// Where the placeholders of `n` unreadable story files go in their band, side by side, as
/// many as fit (the last room says how many more there are).
pub fn damaged_cards(band: Rect, n: usize) -> Vec<Rect> {
    if band.height == 0 || n == 0 {
        return Vec::new();
    }
    let fit = (band.width / MIN_DAMAGED_WIDTH).max(1) as usize;
    let shown = n.min(fit);
    let width = band.width / shown as u16;
    (0..shown)
        .map(|i| {
            let x = band.x + i as u16 * width;
            let w = if i + 1 == shown { band.right() - x } else { width };
            Rect::new(x, band.y, w, band.height)
        })
        .collect()
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The tab titles: `1 Board  2 Planning …`, or when that does not fit, the current view's
/// title and the other views' numbers.
pub fn tab_titles(current: usize, titles: &[(usize, &str)], width: u16) -> Vec<String> {
    let full: Vec<String> = titles.iter().map(|(n, t)| format!("{n} {t}")).collect();
    let needed: usize = full.iter().map(|t| t.chars().count() + 2).sum();
    if needed <= width as usize {
        return full;
    }
    titles.iter().enumerate().map(|(i, (n, t))| if i == current { format!("{n} {t}") } else { n.to_string() }).collect()
}

/// The tab bar's titles with `current` shown, as drawing and the mouse handler both need them.
pub fn view_tabs(current: crate::tui::action::View, width: u16) -> Vec<String> {
    use crate::tui::action::View;
    let titles: Vec<(usize, &str)> = View::ALL.iter().map(|v| (v.number(), v.title())).collect();
    tab_titles(current.number() - 1, &titles, width)
}

/// The tab titles' places in the tab bar, in view order.
pub fn tab_spans(tabs: Rect, titles: &[String]) -> Vec<Rect> {
    let mut x = tabs.x;
    titles
        .iter()
        .map(|t| {
            let w = t.chars().count() as u16 + 2;
            let r = Rect::new(x, tabs.y, w.min(tabs.right().saturating_sub(x)), 1);
            x = x.saturating_add(w);
            r
        })
        .collect()
}

/// One column (or pane): its frame, and the rows inside it that hold its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pane {
    pub frame: Rect,
    pub inner: Rect,
}

impl Pane {
    fn new(frame: Rect) -> Pane {
        // A border all round; the title sits in the top border.
        let inner = Rect::new(
            frame.x.saturating_add(1),
            frame.y.saturating_add(1),
            frame.width.saturating_sub(2),
            frame.height.saturating_sub(2),
        );
        Pane { frame, inner }
    }
}

/// The board's columns, side by side across the body (the last line of the body is the sprint's
/// summary).
pub fn board_columns(body: Rect, columns: usize) -> Vec<Pane> {
    if columns == 0 {
        return Vec::new();
    }
    let [cols, _summary] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(body);
    Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns])
        .split(cols)
        .iter()
        .map(|r| Pane::new(*r))
        .collect()
}

/// How many cards fit in a column (the last one needs no gap below it).
pub fn cards_per_column(pane: &Pane) -> usize {
    ((pane.inner.height + 1) / CARD_HEIGHT).max(1) as usize
}

/// How many planning panes fit side by side.
pub fn panes_visible(body: Rect, panes: usize) -> usize {
    ((body.width / MIN_PANE_WIDTH).max(1) as usize).min(panes.max(1))
}

/// The first pane shown so that `focused` is visible, given how many fit.
pub fn first_pane(focused: usize, visible: usize, panes: usize) -> usize {
    let visible = visible.max(1);
    focused.saturating_sub(visible - 1).min(panes.saturating_sub(visible))
}

/// The visible planning panes, from `first`.
pub fn planning_panes(body: Rect, panes: usize, first: usize) -> Vec<(usize, Pane)> {
    let visible = panes_visible(body, panes);
    let rects = Layout::horizontal(vec![Constraint::Ratio(1, visible as u32); visible]).split(body);
    rects.iter().enumerate().map(|(i, r)| (first + i, Pane::new(*r))).filter(|(i, _)| *i < panes).collect()
}

/// Rows of a planning pane: two header lines inside the frame, then one line per story.
pub const PANE_HEADER: u16 = 1;

pub fn rows_per_pane(pane: &Pane) -> usize {
    pane.inner.height.saturating_sub(PANE_HEADER).max(1) as usize
}

/// Where the Story view puts things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryPlaces {
    pub header: Rect,
    pub rice_title: Rect,
    pub wsjf_title: Rect,
    /// For each field of `Field::ALL`: its label and its input (for the text areas, the frame
    /// whose title is the label, and the inside).
    pub fields: Vec<(Rect, Rect)>,
    /// The story's history and comments, newest first (inside its frame), with its frame.
    pub activity: (Rect, Rect),
    /// Two lines under the links field: what it waits on that is not done, what waits on it.
    pub links: Rect,
}

/// Title across the top; the short fields on the left; RICE and WSJF inputs on the right; the
/// description and acceptance criteria side by side below.
pub fn story(body: Rect) -> StoryPlaces {
    let row = |y: u16, x: u16, w: u16| Rect::new(x, body.y.saturating_add(y), w, 1).intersection(body);
    let half = body.width / 2;
    let quarter = body.width / 4;
    let label_w = 12u16;
    let pair = |x: u16, y: u16, w: u16| {
        let label = row(y, x, label_w.min(w));
        let input = row(y, x.saturating_add(label_w), w.saturating_sub(label_w + 1));
        (label, input)
    };
    let mut fields = vec![pair(body.x, 1, body.width)];
    // Points … Sprint down the left half, then what it waits on across the right half.
    for i in 0..9 {
        fields.push(pair(body.x, 2 + i, half));
    }
    fields.push(pair(body.x + half, 8, body.width - half));
    let rice_x = body.x + half;
    let wsjf_x = body.x + half + quarter;
    for i in 0..4 {
        fields.push(pair(rice_x, 3 + i, quarter));
    }
    for i in 0..4 {
        fields.push(pair(wsjf_x, 3 + i, quarter));
    }
    // Below: the description, the acceptance criteria, and the activity with the new comment
    // on its last line.
    let top = body.y.saturating_add(11);
    let rest = body.bottom().saturating_sub(top);
    let third = body.width / 3;
    let frame = |x: u16, w: u16| {
        let frame = Rect::new(x, top, w, rest).intersection(body);
        let inner = Rect::new(frame.x + 1, frame.y + 1, frame.width.saturating_sub(2), frame.height.saturating_sub(2));
        (frame, inner.intersection(body))
    };
    fields.push(frame(body.x, third));
    fields.push(frame(body.x + third, third));
    let (activity_frame, inner) = frame(body.x + 2 * third, body.width - 2 * third);
    let comment_y = inner.bottom().saturating_sub(1);
    let comment = (
        Rect::new(inner.x, comment_y, 9.min(inner.width), 1),
        Rect::new(inner.x + 9, comment_y, inner.width.saturating_sub(9), 1),
    );
    fields.push((comment.0.intersection(body), comment.1.intersection(body)));
    let list = Rect::new(inner.x, inner.y, inner.width, inner.height.saturating_sub(1));
    StoryPlaces {
        header: row(0, body.x, body.width),
        rice_title: row(2, rice_x, quarter),
        wsjf_title: row(2, wsjf_x, quarter),
        fields,
        activity: (activity_frame, list),
        links: Rect::new(body.x + half + 1, body.y.saturating_add(9), (body.width - half).saturating_sub(1), 2)
            .intersection(body),
    }
}

/// The first row to show of a list of `len` rows so that `selected` is visible and the rows
/// shown are as many as fit (after the terminal grew, a list scrolled down shows its top again
/// rather than space below its end).
pub fn scroll_list(offset: usize, selected: usize, visible: usize, len: usize) -> usize {
    scroll(offset.min(len.saturating_sub(visible.max(1))), selected, visible)
}

/// The first row to show so that `selected` is visible, moving `offset` as little as possible.
pub fn scroll(offset: usize, selected: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + visible {
        selected + 1 - visible
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_keeps_the_selection_in_view() {
        assert_eq!(scroll(0, 3, 5), 0);
        assert_eq!(scroll(0, 5, 5), 1);
        assert_eq!(scroll(4, 2, 5), 2);
        assert_eq!(scroll(3, 0, 0), 0);
        // Seven rows scrolled by five: with room for all seven, none is hidden.
        assert_eq!(scroll_list(5, 6, 7, 7), 0);
        assert_eq!(scroll_list(5, 6, 4, 7), 3);
        assert_eq!(scroll_list(5, 6, 1, 7), 6);
        assert_eq!(scroll_list(2, 0, 5, 0), 0);
    }

    #[test]
    fn panes_fit_the_width() {
        let body = Rect::new(0, 1, 80, 22);
        assert_eq!(panes_visible(body, 4), 2);
        assert_eq!(first_pane(3, 2, 4), 2);
        assert_eq!(first_pane(0, 2, 4), 0);
        let panes = planning_panes(body, 4, 2);
        assert_eq!(panes.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(planning_panes(Rect::new(0, 0, 1, 1), 3, 0).len(), 1);
    }

    #[test]
    fn tiny_areas_do_not_underflow() {
        let cols = board_columns(Rect::new(0, 0, 1, 1), 4);
        assert_eq!(cols.len(), 4);
        assert!(cols.iter().all(|p| cards_per_column(p) >= 1));
        assert_eq!(tab_spans(Rect::new(0, 0, 3, 1), &["Board".into(), "Planning".into()]).len(), 2);
    }
}
