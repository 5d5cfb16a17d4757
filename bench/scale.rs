//! Scale curve (issue 15): how the bundle, `Engine::open` and queries grow with the number
//! of sections.
//!
//! ```text
//! cargo run --release --example scale -- [SIZES...]     # default 434 1000 5000 20000
//! ```
//!
//! The sections are the shipped knowledge base (`content/`) and, when present, the real
//! Milvus docs (`FIXFIND_REAL_DOCS`, default `../shared/corpus/milvus-docs`), cycled up to
//! each size. A copy is not a duplicate: each gets its own id, and one word in
//! [`REWRITE_EVERY`] of its title and text is replaced by a word of its own, so the
//! vocabulary grows with the sections as it does in real runbooks (a pure copy would keep
//! the term dictionary at its first size and flatter the curve).
//!
//! Queries are every mined case (`tests/eval/mined/*.jsonl`): the real pastes, short and
//! long, English and Chinese. Each size reports the raw and gzip bundle bytes, the build
//! and open times, and query p50 / p99 / max over all cases, timed one by one after one
//! warm-up pass. Release profile, native: the browser runs the same code as wasm, which
//! `bench/speed.sh` measures at the shipped size.

use fixfind::section::Section;
use fixfind::{Engine, Lang};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DEFAULT_SIZES: [usize; 4] = [434, 1_000, 5_000, 20_000];
/// In a copy, every this many words one becomes a word of that copy alone.
const REWRITE_EVERY: usize = 10;
/// Hits asked per query, as the app asks.
const LIMIT: usize = 8;

#[derive(Deserialize)]
struct Case {
    query: String,
    lang: Lang,
}

fn main() {
    let sizes: Vec<usize> = {
        let given: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
        if given.is_empty() { DEFAULT_SIZES.to_vec() } else { given }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("content")];
    let docs = std::env::var_os("FIXFIND_REAL_DOCS")
        .map_or_else(|| root.join("../shared/corpus/milvus-docs"), PathBuf::from);
    if docs.is_dir() {
        dirs.push(docs);
    }
    let seed: Vec<Section> =
        dirs.iter().flat_map(|d| fixfind::parse::load(std::slice::from_ref(d)).sections).collect();
    let cases = mined_cases(&root.join("tests/eval/mined"));
    eprintln!("{} seed sections from {} folder(s), {} queries", seed.len(), dirs.len(), cases.len());

    println!(
        "| sections | bundle raw | bundle gzip | index parts gzip | text chunks gzip | build | open and attach the parts | attach all text | query p50 | query p99 | query max |"
    );
    println!("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for size in sizes {
        let sections = grow(&seed, size);
        let started = Instant::now();
        let built = fixfind::index::write::build(&sections).expect("build the bundle");
        let build = started.elapsed();
        let bundle = &built.bundle;
        let gzip = fixfind::index::disk::compress(bundle).len();
        let text_gzip: usize =
            built.chunks.iter().map(|(_, b)| fixfind::index::disk::compress(b).len()).sum();
        let parts_gzip: usize =
            built.parts.iter().map(|(_, b)| fixfind::index::disk::compress(b).len()).sum();
        let started = Instant::now();
        let mut engine = Engine::open(bundle).expect("open the bundle");
        for (name, bytes) in &built.parts {
            engine.attach_part(name, bytes).expect("attach a part");
        }
        let open = started.elapsed();
        let started = Instant::now();
        for (name, bytes) in &built.chunks {
            engine.attach(name, bytes).expect("attach a chunk");
        }
        let attach = started.elapsed();
        for case in &cases {
            std::hint::black_box(engine.search(&case.query, case.lang, LIMIT));
        }
        let mut times: Vec<Duration> = cases
            .iter()
            .map(|case| {
                let started = Instant::now();
                std::hint::black_box(engine.search(&case.query, case.lang, LIMIT));
                started.elapsed()
            })
            .collect();
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!(
            "| {} | {} KB | {} KB | {} KB | {} KB | {} ms | {:.1} ms | {:.1} ms | {:.2} ms | {:.2} ms | {:.2} ms |",
            sections.len(),
            bundle.len() / 1024,
            gzip / 1024,
            parts_gzip / 1024,
            text_gzip / 1024,
            build.as_millis(),
            ms(open),
            ms(attach),
            ms(at(0.5)),
            ms(at(0.99)),
            ms(*times.last().unwrap()),
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `size` sections: the seed first, then copies of it, each made its own. Ids stay unique
/// per language (the two seed folders may share an anchor).
fn grow(seed: &[Section], size: usize) -> Vec<Section> {
    let mut seen = HashSet::new();
    (0..size)
        .map(|k| {
            let original = &seed[k % seed.len()];
            let copy = k / seed.len();
            let mut section = original.clone();
            if copy > 0 {
                section.title = rewrite(&original.title, k);
                section.text = rewrite(&original.text, k);
                section.id = format!("{}-{copy}", original.id);
            }
            if !seen.insert((section.lang, section.id.clone())) {
                section.id = format!("{}-k{k}", section.id);
            }
            section
        })
        .collect()
}

/// `text` with every [`REWRITE_EVERY`]th word replaced by a word unique to copy `k`.
fn rewrite(text: &str, k: usize) -> String {
    text.split_whitespace()
        .enumerate()
        .map(|(i, w)| if i % REWRITE_EVERY == REWRITE_EVERY - 1 { format!("w{k}x{i}") } else { w.to_owned() })
        .collect::<Vec<_>>()
        .join(" ")
}

fn mined_cases(dir: &Path) -> Vec<Case> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("tests/eval/mined").map(|e| e.expect("a case file").path()).collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .expect("read a case file")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str::<Case>(l).expect("a case"))
                .collect::<Vec<_>>()
        })
        .collect()
}
