//! fixfind: paste an error, get the fix.
//!
//! The crate follows the data flow, one module per stage:
//!
//! ```text
//! content/{en,zh}/*.md ─parse─▶ Vec<Section> ─index─▶ bundle ─engine─▶ hits ─▶ app / cli
//! ```
//!
//! [`parse`] and the writing half of [`index`] run at build time on the native target
//! only. [`analyze`], the reading half of [`index`] and [`engine`] are shared by the
//! browser (`app`, wasm32) and the terminal (`cli`, native).

pub mod analyze;
pub mod engine;
pub mod fill;
pub mod index;
pub mod section;

#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
#[cfg(not(target_arch = "wasm32"))]
pub mod parse;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod app;

pub use engine::{Engine, Hit, SearchResult, Verdict};
pub use section::{Command, Lang, Section};
