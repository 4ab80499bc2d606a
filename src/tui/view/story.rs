//! View 3: one story, every field edited in place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::fields;
use crate::tui::layout;
use crate::tui::state::{App, Field};

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let Some(editor) = &app.editor else {
        let text = vec![
            Line::styled("No story is open.", t.accent()),
            Line::raw(""),
            Line::raw("Select a story on the Board (1) or in Planning (2) and press e or 3 to edit it here,"),
            Line::raw("or E to edit it in your $EDITOR."),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).block(Block::bordered()), body);
        return;
    };
    let Some(story) = app.board().story(&editor.key) else { return };
    let places = layout::story(body);
    let board = app.board();
    let status = board.file.column(&story.status).map_or(story.status.as_str(), |c| c.name.as_str());
    let about = format!(" · {} · {status} · {}", story.kind.label(), board.list_name(story.sprint.as_deref()));
    let hint = format!(" ·{}", hints(app, editor.editing.is_some()).trim_end());
    let width = |s: &str| crate::text::width(s);
    let full = places.header.width as usize;
    // A story linked to an issue of the board's remote: its number after the key, and when
    // this clone last synced after the story's place, both before the hint.
    let linked = app.linked_issue(story);
    let issue = linked.map(|(_, n)| format!(" #{n}")).filter(|i| width(&story.key) + width(i) <= full);
    let issue = issue.unwrap_or_default();
    let lead = width(&story.key) + width(&issue);
    let origin = match linked {
        Some((remote, _)) => {
            let synced = format!(" · {}", synced_at(app, &remote.repo));
            if lead + width(&about) + width(&synced) <= full { synced } else { String::new() }
        }
        None => {
            // The origin gets what the key, the story's place and the hint leave: a long one
            // is cut, never the hint.
            let room = full.saturating_sub(lead + width(&about) + width(&hint));
            let origin = story.origin.as_ref().map(|o| format!(" · from {}", o.id)).unwrap_or_default();
            if width(&origin) <= room || room >= 16 { crate::text::truncate(&origin, room) } else { String::new() }
        }
    };
    // Too narrow for all of it: the hint's first keys, whole, as many as fit.
    let hint_room = full.saturating_sub(lead + width(&about) + if linked.is_some() { width(&origin) } else { 0 });
    let mut hint_fits = String::new();
    for key in hint.trim_start_matches(" ·").split(" · ") {
        let more = format!("{hint_fits} · {}", key.trim());
        if width(&more) > hint_room {
            break;
        }
        hint_fits = more;
    }
    let about_room = full.saturating_sub(lead);
    let header = Line::from(vec![
        Span::styled(story.key.clone(), t.accent()),
        Span::styled(issue, t.accent()),
        Span::raw(crate::text::truncate(&about, about_room)),
        Span::raw(origin),
        Span::styled(hint_fits, t.muted()),
    ]);
    frame.render_widget(Paragraph::new(header), places.header);
    // Each column of numbers (RICE, WSJF) under its name and score.
    let score = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"));
    for spec in fields::FIELDS.iter().filter(|s| s.place.group == fields::Group::Scores) {
        let title = format!("{}  {}", spec.label, score(fields::score(story, spec.field)));
        frame.render_widget(Paragraph::new(Line::styled(title, t.accent())), places.score_title(spec.place.row));
    }
    // What another process put in the field being edited, shown beside it until saving asks.
    let theirs = editor.editing.as_ref().and_then(|e| e.theirs.as_deref());
    for (i, (field, area)) in editor.fields.iter().enumerate() {
        let (label, input) = &field.places(&places);
        let focused = i == editor.focus;
        let editing = focused && editor.editing.is_some();
        let label_style = if focused { t.accent() } else { Style::new() };
        let theirs = theirs.filter(|_| focused);
        if field.multiline() {
            let mut title = vec![Span::styled(field.label(), label_style)];
            if let Some(theirs) = theirs {
                let first = theirs.lines().next().unwrap_or_default();
                title.push(Span::styled(format!(" · theirs: {}", crate::text::truncate(first, 30)), t.warn()));
            }
            let block =
                Block::bordered().title(Line::from(title)).border_style(if focused { t.focused() } else { t.muted() });
            frame.render_widget(block, *label);
            if editing {
                frame.render_widget(area, *input);
            } else {
                // Read, a long text wraps to the pane; edited, it is the text area.
                let text = area.lines().join("\n");
                frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), *input);
            }
        } else {
            let mark = if focused { "▸" } else { " " };
            // A label cut by a narrow layout ends in `…` (`Confiden…`), never mid-word bare.
            let text = crate::text::truncate(&format!("{mark}{}", field.label()), label.width as usize);
            let name = match field {
                Field::Whole(fields::Field::Blocked) if story.blocked.is_some() => Span::styled(text, t.blocked()),
                _ => Span::styled(text, label_style),
            };
            frame.render_widget(Paragraph::new(Line::from(name)), *label);
            match theirs {
                Some(theirs) => {
                    let [mine, other] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(*input);
                    frame.render_widget(area, mine);
                    let text = format!(" theirs: {}", crate::text::truncate(theirs, other.width as usize));
                    frame.render_widget(
                        Paragraph::new(crate::text::truncate(&text, other.width as usize)).style(t.warn()),
                        other,
                    );
                }
                None if editing => frame.render_widget(area, *input),
                // Browsed, a value shows its beginning, cut with `…` when it does not fit (the
                // text area would scroll to its end, where its cursor is).
                None => frame.render_widget(Paragraph::new(browsed(area, focused, input.width)), *input),
            }
        }
    }
    activity(app, frame, story, &places);
    links(app, frame, story, places.links);
}

/// A one-line field's value as browsed: its beginning, `…` at the end when it is cut; empty,
/// what it takes. The focused field's value shows selected, as it is when editing starts.
fn browsed(area: &ratatui_textarea::TextArea, focused: bool, width: u16) -> Line<'static> {
    let width = width as usize;
    match area.lines().first().filter(|v| !v.is_empty()) {
        Some(value) => {
            let style = if focused && area.is_selecting() {
                Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
            } else {
                area.style()
            };
            Line::styled(crate::text::truncate(value, width), style)
        }
        None => Line::styled(
            crate::text::truncate(area.placeholder_text(), width),
            area.placeholder_style().unwrap_or_default(),
        ),
    }
}

/// The keys of the moment: browsing, how to edit and leave; editing, how to save.
fn hints(app: &App, editing: bool) -> String {
    use crate::tui::action::Action;
    use crate::tui::keymap::Context;
    if editing {
        super::popup::footer(
            app,
            Context::Field,
            &[(Action::NextField, "saves, next field"), (Action::Cancel, "saves")],
        )
    } else {
        super::popup::footer(
            app,
            Context::Story,
            &[(Action::Edit, "edits"), (Action::NextField, "next field"), (Action::Cancel, "back")],
        )
    }
}

/// What the story waits on that is not done yet, and what waits on it, with where each is.
fn links(app: &App, frame: &mut Frame, story: &crate::domain::Story, area: Rect) {
    let t = &app.theme;
    let board = app.board();
    let status =
        |k: &str| board.story(k).and_then(|s| board.file.column(&s.status)).map_or("gone", |c| c.name.as_str());
    let open: Vec<String> = board.open_blockers(&story.key).iter().map(|(k, c)| format!("{k} ({c})")).collect();
    let blocks: Vec<String> = board.blocks(&story.key).iter().map(|k| format!("{k} ({})", status(k))).collect();
    let mut lines = Vec::new();
    let cut = |s: String| crate::text::truncate(&s, area.width as usize);
    if !open.is_empty() {
        lines.push(Line::styled(cut(format!("  not done: {}", open.join(", "))), t.blocked()));
    }
    if !blocks.is_empty() {
        lines.push(Line::styled(cut(format!("  blocks: {}", blocks.join(", "))), t.muted()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The story's history and comments, newest first, each wrapped to the pane.
fn activity(app: &App, frame: &mut Frame, story: &crate::domain::Story, places: &layout::StoryPlaces) {
    let t = &app.theme;
    let (outer, inner) = places.activity;
    if outer.height < 3 {
        return;
    }
    let board = app.board();
    let mut items: Vec<(jiff::Timestamp, Line)> = story
        .history
        .iter()
        .map(|e| {
            let line = Line::from(vec![
                Span::styled(format!("{} {} ", e.at.strftime("%m-%d %H:%M"), e.by), t.muted()),
                Span::raw(board.describe_change(&e.change)),
            ]);
            (e.at, line)
        })
        .collect();
    items.extend(story.comments.iter().map(|c| {
        let line = Line::from(vec![
            Span::styled(format!("{} {}: ", c.at.strftime("%m-%d %H:%M"), c.by), t.accent()),
            Span::raw(c.text.replace('\n', " ")),
        ]);
        (c.at, line)
    }));
    // Newest first; a comment after the event at the same moment.
    items.sort_by_key(|item| std::cmp::Reverse(item.0));
    let count = crate::text::count(story.comments.len(), "comment", "comments");
    let block = Block::bordered().title(Line::styled(format!("History · {count}"), t.muted())).border_style(t.muted());
    frame.render_widget(block, outer);
    let lines: Vec<Line> = items.into_iter().map(|(_, l)| l).collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// When this clone last synced `repo`: `synced 09:12` today, `synced Dec 5` before; `syncing`
/// while a sync runs.
fn synced_at(app: &App, repo: &str) -> String {
    if app.syncing.as_ref().is_some_and(|r| r.eq_ignore_ascii_case(repo)) {
        return "syncing…".to_owned();
    }
    match app.synced.get(&repo.to_lowercase()) {
        None => "not synced yet".to_owned(),
        Some(at) => {
            let at = at.to_zoned_datetime(app.tz.clone());
            if at.date() == app.today {
                format!("synced {}", at.strftime("%H:%M"))
            } else {
                format!("synced {}", at.strftime("%b %-d"))
            }
        }
    }
}
