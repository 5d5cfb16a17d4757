//! Quality benchmark, step 2: the two tantivy engines over the same sections and cases.
//!
//! ```text
//! cargo run --example quality-baseline -- <out-dir>
//! ```
//!
//! Reads `<out>/cases.json` (written by `quality-export`), loads `content/` and writes
//! `<out>/runs/fixfind.json` and `<out>/runs/tantivy-default.json`, one entry per case in
//! the order of `cases.json`: the ranked section ids (at most 10) and whether the engine
//! answered "no result".
//!
//! - **fixfind**: the shipped engine, `Engine::open` over the bundle that
//!   `fixfind::index::write::build` makes from these sections (what `fixfind build` writes),
//!   searched with `engine.search(query, lang, 10)`. "No result" is verdict `none`.
//! - **tantivy-default**: a plain tantivy index over the same sections and the same text per
//!   field as fixfind (`title`; `body` = breadcrumb + text; `commands`), all three `TEXT`
//!   fields with tantivy's `default` tokenizer (SimpleTokenizer, RemoveLongFilter(40),
//!   LowerCaser). Both languages in one index, like fixfind. The query is the raw paste run
//!   through the same `default` tokenizer: one SHOULD `TermQuery` per distinct token and
//!   field (title, body, commands), no boosts, in one `BooleanQuery` — what `QueryParser`
//!   with OR semantics gives, minus its syntax (pasted `:` and `"` stay plain text). No
//!   normalisation, no confidence: "no result" only when nothing matches at all. Hits are
//!   deduplicated by section id (English and Chinese sections share ids), best first.

use fixfind::{Lang, Verdict};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TEXT, Value};
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, TantivyDocument, Term};

const LIMIT: usize = 10;

#[derive(Deserialize)]
struct Case {
    query: String,
    lang: Lang,
}

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "bench/out".into()));
    let cases: Vec<Case> =
        serde_json::from_str(&std::fs::read_to_string(out.join("cases.json")).expect("read cases.json"))
            .expect("parse cases.json");
    let content = fixfind::parse::load(&[bench_content()]);
    let sections = content.sections;
    std::fs::create_dir_all(out.join("runs")).expect("create runs dir");

    // 1. fixfind as shipped.
    let built = fixfind::index::write::build(&sections).expect("build the fixfind bundle");
    let engine = built.open().expect("open the fixfind bundle");
    let mut results = Vec::new();
    let started = Instant::now();
    for case in &cases {
        let r = engine.search(&case.query, case.lang, LIMIT);
        results.push(json!({
            "ids": r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>(),
            "none": r.verdict == Verdict::None,
            "verdict": r.verdict.as_str(),
        }));
    }
    let fixfind_ms = started.elapsed().as_secs_f64() * 1e3;
    save(&out.join("runs/fixfind.json"), "fixfind", fixfind_ms, results);

    // 2. The same sections in a plain tantivy index with the default tokenizer.
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", TEXT);
    let body = builder.add_text_field("body", TEXT);
    let commands = builder.add_text_field("commands", TEXT);
    let index = Index::create_in_ram(builder.build());
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 50_000_000).expect("writer");
    for s in &sections {
        let mut doc = TantivyDocument::default();
        doc.add_text(id, &s.id);
        doc.add_text(title, &s.title);
        doc.add_text(body, format!("{}\n{}", s.breadcrumb.join(" "), s.text));
        for c in &s.commands {
            doc.add_text(commands, &c.text);
        }
        writer.add_document(doc).expect("add document");
    }
    writer.commit().expect("commit");
    let searcher = index.reader().expect("reader").searcher();
    let mut tokenizer = index.tokenizers().get("default").expect("default tokenizer");

    let mut results = Vec::new();
    let started = Instant::now();
    for case in &cases {
        let mut tokens: Vec<String> = Vec::new();
        let mut stream = tokenizer.token_stream(&case.query);
        while stream.advance() {
            let t = stream.token().text.clone();
            if !tokens.contains(&t) {
                tokens.push(t);
            }
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = tokens
            .iter()
            .flat_map(|t| [title, body, commands].map(|f| (f, t.clone())))
            .map(|(f, t)| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(Term::from_field_text(f, &t), IndexRecordOption::WithFreqs));
                (Occur::Should, q)
            })
            .collect();
        let mut ids: Vec<String> = Vec::new();
        if !clauses.is_empty() {
            let top = searcher
                .search(&BooleanQuery::new(clauses), &TopDocs::with_limit(4 * LIMIT).order_by_score())
                .expect("search");
            let mut seen = HashSet::new();
            for (_, address) in top {
                let doc: TantivyDocument = searcher.doc(address).expect("stored doc");
                let sid = doc.get_first(id).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
                if seen.insert(sid.clone()) && ids.len() < LIMIT {
                    ids.push(sid);
                }
            }
        }
        results.push(json!({ "none": ids.is_empty(), "ids": ids }));
    }
    let baseline_ms = started.elapsed().as_secs_f64() * 1e3;
    save(&out.join("runs/tantivy-default.json"), "tantivy-default", baseline_ms, results);
    eprintln!(
        "quality-baseline: {} cases, {} sections; fixfind {fixfind_ms:.0} ms, tantivy-default {baseline_ms:.0} ms",
        cases.len(),
        sections.len()
    );
}

fn save(path: &Path, engine: &str, ms: f64, results: Vec<serde_json::Value>) {
    let doc = json!({ "engine": engine, "total_ms": ms, "results": results });
    std::fs::write(path, serde_json::to_string(&doc).expect("serialise")).expect("write run");
}

/// The knowledge base under test: `content/`, or `FIXFIND_BENCH_CONTENT` (the real Milvus
/// docs for the "your own docs" run of bench/quality.sh).
fn bench_content() -> PathBuf {
    PathBuf::from(std::env::var("FIXFIND_BENCH_CONTENT").unwrap_or_else(|_| "content".into()))
}
