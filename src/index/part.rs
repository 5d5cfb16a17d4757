//! The index by language: one tantivy segment per language, each in its own part file.
//!
//! A person searches in one language first: the interface's. Its part is about a third of
//! the index for English and two thirds for Chinese (the Chinese text's character bigrams
//! are most of the term dictionary), so a first search waits for one part only, and the
//! other one follows (issue 15). A part file:
//!
//! ```text
//! "FFPART\0\0" | format version: u32 LE | header length: u32 LE | header (JSON) | files
//! ```
//!
//! The header names the part's language, its entry in tantivy's `meta.json` (the segment
//! it holds), the language's sections (all but their text and commands, which travel in
//! the chunks: see `index::text`) and its files with their lengths. A document's id is
//! its section's position in the part's own list, so a part needs nothing from another: the section metadata a first search needs comes with its language, and a
//! Chinese first visit does not download the English titles and signatures. The bundle's header names every part with
//! its length and CRC-32, like the text chunks, so a part from another build, a cut
//! download or an HTML page served in its place is recognised and explained; each tantivy
//! file is then checked against its own footer before tantivy reads it. With every part
//! attached, the segments together score exactly as one index over all sections would:
//! tantivy sums BM25's statistics over segments.

use super::bundle::check_footer;
use super::checksum;
use super::text::{ChunkError, PREFIX_LEN, check};
use crate::section::{Lang, Section};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const PART_MAGIC: &[u8; 8] = b"FFPART\0\0";

/// What the bundle's header says about one part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartInfo {
    /// Path relative to the bundle's folder (and to the page, in the browser):
    /// `fixfind-text/en.1a2b3c4d5e6f.part`.
    pub name: String,
    pub lang: Lang,
    /// Length of the inflated part.
    pub len: usize,
    /// CRC-32 of the inflated part.
    pub crc32: u32,
}

/// A decoded part: the segment's entry in `meta.json`, the language's sections (by the
/// ordinal the segment's documents carry) and the segment's files.
#[derive(Debug)]
pub struct Part {
    pub lang: Lang,
    pub segment: serde_json::Value,
    pub sections: Vec<Section>,
    pub files: Vec<(String, Vec<u8>)>,
}

#[derive(Serialize, Deserialize)]
struct Header {
    lang: Lang,
    segment: serde_json::Value,
    sections: Vec<Section>,
    files: Vec<(String, usize)>,
}

/// A part that cannot be used, named by its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartError {
    pub file: String,
    pub error: ChunkError,
}

impl fmt::Display for PartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.explain(f, "index part", &self.file)
    }
}

impl std::error::Error for PartError {}

/// The bytes of the part holding `lang`'s segment: its `meta.json` entry, the sections its
/// documents stand for (written as given: `index::write` strips their text) and its files.
pub fn encode(
    lang: Lang,
    segment: serde_json::Value,
    sections: &[Section],
    files: &[(String, Vec<u8>)],
) -> Vec<u8> {
    let header = Header {
        lang,
        segment,
        sections: sections.to_vec(),
        files: files.iter().map(|(n, b)| (n.clone(), b.len())).collect(),
    };
    let header = serde_json::to_vec(&header).expect("part header serialises");
    let mut out = PART_MAGIC.to_vec();
    out.extend_from_slice(&super::FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    for (_, bytes) in files {
        out.extend_from_slice(bytes);
    }
    out
}

/// What the bundle header records about part bytes.
pub fn info(name: String, lang: Lang, bytes: &[u8]) -> PartInfo {
    PartInfo { name, lang, len: bytes.len(), crc32: checksum::crc32(bytes) }
}

/// Checks `bytes` against what the bundle says of the part and decodes them. Never
/// panics, whatever the input.
pub fn decode(info: &PartInfo, bytes: &[u8]) -> Result<Part, ChunkError> {
    check(PART_MAGIC, info.len, info.crc32, bytes)?;
    let corrupt = |why: String| ChunkError::Corrupt(why);
    let rest = &bytes[PREFIX_LEN..];
    let Some((len, rest)) = rest.split_first_chunk::<4>() else {
        return Err(corrupt("no header".into()));
    };
    let header_len = u32::from_le_bytes(*len) as usize;
    if header_len > rest.len() {
        return Err(corrupt("header longer than the part".into()));
    }
    let (header, mut rest) = rest.split_at(header_len);
    let header: Header = serde_json::from_slice(header).map_err(|e| corrupt(format!("header: {e}")))?;
    if header.lang != info.lang {
        return Err(corrupt(format!("it holds {}, the index expects {}", header.lang, info.lang)));
    }
    if let Some(other) = header.sections.iter().find(|s| s.lang != info.lang) {
        return Err(corrupt(format!("section {} is in {}, not {}", other.id, other.lang, info.lang)));
    }
    let mut files = Vec::with_capacity(header.files.len());
    for (name, len) in header.files {
        if len > rest.len() {
            return Err(corrupt(format!("index file {name} longer than the part")));
        }
        let (file, tail) = rest.split_at(len);
        check_footer(&name, file).map_err(corrupt)?;
        files.push((name, file.to_vec()));
        rest = tail;
    }
    if !rest.is_empty() {
        return Err(corrupt(format!("{} unexpected trailing bytes", rest.len())));
    }
    Ok(Part { lang: header.lang, segment: header.segment, sections: header.sections, files })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tantivy-shaped file: body, JSON footer with the body's CRC-32, footer length, 1337.
    fn tantivy_file(body: &[u8]) -> Vec<u8> {
        let footer = format!(r#"{{"version":{{}},"crc":{}}}"#, checksum::crc32(body));
        let mut out = body.to_vec();
        out.extend_from_slice(footer.as_bytes());
        out.extend_from_slice(&(footer.len() as u32).to_le_bytes());
        out.extend_from_slice(&1337u32.to_le_bytes());
        out
    }

    fn section() -> Section {
        Section {
            id: "a".into(),
            page: "p".into(),
            lang: Lang::Zh,
            title: "甲".into(),
            breadcrumb: vec![],
            text: String::new(),
            commands: vec![],
            signatures: vec!["error a".into()],
            url: None,
            codes: vec![101],
            sources: vec!["milvus-io/milvus#1".parse().unwrap()],
            fixed_in: None,
        }
    }

    fn sample() -> (PartInfo, Vec<u8>) {
        let files =
            vec![("a.term".to_string(), tantivy_file(b"terms")), ("a.idx".to_string(), tantivy_file(b"p"))];
        let bytes =
            encode(Lang::Zh, serde_json::json!({"segment_id": "a", "max_doc": 1}), &[section()], &files);
        (info("t/zh.x.part".into(), Lang::Zh, &bytes), bytes)
    }

    #[test]
    fn round_trip() {
        let (info, bytes) = sample();
        let part = decode(&info, &bytes).unwrap();
        assert_eq!(part.lang, Lang::Zh);
        assert_eq!(part.segment["max_doc"], 1);
        assert_eq!(part.sections[0].id, "a");
        assert_eq!(part.sections[0].codes, vec![101]);
        assert_eq!(part.sections[0].sources[0].number, 1);
        assert_eq!(part.files.len(), 2);
        assert_eq!(part.files[1].0, "a.idx");
        assert_eq!(part.files[1].1, tantivy_file(b"p"));
    }

    #[test]
    fn every_truncation_extension_and_flipped_byte_is_an_error() {
        let (info, bytes) = sample();
        for len in 0..bytes.len() {
            assert!(decode(&info, &bytes[..len]).is_err(), "prefix of {len} bytes accepted");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(decode(&info, &longer), Err(ChunkError::Length { .. })));
        for k in 0..bytes.len() {
            let mut broken = bytes.clone();
            broken[k] ^= 0x20;
            assert!(decode(&info, &broken).is_err(), "byte {k} flipped and accepted");
        }
    }

    #[test]
    fn a_part_of_another_language_or_kind_is_named() {
        let (info, bytes) = sample();
        let en = PartInfo { lang: Lang::En, ..info.clone() };
        assert!(matches!(decode(&en, &bytes), Err(ChunkError::Corrupt(why)) if why.contains("zh")));
        assert!(matches!(decode(&info, b"<!doctype html>"), Err(ChunkError::Html)));
        assert!(matches!(decode(&info, b"FFTEXT\0\0 a text chunk"), Err(ChunkError::NotAChunk)));
        // A checksum recomputed over a damaged tantivy file still fails on its footer.
        let files = vec![("a.term".to_string(), {
            let mut f = tantivy_file(b"terms");
            f[0] ^= 1;
            f
        })];
        let damaged = encode(Lang::Zh, serde_json::json!({}), &[], &files);
        let damaged_info = super::info("t/zh.x.part".into(), Lang::Zh, &damaged);
        assert!(
            matches!(decode(&damaged_info, &damaged), Err(ChunkError::Corrupt(why)) if why.contains("a.term"))
        );
        // A section of the other language is not one of this part's.
        let english = Section { lang: Lang::En, ..section() };
        let mixed = encode(Lang::Zh, serde_json::json!({}), &[english], &[]);
        let mixed_info = super::info("t/zh.x.part".into(), Lang::Zh, &mixed);
        assert!(
            matches!(decode(&mixed_info, &mixed), Err(ChunkError::Corrupt(why)) if why.contains("section a"))
        );
        let error = PartError { file: "t/zh.x.part".into(), error: ChunkError::Checksum };
        assert!(error.to_string().contains("`t/zh.x.part`"), "{error}");
    }
}
