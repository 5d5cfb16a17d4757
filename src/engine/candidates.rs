//! A section's score before languages merge: tantivy's BM25, the share of the paste it
//! accounts for, and the lifts for a whole error template or a claimed error code.

use crate::section::Section;

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
/// surely as a whole error template does, when one topic claims it; a code many topics
/// claim (`1100 invalid parameter` wraps dozens of problems) narrows the choice less, so
/// the bonus is scaled by the code's specificity ([`CodeMatch::Specific`])…
const CODE_BONUS: f32 = 1.0;
/// …except the codes that wrap any error: `65535 unexpected error`, and `1`, which
/// clients before 2.3 printed for every failure (`UnexpectedError`). Their section
/// explains how to read the wrapped message, and the message's own section outranks it.
pub const GENERIC_CODES: [u32; 2] = [1, 65535];
const GENERIC_CODE_BONUS: f32 = 0.25;

/// A section's evidence before languages merge.
pub(crate) struct Candidate {
    pub ord: usize,
    /// Tantivy's BM25 until [`Candidate::rescore`], then the final score.
    pub score: f32,
    pub coverage: f32,
    pub template: usize,
    pub code: CodeMatch,
}

impl Candidate {
    /// The final score, given the best BM25 score among the candidates: BM25 relative to
    /// it, plus coverage and the template and code lifts.
    pub fn rescore(&mut self, best_bm25: f32) {
        let mut score = self.score / best_bm25.max(f32::EPSILON) + COVERAGE_WEIGHT * self.coverage;
        if self.template > 0 {
            score += TEMPLATE_BONUS + TEMPLATE_PER_TERM * self.template.min(TEMPLATE_CAP) as f32;
        }
        self.score = score + self.code.bonus();
    }
}

/// Whether a section declares an error code the paste carries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum CodeMatch {
    No,
    /// Only a code of [`GENERIC_CODES`].
    Generic,
    /// A code outside [`GENERIC_CODES`], with its specificity: 1 when one topic of the
    /// knowledge base claims it, falling like idf (`ln(topics / claimants) / ln(topics)`)
    /// towards 0 as more topics claim it.
    Specific(f32),
}

impl CodeMatch {
    /// `claimants(code)` is how many topics (section ids) claim `code`, out of `topics`.
    pub fn of(
        section: &Section,
        codes: &[u32],
        claimants: impl Fn(u32) -> usize,
        topics: usize,
    ) -> CodeMatch {
        let mut found = CodeMatch::No;
        for &code in section.codes.iter().filter(|c| codes.contains(c)) {
            if GENERIC_CODES.contains(&code) {
                if found == CodeMatch::No {
                    found = CodeMatch::Generic;
                }
                continue;
            }
            let specificity = specificity(claimants(code), topics);
            if !matches!(found, CodeMatch::Specific(s) if s >= specificity) {
                found = CodeMatch::Specific(specificity);
            }
        }
        found
    }

    pub fn is_specific(self) -> bool {
        matches!(self, CodeMatch::Specific(_))
    }

    fn bonus(self) -> f32 {
        match self {
            CodeMatch::No => 0.0,
            CodeMatch::Generic => GENERIC_CODE_BONUS,
            CodeMatch::Specific(specificity) => CODE_BONUS * specificity,
        }
    }
}

/// How much claiming a code tells apart the topics, as a share of what a code claimed by
/// one topic tells.
fn specificity(claimants: usize, topics: usize) -> f32 {
    if topics <= 1 {
        return 1.0;
    }
    let claimants = claimants.clamp(1, topics) as f32;
    ((topics as f32 / claimants).ln() / (topics as f32).ln()).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::specificity;

    #[test]
    fn a_code_claimed_by_more_topics_counts_less() {
        assert_eq!(specificity(1, 200), 1.0);
        let shared = specificity(18, 200);
        assert!(shared > 0.4 && shared < 0.6, "{shared}");
        assert!(specificity(5, 200) > shared);
        assert_eq!(specificity(200, 200), 0.0);
        assert_eq!(specificity(3, 1), 1.0);
    }
}
