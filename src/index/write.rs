//! Writing the bundle (build time, native only).
//!
//! The index is built single-threaded in a scratch directory, read back into one bundle,
//! written next to the destination under a temporary name and renamed over it. A build
//! that fails at any point leaves the previous bundle untouched.

use super::{Bundle, Fields};
use crate::analyze::{self, normalize_text};
use crate::section::Section;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;
use tantivy::{Index, TantivyDocument};

/// Memory for the single indexing thread; tantivy's minimum is 15 MB.
const WRITER_MEMORY_BYTES: usize = 50_000_000;

/// Builds the index over `sections` and returns the bundle bytes.
pub fn build(sections: &[Section]) -> Result<Vec<u8>, String> {
    let scratch = tempfile::tempdir().map_err(|e| format!("cannot create a scratch folder: {e}"))?;
    let (schema, fields) = Fields::schema();
    let index = Index::create_in_dir(scratch.path(), schema).map_err(|e| e.to_string())?;
    analyze::register(&index);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY_BYTES)
        .map_err(|e| e.to_string())?;
    for (ord, section) in sections.iter().enumerate() {
        writer.add_document(document(&fields, ord as u64, section)).map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;

    let mut files = Vec::new();
    for entry in std::fs::read_dir(scratch.path()).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".lock") {
            continue;
        }
        files.push((name, std::fs::read(entry.path()).map_err(|e| e.to_string())?));
    }
    files.sort();
    Ok(Bundle::encode(&files, sections, content_hash(sections)))
}

fn document(fields: &Fields, ord: u64, section: &Section) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(fields.ord, ord);
    doc.add_text(fields.title, normalize_text(&section.title));
    let body = format!("{}\n{}", section.breadcrumb.join(" "), section.text);
    doc.add_text(fields.body, normalize_text(&body));
    for command in &section.commands {
        doc.add_text(fields.commands, normalize_text(&command.text));
    }
    for signature in &section.signatures {
        doc.add_text(fields.signatures, normalize_text(signature));
    }
    doc
}

/// SHA-256 over the sections, so two builds of the same content are recognisably equal.
pub fn content_hash(sections: &[Section]) -> String {
    let json = serde_json::to_vec(sections).expect("sections serialise");
    Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed over the destination.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".fixfind-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Temporary files are private (0600); a bundle is published, so readable by all.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
