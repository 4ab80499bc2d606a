//! The sprints an import needs: found or created in their order at the source, the one current
//! work goes to, and those over by the source's account closed at the end.

use std::collections::HashSet;

use super::Import;
use crate::domain::{Board, Changes, Ctx, Move, NewSprint, OpError, Position, ShortText, SprintState};
use crate::interop::import::Record;

impl Import<'_> {
    /// The sprints the export names: found by name, or created in their order at the source —
    /// a sprint a record lists before another is earlier (Jira lists every sprint an issue was
    /// in, oldest first), then by the dates the export gives, then as `Sprint 9` comes before
    /// `Sprint 10`.
    pub(super) fn sprints(&mut self, board: &mut Board) -> Result<(), OpError> {
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

    /// Where current work goes (a source without sprints, like Trello): the active sprint, else
    /// a sprint named after the source board, started now, so the Board view shows what the
    /// source board showed.
    pub(super) fn current_sprint(&mut self, board: &mut Board, ctx: &Ctx) -> Result<(), OpError> {
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
        self.current = Some(ShortText::from(id));
        Ok(())
    }

    /// The sprints this import created, in the board's order, that come before the first one
    /// holding unfinished work are over: closed (all of them, when none holds any). Their
    /// unfinished stories go to the backlog, where Jira keeps an issue whose sprint closed
    /// without it. A later one whose stories are all done is closed too.
    pub(super) fn settle_sprints(&mut self, board: &mut Board, ctx: &mut Ctx) -> Result<(), OpError> {
        let Some(done) = board.file.done_column().map(|c| c.id.clone()) else { return Ok(()) };
        let created: Vec<ShortText> = board
            .file
            .sprints
            .iter()
            .filter(|s| s.state == SprintState::Planned)
            .filter(|s| self.summary.sprints_created.iter().any(|n| n.eq_ignore_ascii_case(&s.name)))
            .map(|s| s.id.clone())
            .collect();
        let open = |board: &Board, id: &str| board.list(Some(id)).iter().any(|s| s.status != done);
        let first_open = created.iter().position(|id| open(board, id));
        let mut finished: Vec<ShortText> = Vec::new();
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
            let unfinished: Vec<ShortText> =
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
