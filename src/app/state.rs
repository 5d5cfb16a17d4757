//! The app's state and the transitions between its states, the way Leptos's todomvc
//! keeps them: plain types whose methods name what happens (a paste is typed, a search is
//! committed, the input is cleared, the address changes, a load is retried).
//!
//! - [`Search`]: what the person is searching for, and in which language;
//! - [`Loaded`]: the bundle and the engine opened from it, shared by context.

use super::{dom, load, url};
use fixfind::analyze::{Condensed, condense};
use fixfind::engine::Engine;
use fixfind::present::status::LoadState;
use fixfind::section::{Lang, Section};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// Pause in typing before a search runs.
const DEBOUNCE_MS: u32 = 150;
/// After the index opens, how long to wait before warming the search path up; a query
/// from the address runs first.
const WARM_UP_DELAY_MS: u32 = 50;
/// A paste that takes every step of a search: log prefixes, masks, an identifier, Chinese
/// bigrams, a template, snippets, placeholder facts.
const WARM_UP_QUERY: &str = "[2024/05/07 09:12:44.123 +00:00] [WARN] [proxy/impl.go:2954] \
    [\"failed to search\"] [error=\"collection not loaded[collection=449876543210987654]\"] \
    pod my-release-etcd-0 查询报错";

/// A long paste replaced by the lines the search reads, for the note under the input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CondensedNote {
    pub bytes: usize,
    pub kept: usize,
    pub lines: usize,
    /// Whether the kept lines carry errors (otherwise they are the paste's last lines).
    pub errors: bool,
}

impl CondensedNote {
    fn of(pasted: &str, short: &Condensed) -> CondensedNote {
        CondensedNote { bytes: pasted.len(), kept: short.kept, lines: short.lines, errors: short.errors }
    }
}

/// What the person is searching for. Every field is a signal, so the type is `Copy` and
/// each event handler takes it by value.
#[derive(Clone, Copy)]
pub struct Search {
    /// The text of the input, after condensing.
    pub query: RwSignal<String>,
    /// What the app itself writes into the input (examples, clearing, history). Typing
    /// does not write back: copying a megabyte paste into the textarea again on every
    /// keystroke would cost more than searching it.
    pub shown: RwSignal<String>,
    /// The text searched: typing commits after a pause, everything else at once.
    pub committed: RwSignal<String>,
    pub condensed: RwSignal<Option<CondensedNote>>,
    /// The interface language; results follow it.
    pub lang: RwSignal<Lang>,
    /// Whether the next change of the address makes a new history entry: true after a
    /// distinct search (load, blur, example, language, history), false while typing.
    pinned: StoredValue<bool>,
    pending: StoredValue<Option<Timeout>, LocalStorage>,
}

impl Search {
    /// Starts from `initial` (the address, or text typed into the static shell before the
    /// app ran), condensed like a paste when it is a whole log.
    pub fn new(initial: String, lang: Lang) -> Search {
        let (text, note) = match condense(&initial) {
            Some(short) => {
                let note = CondensedNote::of(&initial, &short);
                (short.text, Some(note))
            }
            None => (initial, None),
        };
        Search {
            query: RwSignal::new(text.clone()),
            shown: RwSignal::new(text.clone()),
            committed: RwSignal::new(text),
            condensed: RwSignal::new(note),
            lang: RwSignal::new(lang),
            pinned: StoredValue::new(true),
            pending: StoredValue::new_local(None),
        }
    }

    /// Text typed or pasted. A whole log is replaced by its error lines, which are returned
    /// to be written into the input before the browser lays the paste out; the search runs
    /// after a pause, and the first change after a pin makes a history entry.
    pub fn type_text(self, value: String) -> Option<String> {
        let (value, replaced) = match condense(&value) {
            Some(short) => {
                self.condensed.set(Some(CondensedNote::of(&value, &short)));
                (short.text.clone(), Some(short.text))
            }
            None => {
                if self.condensed.get_untracked().is_some() {
                    self.condensed.set(None);
                }
                (value, None)
            }
        };
        self.query.set(value);
        let timer = Timeout::new(DEBOUNCE_MS, move || {
            self.committed.set(self.query.get_untracked());
            self.write_url(self.pinned.get_value());
        });
        self.pending.update_value(|t| *t = Some(timer));
        replaced
    }

    /// Searches `value` at once (an example, the cleared input, a step in history).
    pub fn commit(self, value: String, push: bool) {
        self.pending.update_value(|t| *t = None);
        self.condensed.set(None);
        self.query.set(value.clone());
        self.shown.set(value.clone());
        self.committed.set(value);
        if push {
            self.write_url(true);
        }
        self.pinned.set_value(true);
    }

    pub fn clear(self) {
        self.commit(String::new(), true);
    }

    /// The person left the input: what they typed is a search of its own in history.
    pub fn pin(self) {
        self.pinned.set_value(true);
    }

    pub fn switch_lang(self, lang: Lang) {
        self.lang.set(lang);
        dom::save_lang(lang);
        self.write_url(true);
        self.pinned.set_value(true);
    }

    /// Back, forward or an edited address: the search the address now names.
    pub fn follow_address(self) {
        let state = url::read();
        if let Some(lang) = state.lang
            && lang != self.lang.get_untracked()
        {
            self.lang.set(lang);
        }
        let q = state.query.unwrap_or_default();
        if q != self.query.get_untracked() {
            self.commit(q, false);
        }
        self.pinned.set_value(true);
    }

    fn write_url(self, push: bool) {
        let wrote = url::write(&self.committed.get_untracked(), self.lang.get_untracked(), push);
        if wrote && push {
            self.pinned.set_value(false);
        }
    }
}

/// The bundle's load state and the engine opened from it. Components reach it by context
/// ([`Loaded::get`]), not through a global.
#[derive(Clone, Copy)]
pub struct Loaded {
    pub state: RwSignal<LoadState>,
    engine: RwSignal<Option<Rc<Engine>>, LocalStorage>,
}

impl Loaded {
    /// Starts loading the bundle and shares the result with every component below.
    pub fn provide() -> Loaded {
        let loaded = Loaded { state: RwSignal::new(LoadState::default()), engine: RwSignal::new_local(None) };
        provide_context(loaded);
        spawn_local(loaded.run());
        loaded
    }

    pub fn get() -> Loaded {
        expect_context::<Loaded>()
    }

    /// The engine, once the bundle is open; tracked, so a search waiting for it reruns.
    pub fn engine(self) -> Option<Rc<Engine>> {
        self.engine.get()
    }

    /// A section of the loaded index, for the other-language switch of a card.
    pub fn section(self, id: &str, lang: Lang) -> Option<Section> {
        self.engine.with_untracked(|e| e.as_ref().and_then(|e| e.section(id, lang).cloned()))
    }

    /// Loads again after a failure; a click while a load runs starts nothing.
    pub fn retry(self) {
        if self.state.try_update(LoadState::retry).unwrap_or(false) {
            spawn_local(self.run());
        }
    }

    async fn run(self) {
        let progress = move |received, total| self.state.update(|s| s.progress(received, total));
        let bytes = match load::fetch_bundle(progress).await {
            Ok(bytes) => bytes,
            Err(error) => return self.state.update(|s| s.finish(Err(error))),
        };
        dom::mark("fixfind-bundle-loaded");
        // Opening takes a few dozen milliseconds: no frame is spent painting an "opening"
        // state first.
        match Engine::open(&bytes) {
            Ok(engine) => {
                dom::mark("fixfind-engine-open");
                let info = (engine.info().sections, engine.info().content_hash.clone());
                let engine = Rc::new(engine);
                self.engine.set(Some(engine.clone()));
                self.state.update(|s| s.finish(Ok(info)));
                // The browser compiles wasm functions on their first call: one search in
                // the next idle moment compiles the search path, so the user's first
                // query does not pay for it (up to 25 ms on a cold page).
                Timeout::new(WARM_UP_DELAY_MS, move || warm_up(&engine)).forget();
            }
            Err(error) => self.state.update(|s| s.finish(Err(error.into()))),
        }
    }
}

fn warm_up(engine: &Engine) {
    let result = engine.search(WARM_UP_QUERY, Lang::En, super::LIMIT);
    let _ = fixfind::fill::facts(WARM_UP_QUERY);
    std::hint::black_box(result);
}
