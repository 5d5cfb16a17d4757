//! The unit of knowledge: one heading and the text under it.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The languages the knowledge base is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The other language of the pair; sections pair by id across languages.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Accept browser locales such as `zh-CN` or `en-US`.
        let primary = s.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Ok(Lang::En),
            "zh" => Ok(Lang::Zh),
            _ => Err(format!("unknown language `{s}` (expected `en` or `zh`)")),
        }
    }
}

/// A command ready to copy: the exact text of a code block, or of one command line in a
/// shell block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Command {
    /// The code block's language tag (`bash`, `yaml`, …), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The text to copy, entities decoded, prompts and UI chrome removed.
    pub text: String,
    /// A shell comment that stood right before this command in its block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One heading and its own content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The heading's anchor, unique per language; pairs English with Chinese.
    pub id: String,
    /// The page's front-matter id.
    pub page: String,
    pub lang: Lang,
    pub title: String,
    /// Page title, then the titles of the enclosing headings.
    pub breadcrumb: Vec<String>,
    /// Plain text of the section, code blocks excluded. Empty in an index part's section list
    /// (the text travels in the page's chunk, `index::text`) until the chunk is attached.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<Command>,
    /// Exact error strings the section explains.
    pub signatures: Vec<String>,
    /// Link to the original page and anchor, when the page declares its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The Milvus error codes the section explains (`Codes:` in its meta line): a paste
    /// carrying `code=N` finds it whatever words the message has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<u32>,
    /// Where the problem was seen (`Seen in:`), as `owner/repo#number`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The release that fixed it (`Fixed in:`), when a release did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_in: Option<String>,
}

/// A GitHub issue or pull request where a problem was reported: `milvus-io/milvus#12345`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Source {
    /// `owner/repo`.
    pub repo: String,
    pub number: u64,
}

impl Source {
    /// The thread on GitHub; `issues/N` also opens pull requests.
    pub fn url(&self) -> String {
        format!("https://github.com/{}/issues/{}", self.repo, self.number)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.repo, self.number)
    }
}

impl FromStr for Source {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not an issue reference like `milvus-io/milvus#12345`");
        let (repo, number) = s.trim().split_once('#').ok_or_else(bad)?;
        let (owner, name) = repo.split_once('/').ok_or_else(bad)?;
        let part_ok = |p: &str| {
            !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        if !part_ok(owner) || !part_ok(name) {
            return Err(bad());
        }
        let number = number.parse().map_err(|_| bad())?;
        Ok(Source { repo: repo.to_owned(), number })
    }
}

impl TryFrom<String> for Source {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Source> for String {
    fn from(source: Source) -> String {
        source.to_string()
    }
}
