//! `report html`: the status page, parsed for each section and every card of the active
//! sprint, and rendered by a real browser (headless Chromium) to a picture that is not blank.

mod common;

use std::process::Command;

use common::*;

/// A board with two closed sprints (so the forecast has a history), an active one with cards in
/// several columns, one blocked, and an epic.
fn board() -> (TestBoard, Vec<String>) {
    let b = TestBoard::new();
    b.ok(&["epic", "new", "Checkout & <Pay>"]);
    b.past_sprints(&[8, 12], 0);
    b.ok(&["sprint", "new", "Sprint 3", "--start", "2026-11-30", "--end", "2026-12-11"]);
    b.ok(&["sprint", "start", "Sprint 3"]);
    let cards = vec![
        b.add(
            "Pay <fast> & safely",
            &["--sprint", "Sprint 3", "--points", "5", "--assignee", "Ana", "--epic", "Checkout & <Pay>"],
        ),
        b.add("Receipt email", &["--sprint", "Sprint 3", "--points", "3", "--status", "In Progress"]),
        b.add("Fraud checks", &["--sprint", "Sprint 3", "--points", "2"]),
    ];
    b.ok(&["edit", &cards[2], "--blocked", "waiting on legal"]);
    (b, cards)
}

#[test]
fn the_page_has_every_section_and_every_card() {
    let (b, cards) = board();
    let dir = b.tmp.path().join("site");
    let out = b.ok(&["report", "html", "--output", dir.to_str().expect("path")]);
    assert!(out.contains("index.html"), "{out}");
    let html = std::fs::read_to_string(dir.join("index.html")).expect("written");
    // No script, and nothing fetched: no source, link or style address (the SVGs' xmlns is a
    // name, not a fetch).
    for fetch in ["<script", "src=", "href=", "url(", "@import"] {
        assert!(!html.contains(fetch), "{fetch} in the page");
    }
    let doc = scraper::Html::parse_document(&html);
    let one = |css: &str| doc.select(&scraper::Selector::parse(css).expect("selector")).count();
    for section in ["#sprint", "#burndown svg", "#velocity svg", "#roadmap table"] {
        assert_eq!(one(section), 1, "{section}");
    }
    for k in &cards {
        assert_eq!(one(&format!(".card[data-key=\"{k}\"]")), 1, "the card {k}");
    }
    let text = doc.root_element().text().collect::<String>();
    assert!(text.contains("Pay <fast> & safely"), "titles are escaped, not dropped");
    assert!(text.contains("Blocked: waiting on legal") && text.contains("@Ana") && text.contains("Made "));
    assert_eq!(one("tr[data-epic=\"Checkout & <Pay>\"]"), 1, "the roadmap lists the epic");
    assert_eq!(b.run(&["report", "html"]).status.code(), Some(2), "--output is needed");
}

#[test]
fn a_browser_draws_the_page() {
    let chromium =
        ["chromium", "chromium-browser"].into_iter().find(|c| Command::new(c).arg("--version").output().is_ok());
    let Some(chromium) = chromium else {
        // CI installs Chromium (see .ci/run); a developer's machine may not have it.
        assert!(std::env::var_os("CI").is_none(), "Chromium is needed in CI");
        eprintln!("skipped: no chromium on this machine");
        return;
    };
    let (b, _) = board();
    let dir = b.tmp.path().join("site");
    b.ok(&["report", "html", "--output", dir.to_str().expect("path")]);
    let shot = b.tmp.path().join("page.png");
    let out = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=390,1200"])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", dir.join("index.html").display()))
        .env("HOME", b.tmp.path())
        .output()
        .expect("chromium runs");
    assert!(shot.exists(), "no screenshot: {}", String::from_utf8_lossy(&out.stderr));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).expect("png")));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("frame");
    let pixels = &pixels[..info.buffer_size()];
    let first = &pixels[..3];
    let different = pixels.chunks(info.color_type.samples()).filter(|p| &p[..3] != first).count();
    assert!(
        different > pixels.len() / info.color_type.samples() / 50,
        "the page is not blank: {different} pixels differ"
    );
}
