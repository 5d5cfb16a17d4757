//! Opens an index from bytes in a `RamDirectory` and runs a boolean OR of term queries
//! collected by `TopDocs`: the least a tantivy search in the browser needs. Never
//! shipped; `bench/size.sh` builds it to measure what tantivy alone weighs in wasm.

use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Directory, Index, Term};
use wasm_bindgen::prelude::*;

/// `data` holds the index files as (name length u32 LE, name, length u32 LE, bytes)
/// records; `q` is split on whitespace into terms of the `body` field.
#[wasm_bindgen]
pub fn run(data: &[u8], q: &str) -> usize {
    let dir = RamDirectory::create();
    let mut at = 0;
    let word = |at: usize| u32::from_le_bytes(data[at..at + 4].try_into().unwrap()) as usize;
    while at < data.len() {
        let n = word(at);
        let name = std::str::from_utf8(&data[at + 4..at + 4 + n]).unwrap();
        at += 4 + n;
        let l = word(at);
        dir.atomic_write(Path::new(name), &data[at + 4..at + 4 + l]).unwrap();
        at += 4 + l;
    }
    let index = Index::open(dir).unwrap();
    let field = index.schema().get_field("body").unwrap();
    let reader = index.reader().unwrap();
    let searcher = reader.searcher();
    let clauses: Vec<(Occur, Box<dyn Query>)> = q
        .split_whitespace()
        .map(|w| {
            let t: Box<dyn Query> =
                Box::new(TermQuery::new(Term::from_field_text(field, w), IndexRecordOption::WithFreqs));
            (Occur::Should, t)
        })
        .collect();
    searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(10).order_by_score()).unwrap().len()
}
