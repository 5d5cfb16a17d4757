//! The web app (wasm32, Leptos CSR): paste an error, get the fix.
//!
//! `index.html` paints a static shell at once; [`main`] replaces it with the app, which
//! downloads the bundle with progress while the input already works, then searches on
//! every pause in typing. The search state lives in the address (`#q=…&lang=…`).
//!
//! The app is a thin shell: what to show is decided by `fixfind::present` (native,
//! unit-tested); here are the DOM, the network and the Leptos components.
//! - [`state`]: the search and the loaded bundle, with their transitions;
//! - [`view`]: the page's components; [`card`]: one result;
//! - [`load`], [`url`], [`dom`]: the browser's network, address and document.

mod card;
mod dom;
mod load;
mod state;
mod url;
mod view;

use fixfind::engine::SearchResult;
use fixfind::fill::Facts;
use fixfind::present;
use leptos::ev;
use leptos::prelude::*;
use state::{Loaded, Search};
use view::{Footer, Header, LoadFailure, Progress, Results, SearchInput, StatusRow};
use wasm_bindgen::JsCast;

/// Results asked from the engine per search; [`present::shown`] picks those shown.
const LIMIT: usize = 8;
/// Wider than this, the input takes the focus on an empty page (not on phones: the
/// keyboard would cover the page).
const WIDE_SCREEN_PX: f64 = 700.0;

/// A finished search, as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    query: String,
    /// Values the paste carries, for filling command placeholders.
    facts: Facts,
    result: SearchResult,
    ms: f64,
}

pub fn main() {
    dom::mark("fixfind-start");
    dom::install_panic_hook();
    let document = dom::document();
    let Some(root) = document.get_element_by_id("app") else {
        dom::show_fatal("fixfind: the page has no #app element");
        return;
    };
    // Whatever was typed into the static shell before the app started is kept.
    let typed = document
        .get_element_by_id("shell-q")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default();
    let had_focus = document.active_element().is_some_and(|a| a.id() == "shell-q");
    root.set_text_content(None);
    let root: web_sys::HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(root, move || view! { <App typed had_focus /> }).forget();
}

#[component]
fn App(typed: String, had_focus: bool) -> impl IntoView {
    let from_url = url::read();
    let embed = url::embed_requested();
    let initial = from_url.query.filter(|q| !q.trim().is_empty()).unwrap_or(typed);
    let search = Search::new(initial, from_url.lang.unwrap_or_else(dom::initial_lang));
    let loaded = Loaded::provide(search.lang.get_untracked());
    let outcome = RwSignal::new(None::<Outcome>);
    let input = NodeRef::<leptos::html::Textarea>::new();

    Effect::new(move |_| {
        let lang = search.lang.get();
        dom::set_document_lang(lang, &format!("fixfind · {}", present::i18n::strings(lang).tagline));
    });

    // Search whenever the committed text, the language or the engine changes.
    Effect::new(move |_| {
        let query = search.committed.get();
        let lang = search.lang.get();
        if query.trim().is_empty() {
            return outcome.set(None);
        }
        let start = dom::now();
        let Some(result) = loaded.search(&query, lang, LIMIT) else { return };
        let result = present::shown(result);
        let ms = dom::now() - start;
        dom::mark_first_result();
        // The cards show their titles now and their text when its chunk arrives.
        loaded.fetch_text_of(&result.hits);
        let facts = fixfind::fill::facts(&query);
        outcome.set(Some(Outcome { query, facts, result, ms }));
    });

    let focus_input = move || {
        if let Some(area) = input.get_untracked() {
            let _ = area.focus();
        }
    };
    let _ = window_event_listener(ev::popstate, move |_| search.follow_address());
    let _ = window_event_listener(ev::hashchange, move |_| search.follow_address());
    let _ = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let typing = dom::document()
            .active_element()
            .is_some_and(|a| matches!(a.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"));
        match e.key().as_str() {
            "/" if !typing => {
                e.prevent_default();
                focus_input();
            }
            "Escape" if !search.query.get_untracked().is_empty() => {
                e.prevent_default();
                search.clear();
                focus_input();
            }
            _ => {}
        }
    });

    // Keep the focus where the user was typing in the static shell; on a wide screen with
    // nothing to show yet, start in the input.
    let wide = dom::window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w > WIDE_SCREEN_PX);
    if had_focus || (wide && !embed && search.query.get_untracked().is_empty()) {
        request_animation_frame(focus_input);
    }

    view! {
        <div class="app" class:embed=embed data-state=move || loaded.state.with(|s| s.as_str())>
            {(!embed).then(|| view! { <Header search /> })}
            <main class="main">
                <div class="search">
                    <SearchInput search input embed />
                    <StatusRow search outcome embed />
                    <Progress />
                </div>
                <LoadFailure lang=search.lang />
                <div id="results">
                    <Results search outcome />
                </div>
            </main>
            {(!embed).then(|| view! { <Footer lang=search.lang /> })}
        </div>
    }
}
