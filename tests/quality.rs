//! Answer quality over the evaluation cases (a copy of the shared dev set, plus our own),
//! held to the floors the project committed to.

mod common;

use fixfind::Lang;
use fixfind::cli::{Case, read_cases, score};

fn cases() -> Vec<Case> {
    read_cases(&common::root().join("tests/eval/dev.jsonl")).unwrap()
}

#[test]
fn dev_set_floors() {
    let engine = common::engine_of("content");
    let cases = cases();
    let results: Vec<_> = cases.iter().map(|c| engine.search(&c.query, c.lang, 10)).collect();
    let all = score(cases.iter().zip(&results));
    let by = |lang| score(cases.iter().zip(&results).filter(|(c, _)| c.lang == lang));
    let (en, zh) = (by(Lang::En), by(Lang::Zh));
    eprintln!(
        "all top1 {:.3} top3 {:.3} mrr {:.3} oos {:.3}",
        all.top1, all.top3, all.mrr, all.out_of_scope_accuracy
    );
    eprintln!("en top1 {:.3} zh top1 {:.3}", en.top1, zh.top1);
    assert!(all.top1 >= 0.90, "top-1 {:.3}", all.top1);
    assert!(all.out_of_scope_accuracy >= 0.90, "out-of-scope {:.3}", all.out_of_scope_accuracy);
    assert!(zh.top1 >= en.top1 - 0.05, "zh {:.3} vs en {:.3}", zh.top1, en.top1);
}
