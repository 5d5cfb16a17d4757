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
    /// Plain text of the section, code blocks excluded.
    pub text: String,
    pub commands: Vec<Command>,
    /// Exact error strings the section explains.
    pub signatures: Vec<String>,
    /// Link to the original page and anchor, when the page declares its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
