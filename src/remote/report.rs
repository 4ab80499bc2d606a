//! A sync's report in words: one line for each thing done, then the conflicts with the way
//! to take GitHub's. The CLI prints it; the TUI puts it on its status line.

use crate::remote::sync::Report;

/// The report, one line for each thing done, then the conflicts with the way to take GitHub's.
pub fn render(repo: &str, r: &Report, dry_run: bool) -> String {
    let mut out = String::new();
    let mut line = |l: String| {
        out.push_str(&l);
        out.push('\n');
    };
    let n = |n: u64| if n == 0 { "a new issue".to_owned() } else { format!("#{n}") };
    for (key, number) in &r.brought_in {
        line(format!("{key} ← #{number}: brought in"));
    }
    for (key, number) in &r.relinked {
        line(format!("{key} = #{number}: linked to the issue published for it"));
    }
    for (key, number, fields) in &r.pulled {
        line(format!("{key} ← #{number}: {}", fields.join(", ")));
    }
    for (key, number, fields) in &r.pushed {
        line(format!("{key} → #{number}: {}", fields.join(", ")));
    }
    for (key, number) in &r.published {
        line(format!("{key} → {}: published", n(*number)));
    }
    for name in &r.sprints_created {
        line(format!("sprint {name:?} made from its milestone"));
    }
    for name in &r.milestones_created {
        line(format!("milestone {name:?} made from its sprint"));
    }
    if r.comments_in + r.comments_out > 0 {
        line(format!("comments: {} from GitHub, {} to GitHub", r.comments_in, r.comments_out));
    }
    for s in &r.skipped {
        line(format!("left alone: {s}"));
    }
    for c in &r.conflicts {
        line(format!(
            "{} (#{}) {}: changed on both sides, the board's kept: here {:?}, on GitHub {:?} \
             (`sprintboard remote sync --take-theirs {}.{}` takes GitHub's)",
            c.key, c.number, c.field, c.ours, c.theirs, c.key, c.field
        ));
    }
    if r.is_quiet() && r.conflicts.is_empty() && r.skipped.is_empty() {
        line(format!("Nothing to do: the board is in step with {repo}"));
    } else if dry_run {
        line("Dry run: nothing was changed on the board or on GitHub".to_owned());
    }
    out
}
