//! The bundle's load state, the transitions between its states, and what the status line
//! says about it.
//!
//! The browser downloads the bundle once per visit; the person waiting sees progress, then
//! either the size of the knowledge base or why it failed and a Retry button. The rules
//! (a Retry while a load runs starts nothing; which words each state shows) live here,
//! natively tested; `app` only wires them to the network and the DOM.

use super::i18n::{self, strings};
use crate::engine::{SearchResult, Verdict};
use crate::index::BundleError;
use crate::section::Lang;
use std::collections::HashMap;
use std::fmt;

/// Where the bundle lives, relative to the page (so any base path works).
pub const BUNDLE_URL: &str = "fixfind.bundle";

/// Characters of the content hash shown in the footer: enough to tell two builds apart.
const HASH_SHOWN: usize = 8;

/// Why the bundle could not be used, phrased for the person who has to fix it.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The server answered with an HTTP error.
    Http { status: u16, text: String },
    /// The request never got an answer (offline, DNS, a blocked request).
    Network(String),
    /// The bytes arrived but do not inflate: cut short or not gzip at all.
    Damaged(String),
    /// The browser has no `DecompressionStream` to inflate the bundle with.
    NoDecompression,
    /// The inflated bytes are not a bundle (or an index part) this build can read, or an
    /// index part could not be downloaded: the message names the file.
    Bundle(String),
}

impl From<BundleError> for LoadError {
    fn from(error: BundleError) -> LoadError {
        LoadError::Bundle(error.to_string())
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Http { status, text } => {
                let what = if text.is_empty() { String::new() } else { format!(" {text}") };
                if *status == 404 {
                    write!(
                        f,
                        "the server answered HTTP 404{what} for `{BUNDLE_URL}`: the index file is missing; deploy it next to index.html (`trunk build` creates it in dist/)"
                    )
                } else {
                    write!(
                        f,
                        "the server answered HTTP {status}{what} for `{BUNDLE_URL}`; reload the page, or check the server"
                    )
                }
            }
            LoadError::Network(detail) => write!(
                f,
                "the index `{BUNDLE_URL}` could not be downloaded ({detail}); check your connection and reload"
            ),
            LoadError::Damaged(detail) => write!(
                f,
                "the search index is incomplete or damaged: it could not be decompressed ({detail}); reload the page, or rebuild it with `fixfind build`"
            ),
            LoadError::NoDecompression => f.write_str(
                "this browser cannot decompress the search index (it has no DecompressionStream); open fixfind in a current browser",
            ),
            LoadError::Bundle(message) => f.write_str(message),
        }
    }
}

/// Where the bundle is: on its way, open, or failed.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    /// `received` bytes so far; `total` only when the server sends an uncompressed length.
    Loading {
        received: u64,
        total: Option<u64>,
    },
    Ready {
        sections: usize,
        content_hash: String,
    },
    Failed(LoadError),
}

impl Default for LoadState {
    /// A visit starts with the load under way: the app fetches at once.
    fn default() -> LoadState {
        LoadState::Loading { received: 0, total: None }
    }
}

impl LoadState {
    /// Starts a new attempt after a failure. While a load runs, or once the index is open,
    /// nothing changes and the answer is `false`: a second click on Retry must not start
    /// a second download beside the first.
    pub fn retry(&mut self) -> bool {
        if !matches!(self, LoadState::Failed(_)) {
            return false;
        }
        *self = LoadState::default();
        true
    }

    /// More bytes arrived. Ignored unless a load runs.
    pub fn progress(&mut self, received: u64, total: Option<u64>) {
        if let LoadState::Loading { .. } = self {
            *self = LoadState::Loading { received, total };
        }
    }

    /// The download and the opening ended, well or not.
    pub fn finish(&mut self, outcome: Result<(usize, String), LoadError>) {
        *self = match outcome {
            Ok((sections, content_hash)) => LoadState::Ready { sections, content_hash },
            Err(error) => LoadState::Failed(error),
        };
    }

    pub fn is_ready(&self) -> bool {
        matches!(self, LoadState::Ready { .. })
    }

    /// `loading`, `ready` or `failed`: the page's `data-state`, for styles and tests.
    pub fn as_str(&self) -> &'static str {
        match self {
            LoadState::Loading { .. } => "loading",
            LoadState::Ready { .. } => "ready",
            LoadState::Failed(_) => "failed",
        }
    }

    /// `(received, total)` for a progress bar that knows its end; `None` otherwise.
    pub fn fraction(&self) -> Option<(u64, u64)> {
        match self {
            LoadState::Loading { received, total: Some(total) } if *total > 0 => {
                Some(((*received).min(*total), *total))
            }
            _ => None,
        }
    }

    /// ` · index 1a2b3c4d` once open, for the footer: which build answers.
    pub fn version_note(&self) -> String {
        match self {
            LoadState::Ready { content_hash, .. } => {
                format!(" · index {}", content_hash.chars().take(HASH_SHOWN).collect::<String>())
            }
            _ => String::new(),
        }
    }
}

/// Where the fetch of one text chunk is (see `index::text`). A chunk attached to the
/// engine has no state here: the engine knows it.
#[derive(Clone, Debug, PartialEq)]
pub enum TextState {
    Loading,
    /// Why it failed, for the cards that wait for it.
    Failed(String),
}

/// The text chunks being fetched or that failed, by name. The rules: a chunk is fetched
/// once at a time however many searches and cards ask for it, and a failed one is fetched
/// again when something asks for it again (the next search, the other-language switch).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextLoads {
    states: HashMap<String, TextState>,
}

impl TextLoads {
    /// Of the chunks `wanted` (the engine's missing ones), those to fetch now, each once;
    /// they are marked loading.
    pub fn start(&mut self, wanted: impl IntoIterator<Item = String>) -> Vec<String> {
        let mut started = Vec::new();
        for name in wanted {
            if self.states.get(&name) == Some(&TextState::Loading) {
                continue;
            }
            self.states.insert(name.clone(), TextState::Loading);
            started.push(name);
        }
        started
    }

    /// The fetch of `name` ended: attached (forgotten here), or failed with a reason.
    pub fn finish(&mut self, name: &str, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => {
                self.states.remove(name);
            }
            Err(why) => {
                self.states.insert(name.to_owned(), TextState::Failed(why));
            }
        }
    }

    pub fn state(&self, name: &str) -> Option<&TextState> {
        self.states.get(name)
    }
}

/// What a card whose text is not attached says: loading, or why it failed.
pub fn text_line(lang: Lang, state: Option<&TextState>) -> String {
    let s = strings(lang);
    match state {
        Some(TextState::Failed(why)) => format!("{} {why}", s.text_failed),
        Some(TextState::Loading) | None => s.text_loading.to_owned(),
    }
}

/// Why the download of a file the bundle names (a text chunk, an index part) failed,
/// naming the file (`name` is its address, relative to the page, as the bundle's header
/// lists it).
pub fn download_error(name: &str, error: &LoadError) -> String {
    match error {
        LoadError::Http { status, text } => {
            let what = if text.is_empty() { String::new() } else { format!(" {text}") };
            format!(
                "the server answered HTTP {status}{what} for `{name}`; reload the page, or check the deployment"
            )
        }
        LoadError::Network(detail) => {
            format!("`{name}` could not be downloaded ({detail}); check your connection and search again")
        }
        LoadError::Damaged(detail) => {
            format!("`{name}` is damaged: it could not be decompressed ({detail}); reload the page")
        }
        LoadError::NoDecompression => LoadError::NoDecompression.to_string(),
        LoadError::Bundle(message) => message.clone(),
    }
}

/// The status line: progress while loading, the failure's headline, the knowledge base's
/// size while nothing is searched, and the count and time of the last search.
pub fn line(lang: Lang, load: &LoadState, last: Option<(&SearchResult, f64)>) -> String {
    match load {
        LoadState::Loading { received, total } => i18n::progress(lang, *received, *total),
        LoadState::Failed(_) => strings(lang).load_failed.to_owned(),
        LoadState::Ready { sections, .. } => match last {
            Some((result, ms)) => {
                i18n::result_count(lang, result.hits.len(), result.verdict != Verdict::None, ms)
            }
            None => i18n::ready(lang, *sections),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed() -> LoadState {
        LoadState::Failed(LoadError::Network("offline".into()))
    }

    #[test]
    fn retry_starts_a_load_only_after_a_failure() {
        let mut state = failed();
        assert!(state.retry());
        assert_eq!(state, LoadState::default());
        // The second click of a double click, while the first load runs.
        assert!(!state.retry());
        state.progress(10, Some(100));
        assert!(!state.retry());
        assert_eq!(state, LoadState::Loading { received: 10, total: Some(100) });
        state.finish(Ok((3, "abc".into())));
        assert!(!state.retry());
        assert!(state.is_ready());
    }

    #[test]
    fn progress_after_the_end_changes_nothing() {
        let mut state = LoadState::default();
        state.finish(Err(LoadError::NoDecompression));
        state.progress(5, None);
        assert_eq!(state.as_str(), "failed");
    }

    #[test]
    fn the_progress_bar_is_bounded_by_a_known_total() {
        assert_eq!(LoadState::Loading { received: 150, total: Some(100) }.fraction(), Some((100, 100)));
        assert_eq!(LoadState::Loading { received: 150, total: Some(0) }.fraction(), None);
        assert_eq!(LoadState::default().fraction(), None);
    }

    #[test]
    fn a_missing_index_says_how_to_deploy_it() {
        let text = LoadError::Http { status: 404, text: "Not Found".into() }.to_string();
        assert!(text.contains("HTTP 404 Not Found"), "{text}");
        assert!(text.contains("deploy it next to index.html"), "{text}");
        let text = LoadError::Http { status: 503, text: String::new() }.to_string();
        assert!(text.contains("HTTP 503 for"), "{text}");
    }

    #[test]
    fn a_text_chunk_is_fetched_once_and_again_after_a_failure() {
        let mut loads = TextLoads::default();
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(loads.start(names(&["a", "b"])), names(&["a", "b"]));
        // A second search, or a card, asks again while both are on their way.
        assert_eq!(loads.start(names(&["b", "c"])), names(&["c"]));
        loads.finish("a", Ok(()));
        assert_eq!(loads.state("a"), None);
        loads.finish("b", Err("HTTP 404".into()));
        assert_eq!(loads.state("b"), Some(&TextState::Failed("HTTP 404".into())));
        assert_eq!(
            text_line(Lang::En, loads.state("b")),
            "The text of this section could not be loaded: HTTP 404"
        );
        assert_eq!(text_line(Lang::Zh, loads.state("c")), "正在加载章节内容…");
        // Asked again, a failed chunk is fetched again.
        assert_eq!(loads.start(names(&["b"])), names(&["b"]));
        assert_eq!(loads.state("b"), Some(&TextState::Loading));
    }

    #[test]
    fn a_failed_text_download_names_the_file() {
        let error = LoadError::Http { status: 404, text: "Not Found".into() };
        let text = download_error("fixfind-text/en-x.1.chunk", &error);
        assert!(text.contains("HTTP 404 Not Found for `fixfind-text/en-x.1.chunk`"), "{text}");
    }

    #[test]
    fn the_status_line_follows_the_state() {
        let loading = LoadState::Loading { received: 2048, total: Some(4096) };
        assert_eq!(line(Lang::En, &loading, None), "Loading the knowledge base… 2 KB of 4 KB (50%)");
        assert_eq!(line(Lang::En, &failed(), None), strings(Lang::En).load_failed);
        let ready = LoadState::Ready { sections: 12, content_hash: "0123456789".into() };
        assert_eq!(line(Lang::En, &ready, None), "Ready · 12 sections");
        assert_eq!(ready.version_note(), " · index 01234567");
        let none = SearchResult { verdict: Verdict::None, hits: vec![] };
        assert_eq!(line(Lang::En, &ready, Some((&none, 1.3))), "No confident match · 1.3 ms");
        assert_eq!(line(Lang::Zh, &ready, Some((&none, 1.3))), "没有可信的匹配 · 用时 1.3 毫秒");
    }
}
