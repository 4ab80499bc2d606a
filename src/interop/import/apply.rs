//! Puts an [`Export`] onto a board: epics, sprints and columns it needs, then each record as a
//! new story or, when a story came from the same record before, as an update of that story.
//! Every value changed to fit (rounded points, a renamed label, a status matched to the
//! nearest column) is said in the [`Summary`]. Pure: the caller saves the changes, all or none.
//!
//! This file is the order of the work; each step is its own module: the board's `epics`,
//! `sprints` and `columns` the export needs, each record as a new or updated story (`stories`),
//! the bookkeeping of the fields an import tracks (`tracked`), then the blocking `links`.

mod columns;
mod epics;
mod links;
mod sprints;
mod stories;
pub(super) mod tracked;

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Export, Record, Skipped, Summary};
use crate::domain::{Board, Changes, Ctx, ListId, OpError, Rank, ShortText};

/// What a person can say about the mapping.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// A source status (or Trello list) name → a column of this board, before any matching.
    pub map: Vec<(String, String)>,
    /// A status that matches no column becomes a new column instead of the nearest one.
    pub create_columns: bool,
    /// Import records without an id in their tracker, though every import adds them again.
    pub allow_duplicates: bool,
    /// Import the finished records that were never in a sprint (else they are skipped).
    pub include_done: bool,
}

/// The word a mapping names the backlog by (`--map-list "Ideas=backlog"`), when no column is
/// called so.
const BACKLOG: &str = "backlog";

/// Notes said once with how often: `label "a b" → a_b (12 stories)`.
#[derive(Default)]
struct Counted(BTreeMap<String, usize>);

impl Counted {
    fn add(&mut self, note: String) {
        *self.0.entry(note).or_default() += 1;
    }

    fn into_lines(self) -> impl Iterator<Item = String> {
        self.0.into_iter().map(|(note, n)| if n == 1 { note } else { format!("{note} ({n} stories)") })
    }
}

/// Everything an import of one export decided so far.
struct Import<'a> {
    export: &'a Export,
    opts: &'a Options,
    summary: Summary,
    changes: Changes,
    notes: Counted,
    /// Source status (lower case) → column id, as the person mapped it.
    manual: HashMap<String, ShortText>,
    /// Source statuses and lists (lower case) the person mapped to the backlog.
    to_backlog: HashSet<String>,
    /// The sprint current work goes to (a source without sprints: Trello).
    current: Option<ShortText>,
    /// Source status (lower case) → column id, as matched.
    columns: HashMap<String, ShortText>,
    /// Epic origin → epic id.
    epics: HashMap<String, ShortText>,
    /// Sprint name (lower case) → sprint id.
    sprints: HashMap<String, ShortText>,
    /// The last rank of each list, as stories are added to it.
    last: HashMap<ListId, Option<Rank>>,
}

/// Maps `export` onto `board`. Returns the changes to save and what was done. The store writes
/// them (thousands of files) through its journal: an interrupted import is finished, in the
/// order and with the keys it had, by the next command (see `store::journal`).
pub fn apply(board: &mut Board, export: &Export, opts: &Options, ctx: &mut Ctx) -> Result<(Changes, Summary), OpError> {
    let summary = Summary {
        source: export.source,
        mapped: export.mapped.clone(),
        ignored: export.ignored.clone(),
        skipped: export.skipped.clone(),
        ..Summary::default()
    };
    let mut im = Import {
        export,
        opts,
        summary,
        changes: Changes::default(),
        notes: Counted::default(),
        manual: HashMap::new(),
        to_backlog: HashSet::new(),
        current: None,
        columns: HashMap::new(),
        epics: HashMap::new(),
        sprints: HashMap::new(),
        last: HashMap::new(),
    };
    for (from, to) in &opts.map {
        match board.resolve_column(to) {
            Ok(id) => {
                im.manual.insert(from.trim().to_lowercase(), id);
            }
            Err(_) if to.trim().eq_ignore_ascii_case(BACKLOG) => {
                im.to_backlog.insert(from.trim().to_lowercase());
            }
            Err(e) => return Err(OpError::Invalid(format!("the mapping {from}={to}: {e} (or `backlog`)"))),
        }
    }
    let without_id = export.records.iter().filter(|r| r.origin.is_empty()).count();
    if without_id > 0 && !opts.allow_duplicates {
        let how =
            if export.with_ids.is_empty() { "an export that has them".to_owned() } else { export.with_ids.to_owned() };
        return Err(OpError::Refused(format!(
            "{without_id} of {} records have no id in their tracker, so importing the file again would add them \
             again: export with ids ({how}), or import anyway with --allow-duplicates",
            export.records.len()
        )));
    }
    im.epics(board)?;
    im.sprints(board)?;
    im.list_columns(board);
    im.current_sprint(board, ctx)?;
    let by_origin: HashMap<String, ShortText> =
        board.stories.values().filter_map(|s| s.origin.as_ref().map(|o| (o.id.clone(), s.key.clone()))).collect();
    let mut records: Vec<&Record> = export.records.iter().collect();
    // Stable: records without an order keep the file's.
    records.sort_by(|a, b| match (&a.order, &b.order) {
        (Some(x), Some(y)) => x.as_bytes().cmp(y.as_bytes()),
        (x, y) => y.is_some().cmp(&x.is_some()),
    });
    let mut seen = HashSet::new();
    let mut placed: Vec<(String, &Record)> = Vec::new();
    for r in records {
        if r.origin.is_empty() {
            im.notes.add("a row without an id in its tracker: added as a new story on every import".into());
        } else if !seen.insert(r.origin.as_str()) {
            let reason = format!("the same id as an earlier row ({})", r.origin);
            im.summary.skipped.push(Skipped { place: named(r), title: r.title.clone(), reason });
            continue;
        }
        let refuse = |e: OpError| match r.origin.split_once(':') {
            Some((_, id)) => OpError::Invalid(format!("{} ({id}): {e}", r.place)),
            None => OpError::Invalid(format!("{}: {e}", r.place)),
        };
        let earlier =
            by_origin.get(&r.origin).filter(|k| !r.origin.is_empty() && board.stories.contains_key(k.as_str()));
        // Finished before the team used sprints: history, not work to plan (unless asked for, or
        // imported before).
        if earlier.is_none() && !opts.include_done && im.done_without_sprint(board, r) {
            let reason = "done, and never in a sprint (--include-done imports it)".to_owned();
            im.summary.skipped.push(Skipped { place: named(r), title: r.title.clone(), reason });
            continue;
        }
        let wanted = im.wanted(board, r).map_err(refuse)?;
        let key = match earlier {
            Some(key) => {
                im.update(board, key, r, wanted, ctx).map_err(refuse)?;
                key.to_string()
            }
            None => im.create(board, r, wanted, ctx).map_err(refuse)?,
        };
        placed.push((key, r));
    }
    im.settle_sprints(board, ctx)?;
    im.link(board, &by_origin, &placed, ctx);
    let Import { mut summary, changes, notes, .. } = im;
    summary.approximated.extend(notes.into_lines());
    Ok((changes, summary))
}

/// Where a record is, and its id at the source: `line 7 (DEV-6)`.
fn named(r: &Record) -> String {
    match r.origin.split_once(':') {
        Some((_, id)) => format!("{} ({id})", r.place),
        None => r.place.clone(),
    }
}
