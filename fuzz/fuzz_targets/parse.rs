//! Arbitrary markdown / HTML (with or without front matter) as one content page, in both
//! languages. Must yield sections or diagnostics, never panic.
#![no_main]

use fixfind::Lang;
use fixfind::parse::parse_page_str;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for lang in Lang::ALL {
        let content = parse_page_str(&text, lang);
        assert_eq!(content.sections.len(), content.locations.len());
        for section in &content.sections {
            assert_eq!(section.lang, lang);
        }
    }
});
