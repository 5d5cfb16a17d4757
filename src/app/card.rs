//! One result: where it sits in the docs, why it matched, the text, the commands.
//!
//! The title, badge and why-it-matched show at once; the text and commands come with the
//! page's text chunk (a short loading line until then, the reason if it fails).
//!
//! Everything from the index or the user is rendered as text nodes; nothing here builds
//! HTML from strings.

use super::dom::{self, Copied};
use super::state::Loaded;
use fixfind::engine::{Hit, Verdict};
use fixfind::fill::{self, Facts, Segment};
use fixfind::present::i18n::{self, strings};
use fixfind::present::status::{TextState, text_line};
use fixfind::present::text::{highlight_runs, safe_link, truncate_chars};
use fixfind::present::{self, Provenance};
use fixfind::section::{Command, Lang, Section};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Characters of section text shown when reading a section in the other language.
const OTHER_TEXT_CHARS: usize = 360;

/// What a card shows: the hit itself, or the same section in the other language.
struct Shown {
    lang: Lang,
    title: String,
    breadcrumb: Vec<String>,
    url: Option<String>,
    runs: Vec<(String, bool)>,
    commands: Vec<Command>,
}

impl Shown {
    fn of_hit(hit: &Hit) -> Shown {
        Shown {
            lang: hit.lang,
            title: hit.title.clone(),
            breadcrumb: hit.breadcrumb.clone(),
            url: hit.url.clone(),
            runs: hit.snippet.as_ref().map_or_else(Vec::new, |s| highlight_runs(&s.text, &s.highlights)),
            commands: hit.commands.clone(),
        }
    }

    fn of_section(section: &Section) -> Shown {
        Shown {
            lang: section.lang,
            title: section.title.clone(),
            breadcrumb: section.breadcrumb.clone(),
            url: section.url.clone(),
            runs: vec![(truncate_chars(&section.text, OTHER_TEXT_CHARS), false)],
            commands: section.commands.clone(),
        }
    }
}

/// The badge's class (its colour) and words.
fn badge(ui: Lang, confidence: Verdict) -> (&'static str, &'static str) {
    let class = match confidence {
        Verdict::Strong => "badge strong",
        Verdict::Possible => "badge possible",
        Verdict::None => "badge weak",
    };
    (class, present::verdict_label(ui, confidence))
}

#[component]
pub fn ResultCard(
    hit: Hit,
    facts: Facts,
    ui: Lang,
    rank: usize,
    query: String,
    verdict: Verdict,
) -> impl IntoView {
    let s = strings(ui);
    let loaded = Loaded::get();
    let has_other = hit.other_lang && loaded.section(&hit.id, hit.lang.other()).is_some();
    let show_other = RwSignal::new(false);
    let own = StoredValue::new(hit.clone());
    let facts = StoredValue::new(facts);
    let query = StoredValue::new(query);
    let (id, own_lang) = (hit.id.clone(), hit.lang);
    let title_id = format!("result-{rank}");
    let (badge_class, badge_text) = badge(ui, hit.confidence);
    let only_other = (hit.lang != ui).then_some(s.only_other);
    let matched = hit.matched.clone();
    let provenance = Provenance::of(&hit).map(|provenance| view! { <ProvenanceLine provenance ui /> });
    let toggle_label = move || if show_other.get() { s.read_back } else { s.read_other };

    let body = move || {
        // The language shown, its section's text once attached, and what to say until then.
        let lang = if show_other.get() && has_other { own_lang.other() } else { own_lang };
        let (shown, pending) = match loaded.section(&id, lang) {
            Some((section, pending)) if lang != own_lang => (Shown::of_section(&section), pending),
            _ => {
                let mut hit = own.get_value();
                loaded.complete(&query.get_value(), verdict, &mut hit);
                if !hit.text_pending && own.with_value(|h| h.text_pending) {
                    own.set_value(hit.clone());
                }
                (Shown::of_hit(&hit), hit.text_pending)
            }
        };
        let pending = pending.then(|| {
            let state = loaded.text_state(&id, lang);
            let failed = matches!(state, Some(TextState::Failed(_)));
            let line = text_line(ui, state.as_ref());
            let retry_id = id.clone();
            view! {
                <p
                    class="text-pending"
                    class:failed=failed
                    data-text=if failed { "failed" } else { "loading" }
                    role=if failed { "alert" } else { "status" }
                >
                    {line}
                    {failed
                        .then(|| {
                            view! {
                                " "
                                <button
                                    type="button"
                                    class="text-retry"
                                    on:click=move |_| loaded.fetch_text_of_section(&retry_id, lang)
                                >
                                    {s.retry}
                                </button>
                            }
                        })}
                </p>
            }
        });
        let facts = facts.get_value();
        let placeholders = shown
            .commands
            .iter()
            .any(|c| fill::segments(&c.text, &facts).iter().any(|s| matches!(s, Segment::Placeholder(_))));
        let title_id = title_id.clone();
        view! {
            <div class="card-body" lang=i18n::html_lang(shown.lang)>
                <ol class="crumbs">
                    {shown.breadcrumb.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                </ol>
                <h2 class="card-title" id=title_id>{shown.title}</h2>
                {pending}
                <p class="snippet">
                    {shown
                        .runs
                        .into_iter()
                        .map(|(t, marked)| {
                            if marked { view! { <mark>{t}</mark> }.into_any() } else { t.into_any() }
                        })
                        .collect_view()}
                </p>
                {(!shown.commands.is_empty())
                    .then(|| {
                        view! {
                            <div class="commands" role="group" aria-label=s.commands>
                                {shown
                                    .commands
                                    .into_iter()
                                    .map(|command| {
                                        let segments = fill::segments(&command.text, &facts);
                                        view! { <CommandBlock command segments ui /> }
                                    })
                                    .collect_view()}
                            </div>
                        }
                    })}
                {placeholders.then(|| view! { <p class="hint">{s.placeholder_hint}</p> })}
                {shown
                    .url
                    .as_deref()
                    .and_then(safe_link)
                    .map(|url| {
                        view! {
                            <a class="source" href=url.to_owned() target="_blank" rel="noopener noreferrer">
                                {s.source}
                                " ↗"
                            </a>
                        }
                    })}
            </div>
        }
    };

    view! {
        <article
            class="card"
            data-id=hit.id.clone()
            data-lang=move || if show_other.get() { hit.lang.other().as_str() } else { hit.lang.as_str() }
            data-confidence=hit.confidence.as_str()
            aria-labelledby=format!("result-{rank}")
        >
            <div class="card-meta">
                <span class=badge_class>{badge_text}</span>
                {only_other.map(|t| view! { <span class="note">{t}</span> })}
                {has_other
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="other-lang"
                                aria-pressed=move || show_other.get().to_string()
                                on:click={
                                    let id = hit.id.clone();
                                    move |_| {
                                        show_other.update(|v| *v = !*v);
                                        if show_other.get_untracked() {
                                            loaded.fetch_text_of_section(&id, own_lang.other());
                                        }
                                    }
                                }
                            >
                                {toggle_label}
                            </button>
                        }
                    })}
            </div>
            {body}
            {provenance}
            {(!matched.is_empty())
                .then(|| {
                    view! {
                        <div class="why">
                            <span class="why-label">{s.why}</span>
                            <ul class="terms">
                                {matched
                                    .into_iter()
                                    .map(|t| view! { <li><code>{t}</code></li> })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })}
        </article>
    }
}

/// The codes a section explains, the threads where its problem was seen (links to
/// GitHub) and the release that fixed it: "Seen in milvus-io/milvus#123 · fixed in 2.4.5".
#[component]
fn ProvenanceLine(provenance: Provenance, ui: Lang) -> impl IntoView {
    let s = strings(ui);
    let Provenance { codes, sources, fixed_in } = provenance;
    view! {
        <p class="provenance">
            {(!codes.is_empty())
                .then(|| view! { <span class="codes">{s.codes}" "<code>{codes}</code></span> })}
            {(!sources.is_empty())
                .then(|| {
                    view! {
                        <span class="seen">
                            {s.seen_in}
                            " "
                            {sources
                                .into_iter()
                                .enumerate()
                                .map(|(k, source)| {
                                    view! {
                                        {(k > 0).then_some(", ")}
                                        <a href=source.url() target="_blank" rel="noopener noreferrer">
                                            {source.to_string()}
                                        </a>
                                    }
                                })
                                .collect_view()}
                        </span>
                    }
                })}
            {fixed_in.map(|v| view! { <span class="fixed">{s.fixed_in}" "<strong>{v}</strong></span> })}
        </p>
    }
}

/// A command with its note, placeholders marked (filled from the paste where it tells
/// their value), and a Copy button that copies exactly what is shown.
#[component]
fn CommandBlock(command: Command, segments: Vec<Segment>, ui: Lang) -> impl IntoView {
    let s = strings(ui);
    let state = RwSignal::new(None::<Copied>);
    let filled = segments.iter().any(|s| matches!(s, Segment::Filled { .. }));
    let shown: String = segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) | Segment::Placeholder(t) => t.as_str(),
            Segment::Filled { value, .. } => value.as_str(),
        })
        .collect();
    let text = StoredValue::new(shown);
    let on_copy = move |_| {
        let text = text.get_value();
        spawn_local(async move {
            let result = dom::copy(&text).await;
            if state.try_set(Some(result)).is_none() && result != Copied::Failed {
                Timeout::new(2000, move || {
                    state.try_set(None);
                })
                .forget();
            }
        });
    };
    let copied_attr = move || match state.get() {
        Some(Copied::Clipboard) => Some("clipboard"),
        Some(Copied::Fallback) => Some("fallback"),
        Some(Copied::Failed) => Some("failed"),
        None => None,
    };
    let label = move || match state.get() {
        Some(Copied::Clipboard | Copied::Fallback) => format!("✓ {}", s.copied),
        _ => s.copy.to_owned(),
    };
    view! {
        <figure class="cmd">
            {command.note.map(|note| view! { <figcaption class="cmd-note">{note}</figcaption> })}
            <div class="cmd-row">
                <pre class="cmd-text" data-lang=command.lang>
                    <code>
                        {segments
                            .into_iter()
                            .map(|segment| match segment {
                                Segment::Text(t) => t.into_any(),
                                Segment::Placeholder(p) => view! { <span class="ph">{p}</span> }.into_any(),
                                Segment::Filled { placeholder, value } => {
                                    view! {
                                        <span
                                            class="filled"
                                            title=format!("{} {placeholder}", s.filled_title)
                                        >
                                            {value}
                                        </span>
                                    }
                                        .into_any()
                                }
                            })
                            .collect_view()}
                    </code>
                </pre>
                <button
                    type="button"
                    class="copy"
                    class:done=move || matches!(state.get(), Some(Copied::Clipboard | Copied::Fallback))
                    title=s.copy_label
                    data-copied=copied_attr
                    on:click=on_copy
                >
                    <span aria-live="polite">{label}</span>
                </button>
            </div>
            {filled
                .then(|| {
                    view! {
                        <p class="filled-note">
                            {s.filled_note}
                            " "
                            <code>{command.text}</code>
                        </p>
                    }
                })}
            {move || {
                (state.get() == Some(Copied::Failed))
                    .then(|| view! { <p class="copy-failed" role="alert">{s.copy_failed}</p> })
            }}
        </figure>
    }
}
