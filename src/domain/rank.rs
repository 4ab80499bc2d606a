//! Fractional-index ranks: strings that sort bytewise, so that a story can be placed between any two
//! others by rewriting only its own rank.
//!
//! This is the "key between two keys" scheme behind the npm `fractional-indexing` package (David
//! Greenspan, "Implementing Fractional Indexing"). A rank is an *integer part* whose first character
//! encodes its length (`a`..`z` for non-negative, `A`..`Z` for negative) followed by an optional
//! *fractional part*, all in base 62 (`0-9A-Za-z`, which is also ASCII order). Appending at either
//! end increments or decrements the integer part, so a long list built by appending stays short;
//! inserting between two neighbours uses the fractional part. A fractional part never ends in `0`,
//! which guarantees there is always room between two distinct ranks.

use std::fmt;

use super::short_text::ShortText;

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ZERO: u8 = b'0';
const BASE: usize = 62;
/// The smallest integer part, `A` followed by 26 zeros: nothing can be placed before it.
const SMALLEST_INTEGER: &str = "A00000000000000000000000000";

/// Why a rank could not be used or produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RankError {
    #[error("invalid rank {0:?}: {1}")]
    Invalid(String, &'static str),
    #[error("ranks out of order: {0:?} is not before {1:?}")]
    OutOfOrder(String, String),
    #[error("no rank left at the end of the range")]
    Exhausted,
}

/// A validated rank. Ordering is bytewise string ordering.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "ShortText", into = "ShortText")]
pub struct Rank(ShortText);

impl Rank {
    /// The rank of the first item in an empty list.
    pub fn first() -> Rank {
        Rank(ShortText::const_new("a0"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses and validates a rank.
    pub fn parse(s: &str) -> Result<Rank, RankError> {
        validate(s)?;
        Ok(Rank(s.into()))
    }

    /// A rank strictly between `before` and `after` (either may be open).
    pub fn between(before: Option<&Rank>, after: Option<&Rank>) -> Result<Rank, RankError> {
        key_between(before.map(Rank::as_str), after.map(Rank::as_str)).map(|s| Rank(s.into()))
    }

    /// Like [`Rank::between`], with a few random fractional digits appended when they still fit.
    ///
    /// Two clones that both append a story at the bottom of the same list would otherwise compute
    /// the same rank; the jitter makes them differ, so the merged order is the order people meant
    /// and a later move between them can still rewrite a single file.
    pub fn between_jittered(
        before: Option<&Rank>,
        after: Option<&Rank>,
        rng: &mut fastrand::Rng,
    ) -> Result<Rank, RankError> {
        let plain = Self::between(before, after)?;
        let mut jittered = plain.0.clone();
        jittered.push(DIGITS[rng.usize(0..BASE)] as char);
        jittered.push(DIGITS[rng.usize(1..BASE)] as char);
        let fits = after.is_none_or(|a| jittered.as_str() < a.as_str());
        Ok(if fits { Rank(jittered) } else { plain })
    }
}

impl fmt::Debug for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rank({})", self.0)
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<ShortText> for Rank {
    type Error = RankError;
    fn try_from(s: ShortText) -> Result<Self, Self::Error> {
        validate(&s)?;
        Ok(Rank(s))
    }
}

impl From<Rank> for ShortText {
    fn from(r: Rank) -> ShortText {
        r.0
    }
}

/// The value of a base-62 digit (`DIGITS` is ASCII order: digits, capitals, small letters).
fn digit_value(c: u8) -> Option<usize> {
    let v = match c {
        b'0'..=b'9' => c - b'0',
        b'A'..=b'Z' => c - b'A' + 10,
        b'a'..=b'z' => c - b'a' + 36,
        _ => return None,
    };
    Some(usize::from(v))
}

fn integer_length(head: u8) -> Option<usize> {
    match head {
        b'a'..=b'z' => Some((head - b'a') as usize + 2),
        b'A'..=b'Z' => Some((b'Z' - head) as usize + 2),
        _ => None,
    }
}

fn validate(key: &str) -> Result<(), RankError> {
    let invalid = |why| Err(RankError::Invalid(key.to_owned(), why));
    let bytes = key.as_bytes();
    let Some(&head) = bytes.first() else {
        return invalid("empty");
    };
    if key == SMALLEST_INTEGER {
        return invalid("reserved");
    }
    let Some(len) = integer_length(head) else {
        return invalid("must start with a letter");
    };
    if len > bytes.len() {
        return invalid("integer part too short");
    }
    if bytes[1..].iter().any(|&c| digit_value(c).is_none()) {
        return invalid("only 0-9, A-Z and a-z are allowed");
    }
    if bytes.len() > len && bytes.last() == Some(&ZERO) {
        return invalid("fractional part ends in 0");
    }
    Ok(())
}

/// The shortest digit string strictly between fractional parts `a` and `b` (`b` open when `None`).
fn midpoint(a: &[u8], b: Option<&[u8]>) -> Vec<u8> {
    if let Some(b) = b {
        let mut n = 0;
        while n < b.len() && a.get(n).copied().unwrap_or(ZERO) == b[n] {
            n += 1;
        }
        if n > 0 {
            let mut out = b[..n].to_vec();
            out.extend(midpoint(a.get(n..).unwrap_or(&[]), Some(&b[n..])));
            return out;
        }
    }
    let da = a.first().and_then(|&c| digit_value(c)).unwrap_or(0);
    let db = b.and_then(|b| b.first()).and_then(|&c| digit_value(c)).unwrap_or(BASE);
    if db - da > 1 {
        vec![DIGITS[(da + db).div_ceil(2)]]
    } else if let Some(b) = b.filter(|b| b.len() > 1) {
        vec![b[0]]
    } else {
        let mut out = vec![DIGITS[da]];
        out.extend(midpoint(a.get(1..).unwrap_or(&[]), None));
        out
    }
}

fn split(key: &str) -> (&str, &str) {
    // Only called on validated keys, whose integer length fits.
    let len = integer_length(key.as_bytes()[0]).unwrap_or(key.len()).min(key.len());
    key.split_at(len)
}

fn increment_integer(x: &str) -> Option<String> {
    let bytes = x.as_bytes();
    let head = bytes[0];
    let mut digits: Vec<u8> = bytes[1..].to_vec();
    let mut carry = true;
    for d in digits.iter_mut().rev() {
        let v = digit_value(*d).unwrap_or(0) + 1;
        if v == BASE {
            *d = ZERO;
        } else {
            *d = DIGITS[v];
            carry = false;
            break;
        }
    }
    if carry {
        if head == b'Z' {
            return Some("a0".to_owned());
        }
        if head == b'z' {
            return None;
        }
        let h = head + 1;
        if h > b'a' {
            digits.push(ZERO);
        } else {
            digits.pop();
        }
        digits.insert(0, h);
        return String::from_utf8(digits).ok();
    }
    digits.insert(0, head);
    String::from_utf8(digits).ok()
}

fn decrement_integer(x: &str) -> Option<String> {
    let bytes = x.as_bytes();
    let head = bytes[0];
    let mut digits: Vec<u8> = bytes[1..].to_vec();
    let mut borrow = true;
    for d in digits.iter_mut().rev() {
        match digit_value(*d).unwrap_or(0) {
            0 => *d = DIGITS[BASE - 1],
            v => {
                *d = DIGITS[v - 1];
                borrow = false;
                break;
            }
        }
    }
    if borrow {
        if head == b'a' {
            return Some(format!("Z{}", DIGITS[BASE - 1] as char));
        }
        if head == b'A' {
            return None;
        }
        let h = head - 1;
        if h < b'Z' {
            digits.push(DIGITS[BASE - 1]);
        } else {
            digits.pop();
        }
        digits.insert(0, h);
        return String::from_utf8(digits).ok();
    }
    digits.insert(0, head);
    String::from_utf8(digits).ok()
}

fn join(int: &str, frac: Vec<u8>) -> String {
    // Digits are ASCII, so this cannot fail; fall back to the integer part alone if it ever did.
    format!("{int}{}", String::from_utf8(frac).unwrap_or_default())
}

/// A key strictly between `a` and `b`, where `None` means the open end of the list.
pub fn key_between(a: Option<&str>, b: Option<&str>) -> Result<String, RankError> {
    if let Some(a) = a {
        validate(a)?;
    }
    if let Some(b) = b {
        validate(b)?;
    }
    match (a, b) {
        (Some(a), Some(b)) if a >= b => Err(RankError::OutOfOrder(a.to_owned(), b.to_owned())),
        (None, None) => Ok("a0".to_owned()),
        (None, Some(b)) => {
            let (ib, fb) = split(b);
            if ib == SMALLEST_INTEGER {
                return Ok(join(ib, midpoint(&[], Some(fb.as_bytes()))));
            }
            if ib.len() < b.len() {
                return Ok(ib.to_owned());
            }
            decrement_integer(ib).ok_or(RankError::Exhausted)
        }
        (Some(a), None) => {
            let (ia, fa) = split(a);
            Ok(match increment_integer(ia) {
                Some(i) => i,
                None => join(ia, midpoint(fa.as_bytes(), None)),
            })
        }
        (Some(a), Some(b)) => {
            let (ia, fa) = split(a);
            let (ib, fb) = split(b);
            if ia == ib {
                return Ok(join(ia, midpoint(fa.as_bytes(), Some(fb.as_bytes()))));
            }
            let i = increment_integer(ia).ok_or(RankError::Exhausted)?;
            if i.as_str() < b { Ok(i) } else { Ok(join(ia, midpoint(fa.as_bytes(), None))) }
        }
    }
}

#[cfg(test)]
mod tests;
