//! Sections → one tantivy index, shipped as one versioned bundle file and the files it
//! names beside it.
//!
//! The schema indexes four text fields with the fixfind analyzer and stores nothing: a
//! document is known by its id (its section's position in its part), and everything
//! shown to the user travels once:
//! title, breadcrumb, signatures and codes in the section list of the language's index
//! part, text and commands in per-page chunks (`text`). The index is one segment per
//! language, each in a part beside the bundle with its language's sections (`part`), so a
//! first search waits for its language only.

pub mod bundle;
pub mod checksum;
#[cfg(not(target_arch = "wasm32"))]
pub mod disk;
pub mod part;
pub mod text;
#[cfg(not(target_arch = "wasm32"))]
pub mod write;

pub use bundle::{Bundle, BundleError, BundleInfo, FORMAT_VERSION, GZIP_MAGIC};
pub use part::{PartError, PartInfo};
pub use text::{ChunkError, ChunkInfo, TextError};

use crate::analyze::TOKENIZER_NAME;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};

/// The default bundle path, relative to the project root.
pub const DEFAULT_BUNDLE: &str = "index/fixfind.bundle";

/// The folder, next to a bundle, that holds its index parts and text chunks:
/// `<bundle stem>-text` (`index/fixfind.bundle` → `index/fixfind-text/`), so two bundles
/// in one folder never share (or clean up) each other's files.
pub fn text_dir_name(bundle_file_stem: &str) -> String {
    format!("{bundle_file_stem}-text")
}

/// The indexed fields, in the order the schema declares them.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub title: Field,
    /// Section text with its breadcrumb.
    pub body: Field,
    pub commands: Field,
    /// Exact error strings the section explains.
    pub signatures: Field,
}

impl Fields {
    /// The schema every fixfind index is written with.
    pub fn schema() -> (Schema, Fields) {
        // Frequencies feed BM25; positions would only serve phrase queries, which the
        // engine does not build, and would grow the bundle.
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let mut builder = Schema::builder();
        let fields = Fields {
            title: builder.add_text_field("title", text.clone()),
            body: builder.add_text_field("body", text.clone()),
            commands: builder.add_text_field("commands", text.clone()),
            signatures: builder.add_text_field("signatures", text),
        };
        (builder.build(), fields)
    }

    /// The fields of an index opened from a bundle, checked against the schema.
    pub fn of(schema: &Schema) -> Result<Fields, String> {
        let get = |name: &str| schema.get_field(name).map_err(|_| format!("index has no `{name}` field"));
        Ok(Fields {
            title: get("title")?,
            body: get("body")?,
            commands: get("commands")?,
            signatures: get("signatures")?,
        })
    }

    /// Text fields with the weight a match in them carries.
    pub fn weighted(&self) -> [(Field, f32); WEIGHTED_FIELDS] {
        [
            (self.signatures, SIGNATURE_BOOST),
            (self.title, TITLE_BOOST),
            (self.body, BODY_BOOST),
            (self.commands, COMMANDS_BOOST),
        ]
    }
}

/// How many fields [`Fields::weighted`] names.
pub const WEIGHTED_FIELDS: usize = 4;

/// An error string named by the section is the strongest evidence there is.
pub const SIGNATURE_BOOST: f32 = 1.5;
/// Titles are short and chosen to describe the problem.
pub const TITLE_BOOST: f32 = 2.0;
pub const BODY_BOOST: f32 = 1.0;
/// Commands mention resource names users also paste, but they describe the fix.
pub const COMMANDS_BOOST: f32 = 0.5;
