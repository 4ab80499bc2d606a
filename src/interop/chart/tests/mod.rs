//! The charts, parsed back from their SVG: what they span, where the legend is, how a sprint
//! in progress looks, and that their text reads on a phone.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::{burndown, forecast, velocity};
use crate::domain::{Board, BoardFile, Ctx, Move, NewSprint, NewStory};
use crate::report::{self, Velocity};

fn at(t: &str) -> Ctx {
    Ctx::new(t.parse().expect("time"), "ana", 1)
}

fn date(d: &str) -> Date {
    d.parse().expect("date")
}

/// Sprint 7, Mon 30 Nov – Sun 13 Dec 2026, 20 points; one story of 5 done on Wednesday the 2nd.
/// `close`: closed then, the rest carried over.
fn board(close: Option<&str>) -> Board {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    let s = NewSprint {
        name: "Sprint 7".into(),
        start: Some(date("2026-11-30")),
        end: Some(date("2026-12-13")),
        ..Default::default()
    };
    b.new_sprint(s).expect("sprint");
    let mut c = at("2026-11-27T10:00:00Z");
    let mut keys = Vec::new();
    for (t, p) in [("A", 5), ("B", 8), ("C", 7)] {
        let new = NewStory { title: t.into(), points: Some(p), sprint: Some("sprint-7".into()), ..Default::default() };
        keys.push(b.add_story(new, &mut c).expect("add").0);
    }
    b.start_sprint("sprint-7", &at("2026-11-30T08:00:00Z")).expect("start");
    let done = Move { status: Some("done".into()), ..Default::default() };
    b.move_story(&keys[0], &done, &mut at("2026-12-02T10:00:00Z")).expect("done");
    if let Some(t) = close {
        b.close_sprint("sprint-7", &mut at(t)).expect("close");
    }
    b
}

/// A running sprint that grows near its end: the remaining line climbs to the top right.
fn late_scope() -> Board {
    let mut b = board(None);
    let new = NewStory { title: "Big".into(), points: Some(30), sprint: Some("sprint-7".into()), ..Default::default() };
    b.add_story(new, &mut at("2026-12-10T10:00:00Z")).expect("add");
    b
}

/// A running sprint with B (8 of 20 points) done on its first day: the remaining line runs
/// level across the middle of the plot.
fn half_done() -> Board {
    let mut b = board(None);
    let key = b.list(Some("sprint-7")).iter().find(|s| s.title == "B").map(|s| s.key.to_string()).expect("B");
    let done = Move { status: Some("done".into()), ..Default::default() };
    b.move_story(&key, &done, &mut at("2026-11-30T12:00:00Z")).expect("done");
    b
}

fn burndown_svg(b: &Board, today: &str) -> String {
    let sprint = b.file.sprint("sprint-7").expect("sprint").clone();
    let days = report::burndown(b, &sprint, date(today), &TimeZone::UTC).expect("dated");
    burndown(&sprint.name, &days).expect("drawn")
}

/// A text element: its words, anchor point, size and whether it is turned.
#[derive(Debug)]
struct Label {
    text: String,
    x: f64,
    y: f64,
    size: f64,
    upright: bool,
}

#[derive(Debug, Clone, Copy)]
struct Box {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Box {
    fn contains(&self, (x, y): (f64, f64)) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }

    fn overlaps(&self, o: &Box) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// What a chart is drawn with, read back from its SVG.
struct Svg {
    width: f64,
    labels: Vec<Label>,
    /// Each polyline's stroke colour and points.
    lines: Vec<(String, Vec<(f64, f64)>)>,
    /// Each rectangle: its box, fill, stroke, opacity.
    rects: Vec<(Box, String, String, f64)>,
}

fn num(n: roxmltree::Node, attr: &str) -> f64 {
    n.attribute(attr).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

fn parse(svg: &str) -> Svg {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    let root = doc.root_element();
    let view: Vec<f64> =
        root.attribute("viewBox").expect("a viewBox").split_whitespace().map(|v| v.parse().expect("n")).collect();
    let labels = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| Label {
            text: n.text().unwrap_or("").trim().to_owned(),
            x: num(n, "x"),
            y: num(n, "y"),
            size: num(n, "font-size"),
            upright: n.attribute("transform").is_some(),
        })
        .filter(|l| !l.text.is_empty())
        .collect();
    let lines = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .map(|n| {
            let points = n
                .attribute("points")
                .unwrap_or("")
                .split_whitespace()
                .filter_map(|p| p.split_once(','))
                .map(|(x, y)| (x.parse().expect("x"), y.parse().expect("y")))
                .collect();
            (n.attribute("stroke").unwrap_or("").to_owned(), points)
        })
        .collect();
    let rects = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| {
            let (x, y) = (num(n, "x"), num(n, "y"));
            let b = Box { x0: x, y0: y, x1: x + num(n, "width"), y1: y + num(n, "height") };
            let attr = |a: &str| n.attribute(a).unwrap_or("").to_owned();
            (b, attr("fill"), attr("stroke"), n.attribute("opacity").and_then(|v| v.parse().ok()).unwrap_or(1.0))
        })
        .collect();
    Svg { width: view[2], labels, lines, rects }
}

impl Svg {
    fn label(&self, text: &str) -> &Label {
        self.labels.iter().find(|l| l.text == text).unwrap_or_else(|| panic!("no {text:?} in {:?}", self.labels))
    }

    /// The legend's frame: the smallest rectangle around the anchor of its first entry.
    fn legend(&self, first: &str) -> Box {
        let l = self.label(first);
        self.rects
            .iter()
            .map(|r| r.0)
            .filter(|b| b.contains((l.x, l.y)) && b.x1 - b.x0 < self.width - 1.0)
            .min_by(|a, b| ((a.x1 - a.x0) * (a.y1 - a.y0)).total_cmp(&((b.x1 - b.x0) * (b.y1 - b.y0))))
            .expect("a frame around the legend")
    }

    /// The polyline drawn in `stroke` with the most points (a series, not its legend swatch).
    fn series(&self, stroke: &str) -> &[(f64, f64)] {
        self.lines.iter().filter(|(s, _)| s == stroke).map(|(_, p)| p.as_slice()).max_by_key(|p| p.len()).unwrap_or(&[])
    }

    fn dates(&self) -> Vec<&Label> {
        let is_date = |t: &str| t.len() == 5 && t.as_bytes()[2] == b'-' && t.replace('-', "").parse::<u32>().is_ok();
        self.labels.iter().filter(|l| is_date(&l.text)).collect()
    }
}

const IDEAL: &str = "#DD6B20";
const REMAINING: &str = "#2B6CB0";

#[test]
fn a_running_sprints_burndown_spans_its_dates_and_the_ideal_reaches_zero_on_the_last_working_day() {
    let svg = parse(&burndown_svg(&board(None), "2026-12-03"));
    let ideal = svg.series(IDEAL);
    assert_eq!(ideal.len(), 14, "one point a day, Monday the 30th to Sunday the 13th");
    let remaining = svg.series(REMAINING);
    assert_eq!(remaining.len(), 4, "to today, the 3rd: the days to come have no figure");
    assert!(remaining.iter().zip(ideal).all(|(r, i)| r.0 == i.0), "the same days");
    let dates = svg.dates();
    let (first, last) = (dates.first().expect("dates"), dates.last().expect("dates"));
    assert_eq!((first.text.as_str(), last.text.as_str()), ("11-30", "12-13"), "the x axis spans the sprint");
    assert_eq!((first.x, last.x), (ideal[0].0, ideal[13].0), "under the first and the last day");
    let zero = ideal.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    // Friday the 11th is the last working day: zero there, above zero on the Thursday, flat after.
    assert!(ideal[10].1 < zero && ideal[11].1 == zero && ideal[13].1 == zero, "{ideal:?}");
    assert_eq!(ideal[5].1, ideal[6].1, "flat over the weekend");
}

#[test]
fn a_closed_sprints_burndown_ends_at_the_carried_over_work_marked_as_such() {
    let b = board(Some("2026-12-11T16:00:00Z"));
    let text = burndown_svg(&b, "2026-12-20");
    let svg = parse(&text);
    let remaining = svg.series(REMAINING);
    assert_eq!(remaining.len(), 12, "to the close on Friday the 11th");
    let ideal = svg.series(IDEAL);
    assert_eq!(ideal.len(), 14, "the sprint's dates");
    // 15 points were carried over: the line ends at 15 of 20, not at zero.
    let zero = ideal.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    let top = ideal[0].1;
    let end = remaining[11].1;
    assert!(((zero - end) / (zero - top) - 15.0 / 20.0).abs() < 0.02, "{end} between {top} and {zero}");
    svg.label("15 carried over");
    let doc = roxmltree::Document::parse(&text).expect("xml");
    let marker = doc.descendants().find(|n| n.has_tag_name("circle") && num(*n, "cx") == remaining[11].0);
    assert!(marker.is_some_and(|m| num(m, "cy") == end), "a marker on the last day's point");
}

/// The legend sits outside the plot: no point of a line nor any bar is under it.
#[test]
fn the_legend_covers_no_line_and_no_bar() {
    let charts = [
        (burndown_svg(&board(None), "2026-12-03"), "ideal"),
        (burndown_svg(&board(Some("2026-12-11T16:00:00Z")), "2026-12-20"), "ideal"),
        (burndown_svg(&board(Some("2026-12-01T16:00:00Z")), "2026-12-20"), "ideal"),
        (burndown_svg(&late_scope(), "2026-12-13"), "ideal"),
        (burndown_svg(&half_done(), "2026-12-01"), "ideal"),
        (velocity(&rows(&[(20, 20), (18, 12), (29, 7)], true)).expect("drawn"), "committed"),
    ];
    for (text, first) in charts {
        let svg = parse(&text);
        let legend = svg.legend(first);
        for (stroke, points) in &svg.lines {
            if points.iter().all(|p| legend.contains(*p)) {
                continue; // a swatch of the legend itself
            }
            for w in points.windows(2) {
                for k in 0..=20 {
                    let t = f64::from(k) / 20.0;
                    let p = (w[0].0 + (w[1].0 - w[0].0) * t, w[0].1 + (w[1].1 - w[0].1) * t);
                    assert!(!legend.contains(p), "a {stroke} line at {p:?} under the legend {legend:?}");
                }
            }
        }
        for (b, ..) in &svg.rects {
            let inside = legend.contains((b.x0, b.y0)) && legend.contains((b.x1, b.y1));
            let background = b.x1 - b.x0 >= svg.width - 1.0;
            assert!(inside || background || !legend.overlaps(b), "a bar {b:?} under the legend {legend:?}");
        }
    }
}

fn rows(values: &[(u32, u32)], last_running: bool) -> Vec<Velocity> {
    values
        .iter()
        .enumerate()
        .map(|(i, (committed, completed))| Velocity {
            sprint: format!("Sprint {}", 23 + i),
            state: if last_running && i + 1 == values.len() { "active" } else { "closed" },
            committed: *committed,
            completed: *completed,
        })
        .collect()
}

#[test]
fn the_running_sprint_is_drawn_in_progress_not_like_a_finished_one() {
    let svg = parse(&velocity(&rows(&[(20, 20), (18, 12), (29, 7)], true)).expect("drawn"));
    let legend = svg.legend("committed");
    let bars: Vec<_> = svg.rects.iter().filter(|(b, ..)| !legend.overlaps(b)).collect();
    let solid = |color: &str| bars.iter().filter(|(_, fill, _, o)| fill == color && *o == 1.0).count();
    assert_eq!(solid(REMAINING), 2, "the two finished sprints' completed bars");
    assert_eq!(solid("#A0AEC0"), 2, "and their committed bars");
    let light: Vec<_> = bars.iter().filter(|(_, fill, _, o)| fill == REMAINING && *o < 1.0).collect();
    assert_eq!(light.len(), 1, "the running sprint's completed bar is lighter");
    let outline =
        bars.iter().find(|(b, fill, stroke, _)| fill == "none" && stroke == REMAINING && b.x0 == light[0].0.x0);
    assert!(outline.is_some(), "and outlined");
    let label = svg
        .labels
        .iter()
        .find(|l| l.text == "in progress" && !legend.contains((l.x, l.y)))
        .expect("a label in the plot");
    assert!(legend.contains((svg.label("in progress").x, svg.label("in progress").y)), "and in the legend");
    let slot = light[0].0;
    let half = super::text_width("in progress", label.size) as f64 / 2.0;
    assert!((label.x - half..=label.x + half).contains(&slot.x0), "over the running sprint's bars");
    let tops = bars.iter().filter(|(_, fill, ..)| fill != "#FFFFFF").map(|(b, ..)| b.y0).fold(f64::MAX, f64::min);
    assert!(label.y + label.size <= tops, "above every bar");

    let done = parse(&velocity(&rows(&[(20, 20), (18, 12)], false)).expect("drawn"));
    assert!(done.labels.iter().all(|l| l.text != "in progress"), "no sprint runs");
    assert!(done.rects.iter().all(|(_, fill, _, o)| fill != REMAINING || *o == 1.0));
}

/// Scaled down to 400 px wide, every text of every chart is 12 px or more.
#[test]
fn every_text_reads_at_phone_width() {
    // Two closed sprints and work left, for a forecast.
    let mut b = board(None);
    b.new_sprint(NewSprint { name: "Sprint 8".into(), ..Default::default() }).expect("s8");
    b.close_sprint("sprint-7", &mut at("2026-12-11T16:00:00Z")).expect("close");
    b.start_sprint("sprint-8", &at("2026-12-14T08:00:00Z")).expect("start");
    let done = Move { status: Some("done".into()), ..Default::default() };
    let keys: Vec<String> = b.list(Some("sprint-8")).iter().map(|s| s.key.to_string()).collect();
    b.move_story(&keys[0], &done, &mut at("2026-12-16T10:00:00Z")).expect("done");
    b.close_sprint("sprint-8", &mut at("2026-12-24T16:00:00Z")).expect("close");
    let f = report::forecast(&b, 500, 1).expect("a forecast");
    let long_names: Vec<Velocity> = (1..=12)
        .map(|i| Velocity { sprint: format!("Platform sprint {i}"), state: "closed", committed: 30, completed: 20 + i })
        .collect();
    let charts = [
        burndown_svg(&b, "2026-12-20"),
        velocity(&rows(&[(20, 20), (18, 12), (29, 7)], true)).expect("drawn"),
        velocity(&long_names).expect("drawn"),
        forecast(&f).expect("drawn"),
    ];
    for text in &charts {
        let svg = parse(text);
        assert!(!svg.labels.is_empty());
        for l in &svg.labels {
            assert!(
                l.size * 400.0 / svg.width >= 12.0,
                "{:?} is {} px at 400 px wide",
                l.text,
                l.size * 400.0 / svg.width
            );
        }
    }
    let turned = parse(&velocity(&long_names).expect("drawn"));
    assert!(turned.labels.iter().filter(|l| l.text.starts_with("Platform")).all(|l| l.upright), "long names stand up");
}

/// Nothing to show, a one-day sprint, a sprint ending far ahead: still charts, no panic.
#[test]
fn edge_cases_still_draw() {
    assert!(parse(&velocity(&[]).expect("drawn")).labels.iter().any(|l| l.text.starts_with("Velocity")));
    let one = [report::BurndownDay {
        date: date("2026-12-01"),
        remaining: Some(3),
        scope: Some(3),
        ideal: 3,
        carried_over: Some(3),
    }];
    let svg = parse(&burndown("One day", &one).expect("drawn"));
    assert_eq!(svg.dates().iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["12-01"]);
    let mut b = board(None);
    if let Some(s) = b.file.sprints.iter_mut().find(|s| s.id == "sprint-7") {
        s.end = Some(date("2036-12-31"));
    }
    let svg = parse(&burndown_svg(&b, "2026-12-03"));
    assert_eq!(svg.series(IDEAL).len(), 3685, "a point a day for ten years");
    assert_eq!(svg.dates().last().map(|l| l.text.as_str()), Some("12-31"));
}
