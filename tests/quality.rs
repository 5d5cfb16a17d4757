//! Answer quality over the evaluation cases, held to the floors the project committed to:
//! the shared dev set (a copy in tests/eval/dev.jsonl) and our own harder cases
//! (tests/eval/extra.jsonl: Chinese descriptions, tracebacks, event dumps, Go log lines).

mod common;

use fixfind::Lang;
use fixfind::cli::{Scores, read_cases, score};

fn scores(file: &str) -> (Scores, Scores, Scores) {
    let engine = common::engine_of("content");
    let cases = read_cases(&common::root().join(file)).unwrap();
    let results: Vec<_> = cases.iter().map(|c| engine.search(&c.query, c.lang, 10)).collect();
    let by = |lang| score(cases.iter().zip(&results).filter(|(c, _)| c.lang == lang));
    let all = score(cases.iter().zip(&results));
    eprintln!(
        "{file}: top-1 {:.3} top-3 {:.3} MRR {:.3} out-of-scope {:.3}",
        all.top1, all.top3, all.mrr, all.out_of_scope_accuracy
    );
    (all, by(Lang::En), by(Lang::Zh))
}

#[test]
fn dev_set_floors() {
    let (all, en, zh) = scores("tests/eval/dev.jsonl");
    assert!(all.top1 >= 0.90, "top-1 {:.3}", all.top1);
    assert!(all.top3 >= 0.95, "top-3 {:.3}", all.top3);
    assert!(all.out_of_scope_accuracy >= 0.90, "out-of-scope {:.3}", all.out_of_scope_accuracy);
    assert!(zh.top1 >= en.top1 - 0.05, "zh {:.3} vs en {:.3}", zh.top1, en.top1);
}

#[test]
fn extra_cases_floors() {
    let (all, en, zh) = scores("tests/eval/extra.jsonl");
    assert!(all.top1 >= 0.80, "top-1 {:.3}", all.top1);
    assert!(all.top3 >= 0.85, "top-3 {:.3}", all.top3);
    assert!(all.out_of_scope_accuracy >= 0.75, "out-of-scope {:.3}", all.out_of_scope_accuracy);
    assert!(zh.top1 >= en.top1 - 0.10, "zh {:.3} vs en {:.3}", zh.top1, en.top1);
}
