//! Error framing learned from a corpus of error strings: words that most Milvus errors
//! carry whatever went wrong (`milvusexception`, `code`, `message`, `rpc`, `error`).
//!
//! Idf learns this only from the knowledge base being searched. A knowledge base of error
//! runbooks quotes the framing everywhere and learns it; a set of docs pages quotes an
//! exception in two FAQ entries, and those two then win every pasted exception on
//! `code` and `message`. So the engine carries a reference: the share of this project's
//! knowledge-base topics whose error signatures hold each word ([`BACKGROUND`], written by
//! [`learn`] from `content/`; `tests/engine.rs` keeps it current). A term is then as
//! common as it is in the searched corpus or in the reference, whichever is more.

use crate::analyze::{analyze, normalize_text};
use crate::section::Section;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

/// The table, one `term share` a line, most common first.
pub const BACKGROUND: &str = include_str!("background.txt");

/// Words in fewer topics' signatures than this share are the topics' own words, not
/// framing, and stay out of the table: one topic in ten. From 0.03 to 0.1 the real-docs
/// training half ranks the same; above, `collection` and `field` leave and it ranks worse.
pub const MIN_SHARE: f32 = 0.1;

static SHARES: LazyLock<HashMap<&'static str, f32>> = LazyLock::new(|| {
    BACKGROUND
        .lines()
        .filter_map(|line| {
            let (term, share) = line.split_once(' ')?;
            Some((term, share.parse().ok()?))
        })
        .collect()
});

/// The share of reference topics whose signatures hold `term`, if it is framing.
pub fn share(term: &str) -> Option<f32> {
    SHARES.get(term).copied()
}

/// The table for a set of sections: for each term, the share of section ids (topics,
/// either language) whose signatures hold it, kept from [`MIN_SHARE`] up.
pub fn learn(sections: &[Section]) -> String {
    let mut holders: BTreeMap<String, HashSet<&str>> = BTreeMap::new();
    let mut topics = HashSet::new();
    for section in sections.iter().filter(|s| !s.signatures.is_empty()) {
        topics.insert(section.id.as_str());
        for signature in &section.signatures {
            for term in analyze(&normalize_text(signature)) {
                holders.entry(term).or_default().insert(section.id.as_str());
            }
        }
    }
    let total = topics.len().max(1) as f32;
    let mut rows: Vec<(String, f32)> = holders
        .into_iter()
        .map(|(term, ids)| (term, ids.len() as f32 / total))
        .filter(|(_, share)| *share >= MIN_SHARE)
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.into_iter().map(|(term, share)| format!("{term} {share:.3}\n")).collect()
}
