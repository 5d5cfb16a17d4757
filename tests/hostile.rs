//! Regression cases found by fuzzing (`fuzz/`): each once crashed or could crash.

mod common;

use fixfind::Engine;
use fixfind::index::bundle::{Bundle, BundleError, MAGIC};

/// A small real bundle, split into its parts.
fn parts() -> Bundle {
    let bytes = common::bundle_of("tests/fixtures/markdown");
    Bundle::decode(&bytes).expect("fixture bundle decodes")
}

/// Fuzz target `bundle_mutate`: a tantivy segment file cut to 4–7 bytes inside a bundle
/// whose own checksum is right made tantivy panic while reading the file's footer
/// (tantivy-common file_slice.rs: `slice_from_end` past the start). Every length of a
/// cut file must now be a clean error.
#[test]
fn short_index_file_with_valid_bundle_checksum_is_an_error() {
    let bundle = parts();
    let target = bundle.files.iter().position(|(name, _)| !name.ends_with(".json")).expect("segment file");
    for len in [0, 1, 4, 5, 7, 8, 9, 20] {
        let mut files = bundle.files.clone();
        files[target].1.truncate(len);
        let bytes =
            Bundle::encode(&files, &bundle.sections, &bundle.info.chunks, bundle.info.content_hash.clone());
        match Engine::open(&bytes) {
            Err(BundleError::Corrupt(why)) => assert!(why.contains(&files[target].0), "{why}"),
            other => panic!("file cut to {len} bytes: {:?}", other.err()),
        }
    }
}

/// The same, for a flipped byte in the body of a segment file: caught by the file's own
/// checksum before tantivy reads it.
#[test]
fn damaged_index_file_with_valid_bundle_checksum_is_an_error() {
    let bundle = parts();
    for k in 0..bundle.files.len() {
        if bundle.files[k].0.ends_with(".json") || bundle.files[k].1.len() < 20 {
            continue;
        }
        let mut files = bundle.files.clone();
        files[k].1[0] ^= 0x55;
        let bytes =
            Bundle::encode(&files, &bundle.sections, &bundle.info.chunks, bundle.info.content_hash.clone());
        assert!(Engine::open(&bytes).is_err(), "damaged {} accepted", files[k].0);
    }
    // And the untouched bundle still opens.
    let bytes = Bundle::encode(
        &bundle.files,
        &bundle.sections,
        &bundle.info.chunks,
        bundle.info.content_hash.clone(),
    );
    assert!(Engine::open(&bytes).is_ok());
}

/// Header lengths near `usize::MAX` must not overflow while the payload size is summed.
#[test]
fn huge_lengths_in_the_header_are_an_error() {
    let bundle = parts();
    let good = Bundle::encode(
        &bundle.files,
        &bundle.sections,
        &bundle.info.chunks,
        bundle.info.content_hash.clone(),
    );
    let (info, payload) = Bundle::header(&good).unwrap();
    for (sections_len, file_len) in
        [(usize::MAX, None), (1, Some(usize::MAX)), (usize::MAX / 2 + 1, Some(usize::MAX / 2 + 1))]
    {
        let mut info = info.clone();
        info.sections_len = sections_len;
        if let Some(len) = file_len {
            info.files[0].1 = len;
        }
        let header = serde_json::to_vec(&info).unwrap();
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&info.format_version.to_le_bytes());
        bytes.extend_from_slice(&(header.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&header);
        bytes.extend_from_slice(payload);
        assert!(Engine::open(&bytes).is_err());
    }
}
