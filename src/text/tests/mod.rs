use super::*;

#[test]
fn ordinals() {
    let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 103, 111].map(ordinal).to_vec();
    assert_eq!(got, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "103rd", "111th"]);
}

#[test]
fn joined_emoji_are_drawn_as_their_first() {
    assert_eq!(drawable("👩‍💻 codes"), "👩 codes");
    assert_eq!(truncate("a 👨‍👩‍👧 family", 20), "a 👨 family");
    assert_eq!(drawable("plain"), "plain");
}

#[test]
fn every_control_is_shown_as_an_escape() {
    let s = "a\u{1b}]0;pwned\u{7}\u{1b}[2J b\u{9b}31m c\u{7f} d\u{202e}e\u{2066}f\u{0}\rg";
    assert_eq!(visible(s), "a\\e]0;pwned\\u0007\\e[2J b\\u009b31m c\\u007f d\\u202ee\\u2066f\\u0000\\rg");
    assert!(!visible(s).chars().any(is_unsafe));
    // Layout stays: line breaks (CR LF too) and tabs.
    assert_eq!(visible("one\n\ttwo\r\nthree"), "one\n\ttwo\r\nthree");
    assert!(matches!(visible("plain, ünïcode ☃ – “quoted”"), std::borrow::Cow::Borrowed(_)));
    assert_eq!(
        visible("x\u{202a}\u{202b}\u{202c}\u{202d}\u{2067}\u{2068}\u{2069}\u{85}"),
        "x\\u202a\\u202b\\u202c\\u202d\\u2067\\u2068\\u2069\\u0085"
    );
}

#[test]
fn json_through_visible_is_still_the_same_json() {
    let value =
        serde_json::json!({"title": "a\u{1b}[2J\u{9b}\u{7f}\u{202e}\u{2069}\r\n\tz", "k\u{9b}": [1, "\\u0041"]});
    let text = serde_json::to_string_pretty(&value).expect("json");
    let shown = visible(&text);
    assert!(!shown.chars().any(|c| is_unsafe(c) && c != '\n'), "{shown}");
    let back: serde_json::Value = serde_json::from_str(&shown).expect("still JSON");
    assert_eq!(back, value);
}

#[test]
fn counts_choose_their_noun() {
    assert_eq!(count(1, "story", "stories"), "1 story");
    assert_eq!(count(0, "story", "stories"), "0 stories");
    assert_eq!(count(2, "pt", "pts"), "2 pts");
    assert_eq!(noun(1, "sprint", "sprints"), "sprint");
    assert_eq!(noun(7, "sprint", "sprints"), "sprints");
}

#[test]
fn paths_are_shortened_from_the_left_never_the_file_name() {
    let p = "/home/someone/projects/shop/.sprintboard/board/stories/SB-X7Q2.ron";
    assert_eq!(short_path(p, 100), p);
    assert_eq!(short_path(p, 30), "…/board/stories/SB-X7Q2.ron");
    assert_eq!(short_path(p, 20), "…/SB-X7Q2.ron");
    assert_eq!(short_path(p, 5), "…/SB-X7Q2.ron");
    assert!(short_path(p, 30).ends_with("SB-X7Q2.ron") && width(&short_path(p, 30)) <= 30);
    assert_eq!(
        short_paths(&format!("Created your board from the example: {p}."), 28),
        "Created your board from the example: …/board/stories/SB-X7Q2.ron."
    );
    assert_eq!(short_paths("a/b and /x/y stay", 10), "a/b and /x/y stay");
}

#[test]
fn fit_respects_display_width() {
    assert_eq!(fit("abc", 5), "abc  ");
    assert_eq!(fit("abcdef", 4), "abc…");
    assert_eq!(fit("日本語", 4), "日… ");
    assert_eq!(fit("日本", 4), "日本");
    assert_eq!(fit("x", 0), "");
    assert_eq!(truncate("🎉🎉🎉", 5), "🎉🎉…");
    assert_eq!(truncate("abc", 1), "…");
}
