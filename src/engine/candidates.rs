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
/// surely as a whole error template does…
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CodeMatch {
    No,
    /// Only a code of [`GENERIC_CODES`].
    Generic,
    Specific,
}

impl CodeMatch {
    pub fn of(section: &Section, codes: &[u32]) -> CodeMatch {
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
