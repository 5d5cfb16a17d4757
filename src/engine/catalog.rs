//! The sections of the parts attached, and what the engine looks up in them.
//!
//! Each part brings its language's sections, one per document of its segment and in the
//! same order: the index is written by one thread, one commit per language and no
//! merges, and tantivy numbers a new segment's documents in the order they were added
//! (`index::write`). The catalog lays the parts' sections end to end in the order the
//! parts were attached, which is also the order of the index's segments, so a document's
//! section is the start of its segment's span plus its document id, and the index stores
//! no ordinal of its own: a fast field for it would also bring tantivy's column readers,
//! a fifth of the wasm's tantivy code, into the browser for a single lookup.
//!
//! Every lookup (by id, by error code, the chunk of a section's text) is rebuilt when a
//! part arrives: it costs a pass over a few hundred sections, against the tantivy work of
//! attaching the part.

use crate::index::ChunkInfo;
use crate::section::{Lang, Section};
use std::collections::{HashMap, HashSet};
use tantivy::{DocId, Searcher};

/// Where one attached part's sections lie among the catalog's.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span {
    pub lang: Lang,
    pub start: usize,
    pub len: usize,
}

#[derive(Default)]
pub(crate) struct Catalog {
    pub sections: Vec<Section>,
    /// One span per attached part, in the order of the index's segments.
    pub spans: Vec<Span>,
    pub by_id: HashMap<(Lang, String), usize>,
    /// The sections declaring each error code.
    pub by_code: HashMap<u32, Vec<usize>>,
    /// How many topics (distinct section ids) declare each error code, and how many
    /// topics there are: a code's evidence depends on how many topics share it.
    pub code_claimants: HashMap<u32, usize>,
    pub topics: usize,
    /// The chunk holding each section's text (an index into the bundle's chunk list).
    pub chunk_of: Vec<usize>,
}

impl Catalog {
    /// The catalog with a part's sections added after the ones it has. Fails, leaving
    /// `self` as it was, when a section's page has no text chunk in `chunks`.
    pub fn with_part(
        &self,
        lang: Lang,
        sections: Vec<Section>,
        chunks: &[ChunkInfo],
    ) -> Result<Catalog, String> {
        let chunk_by_page: HashMap<(Lang, &str), usize> =
            chunks.iter().enumerate().map(|(k, c)| ((c.lang, c.page.as_str()), k)).collect();
        let mut chunk_of = self.chunk_of.clone();
        for s in &sections {
            let k = chunk_by_page
                .get(&(s.lang, s.page.as_str()))
                .ok_or_else(|| format!("no text chunk for page {} ({})", s.page, s.lang))?;
            chunk_of.push(*k);
        }
        let mut spans = self.spans.clone();
        spans.push(Span { lang, start: self.sections.len(), len: sections.len() });
        let mut all = self.sections.clone();
        all.extend(sections);

        let by_id = all.iter().enumerate().map(|(ord, s)| ((s.lang, s.id.clone()), ord)).collect();
        let mut by_code: HashMap<u32, Vec<usize>> = HashMap::new();
        for (ord, section) in all.iter().enumerate() {
            for &code in &section.codes {
                by_code.entry(code).or_default().push(ord);
            }
        }
        let code_claimants = by_code
            .iter()
            .map(|(&code, ords)| {
                let ids: HashSet<&str> = ords.iter().map(|&o| all[o].id.as_str()).collect();
                (code, ids.len())
            })
            .collect();
        let topics = all.iter().map(|s| s.id.as_str()).collect::<HashSet<_>>().len();
        Ok(Catalog { sections: all, spans, by_id, by_code, code_claimants, topics, chunk_of })
    }

    /// Checks that `searcher`'s segments are the attached parts, in order, each with one
    /// document per section of its part.
    pub fn check_segments(&self, searcher: &Searcher) -> Result<(), String> {
        let segments = searcher.segment_readers();
        if segments.len() != self.spans.len() {
            return Err(format!("{} segments for {} index parts", segments.len(), self.spans.len()));
        }
        for (segment, span) in segments.iter().zip(&self.spans) {
            if segment.max_doc() as usize != span.len || segment.num_deleted_docs() != 0 {
                return Err(format!(
                    "the {} part's segment holds {} documents for {} sections",
                    span.lang,
                    segment.max_doc(),
                    span.len
                ));
            }
        }
        Ok(())
    }

    /// The section of document `doc` of segment `segment`.
    pub fn ord_of(&self, segment: usize, doc: DocId) -> Option<usize> {
        let span = self.spans.get(segment)?;
        ((doc as usize) < span.len).then(|| span.start + doc as usize)
    }

    /// Where the sections of `lang`'s part start, if it is attached.
    pub fn start_of(&self, lang: Lang) -> Option<usize> {
        self.spans.iter().find(|s| s.lang == lang).map(|s| s.start)
    }
}
