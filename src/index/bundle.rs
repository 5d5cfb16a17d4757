//! The bundle file: one small self-checking blob holding the tantivy index's schema and
//! the names of everything beside it. The index's segments travel in one part per
//! language, each with its language's section metadata (see `index::part`); the
//! sections' text and commands in per-page chunks (see `index::text`).
//!
//! ```text
//! "FIXFIND\0" | format version: u32 LE | header length: u32 LE | header (JSON) | payload
//! ```
//!
//! The header names the tantivy version that wrote the index, a hash of the content it
//! was built from, and a CRC-32 of the payload, so a truncated download, a flipped byte,
//! a bundle from another release or an HTML error page served in its place are all
//! recognised and explained instead of failing somewhere deep inside tantivy. It also
//! names every index part and text chunk with its length and CRC-32.

use super::checksum;
use super::part::PartInfo;
use super::text::ChunkInfo;
use serde::{Deserialize, Serialize};
use std::fmt;

pub const MAGIC: &[u8; 8] = b"FIXFIND\0";

/// How a bundle file starts when it is compressed at rest (gzip): it must be inflated
/// before it is decoded (see `index::disk`, and the app's loader).
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Bumped whenever the layout, the schema or the analyzer changes: an index is only
/// searchable with the analyzer that wrote it.
pub const FORMAT_VERSION: u32 = 8;

const PREFIX_LEN: usize = MAGIC.len() + 8;

/// What the header says about the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleInfo {
    pub format_version: u32,
    pub tantivy_version: String,
    /// SHA-256 of the sections the index was built from, hex.
    pub content_hash: String,
    /// How many sections the parts hold together.
    pub sections: usize,
    /// Tantivy's files that belong to no segment (`meta.json`, listing no segment), in
    /// payload order.
    pub files: Vec<(String, usize)>,
    pub crc32: u32,
    /// The index's segments, one part per language.
    pub parts: Vec<PartInfo>,
    /// The sections' text and commands, one chunk per page and language.
    pub chunks: Vec<ChunkInfo>,
}

/// A decoded bundle: its header and the index files that belong to no segment.
pub struct Bundle {
    pub info: BundleInfo,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Why a bundle cannot be used, phrased for the person who has to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// An HTML page (a 404 or a login page) was served instead of the bundle.
    Html,
    /// Gzip bytes, not inflated first.
    Compressed,
    NotABundle,
    Truncated {
        expected: usize,
        actual: usize,
    },
    Corrupt(String),
    FormatVersion {
        found: u32,
    },
    TantivyVersion {
        found: String,
    },
    Index(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::Html => write!(
                f,
                "an HTML page was served instead of the search index; check that the index file was deployed next to the app"
            ),
            BundleError::Compressed => write!(
                f,
                "the search index is still compressed (gzip): it must be inflated before it is opened"
            ),
            BundleError::NotABundle => {
                write!(f, "this file is not a fixfind index; rebuild it with `fixfind build`")
            }
            BundleError::Truncated { expected, actual } => write!(
                f,
                "the search index is incomplete ({actual} of {expected} bytes); reload the page or rebuild the index"
            ),
            BundleError::Corrupt(why) => write!(
                f,
                "the search index is damaged ({why}); reload the page or rebuild it with `fixfind build`"
            ),
            BundleError::FormatVersion { found } => write!(
                f,
                "the search index has format {found} but this fixfind reads format {FORMAT_VERSION}; rebuild it with `fixfind build`, or reload the page to get matching files"
            ),
            BundleError::TantivyVersion { found } => write!(
                f,
                "the search index was written by tantivy {found} but this fixfind uses {}; rebuild it with `fixfind build`",
                tantivy::version_string()
            ),
            BundleError::Index(why) => {
                write!(f, "the search index cannot be opened ({why}); rebuild it with `fixfind build`")
            }
        }
    }
}

impl std::error::Error for BundleError {}

impl Bundle {
    /// Serialises the index files that belong to no segment into bundle bytes, with the
    /// header entries of the index parts and text chunks, which hold `sections` in all.
    pub fn encode(
        files: &[(String, Vec<u8>)],
        sections: usize,
        parts: &[PartInfo],
        chunks: &[ChunkInfo],
        content_hash: String,
    ) -> Vec<u8> {
        let payload: Vec<u8> = files.iter().flat_map(|(_, bytes)| bytes.iter().copied()).collect();
        let info = BundleInfo {
            format_version: FORMAT_VERSION,
            tantivy_version: tantivy::version_string().to_owned(),
            content_hash,
            sections,
            files: files.iter().map(|(name, bytes)| (name.clone(), bytes.len())).collect(),
            crc32: checksum::crc32(&payload),
            parts: parts.to_vec(),
            chunks: chunks.to_vec(),
        };
        let header = serde_json::to_vec(&info).expect("header serialises");
        let mut out = Vec::with_capacity(PREFIX_LEN + header.len() + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(&payload);
        out
    }

    /// Checks and decodes bundle bytes. Never panics, whatever the input.
    pub fn decode(bytes: &[u8]) -> Result<Bundle, BundleError> {
        let (info, payload) = Self::header(bytes)?;
        // Lengths come from the file: sum them without overflowing.
        let expected = info.files.iter().try_fold(0usize, |sum, (_, len)| sum.checked_add(*len));
        let Some(expected) = expected.filter(|&n| n <= isize::MAX as usize) else {
            return Err(BundleError::Corrupt("impossible lengths in the header".into()));
        };
        if payload.len() < expected {
            return Err(BundleError::Truncated {
                expected: bytes.len() - payload.len() + expected,
                actual: bytes.len(),
            });
        }
        if payload.len() > expected {
            return Err(BundleError::Corrupt(format!(
                "{} unexpected trailing bytes",
                payload.len() - expected
            )));
        }
        if checksum::crc32(payload) != info.crc32 {
            return Err(BundleError::Corrupt("checksum mismatch".into()));
        }
        let mut rest = payload;
        let mut files = Vec::with_capacity(info.files.len());
        for (name, len) in &info.files {
            let (file, tail) = rest.split_at(*len);
            check_footer(name, file).map_err(BundleError::Corrupt)?;
            files.push((name.clone(), file.to_vec()));
            rest = tail;
        }
        Ok(Bundle { info, files })
    }

    /// Reads and checks only the header: enough to tell what a file is.
    pub fn header(bytes: &[u8]) -> Result<(BundleInfo, &[u8]), BundleError> {
        if bytes.len() < PREFIX_LEN || &bytes[..MAGIC.len()] != MAGIC {
            let start =
                String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).trim_start().to_ascii_lowercase();
            if start.starts_with("<!doctype") || start.starts_with("<html") || start.starts_with('<') {
                return Err(BundleError::Html);
            }
            if !bytes.is_empty() && MAGIC.starts_with(bytes) {
                return Err(BundleError::Truncated { expected: PREFIX_LEN, actual: bytes.len() });
            }
            if bytes.starts_with(&GZIP_MAGIC) {
                return Err(BundleError::Compressed);
            }
            return Err(BundleError::NotABundle);
        }
        let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        let version = word(MAGIC.len());
        if version != FORMAT_VERSION {
            return Err(BundleError::FormatVersion { found: version });
        }
        let header_len = word(MAGIC.len() + 4) as usize;
        let Some(header) = bytes.get(PREFIX_LEN..PREFIX_LEN.saturating_add(header_len)) else {
            return Err(BundleError::Truncated { expected: PREFIX_LEN + header_len, actual: bytes.len() });
        };
        let info: BundleInfo =
            serde_json::from_slice(header).map_err(|e| BundleError::Corrupt(format!("header: {e}")))?;
        if info.format_version != FORMAT_VERSION {
            return Err(BundleError::FormatVersion { found: info.format_version });
        }
        if info.tantivy_version != tantivy::version_string() {
            return Err(BundleError::TantivyVersion { found: info.tantivy_version });
        }
        Ok((info, &bytes[PREFIX_LEN + header_len..]))
    }
}

/// Tantivy ends every index file except its JSON metadata with a footer: JSON
/// `{"version":…,"crc":…}`, its length (u32 LE) and the magic number 1337 (u32 LE). Tantivy
/// trusts these files and panics on some damaged ones (a file of 4–7 bytes panics while its
/// footer is read), so a bundle or part whose checksum was recomputed over damaged files —
/// crafted, or written by a broken tool — is checked here, file by file, before tantivy
/// sees it.
pub(super) fn check_footer(name: &str, file: &[u8]) -> Result<(), String> {
    const FOOTER_MAGIC: u32 = 1337;
    if name.ends_with(".json") {
        return Ok(());
    }
    let corrupt = |why: &str| Err(format!("index file {name}: {why}"));
    let Some(body_len) = file.len().checked_sub(8) else { return corrupt("shorter than its footer") };
    let word = |at: usize| u32::from_le_bytes(file[at..at + 4].try_into().expect("4 bytes"));
    if word(body_len + 4) != FOOTER_MAGIC {
        return corrupt("no footer");
    }
    let Some(body_len) = body_len.checked_sub(word(body_len) as usize) else {
        return corrupt("shorter than its footer");
    };
    #[derive(Deserialize)]
    struct Footer {
        crc: u32,
    }
    let Ok(footer) = serde_json::from_slice::<Footer>(&file[body_len..file.len() - 8]) else {
        return corrupt("unreadable footer");
    };
    if checksum::crc32(&file[..body_len]) != footer.crc {
        return corrupt("checksum mismatch");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        Bundle::encode(&[("meta.json".into(), b"{}".to_vec())], 1, &[], &[], "hash".into())
    }

    #[test]
    fn round_trip() {
        let bundle = Bundle::decode(&sample()).unwrap();
        assert_eq!(bundle.info.sections, 1);
        assert_eq!(bundle.files, vec![("meta.json".to_string(), b"{}".to_vec())]);
        assert_eq!(bundle.info.content_hash, "hash");
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = sample();
        for len in 0..bytes.len() {
            assert!(Bundle::decode(&bytes[..len]).is_err(), "prefix of {len} bytes accepted");
        }
    }

    #[test]
    fn flipped_byte_is_caught() {
        let bytes = sample();
        let mut broken = bytes.clone();
        let last = broken.len() - 1;
        broken[last] ^= 0x20;
        assert_eq!(Bundle::decode(&broken).err(), Some(BundleError::Corrupt("checksum mismatch".into())));
    }

    #[test]
    fn html_page_and_other_versions_are_named() {
        assert_eq!(Bundle::decode(b"<!DOCTYPE html><title>404</title>").err(), Some(BundleError::Html));
        let mut other = sample();
        other[8] = 99;
        assert_eq!(Bundle::decode(&other).err(), Some(BundleError::FormatVersion { found: 99 }));
        assert_eq!(Bundle::decode(b"PK\x03\x04 zip").err(), Some(BundleError::NotABundle));
        assert_eq!(Bundle::decode(b"\x1f\x8b\x08\x00 gzip").err(), Some(BundleError::Compressed));
    }
}
