//! Arbitrary bytes as a pasted query: normalise + analyze + search over the shipped
//! bundle, in both languages. Must return, never panic.
#![no_main]

use fixfind::Lang;
use fixfind::analyze::{analyze, normalize_query, normalize_text};
use libfuzzer_sys::fuzz_target;

#[path = "shared.rs"]
mod shared;

fuzz_target!(
    init: {
        LazyLock::force(&shared::ENGINE);
    },
    |data: &[u8]| {
        let query = String::from_utf8_lossy(data);
        // The stages on their own, then the whole pipeline.
        let normalized = normalize_query(&query);
        let _ = analyze(&normalized);
        let _ = analyze(&normalize_text(&query));
        let engine = &*shared::ENGINE;
        for lang in Lang::ALL {
            let result = engine.search(&query, lang, 10);
            assert!(result.hits.len() <= 10);
            for hit in &result.hits {
                assert!(hit.score.is_finite(), "non-finite score for {query:?}");
                let snippet = hit.snippet.as_ref().expect("every chunk is attached");
                let text = &snippet.text;
                for &(start, end) in &snippet.highlights {
                    assert!(start <= end && end <= text.len(), "highlight out of the snippet");
                    assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
                }
            }
        }
    }
);

use std::sync::LazyLock;
