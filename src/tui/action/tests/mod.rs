use super::*;

#[test]
fn every_name_has_an_action_and_a_description() {
    for name in Action::names() {
        let action = Action::from_name(name).expect(name);
        assert!(!action.describe().is_empty(), "{name}");
    }
    let mut names: Vec<&str> = Action::names().collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), BINDABLE.len(), "each name once");
    assert_eq!(Action::from_name("fly"), None);
}
