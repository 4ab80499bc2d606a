use super::*;
use crate::domain::{BoardFile, Ctx, Move, NewSprint, NewStory};

/// A story created since the last standup is listed as created, not as moved; a move of
/// it afterwards is a move.
#[test]
fn a_creation_is_created_and_a_move_is_moved() {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    b.new_sprint(NewSprint { name: "S1".into(), ..Default::default() }).expect("sprint");
    let mut c = Ctx::new("2026-11-10T09:00:00Z".parse().expect("t"), "ana", 1);
    let new = NewStory { title: "brand new".into(), sprint: Some("s1".into()), ..Default::default() };
    let (k, _) = b.add_story(new, &mut c).expect("add");
    let mut later = Ctx::new("2026-11-10T10:00:00Z".parse().expect("t"), "ana", 1);
    b.move_story(&k, &Move { status: Some("doing".into()), ..Default::default() }, &mut later).expect("move");
    let people = standup(&b, "2026-11-10T00:00:00Z".parse().expect("t"), &|_| true);
    let ana = people.iter().find(|p| p.name == "ana").expect("ana");
    assert_eq!(ana.created, [format!("{k} brand new: in S1")]);
    assert_eq!(ana.moved, [format!("{k} brand new: To Do → In Progress")]);
}
