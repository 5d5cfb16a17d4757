//! The engine over the shipped knowledge base and over fixtures: matching, languages,
//! confidence, and hostile input.

mod common;

use fixfind::engine::is_shown;
use fixfind::index::{BundleError, FORMAT_VERSION};
use fixfind::{Engine, Lang, Verdict};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

static SHIPPED: LazyLock<Engine> = LazyLock::new(|| common::engine_of("content"));

const BAD_MEMBER: &str =
    r#"Error: bad member ID arg (strconv.ParseUint: parsing "": invalid syntax), expecting ID in Hex"#;

#[test]
fn bitnami_etcd_log_finds_the_seed_section() {
    let engine = common::engine_of("tests/fixtures/html");
    let paste = format!(
        "etcd 08:10:21.31 INFO  ==> Detected data from previous deployments\n\
         etcd 08:10:21.45 INFO  ==> Updating member in existing cluster\n{BAD_MEMBER}"
    );
    let result = engine.search(&paste, Lang::Zh, 5);
    assert_eq!(result.verdict, Verdict::Strong);
    assert_eq!(result.hits[0].id, "2-etcd-pod-crash");
}

#[test]
fn exact_error_wins_in_the_shipped_knowledge_base() {
    let result = SHIPPED.search(BAD_MEMBER, Lang::En, 5);
    assert_eq!(result.verdict, Verdict::Strong);
    assert_eq!(result.hits[0].id, "etcd-bad-member-id");
    let hit = &result.hits[0];
    assert_eq!(hit.lang, Lang::En);
    assert!(hit.other_lang);
    assert!(!hit.commands.is_empty());
    assert!(hit.matched.iter().any(|m| m.contains("parseuint")), "{:?}", hit.matched);
}

#[test]
fn english_error_in_the_chinese_ui_shows_the_chinese_section() {
    let result = SHIPPED.search("etcdserver: mvcc: database space exceeded", Lang::Zh, 3);
    assert_eq!(result.hits[0].id, "etcd-database-space-exceeded");
    assert_eq!(result.hits[0].lang, Lang::Zh);
}

#[test]
fn chinese_description_finds_its_section() {
    let result = SHIPPED.search("插入数据后马上查询，结果是空的", Lang::Zh, 3);
    assert_eq!(
        result.hits[0].id,
        "search-empty-after-insert-consistency",
        "{:?}",
        result.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
}

#[test]
fn out_of_scope_errors_get_no_confident_match() {
    for paste in [
        "npm ERR! code ERESOLVE npm ERR! ERESOLVE unable to resolve dependency tree",
        "Exception in thread \"main\" java.lang.NullPointerException at com.example.App.main(App.java:14)",
        // Not `TypeError: Cannot read properties of undefined`: Attu fails with exactly
        // that (`… (reading 'collectionsQueue')`), and the knowledge base says so.
        "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",
        "ZeroDivisionError: division by zero",
    ] {
        let result = SHIPPED.search(paste, Lang::En, 5);
        assert_eq!(result.verdict, Verdict::None, "{paste}: {:?}", result.hits.first().map(|h| &h.id));
    }
}

#[test]
fn snippets_highlight_inside_the_text() {
    let result = SHIPPED.search("collection not loaded", Lang::En, 1);
    let snippet = result.hits[0].snippet.as_ref().expect("text attached");
    assert!(!snippet.highlights.is_empty());
    for &(from, to) in &snippet.highlights {
        assert!(snippet.text.is_char_boundary(from) && snippet.text.is_char_boundary(to) && from < to);
    }
}

#[test]
fn only_the_hits_a_reader_is_shown_get_a_snippet() {
    // Finding a snippet tokenizes the section's text, half of a query's time; the hits no
    // front end shows (`present::shown`) carry the start of their text instead.
    let result = SHIPPED.search("Illegal instruction (core dumped)", Lang::En, 8);
    assert_ne!(result.verdict, Verdict::None);
    let (shown, hidden): (Vec<_>, Vec<_>) =
        result.hits.iter().enumerate().partition(|(rank, h)| is_shown(result.verdict, *rank, h.confidence));
    assert!(!shown.is_empty() && !hidden.is_empty(), "{} shown, {} hidden", shown.len(), hidden.len());
    assert!(!shown[0].1.snippet.as_ref().unwrap().highlights.is_empty());
    for (_, hit) in hidden {
        let section = SHIPPED.section(&hit.id, hit.lang).unwrap();
        let snippet = hit.snippet.as_ref().unwrap();
        assert!(snippet.highlights.is_empty() && section.text.starts_with(&snippet.text), "{}", hit.id);
    }
    assert_eq!(fixfind::present::shown(result.clone()).hits.len(), shown.len());
}

#[test]
fn sections_pair_across_languages() {
    let en = SHIPPED.section("etcd-pod-pending", Lang::En).unwrap();
    let zh = SHIPPED.section("etcd-pod-pending", Lang::Zh).unwrap();
    assert_ne!(en.title, zh.title);
}

/// Every hostile query returns, without panic, in bounded time. The bound is generous on
/// purpose (debug build, busy CI machine); speed itself is measured by the benchmarks.
#[test]
fn hostile_queries_are_harmless() {
    let mut random = Vec::with_capacity(1 << 20);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    while random.len() < 1 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        random.extend_from_slice(&x.to_le_bytes());
    }
    let cases: Vec<String> = vec![
        String::from_utf8_lossy(&random).into_owned(),
        "\"unbalanced quote".into(),
        "title:foo AND (".into(),
        "field:x AND ( \" * ~2 ^3 [a TO b]".into(),
        "!!!???...,,,;;;".into(),
        "🔥🔥🔥😱😱".into(),
        "\u{202e}\u{200d}e\u{301}\u{0}\u{1}\u{7f}".into(),
        "a".repeat(100_000),
        "error\n".repeat(100_000),
        "内存不足".repeat(250_000),
        "<script>alert(1)</script><img src=x onerror=alert(1)>".into(),
        String::new(),
    ];
    for case in &cases {
        let started = Instant::now();
        let result = SHIPPED.search(case, Lang::En, 5);
        // Whatever the paste, the verdict is the first hit's (and `none` without hits).
        assert_eq!(result.verdict, result.hits.first().map_or(Verdict::None, |h| h.confidence), "{case:.40}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{} bytes took {:?}",
            case.len(),
            started.elapsed()
        );
    }
}

#[test]
fn broken_bundles_are_errors_not_panics() {
    let bytes = common::bundle_of("tests/fixtures/html");
    assert!(Engine::open(&bytes).is_ok());
    assert!(matches!(Engine::open(&bytes[..bytes.len() / 2]), Err(BundleError::Truncated { .. })));
    let mut flipped = bytes.clone();
    let at = bytes.len() - 10;
    flipped[at] ^= 1;
    assert!(matches!(Engine::open(&flipped), Err(BundleError::Corrupt(_))));
    assert!(matches!(Engine::open(b"<!DOCTYPE html><h1>404</h1>"), Err(BundleError::Html)));
    let mut other = bytes.clone();
    other[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert!(
        matches!(Engine::open(&other), Err(BundleError::FormatVersion { found }) if found == FORMAT_VERSION + 1)
    );
}

#[test]
fn chinese_snippets_are_as_long_as_english_ones() {
    // Tantivy counts the fragment in bytes; a Chinese character takes three.
    let zh = SHIPPED.search("etcd 数据库空间满了 mvcc database space exceeded", Lang::Zh, 1);
    let en = SHIPPED.search("etcd mvcc database space exceeded", Lang::En, 1);
    let chars = |r: &fixfind::SearchResult| r.hits[0].snippet.as_ref().unwrap().text.chars().count();
    assert!(chars(&zh) * 10 >= chars(&en) * 7, "zh {} chars, en {} chars", chars(&zh), chars(&en));
}

#[test]
fn a_hit_shown_in_the_other_language_says_why_it_matched() {
    // The Chinese twin shares no word with the English paste: why it matched comes from
    // the English section that matched, not from the one shown.
    let en = "---\nid: p\ntitle: P\n---\n\n## Writes denied {#writes-denied}\n\nThe quotacenter rejects writes with `quotacenter denied writing`.\n";
    let zh = "---\nid: p\ntitle: P\n---\n\n## 写入被拒绝 {#writes-denied}\n\n配额中心拒绝写入。\n";
    let mut sections = fixfind::parse::parse_page_str(en, Lang::En).sections;
    sections.extend(fixfind::parse::parse_page_str(zh, Lang::Zh).sections);
    let engine = fixfind::index::write::build(&sections).unwrap().open().unwrap();
    let result = engine.search("quotacenter denied writing", Lang::Zh, 3);
    let hit = &result.hits[0];
    assert_eq!((hit.id.as_str(), hit.lang), ("writes-denied", Lang::Zh));
    assert!(hit.matched.iter().any(|m| m == "quotacenter"), "{:?}", hit.matched);
}

#[test]
fn a_large_limit_returns_that_many_hits() {
    let result = SHIPPED.search("error failed milvus collection", Lang::En, 50);
    assert_eq!(result.hits.len(), 50);
}

#[test]
fn the_background_table_is_learned_from_the_shipped_content() {
    // FIXFIND_WRITE_BACKGROUND=1 rewrites it after the knowledge base changed.
    let content = fixfind::parse::load(&[common::root().join("content")]);
    let learned = fixfind::engine::background::learn(&content.sections);
    let path = common::root().join("src/engine/background.txt");
    if std::env::var_os("FIXFIND_WRITE_BACKGROUND").is_some() {
        std::fs::write(&path, &learned).unwrap();
    }
    assert!(
        learned == fixfind::engine::background::BACKGROUND,
        "stale: FIXFIND_WRITE_BACKGROUND=1 cargo test --test engine"
    );
}

/// Section text on demand (issue 15): the bundle alone ranks exactly as the bundle with
/// every chunk attached, its hits say their text is pending, and once the chunks are
/// attached `Engine::complete` gives exactly the snippets and commands of a full search.
#[test]
fn ranking_does_not_wait_for_text_and_completed_hits_equal_a_full_search() {
    let built = common::built_of("content");
    let full = built.open().unwrap();
    let mut bare = built.open_index().unwrap();
    let mut cases = Vec::new();
    for file in ["tests/eval/dev.jsonl", "tests/eval/extra.jsonl"] {
        cases.extend(fixfind::eval::read_cases(&common::root().join(file)).unwrap());
    }
    assert!(cases.len() > 100);
    let pending: Vec<_> = cases.iter().map(|c| bare.search(&c.query, c.lang, 8)).collect();
    for (case, result) in cases.iter().zip(&pending) {
        let want = full.search(&case.query, case.lang, 8);
        assert_eq!(result.verdict, want.verdict, "{}", case.query);
        assert_eq!(result.hits.len(), want.hits.len(), "{}", case.query);
        for (got, want) in result.hits.iter().zip(&want.hits) {
            assert_eq!(
                (&got.id, got.lang, got.score, &got.signals),
                (&want.id, want.lang, want.score, &want.signals)
            );
            assert_eq!((got.confidence, &got.matched), (want.confidence, &want.matched));
            assert!(got.text_pending && got.snippet.is_none() && got.commands.is_empty(), "{}", got.id);
        }
    }
    // The chunks a result needs, each once; then attached, the same results completed.
    let needed = bare.missing_text(&pending[0].hits);
    assert!(!needed.is_empty());
    let mut sorted = needed.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), needed.len(), "{needed:?}");
    for (name, bytes) in &built.chunks {
        bare.attach(name, bytes).unwrap();
    }
    for (case, mut result) in cases.iter().zip(pending) {
        let want = full.search(&case.query, case.lang, 8);
        let mut shown = fixfind::present::shown(result.clone());
        bare.complete(&case.query, &mut result);
        assert_eq!(result, want, "{}", case.query);
        // What the app completes is the part of the result it shows.
        bare.complete(&case.query, &mut shown);
        assert_eq!(shown, fixfind::present::shown(want), "{}", case.query);
    }
    assert!(bare.missing_text(&full.search(BAD_MEMBER, Lang::Zh, 8).hits).is_empty());
}

#[test]
fn a_chunk_that_does_not_match_the_bundle_is_refused_and_changes_nothing() {
    use fixfind::index::ChunkError;
    let built = common::built_of("tests/fixtures/markdown");
    let (name, bytes) = &built.chunks[0];
    // A chunk's sections are those of its language's part: before it, the chunk waits.
    let mut bare = Engine::open(&built.bundle).unwrap();
    let early = bare.attach(name, bytes).unwrap_err();
    assert!(early.to_string().contains("part is not attached"), "{early}");
    let mut engine = built.open_index().unwrap();
    assert_eq!(built.chunks.len(), engine.chunks().len());
    let unknown = engine.attach("fixfind-text/nope.chunk", bytes).unwrap_err();
    assert_eq!(unknown.error, ChunkError::Unknown);
    if let Some((_, other)) = built.chunks.get(1) {
        // Another page's chunk (or this page's from another build) under this name.
        let error = engine.attach(name, other).unwrap_err();
        assert!(matches!(error.error, ChunkError::Length { .. } | ChunkError::Checksum), "{error}");
    }
    let mut damaged = bytes.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x01;
    let error = engine.attach(name, &damaged).unwrap_err();
    assert_eq!(error.error, ChunkError::Checksum);
    assert!(error.to_string().contains(name.as_str()), "{error}");
    let error = engine.attach(name, &bytes[..bytes.len() - 1]).unwrap_err();
    assert!(matches!(error.error, ChunkError::Length { .. }), "{error}");
    assert_eq!(engine.attach(name, b"<html>404</html>").unwrap_err().error, ChunkError::Html);
    // Nothing changed: the page's text is still missing, and the right bytes attach (twice).
    let first = engine.sections().iter().find(|s| engine.chunks()[0].page == s.page).unwrap().clone();
    assert!(first.text.is_empty());
    assert_eq!(engine.text_chunk(&first.id, first.lang), Some(name.as_str()));
    engine.attach(name, bytes).unwrap();
    engine.attach(name, bytes).unwrap();
    assert_eq!(engine.text_chunk(&first.id, first.lang), None);
    assert!(!engine.section(&first.id, first.lang).unwrap().text.is_empty());
}

/// The index by language (issue 15): the bundle alone finds nothing, one part finds its
/// language's sections, and both parts, attached in either order, rank exactly as every
/// section in one index would (the order only changes float sums in the last bits).
#[test]
fn the_index_arrives_by_language_and_whole_it_ranks_as_one() {
    let built = common::built_of("content");
    let full = built.open().unwrap();
    let mut engine = Engine::open(&built.bundle).unwrap();
    assert!(!engine.is_searchable());
    assert_eq!(engine.search(BAD_MEMBER, Lang::En, 5).verdict, Verdict::None);
    let missing = engine.missing_parts(Lang::Zh);
    assert_eq!(missing.len(), 2);
    assert!(missing[0].contains("/zh."), "{missing:?}");
    assert!(engine.missing_parts(Lang::En)[0].contains("/en."), "{missing:?}");
    let part = |name: &str| &built.parts.iter().find(|(n, _)| n == name).unwrap().1;

    // Chinese first: a Chinese paste finds its section before the English part arrives.
    assert!(engine.sections().is_empty());
    engine.attach_part(&missing[0], part(&missing[0])).unwrap();
    assert!(engine.is_searchable());
    // The part brought its language's sections, and only those.
    assert!(!engine.sections().is_empty() && engine.sections().iter().all(|s| s.lang == Lang::Zh));
    assert!(engine.section("etcd-pod-pending", Lang::Zh).is_some());
    assert!(engine.section("etcd-pod-pending", Lang::En).is_none());
    assert_eq!(engine.missing_parts(Lang::Zh), vec![missing[1].clone()]);
    let zh = "etcd 数据库空间满了 mvcc: database space exceeded";
    assert_eq!(engine.search(zh, Lang::Zh, 3).hits[0].id, full.search(zh, Lang::Zh, 3).hits[0].id);

    // A wrong part is refused and changes nothing.
    let error = engine.attach_part(&missing[1], part(&missing[0])).unwrap_err();
    assert!(error.to_string().contains(&missing[1]), "{error}");
    assert_eq!(engine.missing_parts(Lang::Zh), vec![missing[1].clone()]);

    engine.attach_part(&missing[1], part(&missing[1])).unwrap();
    engine.attach_part(&missing[1], part(&missing[1])).unwrap();
    assert!(engine.missing_parts(Lang::En).is_empty());
    assert_eq!(engine.sections().len(), engine.info().sections);
    let mut cases = Vec::new();
    for file in ["tests/eval/dev.jsonl", "tests/eval/extra.jsonl"] {
        cases.extend(fixfind::eval::read_cases(&common::root().join(file)).unwrap());
    }
    for case in &cases {
        let (got, want) = (engine.search(&case.query, case.lang, 8), full.search(&case.query, case.lang, 8));
        assert_eq!(got.verdict, want.verdict, "{}", case.query);
        let ids = |r: &fixfind::SearchResult| {
            r.hits.iter().map(|h| (h.id.clone(), h.confidence)).collect::<Vec<_>>()
        };
        assert_eq!(ids(&got), ids(&want), "{}", case.query);
        for (g, w) in got.hits.iter().zip(&want.hits) {
            assert!(
                (g.score - w.score).abs() <= 1e-4 * w.score.abs().max(1.0),
                "{}: {} {}",
                case.query,
                g.score,
                w.score
            );
        }
    }
}
