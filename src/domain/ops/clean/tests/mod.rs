use super::*;

#[test]
fn one_line_values_refuse_control_and_bidi_characters() {
    for bad in ["Right\u{202e}to left", "a\u{2066}b", "esc\u{1b}[2J", "csi\u{9b}2J", "del\u{7f}", "bell\u{7}"] {
        let e = clean_title(bad).expect_err(bad);
        assert!(e.to_string().contains("control character"), "{e}");
        assert!(clean_line("assignee", bad).is_err(), "{bad:?}");
        assert!(clean_labels(&[bad.to_owned()]).is_err(), "{bad:?}");
    }
    assert!(clean_title("Right\u{202e}x").expect_err("bidi").to_string().contains("bidi"));
    // Right-to-left text itself is welcome; only the controls are refused.
    assert_eq!(clean_title("שלום עולם").expect("hebrew"), "שלום עולם");
    assert_eq!(clean_title("tab\there").expect("a tab"), "tab here");
}
