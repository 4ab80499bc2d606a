//! Where things are on screen. Pure functions of the terminal size, used both to draw and to
//! find what a mouse click hit, so the two can never disagree.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::domain::fields::{Group, Place};

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

/// The view whose tab is at `pos` in the tab bar, with `current` shown.
pub fn tab_at(
    tabs: Rect,
    current: crate::tui::action::View,
    pos: ratatui::layout::Position,
) -> Option<crate::tui::action::View> {
    let titles = view_tabs(current, tabs.width);
    let i = tab_spans(tabs, &titles).iter().position(|r| r.contains(pos))?;
    crate::tui::action::View::ALL.get(i).copied()
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

/// Where the Story view puts things. A field's place comes from the table of fields
/// (`domain::fields`): its group and its row there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryPlaces {
    body: Rect,
    pub header: Rect,
    /// The story's history and comments, newest first (inside its frame), with its frame.
    pub activity: (Rect, Rect),
    /// The new comment's label and input, on the activity's last line.
    pub comment: (Rect, Rect),
    /// Two lines under the links field: what it waits on that is not done, what waits on it.
    pub links: Rect,
}

/// The label column's width of a one-line field.
const STORY_LABEL_WIDTH: u16 = 12;

/// Title across the top; the short fields on the left; RICE and WSJF inputs on the right; the
/// description and acceptance criteria side by side below, beside the activity.
pub fn story(body: Rect) -> StoryPlaces {
    let half = body.width / 2;
    let places = StoryPlaces {
        body,
        header: row(body, 0, body.x, body.width),
        activity: (body, body),
        comment: (body, body),
        links: body,
    };
    let (activity_frame, inner) = places.text_frame(2);
    let comment_y = inner.bottom().saturating_sub(1);
    let comment = (
        Rect::new(inner.x, comment_y, 9.min(inner.width), 1).intersection(body),
        Rect::new(inner.x + 9, comment_y, inner.width.saturating_sub(9), 1).intersection(body),
    );
    let list = Rect::new(inner.x, inner.y, inner.width, inner.height.saturating_sub(1));
    StoryPlaces {
        activity: (activity_frame, list),
        comment,
        links: Rect::new(body.x + half + 1, body.y.saturating_add(9), (body.width - half).saturating_sub(1), 2)
            .intersection(body),
        ..places
    }
}

/// One line of the body, `y` rows down.
fn row(body: Rect, y: u16, x: u16, w: u16) -> Rect {
    Rect::new(x, body.y.saturating_add(y), w, 1).intersection(body)
}

impl StoryPlaces {
    /// A one-line field's label and input, `y` rows down, `w` wide from `x`.
    fn pair(&self, x: u16, y: u16, w: u16) -> (Rect, Rect) {
        let label = row(self.body, y, x, STORY_LABEL_WIDTH.min(w));
        let input = row(self.body, y, x.saturating_add(STORY_LABEL_WIDTH), w.saturating_sub(STORY_LABEL_WIDTH + 1));
        (label, input)
    }

    /// The `n`th framed pane below the fields (the description, the acceptance criteria, the
    /// activity): its frame and the inside.
    fn text_frame(&self, n: u16) -> (Rect, Rect) {
        let body = self.body;
        let top = body.y.saturating_add(11);
        let rest = body.bottom().saturating_sub(top);
        let third = body.width / 3;
        let x = body.x + n * third;
        let w = if n >= 2 { body.width - 2 * third } else { third };
        let frame = Rect::new(x, top, w, rest).intersection(body);
        let inner = Rect::new(frame.x + 1, frame.y + 1, frame.width.saturating_sub(2), frame.height.saturating_sub(2));
        (frame, inner.intersection(body))
    }

    /// The left edge and width of the `n`th column of numbers (RICE, WSJF) in the right half.
    fn score_column(&self, n: u16) -> (u16, u16) {
        let quarter = self.body.width / 4;
        (self.body.x + self.body.width / 2 + n * quarter, quarter)
    }

    /// The title line (name and score) of the `n`th column of numbers.
    pub fn score_title(&self, n: u16) -> Rect {
        let (x, w) = self.score_column(n);
        row(self.body, 2, x, w)
    }

    /// A field's label and input at `place`; `part`, for a field typed as several numbers,
    /// which of its inputs. A text area's label is its frame (whose title is the label), its
    /// input the inside.
    pub fn field(&self, place: Place, part: usize) -> (Rect, Rect) {
        let body = self.body;
        let half = body.width / 2;
        match place.group {
            Group::Top => self.pair(body.x, 1 + place.row, body.width),
            Group::Left => self.pair(body.x, 2 + place.row, half),
            Group::Right => self.pair(body.x + half, 2 + place.row, body.width - half),
            Group::Scores => {
                let (x, w) = self.score_column(place.row);
                self.pair(x, 3 + part as u16, w)
            }
            Group::Texts => self.text_frame(place.row),
        }
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
mod tests;
