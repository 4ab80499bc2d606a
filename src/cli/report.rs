//! `sprintboard report velocity|burndown|standup`: the reports, as text or JSON.

use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::CliError;
use super::args::ReportFormat;
use super::session;
use crate::report::{self, bar};

/// `--since`: see [`report::standup::since`].
fn since(value: Option<&str>, now: Timestamp) -> Result<Timestamp, CliError> {
    report::standup_since(value, now).map_err(|m| CliError::bad(format!("--since {m}")))
}

/// Where a JSON or SVG report goes: `--output FILE`, else standard output.
#[derive(Clone, Copy)]
pub struct Output<'a>(pub Option<&'a Path>);

impl Output<'_> {
    fn write(self, text: &str) -> Result<(), CliError> {
        match self.0 {
            None => {
                println!("{text}");
                Ok(())
            }
            // Escaped as printed text is: the JSON means the same, an SVG loses only controls
            // that XML does not allow.
            Some(path) => replace_file(path, format!("{}\n", crate::text::visible(text)).as_bytes()),
        }
    }

    fn json<T: serde::Serialize>(self, value: &T) -> Result<(), CliError> {
        self.write(&serde_json::to_string_pretty(value).map_err(|e| CliError::refused(e.to_string()))?)
    }

    fn svg(self, chart: Result<String, String>) -> Result<(), CliError> {
        self.write(&chart.map_err(CliError::refused)?)
    }

    /// Text goes to standard output only.
    fn text(self) -> Result<(), CliError> {
        match self.0 {
            Some(_) => Err(CliError::bad("--output is for --format json or svg (redirect the text with >)")),
            None => Ok(()),
        }
    }
}

pub fn report(
    board: Option<&Path>,
    kind: &str,
    sprint: Option<&str>,
    since_arg: Option<&str>,
    format: ReportFormat,
    out: Output,
) -> Result<(), CliError> {
    let s = session::open(board)?;
    let b = &s.board;
    let tz = TimeZone::system();
    let today = s.ctx.today();
    match kind {
        "velocity" => {
            let from = since_arg.map(|v| since(Some(v), s.ctx.now)).transpose()?;
            let rows: Vec<report::Velocity> = report::velocity(b)
                .into_iter()
                .filter(|v| {
                    from.is_none_or(|f| {
                        b.file
                            .sprints
                            .iter()
                            .find(|sp| sp.name == v.sprint)
                            .and_then(|sp| sp.started_at)
                            .is_none_or(|t| t >= f)
                    })
                })
                .collect();
            match format {
                ReportFormat::Json => return out.json(&rows),
                ReportFormat::Svg => return out.svg(crate::interop::chart::velocity(&rows)),
                ReportFormat::Text => out.text()?,
            }
            if rows.is_empty() {
                println!(
                    "No sprint has started yet: velocity needs a started sprint (`sprintboard sprint start NAME`)."
                );
                return Ok(());
            }
            let max = rows.iter().map(|r| r.committed.max(r.completed)).max().unwrap_or(0);
            let name_w = rows.iter().map(|r| crate::text::width(&r.sprint)).max().unwrap_or(6);
            for r in &rows {
                println!(
                    "{}  {:<7} committed {:>4}  {}",
                    crate::text::fit(&r.sprint, name_w),
                    r.state,
                    r.committed,
                    bar(r.committed, max, 40)
                );
                println!(
                    "{}  {:<7} completed {:>4}  {}",
                    " ".repeat(name_w),
                    "",
                    r.completed,
                    bar(r.completed, max, 40)
                );
            }
            if let Some((avg, n)) = report::recent_velocity(b) {
                let over = if n == 1 {
                    "the last closed sprint".to_owned()
                } else {
                    format!("average of the last {n} closed sprints")
                };
                println!("\nVelocity: {} completed ({over})", crate::text::count(avg as usize, "point", "points"));
            }
        }
        "burndown" => {
            let sp = match sprint {
                Some(name) => {
                    b.file.find_sprint(name).ok_or_else(|| CliError::refused(format!("no sprint named {name:?}")))?
                }
                None => b
                    .file
                    .active_sprint()
                    .ok_or_else(|| CliError::refused("no sprint is active: name one with --sprint"))?,
            };
            let days = report::burndown(b, sp, today, &tz).ok_or_else(|| {
                CliError::refused(format!("sprint {} has no start date (`sprintboard sprint start` sets one)", sp.name))
            })?;
            match format {
                ReportFormat::Json => return out.json(&days),
                ReportFormat::Svg => return out.svg(crate::interop::chart::burndown(&sp.name, &days)),
                ReportFormat::Text => out.text()?,
            }
            let max = days.iter().map(|d| d.remaining.unwrap_or(0).max(d.ideal)).max().unwrap_or(0);
            println!(
                "{}: points left at the end of each day (· the ideal line ahead, │ within the bar when behind, - a day to come)",
                sp.name
            );
            let mut scope = days.first().and_then(|d| d.scope);
            for d in &days {
                // A story added, removed or re-estimated during the sprint: a scope change
                // that day.
                let change = match (scope, d.scope) {
                    (Some(before), Some(now)) if now != before => format!("  (scope {:+})", now as i64 - before as i64),
                    _ => String::new(),
                };
                scope = d.scope.or(scope);
                let mut line: Vec<char> = bar(d.remaining.unwrap_or(0), max, 40).chars().collect();
                let ideal = (d.ideal as usize * 40).div_ceil(max.max(1) as usize).min(40);
                // The ideal line shows beyond the bar (work ahead of it) or inside it (behind).
                if ideal > 0 {
                    line.resize(line.len().max(ideal), ' ');
                    line[ideal - 1] = if line[ideal - 1] == ' ' { '·' } else { '│' };
                }
                let line: String = line.into_iter().collect();
                let left = d.remaining.map_or("-".to_owned(), |r| r.to_string());
                let carried = match d.carried_over {
                    Some(0) => "  (closed: all done)".to_owned(),
                    Some(n) => format!("  (closed: {n} carried over)"),
                    None => String::new(),
                };
                println!("{}  {left:>4}  {}{change}{carried}", d.date, line.trim_end());
            }
        }
        "standup" => {
            let from = since(since_arg, s.ctx.now)?;
            let people = report::standup(b, from, &|_| true);
            match format {
                ReportFormat::Json => return out.json(&people),
                ReportFormat::Svg => return Err(CliError::bad("the standup has no chart: --format text or json")),
                ReportFormat::Text => out.text()?,
            }
            print!("{}", report::standup_text(&people, from));
        }
        other => return Err(CliError::bad(format!("unknown report {other:?}"))),
    }
    s.end();
    Ok(())
}

/// `report forecast`: when each story and epic is likely done, from the closed sprints.
pub fn forecast(
    board: Option<&Path>,
    epic: Option<&str>,
    runs: usize,
    seed: u64,
    format: ReportFormat,
    out: Output,
) -> Result<(), CliError> {
    let s = session::open(board)?;
    let b = &s.board;
    if runs == 0 || runs > 1_000_000 {
        return Err(CliError::bad("--runs: from 1 to 1,000,000"));
    }
    let epic_id = epic.map(|e| b.resolve_epic(e)).transpose()?;
    let mut f = report::forecast(b, runs, seed).map_err(|e| CliError::refused(e.to_string()))?;
    if let Some(id) = &epic_id {
        let name = b.file.epic(id).map(|e| e.name.clone()).unwrap_or_default();
        f.stories.retain(|st| b.story(&st.key).is_some_and(|s| s.epic.as_deref() == Some(id.as_str())));
        f.epics.retain(|e| e.epic == name);
    }
    match format {
        ReportFormat::Json => return out.json(&f),
        ReportFormat::Svg => return out.svg(crate::interop::chart::forecast(&f)),
        ReportFormat::Text => out.text()?,
    }
    let history: Vec<String> = f.history.iter().map(u32::to_string).collect();
    println!(
        "{} simulated futures over the completed points of the last {} closed sprints ({}).",
        f.runs,
        f.history.len(),
        history.join(", ")
    );
    println!("{}", counted_sprints(b, &f.sprints));
    println!("Done by the end of the sprint named, in 50 / 85 / 95 % of them:\n");
    let name = |s: &report::ForecastSprint| if s.projected { format!("{}*", s.name) } else { s.name.clone() };
    let odds = f.stories.iter().map(|s| &s.odds).chain(f.epics.iter().map(|e| &e.odds));
    let w = odds
        .flat_map(|o| [&o.p50_sprint, &o.p85_sprint, &o.p95_sprint])
        .map(|s| crate::text::width(&name(s)))
        .max()
        .unwrap_or(0)
        .clamp(9, 24);
    let when = |o: &report::Odds| {
        let date = o.p85_date.map(|d| format!("  (85 %: {d})")).unwrap_or_default();
        let [a, b, c] = [&o.p50_sprint, &o.p85_sprint, &o.p95_sprint].map(|s| crate::text::fit(&name(s), w));
        format!("{a} {b} {c}{date}")
    };
    let heading = |what: &str, before: usize| {
        let [a, b, c] = ["50 %", "85 %", "95 %"].map(|h| crate::text::fit(h, w));
        println!("{}", format!("{} {a} {b} {c}", crate::text::fit(what, before)).trim_end());
    };
    if !f.epics.is_empty() {
        heading("Epics", 26);
        for e in &f.epics {
            println!("  {:<24} {}", crate::text::fit(&e.epic, 24), when(&e.odds));
        }
        println!();
    }
    heading("Stories, in plan order", 43);
    for st in &f.stories {
        let title = b.story(&st.key).map_or("", |s| s.title.as_str());
        println!("  {:<10} {:<30} {}", st.key, crate::text::fit(title, 30), when(&st.odds));
    }
    s.end();
    Ok(())
}

/// What the forecast counts in: the active sprint (or the first planned one), the planned
/// ones, and how the sprints after them are projected.
fn counted_sprints(b: &crate::domain::Board, sprints: &[report::ForecastSprint]) -> String {
    let planned: Vec<&str> = sprints.iter().filter(|s| !s.projected).map(|s| s.name.as_str()).collect();
    let active = b.file.active_sprint().map(|s| s.name.as_str());
    let open = match (active, planned.split_first()) {
        (_, None) => "No sprint is active or planned.".to_owned(),
        (Some(a), Some((first, rest))) if a == *first => match rest {
            [] => format!("{a} is the active sprint."),
            [one] => format!("{a} is the active sprint, then {one} is planned."),
            [one, two] => format!("{a} is the active sprint, then {one} and {two} are planned."),
            more => {
                format!("{a} is the active sprint, then {} planned sprints up to {}.", more.len(), more[more.len() - 1])
            }
        },
        (_, Some((first, rest))) => match rest {
            [] => format!("No sprint is active: the count starts with {first}, the one planned."),
            more => format!(
                "No sprint is active: the count starts with {first}, then {} more planned up to {}.",
                more.len(),
                more[more.len() - 1]
            ),
        },
    };
    if !sprints.iter().any(|s| s.projected) {
        return open;
    }
    let length = b.file.sprint_length();
    format!(
        "{open} Sprints marked * are projected: not planned yet, {length} working days each, starting the first working day after the one before."
    )
}

/// `report html --output DIR`: the status page, `DIR/index.html`.
pub fn html(board: Option<&Path>, dir: Option<&Path>) -> Result<(), CliError> {
    let Some(dir) = dir else {
        return Err(CliError::bad("report html needs --output DIR: the directory to write index.html into"));
    };
    let s = session::open(board)?;
    let page = crate::interop::status_page::render(&s.board, s.ctx.now, s.ctx.today(), &TimeZone::system())
        .map_err(CliError::refused)?;
    std::fs::create_dir_all(dir).map_err(|e| CliError::bad(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join("index.html");
    // Text for people, like what is printed: controls and bidi controls shown as escapes.
    replace_file(&path, crate::text::visible(&page).as_bytes())?;
    println!("Wrote {}", path.display());
    s.end();
    Ok(())
}

/// Writes `bytes` to `path` as a new file that takes the place of whatever is there, atomically.
/// A symbolic link there is replaced, never followed: a link planted in the directory a page is
/// published from (committed to the repository, say) must not make the report write where it
/// points.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    use std::io::Write;
    let err = |e: std::io::Error| CliError::bad(format!("cannot write {}: {e}", path.display()));
    if let Ok(m) = std::fs::symlink_metadata(path) {
        if m.is_dir() {
            return Err(CliError::bad(format!("cannot write {}: it is a directory", path.display())));
        }
        // Removed first, so that the new file is made afresh rather than given the link's
        // permissions (the atomic writer keeps those of what it replaces).
        if !m.is_file() {
            std::fs::remove_file(path).map_err(err)?;
        }
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(err)?;
    file.write_all(bytes).map_err(err)?;
    file.commit().map_err(err)
}
