//! What `remote sync` prints of a report, line by line.

use super::render;
use crate::remote::sync::{Conflict, Report};

#[test]
fn a_report_is_one_line_per_thing_done_then_the_conflicts() {
    let r = Report {
        listed: 3,
        brought_in: vec![("SB-A".into(), 4)],
        relinked: vec![("SB-B".into(), 5)],
        pulled: vec![("SB-C".into(), 6, vec!["title", "status"])],
        pushed: vec![("SB-D".into(), 7, vec!["labels"])],
        published: vec![("SB-E".into(), 8)],
        comments_in: 2,
        comments_out: 1,
        milestones_created: vec!["Sprint 10".into()],
        sprints_created: vec!["Later".into()],
        conflicts: vec![Conflict {
            key: "SB-F".into(),
            number: 9,
            field: "title",
            ours: "Ours".into(),
            theirs: "Theirs".into(),
        }],
        skipped: vec!["#10: no title".into()],
        ..Report::default()
    };
    assert_eq!(
        render("octo/repo", &r, false),
        "SB-A ← #4: brought in\n\
         SB-B = #5: linked to the issue published for it\n\
         SB-C ← #6: title, status\n\
         SB-D → #7: labels\n\
         SB-E → #8: published\n\
         sprint \"Later\" made from its milestone\n\
         milestone \"Sprint 10\" made from its sprint\n\
         comments: 2 from GitHub, 1 to GitHub\n\
         left alone: #10: no title\n\
         SB-F (#9) title: changed on both sides, the board's kept: here \"Ours\", on GitHub \"Theirs\" \
         (`sprintboard remote sync --take-theirs SB-F.title` takes GitHub's)\n"
    );
}

#[test]
fn a_quiet_sync_and_a_dry_run_say_so() {
    assert_eq!(render("octo/repo", &Report::default(), false), "Nothing to do: the board is in step with octo/repo\n");
    let r = Report { published: vec![("SB-E".into(), 0)], ..Report::default() };
    assert_eq!(
        render("octo/repo", &r, true),
        "SB-E → a new issue: published\nDry run: nothing was changed on the board or on GitHub\n"
    );
}
