//! The Story view: every field of one story, edited in place. A field is saved when it is left
//! (Tab, Shift-Tab, Esc, a click elsewhere); a mistake keeps the field open and says why.

use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use super::nav::select_key;
use super::{Effect, record};
use crate::domain::{Ctx, Edit, Moscow, Op, Rice, Story, Wsjf};
use crate::tui::action::{Action, View};
use crate::tui::state::{App, Field, StoryEditor};
use crate::tui::{layout, text_field};

/// A field's text as the story holds it.
fn value(app: &App, s: &Story, field: Field) -> String {
    let rice = |f: fn(&Rice) -> f64| s.rice.as_ref().map(|r| crate::text::exact_number(f(r))).unwrap_or_default();
    let wsjf = |f: fn(&Wsjf) -> f64| s.wsjf.as_ref().map(|w| crate::text::exact_number(f(w))).unwrap_or_default();
    match field {
        Field::Title => s.title.clone(),
        Field::Points => s.points.map(|p| p.to_string()).unwrap_or_default(),
        Field::Assignee => s.assignee.clone().unwrap_or_default(),
        Field::Epic => {
            s.epic.as_deref().map(|e| app.board().file.epic(e).map_or(e, |e| &e.name).to_owned()).unwrap_or_default()
        }
        Field::Labels => s.labels.join(" "),
        Field::Moscow => s.moscow.map(|m| m.label().to_owned()).unwrap_or_default(),
        Field::Blocked => s.blocked.clone().unwrap_or_default(),
        Field::RiceReach => rice(|r| r.reach),
        Field::RiceImpact => rice(|r| r.impact),
        Field::RiceConfidence => rice(|r| r.confidence),
        Field::RiceEffort => rice(|r| r.effort),
        Field::WsjfValue => wsjf(|w| w.business_value),
        Field::WsjfTime => wsjf(|w| w.time_criticality),
        Field::WsjfRisk => wsjf(|w| w.risk_reduction),
        Field::WsjfSize => wsjf(|w| w.job_size),
        Field::Description => s.description.clone(),
        Field::Acceptance => s.acceptance.clone(),
    }
}

/// A field's text area: its value selected (typing replaces it), the cursor at its end.
fn text_area(text: &str) -> TextArea<'static> {
    text_field::new(text)
}

/// Shows the cursor and the selection in the focused field only.
fn style(editor: &mut StoryEditor) {
    for (i, (_, t)) in editor.fields.iter_mut().enumerate() {
        let shown = if i == editor.focus { Style::new().add_modifier(Modifier::REVERSED) } else { Style::new() };
        t.set_cursor_style(shown);
        t.set_selection_style(shown);
    }
}

fn editor_for(app: &App, key: &str, back: View) -> Option<StoryEditor> {
    let s = app.board().story(key)?;
    let fields = Field::ALL.iter().map(|f| (*f, text_area(&value(app, s, *f)))).collect();
    let mut e = StoryEditor { key: key.to_owned(), fields, focus: 0, back };
    style(&mut e);
    Some(e)
}

/// `e` or `3`: the selected story in the Story view (or the last one shown there).
pub(super) fn open(app: &mut App) {
    let from = app.view;
    let list_view = matches!(from, View::Board | View::Planning);
    let key = if list_view { app.selected_key() } else { None };
    let back = if list_view { from } else { app.editor.as_ref().map_or(app.last_list, |e| e.back) };
    // From a report view: the story open before, else the one selected in the list view left.
    let key = key
        .or_else(|| app.editor.as_ref().map(|e| e.key.clone()))
        .or_else(|| if list_view { None } else { app.selected_in(app.last_list) });
    app.editor = key.and_then(|k| editor_for(app, &k, back));
    app.view = View::Story;
    app.status = None;
}

/// The Story view on `key`, going back to the list view last shown.
pub(super) fn open_key(app: &mut App, key: &str) {
    let back = app.last_list;
    app.editor = editor_for(app, key, back);
    app.view = View::Story;
}

pub(super) fn action(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(editor) = app.editor.as_mut() else { return Vec::new() };
    let focus = editor.focus;
    let field = editor.fields.get(focus).map(|(f, _)| *f).unwrap_or(Field::Title);
    match action {
        Action::Type(k) if k.code == KeyCode::Enter && !field.multiline() => move_focus(app, ctx, 1),
        Action::Type(k) => {
            if let Some((_, t)) = editor.fields.get_mut(focus) {
                text_field::type_key(t, k);
            }
            Vec::new()
        }
        Action::Paste(text) => {
            if let Some((_, t)) = editor.fields.get_mut(focus) {
                // The description and acceptance criteria keep their line breaks.
                let text = if field.multiline() { text } else { text_field::one_line(&text) };
                text_field::paste(t, &text);
            }
            Vec::new()
        }
        Action::NextField => move_focus(app, ctx, 1),
        Action::PrevField => move_focus(app, ctx, -1),
        Action::Cancel => leave(app, ctx),
        Action::Quit => {
            let mut effects = commit(app, ctx).unwrap_or_default();
            effects.push(Effect::Quit);
            effects
        }
        Action::Help => {
            app.popup = Some(crate::tui::state::Popup::Help { scroll: 0 });
            Vec::new()
        }
        Action::Click { column, row } => click(app, ctx, column, row),
        _ => Vec::new(),
    }
}

fn click(app: &mut App, ctx: &mut Ctx, column: u16, row: u16) -> Vec<Effect> {
    let pos = ratatui::layout::Position::new(column, row);
    let screen = layout::screen(app.area);
    if screen.tabs.contains(pos) {
        let effects = leave(app, ctx);
        super::nav::click(app, column, row);
        return effects;
    }
    let places = layout::story(screen.body);
    let Some(target) = places.fields.iter().position(|(label, input)| label.contains(pos) || input.contains(pos))
    else {
        return Vec::new();
    };
    let current = app.editor.as_ref().map_or(0, |e| e.focus);
    move_focus(app, ctx, target as isize - current as isize)
}

fn move_focus(app: &mut App, ctx: &mut Ctx, by: isize) -> Vec<Effect> {
    match commit(app, ctx) {
        Ok(effects) => {
            if let Some(e) = app.editor.as_mut() {
                let n = e.fields.len() as isize;
                e.focus = (e.focus as isize + by).rem_euclid(n) as usize;
                // Coming to a field: its value selected, as when the view opened.
                if let Some((_, t)) = e.fields.get_mut(e.focus)
                    && !text_field::text(t).is_empty()
                {
                    t.select_all();
                }
                style(e);
            }
            effects
        }
        Err(message) => {
            app.error(message);
            Vec::new()
        }
    }
}

/// `Esc`: save the field and go back to the list; a field that cannot be saved is put back as
/// it was, and the status line says so.
fn leave(app: &mut App, ctx: &mut Ctx) -> Vec<Effect> {
    let effects = match commit(app, ctx) {
        Ok(effects) => effects,
        Err(message) => {
            app.error(format!("{message}: not saved"));
            Vec::new()
        }
    };
    if let Some(e) = app.editor.take() {
        app.view = e.back;
        select_key(app, &e.key);
    }
    effects
}

fn parse_number(field: Field, text: &str) -> Result<Option<f64>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        _ => Err(format!("{}: {text:?} is not a number of 0 or more", field.label())),
    }
}

/// The edit the focused field asks for. `Ok(None)`: nothing to save yet (RICE or WSJF with
/// some inputs still empty).
fn field_edit(app: &App, e: &StoryEditor, field: Field) -> Result<Option<Edit>, String> {
    let text_of =
        |f: Field| e.fields.iter().find(|(g, _)| *g == f).map(|(_, t)| t.lines().join("\n")).unwrap_or_default();
    let text = text_of(field);
    let line = text.trim().to_owned();
    let opt = || (!line.is_empty()).then(|| line.clone());
    let mut edit = Edit::default();
    match field {
        Field::Title if line.is_empty() => return Err("The title cannot be empty".into()),
        Field::Title => edit.title = Some(line.clone()),
        Field::Points => {
            edit.points = Some(match opt() {
                None => None,
                Some(v) => Some(v.parse::<u32>().map_err(|_| format!("Points: {v:?} is not a whole number"))?),
            });
        }
        Field::Assignee => edit.assignee = Some(opt()),
        Field::Epic => {
            edit.epic = Some(match opt() {
                None => None,
                Some(v) => Some(app.board().file.find_epic(&v).map(|ep| ep.id.clone()).ok_or_else(|| {
                    let names: Vec<&str> = app.board().file.epics.iter().map(|ep| ep.name.as_str()).collect();
                    format!("Epic: no epic {v:?} (the epics: {})", names.join(", "))
                })?),
            });
        }
        Field::Labels => edit.labels = Some(line.split_whitespace().map(str::to_owned).collect()),
        Field::Moscow => {
            edit.moscow = Some(match opt() {
                None => None,
                Some(v) => {
                    Some(Moscow::parse(&v).ok_or_else(|| format!("MoSCoW: {v:?} is not must, should, could or wont"))?)
                }
            });
        }
        Field::Blocked => edit.blocked = Some(opt()),
        Field::RiceReach | Field::RiceImpact | Field::RiceConfidence | Field::RiceEffort => {
            let v = [Field::RiceReach, Field::RiceImpact, Field::RiceConfidence, Field::RiceEffort]
                .map(|f| parse_number(f, text_of(f).trim()));
            let mut nums = [None; 4];
            for (slot, parsed) in nums.iter_mut().zip(v) {
                *slot = parsed?;
            }
            edit.rice = Some(match nums {
                [None, None, None, None] => None,
                [Some(reach), Some(impact), Some(confidence), Some(effort)] => {
                    Some(Rice { reach, impact, confidence, effort })
                }
                _ => return Ok(None),
            });
        }
        Field::WsjfValue | Field::WsjfTime | Field::WsjfRisk | Field::WsjfSize => {
            let v = [Field::WsjfValue, Field::WsjfTime, Field::WsjfRisk, Field::WsjfSize]
                .map(|f| parse_number(f, text_of(f).trim()));
            let mut nums = [None; 4];
            for (slot, parsed) in nums.iter_mut().zip(v) {
                *slot = parsed?;
            }
            edit.wsjf = Some(match nums {
                [None, None, None, None] => None,
                [Some(business_value), Some(time_criticality), Some(risk_reduction), Some(job_size)] => {
                    Some(Wsjf { business_value, time_criticality, risk_reduction, job_size })
                }
                _ => return Ok(None),
            });
        }
        Field::Description => edit.description = Some(text.trim_end().to_owned()),
        Field::Acceptance => edit.acceptance = Some(text.trim_end().to_owned()),
    }
    Ok(Some(edit))
}

/// Saves the focused field if it changed. `Err`: it cannot be saved, and why.
fn commit(app: &mut App, ctx: &mut Ctx) -> Result<Vec<Effect>, String> {
    let Some(e) = app.editor.clone() else { return Ok(Vec::new()) };
    let Some((field, _)) = e.fields.get(e.focus).cloned() else { return Ok(Vec::new()) };
    let Some(edit) = field_edit(app, &e, field)? else {
        app.info(format!(
            "{}: fill in all four inputs to save them",
            if matches!(field, Field::RiceReach | Field::RiceImpact | Field::RiceConfidence | Field::RiceEffort) {
                "RICE"
            } else {
                "WSJF"
            }
        ));
        return Ok(Vec::new());
    };
    let before = app.board().story(&e.key).cloned().map(Box::new);
    let op = Op::Edit { key: e.key.clone(), edit: Box::new(edit.clone()), before };
    let changes = app.apply(|b| b.edit_story(&e.key, edit, ctx)).map_err(|err| err.to_string())?;
    // Show the field as stored (labels de-duplicated, numbers tidied).
    if let Some(story) = app.board().story(&e.key).cloned() {
        let text = value(app, &story, field);
        if let Some(editor) = app.editor.as_mut()
            && let Some((_, t)) = editor.fields.get_mut(editor.focus)
            && text_field::text(t) != text
        {
            *t = text_area(&text);
        }
        if let Some(editor) = app.editor.as_mut() {
            style(editor);
        }
    }
    let label = format!("{}: {} saved", e.key, field.label());
    Ok(record(app, label, changes, Some(op)))
}

/// After the board was read again. When the open story changed elsewhere, its fields show what
/// is on disk now, except the field being typed in, which keeps what was typed (leaving it
/// saves that one field over the fresh story). A story deleted elsewhere closes the view.
pub fn reload_editor(app: &mut App, changed: bool, removed: &[String]) {
    let Some(e) = app.editor.clone() else { return };
    if removed.contains(&e.key) || app.board().story(&e.key).is_none() {
        app.editor = None;
        if app.view == View::Story {
            app.view = e.back;
        }
        app.error(format!("{} was deleted elsewhere", e.key));
        return;
    }
    if !changed {
        return;
    }
    if let Some(mut fresh) = editor_for(app, &e.key, e.back) {
        fresh.focus = e.focus.min(fresh.fields.len().saturating_sub(1));
        if let (Some(slot), Some(typing)) = (fresh.fields.get_mut(fresh.focus), e.fields.get(e.focus)) {
            *slot = typing.clone();
        }
        style(&mut fresh);
        app.editor = Some(fresh);
    }
}
