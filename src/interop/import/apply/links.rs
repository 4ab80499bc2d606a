//! The blocking links between the records an import placed, and the stories imported before:
//! each made on the board, or said why not.

use std::collections::HashMap;

use super::Import;
use crate::domain::{Board, Ctx, ShortText};
use crate::interop::import::Record;

impl Import<'_> {
    /// Links each placed record (`key`, record) to the ones it blocks or waits on, found among
    /// this import's records and the stories earlier imports made (`by_origin`).
    pub(super) fn link(
        &mut self,
        board: &mut Board,
        by_origin: &HashMap<String, ShortText>,
        placed: &[(String, &Record)],
        ctx: &mut Ctx,
    ) {
        let mut origins: HashMap<&str, &str> = by_origin
            .iter()
            .filter(|(_, k)| board.stories.contains_key(k.as_str()))
            .map(|(o, k)| (o.as_str(), k.as_str()))
            .collect();
        origins.extend(placed.iter().map(|(k, r)| (r.origin.as_str(), k.as_str())));
        for (key, r) in placed {
            let links = r.blocks.iter().map(|b| (key.as_str(), r.origin.as_str(), b.as_str(), true));
            let links = links.chain(r.blocked_by.iter().map(|b| (key.as_str(), r.origin.as_str(), b.as_str(), false)));
            for (key, origin, other, blocks) in links {
                let verb = if blocks { "blocks" } else { "waits on" };
                let Some(&target) = origins.get(other) else {
                    self.summary.ignored.push(format!("{key} ({origin}) {verb} {other}, which is not on the board"));
                    continue;
                };
                let (blocker, waiting) = if blocks { (key, target) } else { (target, key) };
                let (blocker_origin, waiting_origin) = if blocks { (origin, other) } else { (other, origin) };
                let id = |o: &str| o.split_once(':').map_or(o, |(_, id)| id).to_owned();
                match board.link(blocker, waiting, ctx) {
                    Ok(c) if !c.is_empty() => {
                        self.changes.merge(c);
                        self.summary.linked.push(format!(
                            "{waiting} ({}) waits on {blocker} ({})",
                            id(waiting_origin),
                            id(blocker_origin)
                        ));
                    }
                    Ok(_) => {}
                    Err(e) => self.summary.ignored.push(format!("{key} ({origin}) {verb} {target} ({other}): {e}")),
                }
            }
        }
    }
}
