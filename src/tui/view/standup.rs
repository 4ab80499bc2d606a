//! View 6: the standup, one person at a time: what they moved since the last standup, what is in
//! progress, what is blocked, and how long they have had the floor.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::report;
use crate::tui::state::App;

/// After this long, the timer turns to the warning colour: time to wrap up.
const TIMEBOX_SECS: u64 = 120;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let Some(since) = app.standup.since else {
        frame.render_widget(Paragraph::new("Press 6 to start the standup.").block(Block::bordered()), body);
        return;
    };
    let people = report::standup(app.board(), since);
    let when = since.to_zoned_datetime(app.tz.clone()).strftime("%a %m-%d %H:%M");
    let Some(p) = people.get(app.standup.person) else {
        let text = vec![Line::styled(
            format!("Nothing moved since {when}, and nothing is in progress or blocked."),
            t.muted(),
        )];
        frame.render_widget(Paragraph::new(text).block(Block::bordered().title(" Standup ")), body);
        return;
    };
    let s = app.standup.seconds;
    let timer = format!(" {:02}:{:02} ", s / 60, s % 60);
    let timer_style = if s >= TIMEBOX_SECS { t.warn() } else { t.accent() };
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::raw(" Standup since "),
            Span::styled(when.to_string(), t.muted()),
            Span::raw(" "),
        ]))
        .title(
            Line::from(vec![
                Span::styled(format!(" {} ", p.name), t.accent()),
                Span::styled(format!("({} of {})", app.standup.person + 1, people.len()), t.muted()),
                Span::styled(timer, timer_style),
            ])
            .alignment(Alignment::Right),
        )
        .title_bottom(
            Line::styled(" ← previous · → next person (the timer starts again) ", t.muted())
                .alignment(Alignment::Right),
        );
    let mut lines = Vec::new();
    for (heading, items, empty) in [
        ("Moved since the last standup", &p.moved, "nothing moved"),
        ("In progress", &p.in_progress, "nothing in progress"),
        ("Blocked", &p.blocked, "nothing blocked"),
    ] {
        lines.push(Line::styled(
            heading,
            if heading == "Blocked" && !items.is_empty() { t.blocked() } else { t.accent() },
        ));
        if items.is_empty() {
            lines.push(Line::styled(format!("  {empty}"), t.muted()));
        }
        for item in items {
            lines.push(Line::raw(format!("  {item}")));
        }
        lines.push(Line::raw(""));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), body);
}
