//! Helpers shared by the integration tests.
#![allow(dead_code)]

use fixfind::Engine;
use fixfind::index::write;
use fixfind::parse;
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundle and its text chunks built from a content folder, failing the test on any
/// content error.
pub fn built_of(folder: &str) -> write::Built {
    let content = parse::load(&[root().join(folder)]);
    assert!(!content.has_errors(), "{:#?}", content.diagnostics);
    write::build(&content.sections).expect("index builds")
}

/// Bundle bytes built from a content folder (without the text chunks).
pub fn bundle_of(folder: &str) -> Vec<u8> {
    built_of(folder).bundle
}

/// The engine over a content folder, all its text attached.
pub fn engine_of(folder: &str) -> Engine {
    built_of(folder).open().expect("bundle opens")
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
