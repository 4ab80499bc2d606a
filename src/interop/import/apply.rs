//! Puts an [`Export`] onto a board: epics, sprints and columns it needs, then each record as a
//! new story or, when a story came from the same record before, as an update of that story.
//! Every value changed to fit (rounded points, a renamed label, a status matched to the
//! nearest column) is said in the [`Summary`]. Pure: the caller saves the changes, all or none.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Export, Progress, Record, Skipped, Summary};
use crate::domain::model::{slug, unique_id};
use crate::domain::{
    Board, Change, Changes, Column, Ctx, Edit, Kind, ListId, Move, NewSprint, NewStory, OpError, Origin, Position,
    Rank, Short, SprintState, Story,
};

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

/// The fields an import sets, and tracks so that the next import tells a local edit (kept)
/// from a change at the source (taken).
const TRACKED: [&str; 10] =
    ["title", "type", "status", "sprint", "points", "assignee", "epic", "labels", "description", "acceptance"];

/// A story as the record wants it on this board.
#[derive(Debug, Clone, PartialEq)]
struct Wanted {
    title: String,
    kind: Kind,
    status: Short,
    sprint: ListId,
    points: Option<u32>,
    assignee: Option<Short>,
    epic: Option<Short>,
    labels: Vec<Short>,
    description: String,
    acceptance: String,
}

impl Wanted {
    fn of(s: &Story) -> Wanted {
        Wanted {
            title: s.title.clone(),
            kind: s.kind,
            status: s.status.clone(),
            sprint: s.sprint.clone(),
            points: s.points,
            assignee: s.assignee.clone(),
            epic: s.epic.clone(),
            labels: s.labels.clone(),
            description: s.description.clone(),
            acceptance: s.acceptance.clone(),
        }
    }

    /// One field's value as text, to hash.
    fn value(&self, field: &str) -> String {
        let opt = |v: &Option<Short>| v.as_deref().unwrap_or_default().to_owned();
        match field {
            "title" => self.title.clone(),
            "type" => self.kind.label().to_owned(),
            "status" => self.status.to_string(),
            "sprint" => opt(&self.sprint),
            "points" => self.points.map(|p| p.to_string()).unwrap_or_default(),
            "assignee" => opt(&self.assignee),
            "epic" => opt(&self.epic),
            "labels" => self.labels.join("\n"),
            "description" => self.description.clone(),
            _ => self.acceptance.clone(),
        }
    }
}

/// A short, stable hash of a value (FNV-1a): the same on every machine and every version.
fn hash(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{h:016x}")
}

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

/// A label as this board can hold it: one word, so spaces become `_` (and a leading `#`, which
/// the filter uses, is dropped).
fn spell_label(raw: &str, notes: &mut Counted) -> Option<Short> {
    let l: String = raw.trim().trim_start_matches('#').split_whitespace().collect::<Vec<_>>().join("_");
    if l.is_empty() {
        return None;
    }
    if l != raw {
        notes.add(format!("label {raw:?} → {l} (a label is one word)"));
    }
    Some(l.into())
}

/// Where a status that matches no column by name goes: by what its name (or the source's
/// category) says of its progress, else the first column.
fn nearest_column(board: &Board, name: &str, progress: Option<Progress>) -> Short {
    column_by_words(board, name, progress)
        .unwrap_or_else(|| board.file.columns.first().map(|c| c.id.clone()).unwrap_or_default())
}

/// The column a status's name (or the source's category) points to, when it says anything.
fn column_by_words(board: &Board, name: &str, progress: Option<Progress>) -> Option<Short> {
    let cols = &board.file.columns;
    let lower = name.to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let named = |words: &[&str]| {
        cols.iter().find(|c| words.iter().any(|w| c.name.to_lowercase().contains(w))).map(|c| c.id.clone())
    };
    let first = cols.first().map(|c| c.id.clone()).unwrap_or_default();
    let done = board.file.done_column().map_or_else(|| first.clone(), |c| c.id.clone());
    let middle =
        |i: usize| cols.get(i.min(cols.len().saturating_sub(1))).map_or_else(|| first.clone(), |c| c.id.clone());
    if progress == Some(Progress::Done)
        || says(&["done", "closed", "resolved", "accepted", "complete", "fixed", "shipped", "released"])
    {
        Some(done)
    } else if says(&["review", "verif", "test", "qa", "approv", "merge"]) {
        Some(named(&["review", "test", "qa", "verif"]).unwrap_or_else(|| middle(cols.len().saturating_sub(2))))
    } else if progress == Some(Progress::InProgress)
        || says(&["progress", "doing", "develop", "implement", "started", "active", "wip", "working"])
    {
        Some(named(&["progress", "doing"]).unwrap_or_else(|| middle(1)))
    } else if progress == Some(Progress::ToDo) || says(&["to do", "todo", "open", "new", "ready", "next", "planned"]) {
        Some(first)
    } else {
        None
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
    manual: HashMap<String, Short>,
    /// Source statuses and lists (lower case) the person mapped to the backlog.
    to_backlog: HashSet<String>,
    /// The sprint current work goes to (a source without sprints: Trello).
    current: Option<Short>,
    /// Source status (lower case) → column id, as matched.
    columns: HashMap<String, Short>,
    /// Epic origin → epic id.
    epics: HashMap<String, Short>,
    /// Sprint name (lower case) → sprint id.
    sprints: HashMap<String, Short>,
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
    let by_origin: HashMap<String, Short> =
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
    let mut origins: HashMap<&str, &str> = by_origin
        .iter()
        .filter(|(_, k)| board.stories.contains_key(k.as_str()))
        .map(|(o, k)| (o.as_str(), k.as_str()))
        .collect();
    origins.extend(placed.iter().map(|(k, r)| (r.origin.as_str(), k.as_str())));
    for (key, r) in &placed {
        let links = r.blocks.iter().map(|b| (key.as_str(), r.origin.as_str(), b.as_str(), true));
        let links = links.chain(r.blocked_by.iter().map(|b| (key.as_str(), r.origin.as_str(), b.as_str(), false)));
        for (key, origin, other, blocks) in links {
            let verb = if blocks { "blocks" } else { "waits on" };
            let Some(&target) = origins.get(other) else {
                im.summary.ignored.push(format!("{key} ({origin}) {verb} {other}, which is not on the board"));
                continue;
            };
            let (blocker, waiting) = if blocks { (key, target) } else { (target, key) };
            let (blocker_origin, waiting_origin) = if blocks { (origin, other) } else { (other, origin) };
            let id = |o: &str| o.split_once(':').map_or(o, |(_, id)| id).to_owned();
            match board.link(blocker, waiting, ctx) {
                Ok(c) if !c.is_empty() => {
                    im.changes.merge(c);
                    im.summary.linked.push(format!(
                        "{waiting} ({}) waits on {blocker} ({})",
                        id(waiting_origin),
                        id(blocker_origin)
                    ));
                }
                Ok(_) => {}
                Err(e) => im.summary.ignored.push(format!("{key} ({origin}) {verb} {target} ({other}): {e}")),
            }
        }
    }
    let Import { mut summary, changes, notes, .. } = im;
    summary.approximated.extend(notes.into_lines());
    Ok((changes, summary))
}

impl Import<'_> {
    /// The epics the export defines or links to: found by name, or created.
    fn epics(&mut self, board: &mut Board) -> Result<(), OpError> {
        let defined = self.export.epics.iter().map(|e| (e.origin.clone(), e.name.clone(), e.description.clone()));
        // An epic linked to but not in the file is named by its id there.
        let linked = self
            .export
            .records
            .iter()
            .filter_map(|r| r.epic.clone())
            .filter(|o| !self.export.epics.iter().any(|e| e.origin == *o));
        let linked: Vec<(String, String, String)> = linked
            .map(|o| {
                let name = o.split_once(':').map_or(o.as_str(), |(_, id)| id).to_owned();
                (o, name, String::new())
            })
            .collect();
        for (origin, name, description) in defined.chain(linked) {
            if self.epics.contains_key(&origin) {
                continue;
            }
            let id = match board.file.find_epic(&name) {
                Some(e) => e.id.clone(),
                None => {
                    let (id, c) = board.new_epic(&name, &description)?;
                    self.changes.merge(c);
                    self.summary.epics_created.push(name.trim().to_owned());
                    id.into()
                }
            };
            self.epics.insert(origin, id);
        }
        Ok(())
    }

    /// The sprints the export names: found by name, or created in their order at the source —
    /// a sprint a record lists before another is earlier (Jira lists every sprint an issue was
    /// in, oldest first), then by the dates the export gives, then as `Sprint 9` comes before
    /// `Sprint 10`.
    fn sprints(&mut self, board: &mut Board) -> Result<(), OpError> {
        type When = Option<jiff::civil::Date>;
        let mut names: Vec<(String, When, When)> =
            self.export.sprints.iter().map(|s| (s.name.trim().to_owned(), s.end, s.seen)).collect();
        let index =
            |names: &[(String, When, When)], s: &str| names.iter().position(|(n, ..)| n.eq_ignore_ascii_case(s.trim()));
        for r in &self.export.records {
            for s in &r.sprints {
                if index(&names, s).is_none() {
                    names.push((s.trim().to_owned(), None, None));
                }
            }
        }
        // Each record's sprints, in its order: an edge from each to the next.
        let mut before: Vec<HashSet<usize>> = vec![HashSet::new(); names.len()];
        for r in &self.export.records {
            let at: Vec<usize> = r.sprints.iter().filter_map(|s| index(&names, s)).collect();
            for w in at.windows(2) {
                if w[0] != w[1] {
                    before[w[1]].insert(w[0]);
                }
            }
        }
        let key = |i: usize| {
            let (name, end, seen) = &names[i];
            let when = end.or(*seen);
            (when.is_none(), when, natural(name))
        };
        let mut order: Vec<usize> = Vec::with_capacity(names.len());
        let mut left: Vec<usize> = (0..names.len()).collect();
        while !left.is_empty() {
            let ready = left.iter().copied().filter(|&i| before[i].iter().all(|p| order.contains(p)));
            // A cycle (two rows that disagree) has nothing ready: the earliest by date or name goes.
            let next = ready.min_by_key(|&i| key(i)).or_else(|| left.iter().copied().min_by_key(|&i| key(i)));
            let Some(next) = next else { break };
            order.push(next);
            left.retain(|&i| i != next);
        }
        for i in order {
            let (name, end, _) = &names[i];
            match board.file.find_sprint(name) {
                Some(s) => {
                    self.sprints.insert(name.to_lowercase(), s.id.clone());
                }
                None => {
                    let (id, c) =
                        board.new_sprint(NewSprint { name: name.clone(), end: *end, ..NewSprint::default() })?;
                    self.changes.merge(c);
                    self.summary.sprints_created.push(name.clone());
                    self.sprints.insert(name.to_lowercase(), id.into());
                }
            }
        }
        Ok(())
    }

    /// Whether a record is finished work that was never in a sprint (and not current work).
    fn done_without_sprint(&self, board: &Board, r: &Record) -> bool {
        let status = r.status.as_deref().map(str::trim).unwrap_or_default();
        let done = board.file.done_column().map(|c| c.id.clone());
        let mapped = self.manual.get(&status.to_lowercase()).or_else(|| self.columns.get(&status.to_lowercase()));
        let is_done = r.progress == Some(Progress::Done)
            || Progress::parse(status) == Some(Progress::Done)
            || mapped
                .or_else(|| board.file.find_column(status).map(|c| &c.id))
                .is_some_and(|c| Some(c) == done.as_ref());
        is_done && r.sprints.is_empty() && !r.current && !r.backlog
    }

    /// The columns a source's lists go to, in the source's order: by name, else a new column
    /// (`--create-columns`), else by what the name says, else by position — the first list is
    /// the first column and the last list is where finished work goes.
    fn list_columns(&mut self, board: &mut Board) {
        let lists: Vec<String> = self
            .export
            .lists
            .iter()
            .filter(|l| !l.backlog && !self.to_backlog.contains(&l.name.trim().to_lowercase()))
            .map(|l| l.name.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        // A new board's own columns (the default To Do, In Progress, Review) give way to the
        // source's lists, so the board has the columns the source had; never a column of a
        // board that holds stories, nor the last one, where finished work goes.
        if self.opts.create_columns && board.stories.is_empty() && !lists.is_empty() {
            let done = board.file.done_column().map(|c| c.id.clone());
            let unnamed = |c: &Column| {
                Some(&c.id) != done.as_ref()
                    && !lists.iter().any(|l| board.file.find_column(l).is_some_and(|f| f.id == c.id))
                    && !self.manual.values().any(|m| *m == c.id)
            };
            let gone: Vec<String> = board.file.columns.iter().filter(|c| unnamed(c)).map(|c| c.name.clone()).collect();
            if !gone.is_empty() {
                let prior = board.file.clone();
                board.file.columns.retain(|c| !gone.contains(&c.name));
                self.changes.merge(Changes::board(prior));
                self.summary
                    .approximated
                    .push(format!("columns {} removed: the board was empty and no list is called so", gone.join(", ")));
            }
        }
        let n = lists.len();
        for (i, name) in lists.iter().enumerate() {
            let lower = name.to_lowercase();
            if self.manual.contains_key(&lower) || self.columns.contains_key(&lower) {
                continue;
            }
            let last = n > 1 && i + 1 == n;
            let (id, how) = if let Some(c) = board.file.find_column(name) {
                (c.id.clone(), "")
            } else if last && board.file.done_column().is_some() {
                (board.file.done_column().map(|c| c.id.clone()).unwrap_or_default(), "the last list: finished work")
            } else if self.opts.create_columns {
                (self.new_column(board, name), "")
            } else if let Some(id) = column_by_words(board, name, None) {
                (id, "the nearest column")
            } else {
                // Between the first column and the last (finished work), as the list sits in its board.
                let m = board.file.columns.len();
                let at = if i == 0 || m < 3 { 0 } else { (i * (m - 1)).div_ceil(n.max(2) - 1).clamp(1, m - 2) };
                (board.file.columns.get(at).map(|c| c.id.clone()).unwrap_or_default(), "by its place in the board")
            };
            if !how.is_empty() {
                let column = board.file.column(&id).map_or(id.as_str(), |c| c.name.as_str());
                self.summary
                    .approximated
                    .push(format!("list {name:?} → {column}, {how} (`--map-list \"{name}=COLUMN\"` chooses another)"));
            }
            self.columns.insert(lower, id);
        }
    }

    /// Adds a column named like a source status, before the last column (where finished work goes).
    fn new_column(&mut self, board: &mut Board, name: &str) -> Short {
        let prior = board.file.clone();
        let id = unique_id(slug(name), |id| board.file.column(id).is_some());
        let at = board.file.columns.len().saturating_sub(1);
        board.file.columns.insert(at, Column { id: id.as_str().into(), name: name.to_owned(), wip: None });
        self.changes.merge(Changes::board(prior));
        self.summary.columns_created.push(name.to_owned());
        id.into()
    }

    /// Where current work goes (a source without sprints, like Trello): the active sprint, else
    /// a sprint named after the source board, started now, so the Board view shows what the
    /// source board showed.
    fn current_sprint(&mut self, board: &mut Board, ctx: &Ctx) -> Result<(), OpError> {
        let current = |r: &&Record| {
            r.current
                && !r.backlog
                && !r.status.as_deref().is_some_and(|s| self.to_backlog.contains(&s.trim().to_lowercase()))
        };
        if !self.export.records.iter().any(|r| current(&r)) {
            return Ok(());
        }
        if let Some(s) = board.file.active_sprint() {
            self.current = Some(s.id.clone());
            return Ok(());
        }
        let Some(name) = self.export.board_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
            self.notes.add("no sprint is active: current work went to the backlog".into());
            return Ok(());
        };
        let id = match board.file.find_sprint(name) {
            Some(s) if s.state == SprintState::Planned => s.id.to_string(),
            found => {
                let name = if found.is_some() { format!("{name} {}", ctx.today()) } else { name.to_owned() };
                let (id, c) = board.new_sprint(NewSprint { name: name.clone(), ..NewSprint::default() })?;
                self.changes.merge(c);
                self.summary.sprints_created.push(name);
                id
            }
        };
        self.changes.merge(board.start_sprint(&id, ctx)?);
        if let Some(s) = board.file.sprint(&id) {
            self.summary.sprints_started.push(s.name.clone());
        }
        self.current = Some(Short::from(id));
        Ok(())
    }

    /// The column a source status goes to.
    fn column(&mut self, board: &mut Board, status: Option<&str>, progress: Option<Progress>) -> Short {
        let name = status.map(str::trim).filter(|s| !s.is_empty());
        if let Some(id) = name.and_then(|n| self.manual.get(&n.to_lowercase())) {
            return id.clone();
        }
        // A resolution means done, whatever the status is called.
        if progress == Some(Progress::Done) {
            return nearest_column(board, "", progress);
        }
        let Some(name) = name else { return nearest_column(board, "", progress) };
        let lower = name.to_lowercase();
        if let Some(id) = self.columns.get(&lower) {
            return id.clone();
        }
        let id = if let Some(c) = board.file.find_column(name) {
            c.id.clone()
        } else if self.opts.create_columns {
            self.new_column(board, name)
        } else {
            let id = nearest_column(board, name, progress);
            let column = board.file.column(&id).map_or(id.as_str(), |c| c.name.as_str());
            self.summary.approximated.push(format!(
                "status {name:?} → {column}, the nearest column (`--map-status \"{name}=COLUMN\"` chooses another)"
            ));
            id
        };
        self.columns.insert(lower, id.clone());
        id
    }

    /// The story a record asks for, in this board's terms.
    fn wanted(&mut self, board: &mut Board, r: &Record) -> Result<Wanted, OpError> {
        let kind = match r.kind.as_deref() {
            None => Kind::Story,
            Some(k) => Kind::parse(k).unwrap_or_else(|| {
                self.notes.add(format!("type {k:?} → story"));
                Kind::Story
            }),
        };
        // A status may become a column's name (`--create-columns`): the rule of a typed name.
        if let Some(status) = &r.status {
            crate::domain::ops::check_controls("status", status)?;
        }
        let backlog =
            r.backlog || r.status.as_deref().is_some_and(|s| self.to_backlog.contains(&s.trim().to_lowercase()));
        let status = if backlog {
            // Not planned yet: the first column (or done, when the source says so).
            nearest_column(board, "", r.progress)
        } else {
            self.column(board, r.status.as_deref(), r.progress)
        };
        let sprint: ListId = if backlog {
            None
        } else if let Some(name) = r.sprints.last() {
            self.sprints.get(&name.trim().to_lowercase()).cloned()
        } else if r.current {
            self.current.clone()
        } else {
            None
        };
        let points = match r.points {
            Some(p) if p > f64::from(u32::MAX) => {
                self.summary.ignored.push(format!("{}: {p} points (too many)", r.origin));
                None
            }
            Some(p) if p.fract() != 0.0 => {
                let up = p.ceil() as u32;
                self.summary
                    .approximated
                    .push(format!("{}: {p} points rounded up to {up} (points are whole)", r.origin));
                Some(up)
            }
            Some(p) => Some(p as u32),
            None => None,
        };
        if r.assignees.len() > 1 {
            self.summary.approximated.push(format!(
                "{}: assigned to {}; also to {} (a story has one assignee)",
                r.origin,
                r.assignees[0],
                r.assignees[1..].join(", ")
            ));
        }
        let mut labels: Vec<Short> = Vec::new();
        for l in &r.labels {
            if let Some(l) = spell_label(l, &mut self.notes)
                && !labels.contains(&l)
            {
                labels.push(l);
            }
        }
        Ok(Wanted {
            title: r.title.trim().to_owned(),
            kind,
            status,
            sprint,
            points,
            assignee: r.assignees.first().map(|a| Short::from(a.trim())).filter(|a| !a.is_empty()),
            epic: r.epic.as_ref().and_then(|o| self.epics.get(o).cloned()),
            labels,
            // Line breaks as the board writes them (Windows exports use CR LF).
            description: r.description.replace("\r\n", "\n"),
            acceptance: r.acceptance.replace("\r\n", "\n"),
        })
    }

    fn create(&mut self, board: &mut Board, r: &Record, w: Wanted, ctx: &mut Ctx) -> Result<String, OpError> {
        // A story of a closed sprint is added to the backlog and then put there.
        let closed =
            w.sprint.as_deref().and_then(|id| board.file.sprint(id)).is_some_and(|s| s.state == SprintState::Closed);
        let list = if closed { None } else { w.sprint.clone() };
        let last = match self.last.get(&list) {
            Some(last) => last.clone(),
            None => board.list(list.as_deref()).last().map(|s| s.rank.clone()),
        };
        let new = NewStory {
            title: w.title.clone(),
            sprint: list.clone(),
            status: Some(w.status.to_string()),
            points: w.points,
            assignee: w.assignee.as_ref().map(Short::to_string),
            epic: w.epic.as_ref().map(Short::to_string),
            labels: w.labels.iter().map(Short::to_string).collect(),
        };
        let (key, c) = board.add_story_after(new, last.as_ref(), ctx)?;
        self.changes.merge(c);
        if closed {
            self.put_in_closed_sprint(board, &key, w.sprint.clone(), ctx);
        }
        let edit = Edit {
            description: Some(w.description.clone()),
            acceptance: Some(w.acceptance.clone()),
            kind: Some(w.kind),
            origin: Some(
                (!r.origin.is_empty()).then(|| Box::new(Origin { id: r.origin.clone(), fields: BTreeMap::new() })),
            ),
            ..Edit::default()
        };
        self.changes.merge(board.edit_story(&key, edit, ctx)?);
        Self::record_fields(board, &key, &w, true);
        if let Some(s) = board.story(&key) {
            self.last.insert(list, Some(s.rank.clone()));
        }
        self.summary.created.push(key.clone());
        Ok(key)
    }

    /// Brings the origin's hashes up to date with what the story now holds: every field when
    /// `all` (a new story), else the fields that hold what the source has (a field kept as
    /// edited here keeps the hash of what the import set, so it stays "edited here").
    fn record_fields(board: &mut Board, key: &str, w: &Wanted, all: bool) {
        if let Some(s) = board.stories.get_mut(key) {
            let now = Wanted::of(s);
            if let Some(o) = s.origin.as_mut() {
                for f in TRACKED {
                    let value = hash(&now.value(f));
                    if all || value == hash(&w.value(f)) {
                        o.fields.insert(f.to_owned(), value);
                    }
                }
            }
        }
    }

    fn put_in_closed_sprint(&mut self, board: &mut Board, key: &str, sprint: ListId, ctx: &Ctx) {
        if let Some(s) = board.stories.get_mut(key)
            && s.sprint != sprint
        {
            s.history.push(ctx.event(Change::Sprint { from: s.sprint.clone(), to: sprint.clone() }));
            s.sprint = sprint;
        }
    }

    /// A story imported before: each field the source changed is taken, unless it was edited
    /// here too (then the local value stays, and the summary says so).
    fn update(&mut self, board: &mut Board, key: &str, r: &Record, w: Wanted, ctx: &mut Ctx) -> Result<(), OpError> {
        let Some(story) = board.story(key) else { return Err(OpError::UnknownStory(key.to_owned())) };
        let prior = story.clone();
        let here = Wanted::of(story);
        let last = story.origin.as_ref().map(|o| o.fields.clone()).unwrap_or_default();
        let mut take: Vec<&str> = Vec::new();
        for f in TRACKED {
            let (source, local) = (hash(&w.value(f)), hash(&here.value(f)));
            match last.get(f) {
                Some(l) if *l == source => {}
                _ if source == local => {}
                Some(l) if *l != local => {
                    self.summary.kept_local.push(format!("{key} ({}): {f}", r.origin));
                }
                _ => take.push(f),
            }
        }
        if take.is_empty() {
            Self::record_fields(board, key, &w, false);
            if board.story(key) != Some(&prior) {
                self.changes.merge(Changes::story(key, Some(prior)));
            }
            self.summary.unchanged += 1;
            return Ok(());
        }
        let has = |f: &str| take.contains(&f);
        let edit = Edit {
            title: has("title").then(|| w.title.clone()),
            kind: has("type").then_some(w.kind),
            points: has("points").then_some(w.points),
            assignee: has("assignee").then(|| w.assignee.as_ref().map(Short::to_string)),
            epic: has("epic").then(|| w.epic.as_ref().map(Short::to_string)),
            labels: has("labels").then(|| w.labels.iter().map(Short::to_string).collect()),
            description: has("description").then(|| w.description.clone()),
            acceptance: has("acceptance").then(|| w.acceptance.clone()),
            ..Edit::default()
        };
        self.changes.merge(board.edit_story(key, edit, ctx)?);
        if has("sprint") || has("status") {
            let closed = w
                .sprint
                .as_deref()
                .and_then(|id| board.file.sprint(id))
                .is_some_and(|s| s.state == SprintState::Closed);
            let sprint = (has("sprint") && !closed).then(|| w.sprint.clone());
            let mv = Move { sprint, status: has("status").then(|| w.status.to_string()), position: Position::Keep };
            self.changes.merge(board.move_story(key, &mv, ctx)?);
            if has("sprint") && closed {
                self.put_in_closed_sprint(board, key, w.sprint.clone(), ctx);
            }
        }
        Self::record_fields(board, key, &w, false);
        if board.story(key) != Some(&prior) {
            self.changes.merge(Changes::story(key, Some(prior)));
        }
        if has("sprint") {
            // Its list's last story may be this one now.
            self.last.remove(&w.sprint);
        }
        self.summary.updated.push(key.to_owned());
        Ok(())
    }

    /// The sprints this import created, in the board's order, that come before the first one
    /// holding unfinished work are over: closed (all of them, when none holds any). Their
    /// unfinished stories go to the backlog, where Jira keeps an issue whose sprint closed
    /// without it. A later one whose stories are all done is closed too.
    fn settle_sprints(&mut self, board: &mut Board, ctx: &mut Ctx) -> Result<(), OpError> {
        let Some(done) = board.file.done_column().map(|c| c.id.clone()) else { return Ok(()) };
        let created: Vec<Short> = board
            .file
            .sprints
            .iter()
            .filter(|s| s.state == SprintState::Planned)
            .filter(|s| self.summary.sprints_created.iter().any(|n| n.eq_ignore_ascii_case(&s.name)))
            .map(|s| s.id.clone())
            .collect();
        let open = |board: &Board, id: &str| board.list(Some(id)).iter().any(|s| s.status != done);
        let first_open = created.iter().position(|id| open(board, id));
        let mut finished: Vec<Short> = Vec::new();
        for (i, id) in created.iter().enumerate() {
            let before = first_open.is_none_or(|f| i < f);
            let all_done = !board.list(Some(id)).is_empty() && !open(board, id);
            if before || all_done {
                finished.push(id.clone());
            }
        }
        if finished.is_empty() {
            return Ok(());
        }
        let mut carried = 0;
        for id in &finished {
            let unfinished: Vec<Short> =
                board.list(Some(id)).iter().filter(|s| s.status != done).map(|s| s.key.clone()).collect();
            for key in unfinished {
                let mv = Move { sprint: Some(None), status: None, position: Position::Keep };
                self.changes.merge(board.move_story(&key, &mv, ctx)?);
                carried += 1;
            }
        }
        if carried > 0 {
            self.summary.approximated.push(format!(
                "{carried} unfinished stories of sprints closed before the current one went to the backlog"
            ));
        }
        let prior = board.file.clone();
        for s in board.file.sprints.iter_mut().filter(|s| finished.contains(&s.id)) {
            s.state = SprintState::Closed;
            s.closed_at = Some(ctx.now);
            self.summary.sprints_closed.push(s.name.clone());
        }
        self.changes.merge(Changes::board(prior));
        Ok(())
    }
}

/// Where a record is, and its id at the source: `line 7 (DEV-6)`.
fn named(r: &Record) -> String {
    match r.origin.split_once(':') {
        Some((_, id)) => format!("{} ({id})", r.place),
        None => r.place.clone(),
    }
}

/// A sort key that puts `Sprint 9` before `Sprint 10`.
fn natural(s: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push((std::mem::take(&mut text), digits.parse().unwrap_or(u64::MAX)));
                digits.clear();
            }
            text.extend(c.to_lowercase());
        }
    }
    out.push((text, 0));
    out
}
