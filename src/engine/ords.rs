//! Document → section ordinal, read once per bundle.

use tantivy::{DocId, Searcher};

/// The section ordinal of every document, per segment, read once from the `ord` fast
/// field: a hit's section is then an array lookup, not a document-store read.
pub(crate) struct Ords(Vec<Vec<u32>>);

impl Ords {
    pub(crate) fn read(searcher: &Searcher, sections: usize) -> Result<Ords, String> {
        let mut per_segment = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64("ord").map_err(|e| e.to_string())?;
            let ords = (0..segment.max_doc())
                .map(|doc| {
                    column
                        .first(doc)
                        .filter(|&ord| ord < sections as u64)
                        .map(|ord| ord as u32)
                        .ok_or_else(|| format!("document {doc} names no section of the bundle"))
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
