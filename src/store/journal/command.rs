//! The command a change was made by, as the journal records it and as a person types it again.

use std::sync::OnceLock;

/// What this process is, for the journal: the command line of a CLI command that may change
/// the board (set once, before it runs); unset in the TUI.
static COMMAND: OnceLock<Vec<String>> = OnceLock::new();

/// Records the command this process runs (its arguments after `sprintboard`, without
/// `--board`), so that a change it leaves unfinished names it.
pub fn set_command(args: Vec<String>) {
    let _ = COMMAND.set(args);
}

/// This process's command, as [`set_command`] recorded it.
pub fn command() -> Option<&'static [String]> {
    COMMAND.get().map(Vec::as_slice)
}

/// A character never shown as it is in a command to type again: one never printed raw
/// ([`crate::text::is_unsafe`]: controls, bidi controls) or one that hides text in a command
/// line (zero-width marks), where every character must be seen to be typed.
fn unshown(c: char) -> bool {
    crate::text::is_unsafe(c) || matches!(c, '\u{200b}'..='\u{200f}' | '\u{feff}')
}

/// The command line as a person types it again: each argument quoted for a POSIX shell when it
/// needs it, control characters written as escapes (never sent to the terminal raw).
pub fn shell_words(args: &[String]) -> String {
    let quoted = args.iter().map(|a| {
        let plain = !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c) || (!c.is_ascii() && !unshown(c)));
        if plain {
            a.clone()
        } else if a.chars().any(unshown) {
            let escaped: String = a
                .chars()
                .map(|c| match c {
                    '\'' => "\\'".to_owned(),
                    '\\' => "\\\\".to_owned(),
                    '\n' => "\\n".to_owned(),
                    '\t' => "\\t".to_owned(),
                    c if unshown(c) => format!("\\u{:04x}", u32::from(c)),
                    c => c.to_string(),
                })
                .collect();
            format!("$'{escaped}'")
        } else {
            format!("'{}'", a.replace('\'', r"'\''"))
        }
    });
    std::iter::once("sprintboard".to_owned()).chain(quoted).collect::<Vec<_>>().join(" ")
}
