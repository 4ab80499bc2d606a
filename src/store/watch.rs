//! Noticing that another process changed the board. The platform's file notifications
//! (inotify on Linux) wake a thread only when something happens; the directory is watched, not
//! the files, because an atomic save replaces a file with another one. What changed is worked
//! out by [`super::Store::changes_elsewhere`]; this says which board files to look at (or, when
//! notifications were lost, to look at all of them).

use std::path::{Path, PathBuf};

use notify::{EventKind, RecursiveMode, Watcher};

/// Keeps the watch alive; dropping it stops it.
pub struct StoreWatcher {
    _watcher: notify::RecommendedWatcher,
}

/// Whether a path is one of the board's files (not a lock or an interrupted temporary file).
fn relevant(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".ron") && !name.starts_with('.')
}

/// Calls `changed` (from the watcher's thread) whenever board files may have changed, with their
/// paths; with `None` when notifications were lost (look at everything).
pub fn watch(root: &Path, changed: impl Fn(Option<Vec<PathBuf>>) + Send + 'static) -> notify::Result<StoreWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| match res {
        Ok(event) => {
            let kind_matters = matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
            );
            let rescan = event.need_rescan();
            let paths: Vec<PathBuf> = event.paths.into_iter().filter(|p| relevant(p)).collect();
            if rescan {
                changed(None);
            } else if kind_matters && !paths.is_empty() {
                changed(Some(paths));
            }
        }
        // A missed or overflowing notification: look at everything.
        Err(_) => changed(None),
    })?;
    // The two directories, not recursively: a recursive watch walks every entry to find
    // subdirectories, which takes a while on a board of 100,000 stories.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    let stories = root.join(super::STORIES_DIR);
    if stories.is_dir() {
        watcher.watch(&stories, RecursiveMode::NonRecursive)?;
    }
    Ok(StoreWatcher { _watcher: watcher })
}

#[cfg(test)]
mod tests;
