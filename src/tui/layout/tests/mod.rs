use super::*;

#[test]
fn scrolling_keeps_the_selection_in_view() {
    assert_eq!(scroll(0, 3, 5), 0);
    assert_eq!(scroll(0, 5, 5), 1);
    assert_eq!(scroll(4, 2, 5), 2);
    assert_eq!(scroll(3, 0, 0), 0);
    // Seven rows scrolled by five: with room for all seven, none is hidden.
    assert_eq!(scroll_list(5, 6, 7, 7), 0);
    assert_eq!(scroll_list(5, 6, 4, 7), 3);
    assert_eq!(scroll_list(5, 6, 1, 7), 6);
    assert_eq!(scroll_list(2, 0, 5, 0), 0);
}

#[test]
fn panes_fit_the_width() {
    let body = Rect::new(0, 1, 80, 22);
    assert_eq!(panes_visible(body, 4), 2);
    assert_eq!(first_pane(3, 2, 4), 2);
    assert_eq!(first_pane(0, 2, 4), 0);
    let panes = planning_panes(body, 4, 2);
    assert_eq!(panes.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [2, 3]);
    assert_eq!(planning_panes(Rect::new(0, 0, 1, 1), 3, 0).len(), 1);
}

#[test]
fn tiny_areas_do_not_underflow() {
    let cols = board_columns(Rect::new(0, 0, 1, 1), 4);
    assert_eq!(cols.len(), 4);
    assert!(cols.iter().all(|p| cards_per_column(p) >= 1));
    assert_eq!(tab_spans(Rect::new(0, 0, 3, 1), &["Board".into(), "Planning".into()]).len(), 2);
}
