//! Markdown (with raw HTML) → sections, through one path: pulldown-cmark renders the
//! markdown to HTML, passing embedded HTML through untouched; html5ever (via `scraper`)
//! parses the result into a DOM; one walk over the DOM cuts it into sections.
//!
//! Going through a real DOM is what makes the Milvus docs readable: headings carry
//! `<button><svg>` anchor chrome, code blocks are `<pre><code>` full of highlighting
//! `<span>`s and entities. Text is taken from text nodes, so entities come out decoded and
//! markup never leaks into titles or commands.

use super::commands::{self, Block};
use super::meta;
use crate::section::{Lang, Section};
use ego_tree::iter::Edge;
use pulldown_cmark::{Options, Parser, html::push_html};
use scraper::{Html, Node};

/// Elements whose content is UI chrome, never knowledge.
const CHROME: &[&str] = &["button", "svg", "script", "style", "template", "noscript"];

/// Elements that end a line of text.
const BLOCKS: &[&str] =
    &["p", "div", "li", "ul", "ol", "br", "tr", "table", "blockquote", "dd", "dt", "dl", "hr", "section"];

/// A heading problem, found by the text that locates it in the source.
pub struct Problem {
    pub anchor: String,
    pub message: String,
}

pub struct Parsed {
    pub sections: Vec<Section>,
    /// For each section, a string that finds its heading in the source (for line numbers).
    pub anchors: Vec<String>,
    pub problems: Vec<Problem>,
}

struct Open {
    /// Order of the heading in the page: sections close out of order.
    seq: usize,
    level: u8,
    section: Section,
    anchor: String,
    has_children: bool,
}

/// Cuts one page body into sections: each heading owns the text up to the next heading.
///
/// A section keeps only its own text, not its sub-sections' — a parent that repeated its
/// children would compete with them for the same query. The hierarchy lives on in the
/// breadcrumb.
pub fn sections(body: &str, page: &str, lang: Lang, page_title: Option<&str>, url: Option<&str>) -> Parsed {
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH;
    let mut rendered = String::with_capacity(body.len() * 2);
    push_html(&mut rendered, Parser::new_ext(body, options));
    let dom = Html::parse_fragment(&rendered);

    let mut parsed = Parsed { sections: Vec::new(), anchors: Vec::new(), problems: Vec::new() };
    let mut closed: Vec<(usize, Section, String)> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut used_ids: Vec<String> = Vec::new();
    let mut skip_until: Option<ego_tree::NodeId> = None;

    for edge in dom.tree.root().traverse() {
        let (node, opening) = match edge {
            Edge::Open(node) => (node, true),
            Edge::Close(node) => (node, false),
        };
        if let Some(skipped) = skip_until {
            if !opening && node.id() == skipped {
                skip_until = None;
            }
            continue;
        }
        match node.value() {
            Node::Text(text) if opening => {
                if let Some(open) = stack.last_mut() {
                    open.section.text.push_str(text);
                }
            }
            Node::Element(element) => {
                let name = element.name();
                if !opening {
                    if BLOCKS.contains(&name) {
                        push_break(&mut stack);
                    }
                    continue;
                }
                if let Some(level) = heading_level(name) {
                    skip_until = Some(node.id());
                    let title = squash(&text_of(node));
                    let explicit = element.attr("id").map(str::trim).filter(|id| !id.is_empty());
                    if title.is_empty() {
                        let anchor = explicit.unwrap_or_default().to_owned();
                        parsed
                            .problems
                            .push(Problem { anchor, message: format!("h{level} heading has no text") });
                        continue;
                    }
                    let id = match explicit {
                        Some(id) => id.to_owned(),
                        None => unique(slug(&title), &used_ids),
                    };
                    used_ids.push(id.clone());
                    close_until(&mut stack, level, &mut closed, &mut parsed.problems);
                    if let Some(parent) = stack.last_mut() {
                        parent.has_children = true;
                    }
                    let mut breadcrumb: Vec<String> = page_title.map(str::to_owned).into_iter().collect();
                    breadcrumb.extend(stack.iter().filter(|o| o.level > 1).map(|o| o.section.title.clone()));
                    let section = Section {
                        url: url.map(|u| format!("{u}#{id}")),
                        id,
                        page: page.to_owned(),
                        lang,
                        title,
                        breadcrumb,
                        text: String::new(),
                        commands: Vec::new(),
                        signatures: Vec::new(),
                        codes: Vec::new(),
                        sources: Vec::new(),
                        fixed_in: None,
                    };
                    let anchor = explicit.map(|id| id.to_owned()).unwrap_or_else(|| section.title.clone());
                    let seq = used_ids.len();
                    stack.push(Open { seq, level, section, anchor, has_children: false });
                } else if name == "p" && stack.last().is_some_and(|o| o.section.text.trim().is_empty()) {
                    // Only the first paragraph under a heading can be its meta line.
                    let paragraph = text_of(node);
                    if let Some(read) = meta::read(&paragraph) {
                        skip_until = Some(node.id());
                        let open = stack.last_mut().expect("checked above");
                        match read {
                            Ok(meta) => {
                                open.section.codes = meta.codes;
                                open.section.sources = meta.sources;
                                open.section.fixed_in = meta.fixed_in;
                            }
                            Err(message) => {
                                let anchor = paragraph.trim().lines().next().unwrap_or_default().to_owned();
                                parsed.problems.push(Problem { anchor, message });
                            }
                        }
                    }
                } else if CHROME.contains(&name) {
                    skip_until = Some(node.id());
                } else if name == "pre" {
                    skip_until = Some(node.id());
                    let code = text_of(node);
                    let lang = code_language(node);
                    if let Some(open) = stack.last_mut() {
                        let block = commands::read_block(&code, lang.as_deref());
                        add_block(&mut open.section, block);
                    }
                } else if name == "code" {
                    skip_until = Some(node.id());
                    let code = text_of(node);
                    if let Some(open) = stack.last_mut() {
                        open.section.text.push_str(&code);
                        if commands::reads_like_message(&code) {
                            push_signature(&mut open.section, code.trim());
                        }
                    }
                } else if BLOCKS.contains(&name) || matches!(name, "td" | "th") {
                    push_break(&mut stack);
                }
            }
            _ => {}
        }
    }
    close_until(&mut stack, 0, &mut closed, &mut parsed.problems);
    closed.sort_by_key(|(seq, _, _)| *seq);
    for (_, section, anchor) in closed {
        parsed.sections.push(section);
        parsed.anchors.push(anchor);
    }
    parsed
}

fn add_block(section: &mut Section, block: Block) {
    section.commands.extend(block.commands);
    for message in block.messages {
        section.text.push('\n');
        section.text.push_str(&message);
        push_signature(section, &message);
    }
}

fn push_signature(section: &mut Section, message: &str) {
    if !section.signatures.iter().any(|s| s == message) {
        section.signatures.push(message.to_owned());
    }
}

fn push_break(stack: &mut [Open]) {
    if let Some(open) = stack.last_mut() {
        open.section.text.push('\n');
    }
}

/// Closes every open section at `level` or deeper, finishing its text.
fn close_until(
    stack: &mut Vec<Open>,
    level: u8,
    closed: &mut Vec<(usize, Section, String)>,
    problems: &mut Vec<Problem>,
) {
    while stack.last().is_some_and(|o| o.level >= level) {
        let Open { seq, mut section, anchor, has_children, .. } = stack.pop().expect("checked non-empty");
        section.text = tidy(&section.text);
        for quoted in commands::quoted_messages(&section.text) {
            push_signature(&mut section, &quoted);
        }
        if section.text.is_empty() && section.commands.is_empty() && !has_children {
            problems.push(Problem {
                anchor: anchor.clone(),
                message: format!("section `{}` is empty", section.id),
            });
        }
        closed.push((seq, section, anchor));
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// All text under `node`, chrome excluded, as written (entities decoded by the parser).
fn text_of(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    let mut skip_until = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) if skip_until.is_none() => match n.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if CHROME.contains(&e.name()) => skip_until = Some(n.id()),
                Node::Element(e) if e.name() == "br" => out.push('\n'),
                _ => {}
            },
            Edge::Close(n) if skip_until == Some(n.id()) => skip_until = None,
            _ => {}
        }
    }
    out
}

/// The language tag of a `<pre>`: `class="language-bash"` on it or on its `<code>`.
fn code_language(pre: ego_tree::NodeRef<'_, Node>) -> Option<String> {
    pre.descendants().take(3).find_map(|n| {
        let element = n.value().as_element()?;
        element.classes().find_map(|c| c.strip_prefix("language-").map(str::to_owned))
    })
}

/// Collapses runs of spaces inside lines and runs of blank lines.
fn tidy(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A GitHub-style anchor: lowercase, letters, digits and CJK kept, spaces to `-`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else if c.is_whitespace() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() { "section".into() } else { out }
}

fn unique(id: String, used: &[String]) -> String {
    if !used.contains(&id) {
        return id;
    }
    (1..).map(|n| format!("{id}-{n}")).find(|c| !used.contains(c)).expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("Why is my search slow?"), "why-is-my-search-slow");
        assert_eq!(slug("etcd pod 挂起"), "etcd-pod-挂起");
        assert_eq!(slug("!!!"), "section");
    }

    #[test]
    fn markdown_sections_with_attributes_and_fences() {
        let body = "Intro.\n\n## Collection not loaded {#collection-not-loaded}\n\nSearch fails with `collection not loaded` when run early.\n\n```bash\nkubectl get pods\n```\n\n## Second\n\nText.\n";
        let parsed = sections(body, "collection", Lang::En, Some("Collections"), Some("https://x/y.md"));
        assert_eq!(parsed.sections.len(), 2);
        let first = &parsed.sections[0];
        assert_eq!(first.id, "collection-not-loaded");
        assert_eq!(first.title, "Collection not loaded");
        assert_eq!(first.breadcrumb, vec!["Collections"]);
        assert_eq!(first.commands.len(), 1);
        assert_eq!(first.commands[0].text, "kubectl get pods");
        assert_eq!(first.commands[0].lang.as_deref(), Some("bash"));
        assert_eq!(first.signatures, vec!["collection not loaded"]);
        assert_eq!(first.url.as_deref(), Some("https://x/y.md#collection-not-loaded"));
        assert_eq!(parsed.sections[1].id, "second");
        assert!(parsed.problems.is_empty());
    }

    #[test]
    fn html_headings_drop_button_chrome_and_nest() {
        let body = "<h2 id=\"Top\" class=\"a\">Top level<button data-href=\"#Top\"><svg><path d=\"M4\"></path></svg></button></h2><p>intro</p>\n<h3 id=\"child\">Child &amp; more<button></button></h3><p>Run <code>ls</code> now.</p>\n";
        let parsed = sections(body, "p", Lang::Zh, Some("Page"), None);
        let child = parsed.sections.iter().find(|s| s.id == "child").unwrap();
        assert_eq!(child.title, "Child & more");
        assert_eq!(child.breadcrumb, vec!["Page", "Top level"]);
        assert_eq!(child.text, "Run ls now.");
        let top = parsed.sections.iter().find(|s| s.id == "Top").unwrap();
        assert_eq!(top.text, "intro");
    }

    #[test]
    fn highlighted_pre_blocks_become_exact_commands() {
        let body = "<h2 id=\"x\">X</h2><pre><code translate=\"no\"><span class=\"hljs-meta prompt_\">$ </span><span class=\"language-bash\">docker logs &lt;your milvus container <span class=\"hljs-built_in\">id</span>&gt;</span>\n<button class=\"copy-code-btn\"></button></code></pre>\n";
        let parsed = sections(body, "p", Lang::Zh, None, None);
        let commands = &parsed.sections[0].commands;
        assert_eq!(commands.len(), 1);
        assert_eq!(commands[0].text, "docker logs <your milvus container id>");
    }

    #[test]
    fn the_meta_line_is_read_and_kept_out_of_the_text() {
        let body = "## Denied {#denied}\n\nCodes: 1401 · Seen in: milvus-io/milvus#3 · Fixed in: 2.4.5\n\n**Symptom.** `privilege not permitted` on search.\n\n## Bad {#bad}\n\nCodes: x\n\ntext\n";
        let parsed = sections(body, "p", Lang::En, None, None);
        let denied = &parsed.sections[0];
        assert_eq!(denied.codes, vec![1401]);
        assert_eq!(denied.sources[0].to_string(), "milvus-io/milvus#3");
        assert_eq!(denied.fixed_in.as_deref(), Some("2.4.5"));
        assert!(!denied.text.contains("Seen in"), "{}", denied.text);
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].anchor, "Codes: x");
    }

    #[test]
    fn empty_heading_and_empty_section_are_problems() {
        let parsed =
            sections("## {#empty-title}\n\n## Nothing here\n\n## Next\n\ntext\n", "p", Lang::En, None, None);
        let messages: Vec<&str> = parsed.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("no text")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("`nothing-here` is empty")), "{messages:?}");
    }
}
