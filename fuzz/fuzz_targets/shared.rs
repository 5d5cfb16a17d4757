//! The shipped knowledge base, built once per fuzzer process from `content/`.

use std::path::PathBuf;
use std::sync::LazyLock;

/// The bundle and its text chunks built from the repository's `content/` folder, exactly
/// as `fixfind build` would write them (so the fuzzers always match the current format
/// and analyzer).
pub static BUILT: LazyLock<fixfind::index::write::Built> = LazyLock::new(|| {
    let content_dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
    let content = fixfind::parse::load(&[content_dir]);
    assert!(!content.has_errors(), "content/ has errors: {:#?}", content.diagnostics);
    fixfind::index::write::build(&content.sections).expect("bundle builds from content/")
});

/// The bundle bytes of [`BUILT`].
#[allow(dead_code)]
pub static BUNDLE: LazyLock<Vec<u8>> = LazyLock::new(|| BUILT.bundle.clone());

/// The engine over [`BUILT`], every text chunk attached.
#[allow(dead_code)]
pub static ENGINE: LazyLock<fixfind::Engine> =
    LazyLock::new(|| BUILT.open().expect("the shipped bundle opens"));

/// A small real build (the two test fixture pages), for the structured bundle fuzzer:
/// opening it is cheap, so the fuzzer spends its time on the damage, not on the content.
#[allow(dead_code)]
pub static SMALL: LazyLock<fixfind::index::write::Built> = LazyLock::new(|| {
    let fixtures = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"));
    let content = fixfind::parse::load(&[fixtures.join("markdown"), fixtures.join("html")]);
    assert!(!content.has_errors(), "fixtures have errors: {:#?}", content.diagnostics);
    fixfind::index::write::build(&content.sections).expect("bundle builds from fixtures")
});
