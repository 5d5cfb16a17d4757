//! Answer quality over evaluation cases: real pastes with the section that fixes them.
//!
//! A case is one JSON object a line, `{"query", "lang", "expect": [ids], "source"}`; an
//! empty `expect` means out of scope, where the right answer is "no confident match".
//! Scores are the ones the project reports: top-1, top-3 and MRR over in-scope cases,
//! out-of-scope accuracy, and a reliability table that says, for each verdict, how often
//! the first hit is right — what a user can read into "strong".

use crate::engine::{Engine, SearchResult, Verdict};
use crate::section::Lang;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// Hits asked for per case: enough for MRR to see past the first screen.
const EVAL_LIMIT: usize = 10;
/// Characters of a missed query printed in a report.
const MISS_QUERY_CHARS: usize = 160;
/// Share of mined cases, in tenths, that tuning may look at; the rest is validation.
const TRAIN_TENTHS: u8 = 6;

/// Which half of the mined cases a case belongs to. Fixed by the case's own text, so the
/// split was made before any tuning and stays put as cases are added: no case can move to
/// the half that looks better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Tune on these.
    Train,
    /// Report these; never tune on them.
    Validation,
}

impl Split {
    pub fn of(case: &Case) -> Split {
        let digest = Sha256::digest(case.query.as_bytes());
        if digest[0] % 10 < TRAIN_TENTHS { Split::Train } else { Split::Validation }
    }
}

/// One evaluation case.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Case {
    pub query: String,
    pub lang: Lang,
    pub expect: Vec<String>,
    /// The thread the paste was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Case {
    pub fn in_scope(&self) -> bool {
        !self.expect.is_empty()
    }

    /// Whether the first hit answers the case: the expected section for an in-scope case,
    /// verdict `none` for an out-of-scope one.
    pub fn first_is_right(&self, result: &SearchResult) -> bool {
        if self.in_scope() {
            result.hits.first().is_some_and(|h| self.expect.contains(&h.id))
        } else {
            result.verdict == Verdict::None
        }
    }
}

/// Reads the cases of several files, only those of `split` when one is given.
pub fn read_all(files: &[std::path::PathBuf], split: Option<Split>) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for file in files {
        cases.extend(read_cases(file)?.into_iter().filter(|c| split.is_none_or(|s| Split::of(c) == s)));
    }
    Ok(cases)
}

/// Reads cases from a JSONL file; a broken line is an error naming the file and line.
pub fn read_cases(file: &Path) -> Result<Vec<Case>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", file.display(), n + 1)))
        .collect()
}

/// The rank (1-based) at which a case is answered, `None` when it is not; a result with
/// verdict `none` answers no in-scope case.
pub fn rank_of(case: &Case, result: &SearchResult) -> Option<usize> {
    if result.verdict == Verdict::None {
        return None;
    }
    result.hits.iter().position(|h| case.expect.contains(&h.id)).map(|p| p + 1)
}

/// Quality figures for one group of cases.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    pub in_scope: usize,
    pub top1: f64,
    pub top3: f64,
    pub mrr: f64,
    /// Rank 1 of the ranking alone, whatever the verdict: what the confidence gate hides.
    pub ranking_top1: f64,
    pub out_of_scope: usize,
    pub out_of_scope_accuracy: f64,
}

/// Scores a set of (case, result) pairs.
pub fn score<'a>(pairs: impl Iterator<Item = (&'a Case, &'a SearchResult)>) -> Scores {
    let mut s = Scores::default();
    let (mut top1, mut top3, mut rr, mut ranked1, mut oos_right) = (0usize, 0usize, 0f64, 0usize, 0usize);
    for (case, result) in pairs {
        if !case.in_scope() {
            s.out_of_scope += 1;
            oos_right += usize::from(result.verdict == Verdict::None);
            continue;
        }
        s.in_scope += 1;
        ranked1 += usize::from(result.hits.first().is_some_and(|h| case.expect.contains(&h.id)));
        if let Some(rank) = rank_of(case, result) {
            top1 += usize::from(rank == 1);
            top3 += usize::from(rank <= 3);
            rr += 1.0 / rank as f64;
        }
    }
    let ratio = |n: f64, d: usize| if d == 0 { 0.0 } else { n / d as f64 };
    s.top1 = ratio(top1 as f64, s.in_scope);
    s.top3 = ratio(top3 as f64, s.in_scope);
    s.mrr = ratio(rr, s.in_scope);
    s.ranking_top1 = ratio(ranked1 as f64, s.in_scope);
    s.out_of_scope_accuracy = ratio(oos_right as f64, s.out_of_scope);
    s
}

/// For one verdict: how many results had it, and in how many the first hit was right.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Reliability {
    pub cases: usize,
    /// In-scope cases whose first hit is expected (for `none`: out-of-scope cases, which
    /// are answered right by it).
    pub right: usize,
    pub out_of_scope: usize,
}

impl Reliability {
    pub fn share_right(&self) -> f64 {
        if self.cases == 0 { 0.0 } else { self.right as f64 / self.cases as f64 }
    }
}

/// The reliability table: a row per verdict, strongest first.
pub fn reliability<'a>(
    pairs: impl Iterator<Item = (&'a Case, &'a SearchResult)>,
) -> BTreeMap<Verdict, Reliability> {
    let mut table: BTreeMap<Verdict, Reliability> = BTreeMap::new();
    for (case, result) in pairs {
        let row = table.entry(result.verdict).or_default();
        row.cases += 1;
        row.out_of_scope += usize::from(!case.in_scope());
        row.right += usize::from(case.first_is_right(result));
    }
    table
}

#[derive(Serialize)]
pub struct Miss {
    pub query: String,
    pub lang: Lang,
    pub expect: Vec<String>,
    pub verdict: Verdict,
    pub got: Vec<String>,
}

/// A case's first hit as the verdict model sees it (`bench/calibrate.py` fits on these).
#[derive(Serialize)]
pub struct First {
    /// The case's query, cut like a miss's, so a fitting run can be read case by case.
    pub query: String,
    pub lang: Lang,
    pub in_scope: bool,
    pub right: bool,
    /// The rank (1-based) of the first expected hit whatever the verdict, none when it is
    /// not among the hits or the case is out of scope: where ranking and gate part.
    pub rank: Option<usize>,
    /// The model's features of the first hit, none without hits.
    pub features: Option<Vec<f32>>,
}

#[derive(Serialize)]
pub struct Report {
    pub all: Scores,
    pub by_lang: BTreeMap<Lang, Scores>,
    pub reliability: BTreeMap<Verdict, Reliability>,
    pub latency_ms_p50: f64,
    pub latency_ms_p99: f64,
    pub misses: Vec<Miss>,
    pub first: Vec<First>,
}

/// Runs every case through the engine and scores the answers.
pub fn run(engine: &Engine, cases: &[Case]) -> Report {
    let mut results = Vec::with_capacity(cases.len());
    let mut latencies: Vec<Duration> = Vec::with_capacity(cases.len());
    for case in cases {
        let started = Instant::now();
        results.push(engine.search(&case.query, case.lang, EVAL_LIMIT));
        latencies.push(started.elapsed());
    }
    report(cases, &results, latencies)
}

fn report(cases: &[Case], results: &[SearchResult], mut latencies: Vec<Duration>) -> Report {
    latencies.sort();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * p).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    let pairs = || cases.iter().zip(results);
    let by_lang =
        Lang::ALL.into_iter().map(|lang| (lang, score(pairs().filter(|(c, _)| c.lang == lang)))).collect();
    let misses = pairs()
        .filter(|(c, r)| if c.in_scope() { rank_of(c, r) != Some(1) } else { r.verdict != Verdict::None })
        .map(|(c, r)| Miss {
            query: c.query.chars().take(MISS_QUERY_CHARS).collect(),
            lang: c.lang,
            expect: c.expect.clone(),
            verdict: r.verdict,
            got: r.hits.iter().take(3).map(|h| h.id.clone()).collect(),
        })
        .collect();
    let first = pairs()
        .map(|(c, r)| First {
            query: c.query.chars().take(MISS_QUERY_CHARS).collect(),
            lang: c.lang,
            in_scope: c.in_scope(),
            right: c.in_scope() && r.hits.first().is_some_and(|h| c.expect.contains(&h.id)),
            rank: r.hits.iter().position(|h| c.expect.contains(&h.id)).map(|p| p + 1),
            features: r.hits.first().map(|h| h.signals.features().to_vec()),
        })
        .collect();
    Report {
        first,
        all: score(pairs()),
        by_lang,
        reliability: reliability(pairs()),
        latency_ms_p50: percentile(0.5),
        latency_ms_p99: percentile(0.99),
        misses,
    }
}

/// The report for people.
pub fn print(report: &Report, cases: usize, out: &mut impl Write) -> io::Result<()> {
    let line = |out: &mut dyn Write, name: &str, s: &Scores| {
        writeln!(
            out,
            "{name:<4} in-scope {:>3}  top-1 {:.3}  top-3 {:.3}  MRR {:.3}  ranking top-1 {:.3}  | out-of-scope {:>3}  accuracy {:.3}",
            s.in_scope, s.top1, s.top3, s.mrr, s.ranking_top1, s.out_of_scope, s.out_of_scope_accuracy
        )
    };
    line(out, "all", &report.all)?;
    for (lang, s) in &report.by_lang {
        line(out, lang.as_str(), s)?;
    }
    writeln!(out, "verdict    cases  first hit right  (out of scope)")?;
    for (verdict, row) in report.reliability.iter().rev() {
        writeln!(
            out,
            "{:<9} {:>6}  {:>6} = {:.3}   ({})",
            verdict.as_str(),
            row.cases,
            row.right,
            row.share_right(),
            row.out_of_scope
        )?;
    }
    writeln!(
        out,
        "latency p50 {:.3} ms, p99 {:.3} ms over {cases} queries",
        report.latency_ms_p50, report.latency_ms_p99
    )?;
    for m in &report.misses {
        writeln!(
            out,
            "miss [{}] {:?} expect {:?} got {:?} ({})",
            m.lang,
            m.query,
            m.expect,
            m.got,
            m.verdict.as_str()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Hit, Snippet};

    fn case(expect: &[&str]) -> Case {
        Case {
            query: "q".into(),
            lang: Lang::En,
            expect: expect.iter().map(|s| s.to_string()).collect(),
            source: None,
        }
    }

    fn result(verdict: Verdict, ids: &[&str]) -> SearchResult {
        let hit = |id: &&str| Hit {
            id: id.to_string(),
            lang: Lang::En,
            page: "p".into(),
            title: "t".into(),
            breadcrumb: vec![],
            url: None,
            score: 1.0,
            confidence: verdict,
            matched: vec![],
            snippet: Some(Snippet { text: String::new(), highlights: vec![] }),
            commands: vec![],
            text_pending: false,
            other_lang: false,
            signals: Default::default(),
            codes: vec![],
            sources: vec![],
            fixed_in: None,
        };
        SearchResult { verdict, hits: ids.iter().map(hit).collect() }
    }

    #[test]
    fn ranks_scores_and_the_gate() {
        let cases = [case(&["a"]), case(&["b"]), case(&["c"]), case(&[])];
        let results = [
            result(Verdict::Strong, &["a", "x"]),
            result(Verdict::Possible, &["x", "y", "b"]),
            // Right first hit, hidden by the gate: counts for the ranking only.
            result(Verdict::None, &["c"]),
            result(Verdict::Possible, &["z"]),
        ];
        let s = score(cases.iter().zip(&results));
        assert_eq!(s.in_scope, 3);
        assert!((s.top1 - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.top3 - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.mrr - (1.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
        assert!((s.ranking_top1 - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.out_of_scope, 1);
        assert_eq!(s.out_of_scope_accuracy, 0.0);
    }

    #[test]
    fn reliability_counts_right_first_hits_per_verdict() {
        let cases = [case(&["a"]), case(&["b"]), case(&[]), case(&[])];
        let results = [
            result(Verdict::Strong, &["a"]),
            result(Verdict::Strong, &["x"]),
            result(Verdict::Strong, &["y"]),
            result(Verdict::None, &["z"]),
        ];
        let table = reliability(cases.iter().zip(&results));
        let strong = &table[&Verdict::Strong];
        assert_eq!((strong.cases, strong.right, strong.out_of_scope), (3, 1, 1));
        let none = &table[&Verdict::None];
        assert_eq!((none.cases, none.right, none.out_of_scope), (1, 1, 1));
        assert!(!table.contains_key(&Verdict::Possible));
    }

    #[test]
    fn the_split_is_fixed_by_the_text_and_near_six_tenths() {
        let cases: Vec<Case> =
            (0..1000).map(|i| Case { query: format!("paste {i}"), ..case(&["a"]) }).collect();
        let train = cases.iter().filter(|c| Split::of(c) == Split::Train).count();
        assert!((540..=660).contains(&train), "{train}");
        assert_eq!(Split::of(&cases[7]), Split::of(&cases[7].clone()));
    }

    #[test]
    fn a_broken_line_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cases.jsonl");
        std::fs::write(&file, "{\"query\":\"a\",\"lang\":\"en\",\"expect\":[]}\n\n{\"query\":\n").unwrap();
        let err = read_cases(&file).unwrap_err();
        assert!(err.contains("cases.jsonl:3:"), "{err}");
    }
}
