//! Story keys: `PREFIX-` followed by a short random code in Crockford's base 32.
//!
//! A sequential number (`SB-42`) cannot work without a server: two clones that add a story before
//! they sync would both take `SB-43`. A random code needs no coordination. Crockford's alphabet
//! leaves out I, L, O and U, so a code read aloud or typed from a screen is unambiguous, and input
//! is forgiving (lower case, `O` for `0`, `I`/`L` for `1`, the prefix may be left out). The code is
//! four characters (about a million codes) and grows by one whenever the board holds more than a
//! thousandth of the codes of the current length, so the chance that two clones draw the same new
//! code between two syncs stays below one in a million per pair of new stories. A new key is also
//! checked against every key on the board, so a clone never reuses a key it can see.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const MIN_LEN: u32 = 4;

/// The code length for a board that already holds `existing` stories.
pub fn code_len(existing: usize) -> u32 {
    let mut len = MIN_LEN;
    while (existing as u128) * 1000 > 32u128.pow(len) && len < 12 {
        len += 1;
    }
    len
}

/// A fresh key that `taken` does not know.
pub fn generate(prefix: &str, existing: usize, taken: impl Fn(&str) -> bool, rng: &mut fastrand::Rng) -> String {
    let len = code_len(existing) as usize;
    loop {
        let code: String = (0..len).map(|_| ALPHABET[rng.usize(0..32)] as char).collect();
        let key = format!("{prefix}-{code}");
        if !taken(&key) {
            return key;
        }
    }
}

/// Whether `key` is a story key of a board with this prefix: the prefix (any case), a dash and
/// letters or digits.
pub fn is_of_board(key: &str, prefix: &str) -> bool {
    key.split_once('-').is_some_and(|(p, code)| {
        p.eq_ignore_ascii_case(prefix) && !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

/// Turns what a person typed (`k7qx`, `sb-k7qx`, `SB-K7QO`) into the canonical form of a key.
pub fn normalize(input: &str, prefix: &str) -> String {
    let input = input.trim();
    let (pre, code) = match input.rsplit_once('-') {
        Some((pre, code)) => (pre.to_uppercase(), code),
        None => (prefix.to_uppercase(), input),
    };
    let code: String = code
        .chars()
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    format!("{pre}-{code}")
}

#[cfg(test)]
mod tests;
