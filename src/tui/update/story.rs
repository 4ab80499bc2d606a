//! The Story view: every field of one story, edited in place. A field is saved when it is left
//! (Tab, Shift-Tab, Esc, a click elsewhere); a mistake keeps the field open and says why.

use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use super::nav::select_key;
use super::{Effect, record};
use crate::domain::fields;
use crate::domain::{Ctx, Edit, Move, Op, Rice, Story, Wsjf};
use crate::tui::action::{Action, View};
use crate::tui::state::{AfterClash, App, Clash, Editing, Field, FieldStep, Popup, StoryEditor};
use crate::tui::{layout, text_field};

/// A field's text as the story holds it.
fn value(app: &App, s: &Story, field: Field) -> String {
    if let Some(f) = field.story_field() {
        return fields::show(app.board(), s, f);
    }
    let rice = |f: fn(&Rice) -> f64| s.rice.as_ref().map(|r| crate::text::exact_number(f(r))).unwrap_or_default();
    let wsjf = |f: fn(&Wsjf) -> f64| s.wsjf.as_ref().map(|w| crate::text::exact_number(f(w))).unwrap_or_default();
    match field {
        Field::RiceReach => rice(|r| r.reach),
        Field::RiceImpact => rice(|r| r.impact),
        Field::RiceConfidence => rice(|r| r.confidence),
        Field::RiceEffort => rice(|r| r.effort),
        Field::WsjfValue => wsjf(|w| w.business_value),
        Field::WsjfTime => wsjf(|w| w.time_criticality),
        Field::WsjfRisk => wsjf(|w| w.risk_reduction),
        Field::WsjfSize => wsjf(|w| w.job_size),
        _ => String::new(),
    }
}

/// A field's text area: its value selected (typing replaces it), the cursor at its end; empty,
/// it says what it takes.
fn text_area(field: Field, text: &str) -> TextArea<'static> {
    let mut t = text_field::new(text);
    t.set_placeholder_text(field.placeholder());
    if field.multiline() {
        // The description and acceptance criteria wrap at word boundaries while typed, as
        // they do when read (a long word is broken rather than scrolled sideways).
        t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    }
    t
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
    let fields = Field::ALL.iter().map(|f| (*f, text_area(*f, &value(app, s, *f)))).collect();
    let mut e = StoryEditor { key: key.to_owned(), fields, focus: 0, editing: None, back, leaving: false };
    style(&mut e);
    Some(e)
}

/// `e` or `3`: the selected story in the Story view (or the last one shown there), browsed.
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
}

/// The Story view on `key`, going back to the list view last shown.
pub(super) fn open_key(app: &mut App, key: &str) {
    let back = app.last_list;
    app.editor = editor_for(app, key, back);
    app.view = View::Story;
}

pub(super) fn action(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(editor) = app.editor.as_mut() else { return Vec::new() };
    if action != Action::Cancel {
        editor.leaving = false;
    }
    if editor.editing.is_some() { editing(app, action, ctx) } else { browsing(app, action, ctx) }
}

/// Browsing the fields: keys move between them and start editing one; the view keys, `:`, `?`,
/// `q` and `E` do what they do everywhere. Nothing typed here reaches a field.
fn browsing(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    match action {
        Action::NextField => focus_by(app, 1),
        Action::PrevField => focus_by(app, -1),
        Action::Edit => start_editing(app),
        Action::RenameEpic => open_rename_epic(app),
        Action::Cancel => return leave(app),
        Action::Click { column, row } => return click(app, ctx, column, row),
        Action::Show(View::Story) | Action::Scroll { .. } => {}
        Action::Type(_) | Action::Paste(_) => {
            let how = app.keymap.hint(app.context(), &Action::Edit, "edits the field").unwrap_or_default();
            app.info(format!("Nothing is typed into a field until it is edited: {how}"));
        }
        action @ (Action::Quit
        | Action::Help
        | Action::Messages
        | Action::Show(_)
        | Action::Jump
        | Action::EditInEditor) => {
            return super::view_action(app, action, ctx);
        }
        action @ (Action::Undo | Action::Redo) => {
            let effects = super::view_action(app, action, ctx);
            // The fields show the story as the undo left it.
            reload_editor(app, true, &[]);
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

/// Editing the focused field: keys are typed into it; `Tab`, `Shift-Tab`, `Esc` (and `Enter` in
/// a one-line field) save it.
fn editing(app: &mut App, action: Action, ctx: &mut Ctx) -> Vec<Effect> {
    let Some(editor) = app.editor.as_mut() else { return Vec::new() };
    let focus = editor.focus;
    let field = editor.fields.get(focus).map(|(f, _)| *f).unwrap_or(Field::Title);
    match action {
        Action::Type(k) if k.code == KeyCode::Enter && !field.multiline() => finish(app, ctx, FieldStep::Stop),
        // The Epic field: ↑ / ↓ step through the board's epics (and none), to pick one.
        Action::Type(k) if field == Field::Epic && matches!(k.code, KeyCode::Up | KeyCode::Down) => {
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
                *t = text_area(Field::Epic, &text);
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
            app.popup = Some(crate::tui::state::Popup::Help { scroll: 0 });
            Vec::new()
        }
        Action::Click { column, row } => click(app, ctx, column, row),
        _ => Vec::new(),
    }
}

fn click(app: &mut App, ctx: &mut Ctx, column: u16, row: u16) -> Vec<Effect> {
    let pos = ratatui::layout::Position::new(column, row);
    let screen = app.screen();
    if screen.tabs.contains(pos) {
        let editing = app.editor.as_ref().is_some_and(|e| e.editing.is_some());
        let effects = if editing { finish(app, ctx, FieldStep::Stop) } else { Vec::new() };
        if app.popup.is_none() {
            super::nav::click(app, column, row);
        }
        return effects;
    }
    let places = layout::story(screen.body);
    let Some(target) = places.fields.iter().position(|(label, input)| label.contains(pos) || input.contains(pos))
    else {
        return Vec::new();
    };
    let Some(e) = app.editor.as_ref() else { return Vec::new() };
    // A click on a field edits it: the pointer says which, no view key is involved.
    let by = target as isize - e.focus as isize;
    if e.editing.is_some() {
        return if by == 0 { Vec::new() } else { finish(app, ctx, FieldStep::Focus(by)) };
    }
    focus_by(app, by);
    start_editing(app);
    Vec::new()
}

/// Browsing: the focus `by` fields on.
fn focus_by(app: &mut App, by: isize) {
    if let Some(e) = app.editor.as_mut() {
        let n = e.fields.len() as isize;
        e.focus = (e.focus as isize + by).rem_euclid(n) as usize;
        style(e);
    }
}

/// `Enter` or `e`: the focused field edited, its value selected (typing replaces it).
fn start_editing(app: &mut App) {
    let Some(story) = app.editor.as_ref().and_then(|e| app.board().story(&e.key)).cloned() else { return };
    let focused = app.editor.as_ref().and_then(|e| e.fields.get(e.focus)).map(|(f, _)| *f);
    let stored = focused.map(|f| value(app, &story, f));
    if let Some(e) = app.editor.as_mut()
        && let Some((_, t)) = e.fields.get_mut(e.focus)
    {
        let typed = text_field::text(t);
        // A RICE or WSJF input typed before (not saved until all four are filled) is kept.
        e.editing = Some(Editing::of(stored.unwrap_or_default()));
        if !typed.is_empty() {
            t.select_all();
        }
        style(e);
    }
    if focused == Some(Field::Epic) {
        // What can be typed: an epic's name, a new name (which asks to create it), nothing.
        let names: Vec<&str> = app.board().file.epics.iter().map(|e| e.name.as_str()).collect();
        let epics = if names.is_empty() { "no epics yet".to_owned() } else { format!("epics: {}", names.join(", ")) };
        app.info(format!("Epic: ↑ ↓ pick one; a name that is not an epic creates it; empty for none ({epics})"));
    }
}

/// The field being edited is left for `step`: saved, unless it was changed elsewhere meanwhile
/// to something else than what was typed, which asks first; an Epic that names no epic asks
/// whether to create it.
fn finish(app: &mut App, ctx: &mut Ctx, step: FieldStep) -> Vec<Effect> {
    if let Some(clash) = clash(app, step) {
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
    (*field == Field::Epic && !name.is_empty() && app.board().file.find_epic(&name).is_none())
        .then(|| (e.key.clone(), name))
}

/// The answer to "Create epic `name`?": yes creates it and saves the field (the story is in
/// it); no goes back to the field, with what was typed.
pub(super) fn confirm_new_epic(
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

/// `R` in the Story view: a prompt for a new name of the story's epic.
fn open_rename_epic(app: &mut App) {
    let Some(e) = app.editor.as_ref() else { return };
    let epic = app.board().story(&e.key).and_then(|s| s.epic.as_deref()).and_then(|id| app.board().file.epic(id));
    match epic {
        Some(epic) => {
            let kind = crate::tui::state::PromptKind::RenameEpic { id: epic.id.to_string() };
            app.popup = Some(Popup::Prompt(Box::new(crate::tui::state::Prompt::new(kind, &epic.name))));
        }
        None => {
            let key = e.key.clone();
            let how = app.keymap.hint(app.context(), &Action::Edit, "on Epic").unwrap_or_default();
            app.info(format!("{key} has no epic to rename: {how} picks one or creates one"));
        }
    }
}

/// The name typed for `R`: the epic renamed, and the Story view shows it.
pub(super) fn rename_epic(app: &mut App, id: &str, name: &str) -> Result<Vec<Effect>, String> {
    let old = app.board().file.epic(id).map(|e| e.name.clone()).unwrap_or_else(|| id.to_owned());
    let changes = app.apply(|b| b.rename_epic(id, name)).map_err(|e| format!("Epic: {e}"))?;
    app.popup = None;
    let effects = record(app, format!("Epic {old:?} renamed {:?}", name.trim()), changes, None);
    reload_editor(app, true, &[]);
    Ok(effects)
}

/// The focused field shows the story's value again.
fn put_back(app: &mut App) {
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
fn carry_on(app: &mut App, step: FieldStep) -> Vec<Effect> {
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

/// The question to ask before saving the field being edited: it was changed elsewhere since
/// editing began, to a value that is neither what it was nor what was typed.
fn clash(app: &App, step: FieldStep) -> Option<Clash> {
    let e = app.editor.as_ref()?;
    let theirs = e.editing.as_ref()?.theirs.clone()?;
    let (field, t) = e.fields.get(e.focus)?;
    let mine = text_field::text(t);
    (mine != theirs).then(|| Clash {
        key: e.key.clone(),
        field: field.label(),
        mine,
        theirs,
        then: AfterClash::Field(step),
    })
}

/// The answer to a clash in the Story view: mine saved over theirs (the history keeps theirs),
/// or theirs taken (the status line keeps mine); `Esc` goes back to the field.
pub(super) fn answer_clash(app: &mut App, ctx: &mut Ctx, action: Action, clash: Clash, step: FieldStep) -> Vec<Effect> {
    match action {
        Action::KeepMine => {
            app.popup = None;
            if let Some(editing) = app.editor.as_mut().and_then(|e| e.editing.as_mut()) {
                editing.theirs = None;
            }
            match commit(app, ctx, Some(&clash.theirs)) {
                Ok(mut effects) => {
                    effects.extend(carry_on(app, step));
                    effects
                }
                Err(message) => {
                    app.error(message);
                    Vec::new()
                }
            }
        }
        Action::TakeTheirs => {
            app.popup = None;
            put_back(app);
            app.info(clash.theirs_taken());
            carry_on(app, step)
        }
        Action::Cancel => {
            app.popup = None;
            Vec::new()
        }
        Action::Quit => vec![Effect::Quit],
        _ => {
            app.popup = Some(Popup::Clash(Box::new(clash)));
            Vec::new()
        }
    }
}

/// `Esc` while browsing: back to the list.
fn leave(app: &mut App) -> Vec<Effect> {
    // RICE or WSJF inputs partly filled in are not thrown away by one Esc: the view stays, and
    // says how to keep them; a second Esc leaves without them.
    if let Some(e) = app.editor.as_mut()
        && !e.leaving
        && let Some(scores) = partial_scores(e)
    {
        e.leaving = true;
        app.info(format!(
            "{scores} is not complete: fill in its other inputs (Enter edits), or Esc again to leave without them"
        ));
        return Vec::new();
    }
    if let Some(e) = app.editor.take() {
        app.view = e.back;
        select_key(app, &e.key);
    }
    Vec::new()
}

/// "RICE" or "WSJF" when some of its inputs are filled in and some are empty.
fn partial_scores(e: &StoryEditor) -> Option<&'static str> {
    let filled = |fields: [Field; 4]| {
        fields
            .iter()
            .map(|f| e.fields.iter().find(|(g, _)| g == f).is_some_and(|(_, t)| !text_field::text(t).trim().is_empty()))
            .filter(|filled| *filled)
            .count()
    };
    let rice = filled([Field::RiceReach, Field::RiceImpact, Field::RiceConfidence, Field::RiceEffort]);
    let wsjf = filled([Field::WsjfValue, Field::WsjfTime, Field::WsjfRisk, Field::WsjfSize]);
    if (1..4).contains(&rice) {
        Some("RICE")
    } else if (1..4).contains(&wsjf) {
        Some("WSJF")
    } else {
        None
    }
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
    if let Some(f) = field.story_field() {
        return match fields::read(app.board(), f, &text) {
            Ok(fields::Set::Edit(e)) => Ok(Some(Save::Edit(e))),
            Ok(fields::Set::Move(m)) => Ok(Some(Save::Move(m))),
            Err(message) => Err(format!("{}: {message}", field.label())),
        };
    }
    let mut edit = Edit::default();
    match field {
        Field::Comment => return Ok(Some(Save::Comment(text.trim().to_owned()))),
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
        // Every other field is in the domain's table (above).
        _ => {}
    }
    Ok(Some(Save::Edit(Box::new(edit))))
}

/// Saves the focused field if it changed. `overwrote`: the value set elsewhere that this save
/// replaces, after asking (recorded in the history). `Err`: it cannot be saved, and why.
fn commit(app: &mut App, ctx: &mut Ctx, overwrote: Option<&str>) -> Result<Vec<Effect>, String> {
    let Some(e) = app.editor.clone() else { return Ok(Vec::new()) };
    let Some((field, _)) = e.fields.get(e.focus).cloned() else { return Ok(Vec::new()) };
    let Some(save) = field_edit(app, &e, field)? else {
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

/// After the board was read again. When the open story changed elsewhere, every field shows
/// what is on disk now, except the field being edited, which keeps what was typed; if that
/// field itself changed elsewhere, it shows theirs beside it and saving asks which to keep. A
/// story deleted elsewhere closes the view.
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
    let Some(mut fresh) = editor_for(app, &e.key, e.back) else { return };
    fresh.focus = e.focus.min(fresh.fields.len().saturating_sub(1));
    fresh.leaving = e.leaving;
    if let Some(mut editing) = e.editing
        && let (Some(slot), Some(typing)) = (fresh.fields.get_mut(fresh.focus), e.fields.get(e.focus))
    {
        let now = text_field::text(&slot.1);
        let typed = text_field::text(&typing.1);
        *slot = typing.clone();
        editing.changed_elsewhere(now, &typed);
        if let Some(theirs) = &editing.theirs {
            app.error(format!(
                "{}: {} was changed elsewhere to {:?} while you edit it; saving asks which to keep",
                e.key,
                slot.0.label(),
                crate::text::truncate(theirs, 40)
            ));
        }
        fresh.editing = Some(editing);
    }
    style(&mut fresh);
    app.editor = Some(fresh);
}

/// After the board was read again: a prompt open on a story's field (points, assignee,
/// blocked) notes a change made elsewhere to that field, shown beside it; confirming asks.
pub fn reload_prompt(app: &mut App) {
    let Some(Popup::Prompt(p)) = app.popup.as_ref() else { return };
    let Some((key, field)) = p.story_field().map(|(k, f)| (k.to_owned(), f)) else { return };
    let Some(now) = app.board().story(&key).map(|s| fields::show(app.board(), s, field)) else { return };
    if let Some(Popup::Prompt(p)) = app.popup.as_mut() {
        let typed = p.text();
        if let Some(editing) = p.edits.as_mut() {
            editing.changed_elsewhere(now, typed.trim());
        }
    }
}
