use crate::domain::{Board, BoardFile, Ctx, NewStory};

fn board(n: usize) -> (Board, Vec<String>) {
    let mut b = Board::new(BoardFile::new("T", "SB"));
    let mut c = Ctx::new("2026-11-20T09:00:00Z".parse().expect("time"), "ana", 1);
    let keys = (0..n)
        .map(|i| b.add_story(NewStory { title: format!("s{i}"), ..Default::default() }, &mut c).expect("add").0)
        .collect();
    (b, keys)
}

/// As a merge leaves it: `a` waits on `b`, written straight into the story.
fn wait(b: &mut Board, a: &str, on: &str) {
    b.stories.get_mut(a).expect("story").blocked_by.push(on.into());
}

#[test]
fn cycles_are_found_and_named_with_the_unlink_that_breaks_them() {
    let (mut b, k) = board(6);
    assert!(b.dependency_cycles().is_empty());
    wait(&mut b, &k[1], &k[0]);
    wait(&mut b, &k[2], &k[1]);
    assert!(b.dependency_cycles().is_empty(), "a chain is no cycle");
    wait(&mut b, &k[0], &k[2]);
    // Two clones linked X → Y and Y → X.
    wait(&mut b, &k[3], &k[4]);
    wait(&mut b, &k[4], &k[3]);
    wait(&mut b, &k[5], &k[3]);
    wait(&mut b, &k[5], "SB-GONE");
    let mut first = vec![k[0].clone(), k[2].clone(), k[1].clone()];
    let smallest = first.iter().enumerate().min_by_key(|(_, x)| *x).map_or(0, |(i, _)| i);
    first.rotate_left(smallest);
    first.push(first[0].clone());
    let cycles = b.dependency_cycles();
    assert_eq!(cycles.len(), 2, "{cycles:?}");
    assert!(cycles.contains(&first), "{cycles:?}");
    let (x, y) = if k[3] < k[4] { (&k[3], &k[4]) } else { (&k[4], &k[3]) };
    assert!(cycles.contains(&vec![x.clone(), y.clone(), x.clone()]), "{cycles:?}");
    let said = b.cycle_problems();
    let pair = format!(
        "dependency cycle: {x} → {y} → {x} (each waits on the next, so none can start): `sprintboard unlink {y} {x}` breaks it"
    );
    assert!(said.contains(&pair), "{said:?}");
    // The unlink it names breaks it.
    b.stories.get_mut(x.as_str()).expect("x").blocked_by.retain(|b| b != y);
    assert_eq!(b.dependency_cycles().len(), 1);
}

#[test]
fn a_story_waiting_on_itself_is_a_cycle() {
    let (mut b, k) = board(1);
    wait(&mut b, &k[0], &k[0]);
    assert_eq!(b.dependency_cycles(), vec![vec![k[0].clone(), k[0].clone()]]);
}
