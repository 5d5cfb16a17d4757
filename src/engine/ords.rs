//! Document → section ordinal, read once per attached part.

use super::catalog::Span;
use tantivy::{DocId, Searcher};

/// The section of every document, per segment, read once from the `ord` fast field (the
/// section's position in its part) and placed in its part's span of the catalog: a hit's
/// section is then an array lookup, not a document-store read.
pub(crate) struct Ords(Vec<Vec<u32>>);

impl Ords {
    /// `spans` are the attached parts, in the order of the searcher's segments.
    pub(crate) fn read(searcher: &Searcher, spans: &[Span]) -> Result<Ords, String> {
        let segments = searcher.segment_readers();
        if segments.len() != spans.len() {
            return Err(format!("{} segments for {} index parts", segments.len(), spans.len()));
        }
        let mut per_segment = Vec::new();
        for (segment, span) in segments.iter().zip(spans) {
            let column = segment.fast_fields().u64("ord").map_err(|e| e.to_string())?;
            let ords = (0..segment.max_doc())
                .map(|doc| {
                    column
                        .first(doc)
                        .filter(|&ord| ord < span.len as u64)
                        .map(|ord| (span.start + ord as usize) as u32)
                        .ok_or_else(|| format!("document {doc} names no section of the {} part", span.lang))
                })
                .collect::<Result<Vec<u32>, String>>()?;
            per_segment.push(ords);
        }
        Ok(Ords(per_segment))
    }

    pub(crate) fn get(&self, segment: usize, doc: DocId) -> Option<u32> {
        self.0.get(segment)?.get(doc as usize).copied()
    }
}
