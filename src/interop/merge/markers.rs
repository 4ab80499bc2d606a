//! Git conflict markers around the lines where the two resolutions of a conflicted file differ.

/// The two resolutions of a conflicted file, with conflict markers around the lines where they
/// differ (a line diff by `similar`, Myers' algorithm with a deadline: `board.ron` may be
/// 16 MiB, and a quadratic table of it would not fit in memory).
pub fn with_markers(ours: &str, theirs: &str, marker: usize) -> String {
    let a: Vec<&str> = ours.lines().collect();
    let b: Vec<&str> = theirs.lines().collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    let ops = similar::capture_diff_slices_deadline(similar::Algorithm::Myers, &a, &b, Some(deadline));
    let marker = marker.max(7);
    let (open, mid, close) = ("<".repeat(marker), "=".repeat(marker), ">".repeat(marker));
    let mut out = String::new();
    let (mut ours_block, mut theirs_block): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let flush = |out: &mut String, ob: &mut Vec<&str>, tb: &mut Vec<&str>| {
        if ob.is_empty() && tb.is_empty() {
            return;
        }
        out.push_str(&format!("{open} ours\n"));
        for l in ob.drain(..) {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("{mid}\n"));
        for l in tb.drain(..) {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!("{close} theirs\n"));
    };
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            flush(&mut out, &mut ours_block, &mut theirs_block);
            for l in &a[old] {
                out.push_str(l);
                out.push('\n');
            }
        } else {
            ours_block.extend(&a[old]);
            theirs_block.extend(&b[new]);
        }
    }
    flush(&mut out, &mut ours_block, &mut theirs_block);
    out
}
