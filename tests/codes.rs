//! Milvus error codes: every code Milvus returns is claimed by a section of the shipped
//! knowledge base, and a paste carrying the code finds that section first.
//! `tests/fixtures/milvus-error-codes.tsv` lists the codes (facts from Milvus's
//! `pkg/util/merr/errors.go`).

mod common;

use fixfind::engine::GENERIC_CODES;
use fixfind::{Lang, Verdict};

fn codes() -> Vec<(u32, String)> {
    let tsv = std::fs::read_to_string(common::root().join("tests/fixtures/milvus-error-codes.tsv")).unwrap();
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (code, message) = l.split_once('\t').expect("code<TAB>message");
            (code.parse().expect("numeric code"), message.to_owned())
        })
        .collect()
}

#[test]
fn every_code_is_claimed_in_both_languages() {
    let engine = common::engine_of("content");
    let mut unclaimed = Vec::new();
    for (code, message) in codes() {
        for lang in Lang::ALL {
            if !engine.sections().iter().any(|s| s.lang == lang && s.codes.contains(&code)) {
                unclaimed.push(format!("{code} ({message}) in {lang}"));
            }
        }
    }
    assert!(unclaimed.is_empty(), "codes no section claims: {unclaimed:#?}");
}

#[test]
fn a_client_error_with_its_code_finds_the_section_claiming_it() {
    let engine = common::engine_of("content");
    let mut wrong = Vec::new();
    for (code, message) in codes() {
        let paste = format!("<MilvusException: (code={code}, message={message})>");
        for lang in Lang::ALL {
            let result = engine.search(&paste, lang, 5);
            let first = result.hits.first();
            if result.verdict == Verdict::None || !first.is_some_and(|h| h.codes.contains(&code)) {
                wrong.push(format!(
                    "{paste} [{lang}] → {:?} ({})",
                    first.map(|h| &h.id),
                    result.verdict.as_str()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {} pastes miss:\n{}", wrong.len(), 2 * codes().len(), wrong.join("\n"));
}

#[test]
fn the_wrapped_message_outranks_a_generic_code() {
    let engine = common::engine_of("content");
    let paste = "<MilvusException: (code=65535, message=etcdserver: mvcc: database space exceeded)>";
    let result = engine.search(paste, Lang::En, 5);
    assert_eq!(result.hits[0].id, "etcd-database-space-exceeded", "{:?}", result.hits);
    let generic = result.hits.iter().position(|h| h.codes.iter().any(|c| GENERIC_CODES.contains(c)));
    assert!(generic.is_none_or(|rank| rank > 0));
}

#[test]
fn the_code_wins_over_the_wrapper_words() {
    // `MilvusException`, `code`, `message` are in every client error: they must not pull
    // in a section about something else.
    let engine = common::engine_of("content");
    for lang in Lang::ALL {
        let result =
            engine.search("<MilvusException: (code=1401, message=privilege not permitted)>", lang, 5);
        assert!(result.hits[0].codes.contains(&1401), "{:?}", result.hits[0].id);
        assert_eq!(result.verdict, Verdict::Strong);
    }
}
