//! The `Link` header GitHub pages its lists with (RFC 8288):
//! `<https://api.github.com/…&page=2>; rel="next", <…&page=5>; rel="last"`.

/// The address of the `rel="next"` page, if the header names one.
pub fn next_page(header: &str) -> Option<String> {
    let mut rest = header;
    loop {
        let open = rest.find('<')?;
        let close = open + rest[open..].find('>')?;
        let target = &rest[open + 1..close];
        // The parameters run to the next link, which starts with `,` then `<`.
        let after = &rest[close + 1..];
        let end = after.match_indices(',').map(|(i, _)| i).find(|i| after[i + 1..].trim_start().starts_with('<'));
        let params = &after[..end.unwrap_or(after.len())];
        if params.split(';').any(|p| is_next(p.trim())) {
            return Some(target.trim().to_owned());
        }
        rest = &after[end? + 1..];
    }
}

/// `rel="next"` or `rel=next`; `rel` may list several relations (`rel="next last"`).
fn is_next(param: &str) -> bool {
    let Some((name, value)) = param.split_once('=') else { return false };
    name.trim().eq_ignore_ascii_case("rel")
        && value.trim().trim_matches('"').split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("next"))
}

/// `text` as one path segment of a URL: everything but the unreserved characters is
/// percent-encoded (a label named `status: done` is `status%3A%20done`).
pub fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
