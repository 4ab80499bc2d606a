//! Who acts and when, and the randomness for new keys and ranks: what every operation is given.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::domain::history::{Change, Event};
use crate::domain::short_text::ShortText;

/// Who acts, when, and the randomness for new keys and ranks (seeded in tests).
pub struct Ctx {
    pub now: Timestamp,
    pub user: ShortText,
    pub rng: fastrand::Rng,
}

impl Ctx {
    pub fn new(now: Timestamp, user: impl Into<ShortText>, seed: u64) -> Ctx {
        Ctx { now, user: user.into(), rng: fastrand::Rng::with_seed(seed) }
    }

    pub(crate) fn event(&self, change: Change) -> Event {
        Event { at: self.now, by: self.user.clone(), change }
    }

    /// The date now, in the system's time zone.
    pub fn today(&self) -> Date {
        self.now.to_zoned_datetime(jiff::tz::TimeZone::system()).date()
    }
}
