//! Arbitrary bytes as a bundle: `Engine::open` must return an error (or, for a valid
//! bundle, an engine), never panic.
#![no_main]

use fixfind::index::Bundle;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Bundle::header(data);
    if let Ok(engine) = fixfind::Engine::open(data) {
        // Only reachable with a real bundle (the seed); it must also search.
        let _ = engine.search("connection refused", fixfind::Lang::En, 5);
    }
});
