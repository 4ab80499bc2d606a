//! The merge driver's work for one file: a field-by-field merge when both sides read, else a
//! conflict over the whole file that says what happened and the way out.

use super::{Doc, describe, merge_doc};
use crate::domain::{BoardFile, Story};

/// How the driver's notes in a file begin: the reader shows the first one as the way out.
pub const NOTE: &str = "// sprintboard: ";

/// What the merge driver leaves for one file: the text to write in place of ours, whether the
/// merge is clean (git's exit status 0), and what to tell the person (on the driver's standard
/// error, which git shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub text: String,
    pub clean: bool,
    pub message: Option<String>,
}

/// The merge driver's work for one file, named `name` in messages. Never writes a file the
/// reader would refuse as merged: when a side cannot be read, or the merge would be larger than
/// a file may be, the result is a conflict over the whole file (each side between the markers
/// when it fits, and a note that says what happened), never one side's silent win.
pub fn drive(doc: Doc, base: &[u8], ours: &[u8], theirs: &[u8], marker: usize, name: &str) -> Outcome {
    let max = doc.max_bytes();
    let merged = match doc {
        Doc::Story => merge_doc::<Story>(base, ours, theirs, marker, max),
        Doc::Board => merge_doc::<BoardFile>(base, ours, theirs, marker, max),
    };
    let take_a_side = format!(
        "keep one side: `git checkout --ours -- {name}` (this clone's) or `--theirs` (the one merged in), \
         or edit the file"
    );
    match merged {
        Ok((m, base_unread)) => {
            let base_note = base_unread.map(|why| {
                format!(
                    "the common ancestor (base) could not be read ({why}), so the two sides were merged without \
                     it: whatever they hold differently is a conflict"
                )
            });
            if m.text.len() as u64 > max {
                let why = format!(
                    "merged, the file would be {} KiB, more than the {} KiB a file here may be",
                    m.text.len().div_ceil(1024),
                    max / 1024
                );
                return whole_file_conflict(ours, theirs, marker, max, &why, &take_a_side);
            }
            let mut said: Vec<String> = base_note.into_iter().collect();
            if !m.conflicts.is_empty() {
                said.push(describe(&m.conflicts));
            }
            let message = (!said.is_empty()).then(|| said.join("; "));
            Outcome { text: m.text, clean: m.conflicts.is_empty(), message }
        }
        Err(e) => whole_file_conflict(ours, theirs, marker, max, &e.to_string(), &take_a_side),
    }
}

/// A conflict over the whole file: a note (a RON comment, so keeping one side leaves a file that
/// reads), then ours and theirs between markers, each whole when it is text and everything still
/// fits in `max`, else a line that says it is left out.
fn whole_file_conflict(ours: &[u8], theirs: &[u8], marker: usize, max: u64, why: &str, fix: &str) -> Outcome {
    let marker = marker.max(7);
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    let note = format!("{NOTE}{}: {}\n", one_line(why), one_line(fix));
    let (open, mid, close) = (
        format!("{} ours\n", "<".repeat(marker)),
        "=".repeat(marker) + "\n",
        format!("{} theirs\n", ">".repeat(marker)),
    );
    let mut room = (max as usize).saturating_sub(note.len() + open.len() + mid.len() + close.len() + 256);
    let mut side = |bytes: &[u8], which: &str| -> String {
        match std::str::from_utf8(bytes) {
            Ok(text) if text.len() <= room => {
                room -= text.len();
                if text.is_empty() || text.ends_with('\n') { text.to_owned() } else { format!("{text}\n") }
            }
            Ok(_) => format!("{NOTE}{which} is left out here, too large to show\n"),
            Err(_) => format!("{NOTE}{which} is left out here, it is not text\n"),
        }
    };
    let ours_text = side(ours, "ours");
    let theirs_text = side(theirs, "theirs");
    Outcome {
        text: format!("{note}{open}{ours_text}{mid}{theirs_text}{close}"),
        clean: false,
        message: Some(format!("{why}: left as a conflict; {fix}")),
    }
}
