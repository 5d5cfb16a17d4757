//! The `fixfind` command line: build, search, sections, topics, check, eval.
//!
//! Output for people goes to stdout, coloured only on a terminal and never when
//! `NO_COLOR` is set; `--json` output is stable for scripts. Exit codes:
//! 0 found (or success), 1 no confident match (or content errors for `check`), 2 error
//! (unreadable index, broken content, bad arguments).

use clap::{Parser, Subcommand};
use fixfind::engine::{Engine, Verdict};
use fixfind::eval;
use fixfind::fill;
use fixfind::index::{self, DEFAULT_BUNDLE};
use fixfind::parse::{self, Severity};
use fixfind::section::Lang;
use serde::Serialize;

mod printer;
use printer::{Style, print_result};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

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
const STDIN_TAIL_BYTES: usize = fixfind::analyze::normalize::MAX_INPUT_BYTES;

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
    /// Print the topic registry (markdown) of content folders: `fixfind topics > content/TOPICS.md`.
    Topics {
        #[arg(long = "content", default_value = "content")]
        content: Vec<PathBuf>,
    },
    /// Lint content: front matter, duplicate ids, fences, empty sections, missing translations.
    Check {
        #[arg(long = "content", default_value = "content")]
        content: Vec<PathBuf>,
    },
    /// Measure answer quality over JSONL files of {"query", "lang", "expect": [ids]}.
    Eval {
        #[arg(long, default_value = DEFAULT_BUNDLE)]
        index: PathBuf,
        #[arg(long)]
        json: bool,
        /// Only the cases of one half of the mined cases (fixed by each case's text).
        #[arg(long)]
        split: Option<eval::Split>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
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
        Command::Topics { content } => topics(&content, &style),
        Command::Check { content } => check(&content, &style),
        Command::Eval { index, json, split, files } => eval(&index, json, split, &files),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "{}fixfind: {message}{}", style.red, style.reset);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The bundle at `path` with all its text (the chunks beside it).
fn open(path: &Path) -> Result<Engine, String> {
    index::disk::open(path)
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
    let built = index::write::build_for(&content.sections, out)?;
    let written =
        index::disk::write_built(out, &built).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
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
    let text_raw: usize = built.chunks.iter().map(|(_, b)| b.len()).sum();
    let parts_raw: usize = built.parts.iter().map(|(_, b)| b.len()).sum();
    say!(
        "{}wrote {} ({} bytes gzip, {} raw), {} index parts ({} bytes gzip, {parts_raw} raw) and {} text chunks ({} bytes gzip, {text_raw} raw) in {} ms{}",
        style.green,
        out.display(),
        written.bundle,
        built.bundle.len(),
        built.parts.len(),
        written.parts,
        written.chunk_files,
        written.chunks,
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
    let verdict = result.verdict;
    if json {
        // Scripts get every hit the engine returned, each with its own confidence.
        say!("{}", serde_json::to_string_pretty(&result).expect("results serialise"));
    } else {
        let _ = print_result(result, lang, &fill::facts(&query), style, &mut std::io::stdout().lock());
    }
    Ok(if verdict == Verdict::None { ExitCode::from(EXIT_NO_MATCH) } else { ExitCode::SUCCESS })
}

#[derive(Serialize)]
struct SectionRow<'a> {
    id: &'a str,
    lang: Lang,
    page: &'a str,
    title: &'a str,
    commands: usize,
    codes: &'a [u32],
    sources: &'a [fixfind::section::Source],
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_in: Option<&'a str>,
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
            codes: &s.codes,
            sources: &s.sources,
            fixed_in: s.fixed_in.as_deref(),
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

fn topics(dirs: &[PathBuf], style: &Style) -> Result<ExitCode, String> {
    let content = parse::load(dirs);
    if content.has_errors() {
        print_diagnostics(&content, style);
        return Err(format!("{} error(s) in content; run `fixfind check`", content.errors().count()));
    }
    let _ = std::io::stdout().lock().write_all(parse::registry::markdown(&content.sections).as_bytes());
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

fn eval(index: &Path, json: bool, split: Option<eval::Split>, files: &[PathBuf]) -> Result<ExitCode, String> {
    let engine = open(index)?;
    let cases = eval::read_all(files, split)?;
    let report = eval::run(&engine, &cases);
    if json {
        say!("{}", serde_json::to_string_pretty(&report).expect("report serialises"));
    } else {
        let _ = eval::print(&report, cases.len(), &mut std::io::stdout().lock());
    }
    Ok(ExitCode::SUCCESS)
}
