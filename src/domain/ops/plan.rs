//! Planning operations: sprints (new, start, close with carry-over) and epics.

use super::{Changes, Ctx, Move, OpError, Position, clean_line};
use crate::domain::board::{Board, ListId};
use crate::domain::model::{Epic, Sprint, SprintState, slug, unique_id};
use jiff::civil::Date;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewSprint {
    pub name: String,
    pub goal: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub capacity: Option<u32>,
}

impl Board {
    /// Adds a planned sprint at the end of the sprint list and returns its id.
    pub fn new_sprint(&mut self, new: NewSprint) -> Result<(String, Changes), OpError> {
        let name = clean_line("sprint name", &new.name)?;
        if name.eq_ignore_ascii_case("backlog") || name.eq_ignore_ascii_case("all") {
            return Err(OpError::Invalid(format!("{name:?} is reserved; choose another sprint name")));
        }
        if self.file.find_sprint(&name).is_some() {
            return Err(OpError::Refused(format!("there is already a sprint named {name:?}")));
        }
        if let (Some(s), Some(e)) = (new.start, new.end)
            && e < s
        {
            return Err(OpError::Invalid(format!("the sprint ends ({e}) before it starts ({s})")));
        }
        let id = unique_id(slug(&name), |id| self.file.sprint(id).is_some());
        let prior = self.file.clone();
        self.file.sprints.push(Sprint {
            id: id.clone(),
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
        let sprint =
            self.file.sprints.iter_mut().find(|s| s.id == id).ok_or_else(|| OpError::UnknownSprint(id.into()))?;
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
    pub fn close_sprint(&mut self, id: &str, ctx: &mut Ctx) -> Result<(ListId, Changes), OpError> {
        let pos = self.file.sprints.iter().position(|s| s.id == id).ok_or_else(|| OpError::UnknownSprint(id.into()))?;
        let sprint = &self.file.sprints[pos];
        if sprint.state != SprintState::Active {
            return Err(OpError::Refused(format!("sprint {} is {}, not active", sprint.name, sprint.state.label())));
        }
        let next: ListId =
            self.file.sprints[pos + 1..].iter().find(|s| s.state == SprintState::Planned).map(|s| s.id.clone());
        let done = self.file.done_column().map(|c| c.id.clone());
        let unfinished: Vec<String> =
            self.list(Some(id)).iter().filter(|s| Some(&s.status) != done.as_ref()).map(|s| s.key.clone()).collect();
        let mut changes = Changes::board(self.file.clone());
        // The same close on two clones must give the same files, so that git merges them
        // cleanly: the carried stories' ranks come from a generator seeded by the sprint, not
        // from this machine's randomness.
        let seed = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        let mut same_everywhere = Ctx { now: ctx.now, user: ctx.user.clone(), rng: fastrand::Rng::with_seed(seed) };
        for key in unfinished.iter().rev() {
            let mv = Move { sprint: Some(next.clone()), status: None, position: Position::Top };
            changes.merge(self.move_story(key, &mv, &mut same_everywhere)?);
        }
        let today = ctx.today();
        let sprint = &mut self.file.sprints[pos];
        sprint.state = SprintState::Closed;
        sprint.closed_at = Some(ctx.now);
        sprint.end.get_or_insert(today);
        Ok((next, changes))
    }

    pub fn new_epic(&mut self, name: &str, description: &str) -> Result<(String, Changes), OpError> {
        let name = clean_line("epic name", name)?;
        if self.file.find_epic(&name).is_some() {
            return Err(OpError::Refused(format!("there is already an epic named {name:?}")));
        }
        let id = unique_id(slug(&name), |id| self.file.epic(id).is_some());
        let prior = self.file.clone();
        self.file.epics.push(Epic { id: id.clone(), name, description: description.trim().to_owned() });
        Ok((id, Changes::board(prior)))
    }
}
