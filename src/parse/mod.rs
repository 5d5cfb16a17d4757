//! Content → sections (build time, native only).
//!
//! A content folder holds one subfolder per language (`en/`, `zh/`) of markdown files, or
//! is itself named after its language. Each file starts with YAML front matter (`id`,
//! `title`, `summary`, optional `source`). Bodies are plain markdown or, as in the real
//! Milvus docs, raw HTML inside markdown; [`html`] reads both through one path.
//!
//! Problems are collected as [`Diagnostic`]s naming file and line, so `fixfind check`
//! can report all of them at once and `fixfind build` can refuse to write a bundle.

mod commands;
mod html;
mod meta;
pub mod registry;

use crate::section::{Lang, Section};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a content problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in the content, located in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}:{}: {kind}: {}", self.file.display(), self.line, self.message)
    }
}

/// Everything read from the content folders.
#[derive(Debug, Default)]
pub struct Content {
    pub sections: Vec<Section>,
    /// Where each section's heading is, aligned with `sections`.
    pub locations: Vec<(PathBuf, usize)>,
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Content {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// The front matter fixfind reads; other keys are allowed and ignored.
#[derive(Debug, Default, Deserialize)]
pub struct FrontMatter {
    pub id: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub source: Option<String>,
}

/// Optional `fixfind.yaml` at the top of a content folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FolderConfig {
    /// Base URL of the published pages per language, e.g. `https://milvus.io/docs/zh/`;
    /// a page without `source` links to `base_url + page id + #anchor`.
    #[serde(default)]
    pub base_url: HashMap<Lang, String>,
}

pub const FOLDER_CONFIG: &str = "fixfind.yaml";

/// Reads every content folder, in order, into one list of sections.
pub fn load(dirs: &[PathBuf]) -> Content {
    let mut content = Content::default();
    for dir in dirs {
        load_folder(dir, &mut content);
    }
    check_ids(&mut content);
    content
}

/// Parses one page (front matter and body) given as a string, as [`load`] would parse a
/// file of `lang`, without touching the file system. The entry point for fuzzing and tests.
pub fn parse_page_str(text: &str, lang: Lang) -> Content {
    let mut content = Content { pages: 1, ..Content::default() };
    parse_page(Path::new("page.md"), lang, text, None, &mut content);
    check_ids(&mut content);
    content
}

fn load_folder(dir: &Path, content: &mut Content) {
    let error = |content: &mut Content, file: &Path, line, message: String| {
        content.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line,
            message,
        });
    };
    let config = match std::fs::read_to_string(dir.join(FOLDER_CONFIG)) {
        Ok(text) => match serde_yaml_ng::from_str::<FolderConfig>(&text) {
            Ok(config) => config,
            Err(e) => {
                let line = e.location().map_or(0, |l| l.line());
                error(content, &dir.join(FOLDER_CONFIG), line, format!("unreadable folder config: {e}"));
                return;
            }
        },
        Err(_) => FolderConfig::default(),
    };
    let folders = match language_folders(dir) {
        Ok(folders) => folders,
        Err(message) => return error(content, dir, 0, message),
    };
    for (lang, folder) in folders {
        let mut files = Vec::new();
        collect_markdown(&folder, &mut files);
        files.sort();
        for file in files {
            content.pages += 1;
            let base_url = config.base_url.get(&lang).map(String::as_str);
            match std::fs::read(&file) {
                Err(e) => error(content, &file, 0, format!("cannot read: {e}")),
                Ok(bytes) => match String::from_utf8(bytes) {
                    Err(e) => {
                        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                        error(content, &file, line, "not valid UTF-8".into());
                    }
                    Ok(text) => parse_page(&file, lang, &text, base_url, content),
                },
            }
        }
    }
}

/// `dir/en`, `dir/zh`, … or `dir` itself when it is named after a language (`en-html`).
fn language_folders(dir: &Path) -> Result<Vec<(Lang, PathBuf)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read content folder: {e}"))?;
    let mut folders: Vec<(Lang, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        // Exact language names only: `en-html/` beside `en/` is another copy, not more `en`.
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_owned();
            let lang: Lang = name.parse().ok()?;
            (lang.as_str() == name).then(|| (lang, e.path()))
        })
        .collect();
    folders.sort();
    if folders.is_empty() {
        let name = dir.canonicalize().ok().and_then(|d| d.file_name()?.to_str().map(str::to_owned));
        match name.as_deref().map(str::parse::<Lang>) {
            Some(Ok(lang)) => folders.push((lang, dir.to_path_buf())),
            _ => {
                return Err(
                    "no language folders (`en/`, `zh/`) and the folder is not named after a language".into(),
                );
            }
        }
    }
    Ok(folders)
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect_markdown(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "markdown") {
            out.push(path);
        }
    }
}

/// Splits `---\n yaml \n---\n body` and returns the front matter, the body and the line
/// the body starts on.
fn split_front_matter(text: &str) -> Result<(Option<&str>, &str, usize), (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Ok((None, text, 1));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((Some(yaml), body, yaml.lines().count() + 3));
        }
        offset += line.len();
    }
    Err((1, "front matter opened with `---` is never closed".into()))
}

fn parse_page(file: &Path, lang: Lang, text: &str, base_url: Option<&str>, content: &mut Content) {
    let push = |content: &mut Content, severity, line, message: String| {
        content.diagnostics.push(Diagnostic { severity, file: file.to_path_buf(), line, message });
    };
    if text.trim().is_empty() {
        return push(content, Severity::Error, 0, "empty file".into());
    }
    let (yaml, body, body_line) = match split_front_matter(text) {
        Ok(parts) => parts,
        Err((line, message)) => return push(content, Severity::Error, line, message),
    };
    let front: FrontMatter = match yaml.map(serde_yaml_ng::from_str).transpose() {
        Ok(front) => front.unwrap_or_default(),
        Err(e) => {
            let line = 1 + e.location().map_or(0, |l| l.line());
            return push(content, Severity::Error, line, format!("unreadable front matter: {e}"));
        }
    };
    if let Some(line) = unclosed_fence(body) {
        return push(content, Severity::Error, body_line + line - 1, "code fence is never closed".into());
    }
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
    let page = front.id.clone().unwrap_or_else(|| stem.to_owned());
    let page_url = front
        .source
        .clone()
        .or_else(|| base_url.map(|base| format!("{}/{}", base.trim_end_matches('/'), page)));
    let parsed = html::sections(body, &page, lang, front.title.as_deref(), page_url.as_deref());
    for problem in parsed.problems {
        let line = body_line + locate(body, &problem.anchor).unwrap_or(0);
        push(content, Severity::Error, line, problem.message);
    }
    for (section, anchor) in parsed.sections.into_iter().zip(parsed.anchors) {
        let line = body_line + locate(body, &anchor).unwrap_or(0);
        content.locations.push((file.to_path_buf(), line));
        content.sections.push(section);
    }
}

/// The 1-based line of a fence that is opened and never closed, if any.
fn unclosed_fence(body: &str) -> Option<usize> {
    let mut open: Option<(usize, char, usize)> = None;
    for (n, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        if line.len() - trimmed.len() > 3 && open.is_none() {
            continue;
        }
        let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let Some(c) = fence_char else { continue };
        let run = trimmed.chars().take_while(|&x| x == c).count();
        if run < 3 {
            continue;
        }
        match open {
            None => open = Some((n + 1, c, run)),
            Some((_, oc, orun)) if oc == c && run >= orun && trimmed[run..].trim().is_empty() => open = None,
            Some(_) => {}
        }
    }
    open.map(|(line, _, _)| line)
}

/// The 0-based line of `body` where `needle` first appears.
fn locate(body: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    body.find(needle).map(|at| body[..at].matches('\n').count())
}

/// A duplicate id within one page is an error. Across pages of one language it is a
/// warning — independent docs pages reuse headings such as "Still have questions?" — and
/// the later section is renamed `<page>-<id>` (its link keeps the original anchor).
/// Sections in one language only are warnings.
fn check_ids(content: &mut Content) {
    let mut seen: HashMap<(Lang, String), usize> = HashMap::new();
    let mut problems = Vec::new();
    for k in 0..content.sections.len() {
        let key = (content.sections[k].lang, content.sections[k].id.clone());
        let Some(&first) = seen.get(&key) else {
            seen.insert(key, k);
            continue;
        };
        let (file, line) = content.locations[k].clone();
        let (first_file, first_line) = &content.locations[first];
        let same_page = content.sections[first].page == content.sections[k].page;
        let section = &mut content.sections[k];
        if same_page {
            problems.push(Diagnostic {
                severity: Severity::Error,
                file,
                line,
                message: format!("duplicate section id `{}` (first at line {first_line})", section.id),
            });
            continue;
        }
        let renamed = format!("{}-{}", section.page.trim_end_matches(".md"), section.id);
        problems.push(Diagnostic {
            severity: Severity::Warning,
            file,
            line,
            message: format!(
                "section id `{}` is also used at {}:{first_line}; this one is indexed as `{renamed}`",
                section.id,
                first_file.display()
            ),
        });
        section.id = renamed;
        seen.insert((section.lang, section.id.clone()), k);
    }
    pair_folded_ids(content);
    let seen: HashMap<(Lang, &str), usize> =
        content.sections.iter().enumerate().map(|(k, s)| ((s.lang, s.id.as_str()), k)).collect();
    let langs: std::collections::BTreeSet<Lang> = content.sections.iter().map(|s| s.lang).collect();
    if langs.len() > 1 {
        for (section, (file, line)) in content.sections.iter().zip(&content.locations) {
            for other in &langs {
                if *other != section.lang && !seen.contains_key(&(*other, section.id.as_str())) {
                    problems.push(Diagnostic {
                        severity: Severity::Warning,
                        file: file.clone(),
                        line: *line,
                        message: format!("section `{}` has no {other} version", section.id),
                    });
                }
            }
        }
    }
    content.diagnostics.extend(problems);
}

/// Pairs the sections whose ids differ only in case and punctuation. Docs sites build
/// their anchors with different slug rules per language (`how-to-set-shard_num-for-a-collection`
/// in the English HTML, `How-to-set-shardnum-for-a-collection` in the Chinese pages): the
/// same topic unpaired shows twice in the results, and its own twin, as the second hit,
/// leaves the first no margin to be sure of. A section with no exact counterpart takes the
/// id of the one section of the first language that folds to the same key and has none
/// either; its link keeps its own anchor.
fn pair_folded_ids(content: &mut Content) {
    fn fold(id: &str) -> String {
        id.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    }
    let Some(first) = content.sections.iter().map(|s| s.lang).min() else {
        return;
    };
    let ids: std::collections::HashSet<(Lang, String)> =
        content.sections.iter().map(|s| (s.lang, s.id.clone())).collect();
    let unpaired = |s: &Section| !ids.contains(&(s.lang.other(), s.id.clone()));
    // Folded key → the first language's id, when exactly one unpaired section has it.
    let mut by_key: HashMap<String, Option<String>> = HashMap::new();
    for s in content.sections.iter().filter(|s| s.lang == first && unpaired(s)) {
        by_key.entry(fold(&s.id)).and_modify(|id| *id = None).or_insert_with(|| Some(s.id.clone()));
    }
    let mut taken: HashMap<(Lang, String), usize> = HashMap::new();
    let mut renames = Vec::new();
    for (k, s) in content.sections.iter().enumerate().filter(|(_, s)| s.lang != first && unpaired(s)) {
        if let Some(Some(id)) = by_key.get(&fold(&s.id)) {
            *taken.entry((s.lang, id.clone())).or_default() += 1;
            renames.push((k, id.clone()));
        }
    }
    for (k, id) in renames {
        // Two sections of one language folding to the same key: neither is the twin.
        if taken[&(content.sections[k].lang, id.clone())] == 1 {
            content.sections[k].id = id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_body_line() {
        let (yaml, body, line) = split_front_matter("---\nid: a\ntitle: A\n---\nbody\n").unwrap();
        assert_eq!(yaml, Some("id: a\ntitle: A\n"));
        assert_eq!(body, "body\n");
        assert_eq!(line, 5);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split_front_matter("---\nid: a\n").is_err());
    }

    #[test]
    fn unclosed_fence_is_found() {
        assert_eq!(unclosed_fence("a\n\n```bash\nls\n```\n\n~~~\nx\n"), Some(7));
        assert_eq!(unclosed_fence("````\n```\nstill code\n````\n"), None);
    }

    #[test]
    fn ids_differing_in_case_and_punctuation_pair_across_languages() {
        let mut content = Content::default();
        let en = "---\nid: faq\ntitle: FAQ\n---\n## How to set shard_num?\n\nA.\n\n## Logs\n\nB.\n";
        let zh = "---\nid: faq\ntitle: FAQ\n---\n## How to set shardnum? {#How-to-set-shardnum}\n\nA.\n\n\
                  ## Logs {#Logs}\n\nB.\n\n## Other {#logs}\n\nC.\n";
        parse_page(Path::new("en/faq.md"), Lang::En, en, None, &mut content);
        parse_page(Path::new("zh/faq.md"), Lang::Zh, zh, None, &mut content);
        check_ids(&mut content);
        let ids: Vec<(Lang, &str)> = content.sections.iter().map(|s| (s.lang, s.id.as_str())).collect();
        assert_eq!(
            ids,
            [
                (Lang::En, "how-to-set-shard_num"),
                (Lang::En, "logs"),
                (Lang::Zh, "how-to-set-shard_num"),
                (Lang::Zh, "Logs"),
                (Lang::Zh, "logs")
            ],
            "{:?}",
            content.diagnostics
        );
        // `Logs` has an exact twin already; only `How-to-set-shardnum` is left unpaired.
        assert!(!content.diagnostics.iter().any(|d| d.message.contains("how-to-set-shard_num")));
    }
}
