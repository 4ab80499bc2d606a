use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn typing_replaces_a_shown_value() {
    let mut t = new("35");
    type_key(&mut t, key(KeyCode::Char('5')));
    assert_eq!(text(&t), "5");
    type_key(&mut t, key(KeyCode::Char('0')));
    assert_eq!(text(&t), "50", "then it is ordinary typing");
}

#[test]
fn backspace_and_arrows_start_editing_the_value() {
    let mut t = new("Sam");
    type_key(&mut t, key(KeyCode::Backspace));
    assert_eq!(text(&t), "Sa");
    let mut t = new("Sam");
    type_key(&mut t, key(KeyCode::Left));
    type_key(&mut t, key(KeyCode::Char('x')));
    assert_eq!(text(&t), "Saxm");
    let mut t = new("Sam");
    type_key(&mut t, key(KeyCode::Home));
    type_key(&mut t, key(KeyCode::Char('>')));
    assert_eq!(text(&t), ">Sam");
}

#[test]
fn an_empty_field_is_just_typed_into() {
    let mut t = new("");
    for c in "Kim".chars() {
        type_key(&mut t, key(KeyCode::Char(c)));
    }
    assert_eq!(text(&t), "Kim");
}

#[test]
fn a_paste_replaces_the_selection_and_keeps_or_joins_its_lines() {
    let mut t = new("old");
    paste(&mut t, "one\r\ntwo\rthree");
    assert_eq!(t.lines(), ["one", "two", "three"]);
    let mut t = new("old");
    paste(&mut t, &one_line("Guest checkout\rGuest users buy\n"));
    assert_eq!(text(&t), "Guest checkout Guest users buy ");
}

/// Scrolling: what the field shows after its value is replaced.
mod scroll {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    use super::*;

    /// A long value scrolled out to the right, replaced by a short one: the field shows it from
    /// its first column, not the part scrolled past.
    #[test]
    fn replacing_a_long_value_shows_the_new_one_from_its_start() {
        let area = Rect::new(0, 0, 10, 3);
        let mut buf = Buffer::empty(area);
        let mut t = new(&"x".repeat(40));
        (&t).render(area, &mut buf);
        paste(&mut t, "short\ntext");
        let mut buf = Buffer::empty(area);
        (&t).render(area, &mut buf);
        assert_eq!(t.scroll_offset().1, 0, "scrolled back to the first column");
        let first: String = (0..10).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(first.starts_with("short"), "{first:?}");
        let mut t = new(&"y".repeat(40));
        (&t).render(area, &mut Buffer::empty(area));
        type_key(&mut t, KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE));
        let mut buf = Buffer::empty(area);
        (&t).render(area, &mut buf);
        assert_eq!(buf[(0, 0)].symbol(), "z");
    }
}
