//! The search engine shared by the browser and the terminal.
//!
//! [`Engine::open`] takes bundle bytes (fetched by the app, read from disk by the CLI) and
//! holds the index in a tantivy `RamDirectory`; nothing here spawns a thread, sleeps or
//! reads the clock, so the same code runs in wasm32.
//!
//! A search runs in four steps:
//! 1. the paste is normalised and analysed into distinct terms;
//! 2. tantivy scores sections with BM25 over weighted fields (one boolean query built
//!    term by term: user text is never parsed as query syntax);
//! 3. a section whose error signature appears whole in the paste is ranked first;
//! 4. sections pair across languages by id, and each hit is shown in the asked language.

mod evidence;

use crate::analyze::{self, FixfindTokenizer, normalize_query};
use crate::index::{Bundle, BundleError, BundleInfo, Fields};
use crate::section::{Command, Lang, Section};
use evidence::{Evidence, UNKNOWN_CJK_WEIGHT, is_cjk_term};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Directory, DocAddress, DocId, Index, IndexReader, ReloadPolicy, Searcher, Term};

/// At most this many distinct query terms are searched; a paste's first terms are its
/// error lines (see `normalize`), later ones add cost and little evidence.
pub const MAX_QUERY_TERMS: usize = 256;
/// Candidates fetched from tantivy before languages are merged.
const CANDIDATES: usize = 40;
/// BM25 rewards a term repeated in one section; coverage rewards a section that accounts
/// for more of what the paste says (Lucene's old coordination factor). Adding the two
/// ranks the broader explanation first (+1.5 points top-1 on the dev and extra cases).
const COVERAGE_WEIGHT: f32 = 1.0;
/// A complete error template lifts a section above every section without one.
const TEMPLATE_BONUS: f32 = 1.0;
/// …and a longer template above a shorter one (per word, up to [`TEMPLATE_CAP`] words).
const TEMPLATE_PER_TERM: f32 = 0.1;
const TEMPLATE_CAP: usize = 12;
/// Share of the query's weight a section must cover to be a `strong` or `possible` match.
/// Calibrated on the dev cases (see `fixfind eval`).
pub const STRONG_COVERAGE: f32 = 0.55;
pub const POSSIBLE_COVERAGE: f32 = 0.25;
/// Characters of section text shown around the matched terms.
const SNIPPET_CHARS: usize = 240;
/// Matched terms listed per hit.
const MATCHED_SHOWN: usize = 8;

/// How sure the engine is that a hit explains the paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    None,
    Possible,
    Strong,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::None => "none",
            Verdict::Possible => "possible",
            Verdict::Strong => "strong",
        }
    }
}

/// A piece of section text around the match; `highlights` are byte ranges into `text`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

/// One section that answers the query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub lang: Lang,
    pub page: String,
    pub title: String,
    pub breadcrumb: Vec<String>,
    pub url: Option<String>,
    pub score: f32,
    pub confidence: Verdict,
    /// The query terms the section contains, rarest first: why it matched.
    pub matched: Vec<String>,
    pub snippet: Snippet,
    pub commands: Vec<Command>,
    /// Whether the same section exists in the other language.
    pub other_lang: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchResult {
    /// The confidence of the first hit; `none` when nothing answers the query.
    pub verdict: Verdict,
    pub hits: Vec<Hit>,
}

pub struct Engine {
    info: BundleInfo,
    sections: Vec<Section>,
    by_id: HashMap<(Lang, String), usize>,
    fields: Fields,
    reader: IndexReader,
    ords: Ords,
    evidence: Evidence,
}

/// The section ordinal of every document, per segment, read once from the `ord` fast
/// field: a hit's section is then an array lookup, not a document-store read.
pub(crate) struct Ords(Vec<Vec<u32>>);

impl Ords {
    fn read(searcher: &Searcher, sections: usize) -> Result<Ords, String> {
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

/// A distinct query term and what the knowledge base says about it.
struct QueryTerm<'a> {
    text: &'a str,
    /// Sections holding the term, ascending.
    holders: &'a [u32],
    /// The weighted fields that index it (see [`evidence::KbTerm::fields`]).
    fields: u8,
    /// Its share of the query's evidence (see [`Engine::resolve`]).
    weight: f32,
    idf: f32,
}

impl QueryTerm<'_> {
    fn in_section(&self, ord: usize) -> bool {
        self.holders.binary_search(&(ord as u32)).is_ok()
    }
}

/// A section's score before languages merge.
struct Candidate {
    ord: usize,
    score: f32,
    coverage: f32,
    template: usize,
}

impl Engine {
    /// Opens a bundle. Any bytes are safe: a bad bundle is an error, never a panic.
    pub fn open(bytes: &[u8]) -> Result<Engine, BundleError> {
        let bundle = Bundle::decode(bytes)?;
        let directory = RamDirectory::create();
        for (name, data) in &bundle.files {
            directory.atomic_write(Path::new(name), data).map_err(|e| BundleError::Index(e.to_string()))?;
        }
        let index = Index::open(directory).map_err(|e| BundleError::Index(e.to_string()))?;
        analyze::register(&index);
        let fields = Fields::of(&index.schema()).map_err(BundleError::Index)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| BundleError::Index(e.to_string()))?;
        let by_id =
            bundle.sections.iter().enumerate().map(|(ord, s)| ((s.lang, s.id.clone()), ord)).collect();
        let searcher = reader.searcher();
        let ords = Ords::read(&searcher, bundle.sections.len()).map_err(BundleError::Index)?;
        let evidence = Evidence::from_index(&searcher, &fields, &ords, bundle.sections.len())
            .map_err(|e| BundleError::Index(e.to_string()))?;
        Ok(Engine { info: bundle.info, sections: bundle.sections, by_id, fields, reader, ords, evidence })
    }

    pub fn info(&self) -> &BundleInfo {
        &self.info
    }

    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The section `id` in `lang`, if the knowledge base has it.
    pub fn section(&self, id: &str, lang: Lang) -> Option<&Section> {
        self.by_id.get(&(lang, id.to_owned())).map(|&ord| &self.sections[ord])
    }

    /// Finds the sections that explain `query`, best first, shown in `lang` where they
    /// exist in it.
    pub fn search(&self, query: &str, lang: Lang, limit: usize) -> SearchResult {
        let none = SearchResult { verdict: Verdict::None, hits: Vec::new() };
        let normalized = normalize_query(query);
        let terms = distinct_terms(&normalized);
        if terms.is_empty() || limit == 0 {
            return none;
        }
        let searcher = self.reader.searcher();
        let resolved: Vec<QueryTerm> = terms.iter().map(|t| self.resolve(t)).collect();
        let tantivy_query = self.query(&resolved);
        let Ok(top) = searcher.search(&tantivy_query, &TopDocs::with_limit(CANDIDATES).order_by_score())
        else {
            return none;
        };
        let query_set: HashSet<&str> = terms.iter().map(String::as_str).collect();
        let total_weight: f32 = resolved.iter().map(|t| t.weight).sum();

        let mut candidates: Vec<Candidate> = Vec::new();
        for (score, address) in top {
            let Some(ord) = self.ord_of(address) else { continue };
            let covered: f32 = resolved.iter().filter(|t| t.in_section(ord)).map(|t| t.weight).sum();
            candidates.push(Candidate {
                ord,
                score,
                coverage: if total_weight > 0.0 { covered / total_weight } else { 0.0 },
                template: self.evidence.template_match(ord, &self.sections[ord], &query_set),
            });
        }
        let best_bm25 = candidates.iter().map(|c| c.score).fold(f32::MIN, f32::max);
        for c in &mut candidates {
            c.score = c.score / best_bm25.max(f32::EPSILON) + COVERAGE_WEIGHT * c.coverage;
            if c.template > 0 {
                c.score += TEMPLATE_BONUS + TEMPLATE_PER_TERM * c.template.min(TEMPLATE_CAP) as f32;
            }
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score));

        // One hit per section id, shown in the asked language when it exists there.
        let mut seen = HashSet::new();
        let mut hits = Vec::new();
        for c in candidates {
            let id = &self.sections[c.ord].id;
            if !seen.insert(id.clone()) {
                continue;
            }
            let ord = self.by_id.get(&(lang, id.clone())).copied().unwrap_or(c.ord);
            hits.push((ord, c));
            if hits.len() == limit {
                break;
            }
        }
        let snippets = self.snippet_generator(&resolved);
        let hits: Vec<Hit> =
            hits.into_iter().map(|(ord, c)| self.hit(ord, &c, &resolved, &snippets)).collect();
        SearchResult { verdict: hits.first().map_or(Verdict::None, |h| h.confidence), hits }
    }

    /// One clause per term and field that has it: a term a field lacks can only cost time.
    fn query(&self, terms: &[QueryTerm]) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in terms {
            for (bit, (field, boost)) in self.fields.weighted().into_iter().enumerate() {
                if term.fields & (1 << bit) == 0 {
                    continue;
                }
                let term_query =
                    TermQuery::new(Term::from_field_text(field, term.text), IndexRecordOption::WithFreqs);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term_query), boost))));
            }
        }
        BooleanQuery::new(clauses)
    }

    /// A query term's holders and weight: its rarity in the knowledge base. Unknown
    /// Chinese bigrams are mostly word-boundary noise and weigh less than unknown Latin
    /// words.
    fn resolve<'a>(&'a self, text: &'a str) -> QueryTerm<'a> {
        let known = self.evidence.term(text);
        let holders = known.map_or(&[][..], |t| t.holders.as_slice());
        let idf = self.evidence.idf(holders.len());
        let weight = if holders.is_empty() && is_cjk_term(text) { idf * UNKNOWN_CJK_WEIGHT } else { idf };
        QueryTerm { text, holders, fields: known.map_or(0, |t| t.fields), weight, idf }
    }

    /// Tantivy's snippet generator for section text, given the query terms the knowledge
    /// base has and how much each says. `SnippetGenerator::create` would walk the whole
    /// boolean query and look every term up in the index again.
    fn snippet_generator(&self, terms: &[QueryTerm]) -> SnippetGenerator {
        let terms_text =
            terms.iter().filter(|t| !t.holders.is_empty()).map(|t| (t.text.to_owned(), t.idf)).collect();
        let tokenizer = TextAnalyzer::from(FixfindTokenizer::default());
        SnippetGenerator::new(terms_text, tokenizer, self.fields.body, SNIPPET_CHARS)
    }

    fn ord_of(&self, address: DocAddress) -> Option<usize> {
        self.ords.get(address.segment_ord as usize, address.doc_id).map(|ord| ord as usize)
    }

    fn hit(&self, ord: usize, c: &Candidate, terms: &[QueryTerm], snippets: &SnippetGenerator) -> Hit {
        let section = &self.sections[ord];
        let confidence = if c.template > 0 || c.coverage >= STRONG_COVERAGE {
            Verdict::Strong
        } else if c.coverage >= POSSIBLE_COVERAGE {
            Verdict::Possible
        } else {
            Verdict::None
        };
        Hit {
            id: section.id.clone(),
            lang: section.lang,
            page: section.page.clone(),
            title: section.title.clone(),
            breadcrumb: section.breadcrumb.clone(),
            url: section.url.clone(),
            score: c.score,
            confidence,
            matched: self.matched(ord, terms),
            snippet: snippet(section, snippets),
            commands: section.commands.clone(),
            other_lang: self.by_id.contains_key(&(section.lang.other(), section.id.clone())),
        }
    }

    /// Query terms found in the section, rarest first, without parts of terms already
    /// listed (`strconv.parseuint` makes `parseuint` redundant).
    fn matched(&self, ord: usize, terms: &[QueryTerm]) -> Vec<String> {
        // One- and two-digit numbers match everywhere (`0/1 Running`) and explain nothing.
        let telling = |t: &&QueryTerm| t.text.len() > 2 || !t.text.chars().all(|c| c.is_ascii_digit());
        let mut found: Vec<&QueryTerm> = terms.iter().filter(telling).filter(|t| t.in_section(ord)).collect();
        found.sort_by(|a, b| b.idf.total_cmp(&a.idf).then(b.text.len().cmp(&a.text.len())));
        let mut shown: Vec<String> = Vec::new();
        for term in found {
            if !shown.iter().any(|s| s.contains(term.text)) {
                shown.push(term.text.to_owned());
                if shown.len() == MATCHED_SHOWN {
                    break;
                }
            }
        }
        shown
    }
}

fn distinct_terms(normalized: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    analyze::analyze(normalized)
        .into_iter()
        .filter(|t| seen.insert(t.clone()))
        .take(MAX_QUERY_TERMS)
        .collect()
}

fn snippet(section: &Section, generator: &SnippetGenerator) -> Snippet {
    let found = generator.snippet(&section.text);
    if !found.is_empty() {
        let highlights = found.highlighted().iter().map(|r| (r.start, r.end)).collect();
        return Snippet { text: found.fragment().to_owned(), highlights };
    }
    let end = section.text.char_indices().nth(SNIPPET_CHARS).map_or(section.text.len(), |(i, _)| i);
    Snippet { text: section.text[..end].to_owned(), highlights: Vec::new() }
}
