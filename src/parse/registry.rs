//! The topic registry: what the knowledge base covers, by family (page), as markdown.
//!
//! `fixfind topics > content/TOPICS.md` writes it; a test keeps the committed copy equal
//! to what the content says, so the record of what is covered cannot drift from it.

use crate::section::{Lang, Section};
use std::collections::BTreeMap;
use std::fmt::Write;

/// One topic: a section id with its title in each language.
#[derive(Default)]
struct Topic<'a> {
    titles: BTreeMap<Lang, &'a str>,
    codes: &'a [u32],
    sources: Vec<String>,
    fixed_in: Option<&'a str>,
}

/// A family: one page, its topics in page order.
struct Family<'a> {
    page: &'a str,
    title: &'a str,
    topics: Vec<(&'a str, Topic<'a>)>,
}

/// The registry of `sections` as a markdown document.
pub fn markdown(sections: &[Section]) -> String {
    let mut families: Vec<Family> = Vec::new();
    for section in sections {
        let at = match families.iter().position(|f| f.page == section.page) {
            Some(at) => at,
            None => {
                let title = section.breadcrumb.first().map_or(section.page.as_str(), String::as_str);
                families.push(Family { page: &section.page, title, topics: Vec::new() });
                families.len() - 1
            }
        };
        let topics = &mut families[at].topics;
        let topic = match topics.iter().position(|(id, _)| *id == section.id) {
            Some(k) => &mut topics[k].1,
            None => {
                topics.push((&section.id, Topic::default()));
                &mut topics.last_mut().expect("just pushed").1
            }
        };
        topic.titles.insert(section.lang, &section.title);
        if section.lang == Lang::En || topic.codes.is_empty() {
            topic.codes = &section.codes;
            topic.sources = section.sources.iter().map(|s| format!("[{s}]({})", s.url())).collect();
            topic.fixed_in = section.fixed_in.as_deref();
        }
    }
    // English family titles where a family has them.
    for family in &mut families {
        if let Some(en) = sections.iter().find(|s| s.page == family.page && s.lang == Lang::En) {
            family.title = en.breadcrumb.first().map_or(family.title, String::as_str);
        }
    }

    let topics: usize = families.iter().map(|f| f.topics.len()).sum();
    let mut codes: Vec<u32> =
        families.iter().flat_map(|f| f.topics.iter().flat_map(|(_, t)| t.codes.iter().copied())).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut out = String::new();
    let _ = writeln!(out, "# Topics\n");
    let _ = writeln!(
        out,
        "What the knowledge base covers, by family. Generated from `content/` by `fixfind topics > content/TOPICS.md`; do not edit by hand.\n"
    );
    let _ = writeln!(
        out,
        "{topics} topics in {} families; {} error codes claimed.\n",
        families.len(),
        codes.len()
    );
    let _ = writeln!(out, "| family | page | topics | codes |\n|---|---|--:|---|");
    for Family { page, title, topics } in &families {
        let mut codes: Vec<u32> = topics.iter().flat_map(|(_, t)| t.codes.iter().copied()).collect();
        codes.sort_unstable();
        codes.dedup();
        let codes: Vec<String> = codes.iter().map(u32::to_string).collect();
        let _ = writeln!(out, "| {title} | `{page}` | {} | {} |", topics.len(), codes.join(", "));
    }
    for Family { page, title, topics } in &families {
        let _ = writeln!(out, "\n## {title} (`{page}`)\n");
        let _ =
            writeln!(out, "| id | English | 中文 | codes | seen in | fixed in |\n|---|---|---|---|---|---|");
        for (id, topic) in topics {
            let title = |lang| topic.titles.get(&lang).map_or("—".to_owned(), |t| t.replace('|', "\\|"));
            let codes: Vec<String> = topic.codes.iter().map(u32::to_string).collect();
            let _ = writeln!(
                out,
                "| `{id}` | {} | {} | {} | {} | {} |",
                title(Lang::En),
                title(Lang::Zh),
                codes.join(", "),
                topic.sources.join(", "),
                topic.fixed_in.unwrap_or("")
            );
        }
    }
    out
}
