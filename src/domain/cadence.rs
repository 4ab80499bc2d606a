//! The team's rhythm: a sprint starts on the first working day after the one before ends and
//! lasts as many working days as it did (two weeks of working days when there is none to
//! follow). `N`, `sprint new` and the forecast's projected sprints all take their dates from
//! here, so they agree with one another and with the Metrics' "a sprint every N days".

use jiff::Span;
use jiff::civil::{Date, Weekday};

use super::model::{BoardFile, Sprint};

/// How many weeks a sprint lasts when there is no earlier one to follow.
const DEFAULT_WEEKS: u32 = 2;

const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

fn days(n: i64) -> Span {
    Span::new().days(n)
}

impl BoardFile {
    /// How many days of a week are working days. A `working_days` that names no real day
    /// (only misspellings) counts as every day, as an empty one does: a cadence needs days.
    fn working_per_week(&self) -> u32 {
        let named = WEEK
            .iter()
            .filter(|d| self.working_days.iter().any(|w| w.trim().eq_ignore_ascii_case(super::model::day_name(**d))))
            .count();
        if self.working_days.is_empty() || named == 0 { 7 } else { named as u32 }
    }

    /// Whether sprints count `d` as a working day (see [`BoardFile::working_per_week`]).
    pub fn is_working_day(&self, d: Date) -> bool {
        self.working_per_week() == 7 || self.works_on(d)
    }

    /// The first working day on or after `d` (`None` past the last date there is).
    pub fn working_day_from(&self, d: Date) -> Option<Date> {
        let mut day = d;
        // Some day of any seven in a row works (see `working_per_week`).
        for _ in 0..7 {
            if self.is_working_day(day) {
                return Some(day);
            }
            day = day.tomorrow().ok()?;
        }
        None
    }

    /// How many working days there are from `start` to `end`, both counted (0 when `end` comes
    /// before `start`). Whole weeks are counted at once: a file may hold any two dates.
    pub fn working_days_between(&self, start: Date, end: Date) -> u32 {
        if end < start {
            return 0;
        }
        let total = (end - start).get_days() as i64 + 1;
        let (weeks, rest) = (total / 7, total % 7);
        let mut n = weeks as u32 * self.working_per_week();
        let mut day = start.checked_add(days(weeks * 7)).ok();
        for _ in 0..rest {
            let Some(d) = day else { break };
            n += u32::from(self.is_working_day(d));
            day = d.tomorrow().ok();
        }
        n
    }

    /// The last of `n` working days (at least one) from `start` on, `start` itself the first
    /// when it is a working day.
    pub fn last_of_working_days(&self, start: Date, n: u32) -> Option<Date> {
        let first = self.working_day_from(start)?;
        let n = n.max(1) - 1;
        let per_week = self.working_per_week();
        // A whole week from a working day lands on the same weekday, `per_week` working days on.
        let mut day = first.checked_add(days(i64::from(n / per_week) * 7)).ok()?;
        for _ in 0..n % per_week {
            day = self.working_day_from(day.tomorrow().ok()?)?;
        }
        Some(day)
    }

    /// How many working days the board's sprints last: as the last sprint with both dates did,
    /// or two weeks' worth.
    pub fn sprint_length(&self) -> u32 {
        self.sprints
            .iter()
            .rev()
            .find_map(|s| Some(self.working_days_between(s.start?, s.end?)))
            .filter(|n| *n > 0)
            .unwrap_or(DEFAULT_WEEKS * self.working_per_week())
    }

    /// The dates of a sprint of `length` working days that follows one ending on `end`: from the
    /// first working day after it to its own last working day.
    pub fn sprint_after(&self, end: Date, length: u32) -> Option<(Date, Date)> {
        let start = self.working_day_from(end.tomorrow().ok()?)?;
        Some((start, self.last_of_working_days(start, length)?))
    }

    /// The dates a new sprint gets: after the last sprint when it has an end (not before
    /// `today`), else from `today`; as long as the board's sprints are.
    pub fn next_sprint_dates(&self, today: Date) -> Option<(Date, Date)> {
        let length = self.sprint_length();
        let after = self.sprints.last().and_then(|s| s.end).and_then(|e| self.sprint_after(e, length));
        match after {
            Some((start, end)) if start >= today => Some((start, end)),
            _ => {
                let start = self.working_day_from(today)?;
                Some((start, self.last_of_working_days(start, length)?))
            }
        }
    }

    /// Calendar days from one sprint's start to the next one's, by the cadence of the last sprint
    /// with both dates (14 for two weeks, Monday to Friday). `None` when no sprint has dates.
    pub fn sprint_every_days(&self) -> Option<i64> {
        let last: &Sprint = self.sprints.iter().rev().find(|s| s.start.is_some() && s.end.is_some())?;
        let (start, end) = (last.start?, last.end?);
        let (next, _) = self.sprint_after(end, self.sprint_length())?;
        Some((next - start).get_days() as i64)
    }
}

#[cfg(test)]
mod tests;
