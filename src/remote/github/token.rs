//! Where the token comes from: `GITHUB_TOKEN`, else `GH_TOKEN`, else what `gh auth token`
//! prints when the GitHub CLI is installed. The token is held in memory only: it is never
//! written anywhere, and no message or error carries it (only the name of its source).

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::ApiError;

/// A token and the name of where it came from (for "GitHub rejected the token from …").
#[derive(Clone)]
pub struct Token {
    secret: String,
    source: String,
}

impl Token {
    pub fn new(secret: impl Into<String>, source: impl Into<String>) -> Token {
        Token { secret: secret.into(), source: source.into() }
    }

    /// `GITHUB_TOKEN`, `GH_TOKEN` or `` `gh auth token` ``.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub(super) fn secret(&self) -> &str {
        &self.secret
    }
}

/// Never shows the secret, so that a `{:?}` of anything holding a token is safe to print.
impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token").field("source", &self.source).finish_non_exhaustive()
    }
}

/// The token, looked up in `env` (the process's environment, or a test's): the first of
/// `GITHUB_TOKEN`, `GH_TOKEN` that is set and not blank, else `gh auth token` when a `gh` is on
/// `env`'s `PATH` and prints one.
pub fn find(env: &dyn Fn(&str) -> Option<OsString>) -> Result<Token, ApiError> {
    for name in ["GITHUB_TOKEN", "GH_TOKEN"] {
        if let Some(value) = env(name).and_then(|v| v.into_string().ok()) {
            let value = value.trim();
            if !value.is_empty() {
                return Ok(Token::new(value, name));
            }
        }
    }
    let gh = gh_on_path(env("PATH")).ok_or(ApiError::NoToken)?;
    let out = Command::new(gh)
        .args(["auth", "token"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|_| ApiError::NoToken)?;
    let printed = String::from_utf8(out.stdout).map_err(|_| ApiError::NoToken)?;
    let secret = printed.trim();
    if !out.status.success() || secret.is_empty() || secret.contains(char::is_whitespace) {
        return Err(ApiError::NoToken);
    }
    Ok(Token::new(secret, "`gh auth token`"))
}

/// The first executable file named `gh` in the directories of `path`.
fn gh_on_path(path: Option<OsString>) -> Option<PathBuf> {
    std::env::split_paths(&path?).map(|dir| dir.join("gh")).find(|file| is_executable(file))
}

#[cfg(unix)]
fn is_executable(file: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(file: &std::path::Path) -> bool {
    file.is_file()
}
