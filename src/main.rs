//! The `sprintboard` binary: parse the arguments, run the command, turn an error into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = sprintboard::cli::Cli::parse();
    match sprintboard::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sprintboard: {e}");
            ExitCode::from(e.code)
        }
    }
}
