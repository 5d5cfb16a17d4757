//! The query side: a paste's distinct terms, what the knowledge base knows of each, and
//! the tantivy query built from them.

use super::evidence::{UNKNOWN_CJK_WEIGHT, is_cjk_term};
use super::{Engine, background};
use crate::analyze;
use crate::index::WEIGHTED_FIELDS;
use std::collections::{HashMap, HashSet};
use std::fmt;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, BooleanQuery, BoostQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query, Scorer,
    Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// At most this many distinct query terms are searched; a paste's first terms are its
/// error lines (see `normalize`), later ones add cost and little evidence.
pub const MAX_QUERY_TERMS: usize = 256;

/// A distinct query term and what the knowledge base says about it.
pub(crate) struct QueryTerm<'a> {
    pub text: &'a str,
    /// Sections holding the term, ascending.
    pub holders: &'a [u32],
    /// The documents holding it, by weighted field, zero where a field lacks it (see
    /// [`super::evidence::KbTerm::doc_freq`]).
    pub doc_freq: [u16; WEIGHTED_FIELDS],
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
    /// Terms of a field held by as many documents share one BM25 weight.
    pub(crate) fn query(&self, terms: &[QueryTerm]) -> Union {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut weights: HashMap<(usize, u16), Bm25Weight> = HashMap::new();
        for term in terms {
            for (bit, (field, boost)) in self.fields.weighted().into_iter().enumerate() {
                let doc_freq = term.doc_freq[bit];
                if doc_freq == 0 {
                    continue;
                }
                let bm25 =
                    weights.entry((bit, doc_freq)).or_insert_with(|| self.evidence.bm25(bit, doc_freq));
                let clause = Clause { term: Term::from_field_text(field, term.text), bm25: bm25.clone() };
                let boost = boost * term.damping;
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(clause), boost))));
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
        QueryTerm {
            text,
            holders,
            doc_freq: known.map_or([0; WEIGHTED_FIELDS], |t| t.doc_freq),
            weight,
            idf,
            damping,
        }
    }
}

/// One term in one field, scored as tantivy's `TermQuery` scores it (BM25, then the boost
/// of the `BoostQuery` around it), with two differences that matter at a paste's hundreds
/// of clauses.
///
/// - Its BM25 weight comes with it: the document frequency was read from the postings
///   when the bundle opened ([`super::evidence::KbTerm::doc_freq`]), where a `TermQuery`
///   looks the term up in every segment's dictionary again and builds a weight, with its
///   table of 256 length factors and an explanation, for every clause.
/// - It never prints its `Term`. As a `Box<dyn Query>` a query brings its `Debug` into the
///   vtable, and `Term`'s formats its value as whichever type it may hold, `Facet` among
///   them, whose `Display` escapes slashes with a lazily built `regex::Regex` (tantivy's
///   `schema/facet.rs`): about 250 KB of the gzipped wasm that fixfind never runs.
#[derive(Clone)]
struct Clause {
    term: Term,
    bm25: Bm25Weight,
}

impl fmt::Debug for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Clause(field={})", self.term.field().field_id())
    }
}

impl Query for Clause {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

impl Weight for Clause {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let field = self.term.field();
        let inverted = reader.inverted_index(field)?;
        let Some(info) = inverted.get_term_info(&self.term)? else {
            return Ok(Box::new(EmptyScorer));
        };
        let postings = inverted.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let fieldnorms = reader
            .fieldnorms_readers()
            .get_field(field)?
            .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
        Ok(Box::new(ClauseScorer { postings, fieldnorms, bm25: self.bm25.boost_by(boost) }))
    }

    fn explain(&self, _reader: &SegmentReader, _doc: DocId) -> tantivy::Result<Explanation> {
        Err(TantivyError::InvalidArgument("fixfind's term clauses do not explain their scores".to_owned()))
    }
}

/// A clause's postings in one segment, each document scored by BM25 (tantivy's
/// `TermScorer`, whose type is not exported, does the same).
struct ClauseScorer {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
}

impl DocSet for ClauseScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for ClauseScorer {
    fn score(&mut self) -> Score {
        let fieldnorm_id = self.fieldnorms.fieldnorm_id(self.postings.doc());
        self.bm25.score(fieldnorm_id, self.postings.term_freq())
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
    use tantivy::query::{Bm25Weight, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, Searcher, TantivyDocument, Term, doc};

    fn clause(searcher: &Searcher, term: &Term) -> Clause {
        Clause {
            term: term.clone(),
            bm25: Bm25Weight::for_terms(searcher, std::slice::from_ref(term)).unwrap(),
        }
    }

    /// The clause finds and scores exactly what a `TermQuery` does, boosted in a boolean
    /// query as `Engine::query` builds it, and alone.
    #[test]
    fn a_clause_finds_and_scores_what_a_term_query_does() {
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
        writer.commit().unwrap();
        // A second segment: document frequencies and lengths span both.
        writer.add_document(doc!(body => "a")).unwrap();
        writer.add_document(doc!(body => "c e")).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);

        let query = |ours: bool| {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in [(body, 1.0), (title, 2.5)] {
                for (text, damping) in [("a", 1.0), ("b", 0.5), ("d", 0.8), ("zzz", 1.0)] {
                    let term = Term::from_field_text(field, text);
                    let term: Box<dyn Query> = if ours {
                        Box::new(clause(&searcher, &term))
                    } else {
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                    };
                    clauses.push((Occur::Should, Box::new(BoostQuery::new(term, boost * damping))));
                }
            }
            BooleanQuery::new(clauses)
        };
        for limit in [1, 3, 10] {
            let top = TopDocs::with_limit(limit).order_by_score();
            let ours = searcher.search(&query(true), &top).unwrap();
            let plain = searcher.search(&query(false), &top).unwrap();
            assert_eq!(ours.len(), plain.len().min(limit));
            for ((os, od), (ps, pd)) in ours.iter().zip(&plain) {
                assert_eq!((od, os.to_bits()), (pd, ps.to_bits()));
            }
        }
        // Alone, the clause is searched through the default pruning loop of its weight.
        let a = Term::from_field_text(body, "a");
        let top = TopDocs::with_limit(2).order_by_score();
        let ours = searcher.search(&clause(&searcher, &a), &top).unwrap();
        assert_eq!(ours, searcher.search(&TermQuery::new(a, IndexRecordOption::WithFreqs), &top).unwrap());
        assert_eq!(ours.len(), 2);
        let counted = searcher.search(&query(true), &Count).unwrap();
        assert_eq!(counted, searcher.search(&query(false), &Count).unwrap());
        // All but the document holding only "e".
        assert_eq!(counted, 7);
    }
}
