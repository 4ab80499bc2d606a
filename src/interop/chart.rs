//! Charts for the sprint review, as SVG files (`plotters` with its SVG backend): velocity
//! (committed and completed bars), a burndown (remaining points against the ideal line), a
//! forecast (the chance that all the work is done by each sprint).

use plotters::prelude::*;

use crate::report::{BurndownDay, Forecast, Velocity};

const SIZE: (u32, u32) = (800, 450);
const COMMITTED: RGBColor = RGBColor(160, 174, 192);
const COMPLETED: RGBColor = RGBColor(43, 108, 176);
const IDEAL: RGBColor = RGBColor(221, 107, 32);

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("cannot draw the chart: {e}")
}

/// How many sprints a velocity chart shows: the latest (a slide has room for a dozen).
const SPRINTS_SHOWN: usize = 12;

/// Velocity per sprint, the latest [`SPRINTS_SHOWN`]: committed and completed points side by
/// side.
pub fn velocity(rows: &[Velocity]) -> Result<String, String> {
    let rows = &rows[rows.len().saturating_sub(SPRINTS_SHOWN)..];
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let max = rows.iter().map(|r| r.committed.max(r.completed)).max().unwrap_or(0).max(1);
        let n = rows.len().max(1) as u32;
        let mut chart = ChartBuilder::on(&root)
            .caption("Velocity: committed and completed points", ("sans-serif", 22))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0u32..n * 3, 0u32..max + max / 10 + 1)
            .map_err(err)?;
        let names: Vec<String> = rows.iter().map(|r| r.sprint.clone()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(rows.len().max(1) * 3)
            .x_label_formatter(&|x| {
                if x % 3 == 1 { names.get((*x / 3) as usize).cloned().unwrap_or_default() } else { String::new() }
            })
            .y_desc("points")
            .draw()
            .map_err(err)?;
        let bars = |value: fn(&Velocity) -> u32, offset: u32, color: RGBColor| {
            rows.iter().enumerate().map(move |(i, r)| {
                let x = i as u32 * 3 + offset;
                Rectangle::new([(x, 0), (x + 1, value(r))], color.filled())
            })
        };
        chart
            .draw_series(bars(|r| r.committed, 0, COMMITTED))
            .map_err(err)?
            .label("committed")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], COMMITTED.filled()));
        chart
            .draw_series(bars(|r| r.completed, 1, COMPLETED))
            .map_err(err)?
            .label("completed")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], COMPLETED.filled()));
        chart.configure_series_labels().border_style(BLACK).background_style(WHITE).draw().map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(out)
}

/// A sprint's burndown: the points left at the end of each day, and the ideal line.
pub fn burndown(sprint: &str, days: &[BurndownDay]) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let max = days.iter().map(|d| d.remaining.max(d.ideal).max(d.scope)).max().unwrap_or(0).max(1);
        let n = days.len().max(2) as u32;
        let mut chart = ChartBuilder::on(&root)
            .caption(format!("Burndown: {sprint}"), ("sans-serif", 22))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0u32..n - 1, 0u32..max + max / 10 + 1)
            .map_err(err)?;
        let dates: Vec<String> = days.iter().map(|d| d.date.strftime("%m-%d").to_string()).collect();
        chart
            .configure_mesh()
            .x_labels(days.len().min(14))
            .x_label_formatter(&|x| dates.get(*x as usize).cloned().unwrap_or_default())
            .y_desc("points left")
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                days.iter().enumerate().map(|(i, d)| (i as u32, d.ideal)),
                IDEAL.stroke_width(2),
            ))
            .map_err(err)?
            .label("ideal")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], IDEAL.stroke_width(2)));
        chart
            .draw_series(LineSeries::new(
                days.iter().enumerate().map(|(i, d)| (i as u32, d.remaining)),
                COMPLETED.stroke_width(3),
            ))
            .map_err(err)?
            .label("remaining")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], COMPLETED.stroke_width(3)));
        chart.configure_series_labels().border_style(BLACK).background_style(WHITE).draw().map_err(err)?;
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
            .caption(format!("Forecast: all planned work done by each sprint ({} runs)", f.runs), ("sans-serif", 22))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(1u32..shown + 1, 0f64..100f64)
            .map_err(err)?;
        // Each sprint by its short name (`S27`; `*`: projected), the first one named in full.
        let first = f.sprints.first().map_or_else(String::new, |s| format!(", from {}", s.label()));
        let short = |x: &u32| f.sprints.get((*x as usize).saturating_sub(1)).map_or_else(String::new, |s| s.short());
        chart
            .configure_mesh()
            .x_labels((shown as usize).min(12))
            .x_label_formatter(&short)
            .x_desc(format!("done by the end of sprint (* projected{first})"))
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
                .draw_series(std::iter::once(Text::new(
                    label,
                    (1, p + 1.5),
                    ("sans-serif", 14).into_font().color(&IDEAL),
                )))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(out)
}
