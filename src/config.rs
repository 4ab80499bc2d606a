//! The user's configuration (`config.ron` in the platform config directory) and who "I" am.
//!
//! Every key is optional. A file that cannot be read is reported and the defaults are used, so a
//! typo in the configuration never locks anyone out of their board.

use std::path::PathBuf;
use std::process::Command;

use serde::Deserialize;

use crate::store::codec;
use crate::store::error::FileError;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The name recorded in story histories.
    #[serde(default)]
    pub user: Option<String>,
    /// The TUI's colours; each is a name (`cyan`) or `#rrggbb`.
    #[serde(default)]
    pub theme: Option<ThemeConfig>,
    /// Where it was read from, and its text, to point at a value that cannot be used.
    #[serde(skip)]
    pub source: Option<(PathBuf, String)>,
}

impl Config {
    /// `/home/ana/.config/sprintboard/config.ron:3:5` (or with `short`, `config.ron:3:5`):
    /// where `field` is written, for a message about its value.
    pub fn place_of(&self, field: &str, short: bool) -> String {
        let Some((path, text)) = &self.source else { return "config.ron".to_owned() };
        let name = if short {
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
        } else {
            path.display().to_string()
        };
        let needle = format!("{field}:");
        let at = text.lines().enumerate().find_map(|(i, l)| {
            l.find(&needle)
                .filter(|&c| c == 0 || !l[..c].ends_with(|ch: char| ch.is_alphanumeric() || ch == '_'))
                .map(|c| (i + 1, l[..c].chars().count() + 1))
        });
        match at {
            Some((line, col)) => format!("{name}:{line}:{col}"),
            None => name,
        }
    }
}

impl codec::Versioned for Config {
    fn schema(&self) -> Option<u32> {
        None
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    #[serde(default)]
    pub accent: Option<String>,
    #[serde(default)]
    pub warn: Option<String>,
    #[serde(default)]
    pub blocked: Option<String>,
    #[serde(default)]
    pub muted: Option<String>,
    #[serde(default)]
    pub selected: Option<String>,
}

pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "sprintboard").map(|d| d.config_dir().to_owned())
}

/// The configuration, or the defaults and the problem that stopped it from being read.
pub fn load() -> (Config, Option<FileError>) {
    let Some(path) = config_dir().map(|d| d.join("config.ron")) else {
        return (Config::default(), None);
    };
    match std::fs::read(&path) {
        Err(_) => (Config::default(), None),
        Ok(bytes) => match codec::decode::<Config>(&path, &bytes, codec::MAX_STORY_BYTES) {
            Ok(mut c) => {
                c.source = Some((path, String::from_utf8_lossy(&bytes).into_owned()));
                (c, None)
            }
            Err(e) => (Config::default(), Some(e)),
        },
    }
}

/// Who is making changes: `$SPRINTBOARD_USER`, else the configured name, else
/// `git config user.name`, else `$USER`.
pub fn user_name(config: &Config) -> String {
    user_name_and_source(config).0
}

/// The name of who is making changes, and where it was found (for `whoami`).
pub fn user_name_and_source(config: &Config) -> (String, &'static str) {
    if let Some(found) = configured(config) {
        return found;
    }
    let nonempty = |s: String| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let env = |name: &str| std::env::var(name).ok().and_then(nonempty);
    let git = Command::new("git")
        .args(["config", "user.name"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| nonempty(String::from_utf8_lossy(&o.stdout).into_owned()));
    if let Some(n) = git {
        return (n, "`git config user.name`");
    }
    if let Some(n) = env("USER") {
        return (n, "$USER");
    }
    if let Some(n) = env("USERNAME") {
        return (n, "$USERNAME");
    }
    ("someone".to_owned(), "nowhere (no name is set: SPRINTBOARD_USER, config.ron's `user`, git's user.name, $USER)")
}

/// The name the person set for sprintboard itself (`$SPRINTBOARD_USER`, else `user` in
/// config.ron), not one found elsewhere: an agent's changes are recorded under it when set.
pub fn configured_user(config: &Config) -> Option<String> {
    configured(config).map(|(name, _)| name)
}

fn configured(config: &Config) -> Option<(String, &'static str)> {
    let nonempty = |s: String| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    if let Some(n) = std::env::var("SPRINTBOARD_USER").ok().and_then(nonempty) {
        return Some((n, "$SPRINTBOARD_USER"));
    }
    config.user.clone().and_then(nonempty).map(|n| (n, "`user` in config.ron"))
}

/// The current time, or `$SPRINTBOARD_NOW` (RFC 3339) so demos and tests can fix the clock.
pub fn now() -> Result<jiff::Timestamp, String> {
    match std::env::var("SPRINTBOARD_NOW") {
        Ok(v) if !v.trim().is_empty() => {
            v.trim().parse().map_err(|e| format!("SPRINTBOARD_NOW={v:?} is not a time like 2026-11-20T09:00:00Z: {e}"))
        }
        _ => Ok(jiff::Timestamp::now()),
    }
}
