//! Planning operations: sprints (new, start, close with carry-over) and epics.

use super::{Changes, Ctx, Move, OpError, Position, check_controls, clean_line};
use crate::domain::board::{Board, ListId};
use crate::domain::model::{Epic, Sprint, SprintState, slug, unique_id};
use crate::domain::short_text::ShortText;
use jiff::civil::Date;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewSprint {
    pub name: String,
    pub goal: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub capacity: Option<u32>,
}

/// Field edits of a sprint; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SprintEdit {
    pub name: Option<String>,
    pub goal: Option<String>,
    pub start: Option<Option<Date>>,
    pub end: Option<Option<Date>>,
    pub capacity: Option<Option<u32>>,
}

/// Unfinished stories left in a closed sprint, and the command that carries them over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stranded {
    /// The sprint's name.
    pub sprint: String,
    /// The unfinished stories still in it, in list order.
    pub keys: Vec<String>,
    /// Where the fix carries them: the next sprint not closed, or the backlog.
    pub to: String,
    /// The command that carries them over.
    pub fix: String,
}

impl std::fmt::Display for Stranded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SHOWN: usize = 10;
        let mut keys = self.keys.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
        if self.keys.len() > SHOWN {
            keys.push_str(&format!(" and {} more", self.keys.len() - SHOWN));
        }
        let n = crate::text::count(self.keys.len(), "unfinished story", "unfinished stories");
        write!(
            f,
            "sprint {} is closed but {n} {} still in it ({keys}): `{}` carries {} over to {}",
            self.sprint,
            if self.keys.len() == 1 { "is" } else { "are" },
            self.fix,
            if self.keys.len() == 1 { "it" } else { "them" },
            self.to
        )
    }
}

/// The name after `name`: its last number counted up (`Sprint 9` → `Sprint 10`).
fn next_name(name: &str) -> Option<String> {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, number) = name.split_at(name.len() - digits);
    let n: u64 = number.parse().ok()?;
    Some(format!("{stem}{}", n.checked_add(1)?))
}

impl Board {
    /// What a new sprint would be by default: named after the last one (`Sprint 9` → `Sprint
    /// 10`), on the team's cadence (see [`crate::domain::BoardFile::next_sprint_dates`]): from the first
    /// working day after the last one ends, as many working days as it lasted; with `capacity`
    /// (the recent velocity).
    pub fn next_sprint(&self, today: Date, capacity: Option<u32>) -> NewSprint {
        let name = self.projected_names().next().unwrap_or_else(|| {
            let mut name = format!("Sprint {}", self.file.sprints.len() + 1);
            while self.file.find_sprint(&name).is_some() {
                name = next_name(&name).unwrap_or_else(|| format!("{name} 2"));
            }
            name
        });
        let (start, end) = self.file.next_sprint_dates(today).unzip();
        NewSprint { name, goal: String::new(), start, end, capacity }
    }

    /// The names the sprints after the last one would get, one after the other, as `N`
    /// suggests them: the last one's number counted up, skipping names already taken (none
    /// when the last name ends in no number, or there is no sprint but the first).
    pub fn projected_names(&self) -> impl Iterator<Item = String> + '_ {
        let first = match self.file.sprints.last() {
            Some(last) => next_name(&last.name),
            None => Some("Sprint 1".to_owned()),
        };
        std::iter::successors(first, |n| next_name(n)).filter(|n| self.file.find_sprint(n).is_none())
    }

    /// A sprint name as stored: one line, not a word the CLI reserves, not another sprint's
    /// (`id`: the sprint being renamed, which may keep its own).
    fn sprint_name(&self, name: &str, id: Option<&str>) -> Result<String, OpError> {
        let name = clean_line("sprint name", name)?;
        if name.eq_ignore_ascii_case("backlog") || name.eq_ignore_ascii_case("all") {
            return Err(OpError::Invalid(format!("{name:?} is reserved; choose another sprint name")));
        }
        if self.file.find_sprint(&name).is_some_and(|s| Some(s.id.as_str()) != id) {
            return Err(OpError::Refused(format!("there is already a sprint named {name:?}")));
        }
        Ok(name)
    }

    /// Changes a sprint's name, goal, dates or capacity.
    pub fn edit_sprint(&mut self, id: &str, edit: SprintEdit) -> Result<Changes, OpError> {
        let name = edit.name.as_deref().map(|n| self.sprint_name(n, Some(id))).transpose()?;
        let prior = self.file.clone();
        let i = self.file.sprints.iter().position(|s| s.id == id).ok_or_else(|| self.unknown_sprint(id))?;
        let sprint = &mut self.file.sprints[i];
        let mut s = sprint.clone();
        if let Some(n) = name {
            s.name = n;
        }
        if let Some(g) = edit.goal {
            check_controls("sprint goal", &g)?;
            s.goal = g.trim().to_owned();
        }
        if let Some(d) = edit.start {
            s.start = d;
        }
        if let Some(d) = edit.end {
            s.end = d;
        }
        if let Some(c) = edit.capacity {
            s.capacity = c;
        }
        if let (Some(st), Some(e)) = (s.start, s.end)
            && e < st
        {
            return Err(OpError::Invalid(format!("the sprint would end ({e}) before it starts ({st})")));
        }
        if s == *sprint {
            return Ok(Changes::default());
        }
        *sprint = s;
        Ok(Changes::board(prior))
    }

    /// Adds a planned sprint at the end of the sprint list and returns its id.
    pub fn new_sprint(&mut self, new: NewSprint) -> Result<(String, Changes), OpError> {
        let name = self.sprint_name(&new.name, None)?;
        if let (Some(s), Some(e)) = (new.start, new.end)
            && e < s
        {
            return Err(OpError::Invalid(format!("the sprint ends ({e}) before it starts ({s})")));
        }
        check_controls("sprint goal", &new.goal)?;
        let id = unique_id(slug(&name), |id| self.file.sprint(id).is_some());
        let prior = self.file.clone();
        self.file.sprints.push(Sprint {
            id: id.as_str().into(),
            name,
            goal: new.goal.trim().to_owned(),
            start: new.start,
            end: new.end,
            capacity: new.capacity,
            state: SprintState::Planned,
            started_at: None,
            closed_at: None,
        });
        Ok((id, Changes::board(prior)))
    }

    /// The sprint `id`, which must be in `state` for what is asked of it.
    fn sprint_in(&mut self, id: &str, state: SprintState) -> Result<&mut Sprint, OpError> {
        let i = self.file.sprints.iter().position(|s| s.id == id).ok_or_else(|| self.unknown_sprint(id))?;
        let sprint = &mut self.file.sprints[i];
        if sprint.state != state {
            return Err(OpError::Refused(format!(
                "sprint {} is {}, not {}",
                sprint.name,
                sprint.state.label(),
                state.label()
            )));
        }
        Ok(sprint)
    }

    pub fn start_sprint(&mut self, id: &str, ctx: &Ctx) -> Result<Changes, OpError> {
        if let Some(active) = self.file.active_sprint() {
            return Err(OpError::Refused(format!(
                "sprint {} is already active: close it first (`sprintboard sprint close`)",
                active.name
            )));
        }
        let today = ctx.today();
        let prior = self.file.clone();
        let sprint = self.sprint_in(id, SprintState::Planned)?;
        sprint.state = SprintState::Active;
        sprint.started_at = Some(ctx.now);
        sprint.start.get_or_insert(today);
        Ok(Changes::board(prior))
    }

    /// Puts an active sprint back to planned, as if it had not been started; its stories stay.
    pub fn stop_sprint(&mut self, id: &str) -> Result<Changes, OpError> {
        let prior = self.file.clone();
        let sprint = self.sprint_in(id, SprintState::Active)?;
        sprint.state = SprintState::Planned;
        sprint.started_at = None;
        Ok(Changes::board(prior))
    }

    /// Closes the active sprint; its unfinished stories go to the top of the next planned sprint,
    /// or of the backlog when there is none. Returns where they went.
    ///
    /// On a sprint already closed, carries over the unfinished stories still in it (a merge
    /// brought them there: one clone closed the sprint while another moved a story into it) to
    /// the next sprint after it that is not closed, or the backlog, the same way: `check`
    /// names this as the fix, and closing twice is then always safe.
    /// Many files: the store writes them through its journal, so an interruption is finished by
    /// the next command, exactly (see `store::journal` for why a journal and not an order).
    pub fn close_sprint(&mut self, id: &str, ctx: &mut Ctx) -> Result<(ListId, Changes), OpError> {
        let pos = self.file.sprints.iter().position(|s| s.id == id).ok_or_else(|| self.unknown_sprint(id))?;
        let sprint = &self.file.sprints[pos];
        let closing = match sprint.state {
            SprintState::Active => true,
            SprintState::Closed => false,
            SprintState::Planned => {
                return Err(OpError::Refused(format!("sprint {} is planned, not active", sprint.name)));
            }
        };
        let next = self.carry_over_to(id);
        let unfinished = self.unfinished_in(id);
        let mut changes = if closing { Changes::board(self.file.clone()) } else { Changes::default() };
        // The same close on two clones must give the same files, so that git merges them
        // cleanly: the carried stories' ranks come from a generator seeded by the sprint, not
        // from this machine's randomness.
        let seed = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        let mut same_everywhere = Ctx { now: ctx.now, user: ctx.user.clone(), rng: fastrand::Rng::with_seed(seed) };
        for key in unfinished.iter().rev() {
            let mv = Move { sprint: Some(next.clone()), status: None, position: Position::Top };
            changes.merge(self.move_story(key, &mv, &mut same_everywhere)?);
        }
        if closing {
            let today = ctx.today();
            let sprint = &mut self.file.sprints[pos];
            sprint.state = SprintState::Closed;
            sprint.closed_at = Some(ctx.now);
            sprint.end.get_or_insert(today);
        }
        Ok((next, changes))
    }

    /// Where closing sprint `id` carries its unfinished stories (none: the backlog): the first
    /// planned sprint after it; for a sprint closed already (see [`Board::close_sprint`]), the
    /// first after it that is not closed. The one statement of the rule: closing, `check` and
    /// the TUI's question before closing all ask here.
    pub fn carry_over_to(&self, id: &str) -> ListId {
        // A sprint removed elsewhere meanwhile has no sprints after it.
        let pos = self.file.sprints.iter().position(|s| s.id == id)?;
        let closed = self.file.sprints[pos].state == SprintState::Closed;
        self.file.sprints[pos + 1..]
            .iter()
            .find(|s| if closed { s.state != SprintState::Closed } else { s.state == SprintState::Planned })
            .map(|s| s.id.clone())
    }

    /// The keys of the stories in sprint `id` not in the last (done) column, in list order:
    /// what closing it carries over.
    pub fn unfinished_in(&self, id: &str) -> Vec<ShortText> {
        let done = self.file.done_column().map(|c| c.id.clone());
        self.list(Some(id)).iter().filter(|s| Some(&s.status) != done.as_ref()).map(|s| s.key.clone()).collect()
    }

    /// The closed sprints that still hold unfinished stories (a crash in an older version, or
    /// a merge: one clone closed the sprint while another moved a story into it), each with
    /// those stories and the command that carries them over. `check` reports them.
    pub fn unfinished_in_closed_sprints(&self) -> Vec<Stranded> {
        self.file
            .sprints
            .iter()
            .filter(|s| s.state == SprintState::Closed)
            .filter_map(|s| {
                let keys: Vec<String> = self.unfinished_in(&s.id).iter().map(ShortText::to_string).collect();
                if keys.is_empty() {
                    return None;
                }
                Some(Stranded {
                    sprint: s.name.clone(),
                    keys,
                    to: self.list_name(self.carry_over_to(&s.id).as_deref()),
                    fix: format!("sprintboard sprint close \"{}\"", s.name),
                })
            })
            .collect()
    }

    pub fn new_epic(&mut self, name: &str, description: &str) -> Result<(String, Changes), OpError> {
        let name = clean_line("epic name", name)?;
        if self.file.find_epic(&name).is_some() {
            return Err(OpError::Refused(format!("there is already an epic named {name:?}")));
        }
        let id = unique_id(slug(&name), |id| self.file.epic(id).is_some());
        let prior = self.file.clone();
        self.file.epics.push(Epic { id: id.as_str().into(), name, description: description.trim().to_owned() });
        Ok((id, Changes::board(prior)))
    }
}
