//! What the engine knows about each section beyond tantivy's scores: which sections hold
//! each term, the terms of each section's error signatures, and how rare each term is.
//! Used to explain a match (which query terms it shares), to spot an exact error template
//! in a paste, and to decide how confident a match is.
//!
//! The term sets are read back from the index's own postings when a bundle opens. They
//! used to be rebuilt by analysing every section again, which was most of the time it
//! took to open a bundle; the postings already hold the same sets, analysed once at build
//! time.

use super::catalog::Catalog;
use crate::analyze::{analyze, normalize_text};
use crate::index::{Fields, WEIGHTED_FIELDS};
use crate::section::Section;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{Score, Searcher};

/// A signature needs this many distinct words before it counts as a template: two-word
/// strings such as `load()` or `node offline` occur in unrelated pastes.
pub const MIN_TEMPLATE_TERMS: usize = 3;

/// Chinese bigrams that span a word boundary (`动报` in `启动报错`) never occur in the
/// knowledge base; they weigh this much of a Latin word that is missing.
pub const UNKNOWN_CJK_WEIGHT: f32 = 0.25;

/// The terms of one error signature, and how many words they stand for.
struct Template {
    terms: HashSet<String>,
    /// Words, not terms: `DEADLINE_EXCEEDED` is indexed as `deadline_exceeded`, `deadline`
    /// and `exceeded`, three terms for what the message says with two words.
    words: usize,
}

pub struct Evidence {
    terms: HashMap<String, KbTerm>,
    /// Distinct non-numeric terms of each signature, by section ordinal. Worked out the
    /// first time a section is a candidate: analysing every signature up front was a
    /// tenth of opening a bundle in the browser, and most sections never come up.
    templates: Vec<OnceLock<Vec<Template>>>,
    docs: u32,
    /// Distinct terms each section holds, by ordinal, and their mean over the sections.
    section_terms: Vec<u32>,
    mean_section_terms: f32,
    /// The BM25 statistics of the segments searched, by weighted field: documents, and
    /// the mean field length, as tantivy computes them for a term query.
    max_docs: u64,
    average_fieldnorms: [Score; WEIGHTED_FIELDS],
}

/// A term of the knowledge base.
#[derive(Default)]
pub struct KbTerm {
    /// The ordinals of the sections that hold the term in their title, text, breadcrumb or
    /// commands, ascending.
    pub holders: Vec<u32>,
    /// The documents holding the term, by field of [`Fields::weighted`], over the segments
    /// searched: what a term query would look up in every segment's term dictionary, at
    /// every search, for its BM25 weight. Zero where a field does not index the term: a
    /// query asks each field only for the terms it has. (A knowledge base has far fewer
    /// than 65 536 sections.)
    pub doc_freq: [u16; WEIGHTED_FIELDS],
}

impl Evidence {
    pub fn from_index(searcher: &Searcher, fields: &Fields, catalog: &Catalog) -> tantivy::Result<Evidence> {
        let sections = catalog.sections.len();
        let mut terms: HashMap<String, KbTerm> = HashMap::new();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            for (bit, (field, _)) in fields.weighted().into_iter().enumerate() {
                // Signatures count for the field mask only: a section explains the error
                // strings it quotes in its text, not the variants its signature list adds
                // for matching.
                let holds = field != fields.signatures;
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().stream()?;
                // One block reader reset for every term: tantivy's way to walk all postings
                // without an allocation per term (this loop is most of opening a bundle).
                let mut block: Option<BlockSegmentPostings> = None;
                while stream.advance() {
                    let Ok(text) = std::str::from_utf8(stream.key()) else { continue };
                    let term = match terms.get_mut(text) {
                        Some(term) => term,
                        None => terms.entry(text.to_owned()).or_default(),
                    };
                    let doc_freq = u16::try_from(stream.value().doc_freq).unwrap_or(u16::MAX);
                    term.doc_freq[bit] = term.doc_freq[bit].saturating_add(doc_freq);
                    if !holds {
                        continue;
                    }
                    let block =
                        match &mut block {
                            Some(block) => {
                                inverted.reset_block_postings_from_terminfo(stream.value(), block)?;
                                block
                            }
                            None => block.insert(inverted.read_block_postings_from_terminfo(
                                stream.value(),
                                IndexRecordOption::Basic,
                            )?),
                        };
                    while !block.docs().is_empty() {
                        term.holders.extend(
                            block
                                .docs()
                                .iter()
                                .filter_map(|&doc| catalog.ord_of(segment_ord, doc).map(|o| o as u32)),
                        );
                        block.advance();
                    }
                }
            }
        }
        let mut section_terms = vec![0u32; sections];
        for term in terms.values_mut() {
            term.holders.sort_unstable();
            term.holders.dedup();
            for &ord in &term.holders {
                section_terms[ord as usize] += 1;
            }
        }
        // Rarity and length are relative to the sections searched: with one language's
        // part attached, the other language's sections are not part of the corpus yet.
        let docs = searcher.num_docs().min(sections as u64) as u32;
        let mean_section_terms = section_terms.iter().map(|&n| n as f32).sum::<f32>() / docs.max(1) as f32;
        let templates = (0..sections).map(|_| OnceLock::new()).collect();
        let max_docs = searcher.total_num_docs()?;
        let mut average_fieldnorms = [0.0; WEIGHTED_FIELDS];
        for (average, (field, _)) in average_fieldnorms.iter_mut().zip(fields.weighted()) {
            *average = searcher.total_num_tokens(field)? as Score / max_docs.max(1) as Score;
        }
        Ok(Evidence {
            terms,
            templates,
            docs,
            section_terms,
            mean_section_terms,
            max_docs,
            average_fieldnorms,
        })
    }

    /// The BM25 weight of a term held by `doc_freq` documents of weighted field `bit`:
    /// exactly the one tantivy's term query computes, from statistics read at open.
    pub fn bm25(&self, bit: usize, doc_freq: u16) -> Bm25Weight {
        Bm25Weight::for_one_term_without_explain(
            u64::from(doc_freq),
            self.max_docs,
            self.average_fieldnorms[bit],
        )
    }

    /// What the knowledge base has of `term`, if anything.
    pub fn term(&self, term: &str) -> Option<&KbTerm> {
        self.terms.get(term)
    }

    /// BM25's inverse document frequency for a term held by `df` sections; unknown terms
    /// get the highest.
    pub fn idf(&self, df: usize) -> f32 {
        self.idf_of(df as f32)
    }

    /// [`Evidence::idf`] for a document frequency that need not be whole (a share of the
    /// sections, see [`super::background`]).
    pub fn idf_of(&self, df: f32) -> f32 {
        let n = self.docs as f32;
        let df = df.min(n);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The number of sections searched (those of the parts attached).
    pub fn sections(&self) -> usize {
        self.docs as usize
    }

    /// How many distinct terms section `ord` holds, relative to the corpus mean.
    pub fn relative_length(&self, ord: usize) -> f32 {
        self.section_terms.get(ord).map_or(0.0, |&n| n as f32 / self.mean_section_terms.max(1.0))
    }

    /// The number of words of the longest signature of `section` (ordinal `ord`) that the
    /// query contains entirely, or 0.
    pub fn template_match(&self, ord: usize, section: &Section, query: &HashSet<&str>) -> usize {
        self.templates(ord, section)
            .iter()
            .filter(|t| t.terms.iter().all(|term| query.contains(term.as_str())))
            .map(|t| t.words)
            .max()
            .unwrap_or(0)
    }

    /// Whether `section` (ordinal `ord`) has an error template at all.
    pub fn has_template(&self, ord: usize, section: &Section) -> bool {
        !self.templates(ord, section).is_empty()
    }

    /// The templates of `section` (ordinal `ord`), worked out on first use.
    fn templates(&self, ord: usize, section: &Section) -> &[Template] {
        self.templates[ord].get_or_init(|| {
            section
                .signatures
                .iter()
                .map(|s| {
                    let terms = template_terms(s);
                    let words = terms.iter().filter(|t| !is_compound(t)).count();
                    Template { terms, words }
                })
                .filter(|t| t.words >= MIN_TEMPLATE_TERMS)
                .collect()
        })
    }
}

/// A term the tokenizer also split into parts (`member_id`, `strconv.parseuint`).
fn is_compound(term: &str) -> bool {
    term.contains(['_', '.', '/', '-', ':'])
}

/// A signature's words, placeholders (`<collection_name>`) and numbers left out: the
/// numbers in a message vary between occurrences, the words do not.
pub fn template_terms(signature: &str) -> HashSet<String> {
    let text = crate::fill::PLACEHOLDER.replace_all(signature, " ");
    analyze(&normalize_text(&text)).into_iter().filter(|t| !t.chars().all(|c| c.is_ascii_digit())).collect()
}

pub fn is_cjk_term(term: &str) -> bool {
    term.chars().next().is_some_and(crate::analyze::tokenizer::is_cjk)
}

#[cfg(test)]
mod tests {
    use crate::index::write;
    use crate::parse::parse_page_str;
    use crate::section::Lang;
    use tantivy::Term;

    const PAGE: &str = "---\nid: page\ntitle: Page\n---\n\n\
        ## Collection not loaded {#not-loaded}\n\n\
        **Symptom.** `collection not loaded[collection=<name>]` after a restart.\n\n\
        **Fix.** Load it again.\n\n```bash\nmilvus load collection\n```\n\n\
        ## Load fails: not enough memory {#load-memory}\n\n\
        **Symptom.** `memory quota exhausted` while loading the collection.\n\n\
        **Fix.** Add QueryNodes or memory.\n";

    /// The document frequencies read at open are the ones tantivy's term query would look
    /// up, term by term and field by field: the BM25 weights built from them are its own.
    #[test]
    fn doc_freqs_read_at_open_are_the_searchers() {
        let mut sections = parse_page_str(PAGE, Lang::En).sections;
        sections.extend(parse_page_str(PAGE, Lang::Zh).sections);
        let engine = write::build(&sections).unwrap().open().unwrap();
        let searcher = engine.reader.searcher();
        let evidence = &engine.evidence;
        assert!(evidence.terms.len() > 10);
        for (text, term) in &evidence.terms {
            for (bit, (field, _)) in engine.fields.weighted().into_iter().enumerate() {
                let expected = searcher.doc_freq(&Term::from_field_text(field, text)).unwrap();
                assert_eq!(u64::from(term.doc_freq[bit]), expected, "{text} in field {bit}");
            }
        }
    }
}
