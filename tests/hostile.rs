//! Regression cases found by fuzzing (`fuzz/`): each once crashed or could crash.

mod common;

use fixfind::Engine;
use fixfind::index::bundle::{Bundle, MAGIC};
use fixfind::index::part;

/// A small real build: its bundle decoded, and its first index part decoded.
fn decoded() -> (Bundle, part::Part) {
    let built = common::built_of("tests/fixtures/markdown");
    let bundle = Bundle::decode(&built.bundle).expect("fixture bundle decodes");
    let (name, bytes) = &built.parts[0];
    let info = bundle.info.parts.iter().find(|p| &p.name == name).expect("the bundle names its part");
    let part = part::decode(info, bytes).expect("fixture part decodes");
    (bundle, part)
}

/// `part`'s files replaced by `files`, with a part checksum (and a bundle naming it) made
/// right again: only the tantivy files' own footers can tell.
fn attach_with(bundle: &Bundle, part: &part::Part, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    let bytes = part::encode(part.lang, part.segment.clone(), &part.sections, files);
    let info = part::info("t/en.x.part".into(), part.lang, &bytes);
    let encoded = Bundle::encode(
        &bundle.files,
        part.sections.len(),
        &[info],
        &bundle.info.chunks,
        bundle.info.content_hash.clone(),
    );
    let mut engine = Engine::open(&encoded).map_err(|e| e.to_string())?;
    engine.attach_part("t/en.x.part", &bytes).map_err(|e| e.to_string())
}

/// Fuzz target `bundle_mutate`: a tantivy segment file cut to 4–7 bytes inside a bundle
/// whose own checksum is right made tantivy panic while reading the file's footer
/// (tantivy-common file_slice.rs: `slice_from_end` past the start). Segment files now
/// travel in parts: every length of a cut file in a part with a right checksum must be a
/// clean error naming the file.
#[test]
fn short_index_file_with_valid_part_checksum_is_an_error() {
    let (bundle, part) = decoded();
    let target = part.files.iter().position(|(name, _)| !name.ends_with(".json")).expect("segment file");
    for len in [0, 1, 4, 5, 7, 8, 9, 20] {
        let mut files = part.files.clone();
        files[target].1.truncate(len);
        match attach_with(&bundle, &part, &files) {
            Err(why) => assert!(why.contains(&files[target].0), "{why}"),
            Ok(()) => panic!("file cut to {len} bytes accepted"),
        }
    }
}

/// The same, for a flipped byte in the body of a segment file: caught by the file's own
/// checksum before tantivy reads it.
#[test]
fn damaged_index_file_with_valid_part_checksum_is_an_error() {
    let (bundle, part) = decoded();
    for k in 0..part.files.len() {
        if part.files[k].1.len() < 20 {
            continue;
        }
        let mut files = part.files.clone();
        files[k].1[0] ^= 0x55;
        assert!(attach_with(&bundle, &part, &files).is_err(), "damaged {} accepted", files[k].0);
    }
    // And the untouched part still attaches.
    attach_with(&bundle, &part, &part.files).expect("the untouched part attaches");
}

/// Header lengths near `usize::MAX` must not overflow while the payload size is summed.
#[test]
fn huge_lengths_in_the_header_are_an_error() {
    let (bundle, _) = decoded();
    let good = Bundle::encode(
        &bundle.files,
        bundle.info.sections,
        &bundle.info.parts,
        &bundle.info.chunks,
        bundle.info.content_hash.clone(),
    );
    let (info, payload) = Bundle::header(&good).unwrap();
    for lens in [vec![usize::MAX], vec![usize::MAX / 2 + 1, usize::MAX / 2 + 1], vec![1, usize::MAX]] {
        let mut info = info.clone();
        info.files = lens.iter().enumerate().map(|(k, &len)| (format!("f{k}.json"), len)).collect();
        let header = serde_json::to_vec(&info).unwrap();
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&info.format_version.to_le_bytes());
        bytes.extend_from_slice(&(header.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&header);
        bytes.extend_from_slice(payload);
        assert!(Engine::open(&bytes).is_err());
    }
}
