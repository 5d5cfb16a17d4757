//! The web app (wasm32, Leptos CSR): paste an error, get the fix.
//!
//! `index.html` paints a static shell at once; [`main`] replaces it with the app, which
//! downloads the bundle with progress while the input already works, then searches on
//! every pause in typing. The search state lives in the address (`#q=…&lang=…`).

mod card;
mod dom;
mod i18n;
mod load;
mod text;
mod url;

use crate::analyze::condense;
use crate::engine::{Engine, SearchResult, Verdict};
use crate::fill::{self, Facts};
use crate::section::{Lang, Section};
use card::ResultCard;
use gloo_timers::callback::Timeout;
use i18n::strings;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Results asked from the engine per search.
const LIMIT: usize = 8;
/// Closest sections shown under "no confident match".
const CLOSEST: usize = 3;
/// Pause in typing before a search runs.
const DEBOUNCE_MS: u32 = 150;

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
}

fn engine() -> Option<Rc<Engine>> {
    ENGINE.with(|e| e.borrow().clone())
}

/// A section of the loaded index, for the other-language switch.
fn section(id: &str, lang: Lang) -> Option<Section> {
    engine().and_then(|e| e.section(id, lang).cloned())
}

#[derive(Clone, Debug, PartialEq)]
enum LoadState {
    Loading { received: u64, total: Option<u64> },
    Ready { sections: usize, content_hash: String },
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
struct Outcome {
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

async fn load_index(state: RwSignal<LoadState>) {
    state.set(LoadState::Loading { received: 0, total: None });
    let bytes =
        match load::fetch_bundle(|received, total| state.set(LoadState::Loading { received, total })).await {
            Ok(bytes) => bytes,
            Err(message) => return state.set(LoadState::Failed(message)),
        };
    dom::mark("fixfind-bundle-loaded");
    // Opening takes a few dozen milliseconds: no frame is spent painting an "opening"
    // state first.
    match Engine::open(&bytes) {
        Ok(engine) => {
            dom::mark("fixfind-engine-open");
            let sections = engine.info().sections;
            let content_hash = engine.info().content_hash.clone();
            ENGINE.with(|e| *e.borrow_mut() = Some(Rc::new(engine)));
            state.set(LoadState::Ready { sections, content_hash });
            // The browser compiles wasm functions on their first call: one search in the
            // next idle moment compiles the search path, so the user's first query does
            // not pay for it (up to 25 ms on a cold page).
            gloo_timers::callback::Timeout::new(WARM_UP_DELAY_MS, warm_up).forget();
        }
        Err(error) => state.set(LoadState::Failed(error.to_string())),
    }
}

/// After the index opens, how long to wait before warming the search path up; a query
/// from the address runs first.
const WARM_UP_DELAY_MS: u32 = 50;
/// A paste that takes every step of a search: log prefixes, masks, an identifier, Chinese
/// bigrams, a template, snippets, placeholder facts.
const WARM_UP_QUERY: &str = "[2024/05/07 09:12:44.123 +00:00] [WARN] [proxy/impl.go:2954] [\"failed to search\"] \
    [error=\"collection not loaded[collection=449876543210987654]\"] pod my-release-etcd-0 查询报错";

fn warm_up() {
    if let Some(engine) = engine() {
        let result = engine.search(WARM_UP_QUERY, Lang::En, LIMIT);
        let _ = fill::facts(WARM_UP_QUERY);
        std::hint::black_box(result);
    }
}

#[component]
fn App(typed: String, had_focus: bool) -> impl IntoView {
    let from_url = url::read();
    let embed = url::embed_requested();
    let ui = RwSignal::new(from_url.lang.unwrap_or_else(dom::initial_lang));
    let initial = from_url.query.clone().filter(|q| !q.trim().is_empty()).unwrap_or(typed);
    // Text typed into the static shell can be a whole log too.
    let initially_condensed = condense(&initial).map(|c| (initial.len(), c));
    let initial = initially_condensed.as_ref().map_or(initial, |(_, c)| c.text.clone());
    let query = RwSignal::new(initial.clone());
    // What the app itself writes into the input (examples, clearing, history). Typing
    // does not write back: copying a megabyte paste into the textarea again on every
    // keystroke would cost more than searching it.
    let shown = RwSignal::new(initial.clone());
    let has_text = Memo::new(move |_| query.with(|q| !q.is_empty()));
    // A long paste replaced by its error lines: (bytes pasted, lines kept, lines pasted).
    let condensed = RwSignal::new(initially_condensed.map(|(bytes, c)| (bytes, c.kept, c.lines, c.errors)));
    let committed = RwSignal::new(initial);
    let load = RwSignal::new(LoadState::Loading { received: 0, total: None });
    let outcome = RwSignal::new(None::<Outcome>);
    // Whether the next change of the address makes a new history entry: true after a
    // distinct search (load, blur, example, language, history), false while typing.
    let pinned = StoredValue::new(true);
    let timer = StoredValue::new_local(None::<Timeout>);
    let input = NodeRef::<leptos::html::Textarea>::new();
    let ready = Memo::new(move |_| matches!(load.get(), LoadState::Ready { .. }));

    spawn_local(load_index(load));

    Effect::new(move |_| {
        let lang = ui.get();
        dom::set_document_lang(lang, &format!("fixfind · {}", strings(lang).tagline));
    });

    // Search whenever the committed text, the language or the index changes.
    Effect::new(move |_| {
        let q = committed.get();
        let lang = ui.get();
        if q.trim().is_empty() {
            outcome.set(None);
            return;
        }
        if !ready.get() {
            return;
        }
        let Some(engine) = engine() else { return };
        let start = dom::now();
        let mut result = engine.search(&q, lang, LIMIT);
        // Below a confident answer, sections the engine itself calls unrelated are noise;
        // with no confident answer, a few closest ones help the reader judge.
        if result.verdict == Verdict::None {
            result.hits.truncate(CLOSEST);
        } else {
            result.hits.retain(|h| h.confidence != Verdict::None);
        }
        let ms = dom::now() - start;
        dom::mark_first_result();
        let facts = fill::facts(&q);
        outcome.set(Some(Outcome { query: q, facts, result, ms }));
    });

    let write_url = move |push: bool| {
        let q = committed.get_untracked();
        let wrote = url::write(&q, ui.get_untracked(), push);
        if wrote && push {
            pinned.set_value(false);
        }
    };
    // Typing: search after a pause; the first change after a pin makes a history entry.
    let on_input = move |value: String| {
        // Replaced before the browser lays the paste out: a whole log in the input costs
        // more than searching it, and the kept lines show what was searched.
        let value = match condense(&value) {
            Some(short) => {
                if let Some(area) = input.get_untracked() {
                    area.set_value(&short.text);
                }
                condensed.set(Some((value.len(), short.kept, short.lines, short.errors)));
                short.text
            }
            None => {
                if condensed.get_untracked().is_some() {
                    condensed.set(None);
                }
                value
            }
        };
        query.set(value);
        let pending = Timeout::new(DEBOUNCE_MS, move || {
            committed.set(query.get_untracked());
            write_url(pinned.get_value());
        });
        timer.update_value(|t| *t = Some(pending));
    };
    // Examples, clearing, history: search at once.
    let commit_now = move |value: String, push: bool| {
        timer.update_value(|t| *t = None);
        condensed.set(None);
        query.set(value.clone());
        shown.set(value.clone());
        committed.set(value);
        if push {
            write_url(true);
        }
        pinned.set_value(true);
    };
    let focus_input = move || {
        if let Some(area) = input.get_untracked() {
            let _ = area.focus();
        }
    };
    let clear = move || {
        commit_now(String::new(), true);
        focus_input();
    };
    let switch_lang = move |lang: Lang| {
        ui.set(lang);
        dom::save_lang(lang);
        write_url(true);
        pinned.set_value(true);
    };
    let from_history = move || {
        let state = url::read();
        if let Some(lang) = state.lang
            && lang != ui.get_untracked()
        {
            ui.set(lang);
        }
        let q = state.query.unwrap_or_default();
        if q != query.get_untracked() {
            commit_now(q, false);
        }
        pinned.set_value(true);
    };
    let _ = window_event_listener(ev::popstate, move |_| from_history());
    let _ = window_event_listener(ev::hashchange, move |_| from_history());
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
            "Escape" if !query.get_untracked().is_empty() => {
                e.prevent_default();
                clear();
            }
            _ => {}
        }
    });

    // Keep the focus where the user was typing in the static shell; on a wide screen with
    // nothing to show yet, start in the input (not on phones: the keyboard would cover
    // the page).
    let wide = dom::window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w > 700.0);
    if had_focus || (wide && !embed && query.get_untracked().is_empty()) {
        request_animation_frame(focus_input);
    }

    let lang_switch = move || {
        let lang = ui.get();
        let s = strings(lang);
        view! {
            <button
                type="button"
                class="lang-switch"
                lang=i18n::html_lang(lang.other())
                aria-label=s.switch_label
                on:click=move |_| switch_lang(lang.other())
            >
                {s.switch_to}
            </button>
        }
    };

    let status = move || {
        let lang = ui.get();
        let s = strings(lang);
        match load.get() {
            LoadState::Loading { received, total } => i18n::progress(lang, received, total),
            LoadState::Failed(_) => s.load_failed.to_owned(),
            LoadState::Ready { sections, .. } => match outcome.get() {
                Some(o) if !committed.get().trim().is_empty() => {
                    let confident = o.result.verdict != Verdict::None;
                    i18n::result_count(lang, o.result.hits.len(), confident, o.ms)
                }
                _ => i18n::ready(lang, sections),
            },
        }
    };

    let progress = move || {
        match load.get() {
        LoadState::Loading { received, total: Some(total) } if total > 0 => {
            Some(view! { <progress class="load" max=total.to_string() value=received.min(total).to_string()></progress> }.into_any())
        }
        LoadState::Loading { .. } => Some(view! { <progress class="load"></progress> }.into_any()),
        _ => None,
    }
    };

    let failure = move || match load.get() {
        LoadState::Failed(message) => {
            let s = strings(ui.get());
            Some(view! {
                <div class="load-error" role="alert">
                    <h2>{s.load_failed}</h2>
                    <p class="detail">{message}</p>
                    <button type="button" on:click=move |_| spawn_local(load_index(load))>{s.retry}</button>
                </div>
            })
        }
        _ => None,
    };

    let results = move || {
        let lang = ui.get();
        let s = strings(lang);
        let q = committed.get();
        if q.trim().is_empty() {
            let examples = i18n::examples(lang)
                .iter()
                .map(|example| {
                    let example = (*example).to_owned();
                    let shown = example.clone();
                    view! {
                        <li>
                            <button type="button" class="example" on:click=move |_| commit_now(example.clone(), true)>
                                {shown}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            return view! {
                <section class="empty" aria-labelledby="empty-title">
                    <h2 id="empty-title">{s.empty_title}</h2>
                    <p>{s.empty_body}</p>
                    <h3>{s.examples}</h3>
                    <ul class="examples">{examples}</ul>
                </section>
            }
            .into_any();
        }
        // While the next search is pending, the previous results stay (no flicker).
        let Some(found) = outcome.get() else {
            let waiting =
                (!ready.get() && !matches!(load.get(), LoadState::Failed(_))).then_some(s.searching_soon);
            return view! { <p class="waiting">{waiting}</p> }.into_any();
        };
        let verdict = found.result.verdict;
        let no_match = (verdict == Verdict::None).then(|| {
            let issue = text::issue_url(&found.query, dom::encode_component);
            view! {
                <div class="no-match" role="status">
                    <h2>{s.no_match_title}</h2>
                    <p>{s.no_match_body}</p>
                    <a class="issue" href=issue target="_blank" rel="noopener noreferrer">
                        {s.open_issue}
                        " ↗"
                    </a>
                </div>
            }
        });
        let closest = (verdict == Verdict::None && !found.result.hits.is_empty())
            .then(|| view! { <h2 class="closest">{s.closest}</h2> });
        let cards = found
            .result
            .hits
            .into_iter()
            .enumerate()
            .map(|(rank, hit)| {
                let facts = found.facts.clone();
                view! { <ResultCard hit facts ui=lang rank /> }
            })
            .collect_view();
        view! {
            <div class="results" data-verdict=verdict.as_str() data-query=found.query>
                {no_match}
                {closest}
                {cards}
            </div>
        }
        .into_any()
    };

    let footer = move || {
        let s = strings(ui.get());
        let version = match load.get() {
            LoadState::Ready { content_hash, .. } => {
                format!(" · index {}", content_hash.chars().take(8).collect::<String>())
            }
            _ => String::new(),
        };
        view! {
            <footer class="foot">
                <p>{s.footer}{version}</p>
            </footer>
        }
    };

    let state_attr = move || match load.get() {
        LoadState::Ready { .. } => "ready",
        LoadState::Failed(_) => "failed",
        _ => "loading",
    };

    view! {
        <div class="app" class:embed=embed data-state=state_attr>
            {(!embed)
                .then(|| {
                    view! {
                        <header class="top">
                            <div class="brand">
                                <span class="logo" aria-hidden="true"></span>
                                <span class="name">"fixfind"</span>
                            </div>
                            <p class="tagline">{move || strings(ui.get()).tagline}</p>
                            {lang_switch}
                        </header>
                    }
                })}
            <main class="main">
                <div class="search">
                    <label for="q" class="input-label">{move || strings(ui.get()).input_label}</label>
                    <div class="input-wrap">
                        <textarea
                            id="q"
                            node_ref=input
                            rows=if embed { 3 } else { 5 }
                            spellcheck="false"
                            autocomplete="off"
                            autocapitalize="off"
                            placeholder=move || strings(ui.get()).placeholder
                            prop:value=move || shown.get()
                            on:input=move |e| on_input(event_target_value(&e))
                            on:blur=move |_| pinned.set_value(true)
                        ></textarea>
                        {move || {
                            has_text
                                .get()
                                .then(|| {
                                    let s = strings(ui.get());
                                    view! {
                                        <button type="button" class="clear" aria-label=s.clear title=s.clear on:click=move |_| clear()>
                                            "×"
                                        </button>
                                    }
                                })
                        }}
                    </div>
                    {move || {
                        condensed
                            .get()
                            .map(|(bytes, kept, lines, errors)| {
                                let note = i18n::condensed(ui.get(), bytes, kept, lines, errors);
                                view! { <p class="condensed" id="condensed">{note}</p> }
                            })
                    }}
                    <div class="status-row">
                        <p class="status" id="status" aria-live="polite" aria-atomic="true">{status}</p>
                        <p class="keys">{move || strings(ui.get()).keys_hint}</p>
                        {move || embed.then(lang_switch)}
                    </div>
                    {progress}
                </div>
                {failure}
                <div id="results">{results}</div>
            </main>
            {move || (!embed).then(footer)}
        </div>
    }
}
