//! Document → section ordinal.
//!
//! A part's documents are its sections in order: the index is written by one thread,
//! one commit per language and no merges, and tantivy numbers a new segment's documents
//! in the order they were added (`index::write`). So a document's section is the start of
//! its segment's span in the catalog plus its document id, and the index stores no
//! ordinal of its own: a fast field for it would also bring tantivy's column readers, a
//! fifth of the wasm's tantivy code, into the browser for a single lookup.

use super::catalog::Span;
use tantivy::{DocId, Searcher};

/// Where each segment's documents start among the catalog's sections.
pub(crate) struct Ords(Vec<Span>);

impl Ords {
    /// `spans` are the attached parts, in the order of the searcher's segments; each must
    /// hold one document per section of its part.
    pub(crate) fn read(searcher: &Searcher, spans: &[Span]) -> Result<Ords, String> {
        let segments = searcher.segment_readers();
        if segments.len() != spans.len() {
            return Err(format!("{} segments for {} index parts", segments.len(), spans.len()));
        }
        for (segment, span) in segments.iter().zip(spans) {
            if segment.max_doc() as usize != span.len || segment.num_deleted_docs() != 0 {
                return Err(format!(
                    "the {} part's segment holds {} documents for {} sections",
                    span.lang,
                    segment.max_doc(),
                    span.len
                ));
            }
        }
        Ok(Ords(spans.to_vec()))
    }

    pub(crate) fn get(&self, segment: usize, doc: DocId) -> Option<u32> {
        let span = self.0.get(segment)?;
        ((doc as usize) < span.len).then(|| (span.start + doc as usize) as u32)
    }
}
