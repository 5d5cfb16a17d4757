//! The paste line by line: how much of its best-explained line a section holds.
//!
//! Coverage of the whole paste is low when an error line comes with context (the
//! platform, the tools tried, a traceback) that other sections hold, although the
//! section explains the error line whole. The verdict reads both.

use super::terms::QueryTerm;
use std::collections::{HashMap, HashSet};

/// Lines weighed one by one: the selected error lines come first (see `normalize`), and
/// a paste's telling line is among its first.
const LINES_WEIGHED: usize = 16;

/// The distinct query terms of each of a paste's first lines, by index into the
/// resolved terms, and each line's weight.
pub(crate) struct Lines {
    terms: Vec<Vec<usize>>,
    weights: Vec<f32>,
}

impl Lines {
    /// `line_terms` are the terms of each of the paste's lines (`terms::line_terms`).
    pub fn of(line_terms: &[Vec<String>], resolved: &[QueryTerm]) -> Lines {
        let index: HashMap<&str, usize> = resolved.iter().enumerate().map(|(i, t)| (t.text, i)).collect();
        let terms: Vec<Vec<usize>> = line_terms
            .iter()
            .take(LINES_WEIGHED)
            .map(|line| {
                let mut seen = HashSet::new();
                line.iter()
                    .filter_map(|t| index.get(t.as_str()).copied())
                    .filter(|i| seen.insert(*i))
                    .collect()
            })
            .collect();
        let weights = terms.iter().map(|line| line.iter().map(|&i| resolved[i].weight).sum()).collect();
        Lines { terms, weights }
    }

    /// The largest share of one line's weight section `ord` holds.
    pub fn coverage(&self, ord: usize, resolved: &[QueryTerm]) -> f32 {
        self.terms
            .iter()
            .zip(&self.weights)
            .filter(|(_, weight)| **weight > 0.0)
            .map(|(line, weight)| {
                let held: f32 =
                    line.iter().filter(|&&i| resolved[i].in_section(ord)).map(|&i| resolved[i].weight).sum();
                held / weight
            })
            .fold(0.0, f32::max)
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;
    use crate::engine::terms::{QueryTerm, line_terms};
    use crate::index::WEIGHTED_FIELDS;

    fn term<'a>(text: &'a str, holders: &'a [u32]) -> QueryTerm<'a> {
        QueryTerm { text, holders, doc_freq: [1; WEIGHTED_FIELDS], weight: 1.0, idf: 1.0, damping: 1.0 }
    }

    #[test]
    fn the_best_explained_line_counts_whole() {
        let resolved =
            [term("collection", &[0, 1]), term("loaded", &[0]), term("docker", &[1]), term("mac", &[1])];
        let lines = Lines::of(&line_terms("collection loaded\ndocker mac collection"), &resolved);
        // Section 0 holds the first line whole, though only half of the paste.
        assert_eq!(lines.coverage(0, &resolved), 1.0);
        assert_eq!(lines.coverage(1, &resolved), 1.0);
        assert_eq!(lines.coverage(2, &resolved), 0.0);
        let lines = Lines::of(&line_terms("collection loaded docker"), &resolved);
        assert!((lines.coverage(0, &resolved) - 2.0 / 3.0).abs() < 1e-6);
    }
}
