//! Helpers shared by the integration tests.
#![allow(dead_code)]

use fixfind::Engine;
use fixfind::index::write;
use fixfind::parse;
use std::path::{Path, PathBuf};

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

/// Copies a folder tree (content fixtures into a scratch folder the test may break).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}
