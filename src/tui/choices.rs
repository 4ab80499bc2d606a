//! What the prompts and pickers offer: the points scale, the people to assign, the orders a
//! list can be sorted in. Both `update` (which acts on a choice) and the views (which show
//! them) use these.

use super::state::App;
use crate::domain::SortBy;

/// The usual planning-poker scale, offered by the points prompt.
pub const POINT_SCALE: [u32; 10] = [0, 1, 2, 3, 5, 8, 13, 20, 40, 100];

/// The orders `s` offers, in the popup's order.
pub const SORTS: [SortBy; 3] = [SortBy::Rice, SortBy::Wsjf, SortBy::Moscow];

/// The people matching what was typed in the assign prompt, first "nobody".
pub fn assign_options(app: &App, typed: &str) -> Vec<Option<String>> {
    let typed = typed.trim().to_lowercase();
    std::iter::once(None)
        .chain(app.board().people().into_iter().filter(|p| p.to_lowercase().contains(&typed)).map(Some))
        .collect()
}
