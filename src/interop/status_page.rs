//! The status page for people who never open a terminal: one self-contained `index.html` (its
//! charts inline as SVG, its style inline, no script, nothing fetched) with the active sprint's
//! board, its burndown, the velocity, the roadmap of epics with their 85 % forecast dates, and
//! when it was made. Written with `maud`, which escapes every value it is given.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::chart;
use crate::domain::{Board, Story};
use crate::report;

/// The page's style. The charts are 640 wide with their text at 22 px (see `chart`): shown at
/// that size at most, and on a 400 px phone at the width left inside the page's padding,
/// 368 px, where their text is still 12.6 px.
const STYLE: &str = "
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem; color: #1a202c; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.made, .muted { color: #718096; font-size: .9rem; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: .75rem; }
.column { background: #f7fafc; border-radius: 6px; padding: .5rem; }
.column h3 { font-size: 1rem; margin: .25rem 0 .5rem; }
.card { background: #fff; border: 1px solid #e2e8f0; border-radius: 4px; padding: .4rem .5rem; margin-bottom: .4rem; }
.card .key { font-family: ui-monospace, monospace; color: #2b6cb0; font-size: .85rem; }
.card .points { float: right; font-size: .85rem; color: #4a5568; }
.card .who { color: #4a5568; font-size: .85rem; }
.blocked { color: #c53030; font-weight: 600; font-size: .85rem; }
.chart svg { width: 100%; height: auto; max-width: 640px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e2e8f0; }
";

fn card(board: &Board, s: &Story) -> Markup {
    html! {
        div.card data-key=(s.key) {
            @if let Some(p) = s.points { span.points { (crate::text::count(p as usize, "pt", "pts")) } }
            div.key { (s.key) }
            div.title { (s.title) }
            @if let Some(a) = &s.assignee { div.who { "@" (a) } }
            @if let Some(r) = &s.blocked { div.blocked { "Blocked: " (r) } }
            @let waits = board.open_blockers(&s.key);
            @if !waits.is_empty() {
                div.blocked { "Waits on " (waits.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(", ")) }
            }
        }
    }
}

/// The page as of `now` (`today` in `tz`).
pub fn render(board: &Board, now: jiff::Timestamp, today: Date, tz: &TimeZone) -> Result<String, String> {
    let made = now.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M %Z").to_string();
    let active = board.file.active_sprint();
    let velocity_svg = chart::velocity(&report::velocity(board))?;
    let burndown = active.and_then(|s| report::burndown(board, s, today, tz).map(|d| (s.name.clone(), d)));
    let burndown_svg = burndown.as_ref().map(|(name, days)| chart::burndown(name, days)).transpose()?;
    let forecast = report::forecast(board, 2_000, 1);
    let done = board.file.done_column().map(|c| c.id.clone());
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (board.file.name) " · status" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (board.file.name) }
                    p.made { "Made " (made) " by sprintboard" }
                }
                section #sprint {
                    @match active {
                        None => { h2 { "No sprint is active" } }
                        Some(sp) => {
                            h2 { (sp.name) }
                            p.muted {
                                @if let (Some(s), Some(e)) = (sp.start, sp.end) { (s) " – " (e) " · " }
                                @let list = board.list(Some(&sp.id));
                                @let total: u32 = crate::domain::sum_points(list.iter().filter_map(|s| s.points));
                                @let finished: u32 = crate::domain::sum_points(list.iter().filter(|s| Some(&s.status) == done.as_ref()).filter_map(|s| s.points));
                                (finished) " of " (total) " points done"
                                @if let Some(c) = sp.capacity { " · capacity " (c) }
                            }
                            @if !sp.goal.is_empty() { p { "Goal: " (sp.goal) } }
                            div.columns {
                                @for col in &board.file.columns {
                                    @let cards: Vec<&Story> = board.list(Some(&sp.id)).into_iter().filter(|s| s.status == col.id).collect();
                                    div.column data-column=(col.id) {
                                        h3 { (col.name) " " span.muted { (cards.len()) } }
                                        @for s in cards { (card(board, s)) }
                                    }
                                }
                            }
                        }
                    }
                }
                section #burndown .chart {
                    h2 { "Burndown" }
                    @match &burndown_svg {
                        Some(svg) => { (PreEscaped(svg)) }
                        None => { p.muted { "No active sprint with a start date." } }
                    }
                }
                section #velocity .chart {
                    h2 { "Velocity" }
                    (PreEscaped(&velocity_svg))
                }
                section #roadmap {
                    h2 { "Roadmap" }
                    @if board.file.epics.is_empty() {
                        p.muted { "No epics yet." }
                    } @else {
                        table {
                            thead { tr { th { "Epic" } th { "Done" } th { "Points" } th { "Likely done by (85 %)" } } }
                            tbody {
                                @for e in &board.file.epics {
                                    @let mine: Vec<&Story> = board.stories.values().map(|s| &**s).filter(|s| s.epic.as_deref() == Some(e.id.as_str())).collect();
                                    @let total: u32 = crate::domain::sum_points(mine.iter().filter_map(|s| s.points));
                                    @let finished: u32 = crate::domain::sum_points(mine.iter().filter(|s| Some(&s.status) == done.as_ref()).filter_map(|s| s.points));
                                    tr data-epic=(e.name) {
                                        td { (e.name) }
                                        td {
                                            @match crate::domain::percent(finished, total) {
                                                Some(pct) => { (pct) "%" }
                                                None => { (mine.iter().filter(|s| Some(&s.status) == done.as_ref()).count()) "/" (mine.len()) " stories" }
                                            }
                                        }
                                        td { (finished) " / " (total) }
                                        td {
                                            @match &forecast {
                                                Err(why) => { span.muted { (why.to_string()) } }
                                                Ok(f) => {
                                                    @match f.epics.iter().find(|o| o.epic == e.name) {
                                                        Some(o) => { (o.odds.p85_sprint.label()) @if let Some(d) = o.odds.p85_date { ", ends " (d) } }
                                                        None => { "done" }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(page.into_string())
}
