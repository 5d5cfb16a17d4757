//! fixfind: paste an error, get the fix.
//!
//! The crate follows the data flow, one module per stage:
//!
//! ```text
//! content/{en,zh}/*.md ─parse─▶ Vec<Section> ─index─▶ bundle ─engine─▶ hits ─present─▶ app / cli
//! ```
//!
//! [`parse`] and the writing half of [`index`] run at build time on the native target
//! only. [`analyze`], the reading half of [`index`], [`engine`] and [`present`] (what a
//! front end shows of a result) are shared by the two front ends of the `fixfind` binary:
//! the browser app (`src/app`, wasm32) and the terminal (`src/cli`, native). They live
//! in the binary, not in this library's API.

pub mod analyze;
pub mod engine;
pub mod fill;
pub mod index;
pub mod present;
pub mod section;

#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
#[cfg(not(target_arch = "wasm32"))]
pub mod parse;

pub use engine::{Engine, Hit, SearchResult, Verdict};
pub use section::{Command, Lang, Section};
