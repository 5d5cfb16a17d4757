//! The query side: a paste's distinct terms, what the knowledge base knows of each, and
//! the tantivy query built from them.

use super::evidence::{UNKNOWN_CJK_WEIGHT, is_cjk_term};
use super::{Engine, background};
use crate::analyze;
use std::collections::HashSet;
use std::fmt;
use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Explanation, Occur, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SeekDangerResult, SegmentReader, TantivyError, Term};

/// At most this many distinct query terms are searched; a paste's first terms are its
/// error lines (see `normalize`), later ones add cost and little evidence.
pub const MAX_QUERY_TERMS: usize = 256;

/// A distinct query term and what the knowledge base says about it.
pub(crate) struct QueryTerm<'a> {
    pub text: &'a str,
    /// Sections holding the term, ascending.
    pub holders: &'a [u32],
    /// The weighted fields that index it (see [`super::evidence::KbTerm::fields`]).
    pub fields: u8,
    /// Its share of the query's evidence (see [`Engine::resolve`]).
    pub weight: f32,
    pub idf: f32,
    /// What its tantivy clauses are scaled by: the idf above over the idf the index
    /// knows, below 1 for error framing (see [`super::background`]).
    pub damping: f32,
}

impl QueryTerm<'_> {
    pub fn in_section(&self, ord: usize) -> bool {
        self.holders.binary_search(&(ord as u32)).is_ok()
    }
}

/// A paste as the engine reads it, worked out once per search: the lines it selects (for
/// the words and for the error codes), their terms, and the distinct terms.
pub(crate) struct Paste<'q> {
    pub lines: Vec<&'q str>,
    /// The terms of each normalised line, duplicates kept (for `lines::Lines`).
    pub line_terms: Vec<Vec<String>>,
    /// The distinct terms, in order of first appearance, at most [`MAX_QUERY_TERMS`].
    pub terms: Vec<String>,
}

impl<'q> Paste<'q> {
    pub fn read(query: &'q str) -> Paste<'q> {
        let lines = analyze::read_lines(query);
        let line_terms = line_terms(&analyze::normalize_lines(&lines));
        let mut seen = HashSet::new();
        let terms = line_terms
            .iter()
            .flatten()
            .filter(|t| seen.insert(t.as_str()))
            .take(MAX_QUERY_TERMS)
            .cloned()
            .collect();
        Paste { lines, line_terms, terms }
    }
}

/// The terms of each line of a normalised paste, duplicates kept. The tokenizer never
/// joins words across a line break, so the lines' terms are the whole paste's.
pub(crate) fn line_terms(normalized: &str) -> Vec<Vec<String>> {
    normalized.lines().map(analyze::analyze).collect()
}

impl Engine {
    /// One clause per term and field that has it: a term a field lacks can only cost time.
    pub(crate) fn query(&self, terms: &[QueryTerm]) -> Union {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in terms {
            for (bit, (field, boost)) in self.fields.weighted().into_iter().enumerate() {
                if term.fields & (1 << bit) == 0 {
                    continue;
                }
                let term_query =
                    TermQuery::new(Term::from_field_text(field, term.text), IndexRecordOption::WithFreqs);
                let boost = boost * term.damping;
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(Clause(term_query)), boost))));
            }
        }
        Union(BooleanQuery::new(clauses))
    }

    /// A query term's holders and weight: its rarity in the knowledge base, or in the
    /// reference corpus of error strings when it is more common there (error framing).
    /// Unknown Chinese bigrams are mostly word-boundary noise and weigh less than unknown
    /// Latin words.
    pub(crate) fn resolve<'a>(&'a self, text: &'a str) -> QueryTerm<'a> {
        let known = self.evidence.term(text);
        let holders = known.map_or(&[][..], |t| t.holders.as_slice());
        let local = self.evidence.idf(holders.len());
        let reference_df = background::share(text).map_or(0.0, |s| s * self.evidence.sections() as f32);
        let idf = self.evidence.idf_of(reference_df.max(holders.len() as f32));
        let damping = if local > 0.0 { idf / local } else { 1.0 };
        let weight = if holders.is_empty() && is_cjk_term(text) { idf * UNKNOWN_CJK_WEIGHT } else { idf };
        QueryTerm { text, holders, fields: known.map_or(0, |t| t.fields), weight, idf, damping }
    }
}

/// A `TermQuery` that scores the same but never prints its `Term`: it keeps the `regex`
/// crate family (about 250 KB of the gzipped wasm) out of the browser build.
///
/// As a `Box<dyn Query>`, a `TermQuery` brings its `Debug` into the vtable, and its
/// `TermWeight`, as a `Box<dyn Weight>`, its `explain`; both format the `Term`, which
/// formats its value as whichever type it may hold, `Facet` among them, and `Facet`'s
/// `Display` escapes slashes with a lazily built `regex::Regex` (tantivy's
/// `schema/facet.rs`). fixfind never prints a query nor asks for an explanation, but the
/// linker cannot tell. Here tantivy's term weight is called directly, for all but
/// `explain`. (Unlike `TermQuery::weight`, there is no fast-field fallback for a field
/// that is not indexed; the engine only searches indexed fields.)
#[derive(Clone)]
struct Clause(TermQuery);

impl fmt::Debug for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Clause(field={})", self.0.term().field().field_id())
    }
}

impl Query for Clause {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ClauseWeight(self.0.specialized_weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

/// Tantivy's term weight (its type is not exported), without its `explain`.
struct ClauseWeight<W>(W);

impl<W: Weight> Weight for ClauseWeight<W> {
    fn scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn tantivy::query::Scorer>)> {
        self.0.scorer_danger(reader, target, boost)
    }

    fn explain(&self, _reader: &SegmentReader, _doc: DocId) -> tantivy::Result<Explanation> {
        Err(TantivyError::InvalidArgument("fixfind's term clauses do not explain their scores".to_owned()))
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.0.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.0.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.0.for_each_pruning(threshold, reader, callback)
    }
}

/// The paste's clauses, every matching document scored.
///
/// For the top documents of a union of term clauses tantivy runs block-WAND, which
/// re-sorts its clauses by document at every step to skip documents that cannot enter the
/// top. A paste brings hundreds of clauses and the knowledge base has about a thousand
/// documents, so the sorting costs more than it skips (a fifth of the native query time
/// on the eval cases). Without the pruning entry point tantivy falls back to its buffered
/// union, which adds each clause's postings into a window of 4 096 documents.
#[derive(Clone, Debug)]
pub(crate) struct Union(BooleanQuery);

impl Query for Union {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(UnionWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

/// The boolean weight with tantivy's default, unpruned `for_each_pruning`.
struct UnionWeight(Box<dyn Weight>);

impl Weight for UnionWeight {
    fn scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

#[cfg(test)]
mod tests {
    use super::Clause;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, TantivyDocument, Term, doc};

    /// The clause finds and scores exactly what the `TermQuery` it wraps does, boosted in a
    /// boolean query as `Engine::query` builds it, and alone.
    #[test]
    fn a_clause_finds_and_scores_what_its_term_query_does() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let title = schema.add_text_field("title", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let texts = ["a b c", "a a b", "c d", "b", "d d d a", "e"];
        for (i, text) in texts.iter().enumerate() {
            let mut doc = TantivyDocument::default();
            doc.add_text(body, text);
            doc.add_text(title, texts[(i + 1) % texts.len()]);
            writer.add_document(doc).unwrap();
        }
        writer.add_document(doc!(body => "a")).unwrap();
        writer.add_document(doc!(body => "c e")).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();

        let query = |wrap: bool| {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in [(body, 1.0), (title, 2.5)] {
                for (text, damping) in [("a", 1.0), ("b", 0.5), ("d", 0.8), ("zzz", 1.0)] {
                    let term =
                        TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs);
                    let term: Box<dyn Query> = if wrap { Box::new(Clause(term)) } else { Box::new(term) };
                    clauses.push((Occur::Should, Box::new(BoostQuery::new(term, boost * damping))));
                }
            }
            BooleanQuery::new(clauses)
        };
        for limit in [1, 3, 10] {
            let top = TopDocs::with_limit(limit).order_by_score();
            let wrapped = searcher.search(&query(true), &top).unwrap();
            let plain = searcher.search(&query(false), &top).unwrap();
            assert_eq!(wrapped.len(), plain.len().min(limit));
            for ((ws, wd), (ps, pd)) in wrapped.iter().zip(&plain) {
                assert_eq!((wd, ws.to_bits()), (pd, ps.to_bits()));
            }
        }
        // Alone, the clause is searched through its own weight's pruning loop.
        let alone = TermQuery::new(Term::from_field_text(body, "a"), IndexRecordOption::WithFreqs);
        let top = TopDocs::with_limit(2).order_by_score();
        let wrapped = searcher.search(&Clause(alone.clone()), &top).unwrap();
        assert_eq!(wrapped, searcher.search(&alone, &top).unwrap());
        assert_eq!(wrapped.len(), 2);
        let counted = searcher.search(&query(true), &Count).unwrap();
        assert_eq!(counted, searcher.search(&query(false), &Count).unwrap());
        // All but the last document.
        assert_eq!(counted, 7);
    }
}
