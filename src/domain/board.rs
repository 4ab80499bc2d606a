//! A whole board in memory and the queries every front end needs.

use std::collections::BTreeMap;

use super::model::{BoardFile, Sprint, SprintState, Story};
use super::short_text::ShortText;

/// Which list a story sits in: a sprint (by id) or the backlog.
pub type ListId = Option<ShortText>;

/// `board.ron` plus every story, by key.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub file: BoardFile,
    pub stories: BTreeMap<ShortText, Box<Story>>,
    /// Story files that could not be read, by the key their file's name gives: kept out of
    /// every list, report and forecast, never written, and reported until they are repaired.
    pub damaged: BTreeMap<ShortText, Damaged>,
}

/// A story file that could not be read (it does not parse, is too large, is not UTF-8 text or
/// is not a regular file): where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// The file, as the board names it (`stories/SB-K7QX.ron`).
    pub file: String,
    /// 1-based line and column, when the problem has a place.
    pub at: Option<(usize, usize)>,
    pub reason: String,
}

impl Damaged {
    /// `stories/SB-K7QX.ron:3:14: reason`.
    pub fn describe(&self) -> String {
        match self.at {
            Some((line, col)) => format!("{}:{line}:{col}: {}", self.file, self.reason),
            None => format!("{}: {}", self.file, self.reason),
        }
    }

    /// How to get out of it, on the command line.
    pub fn way_out(key: &str) -> String {
        format!(
            "`sprintboard repair {key}` opens it in $EDITOR and saves it once it parses (or take one side with git)"
        )
    }
}

impl Board {
    pub fn new(file: BoardFile) -> Board {
        Board { file, stories: BTreeMap::new(), damaged: BTreeMap::new() }
    }

    pub fn story(&self, key: &str) -> Option<&Story> {
        self.stories.get(key).map(|s| &**s)
    }

    /// The stories of one list, in rank order (ties broken by key, so the order is total).
    pub fn list(&self, sprint: Option<&str>) -> Vec<&Story> {
        let mut list: Vec<&Story> =
            self.stories.values().map(|s| &**s).filter(|s| s.sprint.as_deref() == sprint).collect();
        list.sort_by(|a, b| (&a.rank, &a.key).cmp(&(&b.rank, &b.key)));
        list
    }

    /// Every list in board order: the sprints as listed, then the backlog (one pass over the
    /// stories, not one per sprint).
    pub fn all_lists(&self) -> Vec<(Option<&Sprint>, Vec<&Story>)> {
        let mut by_list: std::collections::HashMap<Option<&'_ str>, Vec<&Story>> = std::collections::HashMap::new();
        for s in self.stories.values() {
            by_list.entry(s.sprint.as_deref()).or_default().push(s);
        }
        let mut out: Vec<(Option<&Sprint>, Vec<&Story>)> = Vec::new();
        for sprint in self.file.sprints.iter().map(Some).chain(std::iter::once(None)) {
            let mut list = by_list.remove(&sprint.map(|s| s.id.as_str())).unwrap_or_default();
            list.sort_by(|a, b| (&a.rank, &a.key).cmp(&(&b.rank, &b.key)));
            out.push((sprint, list));
        }
        out
    }

    /// The lists a story can be moved through with "previous / next sprint": the backlog, then
    /// every sprint that is not closed, in order.
    pub fn sprint_sequence(&self) -> Vec<ListId> {
        std::iter::once(None)
            .chain(self.file.sprints.iter().filter(|s| s.state != SprintState::Closed).map(|s| Some(s.id.clone())))
            .collect()
    }

    /// The sum of the points of a list (saturating: see [`sum_points`]).
    pub fn points(&self, sprint: Option<&str>) -> u32 {
        sum_points(self.stories.values().filter(|s| s.sprint.as_deref() == sprint).filter_map(|s| s.points))
    }

    /// The people stories can be assigned to: the board's list plus anyone already assigned,
    /// each once, by their name (an alias of one of the board's people is that person).
    pub fn people(&self) -> Vec<String> {
        let mut people: Vec<String> = Vec::new();
        let names = self.file.people.iter().map(|p| p.name.clone());
        let assigned = self.stories.values().filter_map(|s| s.assignee.as_deref()).map(|a| self.person(a));
        for name in names.chain(assigned) {
            if !name.trim().is_empty() && !people.iter().any(|p| p.eq_ignore_ascii_case(name.trim())) {
                people.push(name.trim().to_owned());
            }
        }
        people
    }

    /// Who `name` (an assignee, a history's author) is: the board's person it names or is an
    /// alias of, by their name; else `name` itself.
    pub fn person(&self, name: &str) -> String {
        self.file.people.iter().find(|p| p.answers_to(name)).map_or_else(|| name.trim().to_owned(), |p| p.name.clone())
    }

    /// Every name `name`'s person goes by: their name and aliases (or `name` alone).
    pub fn names_of(&self, name: &str) -> Vec<String> {
        match self.file.people.iter().find(|p| p.answers_to(name)) {
            Some(p) => std::iter::once(p.name.clone()).chain(p.aliases.iter().cloned()).collect(),
            None => vec![name.trim().to_owned()],
        }
    }

    /// A history event's change as a person reads it: `To Do → In Progress`, `blocked: …`.
    pub fn describe_change(&self, change: &crate::domain::Change) -> String {
        use crate::domain::Change;
        let col = |id: &str| self.file.column(id).map_or_else(|| id.to_owned(), |c| c.name.clone());
        let list = |id: &Option<crate::domain::ShortText>| self.list_name(id.as_deref());
        match change {
            Change::Created { status, sprint } => format!("created in {} ({})", col(status), list(sprint)),
            Change::Status { from, to } => format!("{} → {}", col(from), col(to)),
            Change::Sprint { from, to } => format!("{} → {}", list(from), list(to)),
            Change::Blocked { reason: Some(r) } => format!("blocked: {r}"),
            Change::Blocked { reason: None } => "unblocked".to_owned(),
            Change::Points { from, to } => {
                let p = |v: &Option<u32>| {
                    v.map_or_else(|| "no estimate".to_owned(), |n| crate::text::count(n as usize, "point", "points"))
                };
                format!("re-estimated: {} → {}", p(from), p(to))
            }
            Change::Overwrote { field, theirs } => {
                format!(
                    "{field} saved over a change made elsewhere (theirs was {:?})",
                    crate::text::truncate(theirs, 60)
                )
            }
        }
    }
}

/// Points (or capacities) added up. An estimate typed here is at most
/// [`fields::MAX_POINTS`](super::fields::MAX_POINTS), but a file written by hand may hold any
/// `u32`: the sum stops at `u32::MAX` rather than overflow (a panic in a debug build, a wrapped,
/// wrong figure in a release one). Every sum of points over stories goes through here.
pub fn sum_points(points: impl IntoIterator<Item = u32>) -> u32 {
    points.into_iter().fold(0, u32::saturating_add)
}

/// `part` as a whole percentage of `whole` (done points of all points); `None` when `whole` is
/// 0. In u64: `part * 100` may be more than a u32 holds.
pub fn percent(part: u32, whole: u32) -> Option<u64> {
    (u64::from(part) * 100).checked_div(u64::from(whole))
}
