//! The fixfind tokenizer.
//!
//! Error messages are full of identifiers (`strconv.ParseUint`, `member_id`,
//! `quotaAndLimits.dml.enabled`, `my-release-etcd-2`) that people paste whole but also
//! describe in parts. Each identifier is therefore emitted whole *and* split on `_ . / -`
//! and on camel-case humps, all at the same position. Digits are kept as written because
//! error codes (`65535`, `67108864`) identify errors.
//!
//! Chinese, Japanese and Korean text has no spaces. Instead of shipping a segmentation
//! dictionary to the browser (megabytes), CJK runs become overlapping character bigrams
//! (`内存不足` → 内存, 存不, 不足); a lone CJK character becomes a unigram. Queries and
//! documents are cut the same way, so a bigram match is a match of two adjacent characters.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Longest term kept, in bytes. Longer "words" are base64 blobs or minified junk; their
/// parts are still indexed when they split.
pub const MAX_TERM_BYTES: usize = 64;

/// Characters that glue an identifier together (`a_b`, `a.b`, `a/b`, `a-b`).
const JOINERS: [char; 4] = ['_', '.', '/', '-'];

/// Words too common in English prose and logs to say anything about an error, sorted.
/// Negations ("not", "no", "cannot") stay: `collection not loaded` depends on them.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "i", "if", "in", "is",
    "it", "its", "of", "on", "or", "so", "that", "the", "then", "this", "to", "was", "were", "when", "with",
    "you", "your",
];

/// The tantivy tokenizer registered as [`super::TOKENIZER_NAME`].
#[derive(Clone, Default)]
pub struct FixfindTokenizer {
    tokens: Vec<Token>,
}

impl Tokenizer for FixfindTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.tokens.clear();
        tokenize(text, &mut self.tokens);
        VecTokenStream { tokens: &mut self.tokens, next: 0 }
    }
}

/// Streams the tokens computed up front by [`tokenize`].
pub struct VecTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// The terms of `text`, in order, duplicates kept. Convenience for callers outside tantivy.
pub fn analyze(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    tokenize(text, &mut tokens);
    tokens.into_iter().map(|t| t.text).collect()
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // Extensions B–F, compatibility supplement
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

struct Emitter<'t> {
    tokens: &'t mut Vec<Token>,
    position: usize,
}

impl Emitter<'_> {
    fn push(&mut self, from: usize, to: usize, text: String, position: usize) {
        if text.is_empty() || text.len() > MAX_TERM_BYTES || STOPWORDS.binary_search(&text.as_str()).is_ok() {
            return;
        }
        self.tokens.push(Token { offset_from: from, offset_to: to, position, text, position_length: 1 });
    }
}

fn tokenize(text: &str, tokens: &mut Vec<Token>) {
    let mut out = Emitter { tokens, position: 0 };
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if is_cjk(c) {
            let mut run = Vec::new();
            while let Some(&(i, c)) = chars.peek() {
                if !is_cjk(c) {
                    break;
                }
                run.push((i, c));
                chars.next();
            }
            emit_cjk(&mut out, &run, text.len());
        } else if is_word_char(c) {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if is_word_char(c) || JOINERS.contains(&c) {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            emit_identifier(&mut out, start, &text[start..end]);
        } else {
            chars.next();
        }
    }
}

fn emit_cjk(out: &mut Emitter<'_>, run: &[(usize, char)], text_len: usize) {
    let end_of = |k: usize| run.get(k + 1).map_or(text_len, |&(i, _)| i).min(run[k].0 + run[k].1.len_utf8());
    if run.len() == 1 {
        let (i, c) = run[0];
        out.push(i, end_of(0), c.to_string(), out.position);
        out.position += 1;
        return;
    }
    for k in 0..run.len() - 1 {
        let (i, a) = run[k];
        let (_, b) = run[k + 1];
        let gram: String = [a, b].into_iter().collect();
        out.push(i, end_of(k + 1), gram, out.position);
        out.position += 1;
    }
}

/// Emits an identifier whole, then its joiner-separated parts, then their camel-case humps,
/// all at one position (they are alternatives for the same stretch of text).
fn emit_identifier(out: &mut Emitter<'_>, start: usize, raw: &str) {
    let word = raw.trim_end_matches(JOINERS);
    if word.is_empty() {
        return;
    }
    let position = out.position;
    out.position += 1;
    // Most words are plain: one term, no splitting work.
    if !word.contains(JOINERS) && !has_hump(word) {
        out.push(start, start + word.len(), lowercase(word), position);
        return;
    }
    let mut seen: Vec<String> = Vec::new();
    let mut emit = |out: &mut Emitter<'_>, from: usize, piece: &str| {
        let lower = lowercase(piece);
        if !seen.contains(&lower) {
            seen.push(lower.clone());
            out.push(start + from, start + from + piece.len(), lower, position);
        }
    };
    emit(out, 0, word);
    let mut offset = 0;
    for part in word.split(JOINERS) {
        if !part.is_empty() {
            emit(out, offset, part);
            for (from, hump) in camel_humps(part) {
                emit(out, offset + from, hump);
            }
        }
        offset += part.len() + 1;
    }
}

fn lowercase(word: &str) -> String {
    if word.is_ascii() { word.to_ascii_lowercase() } else { word.to_lowercase() }
}

/// Whether a lowercase letter is followed by an uppercase one (`parseUint`), or an
/// acronym runs into a word (`HTTPServer`): the cases [`camel_humps`] splits.
fn has_hump(word: &str) -> bool {
    let mut prev: Option<char> = None;
    let mut before: Option<char> = None;
    for c in word.chars() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() {
                return true;
            }
            if c.is_lowercase() && p.is_uppercase() && before.is_some_and(char::is_uppercase) {
                return true;
            }
        }
        before = prev;
        prev = Some(c);
    }
    false
}

/// Splits `ParseUint` into `Parse`, `Uint` and `HTTPServer` into `HTTP`, `Server`.
/// Returns nothing when the word has a single hump.
fn camel_humps(word: &str) -> Vec<(usize, &str)> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut cuts = vec![0];
    for k in 1..chars.len() {
        let (i, c) = chars[k];
        let prev = chars[k - 1].1;
        let next_lower = chars.get(k + 1).is_some_and(|&(_, n)| n.is_lowercase());
        let lower_to_upper = prev.is_lowercase() && c.is_uppercase();
        let acronym_end = prev.is_uppercase() && c.is_uppercase() && next_lower;
        if lower_to_upper || acronym_end {
            cuts.push(i);
        }
    }
    if cuts.len() == 1 {
        return Vec::new();
    }
    cuts.push(word.len());
    cuts.windows(2).map(|w| (w[0], &word[w[0]..w[1]])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        analyze(text)
    }

    #[test]
    fn identifiers_whole_and_split() {
        let t = terms("strconv.ParseUint member_id");
        for want in
            ["strconv.parseuint", "strconv", "parseuint", "parse", "uint", "member_id", "member", "id"]
        {
            assert!(t.contains(&want.to_string()), "{want} missing from {t:?}");
        }
    }

    #[test]
    fn camel_case_with_acronyms() {
        let t = terms("HTTPServer quotaAndLimits.dml.enabled");
        for want in [
            "httpserver",
            "http",
            "server",
            "quotaandlimits.dml.enabled",
            "quota",
            "limits",
            "dml",
            "enabled",
        ] {
            assert!(t.contains(&want.to_string()), "{want} missing from {t:?}");
        }
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn humps_are_detected_like_they_are_split() {
        for word in ["ParseUint", "HTTPServer", "parseuint", "HTTP", "Parse", "quotaAndLimits", "ID", "IDs"] {
            assert_eq!(has_hump(word), !camel_humps(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn digits_are_kept() {
        let t = terms("exceeds max length 65535 (67108864)");
        assert!(t.contains(&"65535".to_string()));
        assert!(t.contains(&"67108864".to_string()));
    }

    #[test]
    fn chinese_becomes_bigrams_and_lone_characters_unigrams() {
        assert_eq!(terms("内存不足"), vec!["内存", "存不", "不足"]);
        assert_eq!(terms("用 etcd"), vec!["用", "etcd"]);
    }

    #[test]
    fn mixed_scripts_split_at_the_boundary() {
        assert_eq!(terms("etcd一直重启"), vec!["etcd", "一直", "直重", "重启"]);
    }

    #[test]
    fn stopwords_and_trailing_punctuation_dropped() {
        assert_eq!(terms("the collection is not loaded."), vec!["collection", "not", "loaded"]);
    }

    #[test]
    fn parts_share_the_position_of_the_whole() {
        let mut tokens = Vec::new();
        tokenize("my-release-etcd-2 crashed", &mut tokens);
        let whole = tokens.iter().find(|t| t.text == "my-release-etcd-2").unwrap();
        let part = tokens.iter().find(|t| t.text == "release").unwrap();
        let next = tokens.iter().find(|t| t.text == "crashed").unwrap();
        assert_eq!(whole.position, part.position);
        assert_eq!(next.position, whole.position + 1);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "错误 Error: bad member ID";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        for t in &tokens {
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            assert!(t.offset_from < t.offset_to);
        }
    }

    #[test]
    fn overlong_words_are_dropped_but_parts_kept() {
        let long = format!("{}_tail", "x".repeat(100));
        let t = terms(&long);
        assert_eq!(t, vec!["tail"]);
    }
}
