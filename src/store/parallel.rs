//! Work spread over the cores: a big board's files are read, and its cache decoded, in parts.

/// `f` of every item and its index, on every core (up to 8), in order. A thread that panics
/// would be a bug; its items get `on_panic` instead of being lost.
pub(super) fn par_map<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(usize, &T) -> R + Sync,
    on_panic: impl Fn(&T) -> R,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || items.len() < 256 {
        return items.iter().enumerate().map(|(i, t)| f(i, t)).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                scope.spawn(move || part.iter().enumerate().map(|(i, t)| f(n * chunk + i, t)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .zip(items.chunks(chunk))
            .flat_map(|(h, part)| h.join().unwrap_or_else(|_| part.iter().map(&on_panic).collect()))
            .collect()
    })
}
