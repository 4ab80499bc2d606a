//! Noticing that another process changed the board. The platform's file notifications
//! (inotify on Linux) wake a thread only when something happens; the directory is watched, not
//! the files, because an atomic save replaces a file with another one. What changed is worked
//! out by [`super::Store::changes_elsewhere`]; this says which board files to look at (or, when
//! notifications were lost, to look at all of them).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use notify::{EventKind, RecursiveMode, Watcher};

/// Keeps the watch alive; dropping it stops it.
pub struct StoreWatcher {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

/// Whether a path is one of the board's files (not a lock or an interrupted temporary file).
fn relevant(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".ron") && !name.starts_with('.')
}

/// Calls `changed` (from the watcher's thread) whenever board files may have changed, with their
/// paths; with `None` when notifications were lost (look at everything).
///
/// `stories/` may not be there yet (git keeps no empty directory: a fresh clone of a board
/// without stories has none): when it appears (made by a save here or elsewhere, or a pull),
/// or is replaced, it is watched from then on and everything is looked at, so the files
/// written in it before its watch began are seen too.
pub fn watch(root: &Path, changed: impl Fn(Option<Vec<PathBuf>>) + Send + 'static) -> notify::Result<StoreWatcher> {
    // Called from the watcher's thread and from the one that starts watching `stories/`.
    let changed = Arc::new(Mutex::new(changed));
    let stories = root.join(super::STORIES_DIR);
    // The watcher itself, for that thread to add `stories/` to (set right after it is made).
    let this: Arc<Mutex<Weak<Mutex<notify::RecommendedWatcher>>>> = Arc::new(Mutex::new(Weak::new()));
    let tell = {
        let changed = Arc::clone(&changed);
        move |paths: Option<Vec<PathBuf>>| {
            if let Ok(changed) = changed.lock() {
                changed(paths);
            }
        }
    };
    let (this_in_handler, stories_in_handler) = (Arc::clone(&this), stories.clone());
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| match res {
        Ok(event) => {
            let kind_matters = matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
            );
            if kind_matters && event.paths.contains(&stories_in_handler) {
                // `stories/` itself was made, moved or removed. Its watch is added from another
                // thread: the watcher's own thread, which runs this, would wait on itself.
                let watcher = this_in_handler.lock().ok().and_then(|w| w.upgrade());
                let (dir, tell) = (stories_in_handler.clone(), tell.clone());
                std::thread::spawn(move || {
                    if let Some(watcher) = watcher
                        && dir.is_dir()
                        && let Ok(mut w) = watcher.lock()
                    {
                        // Watching a path watched already only renews its watch.
                        let _ = w.watch(&dir, RecursiveMode::NonRecursive);
                    }
                    // After the watch: a file written before it began is found by looking.
                    tell(None);
                });
                return;
            }
            let rescan = event.need_rescan();
            let paths: Vec<PathBuf> = event.paths.into_iter().filter(|p| relevant(p)).collect();
            if rescan {
                tell(None);
            } else if kind_matters && !paths.is_empty() {
                tell(Some(paths));
            }
        }
        // A missed or overflowing notification: look at everything.
        Err(_) => tell(None),
    })?;
    let watcher = Arc::new(Mutex::new(watcher));
    if let Ok(mut w) = this.lock() {
        *w = Arc::downgrade(&watcher);
    }
    {
        let Ok(mut w) = watcher.lock() else { return Err(notify::Error::generic("the watcher is poisoned")) };
        // The two directories, not recursively: a recursive watch walks every entry to find
        // subdirectories, which takes a while on a board of 100,000 stories.
        w.watch(root, RecursiveMode::NonRecursive)?;
        if stories.is_dir() {
            w.watch(&stories, RecursiveMode::NonRecursive)?;
        }
    }
    Ok(StoreWatcher { _watcher: watcher })
}

#[cfg(test)]
mod tests;
