//! The `fixfind` command line: build, search, sections, check, eval.
//!
//! Output for people goes to stdout, coloured only on a terminal and never when
//! `NO_COLOR` is set; `--json` output is stable for scripts. Exit codes:
//! 0 found (or success), 1 no confident match (or content/eval failure), 2 error.

use crate::engine::{Engine, SearchResult, Verdict};
use crate::fill;
use crate::index::{self, DEFAULT_BUNDLE};
use crate::parse::{self, Severity};
use crate::section::Lang;
use clap::{Parser, Subcommand};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Prints a line to stdout. A closed pipe (`fixfind search … | head`) ends the output
/// quietly instead of panicking as `println!` does.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Exit code when nothing answers the query with confidence.
const EXIT_NO_MATCH: u8 = 1;
/// Exit code for errors: unreadable index, broken content, bad arguments.
const EXIT_ERROR: u8 = 2;
/// From a long stream on stdin only the last bytes are kept: logs end in their error.
const STDIN_TAIL_BYTES: usize = crate::analyze::normalize::MAX_INPUT_BYTES;

#[derive(Parser)]
#[command(
    name = "fixfind",
    version,
    about = "Paste an error, get the fix: offline Milvus troubleshooting search"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse content folders into a search index bundle.
    Build {
        /// Content folder (with `en/`, `zh/` subfolders); repeat to merge several.
        #[arg(long = "content", default_value = "content")]
        content: Vec<PathBuf>,
        /// Where to write the bundle.
        #[arg(long, default_value = DEFAULT_BUNDLE)]
        out: PathBuf,
    },
    /// Find the sections that explain an error message, log or symptom.
    Search {
        #[arg(long, default_value = DEFAULT_BUNDLE)]
        index: PathBuf,
        /// Language to show results in.
        #[arg(long, default_value = "en")]
        lang: Lang,
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Print JSON: {"verdict", "hits": [...]}.
        #[arg(long)]
        json: bool,
        /// The query; `-` or nothing reads stdin (`kubectl logs pod | fixfind search -`).
        query: Vec<String>,
    },
    /// List every section in a bundle.
    Sections {
        #[arg(long, default_value = DEFAULT_BUNDLE)]
        index: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Lint content: front matter, duplicate ids, fences, empty sections, missing translations.
    Check {
        #[arg(long = "content", default_value = "content")]
        content: Vec<PathBuf>,
    },
    /// Measure answer quality over a JSONL file of {"query", "lang", "expect": [ids]}.
    Eval {
        #[arg(long, default_value = DEFAULT_BUNDLE)]
        index: PathBuf,
        #[arg(long)]
        json: bool,
        file: PathBuf,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = Style::detect();
    let result = match cli.command {
        Command::Build { content, out } => build(&content, &out, &style),
        Command::Search { index, lang, limit, json, query } => {
            search(&index, lang, limit, json, &query, &style)
        }
        Command::Sections { index, json } => sections(&index, json),
        Command::Check { content } => check(&content, &style),
        Command::Eval { index, json, file } => eval(&index, json, &file),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "{}fixfind: {message}{}", style.red, style.reset);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// ANSI styles, empty when colour is off.
struct Style {
    bold: &'static str,
    dim: &'static str,
    red: &'static str,
    green: &'static str,
    yellow: &'static str,
    cyan: &'static str,
    reset: &'static str,
}

impl Style {
    fn detect() -> Style {
        let colour =
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        if colour {
            Style {
                bold: "\x1b[1m",
                dim: "\x1b[2m",
                red: "\x1b[31m",
                green: "\x1b[32m",
                yellow: "\x1b[33m",
                cyan: "\x1b[36m",
                reset: "\x1b[0m",
            }
        } else {
            Style { bold: "", dim: "", red: "", green: "", yellow: "", cyan: "", reset: "" }
        }
    }
}

fn open(path: &Path) -> Result<Engine, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read index {}: {e}; build it with `fixfind build`", path.display()))?;
    Engine::open(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn print_diagnostics(content: &parse::Content, style: &Style) {
    let mut stderr = std::io::stderr().lock();
    for d in &content.diagnostics {
        let colour = if d.severity == Severity::Error { style.red } else { style.yellow };
        let _ = writeln!(stderr, "{colour}{d}{}", style.reset);
    }
}

fn build(dirs: &[PathBuf], out: &Path, style: &Style) -> Result<ExitCode, String> {
    let started = Instant::now();
    let content = parse::load(dirs);
    print_diagnostics(&content, style);
    if content.has_errors() {
        return Err(format!(
            "{} error(s) in content; nothing written, {} left as it was",
            content.errors().count(),
            out.display()
        ));
    }
    if content.sections.is_empty() {
        return Err("no sections found in the content folders; nothing written".into());
    }
    let bytes = index::write::build(&content.sections)?;
    index::write::write_atomically(out, &bytes)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let mut per_lang: BTreeMap<Lang, (std::collections::BTreeSet<&str>, usize, usize)> = BTreeMap::new();
    for s in &content.sections {
        let entry = per_lang.entry(s.lang).or_default();
        entry.0.insert(&s.page);
        entry.1 += 1;
        entry.2 += s.commands.len();
    }
    for (lang, (pages, sections, commands)) in &per_lang {
        say!("{lang}: {} pages, {sections} sections, {commands} commands", pages.len());
    }
    say!(
        "{}wrote {} ({} bytes) in {} ms{}",
        style.green,
        out.display(),
        bytes.len(),
        started.elapsed().as_millis(),
        style.reset
    );
    Ok(ExitCode::SUCCESS)
}

fn read_stdin_tail() -> Result<String, String> {
    let mut stdin = std::io::stdin().lock();
    let mut kept: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = stdin.read(&mut chunk).map_err(|e| format!("cannot read stdin: {e}"))?;
        if n == 0 {
            break;
        }
        kept.extend_from_slice(&chunk[..n]);
        if kept.len() > 2 * STDIN_TAIL_BYTES {
            kept.drain(..kept.len() - STDIN_TAIL_BYTES);
        }
    }
    if kept.len() > STDIN_TAIL_BYTES {
        kept.drain(..kept.len() - STDIN_TAIL_BYTES);
    }
    // Invalid UTF-8 (binary junk, a cut multi-byte character) is replaced, not fatal.
    Ok(String::from_utf8_lossy(&kept).into_owned())
}

fn search(
    index: &Path,
    lang: Lang,
    limit: usize,
    json: bool,
    query: &[String],
    style: &Style,
) -> Result<ExitCode, String> {
    let query = match query {
        [] => read_stdin_tail()?,
        [dash] if dash == "-" => read_stdin_tail()?,
        words => words.join(" "),
    };
    let engine = open(index)?;
    let result = engine.search(&query, lang, limit);
    if json {
        say!("{}", serde_json::to_string_pretty(&result).expect("results serialise"));
    } else {
        print_result(&result, &fill::facts(&query), style);
    }
    Ok(if result.verdict == Verdict::None { ExitCode::from(EXIT_NO_MATCH) } else { ExitCode::SUCCESS })
}

fn print_result(result: &SearchResult, facts: &fill::Facts, style: &Style) {
    let mut out = std::io::stdout().lock();
    if result.verdict == Verdict::None {
        let _ = writeln!(out, "{}No confident match.{}", style.yellow, style.reset);
        if !result.hits.is_empty() {
            let _ = writeln!(out, "{}Closest sections:{}", style.dim, style.reset);
        }
    }
    for (rank, hit) in result.hits.iter().enumerate() {
        let badge = match hit.confidence {
            Verdict::Strong => format!("{}strong{}", style.green, style.reset),
            Verdict::Possible => format!("{}possible{}", style.yellow, style.reset),
            Verdict::None => format!("{}weak{}", style.dim, style.reset),
        };
        let _ = writeln!(
            out,
            "\n{}{}. {}{} [{badge}] {}#{}{}",
            style.bold,
            rank + 1,
            hit.title,
            style.reset,
            style.dim,
            hit.id,
            style.reset
        );
        if !hit.breadcrumb.is_empty() {
            let _ = writeln!(out, "   {}{}{}", style.dim, hit.breadcrumb.join(" › "), style.reset);
        }
        if !hit.matched.is_empty() {
            let _ = writeln!(out, "   why: {}", hit.matched.join(", "));
        }
        if let Some(url) = &hit.url {
            let _ = writeln!(out, "   {}{url}{}", style.cyan, style.reset);
        }
        // The first hit gets its commands; the others are alternatives to look at.
        if rank == 0 {
            for command in &hit.commands {
                if let Some(note) = &command.note {
                    let _ = writeln!(out, "   {}# {note}{}", style.dim, style.reset);
                }
                let filled = fill::fill(&command.text, facts);
                for line in filled.as_deref().unwrap_or(&command.text).lines() {
                    let _ = writeln!(out, "   {}{line}{}", style.cyan, style.reset);
                }
                if filled.is_some() {
                    let _ = writeln!(
                        out,
                        "   {}(filled from your paste; original: {}){}",
                        style.dim, command.text, style.reset
                    );
                }
            }
        }
    }
}

#[derive(Serialize)]
struct SectionRow<'a> {
    id: &'a str,
    lang: Lang,
    page: &'a str,
    title: &'a str,
    commands: usize,
}

fn sections(index: &Path, json: bool) -> Result<ExitCode, String> {
    let engine = open(index)?;
    let rows: Vec<SectionRow> = engine
        .sections()
        .iter()
        .map(|s| SectionRow {
            id: &s.id,
            lang: s.lang,
            page: &s.page,
            title: &s.title,
            commands: s.commands.len(),
        })
        .collect();
    if json {
        say!("{}", serde_json::to_string_pretty(&rows).expect("rows serialise"));
    } else {
        for r in rows {
            say!("{}\t{}\t{}\t{}\t{}", r.lang, r.page, r.id, r.commands, r.title);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(dirs: &[PathBuf], style: &Style) -> Result<ExitCode, String> {
    let content = parse::load(dirs);
    print_diagnostics(&content, style);
    let errors = content.errors().count();
    let warnings = content.diagnostics.len() - errors;
    say!(
        "{} pages, {} sections: {errors} error(s), {warnings} warning(s)",
        content.pages,
        content.sections.len()
    );
    Ok(if errors > 0 { ExitCode::from(EXIT_NO_MATCH) } else { ExitCode::SUCCESS })
}

/// One evaluation case.
#[derive(Deserialize)]
pub struct Case {
    pub query: String,
    pub lang: Lang,
    pub expect: Vec<String>,
}

/// Quality figures for one group of cases.
#[derive(Default, Serialize)]
pub struct Scores {
    pub in_scope: usize,
    pub top1: f64,
    pub top3: f64,
    pub mrr: f64,
    pub out_of_scope: usize,
    pub out_of_scope_accuracy: f64,
}

#[derive(Serialize)]
struct Miss {
    query: String,
    lang: Lang,
    expect: Vec<String>,
    verdict: Verdict,
    got: Vec<String>,
}

#[derive(Serialize)]
struct EvalReport {
    all: Scores,
    by_lang: BTreeMap<Lang, Scores>,
    latency_ms_p50: f64,
    latency_ms_p99: f64,
    misses: Vec<Miss>,
}

/// The rank (1-based) at which a case is answered, `None` when it is not; out-of-scope
/// cases are answered by verdict `none`.
pub fn rank_of(case: &Case, result: &SearchResult) -> Option<usize> {
    if result.verdict == Verdict::None {
        return None;
    }
    result.hits.iter().position(|h| case.expect.contains(&h.id)).map(|p| p + 1)
}

/// Scores a set of (case, result) pairs.
pub fn score<'a>(pairs: impl Iterator<Item = (&'a Case, &'a SearchResult)>) -> Scores {
    let mut s = Scores::default();
    let (mut top1, mut top3, mut rr, mut oos_right) = (0usize, 0usize, 0f64, 0usize);
    for (case, result) in pairs {
        if case.expect.is_empty() {
            s.out_of_scope += 1;
            oos_right += usize::from(result.verdict == Verdict::None);
        } else {
            s.in_scope += 1;
            if let Some(rank) = rank_of(case, result) {
                top1 += usize::from(rank == 1);
                top3 += usize::from(rank <= 3);
                rr += 1.0 / rank as f64;
            }
        }
    }
    let ratio = |n: f64, d: usize| if d == 0 { 0.0 } else { n / d as f64 };
    s.top1 = ratio(top1 as f64, s.in_scope);
    s.top3 = ratio(top3 as f64, s.in_scope);
    s.mrr = ratio(rr, s.in_scope);
    s.out_of_scope_accuracy = ratio(oos_right as f64, s.out_of_scope);
    s
}

pub fn read_cases(file: &Path) -> Result<Vec<Case>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", file.display(), n + 1)))
        .collect()
}

fn eval(index: &Path, json: bool, file: &Path) -> Result<ExitCode, String> {
    let engine = open(index)?;
    let cases = read_cases(file)?;
    let mut results = Vec::with_capacity(cases.len());
    let mut latencies: Vec<Duration> = Vec::with_capacity(cases.len());
    for case in &cases {
        let started = Instant::now();
        results.push(engine.search(&case.query, case.lang, 10));
        latencies.push(started.elapsed());
    }
    latencies.sort();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * p).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    let by_lang = Lang::ALL
        .into_iter()
        .map(|lang| (lang, score(cases.iter().zip(&results).filter(|(c, _)| c.lang == lang))))
        .collect();
    let misses = cases
        .iter()
        .zip(&results)
        .filter(
            |(c, r)| if c.expect.is_empty() { r.verdict != Verdict::None } else { rank_of(c, r) != Some(1) },
        )
        .map(|(c, r)| Miss {
            query: c.query.chars().take(160).collect(),
            lang: c.lang,
            expect: c.expect.clone(),
            verdict: r.verdict,
            got: r.hits.iter().take(3).map(|h| h.id.clone()).collect(),
        })
        .collect();
    let report = EvalReport {
        all: score(cases.iter().zip(&results)),
        by_lang,
        latency_ms_p50: percentile(0.5),
        latency_ms_p99: percentile(0.99),
        misses,
    };
    if json {
        say!("{}", serde_json::to_string_pretty(&report).expect("report serialises"));
        return Ok(ExitCode::SUCCESS);
    }
    let line = |name: &str, s: &Scores| {
        say!(
            "{name:<4} in-scope {:>3}  top-1 {:.3}  top-3 {:.3}  MRR {:.3}  | out-of-scope {:>2}  accuracy {:.3}",
            s.in_scope,
            s.top1,
            s.top3,
            s.mrr,
            s.out_of_scope,
            s.out_of_scope_accuracy
        );
    };
    line("all", &report.all);
    for (lang, s) in &report.by_lang {
        line(lang.as_str(), s);
    }
    say!(
        "latency p50 {:.3} ms, p99 {:.3} ms over {} queries",
        report.latency_ms_p50,
        report.latency_ms_p99,
        cases.len()
    );
    for m in &report.misses {
        say!(
            "miss [{}] {:?} expect {:?} got {:?} ({})",
            m.lang,
            m.query,
            m.expect,
            m.got,
            m.verdict.as_str()
        );
    }
    Ok(ExitCode::SUCCESS)
}
