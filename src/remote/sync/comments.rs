//! Comments both ways, each once: the story's origin keeps, for each GitHub comment id synced,
//! the hash of the board's comment it is (`comment#ID`). A board comment without one is sent
//! (saved right after GitHub took it); a GitHub comment without one is brought in. A comment
//! sent by a sync interrupted before it was recorded is found by its text, not sent again.

use std::collections::BTreeMap;

use super::{Sync, Why};
use crate::domain::{Board, Comment};
use crate::interop::import::field_hash;
use crate::remote::github::Issue;

const PREFIX: &str = "comment#";

/// What identifies a board comment: its time, author and text.
fn hash_of(c: &Comment) -> String {
    field_hash(&format!("{}\n{}\n{}", c.at, c.by, c.text))
}

/// A board comment as it is posted on GitHub: its text, then who wrote it and when.
pub fn sent_body(c: &Comment) -> String {
    format!("{}\n\n*— {}, {}*", c.text, c.by, c.at)
}

impl Sync<'_> {
    pub(super) fn comments(
        &mut self,
        board: &mut Board,
        key: &str,
        number: u64,
        issue: Option<&Issue>,
    ) -> Result<(), Why> {
        let Some(story) = board.story(key) else { return Ok(()) };
        let mapped: BTreeMap<u64, String> = story
            .origin
            .as_ref()
            .map(|o| {
                o.fields.iter().filter_map(|(k, v)| Some((k.strip_prefix(PREFIX)?.parse().ok()?, v.clone()))).collect()
            })
            .unwrap_or_default();
        let mut unsent: Vec<Comment> =
            story.comments.iter().filter(|c| !mapped.values().any(|h| *h == hash_of(c))).cloned().collect();
        let unseen = issue.is_some_and(|i| i.comments > mapped.len() as u64);
        if unsent.is_empty() && !unseen {
            return Ok(());
        }
        let theirs = self.api.comments(number)?;
        let prior = story.clone();
        let Some(story) = board.stories.get_mut(key) else { return Ok(()) };
        for rc in theirs.iter().filter(|rc| !mapped.contains_key(&rc.id)) {
            let body = rc.body.clone().unwrap_or_default();
            let hash = match unsent.iter().position(|c| sent_body(c) == body) {
                // Sent by a sync that stopped before recording it.
                Some(at) => hash_of(&unsent.remove(at)),
                None => {
                    let at = rc.created_at.parse().unwrap_or(self.ctx.now);
                    let by = rc.user.as_ref().map_or("someone", |u| u.login.as_str());
                    let c = Comment { at, by: by.into(), text: body.replace("\r\n", "\n") };
                    let hash = hash_of(&c);
                    story.comments.push(c);
                    self.report.comments_in += 1;
                    hash
                }
            };
            if let Some(o) = story.origin.as_mut() {
                o.fields.insert(format!("{PREFIX}{}", rc.id), hash);
            }
        }
        story.comments.sort_by_key(|c| c.at);
        let file = board.file.clone();
        self.keep_story(board, key, &prior, &file)?;
        for c in unsent {
            if !self.writes() {
                self.report.comments_out += 1;
                continue;
            }
            let sent = self.api.add_comment(number, &sent_body(&c))?;
            // Counted once GitHub took it: a sync stopped by this post does not report it sent.
            self.report.comments_out += 1;
            let Some(story) = board.stories.get_mut(key) else { return Ok(()) };
            let prior = story.as_ref().clone();
            if let Some(o) = story.origin.as_mut() {
                o.fields.insert(format!("{PREFIX}{}", sent.id), hash_of(&c));
            }
            self.keep_story(board, key, &prior, &file)?;
        }
        Ok(())
    }
}
