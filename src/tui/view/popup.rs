//! Popups: the help screen (drawn from the keymap in force) and the sprint picker.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::ListId;
use crate::text::{fit, truncate};
use crate::tui::action::Action;
use crate::tui::choices::{POINT_SCALE, SORTS, assign_options};
use crate::tui::keymap::Context;
use crate::tui::scroll::MESSAGES_WIDTH;
use crate::tui::state::{App, Clash, Prompt, PromptKind};

/// `" Enter creates · Esc cancels "`: the keys the keymap in force binds to these actions in a
/// context, each with what it does here (an action no key does is left out).
pub fn footer(app: &App, ctx: Context, parts: &[(Action, &str)]) -> String {
    let hints: Vec<String> = parts.iter().filter_map(|(a, words)| app.keymap.hint(ctx, a, words)).collect();
    if hints.is_empty() { String::new() } else { format!(" {} ", hints.join(" · ")) }
}

/// Clears a popup's area and the column to its left: a wide character that starts just left
/// of the popup would otherwise hide its left border.
fn clear(frame: &mut Frame, rect: Rect) {
    let x = rect.x.saturating_sub(1);
    frame.render_widget(Clear, Rect::new(x, rect.y, rect.width + (rect.x - x), rect.height));
}

/// A box of at most `w` × `h` in the middle of `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    area.centered(Constraint::Length(w.min(area.width)), Constraint::Length(h.min(area.height)))
}

pub fn help(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let t = &app.theme;
    let entries = app.keymap.help(app.view_context());
    let key_w = entries.iter().map(|(_, keys)| keys.join(" ").chars().count()).max().unwrap_or(4).min(16);
    let lines: Vec<Line> = entries
        .iter()
        .map(|(what, keys)| {
            Line::from(vec![Span::styled(fit(&keys.join(" "), key_w), t.accent()), Span::raw("  "), Span::raw(*what)])
        })
        .collect();
    let total = lines.len() as u16;
    let rect = centered(area, 72, total.saturating_add(2));
    let max_scroll = total.saturating_sub(rect.height.saturating_sub(2));
    // "↓ scrolls" only when there is something to scroll to.
    let keys: &[(Action, &str)] = if max_scroll > 0 {
        &[(Action::Cancel, "closes"), (Action::Down, "scrolls")]
    } else {
        &[(Action::Cancel, "closes")]
    };
    let block =
        Block::bordered().title(Line::styled(format!(" Keys: {} view ", app.view.title()), t.accent())).title_bottom(
            Line::styled(footer(app, Context::Help, keys) + "· keymap.ron changes them ", t.muted())
                .alignment(Alignment::Right),
        );
    clear(frame, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(max_scroll), 0)), rect);
}

/// `!`: the last messages of the status line in full, newest first.
pub fn messages(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let t = &app.theme;
    let lines = super::message_lines(app, area);
    let total = lines.len() as u16;
    let rect = centered(area, MESSAGES_WIDTH, total.saturating_add(2));
    let max_scroll = total.saturating_sub(rect.height.saturating_sub(2));
    let keys: &[(Action, &str)] = if max_scroll > 0 {
        &[(Action::Cancel, "closes"), (Action::Down, "scrolls")]
    } else {
        &[(Action::Cancel, "closes")]
    };
    let block = Block::bordered()
        .title(Line::styled(" Last messages, newest first ", t.accent()))
        .title_bottom(Line::styled(footer(app, Context::Help, keys), t.muted()).alignment(Alignment::Right));
    clear(frame, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(max_scroll), 0)), rect);
}

pub fn picker(app: &App, frame: &mut Frame, area: Rect, key: &str, options: &[ListId], selected: usize) {
    let t = &app.theme;
    let lines: Vec<Line> = options
        .iter()
        .enumerate()
        .map(|(i, list)| {
            let name = match list.as_deref().and_then(|id| app.board().file.sprint(id)) {
                Some(s) => format!("{} ({})", s.name, s.state.label()),
                None => "Backlog".to_owned(),
            };
            let points = app.list_points(list.as_deref());
            let capacity = list.as_deref().and_then(|id| app.board().file.sprint(id)).and_then(|s| s.capacity);
            let figures = match capacity {
                Some(c) if points > c => format!("{points}/{c} {}, full", crate::text::noun(c as usize, "pt", "pts")),
                Some(c) => format!("{points}/{c} {}", crate::text::noun(c as usize, "pt", "pts")),
                None => crate::text::count(points as usize, "pt", "pts"),
            };
            let text = format!(" {} ", truncate(&format!("{name} · {figures}"), 40));
            if i == selected { Line::styled(text, t.selected()) } else { Line::raw(text) }
        })
        .chain(std::iter::once({
            let text = " Before a story… (its key) ".to_owned();
            if selected == options.len() { Line::styled(text, t.selected()) } else { Line::styled(text, t.muted()) }
        }))
        .collect();
    let rect = centered(area, 46, lines.len() as u16 + 2);
    let block = Block::bordered().title(Line::styled(format!(" Move {key} to "), t.accent())).title_bottom(
        Line::styled(
            footer(app, Context::Picker, &[(Action::Confirm, "moves"), (Action::Cancel, "cancels")]),
            t.muted(),
        )
        .alignment(Alignment::Right),
    );
    let offset = selected.saturating_sub(rect.height.saturating_sub(3) as usize) as u16;
    clear(frame, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((offset, 0)), rect);
}

/// A one-line question, with what helps answer it below (the people to assign, the points scale).
pub fn prompt(app: &App, frame: &mut Frame, area: Rect, p: &Prompt) {
    let t = &app.theme;
    let board = app.board();
    let keys = |parts: &[(Action, &str)]| footer(app, Context::Prompt, parts);
    let (title, hint) = match &p.kind {
        PromptKind::NewStory { list, status } => {
            let column = board.file.column(status).map_or(status.as_str(), |c| c.name.as_str());
            (
                format!(" New story in {} · {column} ", board.list_name(list.as_deref())),
                keys(&[(Action::Confirm, "creates"), (Action::Cancel, "cancels")]),
            )
        }
        PromptKind::Blocked { key } => (
            format!(" {key} is blocked because… "),
            keys(&[(Action::Confirm, "flags it"), (Action::Cancel, "cancels")]),
        ),
        PromptKind::Points { key } => (
            format!(" Points for {key} "),
            keys(&[(Action::Down, "scale"), (Action::Confirm, "sets"), (Action::Cancel, "cancels")]),
        ),
        PromptKind::Assign { key } => (
            format!(" Assign {key} to "),
            keys(&[(Action::Down, "picks"), (Action::Confirm, "assigns"), (Action::Cancel, "cancels")]),
        ),
        PromptKind::Filter => (
            " Filter: words @person #label epic:NAME type:bug blocked: ".to_owned(),
            keys(&[(Action::Confirm, "keeps it"), (Action::Cancel, "clears it")]),
        ),
        PromptKind::MoveBefore { key } => {
            (format!(" Move {key} before (a key) "), keys(&[(Action::Confirm, "moves"), (Action::Cancel, "cancels")]))
        }
        PromptKind::Jump => (
            " Go to story (key, any case, prefix optional) ".to_owned(),
            keys(&[(Action::Confirm, "goes"), (Action::Cancel, "cancels")]),
        ),
        PromptKind::NewSprint => {
            let next = board.next_sprint(app.today, app.velocity());
            let dates = match (next.start, next.end) {
                (Some(s), Some(e)) => format!(" {s} – {e}"),
                _ => String::new(),
            };
            (format!(" New sprint{dates} "), keys(&[(Action::Confirm, "plans it"), (Action::Cancel, "cancels")]))
        }
        PromptKind::RenameEpic { id } => (
            format!(" Rename epic {} ", board.file.epic(id).map_or(id.as_str(), |e| e.name.as_str())),
            keys(&[(Action::Confirm, "renames it"), (Action::Cancel, "cancels")]),
        ),
        PromptKind::SprintField { id, field } => (
            format!(" {}: {} ", board.list_name(Some(id)), field.label()),
            keys(&[(Action::Confirm, "sets it, next"), (Action::Cancel, "stops")]),
        ),
    };
    let theirs = p.edits.as_ref().and_then(|e| e.theirs.as_deref()).map(|theirs| {
        Line::styled(format!("theirs: {} (changed elsewhere; Enter asks)", truncate(theirs, 30)), t.warn())
    });
    let extra: Vec<Line> = theirs
        .into_iter()
        .chain(match &p.kind {
            PromptKind::Points { .. } => {
                let scale: Vec<String> = POINT_SCALE.iter().map(|n| n.to_string()).collect();
                vec![Line::styled(format!("scale: {}", scale.join(" ")), t.muted())]
            }
            PromptKind::Assign { .. } => assign_options(app.board(), &app.user, &p.text())
                .iter()
                .take(8)
                .enumerate()
                .map(|(i, who)| {
                    let name = who.as_deref().map_or_else(|| "(nobody: unassign)".to_owned(), |w| format!("@{w}"));
                    if p.selected == Some(i) {
                        Line::styled(format!(" {name} "), t.selected())
                    } else {
                        Line::raw(format!(" {name} "))
                    }
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let rect = centered(area, 64, 3 + extra.len() as u16);
    clear(frame, rect);
    let block = Block::bordered()
        .title(Line::styled(title, t.accent()))
        .title_bottom(Line::styled(hint, t.muted()).alignment(Alignment::Right));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let input = Rect::new(inner.x, inner.y, inner.width, 1.min(inner.height));
    frame.render_widget(&p.input, input);
    if inner.height > 1 {
        let rest = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
        frame.render_widget(Paragraph::new(extra), rest);
    }
}

pub fn confirm_delete(app: &App, frame: &mut Frame, area: Rect, key: &str) {
    let t = &app.theme;
    let title = app.board().story(key).map(|s| s.title.clone()).unwrap_or_default();
    let rect = centered(area, 60, 3);
    clear(frame, rect);
    let block = Block::bordered().title(Line::styled(format!(" Delete {key}? "), t.warn())).title_bottom(
        Line::styled(
            footer(app, Context::Confirm, &[(Action::Confirm, "deletes"), (Action::Cancel, "keeps it")])
                + &app
                    .keymap
                    .hint(app.view_context(), &Action::Undo, "undoes ")
                    .map(|h| format!("· {h}"))
                    .unwrap_or_default(),
            t.muted(),
        )
        .alignment(Alignment::Right),
    );
    let text = truncate(&format!("\"{title}\""), rect.width.saturating_sub(2) as usize);
    frame.render_widget(Paragraph::new(text).block(block), rect);
}

/// "Create epic Checkout?", asked when the Story view's Epic field names no epic.
pub fn confirm_new_epic(app: &App, frame: &mut Frame, area: Rect, key: &str, name: &str) {
    let t = &app.theme;
    let rect = centered(area, 64, 3);
    clear(frame, rect);
    let title = format!(" Create epic {}? ", truncate(&format!("\"{name}\""), 40));
    let block = Block::bordered().title(Line::styled(title, t.warn())).title_bottom(
        Line::styled(
            footer(app, Context::Confirm, &[(Action::Confirm, "creates it"), (Action::Cancel, "back to the field")]),
            t.muted(),
        )
        .alignment(Alignment::Right),
    );
    let n = app.board().file.epics.len();
    let text = if n == 0 {
        format!("{key} goes in it; it is the board's first epic.")
    } else {
        format!("No epic has that name ({} so far); {key} goes in it.", crate::text::count(n, "epic", "epics"))
    };
    frame.render_widget(Paragraph::new(truncate(&text, rect.width.saturating_sub(2) as usize)).block(block), rect);
}

/// "Close Sprint 4?", saying where its unfinished stories go.
pub fn confirm_close(app: &App, frame: &mut Frame, area: Rect, id: &str) {
    let t = &app.theme;
    let name = app.board().list_name(Some(id));
    // Where closing carries them, by the domain's rule: what the popup says is what happens.
    let board = app.board();
    let to = board.list_name(board.carry_over_to(id).as_deref());
    let unfinished = board.unfinished_in(id).len();
    let rect = centered(area, 64, 3);
    clear(frame, rect);
    let block = Block::bordered().title(Line::styled(format!(" Close {name}? "), t.warn())).title_bottom(
        Line::styled(
            footer(app, Context::Confirm, &[(Action::Confirm, "closes"), (Action::Cancel, "keeps it open")]),
            t.muted(),
        )
        .alignment(Alignment::Right),
    );
    let text = if unfinished == 0 {
        "Every story in it is done.".to_owned()
    } else {
        let verb = if unfinished == 1 { "goes" } else { "go" };
        format!(
            "{} {verb} to the top of {to}.",
            crate::text::count(unfinished, "unfinished story", "unfinished stories")
        )
    };
    frame.render_widget(Paragraph::new(truncate(&text, rect.width.saturating_sub(2) as usize)).block(block), rect);
}

pub fn sort(app: &App, frame: &mut Frame, area: Rect, list: &ListId, selected: usize) {
    let t = &app.theme;
    let lines: Vec<Line> = SORTS
        .iter()
        .map(|s| s.label())
        .enumerate()
        .map(|(i, name)| {
            let text = format!(" {name} ");
            if i == selected { Line::styled(text, t.selected()) } else { Line::raw(text) }
        })
        .collect();
    let rect = centered(area, 46, lines.len() as u16 + 2);
    clear(frame, rect);
    let block = Block::bordered()
        .title(Line::styled(format!(" Order {} by ", app.board().list_name(list.as_deref())), t.accent()))
        .title_bottom(
            Line::styled(
                footer(app, Context::Picker, &[(Action::Confirm, "orders"), (Action::Cancel, "cancels")]),
                t.muted(),
            )
            .alignment(Alignment::Right),
        );
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// "Title was changed elsewhere": mine and theirs, and the keys that choose.
pub fn clash(app: &App, frame: &mut Frame, area: Rect, clash: &Clash) {
    let t = &app.theme;
    let rect = centered(area, 64, 4);
    clear(frame, rect);
    // Narrow, the keys say less, so that every one of them shows.
    let keys: [(Action, &str); 3] = if rect.width >= 50 {
        [(Action::KeepMine, "keeps mine"), (Action::TakeTheirs, "takes theirs"), (Action::Cancel, "back")]
    } else {
        [(Action::KeepMine, "mine"), (Action::TakeTheirs, "theirs"), (Action::Cancel, "back")]
    };
    let title = format!(" {} {} changed elsewhere ", clash.key, clash.field);
    let block = Block::bordered()
        .title(Line::styled(truncate(&title, rect.width.saturating_sub(2) as usize), t.warn()))
        .title_bottom(Line::styled(footer(app, Context::Clash, &keys), t.muted()).alignment(Alignment::Right));
    let width = rect.width.saturating_sub(10) as usize;
    let lines = vec![
        Line::from(vec![Span::styled("mine:   ", t.accent()), Span::raw(truncate(&one_line(&clash.mine), width))]),
        Line::from(vec![Span::styled("theirs: ", t.warn()), Span::raw(truncate(&one_line(&clash.theirs), width))]),
    ];
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// A value on one line: a description's line breaks shown as `⏎`.
fn one_line(s: &str) -> String {
    s.replace('\n', " ⏎ ")
}
