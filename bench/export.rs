//! Quality benchmark, step 1: export the knowledge base and the cases for the JavaScript
//! engines (MiniSearch, Pagefind).
//!
//! ```text
//! cargo run --example quality-export -- <out-dir> <cases.jsonl>...
//! ```
//!
//! Writes, from the same `content/` the shipped bundle is built from:
//! - `<out>/sections.json`: every section (id, page, lang, title, breadcrumb, text, commands);
//! - `<out>/cases.json`: the cases of each file, tagged with the file's stem (`dev`, `extra`);
//! - `<out>/site/<lang>/<page>.html`: one HTML page per knowledge-base page and language, the
//!   page title as `<h1>`, each section as `<hN id="section-id">` (N from its depth) followed
//!   by its text as paragraphs and its commands as `<pre><code>`, so a Pagefind sub-result
//!   anchor is a section id.

use fixfind::Section;
use fixfind::eval::read_cases;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: quality-export <out-dir> <cases.jsonl>...");
        std::process::exit(2);
    }
    let out = PathBuf::from(&args[0]);
    let content = fixfind::parse::load(&[bench_content()]);
    if content.has_errors() || content.sections.is_empty() {
        eprintln!("quality-export: content/ has errors or no sections");
        std::process::exit(2);
    }
    let sections = &content.sections;
    std::fs::create_dir_all(&out).expect("create out dir");
    write(&out.join("sections.json"), &serde_json::to_string(sections).expect("sections serialise"));

    let mut cases = Vec::new();
    for file in &args[1..] {
        let path = Path::new(file);
        let set = path.file_stem().and_then(|s| s.to_str()).unwrap_or("cases").to_owned();
        let read = read_cases(path).unwrap_or_else(|e| {
            eprintln!("quality-export: {e}");
            std::process::exit(2);
        });
        for (n, case) in read.iter().enumerate() {
            cases.push(json!({
                "set": set, "n": n, "query": case.query, "lang": case.lang, "expect": case.expect,
            }));
        }
    }
    write(&out.join("cases.json"), &serde_json::to_string(&cases).expect("cases serialise"));

    // One HTML page per (language, page), sections in content order.
    let mut pages: BTreeMap<(String, String), Vec<&Section>> = BTreeMap::new();
    for s in sections {
        pages.entry((s.lang.as_str().to_owned(), s.page.clone())).or_default().push(s);
    }
    for ((lang, page), list) in &pages {
        let dir = out.join("site").join(lang);
        std::fs::create_dir_all(&dir).expect("create site dir");
        write(&dir.join(format!("{page}.html")), &page_html(lang, list));
    }
    eprintln!(
        "quality-export: {} sections, {} cases, {} pages -> {}",
        sections.len(),
        cases.len(),
        pages.len(),
        out.display()
    );
}

fn page_html(lang: &str, sections: &[&Section]) -> String {
    let page_title = sections[0].breadcrumb.first().cloned().unwrap_or_else(|| sections[0].page.clone());
    let html_lang = if lang == "zh" { "zh-cn" } else { "en" };
    let mut html = format!(
        "<!doctype html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        escape(&page_title),
        escape(&page_title)
    );
    for s in sections {
        let level = (s.breadcrumb.len() + 1).clamp(2, 6);
        html.push_str(&format!("<h{level} id=\"{}\">{}</h{level}>\n", escape(&s.id), escape(&s.title)));
        for para in s.text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            html.push_str(&format!("<p>{}</p>\n", escape(para)));
        }
        for c in &s.commands {
            html.push_str(&format!("<pre><code>{}</code></pre>\n", escape(&c.text)));
        }
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| {
        eprintln!("quality-export: cannot write {}: {e}", path.display());
        std::process::exit(2);
    });
}

/// The knowledge base under test: `content/`, or `FIXFIND_BENCH_CONTENT` (the real Milvus
/// docs for the "your own docs" run of bench/quality.sh).
fn bench_content() -> PathBuf {
    PathBuf::from(std::env::var("FIXFIND_BENCH_CONTENT").unwrap_or_else(|_| "content".into()))
}
