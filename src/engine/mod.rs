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
//! 3. a section whose error signature appears whole in the paste is ranked first, and a
//!    section that declares an error code the paste carries joins the candidates and is
//!    lifted like one;
//! 4. sections pair across languages by id, and each hit is shown in the asked language.

pub mod confidence;
mod evidence;

use crate::analyze::{self, FixfindTokenizer};
use crate::index::{Bundle, BundleError, BundleInfo, Fields};
use crate::section::{Command, Lang, Section, Source};
pub use confidence::Signals;
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
const TEMPLATE_BONUS: f32 = 0.5;
/// …and a longer template above a shorter one (per word, up to [`TEMPLATE_CAP`] words).
const TEMPLATE_PER_TERM: f32 = 0.1;
const TEMPLATE_CAP: usize = 12;
/// A Milvus error code the paste carries and the section declares names the problem as
/// surely as a whole error template does…
const CODE_BONUS: f32 = 1.0;
/// …except the codes that wrap any error: `65535 unexpected error`, and `1`, which
/// clients before 2.3 printed for every failure (`UnexpectedError`). Their section
/// explains how to read the wrapped message, and the message's own section outranks it.
pub const GENERIC_CODES: [u32; 2] = [1, 65535];
const GENERIC_CODE_BONUS: f32 = 0.25;
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
    /// What the confidence was decided from.
    pub signals: Signals,
    /// The query terms the section contains, rarest first: why it matched.
    pub matched: Vec<String>,
    pub snippet: Snippet,
    pub commands: Vec<Command>,
    /// Whether the same section exists in the other language.
    pub other_lang: bool,
    /// The Milvus error codes the section explains.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<u32>,
    /// Where the problem was seen, and the release that fixed it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_in: Option<String>,
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
    /// The sections declaring each error code.
    by_code: HashMap<u32, Vec<usize>>,
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
    code: CodeMatch,
}

/// Whether a section declares an error code the paste carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CodeMatch {
    No,
    /// Only a code of [`GENERIC_CODES`].
    Generic,
    Specific,
}

impl CodeMatch {
    fn of(section: &Section, codes: &[u32]) -> CodeMatch {
        let mut found = CodeMatch::No;
        for code in section.codes.iter().filter(|c| codes.contains(c)) {
            if !GENERIC_CODES.contains(code) {
                return CodeMatch::Specific;
            }
            found = CodeMatch::Generic;
        }
        found
    }

    fn bonus(self) -> f32 {
        match self {
            CodeMatch::No => 0.0,
            CodeMatch::Generic => GENERIC_CODE_BONUS,
            CodeMatch::Specific => CODE_BONUS,
        }
    }
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
        let mut by_code: HashMap<u32, Vec<usize>> = HashMap::new();
        for (ord, section) in bundle.sections.iter().enumerate() {
            for &code in &section.codes {
                by_code.entry(code).or_default().push(ord);
            }
        }
        let searcher = reader.searcher();
        let ords = Ords::read(&searcher, bundle.sections.len()).map_err(BundleError::Index)?;
        let evidence = Evidence::from_index(&searcher, &fields, &ords, bundle.sections.len())
            .map_err(|e| BundleError::Index(e.to_string()))?;
        Ok(Engine {
            info: bundle.info,
            sections: bundle.sections,
            by_id,
            by_code,
            fields,
            reader,
            ords,
            evidence,
        })
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
        // The paste's lines are selected once, for its words and for its error codes.
        let lines = analyze::read_lines(query);
        let normalized = analyze::normalize_lines(&lines);
        let terms = distinct_terms(&normalized);
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
        let codes = analyze::codes_in(&lines);

        let candidate = |ord: usize, score: f32| {
            let covered: f32 = resolved.iter().filter(|t| t.in_section(ord)).map(|t| t.weight).sum();
            Candidate {
                ord,
                score,
                coverage: if total_weight > 0.0 { covered / total_weight } else { 0.0 },
                template: self.evidence.template_match(ord, &self.sections[ord], &query_set),
                code: CodeMatch::of(&self.sections[ord], &codes),
            }
        };
        let mut candidates: Vec<Candidate> = top
            .into_iter()
            .filter_map(|(score, address)| Some(candidate(self.ord_of(address)?, score)))
            .collect();
        // A section claiming the paste's code is a candidate even when its words are not
        // among tantivy's best: the code alone names the problem.
        for ord in codes.iter().filter_map(|code| self.by_code.get(code)).flatten() {
            if !candidates.iter().any(|c| c.ord == *ord) {
                candidates.push(candidate(*ord, 0.0));
            }
        }
        let best_bm25 = candidates.iter().map(|c| c.score).fold(f32::MIN, f32::max);
        for c in &mut candidates {
            c.score = c.score / best_bm25.max(f32::EPSILON) + COVERAGE_WEIGHT * c.coverage;
            if c.template > 0 {
                c.score += TEMPLATE_BONUS + TEMPLATE_PER_TERM * c.template.min(TEMPLATE_CAP) as f32;
            }
            c.score += c.code.bonus();
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
        let known_weight: f32 = resolved.iter().filter(|t| !t.holders.is_empty()).map(|t| t.weight).sum();
        let known = if total_weight > 0.0 { known_weight / total_weight } else { 0.0 };
        // The score a hit must beat to be sure of itself: the next hit's (none for the last).
        let next_scores: Vec<f32> = (0..hits.len())
            .map(|k| hits.get(k + 1).map_or(0.0, |(_, c): &(usize, Candidate)| c.score))
            .collect();
        // Idf grows with the number of sections; in units of the rarest possible term the
        // signals mean the same over 10 sections and over 1 000.
        let rarest = self.evidence.idf(0).max(f32::EPSILON);
        let mut snippets = self.snippet_generator(&resolved);
        let hits: Vec<Hit> = hits
            .into_iter()
            .zip(next_scores)
            .map(|((ord, c), next)| {
                let held = || resolved.iter().filter(|t| t.in_section(c.ord));
                let signals = Signals {
                    matched_weight: held().map(|t| t.weight).sum::<f32>() / rarest,
                    best_idf: held().map(|t| t.idf).fold(0.0, f32::max) / rarest,
                    coverage: c.coverage,
                    template_words: c.template,
                    code: c.code == CodeMatch::Specific,
                    margin: if c.score > 0.0 { ((c.score - next) / c.score).max(0.0) } else { 0.0 },
                    known,
                    terms: resolved.len(),
                };
                self.hit(ord, &c, signals, &resolved, &mut snippets)
            })
            .collect();
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

    /// The hit for candidate `c`, shown as section `ord` (`c`'s own section or its twin in
    /// the asked language).
    fn hit(
        &self,
        ord: usize,
        c: &Candidate,
        signals: Signals,
        terms: &[QueryTerm],
        snippets: &mut SnippetGenerator,
    ) -> Hit {
        let section = &self.sections[ord];
        Hit {
            id: section.id.clone(),
            lang: section.lang,
            page: section.page.clone(),
            title: section.title.clone(),
            breadcrumb: section.breadcrumb.clone(),
            url: section.url.clone(),
            score: c.score,
            confidence: confidence::verdict(&signals),
            signals,
            // Why it matched is about the section that matched, whatever language it is
            // shown in: an English paste shares no words with the Chinese twin.
            matched: self.matched(c.ord, terms),
            snippet: snippet(section, snippets),
            commands: section.commands.clone(),
            other_lang: self.by_id.contains_key(&(section.lang.other(), section.id.clone())),
            codes: section.codes.clone(),
            sources: section.sources.clone(),
            fixed_in: section.fixed_in.clone(),
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

fn snippet(section: &Section, generator: &mut SnippetGenerator) -> Snippet {
    // Tantivy counts the fragment length in bytes: three per Chinese character. Asking
    // for the bytes SNIPPET_CHARS characters of this text take keeps both languages
    // equally long.
    let chars = section.text.chars().count().max(1);
    generator.set_max_num_chars(SNIPPET_CHARS * section.text.len().div_ceil(chars));
    let found = generator.snippet(&section.text);
    if !found.is_empty() {
        let highlights = found.highlighted().iter().map(|r| (r.start, r.end)).collect();
        return Snippet { text: found.fragment().to_owned(), highlights };
    }
    let end = section.text.char_indices().nth(SNIPPET_CHARS).map_or(section.text.len(), |(i, _)| i);
    Snippet { text: section.text[..end].to_owned(), highlights: Vec::new() }
}
