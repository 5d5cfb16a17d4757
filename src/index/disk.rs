//! The bundle on disk (native only): gzip-compressed at rest.
//!
//! Static hosts and CDNs compress by content type, and a `.bundle` is
//! `application/octet-stream`, which their lists leave out: served as written, the
//! bundle would travel at its full size from GitHub Pages. Written compressed, it is
//! small from any host; the browser inflates it with its own `DecompressionStream`
//! (no decoder in the wasm), the CLI with `flate2`; Zopfli writes it. A bundle written uncompressed (older
//! builds, hand-made test files) still reads. The index parts and text chunks beside it
//! (`<stem>-text/*.part`, `*.chunk`, see `index::part` and `index::text`) are compressed
//! the same way.

use super::bundle::GZIP_MAGIC;
use super::write::{Built, write_atomically};
use crate::Engine;
use flate2::read::GzDecoder;
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

/// No bundle inflates past this: a gzip bomb in place of the index is an error, not an
/// exhausted machine.
pub const MAX_INFLATED_BYTES: u64 = 512 << 20;

/// Zopfli's passes over each block. Measured on the Chinese index part (936 KB raw for
/// both parts): one pass 284.7 KB, five 281.3 KB, for 5.2 and 7.1 s of the whole build.
const ZOPFLI_ITERATIONS: u64 = 5;

/// A file as it is written to disk: gzip, written by Zopfli. Every visitor downloads
/// these bytes and the build writes them once, so the build spends a few seconds on a
/// stream about 5 % smaller than `gzip -9`'s (295.6 → 281.3 KB for the Chinese index
/// part); any gzip reader inflates it.
pub fn compress(bundle: &[u8]) -> Vec<u8> {
    let options = zopfli::Options {
        iteration_count: std::num::NonZeroU64::new(ZOPFLI_ITERATIONS).expect("not zero"),
        ..zopfli::Options::default()
    };
    let mut out = Vec::with_capacity(bundle.len() / 3);
    zopfli::compress(options, zopfli::Format::Gzip, bundle, &mut out).expect("writing to memory cannot fail");
    out
}

/// The bundle bytes of a file's contents, inflated when they are compressed.
pub fn decompress(file: &[u8]) -> Result<Vec<u8>, String> {
    if !file.starts_with(&GZIP_MAGIC) {
        return Ok(file.to_vec());
    }
    let mut out = Vec::new();
    GzDecoder::new(file).take(MAX_INFLATED_BYTES + 1).read_to_end(&mut out).map_err(|e| {
        format!("the search index is incomplete or damaged ({e}); rebuild it with `fixfind build`")
    })?;
    if out.len() as u64 > MAX_INFLATED_BYTES {
        return Err(format!(
            "the search index inflates past {MAX_INFLATED_BYTES} bytes; rebuild it with `fixfind build`"
        ));
    }
    Ok(out)
}

/// Writes `bundle` compressed to `path`, atomically; returns the bytes written.
pub fn write(path: &Path, bundle: &[u8]) -> std::io::Result<usize> {
    let compressed = compress(bundle);
    write_atomically(path, &compressed)?;
    Ok(compressed.len())
}

/// What [`write_built`] wrote: compressed bytes of the bundle, of its parts and of its
/// chunks.
#[derive(Clone, Copy, Debug)]
pub struct Written {
    pub bundle: usize,
    pub parts: usize,
    pub chunks: usize,
    pub chunk_files: usize,
}

/// Writes a build: every part and chunk first, each atomically, then the bundle,
/// atomically, then removes the parts and chunks of earlier builds that no bundle here
/// names any more. Their names carry a hash of their bytes, so no file the previous bundle
/// names is ever rewritten: at every moment the bundle on disk and the files it names
/// agree, and a build that fails half-way leaves the previous one whole.
pub fn write_built(path: &Path, built: &Built) -> std::io::Result<Written> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut parts = 0;
    for (name, bytes) in &built.parts {
        parts += write(&dir.join(name), bytes)?;
    }
    let mut chunks = 0;
    for (name, bytes) in &built.chunks {
        chunks += write(&dir.join(name), bytes)?;
    }
    let bundle = write(path, &built.bundle)?;
    let names: HashSet<&Path> = built.files().map(|(name, _)| Path::new(name.as_str())).collect();
    let folders: HashSet<&Path> = names.iter().filter_map(|n| n.parent()).collect();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(dir.join(folder)) else { continue };
        for entry in entries.flatten() {
            let file = entry.file_name();
            let stale = !names.contains(folder.join(&file).as_path());
            let file_name = file.to_string_lossy();
            let ours = [".part", ".chunk", ".tmp"].iter().any(|end| file_name.ends_with(end));
            if stale && ours {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(Written { bundle, parts, chunks, chunk_files: built.chunks.len() })
}

/// Opens the bundle at `path` whole: every part and chunk it names is read from beside
/// it, checked and attached. A missing or damaged file is an error naming it.
pub fn open(path: &Path) -> Result<Engine, String> {
    let bytes = read(path)?;
    let mut engine = Engine::open(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let beside = |name: &str, what: &str| {
        let file = dir.join(name);
        let bytes = std::fs::read(&file).map_err(|e| {
            format!(
                "cannot read {what} {} ({e}), which the index {} names; rebuild it with `fixfind build`",
                file.display(),
                path.display()
            )
        })?;
        let bytes = decompress(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
        Ok::<_, String>((file, bytes))
    };
    let parts: Vec<String> = engine.parts().iter().map(|p| p.name.clone()).collect();
    for name in parts {
        let (file, bytes) = beside(&name, "index part")?;
        engine.attach_part(&name, &bytes).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    let chunks: Vec<String> = engine.chunks().iter().map(|c| c.name.clone()).collect();
    for name in chunks {
        let (file, bytes) = beside(&name, "section text")?;
        engine.attach(&name, &bytes).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(engine)
}

/// Reads the bundle at `path`.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::read(path)
        .map_err(|e| format!("cannot read index {}: {e}; build it with `fixfind build`", path.display()))?;
    decompress(&file).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_plain_bundles_read() {
        let bundle = b"FIXFIND\0 some bundle bytes, repeated repeated repeated".to_vec();
        let compressed = compress(&bundle);
        assert!(compressed.starts_with(&GZIP_MAGIC));
        assert_eq!(decompress(&compressed).unwrap(), bundle);
        assert_eq!(decompress(&bundle).unwrap(), bundle);
    }

    #[test]
    fn a_cut_or_damaged_file_is_an_error() {
        let compressed = compress(&vec![7u8; 100_000]);
        let cut = &compressed[..compressed.len() / 2];
        assert!(decompress(cut).unwrap_err().contains("incomplete or damaged"));
        let mut flipped = compressed.clone();
        let last = flipped.len() - 6;
        flipped[last] ^= 0xff;
        assert!(decompress(&flipped).is_err());
    }
}
