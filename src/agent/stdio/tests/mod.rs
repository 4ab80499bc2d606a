use tokio::io::AsyncWriteExt;

use super::Escaped;

fn written(chunks: &[&[u8]]) -> Vec<u8> {
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    runtime.block_on(async {
        let mut out = Escaped::new(Vec::new());
        for chunk in chunks {
            out.write_all(chunk).await.expect("write");
        }
        out.flush().await.expect("flush");
        out.inner
    })
}

#[test]
fn controls_and_bidi_in_a_line_become_json_escapes_of_the_same_characters() {
    let message = serde_json::json!({ "title": "a\u{9b}2J\u{202e}b\u{85}", "n": 1 }).to_string() + "\n";
    let bytes = written(&[message.as_bytes()]);
    let text = String::from_utf8(bytes).expect("utf-8");
    assert_eq!(text, "{\"n\":1,\"title\":\"a\\u009b2J\\u202eb\\u0085\"}\n");
    // Still JSON, and the same value.
    let back: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(back["title"], "a\u{9b}2J\u{202e}b\u{85}");
}

#[test]
fn a_character_split_between_two_writes_is_escaped_whole() {
    let message = "{\"t\":\"\u{202e}\"}\n".as_bytes();
    // U+202E is three bytes: cut after its first.
    let at = message.iter().position(|b| *b == 0xe2).expect("the character") + 1;
    let bytes = written(&[&message[..at], &message[at..]]);
    assert_eq!(String::from_utf8(bytes).expect("utf-8"), "{\"t\":\"\\u202e\"}\n");
}

#[test]
fn plain_lines_pass_unchanged() {
    let lines = "{\"a\":\"plain ünïcode ✓\"}\n{\"b\":2}\n";
    assert_eq!(written(&[lines.as_bytes()]), lines.as_bytes());
}
