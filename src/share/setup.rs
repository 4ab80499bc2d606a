//! Setting a clone up to share the board: the `.gitattributes` that hands the board's files to
//! the merge driver, the driver's registration in the clone's git config, the pre-commit hook,
//! and whether the registered driver runs.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::ShareError;
use super::git;

/// What `.gitattributes` in the board directory says: git hands these files to our driver.
const ATTRIBUTES: &str = "# written by sprintboard: merge the board's files field by field\n*.ron merge=sprintboard\n";

/// What [`register`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// The top of the work tree whose git config now names the driver.
    pub top: PathBuf,
    /// The board's `.gitattributes`.
    pub attributes: PathBuf,
    /// Whether `.gitattributes` named the driver already (a fresh clone of a shared board: only
    /// this clone's git config changed, and there is nothing to commit).
    pub had_attributes: bool,
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// How git and the hook should start this program: by its name when the `sprintboard` found on
/// `PATH` is this very binary (so the setting survives `cargo install` to the same place and
/// upgrades through a package manager), else by its absolute path.
fn this_program() -> Result<String, ShareError> {
    let exe = std::env::current_exe().map_err(ShareError::NoProgram)?;
    let exe = std::fs::canonicalize(&exe).unwrap_or(exe);
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|d| d.join("sprintboard")).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .find(|p| p.is_file());
    if on_path.and_then(|p| std::fs::canonicalize(p).ok()).is_some_and(|p| p == exe) {
        return Ok("sprintboard".to_owned());
    }
    Ok(quote(&exe.to_string_lossy()))
}

/// Why the merge driver git would run in a clone does not start, for `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriverProblem {
    /// The board's attributes name the driver, but this clone's git config does not.
    NotRegistered,
    /// The registered command (`program`) does not run.
    DoesNotRun { program: String },
}

impl fmt::Display for DriverProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DriverProblem::NotRegistered => f.write_str(
                "the merge driver is not registered in this clone, so git merges the board's files line by line: run `sprintboard git-setup`",
            ),
            DriverProblem::DoesNotRun { program } => write!(
                f,
                "the registered merge driver ({program}) does not run, so git merges the board's files line by line: run `sprintboard git-setup` again"
            ),
        }
    }
}

/// Whether the merge driver git would run in this clone starts: `None` when it does (or when
/// the board is not in git, or does not ask for the driver), else what is wrong.
pub fn driver_problem(root: &Path) -> Option<DriverProblem> {
    let top = git::toplevel(root)?;
    if !std::fs::read_to_string(root.join(".gitattributes")).is_ok_and(|a| a.contains("merge=sprintboard")) {
        return None;
    }
    let out = git::run(&top, &["config", "merge.sprintboard.driver"]).ok()?;
    let driver = git::stdout_text(&out);
    if !out.status.success() || driver.is_empty() {
        return Some(DriverProblem::NotRegistered);
    }
    // The driver's command with `--version` in place of its arguments, run the way git runs it.
    let program = driver.split(" merge-driver").next().unwrap_or(&driver).to_owned();
    let runs = Command::new("sh")
        .arg("-c")
        .arg(format!("{program} --version"))
        .current_dir(&top)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    (!runs).then_some(DriverProblem::DoesNotRun { program })
}

/// Writes the board's `.gitattributes` (unless it already names the driver) and registers the
/// driver in this clone's git config: the per-clone half of sharing a board.
pub fn register(root: &Path) -> Result<Registered, ShareError> {
    let top = git::toplevel(root).ok_or_else(|| ShareError::NotInRepository(root.to_owned()))?;
    let attributes = root.join(".gitattributes");
    let current = std::fs::read_to_string(&attributes).unwrap_or_default();
    let had_attributes = current.contains("merge=sprintboard");
    if !had_attributes {
        let mut content = current;
        content.push_str(ATTRIBUTES);
        std::fs::write(&attributes, content)
            .map_err(|source| ShareError::Write { path: attributes.clone(), source })?;
    }
    let driver = format!("{} merge-driver %O %A %B %L %P", this_program()?);
    for (key, value) in
        [("merge.sprintboard.name", "sprintboard field-by-field merge"), ("merge.sprintboard.driver", driver.as_str())]
    {
        let out = git::run(&top, &["config", "--local", key, value])?;
        git::succeeded(&out, &format!("config {key}"))?;
    }
    Ok(Registered { top, attributes, had_attributes })
}

/// Writes a pre-commit hook that runs `sprintboard check`, unless a hook is already there.
/// Returns the hook's path.
pub fn install_hook(top: &Path) -> Result<PathBuf, ShareError> {
    let out = git::run(top, &["rev-parse", "--git-path", "hooks"])?;
    let hooks = top.join(git::stdout_text(&out));
    let hook = hooks.join("pre-commit");
    if hook.exists() {
        return Err(ShareError::HookExists(hook));
    }
    let script = format!(
        "#!/bin/sh\n# written by sprintboard: refuse a commit that leaves the board broken\nexec {} check\n",
        this_program()?
    );
    std::fs::create_dir_all(&hooks)
        .and_then(|_| std::fs::write(&hook, script))
        .map_err(|source| ShareError::Write { path: hook.clone(), source })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))
            .map_err(|source| ShareError::NotExecutable { path: hook.clone(), source })?;
    }
    Ok(hook)
}
