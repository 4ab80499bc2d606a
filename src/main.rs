//! The `sprintboard` binary: parse the arguments, run the command, turn an error into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Like every Unix tool, stop quietly when the reader of our output goes away
    // (`sprintboard list | head`) instead of panicking in `println!`.
    #[cfg(unix)]
    // SAFETY: called before any other thread exists; SIG_DFL is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    // A usage error says where an option that does not apply here applies; exit code 2.
    let cli = sprintboard::cli::Cli::try_parse().unwrap_or_else(|e| sprintboard::cli::usage::explain(e, &argv).exit());
    match sprintboard::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.message.is_empty() {
                // The message may quote a file (a name, a title): shown with its controls escaped.
                eprintln!("sprintboard: {}", sprintboard::text::visible(&e.message));
            }
            ExitCode::from(e.code)
        }
    }
}
