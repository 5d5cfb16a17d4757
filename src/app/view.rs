//! The page's components, one per part of the screen: the header, the input, the status
//! row and progress bar, the load failure, the results, the footer. Each reads the state
//! it shows ([`Search`], [`Loaded`]) and calls its transitions; none decides what to show
//! of a result, `fixfind::present` does.

use super::Outcome;
use super::card::ResultCard;
use super::dom;
use super::state::{Loaded, Search};
use fixfind::engine::Verdict;
use fixfind::present::i18n::{self, strings};
use fixfind::present::status::{self, LoadState};
use fixfind::present::text;
use fixfind::section::Lang;
use leptos::prelude::*;

#[component]
pub fn Header(search: Search) -> impl IntoView {
    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true"></span>
                <span class="name">"fixfind"</span>
            </div>
            <p class="tagline">{move || strings(search.lang.get()).tagline}</p>
            <LangSwitch search />
        </header>
    }
}

/// Switches the interface (and the results) to the other language.
#[component]
fn LangSwitch(search: Search) -> impl IntoView {
    move || {
        let lang = search.lang.get();
        let s = strings(lang);
        view! {
            <button
                type="button"
                class="lang-switch"
                lang=i18n::html_lang(lang.other())
                aria-label=s.switch_label
                on:click=move |_| search.switch_lang(lang.other())
            >
                {s.switch_to}
            </button>
        }
    }
}

/// The paste box, its clear button, and the note for a long paste cut to its error lines.
#[component]
pub fn SearchInput(search: Search, input: NodeRef<leptos::html::Textarea>, embed: bool) -> impl IntoView {
    let on_input = move |value: String| {
        if let Some(short) = search.type_text(value)
            && let Some(area) = input.get_untracked()
        {
            area.set_value(&short);
        }
    };
    let clear = move || {
        search.clear();
        if let Some(area) = input.get_untracked() {
            let _ = area.focus();
        }
    };
    let has_text = Memo::new(move |_| search.query.with(|q| !q.is_empty()));
    view! {
        <label for="q" class="input-label">{move || strings(search.lang.get()).input_label}</label>
        <div class="input-wrap">
            <textarea
                id="q"
                node_ref=input
                rows=if embed { 3 } else { 5 }
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder=move || strings(search.lang.get()).placeholder
                prop:value=move || search.shown.get()
                on:input=move |e| on_input(event_target_value(&e))
                on:blur=move |_| search.pin()
            ></textarea>
            {move || {
                has_text
                    .get()
                    .then(|| {
                        let s = strings(search.lang.get());
                        view! {
                            <button
                                type="button"
                                class="clear"
                                aria-label=s.clear
                                title=s.clear
                                on:click=move |_| clear()
                            >
                                "×"
                            </button>
                        }
                    })
            }}
        </div>
        {move || {
            search
                .condensed
                .get()
                .map(|n| {
                    let note = i18n::condensed(search.lang.get(), n.bytes, n.kept, n.lines, n.errors);
                    view! { <p class="condensed" id="condensed">{note}</p> }
                })
        }}
    }
}

/// Load progress, then the size of the knowledge base or the count and time of a search.
#[component]
pub fn StatusRow(search: Search, outcome: RwSignal<Option<Outcome>>, embed: bool) -> impl IntoView {
    let loaded = Loaded::get();
    let line = move || {
        let searched = !search.committed.with(|q| q.trim().is_empty());
        let outcome = outcome.get().filter(|_| searched);
        loaded
            .state
            .with(|load| status::line(search.lang.get(), load, outcome.as_ref().map(|o| (&o.result, o.ms))))
    };
    view! {
        <div class="status-row">
            <p class="status" id="status" aria-live="polite" aria-atomic="true">{line}</p>
            <p class="keys">{move || strings(search.lang.get()).keys_hint}</p>
            {embed.then(|| view! { <LangSwitch search /> })}
        </div>
    }
}

/// A progress bar while the bundle downloads: determinate when its size is known.
#[component]
pub fn Progress() -> impl IntoView {
    let loaded = Loaded::get();
    move || {
        loaded.state.with(|load| match (load.fraction(), load) {
            (Some((value, max)), _) => Some(
                view! { <progress class="load" max=max.to_string() value=value.to_string()></progress> }
                    .into_any(),
            ),
            (None, LoadState::Loading { .. }) => {
                Some(view! { <progress class="load"></progress> }.into_any())
            }
            _ => None,
        })
    }
}

/// Why the bundle could not be used, and a Retry button.
#[component]
pub fn LoadFailure(lang: RwSignal<Lang>) -> impl IntoView {
    let loaded = Loaded::get();
    move || {
        let message = loaded.state.with(|load| match load {
            LoadState::Failed(error) => Some(error.to_string()),
            _ => None,
        })?;
        let s = strings(lang.get());
        Some(view! {
            <div class="load-error" role="alert">
                <h2>{s.load_failed}</h2>
                <p class="detail">{message}</p>
                <button type="button" on:click=move |_| loaded.retry()>{s.retry}</button>
            </div>
        })
    }
}

/// Examples while nothing is searched; then the result cards, under a "no confident
/// match" note when the engine has no answer it trusts.
#[component]
pub fn Results(search: Search, outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    let loaded = Loaded::get();
    move || {
        let lang = search.lang.get();
        if search.committed.with(|q| q.trim().is_empty()) {
            return view! { <Empty search lang /> }.into_any();
        }
        // While the next search is pending, the previous results stay (no flicker).
        let Some(found) = outcome.get() else {
            let waiting = loaded
                .state
                .with(|l| matches!(l, LoadState::Loading { .. }))
                .then_some(strings(lang).searching_soon);
            return view! { <p class="waiting">{waiting}</p> }.into_any();
        };
        let verdict = found.result.verdict;
        let no_match = (verdict == Verdict::None).then(|| {
            let s = strings(lang);
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
            .then(|| view! { <h2 class="closest">{strings(lang).closest}</h2> });
        let facts = found.facts;
        let query = found.query.clone();
        let cards = found
            .result
            .hits
            .into_iter()
            .enumerate()
            .map(|(rank, hit)| {
                view! { <ResultCard hit facts=facts.clone() ui=lang rank query=query.clone() verdict /> }
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
    }
}

/// The empty state: what fixfind is for, and examples that search at a click.
#[component]
fn Empty(search: Search, lang: Lang) -> impl IntoView {
    let s = strings(lang);
    let examples = i18n::examples(lang)
        .iter()
        .map(|example| {
            let example = (*example).to_owned();
            let label = example.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="example"
                        on:click=move |_| search.commit(example.clone(), true)
                    >
                        {label}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="empty" aria-labelledby="empty-title">
            <h2 id="empty-title">{s.empty_title}</h2>
            <p>{s.empty_body}</p>
            <h3>{s.examples}</h3>
            <ul class="examples">{examples}</ul>
        </section>
    }
}

/// Privacy note and which index answers.
#[component]
pub fn Footer(lang: RwSignal<Lang>) -> impl IntoView {
    let loaded = Loaded::get();
    view! {
        <footer class="foot">
            <p>{move || strings(lang.get()).footer}{move || loaded.state.with(|l| l.version_note())}</p>
        </footer>
    }
}
