//! Native speed of the engine: queries over the shipped bundle, long pastes, and the
//! index build. Run with `cargo bench --bench search`; results in `bench/README.md`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fixfind::eval::read_cases;
use fixfind::index::write;
use fixfind::{Engine, Lang, parse};
use std::hint::black_box;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sections() -> Vec<fixfind::Section> {
    let content = parse::load(&[root().join("content")]);
    assert!(!content.has_errors(), "content has errors: run `fixfind check`");
    content.sections
}

/// A Milvus-looking log of about `bytes` bytes: heartbeat noise with a few warnings and
/// one real error near the end, as `kubectl logs` would show it.
fn synthetic_log(bytes: usize) -> String {
    let mut log = String::with_capacity(bytes + 256);
    let mut i = 0u64;
    while log.len() < bytes {
        i += 1;
        let line = match i % 50 {
            7 => format!(
                "[2024/05/07 09:{:02}:{:02}.123 +00:00] [WARN] [querynodev2/segments/segment_loader.go:{}] [\"slow segment load\"] [segmentID={}] [duration=3.2s]\n",
                i % 60,
                (i * 7) % 60,
                300 + i % 90,
                449_000_000_000_000_000u64 + i
            ),
            _ => format!(
                "[2024/05/07 09:{:02}:{:02}.456 +00:00] [INFO] [datacoord/services.go:{}] [\"received heartbeat\"] [nodeID={}] [channel=by-dev-rootcoord-dml_{}_449{}v0]\n",
                i % 60,
                (i * 13) % 60,
                100 + i % 400,
                i % 9,
                i % 16,
                i
            ),
        };
        log.push_str(&line);
    }
    log.push_str("[2024/05/07 09:59:59.999 +00:00] [WARN] [proxy/impl.go:2954] [\"Search failed to WaitToFinish\"] [error=\"failed to search: collection not loaded[collection=449876543210987654]\"]\n");
    log
}

fn bench_queries(c: &mut Criterion) {
    let built = write::build(&sections()).expect("index builds");
    let engine = built.open().expect("bundle opens");
    let bytes = &built.bundle;
    let cases = read_cases(&root().join("tests/eval/dev.jsonl")).expect("cases load");

    c.bench_function("search/dev-set-all-cases", |b| {
        b.iter(|| {
            for case in &cases {
                black_box(engine.search(&case.query, case.lang, 10));
            }
        })
    });

    let mut group = c.benchmark_group("search/paste");
    group.sample_size(20);
    for size in [1 << 10, 10 << 10, 100 << 10, 1 << 20] {
        let paste = synthetic_log(size);
        group.throughput(Throughput::Bytes(paste.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{}KB", size >> 10)),
            &paste,
            |b, paste| b.iter(|| black_box(engine.search(paste, Lang::En, 10))),
        );
    }
    group.finish();

    c.bench_function("open/bundle", |b| b.iter(|| black_box(Engine::open(bytes).is_ok())));
}

fn bench_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("parse-content", |b| b.iter(sections));
    let parsed = sections();
    group.bench_function("index-bundle", |b| {
        b.iter(|| black_box(write::build(&parsed).map(|b| b.bundle.len())))
    });
    group.finish();
}

criterion_group!(benches, bench_queries, bench_build);
criterion_main!(benches);
