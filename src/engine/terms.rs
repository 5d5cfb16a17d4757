//! The query side: a paste's distinct terms, what the knowledge base knows of each, and
//! the tantivy query built from them.

use super::evidence::{UNKNOWN_CJK_WEIGHT, is_cjk_term};
use super::{Engine, background};
use crate::analyze;
use std::collections::HashSet;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

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

/// The distinct terms of a normalised paste, in order of first appearance.
pub(crate) fn distinct_terms(normalized: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    analyze::analyze(normalized)
        .into_iter()
        .filter(|t| seen.insert(t.clone()))
        .take(MAX_QUERY_TERMS)
        .collect()
}

impl Engine {
    /// One clause per term and field that has it: a term a field lacks can only cost time.
    pub(crate) fn query(&self, terms: &[QueryTerm]) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in terms {
            for (bit, (field, boost)) in self.fields.weighted().into_iter().enumerate() {
                if term.fields & (1 << bit) == 0 {
                    continue;
                }
                let term_query =
                    TermQuery::new(Term::from_field_text(field, term.text), IndexRecordOption::WithFreqs);
                let boost = boost * term.damping;
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term_query), boost))));
            }
        }
        BooleanQuery::new(clauses)
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
