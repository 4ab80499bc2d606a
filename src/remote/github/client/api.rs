//! The calls the sync makes ([`Api`]), each as GitHub's REST API spells it.

use std::collections::HashSet;

use serde::Serialize;

use super::Client;
use crate::remote::github::etag::{self, Remembered};
use crate::remote::github::link::path_segment;
use crate::remote::github::{Api, ApiError, Comment, Issue, IssueWrite, Label, Milestone};

/// How many issues, comments or milestones one page holds (GitHub's most).
const PER_PAGE: u32 = 100;
/// The color of a status label the sync creates (GitHub requires none; this is its grey).
const LABEL_COLOR: &str = "ededed";

impl Api for Client {
    fn issues(&mut self, since: Option<&str>) -> Result<Option<Vec<Issue>>, ApiError> {
        // Newest update first: any change moves its issue to page 1, so page 1's ETag
        // tells whether anything changed, and an issue updated while the pages are read is
        // missed only until the next sync (never one that was not updated).
        let mut first = self.url(&format!("/issues?state=all&sort=updated&direction=desc&per_page={PER_PAGE}"));
        if let Some(since) = since {
            first.push_str(&format!("&since={}", path_segment(since)));
        }
        let etag = self.remembered.as_ref().filter(|r| r.url == first).map(|r| r.etag.clone());
        let Some(listing) = self.list::<Issue>(&first, etag.as_deref())? else { return Ok(None) };
        if let Some(etag) = listing.etag {
            self.remembered = Some(Remembered { url: first, etag });
            self.unsaved = true;
        }
        // When an issue moves to the top between two pages, the others shift one place and
        // one of them is listed twice: keep its first (newest) listing.
        let mut seen = HashSet::new();
        Ok(Some(listing.items.into_iter().filter(|issue| seen.insert(issue.number)).collect()))
    }

    fn listing_recorded(&mut self) {
        if let (true, Some(file), Some(remembered)) = (self.unsaved, &self.etag_file, &self.remembered) {
            // Not kept: the next run's listing is only not conditional.
            if etag::save(file, remembered).is_ok() {
                self.unsaved = false;
            }
        }
    }

    fn comments(&mut self, number: u64) -> Result<Vec<Comment>, ApiError> {
        let first = self.url(&format!("/issues/{number}/comments?per_page={PER_PAGE}"));
        Ok(self.list(&first, None)?.map(|listing| listing.items).unwrap_or_default())
    }

    fn milestones(&mut self) -> Result<Vec<Milestone>, ApiError> {
        let first = self.url(&format!("/milestones?state=all&per_page={PER_PAGE}"));
        Ok(self.list(&first, None)?.map(|listing| listing.items).unwrap_or_default())
    }

    fn create_milestone(&mut self, title: &str, due_on: Option<&str>) -> Result<Milestone, ApiError> {
        #[derive(Serialize)]
        struct New<'a> {
            title: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            due_on: Option<&'a str>,
        }
        self.write("POST", "/milestones", &New { title, due_on }, 201)
    }

    fn ensure_label(&mut self, name: &str) -> Result<(), ApiError> {
        if self.known_labels.contains(name) {
            return Ok(());
        }
        let url = self.url(&format!("/labels/{}", path_segment(name)));
        let answer = self.send("GET", &url, None, None)?;
        if answer.status != 404 {
            let _: Label = self.body_of(answer, 200)?;
        } else {
            #[derive(Serialize)]
            struct New<'a> {
                name: &'a str,
                color: &'a str,
            }
            let body =
                serde_json::to_string(&New { name, color: LABEL_COLOR }).map_err(|e| ApiError::Shape(e.to_string()))?;
            let url = self.url("/labels");
            let answer = self.send("POST", &url, Some(&body), None)?;
            // 422 `already_exists`: another sync created it meanwhile, which is what we want.
            let raced = answer.status == 422 && answer.body.contains("already_exists");
            if !raced {
                let _: Label = self.body_of(answer, 201)?;
            }
        }
        self.known_labels.insert(name.to_owned());
        Ok(())
    }

    fn create_issue(&mut self, write: &IssueWrite) -> Result<Issue, ApiError> {
        self.write("POST", "/issues", write, 201)
    }

    fn update_issue(&mut self, number: u64, write: &IssueWrite) -> Result<Issue, ApiError> {
        self.write("PATCH", &format!("/issues/{number}"), write, 200)
    }

    fn add_comment(&mut self, number: u64, body: &str) -> Result<Comment, ApiError> {
        #[derive(Serialize)]
        struct New<'a> {
            body: &'a str,
        }
        self.write("POST", &format!("/issues/{number}/comments"), &New { body }, 201)
    }
}
