use super::*;

#[test]
fn e_repairs_and_q_quits() {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(step(&key('E')), Step::Repair);
    assert_eq!(step(&key('q')), Step::Quit);
    assert_eq!(step(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)), Step::Quit);
    assert_eq!(step(&key('j')), Step::Stay);
    let mut screen = BrokenBoard { problem: "board.ron:3:5: expected".into(), note: None };
    assert!(!screen.repaired(Ok(Repaired::Cancelled)));
    assert!(screen.note.as_deref().is_some_and(|n| n.contains("unchanged")));
    assert!(screen.repaired(Ok(Repaired::Saved)));
}
