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

/// On a phone 400 px wide, a real browser lays the page out: every text of every chart is
/// 12 px or more as drawn (its font size times the chart's scale), and the burndown spans the
/// sprint, its first day to its last, though the sprint is half way through.
#[test]
fn the_charts_read_on_a_phone_and_the_burndown_spans_the_sprint() {
    let (b, _) = board();
    let dir = b.tmp.path().join("site");
    let out = b
        .cmd()
        .env("SPRINTBOARD_NOW", "2026-12-03T12:00:00Z")
        .env("TZ", "UTC")
        .args(["report", "html", "--output", dir.to_str().expect("path")])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.join("index.html")).expect("written");

    // The burndown's dates run from the sprint's first day to its last.
    let doc = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    let svg = doc.select(&select("#burndown svg")).next().expect("a burndown").html();
    let chart = roxmltree::Document::parse(&svg).expect("an SVG");
    let dates: Vec<&str> = chart
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::trim))
        .filter(|t| t.len() == 5 && t.as_bytes()[2] == b'-' && t.replace('-', "").parse::<u32>().is_ok())
        .collect();
    assert_eq!((dates.first().copied(), dates.last().copied()), (Some("11-30"), Some("12-11")), "{dates:?}");
    let ideal = chart
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#DD6B20"))
        .map(|n| n.attribute("points").unwrap_or("").split_whitespace().count())
        .max();
    assert_eq!(ideal, Some(12), "the ideal line, a point a day from Monday the 30th to Friday the 11th");

    let chromium =
        ["chromium", "chromium-browser"].into_iter().find(|c| Command::new(c).arg("--version").output().is_ok());
    let Some(chromium) = chromium else {
        assert!(std::env::var_os("CI").is_none(), "Chromium is needed in CI");
        eprintln!("skipped: no chromium on this machine");
        return;
    };
    // The page in a frame 400 px wide (a headless window is at least 500 px), and a script
    // that measures what the browser drew there and writes it into the probe, which Chromium
    // then prints (the page itself has no script).
    let frame = html.replace('&', "&amp;").replace('"', "&quot;");
    let probe_page = format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
        <iframe id="phone" style="width:400px;height:3000px;border:0" srcdoc="{frame}"></iframe>
        <script>
        window.addEventListener('load', () => {{
          const page = document.getElementById('phone').contentDocument;
          const sizes = [...page.querySelectorAll('.chart svg')].map(svg => {{
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const px = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
            return {{ width: svg.getBoundingClientRect().width, smallest: Math.min(...px), texts: px.length }};
          }});
          const out = document.createElement('pre');
          out.id = 'measured';
          out.textContent = JSON.stringify({{ page: page.documentElement.clientWidth, sizes }});
          document.body.appendChild(out);
        }});
        </script></body></html>"#
    );
    let probe = dir.join("probe.html");
    std::fs::write(&probe, probe_page).expect("probe");
    let out = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=800,2000"])
        .args(["--dump-dom", "--virtual-time-budget=5000"])
        .arg(format!("file://{}", probe.display()))
        .env("HOME", b.tmp.path())
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let doc = scraper::Html::parse_document(&dom);
    let measured = doc
        .select(&select("#measured"))
        .next()
        .unwrap_or_else(|| panic!("no measure: {}", String::from_utf8_lossy(&out.stderr)))
        .text()
        .collect::<String>();
    let m: serde_json::Value = serde_json::from_str(&measured).expect("json");
    assert_eq!(m["page"], 400, "laid out 400 px wide: {m}");
    let charts = m["sizes"].as_array().expect("charts");
    assert_eq!(charts.len(), 2, "the burndown and the velocity: {m}");
    for c in charts {
        assert!(c["width"].as_f64().expect("width") <= 400.0, "scaled to the phone: {c}");
        assert!(c["texts"].as_u64().expect("n") > 5);
        assert!(c["smallest"].as_f64().expect("px") >= 12.0, "text under 12 px on a phone: {c}");
    }
}
