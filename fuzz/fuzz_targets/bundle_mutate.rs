//! Structured bundle fuzzing: start from a real bundle (built from the test fixtures), apply a
//! list of mutations to its parts (tantivy files, header fields), re-frame it — by default
//! with a *correct* checksum, so the damage gets past the CRC and reaches tantivy — then
//! open it. `Engine::open` must return an error
//! or a working engine, never panic; an engine that opens takes the build's real index
//! parts (or refuses them) and must then search.
#![no_main]

use arbitrary::Arbitrary;
use fixfind::Lang;
use fixfind::index::bundle::{Bundle, BundleInfo, FORMAT_VERSION, MAGIC};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

#[path = "shared.rs"]
mod shared;

/// The parts of the real bundle: header, tantivy files.
struct Parts {
    info: BundleInfo,
    files: Vec<(String, Vec<u8>)>,
}

static PARTS: LazyLock<Parts> = LazyLock::new(|| {
    let bytes: &[u8] = &shared::SMALL.bundle;
    let (info, _) = Bundle::header(bytes).expect("real bundle header");
    let files = Bundle::decode(bytes).expect("real bundle decodes").files;
    Parts { info, files }
});

#[derive(Arbitrary, Debug)]
enum Op {
    // On one part; `part` picks a tantivy file.
    Flip { part: u8, at: u32, xor: u8 },
    Overwrite { part: u8, at: u32, bytes: Vec<u8> },
    Insert { part: u8, at: u32, bytes: Vec<u8> },
    Truncate { part: u8, len: u32 },
    Cut { part: u8, at: u32, len: u16 },
    // On the file list.
    Remove { part: u8 },
    Duplicate { part: u8 },
    Rename { part: u8, name: String },
    Swap { a: u8, b: u8 },
    // On the header, left as written even if it contradicts the payload.
    FileLen { part: u8, len: usize },
    SectionCount(usize),
    HeaderVersion(u32),
    PrefixVersion(u32),
    HeaderLenDelta(i16),
}

#[derive(Arbitrary, Debug)]
struct Input {
    ops: Vec<Op>,
    /// Keep the original CRC; by default it is recomputed over the mutated payload.
    keep_stale_crc: bool,
    query: String,
}

/// A tantivy file, if there is any left.
fn part_mut(files: &mut [(String, Vec<u8>)], part: u8) -> Option<&mut Vec<u8>> {
    let n = files.len();
    (n > 0).then(|| &mut files[part as usize % n].1)
}

fn at(pos: u32, len: usize) -> usize {
    pos as usize % (len + 1)
}

fuzz_target!(
    init: {
        LazyLock::force(&PARTS);
    },
    |input: Input| {
        let real = &*PARTS;
        let mut files = real.files.clone();
        let mut file_len_override: Vec<(usize, usize)> = Vec::new();
        let mut section_count = None;
        let (mut header_version, mut prefix_version) = (FORMAT_VERSION, FORMAT_VERSION);
        let mut header_len_delta = 0i64;

        for op in input.ops.iter().take(64) {
            match op {
                Op::Flip { part, at: pos, xor } => {
                    let Some(data) = part_mut(&mut files, *part) else { continue };
                    if !data.is_empty() {
                        let i = *pos as usize % data.len();
                        data[i] ^= xor.max(&1);
                    }
                }
                Op::Overwrite { part, at: pos, bytes } => {
                    let Some(data) = part_mut(&mut files, *part) else { continue };
                    let i = at(*pos, data.len());
                    let end = (i + bytes.len()).min(data.len());
                    data[i..end].copy_from_slice(&bytes[..end - i]);
                }
                Op::Insert { part, at: pos, bytes } => {
                    let Some(data) = part_mut(&mut files, *part) else { continue };
                    let i = at(*pos, data.len());
                    data.splice(i..i, bytes.iter().copied());
                }
                Op::Truncate { part, len } => {
                    let Some(data) = part_mut(&mut files, *part) else { continue };
                    let n = at(*len, data.len());
                    data.truncate(n);
                }
                Op::Cut { part, at: pos, len } => {
                    let Some(data) = part_mut(&mut files, *part) else { continue };
                    let i = at(*pos, data.len());
                    let end = (i + *len as usize).min(data.len());
                    data.drain(i..end);
                }
                Op::Remove { part } if !files.is_empty() => {
                    files.remove(*part as usize % files.len());
                }
                Op::Duplicate { part } if !files.is_empty() => {
                    let f = files[*part as usize % files.len()].clone();
                    files.push(f);
                }
                Op::Rename { part, name } if !files.is_empty() => {
                    let k = *part as usize % files.len();
                    files[k].0 = name.clone();
                }
                Op::Swap { a, b } if !files.is_empty() => {
                    let n = files.len();
                    files.swap(*a as usize % n, *b as usize % n);
                }
                Op::FileLen { part, len } => file_len_override.push((*part as usize, *len)),
                Op::SectionCount(n) => section_count = Some(*n),
                Op::HeaderVersion(v) => header_version = *v,
                Op::PrefixVersion(v) => prefix_version = *v,
                Op::HeaderLenDelta(d) => header_len_delta = *d as i64,
                _ => {}
            }
        }

        let payload: Vec<u8> = files.iter().flat_map(|(_, data)| data.iter().copied()).collect();
        let mut info = real.info.clone();
        info.format_version = header_version;
        info.files = files.iter().map(|(name, data)| (name.clone(), data.len())).collect();
        for (part, len) in file_len_override {
            if !info.files.is_empty() {
                let k = part % info.files.len();
                info.files[k].1 = len;
            }
        }
        if let Some(n) = section_count {
            info.sections = n;
        }
        info.crc32 = if input.keep_stale_crc { real.info.crc32 } else { fixfind::index::checksum::crc32(&payload) };
        let header = serde_json::to_vec(&info).expect("header serialises");
        let header_len = (header.len() as i64 + header_len_delta).clamp(0, u32::MAX as i64) as u32;

        let mut bytes = Vec::with_capacity(16 + header.len() + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&prefix_version.to_le_bytes());
        bytes.extend_from_slice(&header_len.to_le_bytes());
        bytes.extend_from_slice(&header);
        bytes.extend_from_slice(&payload);

        if let Ok(mut engine) = fixfind::Engine::open(&bytes) {
            for (name, part) in &shared::SMALL.parts {
                let _ = engine.attach_part(name, part);
            }
            for lang in Lang::ALL {
                let _ = engine.search(&input.query, lang, 5);
                let _ = engine.search("etcd connection refused", lang, 5);
                let _ = engine.search("集合 加载 失败", lang, 5);
            }
            for section in engine.sections().iter().take(3) {
                let _ = engine.section(&section.id, section.lang);
            }
        }
    }
);
