//! Writing the bundle (build time, native only).
//!
//! The index is built single-threaded in a scratch directory, one commit per language so
//! that each language is one segment, and read back into one part per language
//! (`index::part`) and the bundle; the sections' text and commands go into one chunk per
//! page and language (`index::text`). Parts and chunks are named by a hash of their bytes.
//! `index::disk` writes them first and the bundle last, each under a temporary name
//! renamed into place: a build that fails at any point leaves the previous bundle, and
//! every file it names, untouched.

use super::part::{self, PartInfo};
use super::text::{self, ChunkInfo, SectionText};
use super::{Bundle, Fields, text_dir_name};
use crate::Engine;
use crate::analyze::{self, normalize_text};
use crate::section::{Lang, Section};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;
use tantivy::{Index, TantivyDocument};

/// The text folder of a bundle written to the default path (`index/fixfind.bundle`).
pub const DEFAULT_TEXT_DIR: &str = "fixfind-text";

/// A built index: the bundle, its index parts and its text chunks, all uncompressed
/// (`index::disk` compresses them at rest).
pub struct Built {
    pub bundle: Vec<u8>,
    /// Each part's name (relative to the bundle's folder) and bytes, as the bundle's
    /// header lists them.
    pub parts: Vec<(String, Vec<u8>)>,
    /// Each chunk's name and bytes, likewise.
    pub chunks: Vec<(String, Vec<u8>)>,
}

impl Built {
    /// The engine over this build with every part and chunk attached: what the CLI opens
    /// from disk.
    pub fn open(&self) -> Result<Engine, String> {
        let mut engine = self.open_index()?;
        for (name, bytes) in &self.chunks {
            engine.attach(name, bytes).map_err(|e| e.to_string())?;
        }
        Ok(engine)
    }

    /// The engine over this build with every part attached and no text.
    pub fn open_index(&self) -> Result<Engine, String> {
        let mut engine = Engine::open(&self.bundle).map_err(|e| e.to_string())?;
        for (name, bytes) in &self.parts {
            engine.attach_part(name, bytes).map_err(|e| e.to_string())?;
        }
        Ok(engine)
    }

    /// The files beside the bundle: its parts, then its chunks.
    pub fn files(&self) -> impl Iterator<Item = &(String, Vec<u8>)> {
        self.parts.iter().chain(&self.chunks)
    }
}

/// Memory for the single indexing thread; tantivy's minimum is 15 MB.
const WRITER_MEMORY_BYTES: usize = 50_000_000;

/// Builds the index over `sections`, its chunks in [`DEFAULT_TEXT_DIR`].
pub fn build(sections: &[Section]) -> Result<Built, String> {
    build_in(sections, DEFAULT_TEXT_DIR)
}

/// Builds the index for a bundle written to `out`: its chunks go to the folder beside
/// it that [`text_dir_name`] names.
pub fn build_for(sections: &[Section], out: &Path) -> Result<Built, String> {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "fixfind".into());
    build_in(sections, &text_dir_name(&stem))
}

/// Builds the index over `sections`, naming its parts `<text_dir>/<lang>.<hash>.part` and
/// its chunks `<text_dir>/<lang>-<page>.<hash>.chunk`.
pub fn build_in(sections: &[Section], text_dir: &str) -> Result<Built, String> {
    let scratch = tempfile::tempdir().map_err(|e| format!("cannot create a scratch folder: {e}"))?;
    let (schema, fields) = Fields::schema();
    let index = Index::create_in_dir(scratch.path(), schema).map_err(|e| e.to_string())?;
    analyze::register(&index);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY_BYTES)
        .map_err(|e| e.to_string())?;
    // One segment per language: no merge may join them.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let mut segments: Vec<(Lang, String)> = Vec::new();
    let english: HashSet<&str> = of_lang(sections, Lang::En).iter().map(|s| s.id.as_str()).collect();
    for lang in Lang::ALL {
        let own = of_lang(sections, lang);
        if own.is_empty() {
            continue;
        }
        // One thread, one commit and no merges: the segment's document ids are the
        // positions of the sections in the part's list (the engine's catalog relies on it,
        // and checks the count).
        for section in &own {
            let commands = section.lang == Lang::En || !english.contains(section.id.as_str());
            writer.add_document(document(&fields, section, commands)).map_err(|e| e.to_string())?;
        }
        writer.commit().map_err(|e| e.to_string())?;
        let known: Vec<&str> = segments.iter().map(|(_, id)| id.as_str()).collect();
        let new: Vec<String> = index
            .searchable_segment_ids()
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|id| id.uuid_string())
            .filter(|id| !known.contains(&id.as_str()))
            .collect();
        let [segment] = new.as_slice() else {
            return Err(format!("a commit of {lang} sections made {} segments, not one", new.len()));
        };
        segments.push((lang, segment.clone()));
    }
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
    let (parts, shared) = parts(sections, &segments, &files, text_dir)?;
    let part_infos: Vec<PartInfo> = parts.iter().map(|(info, _)| info.clone()).collect();
    let parts = parts.into_iter().map(|(info, bytes)| (info.name, bytes)).collect();
    let (chunks, infos) = chunks(sections, text_dir);
    let bundle = Bundle::encode(&[shared], sections.len(), &part_infos, &infos, content_hash(sections));
    Ok(Built { bundle, parts, chunks })
}

/// A file's name and bytes.
type NamedFile = (String, Vec<u8>);
/// A part's header entry and bytes.
type Part = (PartInfo, Vec<u8>);

/// The sections of `lang`, in order: a part's documents and its section list.
fn of_lang(sections: &[Section], lang: Lang) -> Vec<&Section> {
    sections.iter().filter(|s| s.lang == lang).collect()
}

/// Splits tantivy's files into one part per language segment, with its header entry and
/// its language's sections (without what the chunks hold), and what belongs
/// to none: `meta.json`, which the bundle keeps with an empty segment list (the engine
/// lists the segments of the parts it has). `.managed.json` only tracks files for
/// tantivy's garbage collection, which a read-only index never runs.
fn parts(
    sections: &[Section],
    segments: &[(Lang, String)],
    files: &[NamedFile],
    text_dir: &str,
) -> Result<(Vec<Part>, NamedFile), String> {
    let meta_file = files.iter().find(|(name, _)| name == "meta.json").ok_or("tantivy wrote no meta.json")?;
    let mut meta: serde_json::Value =
        serde_json::from_slice(&meta_file.1).map_err(|e| format!("tantivy's meta.json: {e}"))?;
    let Some(serde_json::Value::Array(entries)) = meta.get_mut("segments").map(serde_json::Value::take)
    else {
        return Err("tantivy's meta.json lists no segments".into());
    };
    meta["segments"] = serde_json::Value::Array(Vec::new());
    let shared = ("meta.json".to_owned(), serde_json::to_vec(&meta).expect("meta.json serialises"));

    let mut out = Vec::with_capacity(segments.len());
    for (lang, id) in segments {
        let entry = entries
            .iter()
            .find(|e| e["segment_id"].as_str().is_some_and(|s| s.replace('-', "") == *id))
            .ok_or_else(|| format!("meta.json does not list the {lang} segment"))?;
        let own: Vec<(String, Vec<u8>)> =
            files.iter().filter(|(name, _)| name.split('.').next() == Some(id.as_str())).cloned().collect();
        let stripped: Vec<Section> = of_lang(sections, *lang).into_iter().map(SectionText::strip).collect();
        let bytes = part::encode(*lang, entry.clone(), &stripped, &own);
        let name = format!("{text_dir}/{lang}.{}.part", short_hash(&bytes));
        out.push((part::info(name, *lang, &bytes), bytes));
    }
    Ok((out, shared))
}

/// The start of the SHA-256 of `bytes`, hex: enough to tell two builds of a file apart.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// One chunk per page and language, in order of first section. The name carries the
/// page (readable in a network log) and a hash of the bytes: a new build of a page gets a
/// new name, so a chunk file is never rewritten while a bundle names it, and a cache keyed
/// by URL never serves an old chunk to a new bundle. `.chunk`, not `.gz`: some servers
/// answer `.gz` with `Content-Encoding: gzip`, and static hosts leave unknown types as
/// they are (the bytes are gzip already).
fn chunks(sections: &[Section], text_dir: &str) -> (Vec<(String, Vec<u8>)>, Vec<ChunkInfo>) {
    let mut pages: Vec<(Lang, &str)> = Vec::new();
    let mut by_page: BTreeMap<(Lang, &str), Vec<SectionText>> = BTreeMap::new();
    let mut next_ord: BTreeMap<Lang, usize> = BTreeMap::new();
    for s in sections {
        // The ordinal the section has in its language's part.
        let ord = next_ord.entry(s.lang).or_default();
        let key = (s.lang, s.page.as_str());
        let texts = by_page.entry(key).or_default();
        if texts.is_empty() {
            pages.push(key);
        }
        texts.push(SectionText::of(*ord, s));
        *ord += 1;
    }
    let mut out = Vec::with_capacity(pages.len());
    let mut infos = Vec::with_capacity(pages.len());
    for key @ (lang, page) in pages {
        let bytes = text::encode(lang, page, &by_page[&key]);
        let hash = short_hash(&bytes);
        let safe: String = page
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') { c } else { '_' })
            .collect();
        let name = format!("{text_dir}/{lang}-{safe}.{hash}.chunk");
        infos.push(text::info(name.clone(), lang, page, &bytes));
        out.push((name, bytes));
    }
    (out, infos)
}

/// The document of `section`, with its commands when `commands`.
///
/// A section's translation carries the same commands, and only its English section
/// indexes them: the engine answers with one hit per section id, whichever language
/// matched. Commands are English words (`kubectl`, config keys) that would otherwise be a
/// second set of terms in the Chinese part, about a tenth of it (issue 15's byte budget).
fn document(fields: &Fields, section: &Section, commands: bool) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.title, normalize_text(&section.title));
    let body = format!("{}\n{}", section.breadcrumb.join(" "), section.text);
    doc.add_text(fields.body, normalize_text(&body));
    for command in section.commands.iter().filter(|_| commands) {
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
