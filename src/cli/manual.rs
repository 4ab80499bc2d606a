//! `sprintboard man`: the manual page, and with `--dir` one page per command.
//!
//! Everything in it that can drift is generated: the commands, their synopses and options come
//! from the same clap definitions as `--help` (rendered by `clap_mangen`), the TUI's views and
//! keys from the keymap table (`BINDABLE` and the default `assets/keymap.ron`, through the
//! keymap's own help, as `?` shows them). Only the prose around them is written here.

use std::path::Path;

use clap::{Command, CommandFactory};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use super::{Cli, CliError};
use crate::tui::action::{Action, BINDABLE, View};
use crate::tui::keymap::{Context, Keymap};

/// `sprintboard man [--dir DIR]`.
pub fn man(dir: Option<&Path>) -> Result<(), CliError> {
    let Some(dir) = dir else {
        print!("{}", main_page());
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| CliError::bad(format!("cannot create {}: {e}", dir.display())))?;
    let mut written = 0;
    for (file, text) in std::iter::once(("sprintboard.1".to_owned(), main_page()))
        .chain(pages().into_iter().map(|(name, cmd)| (format!("{name}.1"), command_page(cmd))))
    {
        let path = dir.join(&file);
        write_page(&path, &text)?;
        written += 1;
    }
    println!("Wrote {written} manual pages to {}", dir.display());
    Ok(())
}

/// One page, written whole: a new file in its place (a link there is replaced, not followed).
fn write_page(path: &Path, text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let err = |e: std::io::Error| CliError::bad(format!("cannot write {}: {e}", path.display()));
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        std::fs::remove_file(path).map_err(err)?;
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(err)?;
    file.write_all(text.as_bytes()).map_err(err)?;
    file.commit().map_err(err)
}

/// The command line as the manual describes it: built (so every subcommand knows its full name,
/// `sprintboard-sprint-new`), without the `help` subcommands clap adds (they have no page).
pub fn built_command() -> Command {
    fn no_help(mut c: Command) -> Command {
        let names: Vec<String> = c.get_subcommands().map(|s| s.get_name().to_owned()).collect();
        for n in names {
            c = c.mut_subcommand(n, no_help);
        }
        c.disable_help_subcommand(true)
    }
    let mut cmd = no_help(Cli::command());
    cmd.build();
    cmd
}

/// Every command that has a page, depth first in definition order: its page name
/// (`sprintboard-sprint-new`) and its definition. Hidden commands (the merge driver) have none.
pub fn pages() -> Vec<(String, Command)> {
    fn walk(cmd: &Command, out: &mut Vec<(String, Command)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let name = sub.get_display_name().unwrap_or(sub.get_name()).to_owned();
            out.push((name, sub.clone()));
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&built_command(), &mut out);
    out
}

/// A command's own page: `clap_mangen`'s sections (the description only when there is more to
/// say than the name line does), and where to read on.
fn command_page(cmd: Command) -> String {
    let has_args = cmd.get_arguments().any(|a| !a.is_hide_set());
    let has_subs = cmd.get_subcommands().any(|s| !s.is_hide_set());
    let long = cmd.get_long_about().is_some();
    let man = Man::new(cmd).source(concat!("sprintboard ", env!("CARGO_PKG_VERSION")));
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = man.render_title(&mut buf);
    let _ = man.render_name_section(&mut buf);
    let _ = man.render_synopsis_section(&mut buf);
    if long {
        let _ = man.render_description_section(&mut buf);
    }
    if has_args {
        let _ = man.render_options_section(&mut buf);
    }
    if has_subs {
        let _ = man.render_subcommands_section(&mut buf);
    }
    let mut r = Roff::new();
    r.control("SH", ["SEE ALSO"]);
    r.text([bold("sprintboard(1)"), roman(": every command, the TUI's keys, files, environment and exit status")]);
    let _ = r.to_writer(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// A section `clap_mangen` renders, without its `.SH` heading, to put under one of ours.
fn section(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    let _ = render(&mut buf);
    String::from_utf8_lossy(&buf).lines().filter(|l| !l.starts_with(".SH ")).map(|l| format!("{l}\n")).collect()
}

/// The contexts of the keymap, in the order the manual lists them, with a heading each.
const CONTEXTS: [Context; 11] = [
    Context::Global,
    Context::Board,
    Context::Planning,
    Context::Story,
    Context::Field,
    Context::Report,
    Context::Picker,
    Context::Prompt,
    Context::Confirm,
    Context::Clash,
    Context::Help,
];

fn heading(ctx: Context) -> &'static str {
    // Exhaustive on purpose: a new context must be given a heading (and a place in CONTEXTS).
    match ctx {
        Context::Global => "Everywhere (outside popups)",
        Context::Board => "Board view",
        Context::Planning => "Planning view",
        Context::Story => "Story view",
        Context::Field => "Story view, editing a field",
        Context::Report => "Metrics, Roadmap and Standup views",
        Context::Picker => "Lists to pick from",
        Context::Prompt => "Prompts (typing a line)",
        Context::Confirm => "Questions (yes or no)",
        Context::Clash => "Changed elsewhere meanwhile",
        Context::Help => "The help screen",
    }
}

const DESCRIPTION: &[&str] = &[
    "Without a command, sprintboard opens the board in the terminal (the TUI): the active sprint as \
     columns, the backlog and the planned sprints, each story's fields, and reports. When its output \
     is not a terminal it prints the board as text instead.",
    "The board is a directory of plain RON files: .sprintboard/board.ron (columns, sprints, epics) and \
     one file per story under .sprintboard/stories/. It is shared through git like code: sync commits, \
     pulls and pushes, and a merge driver (registered by init or git-setup) merges two people's edits \
     of one story field by field.",
    "The board used is the one --board PATH names (the board directory, or a directory holding \
     .sprintboard/), else the nearest .sprintboard/ from the current directory up, else your \
     personal board in the data directory, created from an example board on first use.",
    "The commands below do from the command line what the TUI does, for scripts: every change is \
     written atomically and compared with what is on disk first, and an interrupted command is \
     finished by the next one.",
];

const FILES: &[(&str, &str)] = &[
    (".sprintboard/board.ron", "The team board: its name, story key prefix, columns, sprints and epics."),
    (".sprintboard/stories/KEY.ron", "One story: its fields, comments and history."),
    (".sprintboard/.gitattributes", "Names the merge driver for the board's files; committed with the board."),
    (
        "~/.local/share/sprintboard/board/",
        "Your personal board (on Linux; the platform's data directory elsewhere), used outside a team board.",
    ),
    (
        "~/.config/sprintboard/config.ron",
        "Your configuration: your name for the history, the theme (on Linux; the platform's \
         configuration directory elsewhere).",
    ),
    (
        "~/.config/sprintboard/keymap.ron",
        "Your key bindings, laid over the defaults key by key (see Custom keys under THE TUI).",
    ),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "SPRINTBOARD_USER",
        "Your name in the history and the standup; otherwise user in config.ron, git config user.name, \
         then USER.",
    ),
    ("SPRINTBOARD_NOW", "The current time, RFC 3339 (2026-11-20T09:00:00Z): fixes the clock for demos and tests."),
    ("VISUAL, EDITOR", "The editor that repair and the TUI's edit-in-editor open (VISUAL first)."),
    ("NO_COLOR", "When set and not empty, the TUI draws without colour."),
    ("USER, USERNAME", "Your name when nothing above gives one."),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "1",
        "The operation was refused: an unknown story, sprint, column or epic; a second active sprint; a \
         closed sprint; a board that already exists; a file changed by someone else three times in a row; \
         a sync that is offline or meets a conflict; check --strict with warnings.",
    ),
    (
        "2",
        "Bad input or usage: an unknown option or one the command does not take (the message names the \
         commands that take it), a value that does not parse, board.ron or a story file that cannot be \
         read, check finding such a file.",
    ),
];

const EXAMPLES: &[(&str, &str)] = &[
    ("sprintboard init --prefix SB", "Create a team board in this git repository."),
    (
        "KEY=$(sprintboard add \"Password reset email\" --points 3 --type bug)",
        "Add a story; its key alone is printed on standard output.",
    ),
    ("sprintboard sprint new \"Sprint 24\" --start 2026-11-02 --end 2026-11-13", "Plan a sprint."),
    ("sprintboard move $KEY --sprint \"Sprint 24\" --status doing", "Plan a story and start it."),
    ("sprintboard link SB-A --blocks SB-B", "SB-B waits on SB-A."),
    ("sprintboard report burndown --format svg --output burndown.svg", "Draw the active sprint's burndown."),
    ("sprintboard import jira export.csv --dry-run", "See what a Jira export would import."),
    ("sprintboard sync", "Commit the board, pull (merging field by field) and push."),
    ("sprintboard man --dir ~/.local/share/man/man1", "Install this page and one per command."),
];

/// `sprintboard.1`: the whole manual.
pub fn main_page() -> String {
    let root = built_command();
    let man = Man::new(root.clone());
    let mut out = String::new();
    let mut raw = |render: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut buf = Vec::new();
        let _ = render(&mut buf);
        out.push_str(&String::from_utf8_lossy(&buf));
    };
    raw(&|w| man.render_title(w));
    raw(&|w| man.render_name_section(w));
    raw(&|w| man.render_synopsis_section(w));

    let mut r = Roff::new();
    r.control("SH", ["DESCRIPTION"]);
    for (i, p) in DESCRIPTION.iter().enumerate() {
        if i > 0 {
            r.control("PP", []);
        }
        r.text([roman(*p)]);
    }
    r.control("SH", ["OPTIONS"]);
    out.push_str(&r.to_roff());
    out.push_str(&section(|w| man.render_options_section(w)));

    let mut r = Roff::new();
    r.control("SH", ["COMMANDS"]);
    out.push_str(&r.to_roff());
    for (name, cmd) in pages() {
        let mut r = Roff::new();
        r.control("SS", [cmd.get_bin_name().unwrap_or(&name)]);
        out.push_str(&r.to_roff());
        // The global --board and every command's --help are said once, under OPTIONS.
        let own = cmd.clone().mut_arg("board", |a| a.hide(true)).mut_arg("help", |a| a.hide(true));
        let page = Man::new(own);
        out.push_str(&section(|w| page.render_synopsis_section(w)));
        let mut r = Roff::new();
        r.control("PP", []);
        let about = cmd.get_long_about().or(cmd.get_about()).map(ToString::to_string).unwrap_or_default();
        r.text([roman(about)]);
        out.push_str(&r.to_roff());
        if cmd.get_arguments().any(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help") {
            out.push_str(&section(|w| page.render_options_section(w)));
        }
    }
    out.push_str(&tui_section().to_roff());

    let mut r = Roff::new();
    for (title, items) in [("FILES", FILES), ("ENVIRONMENT", ENVIRONMENT), ("EXIT STATUS", EXIT_STATUS)] {
        r.control("SH", [title]);
        for (term, what) in items {
            r.control("TP", []);
            r.text([bold(*term)]);
            r.text([roman(*what)]);
        }
    }
    r.control("SH", ["EXAMPLES"]);
    for (command, what) in EXAMPLES {
        r.control("TP", []);
        r.text([bold(*command)]);
        r.text([roman(*what)]);
    }
    r.control("SH", ["SEE ALSO"]);
    let mut refs: Vec<_> = pages().into_iter().map(|(name, _)| bold(format!("{name}(1)"))).collect();
    refs.push(bold("git(1)"));
    let mut line = Vec::new();
    for (i, item) in refs.into_iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(item);
    }
    r.text(line);
    out.push_str(&r.to_roff());
    out
}

/// THE TUI: its views, and the keys of every context from the default keymap, as `?` lists them.
fn tui_section() -> Roff {
    let keymap = Keymap::default_keymap();
    let mut r = Roff::new();
    r.control("SH", ["THE TUI"]);
    r.text([roman(
        "Bare sprintboard at a terminal shows the board. Keys are data: the defaults below come from the \
         program's keymap, and ? shows the keys in force, with your own bindings.",
    )]);
    r.control("SS", ["Views"]);
    for view in View::ALL {
        let action = Action::Show(view);
        let mut keys = keymap.keys_for(Context::Global, &action);
        keys.dedup();
        r.control("TP", []);
        r.text([bold(format!("{} {}", view.number(), view.title()))]);
        r.text([roman(format!("{} (keys: {})", action.describe(), keys.join(", ")))]);
    }
    let help = |ctx: Context| -> Vec<(&'static str, Vec<String>)> {
        // Each key once (the global context's keys are also its fallbacks).
        let once = |keys: Vec<String>| {
            keys.iter().enumerate().filter(|(i, k)| !keys[..*i].contains(k)).map(|(_, k)| k.clone()).collect()
        };
        keymap.help(ctx).into_iter().map(|(what, keys)| (what, once(keys))).collect()
    };
    let global = help(Context::Global);
    for ctx in CONTEXTS {
        let entries = help(ctx);
        // A view lists its own keys; the global ones it keeps are under "Everywhere".
        let entries: Vec<_> = entries.into_iter().filter(|e| ctx == Context::Global || !global.contains(e)).collect();
        if entries.is_empty() {
            continue;
        }
        r.control("SS", [heading(ctx)]);
        for (what, keys) in entries {
            r.control("TP", []);
            r.text([bold(keys.join(", "))]);
            r.text([roman(what)]);
        }
    }
    r.control("SS", ["Custom keys"]);
    r.text([roman(
        "keymap.ron in the configuration directory binds keys to these actions, by name, in the sections \
         global, board, planning, story, field, report, picker, prompt, confirm, clash and help; a key \
         bound to \"none\" is freed. Keys are written as a character (\"q\", \"?\") or a name (left, \
         enter, esc, f1, …) with modifiers (\"ctrl-c\", \"shift-left\").",
    )]);
    for (name, _, what) in BINDABLE {
        r.control("TP", []);
        r.text([italic(*name)]);
        r.text([roman(*what)]);
    }
    r
}

/// The command line for completion scripts: every hidden command left out (the merge driver is
/// run by git, never typed). The generators list hidden commands too, and clap cannot remove a
/// subcommand, so the top level is made again from its parts: its arguments and the visible
/// commands.
pub fn without_hidden(cmd: &Command) -> Command {
    let mut top = Command::new(env!("CARGO_PKG_NAME"))
        .version(env!("CARGO_PKG_VERSION"))
        .args(cmd.get_arguments().cloned())
        .subcommands(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    if let Some(a) = cmd.get_about() {
        top = top.about(a.clone());
    }
    top
}

#[cfg(test)]
mod tests;
