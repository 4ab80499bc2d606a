//! Reading a whole board: every file parsed (in parallel), then checked as a whole.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::codec::{self, MAX_BOARD_BYTES, MAX_STORY_BYTES};
use super::error::{FileError, StoreError};
use super::{BOARD_FILE, FileMeta, STORIES_DIR, Store, fingerprint, read_with_meta};
use crate::domain::{Board, BoardFile, SprintState, Story};

pub(super) struct Parsed {
    pub(super) path: PathBuf,
    pub(super) text_hash: u64,
    pub(super) meta: Option<FileMeta>,
    /// The story and the file's bytes, kept to place any later error at a line.
    pub(super) result: Result<(Story, Vec<u8>), FileError>,
}

/// A story file is `*.ron` and not hidden: interrupted atomic writes leave `.NAME.ron.XXXXXX`.
pub(super) fn is_story_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.') && path.extension().is_some_and(|e| e == "ron")
}

pub(super) fn read_story(path: PathBuf) -> Parsed {
    let (bytes, meta) = match read_with_meta(&path, MAX_STORY_BYTES) {
        Ok(Some((b, m))) => (b, Some(m)),
        Ok(None) => (Vec::new(), None),
        Err(e) => {
            let message = match &e {
                StoreError::Io { source, .. } => format!("cannot be read: {source}"),
                other => other.to_string(),
            };
            return Parsed { text_hash: 0, meta: None, result: Err(FileError::new(&path, None, message)), path };
        }
    };
    let text_hash = fingerprint(&bytes);
    let result = codec::decode::<Story>(&path, &bytes, MAX_STORY_BYTES).map(|s| (s, bytes));
    Parsed { text_hash, meta, result, path }
}

fn read_all(paths: Vec<PathBuf>) -> Vec<Parsed> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || paths.len() < 256 {
        return paths.into_iter().map(read_story).collect();
    }
    let chunk = paths.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().cloned().map(read_story).collect::<Vec<_>>()))
            .collect();
        // A panicking parser thread would be a bug; its files are reported instead of lost.
        handles
            .into_iter()
            .zip(paths.chunks(chunk))
            .flat_map(|(h, part)| {
                h.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|p| Parsed {
                            path: p.clone(),
                            text_hash: 0,
                            meta: None,
                            result: Err(FileError::new(p, None, "could not be read")),
                        })
                        .collect()
                })
            })
            .collect()
    })
}

pub(super) fn load(root: &Path) -> Result<(Store, Board), StoreError> {
    let board_path = root.join(BOARD_FILE);
    let Some((bytes, board_meta)) = read_with_meta(&board_path, MAX_BOARD_BYTES)? else {
        return Err(StoreError::NotFound(root.to_owned()));
    };
    let mut seen = HashMap::new();
    let mut meta = HashMap::new();
    seen.insert(board_path.clone(), fingerprint(&bytes));
    meta.insert(board_path.clone(), board_meta);
    let file: BoardFile = codec::decode(&board_path, &bytes, MAX_BOARD_BYTES).map_err(|e| StoreError::Bad(vec![e]))?;
    let board_text = String::from_utf8_lossy(&bytes).into_owned();
    let mut errors = check_board(&board_path, &board_text, &file);

    let dir = root.join(STORIES_DIR);
    let mut paths = Vec::new();
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry.map_err(|e| StoreError::io(&dir, e))?;
                let path = entry.path();
                if is_story_file(&path) {
                    paths.push(path);
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(&dir, e)),
    }
    // By name: a fixed order, so errors are reported the same way every time.
    paths.sort_unstable_by(|a, b| a.file_name().cmp(&b.file_name()));

    let mut stories: BTreeMap<String, Story> = BTreeMap::new();
    let mut story_paths: HashMap<String, PathBuf> = HashMap::new();
    for parsed in read_all(paths) {
        seen.insert(parsed.path.clone(), parsed.text_hash);
        if let Some(m) = parsed.meta {
            meta.insert(parsed.path.clone(), m);
        }
        match parsed.result {
            Err(e) => errors.push(e),
            Ok((story, bytes)) => {
                // Decoding succeeded, so the bytes are UTF-8; they are only looked at again to
                // place a problem at its line.
                let text = || std::str::from_utf8(&bytes).unwrap_or_default();
                for (field, message) in check_story(&story, &file) {
                    errors.push(FileError::new(&parsed.path, codec::field_position(text(), field), message));
                }
                if let Some(first) = story_paths.get(&story.key) {
                    errors.push(FileError::new(
                        &parsed.path,
                        codec::field_position(text(), "key"),
                        format!(
                            "duplicate key {}: {} has it too; give one of them a new key",
                            story.key,
                            first.display()
                        ),
                    ));
                    continue;
                }
                story_paths.insert(story.key.clone(), parsed.path);
                stories.insert(story.key.clone(), story);
            }
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Bad(errors));
    }
    let store = Store { root: root.to_owned(), seen, paths: story_paths, meta };
    Ok((store, Board { file, stories }))
}

fn check_board(path: &Path, text: &str, b: &BoardFile) -> Vec<FileError> {
    let mut errors = Vec::new();
    let mut err = |field: &str, msg: String| errors.push(FileError::new(path, codec::field_position(text, field), msg));
    if b.prefix.is_empty() || b.prefix.len() > 10 || !b.prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        err("prefix", format!("prefix {:?} must be 1 to 10 letters or digits", b.prefix));
    }
    if b.columns.is_empty() {
        err("columns", "the workflow needs at least one column".into());
    }
    for (what, ids) in [
        ("column", b.columns.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()),
        ("sprint", b.sprints.iter().map(|s| s.id.as_str()).collect()),
        ("epic", b.epics.iter().map(|e| e.id.as_str()).collect()),
    ] {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                err(&format!("{what}s"), format!("two {what}s have the id {id:?}"));
            }
        }
    }
    let active: Vec<&str> =
        b.sprints.iter().filter(|s| s.state == SprintState::Active).map(|s| s.name.as_str()).collect();
    if active.len() > 1 {
        err("sprints", format!("more than one sprint is active ({}); close all but one", active.join(", ")));
    }
    errors
}

/// A story's references to the board: each problem with the field it is about.
pub(super) fn check_story(s: &Story, b: &BoardFile) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    if let Some(sprint) = &s.sprint
        && b.sprint(sprint).is_none()
    {
        errors.push(("sprint", format!("{} is in sprint {sprint:?}, which board.ron does not have", s.key)));
    }
    if b.column(&s.status).is_none() {
        errors.push(("status", format!("{} has status {:?}, which is not a column of board.ron", s.key, s.status)));
    }
    if let Some(epic) = &s.epic
        && b.epic(epic).is_none()
    {
        errors.push(("epic", format!("{} belongs to epic {epic:?}, which board.ron does not have", s.key)));
    }
    if s.key.trim().is_empty() || s.key.contains(['/', '\\']) || s.key.starts_with('.') {
        errors.push(("key", format!("{:?} is not a valid story key", s.key)));
    }
    errors
}
