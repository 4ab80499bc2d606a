//! Editing a field of the Story view: keys typed into it; leaving it saves it, or says why not.

use ratatui::crossterm::event::KeyCode;

use super::focus::{focus_by, start_editing};
use crate::domain::{Ctx, Edit, Move, Op, fields};
use crate::tui::action::{Action, View};
use crate::tui::layout;
use crate::tui::state::{App, Clash, Field, FieldStep, Popup, StoryEditor};
use crate::tui::text_field;
use crate::tui::update::story_fields::{style, text_area, value};
use crate::tui::update::{Effect, record};

/// Editing the focused field: keys are typed into it; `Tab`, `Shift-Tab`, `Esc` (and `Enter` in
/// a one-line field) save it.
pub(super) fn editing(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(editor) = app.editor.as_mut() else { return Vec::new() };
    let focus = editor.focus;
    let field = editor.fields.get(focus).map(|(f, _)| *f).unwrap_or(Field::Whole(fields::Field::Title));
    match action {
        Action::Type(k) if k.code == KeyCode::Enter && !field.multiline() => finish(app, ctx, FieldStep::Stop),
        // The Epic field: ↑ / ↓ step through the board's epics (and none), to pick one.
        Action::Type(k)
            if field == Field::Whole(fields::Field::Epic) && matches!(k.code, KeyCode::Up | KeyCode::Down) =>
        {
            let names: Vec<String> = app.board().file.epics.iter().map(|e| e.name.clone()).collect();
            if let Some(e) = app.editor.as_mut()
                && let Some((_, t)) = e.fields.get_mut(focus)
            {
                let typed = text_field::text(t);
                let at = names.iter().position(|n| n.eq_ignore_ascii_case(typed.trim()));
                // The choices in a ring: none, then each epic.
                let ring = names.len() + 1;
                let now = at.map_or(0, |i| i + 1);
                let next = if k.code == KeyCode::Down { (now + 1) % ring } else { (now + ring - 1) % ring };
                let text = if next == 0 { String::new() } else { names[next - 1].clone() };
                *t = text_area(Field::Whole(fields::Field::Epic), &text);
                style(e);
            }
            Vec::new()
        }
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
        Action::NextField => finish(app, ctx, FieldStep::Focus(1)),
        Action::PrevField => finish(app, ctx, FieldStep::Focus(-1)),
        Action::Cancel => finish(app, ctx, FieldStep::Stop),
        Action::Quit => finish(app, ctx, FieldStep::Quit),
        Action::Help => {
            app.popup = Some(Popup::Help { scroll: 0 });
            Vec::new()
        }
        Action::Click { column, row } => click(app, ctx, column, row),
        _ => Vec::new(),
    }
}

/// The field being edited is left for `step`: saved, unless it was changed elsewhere meanwhile
/// to something else than what was typed, which asks first; an Epic that names no epic asks
/// whether to create it.
pub(super) fn finish(app: &mut App, ctx: &mut Ctx, step: FieldStep) -> Vec<Effect> {
    if let Some(clash) = app.editor.as_ref().and_then(|e| Clash::in_story_view(e, step)) {
        app.popup = Some(Popup::Clash(Box::new(clash)));
        return Vec::new();
    }
    if step != FieldStep::Quit
        && let Some((key, name)) = new_epic_typed(app)
    {
        app.popup = Some(Popup::ConfirmNewEpic { key, name, step });
        return Vec::new();
    }
    match commit(app, ctx, None) {
        Ok(mut effects) => {
            effects.extend(carry_on(app, step));
            effects
        }
        Err(message) if step == FieldStep::Focus(1) || step == FieldStep::Focus(-1) => {
            // Tab on a mistake: the field stays open, with what was typed.
            app.error(message);
            Vec::new()
        }
        Err(message) => {
            // Esc, Enter or quitting on a mistake: the field is put back as stored.
            app.error(format!("{message}: not saved"));
            put_back(app);
            carry_on(app, step)
        }
    }
}

/// The story and the name typed into its Epic field being edited, when no epic has that name
/// (or id).
fn new_epic_typed(app: &App) -> Option<(String, String)> {
    let e = app.editor.as_ref()?;
    e.editing.as_ref()?;
    let (field, t) = e.fields.get(e.focus)?;
    let name = text_field::text(t).trim().to_owned();
    (*field == Field::Whole(fields::Field::Epic) && !name.is_empty() && app.board().file.find_epic(&name).is_none())
        .then(|| (e.key.clone(), name))
}

/// The answer to "Create epic `name`?": yes creates it and saves the field (the story is in
/// it); no goes back to the field, with what was typed.
pub(in crate::tui::update) fn confirm_new_epic(
    app: &mut App,
    action: Action,
    ctx: &mut Ctx,
    key: &str,
    name: &str,
    step: FieldStep,
) -> Vec<Effect> {
    match action {
        Action::Confirm => {
            app.popup = None;
            let created = match app.board_mut().new_epic(name, "") {
                Ok((_, changes)) => changes,
                Err(e) => {
                    app.error(format!("Epic: {e}"));
                    return Vec::new();
                }
            };
            let said = app.messages.clone();
            let mut effects = record(app, format!("Epic {name:?} created"), created, None);
            match commit(app, ctx, None) {
                Ok(saved) => {
                    effects.extend(saved);
                    effects.extend(carry_on(app, step));
                    // One message for the two changes.
                    app.messages = said;
                    let rename = app
                        .keymap
                        .hint(crate::tui::keymap::Context::Story, &Action::RenameEpic, "renames it")
                        .map(|h| format!(" ({h})"))
                        .unwrap_or_default();
                    app.info(format!("Epic {name:?} created with {key} in it{rename}"));
                }
                Err(message) => app.error(message),
            }
            effects
        }
        Action::Quit => vec![Effect::Quit],
        Action::Scroll { .. } | Action::Paste(_) | Action::Resized { .. } => Vec::new(),
        _ => {
            app.popup = None;
            let names: Vec<&str> = app.board().file.epics.iter().map(|e| e.name.as_str()).collect();
            let known = if names.is_empty() { String::new() } else { format!(" (the epics: {})", names.join(", ")) };
            app.info(format!("No epic created: type an epic's name, or clear the field for none{known}"));
            Vec::new()
        }
    }
}

/// The focused field shows the story's value again.
pub(super) fn put_back(app: &mut App) {
    let Some(story) = app.editor.as_ref().and_then(|e| app.board().story(&e.key)).cloned() else { return };
    let Some(field) = app.editor.as_ref().and_then(|e| e.fields.get(e.focus)).map(|(f, _)| *f) else { return };
    let text = value(app, &story, field);
    if let Some(e) = app.editor.as_mut()
        && let Some((_, t)) = e.fields.get_mut(e.focus)
    {
        *t = text_area(field, &text);
        style(e);
    }
}

/// After the field was saved (or theirs taken): on to the next field, back to browsing, or out.
pub(super) fn carry_on(app: &mut App, step: FieldStep) -> Vec<Effect> {
    match step {
        FieldStep::Focus(by) => {
            if let Some(e) = app.editor.as_mut() {
                e.editing = None;
            }
            focus_by(app, by);
            start_editing(app);
        }
        FieldStep::Stop => {
            if let Some(e) = app.editor.as_mut() {
                e.editing = None;
                style(e);
            }
        }
        FieldStep::Quit => return vec![Effect::Quit],
    }
    Vec::new()
}

/// What leaving a field saves: most fields are an edit; status and sprint are a move (recorded
/// in the history); a comment is added.
enum Save {
    Edit(Box<Edit>),
    Move(Move),
    Comment(String),
}

/// What the focused field asks to save. `Ok(None)`: nothing to save yet (RICE or WSJF with
/// some inputs still empty).
fn field_edit(app: &App, e: &StoryEditor, field: Field) -> Result<Option<Save>, String> {
    let text_of =
        |f: Field| e.fields.iter().find(|(g, _)| *g == f).map(|(_, t)| t.lines().join("\n")).unwrap_or_default();
    let text = text_of(field);
    match field {
        Field::Whole(f) => match fields::read(app.board(), f, &text) {
            Ok(fields::Set::Edit(e)) => Ok(Some(Save::Edit(e))),
            Ok(fields::Set::Move(m)) => Ok(Some(Save::Move(m))),
            Err(message) => Err(format!("{}: {message}", field.label())),
        },
        Field::Comment => Ok(Some(Save::Comment(text.trim().to_owned()))),
        Field::Part(f, _) => {
            // Saved once every input is filled in (or every one is emptied).
            let mut numbers = Vec::new();
            for (i, label) in f.spec().parts.iter().enumerate() {
                numbers.push(fields::number(&text_of(Field::Part(f, i))).map_err(|m| format!("{label}: {m}"))?);
            }
            let numbers = match numbers.iter().copied().collect::<Option<Vec<f64>>>() {
                Some(all) => {
                    Some(<[f64; 4]>::try_from(all).map_err(|_| format!("{}: not four inputs", f.spec().label))?)
                }
                None if numbers.iter().all(Option::is_none) => None,
                None => return Ok(None),
            };
            Ok(Some(Save::Edit(Box::new(fields::edit_parts(f, numbers)))))
        }
    }
}

/// Saves the focused field if it changed. `overwrote`: the value set elsewhere that this save
/// replaces, after asking (recorded in the history). `Err`: it cannot be saved, and why.
pub(super) fn commit(app: &mut App, ctx: &mut Ctx, overwrote: Option<&str>) -> Result<Vec<Effect>, String> {
    let Some(e) = app.editor.clone() else { return Ok(Vec::new()) };
    let Some((field, _)) = e.fields.get(e.focus).cloned() else { return Ok(Vec::new()) };
    let Some(save) = field_edit(app, &e, field)? else {
        app.info(format!(
            "{}: fill in all four inputs to save them",
            match field {
                Field::Part(f, _) => f.spec().label,
                _ => field.label(),
            }
        ));
        return Ok(Vec::new());
    };
    let (mut changes, op, label) = match save {
        Save::Edit(edit) => {
            let edit = *edit;
            let before = app.board().story(&e.key).cloned().map(Box::new);
            let op = Op::Edit { key: e.key.clone(), edit: Box::new(edit.clone()), before };
            let changes = app.apply(|b| b.edit_story(&e.key, edit, ctx)).map_err(|err| err.to_string())?;
            (changes, Some(op), format!("{}: {} saved", e.key, field.label()))
        }
        Save::Move(mv) => {
            let changes = app.apply(|b| b.move_story(&e.key, &mv, ctx)).map_err(|err| err.to_string())?;
            let now = app.board().story(&e.key).map(|s| value(app, s, field)).unwrap_or_default();
            (changes, Some(Op::Move { key: e.key.clone(), mv }), format!("{} → {now}", e.key))
        }
        Save::Comment(text) if text.is_empty() => return Ok(Vec::new()),
        Save::Comment(text) => {
            let changes = app.apply(|b| b.add_comment(&e.key, &text, ctx)).map_err(|err| err.to_string())?;
            (changes, None, format!("{}: comment added", e.key))
        }
    };
    if let Some(theirs) = overwrote
        && !changes.is_empty()
    {
        let name = field.story_field().map_or(field.label(), |f| f.spec().name);
        changes.merge(app.apply(|b| b.record_overwrite(&e.key, name, theirs, ctx)).map_err(|err| err.to_string())?);
    }
    // Show the field as stored (labels de-duplicated, numbers tidied).
    if let Some(story) = app.board().story(&e.key).cloned() {
        let text = value(app, &story, field);
        if let Some(editor) = app.editor.as_mut()
            && let Some((_, t)) = editor.fields.get_mut(editor.focus)
            && text_field::text(t) != text
        {
            *t = text_area(field, &text);
        }
        if let Some(editor) = app.editor.as_mut() {
            style(editor);
        }
    }
    Ok(record(app, label, changes, op))
}

/// A click in the Story view: on a tab it leaves (saving the field being edited first), on a
/// field it edits that field.
pub(super) fn click(app: &mut App, ctx: &mut Ctx, column: u16, row: u16) -> Vec<Effect> {
    let pos = ratatui::layout::Position::new(column, row);
    let screen = app.screen();
    if screen.tabs.contains(pos) {
        let editing = app.editor.as_ref().is_some_and(|e| e.editing.is_some());
        let effects = if editing { finish(app, ctx, FieldStep::Stop) } else { Vec::new() };
        if app.popup.is_none()
            && let Some(view) = layout::tab_at(screen.tabs, app.view, pos)
        {
            if view == View::Story {
                crate::tui::update::story_fields::open(app);
            } else {
                app.view = view;
            }
        }
        return effects;
    }
    let places = layout::story(screen.body);
    let Some(e) = app.editor.as_ref() else { return Vec::new() };
    let hit = |f: &Field| {
        let (label, input) = f.places(&places);
        label.contains(pos) || input.contains(pos)
    };
    let Some(target) = e.fields.iter().position(|(f, _)| hit(f)) else { return Vec::new() };
    // A click on a field edits it: the pointer says which, no view key is involved.
    let by = target as isize - e.focus as isize;
    if e.editing.is_some() {
        return if by == 0 { Vec::new() } else { finish(app, ctx, FieldStep::Focus(by)) };
    }
    focus_by(app, by);
    start_editing(app);
    Vec::new()
}
