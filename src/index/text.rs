//! Section text on demand: one chunk per content page and language.
//!
//! Ranking reads only the index and each section's metadata (id, title, signatures,
//! codes…), which travel in its language's index part; what only a card shows (text,
//! commands, where the problem was seen, the release that fixed it, the link to the
//! original page) travels in chunks, fetched for the hits a reader is shown (issue 15,
//! the way Pagefind fetches its fragments). A chunk file:
//!
//! ```text
//! "FFTEXT\0\0" | format version: u32 LE | JSON {"lang", "page", "sections": [{ord, text, commands, …}…]}
//! ```
//!
//! The bundle's header names every chunk with its length and CRC-32, so a chunk from
//! another build, a cut download or an HTML page served in its place is recognised and
//! explained, never trusted. On disk and on the wire a chunk is gzip-compressed like the
//! bundle; these bytes are the inflated ones.

use super::bundle::{FORMAT_VERSION, GZIP_MAGIC};
use super::checksum;
use crate::section::{Command, Lang, Section, Source};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const TEXT_MAGIC: &[u8; 8] = b"FFTEXT\0\0";

/// Magic and format version: where a chunk's (and an index part's) own bytes start.
pub(super) const PREFIX_LEN: usize = TEXT_MAGIC.len() + 4;

/// What the bundle's header says about one chunk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkInfo {
    /// Path relative to the bundle's folder (and to the page, in the browser):
    /// `fixfind-text/en-troubleshooting.1a2b3c4d5e6f.chunk`.
    pub name: String,
    pub lang: Lang,
    pub page: String,
    /// Length of the inflated chunk.
    pub len: usize,
    /// CRC-32 of the inflated chunk.
    pub crc32: u32,
}

/// The text and commands of one section, by its ordinal in its language's part.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionText {
    pub ord: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<Command>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_in: Option<String>,
}

impl SectionText {
    /// What of `section` its chunk carries, as the section at `ord` of its part.
    pub fn of(ord: usize, section: &Section) -> SectionText {
        SectionText {
            ord,
            text: section.text.clone(),
            commands: section.commands.clone(),
            url: section.url.clone(),
            sources: section.sources.clone(),
            fixed_in: section.fixed_in.clone(),
        }
    }

    /// `section` with what this chunk carries for it filled in.
    pub fn fill(self, section: &mut Section) {
        section.text = self.text;
        section.commands = self.commands;
        section.url = self.url;
        section.sources = self.sources;
        section.fixed_in = self.fixed_in;
    }

    /// `section` without what its chunk carries: what the index part keeps of it.
    pub fn strip(section: &Section) -> Section {
        Section {
            text: String::new(),
            commands: Vec::new(),
            url: None,
            sources: Vec::new(),
            fixed_in: None,
            ..section.clone()
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Body {
    lang: Lang,
    page: String,
    sections: Vec<SectionText>,
}

/// Why a chunk cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChunkError {
    /// The bundle names no chunk of that name.
    Unknown,
    /// An HTML page (a 404 or a login page) was served instead.
    Html,
    /// Gzip bytes, not inflated first.
    Compressed,
    NotAChunk,
    FormatVersion {
        found: u32,
    },
    /// Not the length the bundle records: cut short, or from another build.
    Length {
        expected: usize,
        actual: usize,
    },
    /// Right length, wrong checksum: damaged, or from another build.
    Checksum,
    Corrupt(String),
}

/// A chunk that cannot be used, named by its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextError {
    pub file: String,
    pub error: ChunkError,
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.explain(f, "section text", &self.file)
    }
}

impl ChunkError {
    /// Why `file`, a file the bundle names and of the kind `noun` says ("section text",
    /// "index part"), cannot be used: text chunks and index parts are checked the same
    /// way ([`check`]) and explained the same way.
    pub(super) fn explain(&self, f: &mut fmt::Formatter<'_>, noun: &str, file: &str) -> fmt::Result {
        let rebuild = "reload the page, or rebuild the index with `fixfind build`";
        match self {
            ChunkError::Unknown => write!(f, "the search index names no {noun} `{file}`"),
            ChunkError::Html => write!(
                f,
                "an HTML page was served instead of the {noun} `{file}`; deploy the index's text folder next to the index"
            ),
            ChunkError::Compressed => {
                write!(f, "the {noun} `{file}` is still compressed (gzip): it must be inflated first")
            }
            ChunkError::NotAChunk => write!(f, "`{file}` is not fixfind {noun}; {rebuild}"),
            ChunkError::FormatVersion { found } => write!(
                f,
                "the {noun} `{file}` has format {found} but this fixfind reads format {FORMAT_VERSION}; {rebuild}"
            ),
            ChunkError::Length { expected, actual } => write!(
                f,
                "the {noun} `{file}` has {actual} bytes where the index expects {expected}: it is cut short or from another build; {rebuild}"
            ),
            ChunkError::Checksum => write!(
                f,
                "the {noun} `{file}` does not match the index (checksum): it is damaged or from another build; {rebuild}"
            ),
            ChunkError::Corrupt(why) => write!(f, "the {noun} `{file}` is damaged ({why}); {rebuild}"),
        }
    }
}

impl std::error::Error for TextError {}

/// The bytes of a chunk holding `sections` of page `page` in `lang`.
pub fn encode(lang: Lang, page: &str, sections: &[SectionText]) -> Vec<u8> {
    let body = Body { lang, page: page.to_owned(), sections: sections.to_vec() };
    let mut out = TEXT_MAGIC.to_vec();
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&serde_json::to_vec(&body).expect("chunk serialises"));
    out
}

/// What the bundle header records about chunk bytes.
pub fn info(name: String, lang: Lang, page: &str, bytes: &[u8]) -> ChunkInfo {
    ChunkInfo { name, lang, page: page.to_owned(), len: bytes.len(), crc32: checksum::crc32(bytes) }
}

/// Checks `bytes` against what the bundle says of the chunk and decodes them. Never
/// panics, whatever the input.
pub fn decode(info: &ChunkInfo, bytes: &[u8]) -> Result<Vec<SectionText>, ChunkError> {
    check(TEXT_MAGIC, info.len, info.crc32, bytes)?;
    let body: Body = serde_json::from_slice(&bytes[PREFIX_LEN..])
        .map_err(|e| ChunkError::Corrupt(format!("unreadable: {e}")))?;
    if body.lang != info.lang || body.page != info.page {
        return Err(ChunkError::Corrupt(format!(
            "it holds page {} ({}), the index expects {} ({})",
            body.page, body.lang, info.page, info.lang
        )));
    }
    Ok(body.sections)
}

/// Checks a file the bundle's header names (a text chunk, an index part) against the
/// length and CRC-32 the header records, after its magic and format version: each kind of
/// wrong file gets its own explanation. Never panics, whatever the input.
pub(super) fn check(magic: &[u8; 8], len: usize, crc32: u32, bytes: &[u8]) -> Result<(), ChunkError> {
    if !bytes.starts_with(magic) {
        let start = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).trim_start().to_ascii_lowercase();
        if start.starts_with('<') {
            return Err(ChunkError::Html);
        }
        if bytes.starts_with(&GZIP_MAGIC) {
            return Err(ChunkError::Compressed);
        }
        if bytes.is_empty() || magic.starts_with(bytes) {
            return Err(ChunkError::Length { expected: len, actual: bytes.len() });
        }
        return Err(ChunkError::NotAChunk);
    }
    if bytes.len() >= PREFIX_LEN {
        let version = u32::from_le_bytes(bytes[magic.len()..PREFIX_LEN].try_into().expect("4 bytes"));
        if version != FORMAT_VERSION {
            return Err(ChunkError::FormatVersion { found: version });
        }
    }
    if bytes.len() != len {
        return Err(ChunkError::Length { expected: len, actual: bytes.len() });
    }
    if checksum::crc32(bytes) != crc32 {
        return Err(ChunkError::Checksum);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (ChunkInfo, Vec<u8>) {
        let sections = vec![
            SectionText {
                ord: 3,
                text: "Check the keys.".into(),
                commands: vec![],
                url: None,
                sources: vec![],
                fixed_in: None,
            },
            SectionText {
                ord: 4,
                text: "etcd 空间不足".into(),
                commands: vec![Command {
                    lang: Some("bash".into()),
                    text: "kubectl get pods".into(),
                    note: None,
                }],
                url: Some("https://milvus.io/docs/configure_etcd.md".into()),
                sources: vec!["milvus-io/milvus#8636".parse().unwrap()],
                fixed_in: Some("2.2.0".into()),
            },
        ];
        let bytes = encode(Lang::En, "storage", &sections);
        (info("t/en-storage.x.chunk".into(), Lang::En, "storage", &bytes), bytes)
    }

    #[test]
    fn round_trip() {
        let (info, bytes) = sample();
        let sections = decode(&info, &bytes).unwrap();
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[1].ord, 4);
        assert_eq!(sections[1].sources[0].number, 8636);
        assert_eq!(sections[1].fixed_in.as_deref(), Some("2.2.0"));
        assert_eq!(sections[0].url, None);
        assert_eq!(sections[1].text, "etcd 空间不足");
        assert_eq!(sections[1].commands[0].text, "kubectl get pods");
    }

    #[test]
    fn every_truncation_and_extension_is_an_error() {
        let (info, bytes) = sample();
        for len in 0..bytes.len() {
            let error = decode(&info, &bytes[..len]).unwrap_err();
            assert!(
                matches!(error, ChunkError::Length { actual, .. } if actual == len)
                    || matches!(error, ChunkError::NotAChunk),
                "{len}: {error:?}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(b' ');
        assert!(matches!(decode(&info, &longer), Err(ChunkError::Length { .. })));
    }

    #[test]
    fn every_flipped_byte_is_an_error() {
        let (info, bytes) = sample();
        for k in 0..bytes.len() {
            let mut broken = bytes.clone();
            broken[k] ^= 0x20;
            assert!(decode(&info, &broken).is_err(), "byte {k} flipped and accepted");
        }
    }

    #[test]
    fn a_chunk_of_another_build_or_page_is_named() {
        let (info, bytes) = sample();
        // Another build of the same page: same length by chance, other bytes.
        let other = ChunkInfo { crc32: info.crc32 ^ 1, ..info.clone() };
        assert_eq!(decode(&other, &bytes), Err(ChunkError::Checksum));
        // The right bytes under the wrong name.
        let wrong_page = ChunkInfo { page: "other".into(), ..info.clone() };
        assert!(
            matches!(decode(&wrong_page, &bytes), Err(ChunkError::Corrupt(why)) if why.contains("storage"))
        );
        let mut old = bytes.clone();
        old[8] = 1;
        assert_eq!(decode(&info, &old), Err(ChunkError::FormatVersion { found: 1 }));
    }

    #[test]
    fn html_gzip_and_other_files_are_named() {
        let (info, _) = sample();
        assert_eq!(decode(&info, b"<!DOCTYPE html><title>404</title>"), Err(ChunkError::Html));
        assert_eq!(decode(&info, b"\x1f\x8b\x08\x00 gzip"), Err(ChunkError::Compressed));
        assert_eq!(decode(&info, b"FIXFIND\0 a bundle"), Err(ChunkError::NotAChunk));
        let error = TextError { file: "t/en-storage.x.chunk".into(), error: ChunkError::Checksum };
        assert!(error.to_string().contains("`t/en-storage.x.chunk`"), "{error}");
    }
}
