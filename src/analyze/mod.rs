//! Text analysis shared by indexing and querying.
//!
//! Two steps, in this order:
//! 1. [`normalize`] turns a raw paste (log lines, tracebacks, full-width text) into the
//!    text that carries the error: variable parts masked, log prefixes dropped, the error
//!    lines of a long paste selected, the work capped.
//! 2. [`tokenizer::FixfindTokenizer`] splits text into terms: identifiers whole and split,
//!    digits kept, Han/Kana/Hangul as character bigrams.
//!
//! Beside the words, [`codes`] reads the Milvus error codes a paste carries.
//!
//! The same tokenizer is registered under [`TOKENIZER_NAME`] at index time and at query
//! time, so both sides always agree on what a term is.

pub mod codes;
pub mod normalize;
pub mod tokenizer;

pub use codes::{codes_in, error_codes};
pub use normalize::{Condensed, condense, normalize_lines, normalize_query, normalize_text, read_lines};
pub use tokenizer::{FixfindTokenizer, analyze};

/// The name the analyzer is registered under in every tantivy index fixfind writes or reads.
pub const TOKENIZER_NAME: &str = "fixfind";

/// Registers the analyzer on an index so that its text fields can be read and written.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(TOKENIZER_NAME, FixfindTokenizer::default());
}
