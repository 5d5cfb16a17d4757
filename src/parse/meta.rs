//! A section's meta line: the first paragraph under its heading, when it reads
//!
//! ```markdown
//! Codes: 1401 · Seen in: milvus-io/milvus#30123, milvus-io/pymilvus#1710 · Fixed in: 2.4.5
//! ```
//!
//! The keys are the same in every language, so a Chinese page carries the same line as
//! its English twin. Each part is optional; parts are separated by ` · ` or by line breaks.
//! A paragraph that starts with one of the keys is a meta line, and any part of it that
//! cannot be read is an error: a typo in a code would otherwise silently unclaim it.

use crate::section::Source;

const CODES: &str = "Codes:";
const SEEN_IN: &str = "Seen in:";
const FIXED_IN: &str = "Fixed in:";
const KEYS: [&str; 3] = [CODES, SEEN_IN, FIXED_IN];

/// A release name is short (`2.4.5`, `pymilvus 2.4.3`); anything longer is prose that
/// lost its line break.
const MAX_FIXED_IN_CHARS: usize = 40;

/// What a meta line declares.
#[derive(Debug, Default, PartialEq)]
pub struct Meta {
    pub codes: Vec<u32>,
    pub sources: Vec<Source>,
    pub fixed_in: Option<String>,
}

/// `None` when `paragraph` is not a meta line, else what it says or what is wrong with it.
pub fn read(paragraph: &str) -> Option<Result<Meta, String>> {
    let paragraph = paragraph.trim();
    if !KEYS.iter().any(|key| paragraph.starts_with(key)) {
        return None;
    }
    Some(parse(paragraph))
}

fn parse(paragraph: &str) -> Result<Meta, String> {
    let mut meta = Meta::default();
    for part in paragraph.split(['·', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let list = |value: &str| -> Vec<String> {
            value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect()
        };
        if let Some(value) = part.strip_prefix(CODES) {
            for code in list(value) {
                let code = code.parse().map_err(|_| format!("`{code}` in `{CODES}` is not a number"))?;
                if !meta.codes.contains(&code) {
                    meta.codes.push(code);
                }
            }
        } else if let Some(value) = part.strip_prefix(SEEN_IN) {
            for source in list(value) {
                meta.sources.push(source.parse()?);
            }
        } else if let Some(value) = part.strip_prefix(FIXED_IN) {
            let value = value.trim();
            if value.is_empty() || value.chars().count() > MAX_FIXED_IN_CHARS {
                return Err(format!("`{FIXED_IN}` takes a release such as `2.4.5`, not `{value}`"));
            }
            meta.fixed_in = Some(value.to_owned());
        } else {
            return Err(format!(
                "`{part}` in a meta line: expected `{CODES}`, `{SEEN_IN}` or `{FIXED_IN}`, separated by ` · `"
            ));
        }
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_line_reads() {
        let meta = read(
            "Codes: 1401, 1400 · Seen in: milvus-io/milvus#30123, milvus-io/pymilvus#1710 · Fixed in: 2.4.5",
        )
        .unwrap()
        .unwrap();
        assert_eq!(meta.codes, vec![1401, 1400]);
        assert_eq!(meta.sources.len(), 2);
        assert_eq!(meta.sources[1].repo, "milvus-io/pymilvus");
        assert_eq!(meta.sources[1].number, 1710);
        assert_eq!(meta.fixed_in.as_deref(), Some("2.4.5"));
    }

    #[test]
    fn parts_may_stand_on_their_own_lines() {
        let meta = read("Seen in: milvus-io/milvus#1\nFixed in: pymilvus 2.4.3").unwrap().unwrap();
        assert_eq!(meta.sources[0].to_string(), "milvus-io/milvus#1");
        assert_eq!(meta.fixed_in.as_deref(), Some("pymilvus 2.4.3"));
        assert!(meta.codes.is_empty());
    }

    #[test]
    fn prose_is_not_a_meta_line() {
        assert!(read("The codes: are documented elsewhere.").is_none());
        assert!(read("**Symptom.** Codes: 1").is_none());
    }

    #[test]
    fn broken_parts_are_errors() {
        assert!(read("Codes: 14O1").unwrap().unwrap_err().contains("14O1"));
        assert!(read("Seen in: milvus#12").unwrap().unwrap_err().contains("milvus#12"));
        assert!(read("Codes: 1 · Fixd in: 2.4").unwrap().unwrap_err().contains("Fixd in"));
        assert!(read("Fixed in:").unwrap().is_err());
    }
}
