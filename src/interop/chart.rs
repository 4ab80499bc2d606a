//! Charts for the sprint review, as SVG files (`plotters` with its SVG backend): velocity
//! (committed and completed bars), a burndown (remaining points against the ideal line), a
//! forecast (the chance that all the work is done by each sprint).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::{BurndownDay, Forecast, Velocity};

/// The charts' size (their SVG viewBox). Every text is at least [`TEXT_PX`] in it, so a chart
/// scaled down to fit a phone (368 px: a 400 px screen less the status page's padding) still
/// shows its text at 12 px or more: 22 × 368 / 640 ≈ 12.6.
const SIZE: (u32, u32) = (640, 400);
/// The smallest text (ticks, legend, labels), in SVG pixels.
const TEXT_PX: f64 = 22.0;
/// The title's size.
const TITLE_PX: f64 = 26.0;
/// The band the title takes at the top, and the legend's band under it: the legend sits
/// outside the plot, so it never covers a line or a bar.
const TITLE_BAND: u32 = 40;
const LEGEND_BAND: u32 = 40;
const COMMITTED: RGBColor = RGBColor(160, 174, 192);
const COMPLETED: RGBColor = RGBColor(43, 108, 176);
const IDEAL: RGBColor = RGBColor(221, 107, 32);
const CARRIED: RGBColor = RGBColor(197, 48, 48);
const FRAME: RGBColor = RGBColor(160, 174, 192);

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("cannot draw the chart: {e}")
}

/// A font whose size in the SVG is `px` (plotters writes the size asked for divided by 1.24).
fn font(px: f64) -> FontDesc<'static> {
    ("sans-serif", px * 1.24).into_font()
}

/// A text's width in SVG pixels, estimated on the generous side (no font is at hand to
/// measure it: the viewer picks its own sans-serif).
fn text_width(text: &str, px: f64) -> i32 {
    (text.chars().count() as f64 * px * 0.6).ceil() as i32
}

/// `text` cut to what fits in `width` pixels, with an ellipsis when cut.
fn fit(text: &str, px: f64, width: i32) -> String {
    if text_width(text, px) <= width {
        return text.to_owned();
    }
    let keep = ((width as f64 / (px * 0.6)) as usize).saturating_sub(1).max(1);
    format!("{}…", text.chars().take(keep).collect::<String>())
}

/// `text` cut to what fits in `width` pixels from its end, with an ellipsis before: a
/// sprint's name tells itself apart at its end ("Platform sprint 12").
fn fit_end(text: &str, px: f64, width: i32) -> String {
    if text_width(text, px) <= width {
        return text.to_owned();
    }
    let keep = ((width as f64 / (px * 0.6)) as usize).saturating_sub(1).max(1);
    let skip = text.chars().count().saturating_sub(keep);
    format!("…{}", text.chars().skip(skip).collect::<String>())
}

/// How a legend entry is drawn.
enum Swatch {
    Line(RGBColor, u32),
    Bar(RGBColor),
    /// A lighter bar with a solid outline: work still in progress.
    InProgress(RGBColor),
    Dot(RGBColor),
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// The title, centred in its band at the top.
fn title(root: &Area, text: &str) -> Result<(), String> {
    let text = fit(text, TITLE_PX, SIZE.0 as i32 - 16);
    let style = font(TITLE_PX).color(&BLACK).pos(Pos::new(HPos::Center, VPos::Top));
    root.draw(&Text::new(text, (SIZE.0 as i32 / 2, 8), style)).map_err(err)
}

/// The legend: one row in its band under the title, framed, its entries left to right.
fn legend(root: &Area, entries: &[(Swatch, String)]) -> Result<(), String> {
    if entries.is_empty() {
        return Ok(());
    }
    let (top, bottom) = (TITLE_BAND as i32 + 2, (TITLE_BAND + LEGEND_BAND) as i32 - 4);
    let mid = (top + bottom) / 2;
    let left = 16;
    let mut x = left + 8;
    for (swatch, label) in entries {
        match swatch {
            Swatch::Line(c, w) => root.draw(&PathElement::new(vec![(x, mid), (x + 24, mid)], c.stroke_width(*w))),
            Swatch::Bar(c) => root.draw(&Rectangle::new([(x + 4, mid - 8), (x + 20, mid + 8)], c.filled())),
            Swatch::InProgress(c) => root
                .draw(&Rectangle::new([(x + 4, mid - 8), (x + 20, mid + 8)], c.mix(0.25).filled()))
                .and_then(|()| root.draw(&Rectangle::new([(x + 4, mid - 8), (x + 20, mid + 8)], c.stroke_width(2)))),
            Swatch::Dot(c) => root.draw(&Circle::new((x + 12, mid), 6, c.filled())),
        }
        .map_err(err)?;
        x += 30;
        let style = font(TEXT_PX).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(label.clone(), (x, mid), style)).map_err(err)?;
        x += text_width(label, TEXT_PX) + 20;
    }
    let right = (x - 12).min(SIZE.0 as i32 - 2);
    root.draw(&Rectangle::new([(left, top), (right, bottom)], FRAME.stroke_width(1))).map_err(err)
}

/// The area under the title and the legend, where the plot goes.
fn plot_area<'a>(root: &Area<'a>) -> Area<'a> {
    root.split_vertically(TITLE_BAND + LEGEND_BAND).1
}

/// How many sprints a velocity chart shows: the latest (a slide has room for a dozen).
const SPRINTS_SHOWN: usize = 12;
/// The room under a plot for its x labels (one line of text), and left of it for the y
/// labels and the axis' name.
const X_LABELS: u32 = 40;
const Y_LABELS: u32 = 84;
const MARGIN: u32 = 12;

/// Velocity per sprint, the latest [`SPRINTS_SHOWN`]: committed and completed points side by
/// side. A sprint still running is drawn as such: lighter bars with an outline, and
/// "in progress" over them, for its completed points are only those so far.
pub fn velocity(rows: &[Velocity]) -> Result<String, String> {
    let rows = &rows[rows.len().saturating_sub(SPRINTS_SHOWN)..];
    let n = rows.len().max(1) as u32;
    // The sprints' names: across when each fits its slot, else turned upright (bottom to
    // top), as long as the longest one needs (the chart grows taller by as much).
    let slot = (SIZE.0 as i32 - Y_LABELS as i32 - 2 * MARGIN as i32) / n as i32;
    let longest = rows.iter().map(|r| text_width(&r.sprint, TEXT_PX)).max().unwrap_or(0);
    let upright = longest > slot - 6;
    let names_room = if upright { longest.min(text_width("Platform 1234", TEXT_PX)) + 12 } else { X_LABELS as i32 };
    let size = (SIZE.0, SIZE.1 + (names_room - X_LABELS as i32) as u32);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        title(&root, "Velocity: committed and completed points")?;
        let running = rows.iter().position(|r| r.state == "active");
        let mut entries =
            vec![(Swatch::Bar(COMMITTED), "committed".to_owned()), (Swatch::Bar(COMPLETED), "completed".to_owned())];
        if running.is_some() {
            entries.push((Swatch::InProgress(COMPLETED), "in progress".to_owned()));
        }
        legend(&root, &entries)?;
        let area = plot_area(&root);
        // A band at the top of the plot that no bar reaches, for the "in progress" label.
        let plot_h = area.dim_in_pixel().1 as i32 - names_room - 2 * MARGIN as i32;
        let band = (TEXT_PX as i32 + 12).min(plot_h / 3);
        let max = rows.iter().map(|r| r.committed.max(r.completed)).max().unwrap_or(0).max(1);
        // Saturating: a board whose files were written by hand may hold any estimate.
        let bars_top = max.saturating_add(max / 10).saturating_add(1);
        let top = (bars_top as f64 * plot_h as f64 / (plot_h - band).max(1) as f64).ceil() as u32;
        let mut chart = ChartBuilder::on(&area)
            .margin(MARGIN)
            .x_label_area_size(names_room as u32)
            .y_label_area_size(Y_LABELS)
            .build_cartesian_2d(0u32..n * 3, 0u32..top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(1)
            .x_label_formatter(&|_| String::new())
            .y_labels(6)
            .y_label_formatter(&|v| if *v <= bars_top { v.to_string() } else { String::new() })
            .label_style(font(TEXT_PX))
            .axis_desc_style(font(TEXT_PX))
            .y_desc("points")
            .draw()
            .map_err(err)?;
        for (i, r) in rows.iter().enumerate() {
            let x = i as u32 * 3;
            let bars = [(x, r.committed, COMMITTED), (x + 1, r.completed, COMPLETED)];
            for (x, value, color) in bars {
                let corners = [(x, 0), (x + 1, value)];
                if Some(i) == running {
                    chart.draw_series([Rectangle::new(corners, color.mix(0.25).filled())]).map_err(err)?;
                    chart.draw_series([Rectangle::new(corners, color.stroke_width(2))]).map_err(err)?;
                } else {
                    chart.draw_series([Rectangle::new(corners, color.filled())]).map_err(err)?;
                }
            }
            // The name under the pair of bars.
            let (cx, axis) = chart.backend_coord(&(x + 1, 0));
            let name = if upright { fit_end(&r.sprint, TEXT_PX, names_room - 12) } else { r.sprint.clone() };
            let style = if upright {
                font(TEXT_PX).transform(FontTransform::Rotate270).color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center))
            } else {
                font(TEXT_PX).color(&BLACK).pos(Pos::new(HPos::Center, VPos::Top))
            };
            root.draw(&Text::new(name, (cx, axis + 8), style)).map_err(err)?;
        }
        if let Some(i) = running {
            // Over the running sprint's bars, in the band no bar reaches; kept inside the plot.
            let (cx, _) = chart.backend_coord(&(i as u32 * 3 + 1, 0));
            let (_, y) = chart.backend_coord(&(0, top));
            let (left, _) = chart.backend_coord(&(0, 0));
            let (right, _) = chart.backend_coord(&(n * 3, 0));
            let half = text_width("in progress", TEXT_PX) / 2;
            let x = cx.clamp(left + half, (right - half).max(left + half));
            let style = font(TEXT_PX).color(&COMPLETED).pos(Pos::new(HPos::Center, VPos::Top));
            root.draw(&Text::new("in progress", (x, y + 4), style)).map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(out)
}

/// A sprint's burndown over its whole dates: the ideal line from the first day's points to
/// zero on the last working day, and the points left at the end of each day that has come.
/// A closed sprint's line ends at the work it left unfinished, marked as carried over.
pub fn burndown(sprint: &str, days: &[BurndownDay]) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        title(&root, &format!("Burndown: {sprint}"))?;
        let carried = days.iter().find_map(|d| d.carried_over.map(|n| (d, n)));
        let mut entries =
            vec![(Swatch::Line(IDEAL, 2), "ideal".to_owned()), (Swatch::Line(COMPLETED, 3), "remaining".to_owned())];
        if let Some((_, n)) = carried {
            entries.push((Swatch::Dot(CARRIED), format!("{n} carried over")));
        }
        legend(&root, &entries)?;
        let area = plot_area(&root);
        let max = days.iter().map(|d| d.remaining.unwrap_or(0).max(d.ideal)).max().unwrap_or(0).max(1);
        let last = (days.len().max(2) - 1) as u32;
        let mut chart = ChartBuilder::on(&area)
            .margin(MARGIN)
            .margin_right(3 * MARGIN)
            .x_label_area_size(X_LABELS)
            .y_label_area_size(Y_LABELS)
            .build_cartesian_2d(0u32..last, 0u32..max.saturating_add(max / 10).saturating_add(1))
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(1)
            .x_label_formatter(&|_| String::new())
            .y_labels(6)
            .label_style(font(TEXT_PX))
            .axis_desc_style(font(TEXT_PX))
            .y_desc("points left")
            .draw()
            .map_err(err)?;
        // The dates under the axis: the first and the last day, and as many between, evenly,
        // as there is room for.
        let label_w = text_width("12-31", TEXT_PX) + 12;
        let (left, axis) = chart.backend_coord(&(0, 0));
        let (right, _) = chart.backend_coord(&(last, 0));
        let room = ((right - left) / label_w).max(1) as u32;
        let step = last.div_ceil(room).max(1);
        let mut ticks: Vec<u32> = (0..=last).step_by(step as usize).collect();
        if ticks.last().is_some_and(|t| *t != last) {
            // The end always has its date; the one before it gives way when too close.
            if ticks.last().is_some_and(|t| (last - t) * (right - left) as u32 / last.max(1) < label_w as u32) {
                ticks.pop();
            }
            ticks.push(last);
        }
        for i in ticks.into_iter().filter(|i| (*i as usize) < days.len()) {
            let (x, _) = chart.backend_coord(&(i, 0));
            let style = font(TEXT_PX).color(&BLACK).pos(Pos::new(HPos::Center, VPos::Top));
            root.draw(&Text::new(days[i as usize].date.strftime("%m-%d").to_string(), (x, axis + 8), style))
                .map_err(err)?;
            root.draw(&PathElement::new(vec![(x, axis), (x, axis + 5)], BLACK.stroke_width(1))).map_err(err)?;
        }
        chart
            .draw_series(LineSeries::new(
                days.iter().enumerate().map(|(i, d)| (i as u32, d.ideal)),
                IDEAL.stroke_width(2),
            ))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                days.iter().enumerate().filter_map(|(i, d)| Some((i as u32, d.remaining?))),
                COMPLETED.stroke_width(3),
            ))
            .map_err(err)?;
        if let Some((day, n)) = carried {
            let i = days.iter().position(|d| d.date == day.date).unwrap_or(0) as u32;
            chart.draw_series([Circle::new((i, n), 6, CARRIED.filled())]).map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(out)
}

/// The forecast: for each coming sprint, the chance that all the work planned is done by its
/// end (bars), from the simulation's runs.
pub fn forecast(f: &Forecast) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        // Up to the sprint by which every run finished (or the horizon).
        let shown = f.finish.iter().rposition(|c| *c > 0).map_or(1, |i| i + 1) as u32;
        let mut chart = ChartBuilder::on(&root)
            .caption(format!("Forecast: all planned work done by each sprint ({} runs)", f.runs), font(TITLE_PX))
            .margin(16)
            .x_label_area_size(2 * X_LABELS)
            .y_label_area_size(Y_LABELS)
            .build_cartesian_2d(1u32..shown + 1, 0f64..100f64)
            .map_err(err)?;
        // Each sprint by its short name (`S27`; `*`: projected), the first one named in full.
        let first = f.sprints.first().map_or_else(String::new, |s| format!(", from {}", s.label()));
        let short = |x: &u32| f.sprints.get((*x as usize).saturating_sub(1)).map_or_else(String::new, |s| s.short());
        chart
            .configure_mesh()
            .label_style(font(TEXT_PX))
            .axis_desc_style(font(TEXT_PX))
            .x_labels((shown as usize).min(12))
            .x_label_formatter(&short)
            .x_desc(format!("done by the end of sprint (* projected{first})"))
            .y_labels(6)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc("% of runs done by then")
            .draw()
            .map_err(err)?;
        let mut done = 0u64;
        let cumulative: Vec<(u32, f64)> = f
            .finish
            .iter()
            .take(shown as usize)
            .enumerate()
            .map(|(i, c)| {
                done += u64::from(*c);
                (i as u32 + 1, done as f64 * 100.0 / f.runs.max(1) as f64)
            })
            .collect();
        chart
            .draw_series(
                cumulative.iter().map(|(x, p)| Rectangle::new([(*x, 0.0), (*x + 1, *p)], COMPLETED.mix(0.8).filled())),
            )
            .map_err(err)?;
        for (p, label) in [(50.0, "50 %"), (85.0, "85 %"), (95.0, "95 %")] {
            chart.draw_series(LineSeries::new(vec![(1, p), (shown + 1, p)], IDEAL.stroke_width(1))).map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(label, (1, p + 1.5), font(TEXT_PX).color(&IDEAL))))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
