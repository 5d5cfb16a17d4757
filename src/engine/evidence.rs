//! What the engine knows about each section beyond tantivy's postings: its terms, the
//! terms of its error signatures, and how rare each term is. Used to explain a match
//! (which query terms it shares), to spot an exact error template in a paste, and to
//! decide how confident a match is.

use crate::analyze::{analyze, normalize_text};
use crate::section::Section;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A signature needs this many distinct words before it counts as a template: two-word
/// strings such as `load()` or `node offline` occur in unrelated pastes.
pub const MIN_TEMPLATE_TERMS: usize = 3;

/// Chinese bigrams that span a word boundary (`动报` in `启动报错`) never occur in the
/// knowledge base; they weigh this much of a Latin word that is missing.
pub const UNKNOWN_CJK_WEIGHT: f32 = 0.25;

pub struct Evidence {
    /// Distinct terms of each section, by ordinal.
    terms: Vec<HashSet<String>>,
    /// Distinct non-numeric terms of each signature, by section ordinal.
    templates: Vec<Vec<HashSet<String>>>,
    doc_freq: HashMap<String, u32>,
    docs: u32,
}

impl Evidence {
    pub fn new(sections: &[Section]) -> Evidence {
        let mut doc_freq: HashMap<String, u32> = HashMap::new();
        let mut terms = Vec::with_capacity(sections.len());
        let mut templates = Vec::with_capacity(sections.len());
        for section in sections {
            let mut all = String::new();
            for part in [&section.title, &section.text, &section.breadcrumb.join(" ")] {
                all.push_str(part);
                all.push('\n');
            }
            for command in &section.commands {
                all.push_str(&command.text);
                all.push('\n');
            }
            let set: HashSet<String> = analyze(&normalize_text(&all)).into_iter().collect();
            for term in &set {
                *doc_freq.entry(term.clone()).or_default() += 1;
            }
            terms.push(set);
            templates.push(
                section
                    .signatures
                    .iter()
                    .map(|s| template_terms(s))
                    .filter(|t| t.len() >= MIN_TEMPLATE_TERMS)
                    .collect(),
            );
        }
        Evidence { terms, templates, doc_freq, docs: sections.len() as u32 }
    }

    /// BM25's inverse document frequency; unknown terms get the highest.
    pub fn idf(&self, term: &str) -> f32 {
        let n = self.docs as f32;
        let df = self.doc_freq.get(term).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    pub fn is_known(&self, term: &str) -> bool {
        self.doc_freq.contains_key(term)
    }

    pub fn has(&self, ord: usize, term: &str) -> bool {
        self.terms[ord].contains(term)
    }

    /// The number of words of the longest signature of section `ord` that the query
    /// contains entirely, or 0.
    pub fn template_match(&self, ord: usize, query: &HashSet<String>) -> usize {
        self.templates[ord]
            .iter()
            .filter(|t| t.iter().all(|term| query.contains(term)))
            .map(HashSet::len)
            .max()
            .unwrap_or(0)
    }
}

/// A signature's words, placeholders (`<collection_name>`) and numbers left out: the
/// numbers in a message vary between occurrences, the words do not.
pub fn template_terms(signature: &str) -> HashSet<String> {
    let text = PLACEHOLDER.replace_all(signature, " ");
    analyze(&normalize_text(&text)).into_iter().filter(|t| !t.chars().all(|c| c.is_ascii_digit())).collect()
}

/// `<etcd-sts>`, `<collection_name>`: one word in angle brackets. `<MilvusException: (…)>`
/// is not a placeholder but the message itself.
static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<[^<>\s]{1,40}>").expect("valid pattern"));

pub fn is_cjk_term(term: &str) -> bool {
    term.chars().next().is_some_and(crate::analyze::tokenizer::is_cjk)
}
