//! Helpers shared by the integration tests.
#![allow(dead_code)]

use fixfind::Engine;
use fixfind::index::write;
use fixfind::parse;
use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Bundle bytes built from a content folder, failing the test on any content error.
pub fn bundle_of(folder: &str) -> Vec<u8> {
    let content = parse::load(&[root().join(folder)]);
    assert!(!content.has_errors(), "{:#?}", content.diagnostics);
    write::build(&content.sections).expect("index builds")
}

pub fn engine_of(folder: &str) -> Engine {
    Engine::open(&bundle_of(folder)).expect("bundle opens")
}
