//! The app's state and the transitions between its states, the way Leptos's todomvc
//! keeps them: plain types whose methods name what happens (a paste is typed, a search is
//! committed, the input is cleared, the address changes, a load is retried).
//!
//! - [`Search`]: what the person is searching for, and in which language;
//! - [`Loaded`]: the bundle and the engine opened from it, its index parts (the
//!   interface language's first), and the section text chunks fetched for the hits
//!   shown, shared by context.

use super::{dom, load, url};
use fixfind::analyze::{Condensed, condense};
use fixfind::engine::{Engine, Hit, SearchResult, Verdict};
use fixfind::present::status::{LoadError, LoadState, TextLoads, TextState};
use fixfind::section::{Lang, Section};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Pause in typing before a search runs.
const DEBOUNCE_MS: u32 = 150;
/// After the index opens, how long to wait before warming the search path up; a query
/// from the address runs first.
const WARM_UP_DELAY_MS: u32 = 50;
/// Rounds of warm-up searches. The browser first runs wasm with its baseline compiler and
/// recompiles a function optimised only once it has run hot: measured in headless
/// Chromium, the first ten or so searches took 12–28 ms against 2–3 ms after
/// (bench/README.md, "Stop 24"). Each round searches every paste of [`WARM_UP_PASTES`].
const WARM_UP_ROUNDS: u32 = 6;
/// Pause between two warm-up searches, each its own task, so that typing, painting and
/// the other part's download go on in between.
const WARM_UP_GAP_MS: u32 = 15;
/// Pastes that between them take every path of a search, in both languages: a Milvus log
/// line (prefixes, masks, an identifier, a template, placeholder facts), a Chinese
/// question (bigrams, the Chinese part), a client traceback with an error code, and a
/// short phrase. One English log line alone left a Chinese page's first queries on the
/// baseline code (8–14 ms at stop 29).
const WARM_UP_PASTES: [(&str, Lang); 4] = [
    (
        "[2024/05/07 09:12:44.123 +00:00] [WARN] [proxy/impl.go:2954] [\"failed to search\"] \
         [error=\"collection not loaded[collection=449876543210987654]\"] pod my-release-etcd-0",
        Lang::En,
    ),
    ("etcd 的 pod 一直 CrashLoopBackOff 重启，查询报错 集合没有加载，怎么恢复数据？", Lang::Zh),
    (
        "Traceback (most recent call last):\n  File \"app.py\", line 12, in <module>\n    \
         client.insert(\"docs\", rows)\npymilvus.exceptions.MilvusException: <MilvusException: \
         (code=1100, message=the dim (512) of field data(vector) is not equal to schema dim (768))>",
        Lang::En,
    ),
    ("index not found", Lang::Zh),
];

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

/// The bundle's load state, the engine opened from it and the text chunks on their way.
/// Components reach it by context ([`Loaded::get`]), not through a global.
#[derive(Clone, Copy)]
pub struct Loaded {
    pub state: RwSignal<LoadState>,
    /// The engine, once open; changed only to attach text chunks.
    engine: StoredValue<Option<Engine>, LocalStorage>,
    /// Whether the engine is open: a search waiting for it tracks this.
    open: RwSignal<bool>,
    /// Text chunks being fetched, or failed (`present::status::TextLoads`).
    texts: RwSignal<TextLoads>,
    /// Counts the chunks attached: cards waiting for their text track it. A search does
    /// not (ranking does not depend on text), so an arriving chunk re-renders only the
    /// cards, keeping their state.
    attached: RwSignal<u32>,
    /// Counts the index parts attached after the first: a search tracks it, so the one
    /// shown is run again over the whole index when the other language arrives.
    parts: RwSignal<u32>,
    /// The language whose part is fetched first: the interface's when the app started.
    first: Lang,
}

impl Loaded {
    /// Starts loading the bundle and the index part of `lang`, the interface language,
    /// and shares the result with every component below.
    pub fn provide(lang: Lang) -> Loaded {
        let loaded = Loaded {
            state: RwSignal::new(LoadState::default()),
            engine: StoredValue::new_local(None),
            open: RwSignal::new(false),
            texts: RwSignal::new(TextLoads::default()),
            attached: RwSignal::new(0),
            parts: RwSignal::new(0),
            first: lang,
        };
        provide_context(loaded);
        spawn_local(loaded.run());
        loaded
    }

    pub fn get() -> Loaded {
        expect_context::<Loaded>()
    }

    /// Searches once the bundle is open (tracked: a search waiting for it reruns).
    pub fn search(self, query: &str, lang: Lang, limit: usize) -> Option<SearchResult> {
        if !self.open.get() {
            return None;
        }
        self.parts.track();
        self.engine.with_value(|e| e.as_ref().map(|e| e.search(query, lang, limit)))
    }

    /// Fetches the chunks `hits` still lack (each once, whoever asks).
    pub fn fetch_text_of(self, hits: &[Hit]) {
        let names = self.engine.with_value(|e| e.as_ref().map(|e| e.missing_text(hits))).unwrap_or_default();
        self.fetch(names);
    }

    /// Fetches the chunk section `id` in `lang` lacks, if any (the other-language switch).
    pub fn fetch_text_of_section(self, id: &str, lang: Lang) {
        let name =
            self.engine.with_value(|e| e.as_ref().and_then(|e| e.text_chunk(id, lang).map(str::to_owned)));
        self.fetch(name.into_iter().collect());
    }

    fn fetch(self, names: Vec<String>) {
        if names.is_empty() {
            return;
        }
        let started = self.texts.try_update(|t| t.start(names)).unwrap_or_default();
        for name in started {
            spawn_local(self.fetch_one(name));
        }
    }

    async fn fetch_one(self, name: String) {
        let outcome = load::fetch_beside(&name, |_, _| {}).await.and_then(|bytes| {
            self.engine
                .try_update_value(|e| e.as_mut().map(|e| e.attach(&name, &bytes).map_err(|e| e.to_string())))
                .flatten()
                .unwrap_or(Ok(()))
        });
        let attached = outcome.is_ok();
        self.texts.try_update(|t| t.finish(&name, outcome));
        if attached {
            self.attached.try_update(|n| *n += 1);
        }
    }

    /// Fills in `hit`'s text once its chunk is attached (`hit` is one of the hits shown
    /// for `query` under `verdict`); tracked, so a card waiting for text re-renders.
    pub fn complete(self, query: &str, verdict: Verdict, hit: &mut Hit) {
        self.attached.track();
        if !hit.text_pending {
            return;
        }
        let mut one = SearchResult { verdict, hits: vec![hit.clone()] };
        if self.engine.with_value(|e| e.as_ref().map_or(0, |e| e.complete(query, &mut one))) > 0 {
            *hit = one.hits.remove(0);
        }
    }

    /// A section of the loaded index, for the other-language switch of a card, and
    /// whether its text is still missing; tracked.
    pub fn section(self, id: &str, lang: Lang) -> Option<(Section, bool)> {
        self.attached.track();
        self.engine.with_value(|e| {
            let e = e.as_ref()?;
            Some((e.section(id, lang)?.clone(), e.text_chunk(id, lang).is_some()))
        })
    }

    /// Where the text of section `id` in `lang` is, when it is not attached: loading, or
    /// failed and why. Tracked.
    pub fn text_state(self, id: &str, lang: Lang) -> Option<TextState> {
        let name =
            self.engine.with_value(|e| e.as_ref().and_then(|e| e.text_chunk(id, lang).map(str::to_owned)));
        self.texts.with(|t| t.state(&name?).cloned())
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
        let mut engine = match Engine::open(&bytes) {
            Ok(engine) => engine,
            Err(error) => return self.state.update(|s| s.finish(Err(error.into()))),
        };
        // The interface language's part first: the first search waits for it alone.
        let mut parts = engine.missing_parts(self.first).into_iter();
        if let Some(name) = parts.next() {
            let attached = load::fetch_beside(&name, progress)
                .await
                .and_then(|bytes| engine.attach_part(&name, &bytes).map_err(|e| e.to_string()));
            if let Err(why) = attached {
                return self.state.update(|s| s.finish(Err(LoadError::Bundle(why))));
            }
        }
        dom::mark("fixfind-engine-open");
        let info = (engine.info().sections, engine.info().content_hash.clone());
        self.engine.set_value(Some(engine));
        self.open.set(true);
        self.state.update(|s| s.finish(Ok(info)));
        spawn_local(self.warm_up());
        // The other languages follow; the search shown reruns over each.
        for name in parts {
            let attached = load::fetch_beside(&name, |_, _| {}).await.and_then(|bytes| {
                self.engine
                    .try_update_value(|e| {
                        e.as_mut().map(|e| e.attach_part(&name, &bytes).map_err(|e| e.to_string()))
                    })
                    .flatten()
                    .unwrap_or(Ok(()))
            });
            // Searching goes on over the parts attached; the failure says which file and
            // offers a Retry.
            if let Err(why) = attached {
                return self.state.update(|s| s.finish(Err(LoadError::Bundle(why))));
            }
            self.parts.update(|n| *n += 1);
        }
        dom::mark("fixfind-index-whole");
    }

    /// Runs the search path a few times, a task apart, so that the browser compiles it
    /// and then optimises it before the person's first query needs it.
    async fn warm_up(self) {
        TimeoutFuture::new(WARM_UP_DELAY_MS).await;
        for _ in 0..WARM_UP_ROUNDS {
            for (paste, lang) in WARM_UP_PASTES {
                self.engine.with_value(|e| e.as_ref().map(|e| warm_up(e, paste, lang)));
                TimeoutFuture::new(WARM_UP_GAP_MS).await;
            }
        }
    }
}

fn warm_up(engine: &Engine, paste: &str, lang: Lang) {
    let result = engine.search(paste, lang, super::LIMIT);
    let _ = fixfind::fill::facts(paste);
    std::hint::black_box(result);
}
