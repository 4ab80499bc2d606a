//! The type of the short texts a board is full of. At the bottom of the domain: the model, the
//! history and the ranks all hold it, and it needs none of them.

/// A short text kept inline (up to 24 bytes) instead of in an allocation of its own: keys,
/// column and sprint ids, names, labels and ranks are short, and a board of 100,000 stories
/// holds a dozen of them per story.
pub type ShortText = compact_str::CompactString;
