//! `sprintboard import jira|trello|github|sprintboard FILE [--dry-run] [--map-status S=C]…`.

use std::io::{IsTerminal, Read};
use std::path::Path;

use super::CliError;
use super::args::ImportArgs;
use super::session;
use crate::interop::import::{self, Export, Options, OwnExport};

/// The largest export read.
const MAX_BYTES: u64 = 64 << 20;

fn read(file: &Path) -> Result<String, CliError> {
    let f = std::fs::File::open(file).map_err(|e| CliError::bad(format!("{}: {e}", file.display())))?;
    let mut bytes = Vec::new();
    f.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|e| CliError::bad(format!("{}: {e}", file.display())))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(CliError::bad(format!("{}: larger than {} MiB", file.display(), MAX_BYTES >> 20)));
    }
    let text = String::from_utf8(bytes).map_err(|_| CliError::bad(format!("{}: not UTF-8 text", file.display())))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
}

/// `FROM=TO` pairs of `--map-status` and `--map-list`.
fn mapping(args: &ImportArgs) -> Result<Vec<(String, String)>, CliError> {
    args.map_status
        .iter()
        .chain(&args.map_list)
        .map(|m| {
            m.rsplit_once('=')
                .map(|(from, to)| (from.trim().to_owned(), to.trim().to_owned()))
                .filter(|(from, to)| !from.is_empty() && !to.is_empty())
                .ok_or_else(|| CliError::bad(format!("{m:?}: a mapping is NAME=COLUMN, like \"Verifying=Review\"")))
        })
        .collect()
}

/// What the file holds: another tracker's export, or this board's own.
enum Input {
    Tracker(Export),
    Own(OwnExport),
}

pub fn import(board: Option<&Path>, args: &ImportArgs) -> Result<(), CliError> {
    let file = args.file.display().to_string();
    let text = read(&args.file)?;
    let bad = |e: String| CliError::bad(format!("{file}: {e}"));
    let opts = Options {
        map: mapping(args)?,
        create_columns: args.create_columns,
        allow_duplicates: args.allow_duplicates,
        include_done: args.include_done,
    };
    let input = match args.source.as_str() {
        "jira" => Input::Tracker(import::jira_csv(&text).map_err(bad)?),
        "trello" => Input::Tracker(import::trello_json(&text).map_err(bad)?),
        "github" => Input::Tracker(import::github_json(&text).map_err(bad)?),
        "sprintboard" => Input::Own(import::sprintboard_json(&text).map_err(bad)?),
        other => return Err(CliError::bad(format!("unknown source {other:?}: jira, trello, github or sprintboard"))),
    };
    // Never into the example board, which a first run creates: an import needs a board.
    let mut s = session::open_existing(board, args.dry_run)?;
    let terminal = std::io::stderr().is_terminal();
    let count = match &input {
        Input::Tracker(e) => e.records.len(),
        Input::Own(_) => 0,
    };
    if terminal && count >= 500 && !args.dry_run {
        // Ours, not the file's: a carriage return, then the line is cleared when done.
        std::eprint!("sprintboard: importing {count} stories…\r");
    }
    // All or nothing: a row that cannot become a story (too large, malformed) refuses the import.
    let nothing =
        |e: crate::domain::OpError| crate::domain::OpError::Invalid(format!("{file}: {e}; nothing was imported"));
    let run = |b: &mut crate::domain::Board, ctx: &mut crate::domain::Ctx| match &input {
        Input::Tracker(export) => import::apply(b, export, &opts, ctx).map_err(nothing),
        Input::Own(own) => import::apply_own(b, own.clone()).map_err(nothing),
    };
    let summary = if args.dry_run {
        // The same decisions on a copy of the board; nothing is saved.
        let mut copy = s.board.clone();
        let (_, summary) = run(&mut copy, &mut s.ctx)?;
        summary
    } else {
        s.apply(|b, ctx| run(b, ctx).map(|(changes, summary)| (summary, changes)))?
    };
    if terminal && count >= 500 && !args.dry_run {
        std::eprint!("\x1b[2K");
    }
    print!("{}", summary.render(&file, args.dry_run));
    s.end();
    Ok(())
}
