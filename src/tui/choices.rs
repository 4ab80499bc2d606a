//! What the prompts and pickers offer: the points scale, the people to assign, the orders a
//! list can be sorted in. Both `update` (which acts on a choice) and the views (which show
//! them) use these.

use crate::domain::{Board, SortBy};

/// The usual planning-poker scale, offered by the points prompt.
pub const POINT_SCALE: [u32; 10] = [0, 1, 2, 3, 5, 8, 13, 20, 40, 100];

/// The orders `s` offers, in the popup's order.
pub const SORTS: [SortBy; 3] = [SortBy::Rice, SortBy::Wsjf, SortBy::Moscow];

/// The people matching what was typed in the assign prompt: first "nobody", then the current
/// user (`user`, as the board's person they are), then the board's people.
pub fn assign_options(board: &Board, user: &str, typed: &str) -> Vec<Option<String>> {
    let typed = typed.trim().to_lowercase();
    let mut people = board.people();
    if !user.trim().is_empty() {
        let me = board.person(user);
        people.retain(|p| !p.eq_ignore_ascii_case(&me));
        people.insert(0, me);
    }
    // What was typed matches any of a person's names (`dev` finds Dana, alias `Dev Dana`).
    let matches = |p: &String| board.names_of(p).iter().any(|n| n.to_lowercase().contains(&typed));
    std::iter::once(None).chain(people.into_iter().filter(matches).map(Some)).collect()
}
