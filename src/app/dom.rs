//! Small wrappers over browser APIs: clipboard, storage, timing, the panic banner.

use fixfind::section::Lang;
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const LANG_KEY: &str = "fixfind.lang";

thread_local! {
    /// The interface language, for the panic banner (which cannot reach the signals).
    static UI_LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a document")
}

/// Milliseconds since navigation, sub-millisecond where the browser allows.
pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Marks the first search of the page (`performance.getEntriesByName`), so tests and
/// curious users can measure the time from navigation to the first result.
pub fn mark_first_result() {
    thread_local! { static MARKED: Cell<bool> = const { Cell::new(false) }; }
    if !MARKED.with(|m| m.replace(true)) {
        mark("fixfind-first-result");
    }
}

/// A User Timing mark: the start-up steps show in the browser's performance panel and in
/// `bench/speed.sh`.
pub fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// The saved interface language, else the browser's.
pub fn initial_lang() -> Lang {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|v| v.parse().ok());
    stored.unwrap_or_else(|| window().navigator().language().and_then(|l| l.parse().ok()).unwrap_or(Lang::En))
}

pub fn save_lang(lang: Lang) {
    if let Ok(Some(storage)) = window().local_storage() {
        // Private modes may refuse; the choice then lasts for this page only.
        let _ = storage.set_item(LANG_KEY, lang.as_str());
    }
}

/// Keeps `<html lang>` and the title in the interface language.
pub fn set_document_lang(lang: Lang, title: &str) {
    UI_LANG.with(|l| l.set(lang));
    let document = document();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", fixfind::present::i18n::html_lang(lang));
    }
    document.set_title(title);
}

/// How a copy went, for the button's feedback and `data-copied`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Copied {
    Clipboard,
    Fallback,
    Failed,
}

/// Copies `text`: the Clipboard API first, a hidden textarea and `execCommand('copy')`
/// when the API is missing (plain http) or refuses (no focus, no permission).
pub async fn copy(text: &str) -> Copied {
    let navigator = window().navigator();
    let has_api =
        js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).is_ok_and(|c| !c.is_undefined());
    if has_api && JsFuture::from(navigator.clipboard().write_text(text)).await.is_ok() {
        return Copied::Clipboard;
    }
    if copy_with_textarea(text) { Copied::Fallback } else { Copied::Failed }
}

fn copy_with_textarea(text: &str) -> bool {
    let document = document();
    let Some(body) = document.body() else { return false };
    let Ok(element) = document.create_element("textarea") else { return false };
    let area: web_sys::HtmlTextAreaElement = element.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    area.set_class_name("offscreen");
    let active = document.active_element();
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let ok = document.unchecked_ref::<web_sys::HtmlDocument>().exec_command("copy").unwrap_or(false);
    area.remove();
    if let Some(active) = active.and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = active.focus();
    }
    ok
}

/// Shows the static error banner of `index.html`; works even when the app cannot render.
pub fn show_fatal(message: &str) {
    let Some(banner) = document().get_element_by_id("fatal") else { return };
    banner.set_text_content(Some(message));
    let _ = banner.remove_attribute("hidden");
}

/// Logs panics to the console and tells the user in the page instead of freezing silently.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let lang = UI_LANG.with(Cell::get);
        show_fatal(&format!("{} ({info})", fixfind::present::i18n::strings(lang).fatal));
    }));
}

/// `encodeURIComponent`.
pub fn encode_component(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}
