//! The knowledge base's own records: every section says where its problem was seen, and
//! the committed topic registry (`content/TOPICS.md`) is what the content says.

mod common;

use fixfind::parse;

#[test]
fn every_section_names_where_it_was_seen() {
    let content = parse::load(&[common::root().join("content")]);
    let missing: Vec<String> = content
        .sections
        .iter()
        .zip(&content.locations)
        .filter(|(s, _)| s.sources.is_empty())
        .map(|(s, (file, line))| format!("{}:{line}: `{}` has no `Seen in:`", file.display(), s.id))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn the_topic_registry_is_up_to_date() {
    let content = parse::load(&[common::root().join("content")]);
    let committed = std::fs::read_to_string(common::root().join("content/TOPICS.md")).unwrap_or_default();
    assert!(
        committed == parse::registry::markdown(&content.sections),
        "content/TOPICS.md is stale: run `cargo run -- topics > content/TOPICS.md`"
    );
}
