//! The program never writes what it would then refuse to read: every way of writing checks the
//! reader's limits first and names the field and the limit.

mod common;

use common::*;

fn csv_with_description(description: &str) -> String {
    let quoted = description.replace('"', "\"\"");
    format!("Summary,Issue key,Description\nSmall one,PRJ-1,fine\n\"Big one\",PRJ-2,\"{quoted}\"\nLast,PRJ-3,ok\n")
}

#[test]
fn an_import_with_an_oversized_field_refuses_that_row_and_imports_nothing() {
    let b = TestBoard::new();
    let before = files(&b.root);
    let csv = b.tmp.path().join("jira.csv");
    std::fs::write(&csv, csv_with_description(&"x".repeat(1_100_000))).expect("write");
    let out = b.run(&["import", "jira", csv.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("jira.csv: line 3") && err.contains("description") && err.contains("256 KiB"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(files(&b.root), before, "all or nothing");
    assert!(b.run(&["check"]).status.success());
    assert!(b.run(&["list"]).status.success());
}

#[test]
fn a_long_title_is_kept_and_a_too_long_one_refused() {
    let b = TestBoard::new();
    let key = b.add(&"t".repeat(2000), &[]);
    assert_eq!(b.json(&["show", &key, "--format", "json"])["title"].as_str().map(str::len), Some(2000));
    let out = b.run(&["add", &"t".repeat(2001)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("longer than 2000 characters"), "{}", stderr(&out));
}
