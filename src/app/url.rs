//! Search state in the address: `#q=<text>&lang=<en|zh>[&embed=1]`, and `?embed`.

use super::dom::window;
use fixfind::section::Lang;
use wasm_bindgen::JsValue;

/// A link carries at most this much of the query: enough for any error message, while a
/// pasted megabyte of log would make the address, and every history write, megabytes long
/// (Chrome refuses URLs over 2 MB; writing one blocked the page for ~100 ms).
const MAX_LINK_QUERY_CHARS: usize = 2000;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HashState {
    pub query: Option<String>,
    pub lang: Option<Lang>,
    pub embed: bool,
}

/// What the current address asks for.
pub fn read() -> HashState {
    let hash = window().location().hash().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(hash.trim_start_matches('#')) else {
        return HashState::default();
    };
    HashState {
        query: params.get("q"),
        lang: params.get("lang").and_then(|l| l.parse().ok()),
        embed: params.get("embed").is_some_and(|v| v != "0"),
    }
}

/// `?embed` (any value but `0`) or `#…&embed=1`.
pub fn embed_requested() -> bool {
    let search = window().location().search().unwrap_or_default();
    let in_search = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("embed"))
        .is_some_and(|v| v != "0");
    in_search || read().embed
}

/// Puts `query` and `lang` in the address unless it already says so. `push` makes a new
/// history entry (a distinct search the back button should return to); otherwise the
/// current entry is replaced (typing). Returns whether the address changed.
pub fn write(query: &str, lang: Lang, push: bool) -> bool {
    let current = read();
    let query = query.trim();
    let query = query.char_indices().nth(MAX_LINK_QUERY_CHARS).map_or(query, |(end, _)| &query[..end]);
    let same_query = current.query.as_deref().unwrap_or("").trim() == query;
    if same_query && (query.is_empty() || current.lang == Some(lang)) {
        return false;
    }
    let location = window().location();
    let path =
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let url = match web_sys::UrlSearchParams::new() {
        Ok(params) if !query.is_empty() || current.embed => {
            if !query.is_empty() {
                params.append("q", query);
                params.append("lang", lang.as_str());
            }
            if current.embed {
                params.append("embed", "1");
            }
            format!("{path}#{}", String::from(params.to_string()))
        }
        _ => path,
    };
    let Ok(history) = window().history() else { return false };
    let written = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    };
    written.is_ok()
}
