//! What is wrong with a board as a whole that no single operation here produces, but a merge of
//! two clones' work (or an interrupted command) can: a dependency cycle, an unfinished story in
//! a closed sprint. Each problem is said with the command that fixes it.

use std::collections::{BTreeMap, BTreeSet};

use super::board::Board;

impl Board {
    /// The dependency cycles, each as the keys around it from its smallest key back to it
    /// (`[SB-1, SB-2, SB-1]`: SB-1 waits on SB-2, which waits on SB-1). Cycles that share no
    /// story are each given; of cycles that share stories one is given, and once it is broken
    /// the next check finds the next. Links to stories not on the board are left out (see
    /// [`Board::link_problems`]).
    pub fn dependency_cycles(&self) -> Vec<Vec<String>> {
        // Who waits on whom, among the stories here, in key order (so the answer is the same
        // every time).
        let mut waits: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for s in self.stories.values() {
            let mut on: Vec<&str> =
                s.blocked_by.iter().map(|b| b.as_str()).filter(|b| self.stories.contains_key(*b)).collect();
            on.sort_unstable();
            on.dedup();
            waits.insert(s.key.as_str(), on);
        }
        let mut left: BTreeSet<&str> = waits.keys().copied().collect();
        let mut cycles = Vec::new();
        loop {
            peel(&waits, &mut left);
            // Every story left waits on one left, so a walk from any of them meets itself.
            let Some(&start) = left.first() else { break };
            let mut path = vec![start];
            let cycle = loop {
                let Some(&last) = path.last() else { break None };
                let Some(next) = waits.get(last).into_iter().flatten().copied().find(|n| left.contains(n)) else {
                    break None;
                };
                if let Some(at) = path.iter().position(|p| *p == next) {
                    break Some(path.split_off(at));
                }
                path.push(next);
            };
            let Some(mut cycle) = cycle else { break };
            for k in &cycle {
                left.remove(k);
            }
            let smallest = cycle.iter().enumerate().min_by_key(|(_, k)| **k).map_or(0, |(i, _)| i);
            cycle.rotate_left(smallest);
            let first = cycle[0];
            cycle.push(first);
            cycles.push(cycle.into_iter().map(str::to_owned).collect());
        }
        cycles
    }

    /// Each dependency cycle, named, with the command that breaks it.
    pub fn cycle_problems(&self) -> Vec<String> {
        self.dependency_cycles()
            .into_iter()
            .map(|c| {
                format!(
                    "dependency cycle: {} (each waits on the next, so none can start): \
                     `sprintboard unlink {} {}` breaks it",
                    c.join(" → "),
                    c[1],
                    c[0]
                )
            })
            .collect()
    }
}

/// Takes out of `left` every story that cannot be on a cycle among those left: one that waits
/// on none of them, or that none of them waits on; and so on, as each goes (linear in the links:
/// a long chain is peeled in one pass).
fn peel<'a>(waits: &BTreeMap<&'a str, Vec<&'a str>>, left: &mut BTreeSet<&'a str>) {
    let mut waited_by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut out_deg: BTreeMap<&str, usize> = BTreeMap::new();
    let mut in_deg: BTreeMap<&str, usize> = left.iter().map(|k| (*k, 0)).collect();
    for &k in left.iter() {
        let on: Vec<&str> = waits.get(k).into_iter().flatten().copied().filter(|n| left.contains(n)).collect();
        out_deg.insert(k, on.len());
        for n in on {
            waited_by.entry(n).or_default().push(k);
            *in_deg.entry(n).or_default() += 1;
        }
    }
    let mut gone: Vec<&str> =
        left.iter().copied().filter(|k| out_deg.get(k) == Some(&0) || in_deg.get(k) == Some(&0)).collect();
    while let Some(k) = gone.pop() {
        if !left.remove(k) {
            continue;
        }
        for n in waits.get(k).into_iter().flatten() {
            if let Some(d) = in_deg.get_mut(n).filter(|_| left.contains(n)) {
                *d -= 1;
                if *d == 0 {
                    gone.push(n);
                }
            }
        }
        for p in waited_by.get(k).into_iter().flatten() {
            if let Some(d) = out_deg.get_mut(p).filter(|_| left.contains(p)) {
                *d -= 1;
                if *d == 0 {
                    gone.push(p);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
