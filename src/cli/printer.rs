//! Search results as text for people, written to any `io::Write` (ripgrep's printer):
//! the terminal gets it through stdout, tests read it from a `Vec<u8>`.
//!
//! What is shown is decided by [`fixfind::present`], the same rules the browser app
//! follows: which hits, which labels, which provenance line, which filled commands.

use fixfind::engine::{SearchResult, Verdict};
use fixfind::fill::{self, Facts};
use fixfind::present::{self, Provenance, i18n::strings};
use fixfind::section::Lang;
use std::io::{self, IsTerminal, Write};

/// ANSI styles, empty when colour is off.
pub struct Style {
    pub bold: &'static str,
    pub dim: &'static str,
    pub red: &'static str,
    pub green: &'static str,
    pub yellow: &'static str,
    pub cyan: &'static str,
    pub reset: &'static str,
}

impl Style {
    /// Colour on a terminal, never when `NO_COLOR` is set (https://no-color.org).
    pub fn detect() -> Style {
        let colour = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        if colour { Style::ansi() } else { Style::plain() }
    }

    fn ansi() -> Style {
        Style {
            bold: "\x1b[1m",
            dim: "\x1b[2m",
            red: "\x1b[31m",
            green: "\x1b[32m",
            yellow: "\x1b[33m",
            cyan: "\x1b[36m",
            reset: "\x1b[0m",
        }
    }

    pub fn plain() -> Style {
        Style { bold: "", dim: "", red: "", green: "", yellow: "", cyan: "", reset: "" }
    }
}

/// Prints what a reader sees of `result` ([`present::shown`]), labels in `lang`. The first
/// hit gets its commands, placeholders filled from `facts`; the others are alternatives.
pub fn print_result(
    result: SearchResult,
    lang: Lang,
    facts: &Facts,
    style: &Style,
    out: &mut impl Write,
) -> io::Result<()> {
    let result = present::shown(result);
    let s = strings(lang);
    if result.verdict == Verdict::None {
        writeln!(out, "{}{}.{}", style.yellow, s.no_match_title, style.reset)?;
        if !result.hits.is_empty() {
            writeln!(out, "{}{}:{}", style.dim, s.closest, style.reset)?;
        }
    }
    for (rank, hit) in result.hits.iter().enumerate() {
        let colour = match hit.confidence {
            Verdict::Strong => style.green,
            Verdict::Possible => style.yellow,
            Verdict::None => style.dim,
        };
        let label = present::verdict_label(lang, hit.confidence);
        writeln!(
            out,
            "\n{}{}. {}{} [{colour}{label}{}] {}#{}{}",
            style.bold,
            rank + 1,
            hit.title,
            style.reset,
            style.reset,
            style.dim,
            hit.id,
            style.reset
        )?;
        if !hit.breadcrumb.is_empty() {
            writeln!(out, "   {}{}{}", style.dim, hit.breadcrumb.join(" › "), style.reset)?;
        }
        if !hit.matched.is_empty() {
            writeln!(out, "   {}: {}", s.why, hit.matched.join(", "))?;
        }
        if let Some(url) = &hit.url {
            writeln!(out, "   {}{url}{}", style.cyan, style.reset)?;
        }
        if let Some(provenance) = Provenance::of(hit) {
            writeln!(out, "   {}{}{}", style.dim, provenance.line(lang), style.reset)?;
        }
        if rank > 0 {
            continue;
        }
        for command in &hit.commands {
            if let Some(note) = &command.note {
                writeln!(out, "   {}# {note}{}", style.dim, style.reset)?;
            }
            let filled = fill::fill(&command.text, facts);
            for line in filled.as_deref().unwrap_or(&command.text).lines() {
                writeln!(out, "   {}{line}{}", style.cyan, style.reset)?;
            }
            if filled.is_some() {
                writeln!(out, "   {}({} {}){}", style.dim, s.filled_note, command.text, style.reset)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use fixfind::Engine;
    use std::sync::LazyLock;

    /// The test fixtures' small knowledge base, built in memory.
    static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let content = fixfind::parse::load(&[root.join("tests/fixtures/markdown")]);
        assert!(!content.has_errors(), "fixture content has errors");
        fixfind::index::write::build(&content.sections).unwrap().open().unwrap()
    });

    fn printed(query: &str, lang: Lang) -> String {
        let mut out = Vec::new();
        let result = ENGINE.search(query, lang, 10);
        print_result(result, lang, &fill::facts(query), &Style::plain(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_confident_answer_lists_no_unrelated_sections() {
        let query = "etcdserver: mvcc: database space exceeded";
        let result = ENGINE.search(query, Lang::En, 10);
        assert_ne!(result.verdict, Verdict::None, "{result:#?}");
        let text = printed(query, Lang::En);
        assert!(!text.contains(strings(Lang::En).weak), "{text}");
        assert!(text.starts_with("\n1. "), "{text}");
    }

    #[test]
    fn no_confident_answer_says_so_and_lists_the_closest_few() {
        let text = printed("npm ERR! code ERESOLVE unable to resolve dependency tree", Lang::En);
        assert!(text.starts_with("No confident match.\n"), "{text}");
        let listed = text.lines().filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit())).count();
        assert!(listed <= present::CLOSEST, "{text}");
    }

    #[test]
    fn labels_follow_the_language() {
        let text = printed("npm ERR! code ERESOLVE", Lang::Zh);
        assert!(text.starts_with("没有可信的匹配"), "{text}");
    }
}
