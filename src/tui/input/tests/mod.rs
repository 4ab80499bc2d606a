use super::*;

fn keys(events: &[Event]) -> Vec<(KeyCode, KeyModifiers)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Key(k) => Some((k.code, k.modifiers)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_key_of_a_burst_is_decoded_in_one_go() {
    let mut d = Decoder::default();
    let mut burst = "jk".repeat(600);
    burst.push('L');
    let events = d.feed(burst.as_bytes());
    assert_eq!(events.len(), 1201);
    assert_eq!(keys(&events).last(), Some(&(KeyCode::Char('L'), KeyModifiers::SHIFT)));
}

#[test]
fn a_paste_is_one_event_even_when_it_arrives_in_pieces() {
    let mut d = Decoder::default();
    let text = "x".repeat(1500);
    let bytes = format!("\x1b[200~{text}\x1b[201~");
    let (a, b) = bytes.as_bytes().split_at(700);
    assert!(d.feed(a).is_empty(), "half a paste waits for the rest");
    let events = d.feed(b);
    assert_eq!(events, vec![Event::Paste(text)]);
}

#[test]
fn a_lone_escape_is_the_escape_key_and_sequences_are_kept_whole() {
    let mut d = Decoder::default();
    assert_eq!(keys(&d.feed(b"\x1b")), vec![(KeyCode::Esc, KeyModifiers::NONE)]);
    assert_eq!(keys(&d.feed(b"\x1b[A")), vec![(KeyCode::Up, KeyModifiers::NONE)]);
    // An arrow split over two reads is still an arrow.
    assert!(d.feed(b"\x1b[1;2").is_empty());
    assert_eq!(keys(&d.feed(b"C")), vec![(KeyCode::Right, KeyModifiers::SHIFT)]);
    assert_eq!(keys(&d.feed(b"\x1b[Z")), vec![(KeyCode::BackTab, KeyModifiers::SHIFT)]);
}

#[test]
fn escape_then_a_key_splits_where_alt_means_nothing() {
    let mut d = Decoder::default();
    let events = d.feed(b"\x1bq");
    assert_eq!(keys(&events), vec![(KeyCode::Char('q'), KeyModifiers::ALT)]);
    let split = split_escape(events[0].clone(), |_| false);
    assert_eq!(keys(&split), vec![(KeyCode::Esc, KeyModifiers::NONE), (KeyCode::Char('q'), KeyModifiers::NONE)]);
    let kept = split_escape(events[0].clone(), |_| true);
    assert_eq!(keys(&kept), vec![(KeyCode::Char('q'), KeyModifiers::ALT)]);
}

#[test]
fn mouse_clicks_and_the_wheel() {
    let mut d = Decoder::default();
    let events = d.feed(b"\x1b[<0;10;5M\x1b[<65;3;4M");
    let kinds: Vec<_> = events
        .iter()
        .map(|e| match e {
            Event::Mouse(m) => (m.kind, m.column, m.row),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(kinds, vec![(MouseEventKind::Down(MouseButton::Left), 9, 4), (MouseEventKind::ScrollDown, 2, 3)]);
}

#[test]
fn an_endless_paste_is_handed_over_in_parts() {
    let mut d = Decoder::default();
    let mut bytes = PASTE_START.to_vec();
    bytes.extend(std::iter::repeat_n(b'a', MAX_PASTE + 10));
    let events = d.feed(&bytes);
    assert_eq!(events.len(), 1);
    let events2 = d.feed(b"tail\x1b[201~j");
    let text: String = events
        .iter()
        .chain(&events2)
        .filter_map(|e| match e {
            Event::Paste(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(text, format!("{}tail", "a".repeat(MAX_PASTE + 10)), "nothing of the paste is lost");
    assert_eq!(keys(&events2), vec![(KeyCode::Char('j'), KeyModifiers::NONE)]);
}

#[test]
fn garbage_is_dropped_and_what_follows_still_works() {
    let mut d = Decoder::default();
    let mut bytes = vec![0x1b, b'['];
    bytes.extend(std::iter::repeat_n(b'1', MAX_SEQUENCE + 5));
    assert!(d.feed(&bytes).is_empty());
    assert_eq!(keys(&d.feed(b"111~")), vec![], "the rest of it is dropped too");
    assert_eq!(keys(&d.feed(b"\xff")), vec![]);
    assert_eq!(keys(&d.feed(b"q")), vec![(KeyCode::Char('q'), KeyModifiers::NONE)]);
}
