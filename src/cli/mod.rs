//! The `sprintboard` command line: the same operations as the TUI, for scripts.
//!
//! Everything it prints goes through [`crate::text::visible`]: text from the board's files (a
//! teammate's commit, an import, a hand edit) may hold escape sequences that would set the
//! title, clear the screen or write the clipboard of whoever reads it, or bidi controls that
//! reorder a line. The macros below shadow the standard `print!`, `println!`, `eprint!` and
//! `eprintln!` in this module and in every module declared after them, so no command's output,
//! confirmation, warning or error can skip it. The one control the program sends on purpose
//! (the import's progress line) is written with `std::eprint!` by name.

/// `std::println!`, every control and bidi character shown as an escape.
macro_rules! println {
    () => {
        ::std::println!()
    };
    ($($arg:tt)*) => {
        ::std::println!("{}", $crate::text::visible(&::std::format!($($arg)*)))
    };
}

/// `std::print!`, every control and bidi character shown as an escape.
macro_rules! print {
    ($($arg:tt)*) => {
        ::std::print!("{}", $crate::text::visible(&::std::format!($($arg)*)))
    };
}

/// `std::eprintln!`, every control and bidi character shown as an escape.
macro_rules! eprintln {
    () => {
        ::std::eprintln!()
    };
    ($($arg:tt)*) => {
        ::std::eprintln!("{}", $crate::text::visible(&::std::format!($($arg)*)))
    };
}

/// `std::eprint!`, every control and bidi character shown as an escape.
macro_rules! eprint {
    ($($arg:tt)*) => {
        ::std::eprint!("{}", $crate::text::visible(&::std::format!($($arg)*)))
    };
}

pub mod args;
mod check;
mod finish;
mod git;
mod import;
pub mod manual;
mod plan;
mod remote;
mod repair;
mod report;
mod session;
mod shape;
mod story;
pub mod usage;
mod whoami;

use std::path::PathBuf;

pub use args::Cli;
use args::Command;

use crate::domain::{BoardFile, OpError};
use crate::interop::export;
use crate::store::layout::{self, TEAM_DIR};
use crate::store::{Store, StoreError};

/// An error at the edge: the message for the person and the exit code (1 refused, 2 bad input).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CliError {
    pub code: u8,
    pub message: String,
}

impl CliError {
    pub fn refused(message: impl Into<String>) -> CliError {
        CliError { code: 1, message: message.into() }
    }

    pub fn bad(message: impl Into<String>) -> CliError {
        CliError { code: 2, message: message.into() }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> CliError {
        let code = match e {
            StoreError::Conflict(_) | StoreError::Exists(_) => 1,
            _ => 2,
        };
        CliError { code, message: e.to_string() }
    }
}

impl From<OpError> for CliError {
    fn from(e: OpError) -> CliError {
        let code = match e {
            OpError::Invalid(_) | OpError::Damaged { .. } => 2,
            _ => 1,
        };
        CliError { code, message: e.to_string() }
    }
}

/// Runs one command; what it prints goes to standard output.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let board = cli.board.as_deref();
    // Every command on a board first finishes what an interrupted one left; not `check` (it
    // reports it, and writes nothing), nor those that do not open a board.
    let on_board = !matches!(
        cli.command,
        Some(
            Command::Init { .. }
                | Command::Check { .. }
                | Command::MergeDriver { .. }
                | Command::Completions { .. }
                | Command::Man { .. }
                | Command::GitSetup
        )
    );
    let mut finished = None;
    if on_board {
        match finish::before_command(board, cli.command.is_none())? {
            finish::Before::Done => return Ok(()),
            finish::Before::Run { finished: f } => finished = f,
        }
    }
    match cli.command {
        None => open_board(board, finished),
        Some(Command::Init { name, prefix, hook, no_hook }) => init(cli.board, name, prefix, hook, no_hook),
        Some(Command::Add(a)) => story::add(board, a),
        Some(Command::List { sprint, status, format }) => story::list(board, &sprint, status.as_deref(), format),
        Some(Command::Show { key, format }) => story::show(board, &key, format),
        Some(Command::Move(m)) => story::move_story(board, m),
        Some(Command::Edit(e)) => story::edit(board, e),
        Some(Command::Delete { key, yes }) => story::delete(board, &key, yes),
        Some(Command::Repair { key }) => repair::repair(board, &key),
        Some(Command::Comment { key, text }) => story::comment(board, &key, &text),
        Some(Command::Link { key, blocks }) => story::link(board, &key, &blocks, true),
        Some(Command::Unlink { blocker, key }) => story::link(board, &blocker, &key, false),
        Some(Command::Sprint(c)) => plan::sprint(board, c),
        Some(Command::Epic(c)) => plan::epic(board, c),
        Some(Command::Column(c)) => shape::column(board, c),
        Some(Command::Completions { shell }) => {
            let mut cmd = manual::without_hidden(&<Cli as clap::CommandFactory>::command());
            clap_complete::generate(shell, &mut cmd, "sprintboard", &mut std::io::stdout());
            Ok(())
        }
        Some(Command::Man { dir }) => manual::man(dir.as_deref()),
        Some(Command::Export { format }) => export_board(board, format),
        Some(Command::Sync { no_remote }) => git::sync(board, no_remote),
        Some(Command::GitSetup) => git::setup(board),
        Some(Command::Check { strict }) => check::check(board, strict),
        Some(Command::Whoami) => whoami::whoami(board),
        Some(Command::MergeDriver { base, ours, theirs, marker, name }) => {
            match git::merge_driver(&base, &ours, &theirs, marker, &name)? {
                0 => Ok(()),
                code => Err(CliError { code, message: String::new() }),
            }
        }
        Some(Command::Report(r)) => {
            use args::ReportCommand as R;
            fn chart(o: &args::ChartOutput) -> (args::ReportFormat, report::Output<'_>) {
                (o.format, report::Output(o.output.as_deref()))
            }
            match &r {
                R::Html { output } => report::html(board, output.as_deref()),
                R::Forecast { epic, runs, seed, out } => {
                    let (format, out) = chart(out);
                    report::forecast(board, epic.as_deref(), *runs, *seed, format, out)
                }
                R::Velocity { since, out } => {
                    let (format, out) = chart(out);
                    report::report(board, "velocity", None, since.as_deref(), format, out)
                }
                R::Burndown { sprint, out } => {
                    let (format, out) = chart(out);
                    report::report(board, "burndown", sprint.as_deref(), None, format, out)
                }
                R::Standup { since, format, output } => {
                    report::report(board, "standup", None, since.as_deref(), *format, report::Output(output.as_deref()))
                }
            }
        }
        Some(Command::Import(args)) => import::import(board, &args),
        Some(Command::Remote(c)) => remote::remote(board, c),
        Some(Command::Mcp { read_only }) => mcp(board, read_only),
    }
}

/// `sprintboard mcp`: the board for agents, until the client closes the connection.
fn mcp(board: Option<&std::path::Path>, read_only: bool) -> Result<(), CliError> {
    // A client that goes away makes the next write fail (and the server stop) instead of
    // killing the process mid-call.
    #[cfg(unix)]
    // SAFETY: SIG_IGN is a valid disposition; no handler of ours is replaced.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    crate::agent::serve(board, read_only).map_err(|e| match e {
        crate::agent::server::ServeError::Store(e) => e.into(),
        other => CliError::refused(other.to_string()),
    })
}

/// Bare `sprintboard`: the TUI on a terminal, the board as text when the output is piped.
/// `finished`: what an interrupted command left and was finished just now.
fn open_board(board: Option<&std::path::Path>, finished: Option<String>) -> Result<(), CliError> {
    use std::io::IsTerminal;
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        if let Some(f) = &finished {
            eprintln!("sprintboard: {f}");
        }
        return story::overview(board);
    }
    let s = match session::open(board) {
        Ok(s) => s,
        Err(e) => {
            // board.ron that cannot be read: a screen that says so and repairs it, then the board.
            let cwd = std::env::current_dir().map_err(|_| CliError::bad(e.message.clone()))?;
            let Some(root) = layout::locate(board, &cwd).ok().map(|l| l.root) else { return Err(e) };
            let Some(problem) = crate::store::board_file_problem(&root) else { return Err(e) };
            let no_color = crate::tui::theme::no_color_requested();
            let theme =
                if no_color { crate::tui::theme::Theme::no_color() } else { crate::tui::theme::Theme::default() };
            return match crate::tui::broken_board::run(&root, problem.to_string(), &theme) {
                Ok(true) => open_board(board, finished),
                Ok(false) => Err(e),
                Err(message) => Err(CliError::bad(message)),
            };
        }
    };
    let keymap_path = crate::config::config_dir().map(|d| d.join("keymap.ron")).unwrap_or_default();
    let (keymap, keymap_problem) = crate::tui::keymap::Keymap::load(&keymap_path);
    let no_color = crate::tui::theme::no_color_requested();
    let (theme, theme_problems) = crate::tui::theme::Theme::from_config(s.config.theme.as_ref(), no_color);
    let theme_short: Vec<String> = theme_problems
        .iter()
        .map(|(field, message)| format!("{}: {message}", s.config.place_of(field, true)))
        .collect();
    let theme_problems: Vec<String> = theme_problems
        .into_iter()
        .map(|(field, message)| format!("{}: {message}", s.config.place_of(field, false)))
        .collect();
    let today = s.ctx.today();
    let origin = s.location.describe();
    let board_warning = crate::store::error::summary(s.store.warnings());
    let user = s.ctx.user.to_string();
    let mut app = crate::tui::App::new(s.board, keymap, theme, origin, today).for_user(user);
    // Shown briefly in the status line, and in full on the terminal after the TUI ends.
    let short: Vec<String> = keymap_problem
        .as_ref()
        .map(|p| format!("keymap ignored, defaults in use: {}", p.short()))
        .into_iter()
        .chain(s.config_problem.clone())
        .chain(theme_short)
        .collect();
    // The configuration's own problem was said when the board was opened, before the TUI began.
    let full: Vec<String> = keymap_problem
        .map(|p| format!("keymap ignored, the defaults were used: {p}"))
        .into_iter()
        .chain(theme_problems)
        .collect();
    let created = s.created.then(|| s.location.describe());
    let mut rt = crate::tui::Runtime { store: s.store, location: s.location, ctx: s.ctx, jobs: Default::default() };
    let opened = crate::tui::Opened { warning: board_warning, finished, problems: short, created };
    rt.dispatch(&mut app, crate::tui::Action::Done(Box::new(crate::tui::Outcome::Opened(Box::new(opened)))));
    let result = crate::tui::run(&mut app, &mut rt).map_err(CliError::bad);
    for p in full {
        eprintln!("sprintboard: {p}");
    }
    result
}

fn init(
    board: Option<PathBuf>,
    name: Option<String>,
    prefix: String,
    hook: bool,
    no_hook: bool,
) -> Result<(), CliError> {
    let cwd = std::env::current_dir().map_err(|e| CliError::bad(format!("cannot read the current directory: {e}")))?;
    let root = board.unwrap_or_else(|| cwd.join(TEAM_DIR));
    let prefix = prefix.trim().to_uppercase();
    if prefix.is_empty() || prefix.len() > 10 || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(CliError::bad(format!("the prefix {prefix:?} must be 1 to 10 letters or digits")));
    }
    let name = name.unwrap_or_else(|| {
        let dir = if root.ends_with(TEAM_DIR) { root.parent() } else { Some(root.as_path()) };
        dir.and_then(|d| d.file_name()).and_then(|n| n.to_str()).map_or_else(|| "Team board".to_owned(), str::to_owned)
    });
    let name = crate::domain::ops::clean_line("board name", &name)?;
    let file = BoardFile::new(&name, &prefix);
    Store::create(&root, &crate::domain::Board::new(file))?;
    println!("Created board {name:?} at {}", root.display());
    // In a git repository: the merge driver, and (offered) a hook that checks before a commit.
    match crate::share::setup::register(&root) {
        Ok(crate::share::setup::Registered { top, .. }) => {
            println!("Registered the merge driver in {} (a new clone runs `sprintboard git-setup`)", top.display());
            if hook || (!no_hook && ask("Install a pre-commit hook that runs `sprintboard check`? [y/N] ")) {
                match crate::share::setup::install_hook(&top) {
                    Ok(path) => println!("Installed {}", path.display()),
                    Err(e) => eprintln!("sprintboard: {e}"),
                }
            }
        }
        Err(_) => println!("Not in a git repository: after `git init`, run `sprintboard git-setup` to share it safely"),
    }
    Ok(())
}

/// Asks a yes/no question when a person is at the terminal; no otherwise.
fn ask(question: &str) -> bool {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return false;
    }
    print!("{question}");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}

fn export_board(board: Option<&std::path::Path>, format: args::ExportFormat) -> Result<(), CliError> {
    let s = session::open(board)?;
    let out = match format {
        args::ExportFormat::Json => export::json(&s.board).map_err(|e| CliError::refused(e.to_string()))?,
        args::ExportFormat::Csv => {
            export::csv(&s.board, &export::board_order(&s.board)).map_err(|e| CliError::refused(e.to_string()))?
        }
        args::ExportFormat::Markdown => export::markdown(&s.board),
        args::ExportFormat::Ron => crate::store::codec::encode(&export::Snapshot::of(&s.board))
            .map_err(|e| CliError::refused(e.to_string()))?,
    };
    print!("{out}");
    if !out.ends_with('\n') {
        println!();
    }
    Ok(())
}

/// `none` clears a value given on the command line: read as the empty text every value's
/// parser takes for none (`edit`'s flags, a sprint's capacity and dates, a WIP limit).
pub(crate) fn or_none(value: &str) -> &str {
    if value.trim().eq_ignore_ascii_case("none") { "" } else { value }
}
