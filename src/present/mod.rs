//! What a front end shows of a search: which hits, under which words, with which status
//! line.
//!
//! The browser app and the terminal render the same decisions: this module makes them,
//! natively and under unit tests, and `app` (DOM, Leptos) and `cli` (text on any
//! `io::Write`) only draw them. That is pagefind's split: all logic native, the wasm side
//! a thin shell.
//!
//! - [`shown`]: the hit-list rule, which hits a reader sees under each verdict;
//! - [`i18n`]: every fixed string in English and Chinese, and the formatted ones;
//! - [`text`]: highlight runs, truncation, issue links, safe links;
//! - [`status`]: the bundle's load state, its transitions and its status line, and the
//!   text chunks' fetches.

pub mod i18n;
pub mod status;
pub mod text;

use crate::engine::{Hit, SearchResult, Verdict, is_shown};
use crate::section::{Lang, Source};

/// Closest sections shown under "no confident match" (the rule is the engine's, which
/// finds snippets only for the hits shown).
pub use crate::engine::CLOSEST;

/// The hits a reader sees ([`is_shown`]).
pub fn shown(result: SearchResult) -> SearchResult {
    let verdict = result.verdict;
    let hits = result.hits.into_iter().enumerate();
    let hits = hits.filter(|(rank, h)| is_shown(verdict, *rank, h.confidence)).map(|(_, h)| h).collect();
    SearchResult { verdict, hits }
}

/// The words on a hit's confidence badge.
pub fn verdict_label(lang: Lang, confidence: Verdict) -> &'static str {
    let s = i18n::strings(lang);
    match confidence {
        Verdict::Strong => s.strong,
        Verdict::Possible => s.possible,
        Verdict::None => s.weak,
    }
}

/// Where a section's problem comes from: the error codes it explains, the threads where
/// it was seen, the release that fixed it. `None` when the section says none of these.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// `1401, 1402`, or empty.
    pub codes: String,
    pub sources: Vec<Source>,
    pub fixed_in: Option<String>,
}

impl Provenance {
    pub fn of(hit: &Hit) -> Option<Provenance> {
        if hit.codes.is_empty() && hit.sources.is_empty() && hit.fixed_in.is_none() {
            return None;
        }
        let codes: Vec<String> = hit.codes.iter().map(u32::to_string).collect();
        Some(Provenance {
            codes: codes.join(", "),
            sources: hit.sources.clone(),
            fixed_in: hit.fixed_in.clone(),
        })
    }

    /// One line of plain text, links written out:
    /// `Error codes 1401 · Seen in milvus-io/milvus#1 (https://…) · fixed in 2.4.5`.
    pub fn line(&self, lang: Lang) -> String {
        let s = i18n::strings(lang);
        let mut parts = Vec::new();
        if !self.codes.is_empty() {
            parts.push(format!("{} {}", s.codes, self.codes));
        }
        if !self.sources.is_empty() {
            let sources: Vec<String> = self.sources.iter().map(|s| format!("{s} ({})", s.url())).collect();
            parts.push(format!("{} {}", s.seen_in, sources.join(", ")));
        }
        if let Some(fixed) = &self.fixed_in {
            parts.push(format!("{} {fixed}", s.fixed_in));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Signals, Snippet};

    fn hit(id: &str, confidence: Verdict) -> Hit {
        Hit {
            id: id.into(),
            lang: Lang::En,
            page: "p".into(),
            title: id.into(),
            breadcrumb: vec![],
            url: None,
            score: 1.0,
            confidence,
            signals: Signals::default(),
            matched: vec![],
            snippet: Some(Snippet { text: String::new(), highlights: vec![] }),
            commands: vec![],
            text_pending: false,
            other_lang: false,
            codes: vec![],
            sources: vec![],
            fixed_in: None,
        }
    }

    fn result(verdict: Verdict, hits: &[Verdict]) -> SearchResult {
        let hits = hits.iter().enumerate().map(|(k, v)| hit(&format!("h{k}"), *v)).collect();
        SearchResult { verdict, hits }
    }

    #[test]
    fn a_confident_answer_hides_the_unrelated_sections_below_it() {
        let shown = shown(result(
            Verdict::Strong,
            &[Verdict::Strong, Verdict::None, Verdict::Possible, Verdict::None],
        ));
        let ids: Vec<&str> = shown.hits.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["h0", "h2"]);
    }

    #[test]
    fn no_confident_answer_keeps_the_closest_few() {
        let shown = shown(result(Verdict::None, &[Verdict::None; 8]));
        assert_eq!(shown.hits.len(), CLOSEST);
        assert_eq!(shown.hits[0].id, "h0");
    }

    #[test]
    fn provenance_is_absent_for_a_section_without_one_and_a_line_otherwise() {
        let mut h = hit("a", Verdict::Strong);
        assert_eq!(Provenance::of(&h), None);
        h.codes = vec![1401, 1402];
        h.fixed_in = Some("2.4.5".into());
        let p = Provenance::of(&h).unwrap();
        assert_eq!(p.line(Lang::En), "Error codes 1401, 1402 · fixed in 2.4.5");
        assert_eq!(p.line(Lang::Zh), "错误码 1401, 1402 · 修复版本 2.4.5");
    }

    #[test]
    fn every_verdict_has_a_label_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            let labels = [Verdict::Strong, Verdict::Possible, Verdict::None].map(|v| verdict_label(lang, v));
            assert!(labels.iter().all(|l| !l.is_empty()));
            assert_ne!(labels[0], labels[1]);
            assert_ne!(labels[1], labels[2]);
        }
    }
}
