//! What a search returns: hits with their verdict, why they matched and a snippet.

use super::Engine;
use super::candidates::Candidate;
use super::confidence::Signals;
use super::terms::QueryTerm;
use crate::analyze::FixfindTokenizer;
use crate::section::{Command, Lang, Section, Source};
use serde::Serialize;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;

/// Characters of section text shown around the matched terms.
const SNIPPET_CHARS: usize = 240;
/// With no confident answer, how many of the closest hits a reader is shown: enough to
/// judge by, few enough not to look like answers.
pub const CLOSEST: usize = 3;
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
    /// `None` (and no commands) while the section's text chunk is not attached.
    pub snippet: Option<Snippet>,
    pub commands: Vec<Command>,
    /// The section's text has not arrived yet ([`Engine::complete`] fills it in).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub text_pending: bool,
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

/// Whether a reader is shown the hit at `rank` (0 = first) of a result with `verdict`.
/// Below a confident answer, the sections the engine itself calls unrelated are noise;
/// with no confident answer, the few closest help the reader judge. Only these hits get
/// a snippet around their matched words: finding one tokenizes the section's text, about
/// half of a query's time (bench/README.md).
pub fn is_shown(verdict: Verdict, rank: usize, confidence: Verdict) -> bool {
    if verdict == Verdict::None { rank < CLOSEST } else { confidence != Verdict::None }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchResult {
    /// The confidence of the first hit; `none` when nothing answers the query.
    pub verdict: Verdict,
    pub hits: Vec<Hit>,
}

impl Engine {
    /// Tantivy's snippet generator for section text, given the query terms the knowledge
    /// base has and how much each says. `SnippetGenerator::create` would walk the whole
    /// boolean query and look every term up in the index again.
    pub(crate) fn snippet_generator(&self, terms: &[QueryTerm]) -> SnippetGenerator {
        let terms_text =
            terms.iter().filter(|t| !t.holders.is_empty()).map(|t| (t.text.to_owned(), t.idf)).collect();
        let tokenizer = TextAnalyzer::from(FixfindTokenizer::default());
        SnippetGenerator::new(terms_text, tokenizer, self.fields.body, SNIPPET_CHARS)
    }

    /// The hit for candidate `c`, shown as section `ord` (`c`'s own section or its twin in
    /// the asked language).
    pub(crate) fn hit(
        &self,
        ord: usize,
        c: &Candidate,
        signals: Signals,
        confidence: Verdict,
        terms: &[QueryTerm],
        snippets: Option<&mut SnippetGenerator>,
    ) -> Hit {
        let section = &self.catalog.sections[ord];
        let loaded = self.has_text(ord);
        Hit {
            id: section.id.clone(),
            lang: section.lang,
            page: section.page.clone(),
            title: section.title.clone(),
            breadcrumb: section.breadcrumb.clone(),
            url: section.url.clone(),
            score: c.score,
            confidence,
            signals,
            // Why it matched is about the section that matched, whatever language it is
            // shown in: an English paste shares no words with the Chinese twin.
            matched: matched(c.ord, terms),
            snippet: loaded.then(|| match snippets {
                Some(generator) => snippet(section, generator),
                None => text_start(section),
            }),
            commands: section.commands.clone(),
            text_pending: !loaded,
            other_lang: self.catalog.by_id.contains_key(&(section.lang.other(), section.id.clone())),
            codes: section.codes.clone(),
            sources: section.sources.clone(),
            fixed_in: section.fixed_in.clone(),
        }
    }
}

impl Engine {
    /// Fills in the snippet, commands and provenance of every hit of `result` (the result of
    /// searching `query`, or the part of it a reader is shown, see `present::shown`) whose
    /// text was pending and is attached now: exactly what a search with the text attached
    /// gives. Returns how many hits were completed.
    pub fn complete(&self, query: &str, result: &mut SearchResult) -> usize {
        let verdict = result.verdict;
        let ready = |hit: &Hit| hit.text_pending && self.text_chunk(&hit.id, hit.lang).is_none();
        if !result.hits.iter().any(ready) {
            return 0;
        }
        let paste = super::terms::Paste::read(query);
        let resolved: Vec<QueryTerm> = paste.terms.iter().map(|t| self.resolve(t)).collect();
        let mut generator = self.snippet_generator(&resolved);
        let mut done = 0;
        for (rank, hit) in result.hits.iter_mut().enumerate() {
            if !ready(hit) {
                continue;
            }
            let Some(&ord) = self.catalog.by_id.get(&(hit.lang, hit.id.clone())) else { continue };
            let section = &self.catalog.sections[ord];
            hit.snippet = Some(if is_shown(verdict, rank, hit.confidence) {
                snippet(section, &mut generator)
            } else {
                text_start(section)
            });
            hit.commands = section.commands.clone();
            hit.url = section.url.clone();
            hit.sources = section.sources.clone();
            hit.fixed_in = section.fixed_in.clone();
            hit.text_pending = false;
            done += 1;
        }
        done
    }
}

/// Query terms found in the section, rarest first, without parts of terms already
/// listed (`strconv.parseuint` makes `parseuint` redundant).
fn matched(ord: usize, terms: &[QueryTerm]) -> Vec<String> {
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
    text_start(section)
}

/// The section's first [`SNIPPET_CHARS`] characters, nothing highlighted.
fn text_start(section: &Section) -> Snippet {
    let end = section.text.char_indices().nth(SNIPPET_CHARS).map_or(section.text.len(), |(i, _)| i);
    Snippet { text: section.text[..end].to_owned(), highlights: Vec::new() }
}
