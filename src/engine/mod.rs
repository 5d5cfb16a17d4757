//! The search engine shared by the browser and the terminal.
//!
//! [`Engine::open`] takes bundle bytes (fetched by the app, read from disk by the CLI) and
//! holds the index in a tantivy `RamDirectory`, one segment per language as each part
//! arrives ([`Engine::attach_part`]); nothing here spawns a thread, sleeps or reads the
//! clock, so the same code runs in wasm32.
//!
//! A search runs in four steps:
//! 1. the paste is normalised and analysed into distinct terms ([`terms`]);
//! 2. tantivy scores sections with BM25 over weighted fields (one boolean query built
//!    term by term: user text is never parsed as query syntax);
//! 3. a section whose error signature appears whole in the paste is ranked first, and a
//!    section that declares an error code the paste carries joins the candidates and is
//!    lifted like one ([`candidates`]);
//! 4. sections pair across languages by id, and each hit is shown in the asked language
//!    with its verdict ([`confidence`]) and snippet ([`hits`]).
//!
//! The engine knows the sections of the parts attached (`catalog`): with one language's
//! part, the sections of that language are known and searched; with all of them, the
//! ranking is the one of a single index over every section. Text and commands come in per-page chunks
//! ([`Engine::attach`], `index::text`): a hit whose chunk is not attached yet ranks the
//! same, says so (`text_pending`, no snippet, no commands) and is completed with
//! [`Engine::complete`] once its chunk arrives.

pub mod background;
mod candidates;
mod catalog;
pub mod confidence;
mod evidence;
mod hits;
mod lines;
mod terms;

use crate::analyze;
use crate::index::part::{self, PartError, PartInfo};
use crate::index::text::{self, ChunkError, ChunkInfo, TextError};
use crate::index::{Bundle, BundleError, BundleInfo, Fields};
use crate::section::{Lang, Section};
pub use candidates::GENERIC_CODES;
use candidates::{Candidate, CodeMatch};
use catalog::Catalog;
pub use confidence::Signals;
use evidence::Evidence;
pub use hits::{CLOSEST, Hit, SearchResult, Snippet, Verdict, is_shown};
use lines::Lines;
use std::collections::HashSet;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::{Directory, DocAddress, Index, IndexReader, ReloadPolicy};
pub use terms::MAX_QUERY_TERMS;
use terms::{Paste, QueryTerm};

/// Candidates fetched from tantivy before languages are merged. A section the code or
/// template lifts put first must be among them with its BM25 score: a code claimant found
/// only by its code enters with none. At 40 (about 20 sections, both languages) the
/// 333-topic knowledge base left the one section claiming `700` outside for a paste of
/// generic words (`index not found`); scoring is exhaustive (`terms::Union`), so more
/// candidates cost only their evidence.
const CANDIDATES: usize = 80;

pub struct Engine {
    info: BundleInfo,
    /// The sections of the parts attached: a section's ordinal is its place here.
    catalog: Catalog,
    fields: Fields,
    /// The index files of the bundle and of the parts attached.
    directory: RamDirectory,
    /// The bundle's `meta.json` (it lists no segment) and the `meta.json` entries of the
    /// parts attached, in the order they were attached.
    meta: serde_json::Value,
    segments: Vec<serde_json::Value>,
    /// Whether each part (an index into `info.parts`) is attached.
    parts_attached: Vec<bool>,
    reader: IndexReader,
    evidence: Evidence,
    /// Whether each chunk's text is in the catalog's sections.
    attached: Vec<bool>,
}

impl Engine {
    /// Opens a bundle, with none of its parts attached yet: it knows no section and finds
    /// nothing until one is.
    /// Any bytes are safe: a bad bundle is an error, never a panic.
    pub fn open(bytes: &[u8]) -> Result<Engine, BundleError> {
        let bundle = Bundle::decode(bytes)?;
        let directory = RamDirectory::create();
        let mut meta = None;
        for (name, data) in &bundle.files {
            if name == META_FILE {
                meta = Some(
                    serde_json::from_slice::<serde_json::Value>(data)
                        .map_err(|e| BundleError::Corrupt(format!("{META_FILE}: {e}")))?,
                );
            }
            directory.atomic_write(Path::new(name), data).map_err(|e| BundleError::Index(e.to_string()))?;
        }
        let meta = meta.ok_or_else(|| BundleError::Corrupt(format!("no {META_FILE}")))?;
        let index = Index::open(directory.clone()).map_err(|e| BundleError::Index(e.to_string()))?;
        let fields = Fields::of(&index.schema()).map_err(BundleError::Index)?;
        let catalog = Catalog::default();
        let (reader, evidence) = searchable(index, &fields, &catalog).map_err(BundleError::Index)?;
        let attached = vec![false; bundle.info.chunks.len()];
        let parts_attached = vec![false; bundle.info.parts.len()];
        Ok(Engine {
            info: bundle.info,
            catalog,
            fields,
            directory,
            meta,
            segments: Vec::new(),
            parts_attached,
            reader,
            evidence,
            attached,
        })
    }

    /// The index parts the bundle names, in the order of its header.
    pub fn parts(&self) -> &[PartInfo] {
        &self.info.parts
    }

    /// The parts not attached yet, `first`'s language first: the order to fetch them in
    /// for a person searching in `first`.
    pub fn missing_parts(&self, first: Lang) -> Vec<String> {
        let mut missing: Vec<&PartInfo> =
            self.info.parts.iter().zip(&self.parts_attached).filter(|(_, a)| !**a).map(|(p, _)| p).collect();
        missing.sort_by_key(|p| p.lang != first);
        missing.into_iter().map(|p| p.name.clone()).collect()
    }

    /// Whether any part is attached: until one is, every search finds nothing.
    pub fn is_searchable(&self) -> bool {
        !self.segments.is_empty()
    }

    /// Attaches the index part `name` (inflated bytes): its language's sections become
    /// known and searchable. Checked against the bundle's header, and each tantivy file
    /// against its footer, before anything changes: a stale, cut or damaged part is an error naming
    /// it, and the engine stays as it was. Attaching a part twice does nothing.
    pub fn attach_part(&mut self, name: &str, bytes: &[u8]) -> Result<(), PartError> {
        let error = |error| PartError { file: name.to_owned(), error };
        let k =
            self.info.parts.iter().position(|p| p.name == name).ok_or_else(|| error(ChunkError::Unknown))?;
        if self.parts_attached[k] {
            return Ok(());
        }
        let part = part::decode(&self.info.parts[k], bytes).map_err(error)?;
        let corrupt = |why: String| error(ChunkError::Corrupt(why));
        let catalog = self.catalog.with_part(part.lang, part.sections, &self.info.chunks).map_err(corrupt)?;
        let mut segments = self.segments.clone();
        segments.push(part.segment);
        let mut meta = self.meta.clone();
        meta["segments"] = serde_json::Value::Array(segments.clone());
        let meta_bytes = serde_json::to_vec(&meta).map_err(|e| corrupt(e.to_string()))?;
        // The new index is put together in a copy of the directory, which replaces the
        // engine's only once it has opened.
        let directory = RamDirectory::create();
        self.directory.persist(&directory).map_err(|e| corrupt(e.to_string()))?;
        for (file, data) in &part.files {
            directory.atomic_write(Path::new(file), data).map_err(|e| corrupt(e.to_string()))?;
        }
        directory.atomic_write(Path::new(META_FILE), &meta_bytes).map_err(|e| corrupt(e.to_string()))?;
        let index = Index::open(directory.clone()).map_err(|e| corrupt(e.to_string()))?;
        let (reader, evidence) = searchable(index, &self.fields, &catalog).map_err(corrupt)?;
        self.catalog = catalog;
        self.directory = directory;
        self.segments = segments;
        self.reader = reader;
        self.evidence = evidence;
        self.parts_attached[k] = true;
        Ok(())
    }

    /// The text chunks the bundle names, in the order of its header.
    pub fn chunks(&self) -> &[ChunkInfo] {
        &self.info.chunks
    }

    /// Attaches the text of the chunk `name` (inflated bytes). Checked against the
    /// bundle's header and its language's part (attached first) before anything changes:
    /// a stale, cut or damaged chunk is an error naming it, and the engine stays as it was. Attaching a
    /// chunk twice does nothing.
    pub fn attach(&mut self, name: &str, bytes: &[u8]) -> Result<(), TextError> {
        let error = |error| TextError { file: name.to_owned(), error };
        let k =
            self.info.chunks.iter().position(|c| c.name == name).ok_or_else(|| error(ChunkError::Unknown))?;
        if self.attached[k] {
            return Ok(());
        }
        let texts = text::decode(&self.info.chunks[k], bytes).map_err(error)?;
        // A chunk's ordinals are those of its language's part, which must be attached.
        let lang = self.info.chunks[k].lang;
        let start = self.catalog.start_of(lang).ok_or_else(|| {
            error(ChunkError::Corrupt(format!("the {lang} index part is not attached yet")))
        })?;
        let chunk_of = &self.catalog.chunk_of;
        let mut seen = HashSet::new();
        for t in &texts {
            if chunk_of.get(start + t.ord) != Some(&k) || !seen.insert(t.ord) {
                return Err(error(ChunkError::Corrupt(format!("section {} is not one of its page", t.ord))));
            }
        }
        let expected = chunk_of.iter().filter(|&&c| c == k).count();
        if seen.len() != expected {
            return Err(error(ChunkError::Corrupt(format!(
                "{} of the page's {expected} sections",
                seen.len()
            ))));
        }
        for t in texts {
            let ord = start + t.ord;
            t.fill(&mut self.catalog.sections[ord]);
        }
        self.attached[k] = true;
        Ok(())
    }

    /// Whether the text of section `ord` is attached.
    fn has_text(&self, ord: usize) -> bool {
        self.attached[self.catalog.chunk_of[ord]]
    }

    /// The chunk to fetch for the text of section `id` in `lang`: `None` when its text is
    /// attached already (or there is no such section).
    pub fn text_chunk(&self, id: &str, lang: Lang) -> Option<&str> {
        let &ord = self.catalog.by_id.get(&(lang, id.to_owned()))?;
        let k = self.catalog.chunk_of[ord];
        (!self.attached[k]).then(|| self.info.chunks[k].name.as_str())
    }

    /// The chunks still missing for `hits`, each once, in order of the first hit that
    /// needs it.
    pub fn missing_text(&self, hits: &[Hit]) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for hit in hits.iter().filter(|h| h.text_pending) {
            if let Some(name) = self.text_chunk(&hit.id, hit.lang)
                && !names.iter().any(|n| n == name)
            {
                names.push(name.to_owned());
            }
        }
        names
    }

    pub fn info(&self) -> &BundleInfo {
        &self.info
    }

    /// The sections of the parts attached, in the order the parts were attached.
    pub fn sections(&self) -> &[Section] {
        &self.catalog.sections
    }

    /// The section `id` in `lang`, if the knowledge base has it.
    pub fn section(&self, id: &str, lang: Lang) -> Option<&Section> {
        self.catalog.by_id.get(&(lang, id.to_owned())).map(|&ord| &self.catalog.sections[ord])
    }

    /// Finds the sections that explain `query`, best first, shown in `lang` where they
    /// exist in it.
    pub fn search(&self, query: &str, lang: Lang, limit: usize) -> SearchResult {
        let none = SearchResult { verdict: Verdict::None, hits: Vec::new() };
        let paste = Paste::read(query);
        let terms = &paste.terms;
        if terms.is_empty() || limit == 0 {
            return none;
        }
        let searcher = self.reader.searcher();
        let resolved: Vec<QueryTerm> = terms.iter().map(|t| self.resolve(t)).collect();
        let tantivy_query = self.query(&resolved);
        // Both languages of a section can be candidates: twice the asked hits at least.
        let wanted = CANDIDATES.max(2 * limit);
        let Ok(top) = searcher.search(&tantivy_query, &TopDocs::with_limit(wanted).order_by_score()) else {
            return none;
        };
        let query_set: HashSet<&str> = terms.iter().map(String::as_str).collect();
        let total_weight: f32 = resolved.iter().map(|t| t.weight).sum();
        let codes = analyze::codes_in(&paste.lines);

        let candidate = |ord: usize, score: f32| {
            let covered: f32 = resolved.iter().filter(|t| t.in_section(ord)).map(|t| t.weight).sum();
            Candidate {
                ord,
                score,
                coverage: if total_weight > 0.0 { covered / total_weight } else { 0.0 },
                template: self.evidence.template_match(ord, &self.catalog.sections[ord], &query_set),
                code: CodeMatch::of(
                    &self.catalog.sections[ord],
                    &codes,
                    |code| self.catalog.code_claimants.get(&code).copied().unwrap_or(1),
                    self.catalog.topics,
                ),
            }
        };
        let mut candidates: Vec<Candidate> = top
            .into_iter()
            .filter_map(|(score, address)| Some(candidate(self.ord_of(address)?, score)))
            .collect();
        // A section claiming the paste's code is a candidate even when its words are not
        // among tantivy's best: the code alone names the problem.
        for ord in codes.iter().filter_map(|code| self.catalog.by_code.get(code)).flatten() {
            if !candidates.iter().any(|c| c.ord == *ord) {
                candidates.push(candidate(*ord, 0.0));
            }
        }
        let best_bm25 = candidates.iter().map(|c| c.score).fold(f32::MIN, f32::max);
        for c in &mut candidates {
            c.rescore(best_bm25);
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score));

        // One hit per section id, shown in the asked language when it exists there.
        let mut seen = HashSet::new();
        let mut hits = Vec::new();
        for c in candidates {
            let id = &self.catalog.sections[c.ord].id;
            if !seen.insert(id.clone()) {
                continue;
            }
            let ord = self.catalog.by_id.get(&(lang, id.clone())).copied().unwrap_or(c.ord);
            hits.push((ord, c));
            if hits.len() == limit {
                break;
            }
        }
        let known_weight: f32 = resolved.iter().filter(|t| !t.holders.is_empty()).map(|t| t.weight).sum();
        let known = if total_weight > 0.0 { known_weight / total_weight } else { 0.0 };
        // The score a hit must beat to be sure of itself: the next hit's (none for the last).
        let next_scores: Vec<f32> = (0..hits.len())
            .map(|k| hits.get(k + 1).map_or(0.0, |(_, c): &(usize, Candidate)| c.score))
            .collect();
        // Idf grows with the number of sections; in units of the rarest possible term the
        // signals mean the same over 10 sections and over 1 000.
        let rarest = self.evidence.idf(0).max(f32::EPSILON);
        let by_line = Lines::of(&paste.line_terms, &resolved);
        let scored: Vec<(usize, Candidate, Signals)> = hits
            .into_iter()
            .zip(next_scores)
            .map(|((ord, c), next)| {
                let held = || resolved.iter().filter(|t| t.in_section(c.ord));
                let signals = Signals {
                    matched_weight: held().map(|t| t.weight).sum::<f32>() / rarest,
                    best_idf: held().map(|t| t.idf).fold(0.0, f32::max) / rarest,
                    coverage: c.coverage,
                    template_words: c.template,
                    code: c.code.is_specific(),
                    margin: if c.score > 0.0 { ((c.score - next) / c.score).max(0.0) } else { 0.0 },
                    known,
                    terms: resolved.len(),
                    length: self.evidence.relative_length(c.ord),
                    section_templates: self.evidence.has_template(c.ord, &self.catalog.sections[c.ord]),
                    corpus_codes: !self.catalog.by_code.is_empty(),
                    line_coverage: by_line.coverage(c.ord, &resolved),
                };
                (ord, c, signals)
            })
            .collect();
        // Snippets only for the hits a reader is shown (see `hits::is_shown`).
        let verdict = scored.first().map_or(Verdict::None, |(_, _, s)| confidence::verdict(s));
        let mut snippets = self.snippet_generator(&resolved);
        let hits: Vec<Hit> = scored
            .into_iter()
            .enumerate()
            .map(|(rank, (ord, c, signals))| {
                let confidence = confidence::verdict(&signals);
                let shown = hits::is_shown(verdict, rank, confidence);
                self.hit(ord, &c, signals, confidence, &resolved, shown.then_some(&mut snippets))
            })
            .collect();
        SearchResult { verdict, hits }
    }

    fn ord_of(&self, address: DocAddress) -> Option<usize> {
        self.catalog.ord_of(address.segment_ord as usize, address.doc_id)
    }
}

/// Tantivy's metadata file: the schema, and the segments the index has.
const META_FILE: &str = "meta.json";

/// A reader over `index`, and what the engine reads from it once: each document's section
/// ordinal and the term sets of [`Evidence`].
fn searchable(index: Index, fields: &Fields, catalog: &Catalog) -> Result<(IndexReader, Evidence), String> {
    analyze::register(&index);
    let reader: IndexReader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| e.to_string())?;
    let searcher = reader.searcher();
    catalog.check_segments(&searcher)?;
    let evidence = Evidence::from_index(&searcher, fields, catalog).map_err(|e| e.to_string())?;
    Ok((reader, evidence))
}
