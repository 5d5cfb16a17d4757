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

/// The longest of [`STOPWORDS`], in bytes: longer terms need no lookup.
const LONGEST_STOPWORD: usize = 4;

fn is_stopword(term: &str) -> bool {
    term.len() <= LONGEST_STOPWORD && STOPWORDS.binary_search(&term).is_ok()
}

/// The tantivy tokenizer registered as [`super::TOKENIZER_NAME`].
///
/// It keeps the tokens of the last text, and their strings, for the next one: tokens are
/// written over the old ones rather than allocated, which matters for the snippets, where
/// every shown hit's whole section text is tokenized again at each search.
#[derive(Clone, Default)]
pub struct FixfindTokenizer {
    tokens: Vec<Token>,
}

impl Tokenizer for FixfindTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        let len = tokenize_into(text, &mut self.tokens);
        VecTokenStream { tokens: &mut self.tokens[..len], next: 0 }
    }
}

/// Streams the tokens computed up front by [`tokenize_into`].
pub struct VecTokenStream<'a> {
    tokens: &'a mut [Token],
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

#[inline(always)]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // Extensions B–F, compatibility supplement
}

#[inline(always)]
fn is_word_char(c: char) -> bool {
    // Most of a paste or a section is ASCII: no Unicode tables for it.
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() && !is_cjk(c) }
}

/// Whether `word` holds one of [`JOINERS`] (all ASCII, so a byte scan finds them).
fn has_joiner(word: &str) -> bool {
    word.bytes().any(|b| JOINERS.contains(&char::from(b)))
}

/// Writes tokens into a vector whose first `len` entries are this text's; the entries
/// after them are spare, their strings kept for reuse.
struct Emitter<'t> {
    tokens: &'t mut Vec<Token>,
    len: usize,
    position: usize,
}

impl Emitter<'_> {
    /// Emits the term `write` puts into an empty string, unless it is empty, overlong or
    /// a stopword. The string is a spare token's, when there is one.
    fn push(&mut self, from: usize, to: usize, position: usize, write: impl FnOnce(&mut String)) {
        if self.len == self.tokens.len() {
            self.tokens.push(Token::default());
        }
        let token = &mut self.tokens[self.len];
        token.text.clear();
        write(&mut token.text);
        let text = token.text.as_str();
        if text.is_empty() || text.len() > MAX_TERM_BYTES || is_stopword(text) {
            return;
        }
        token.offset_from = from;
        token.offset_to = to;
        token.position = position;
        token.position_length = 1;
        self.len += 1;
    }

    /// Whether a term equal to `text` was emitted since token `since`.
    fn emitted_since(&self, since: usize, text: &str) -> bool {
        self.tokens[since..self.len].iter().any(|t| t.text == text)
    }
}

/// The tokens of `text`, in `tokens` (replacing what it held).
fn tokenize(text: &str, tokens: &mut Vec<Token>) {
    let len = tokenize_into(text, tokens);
    tokens.truncate(len);
}

/// Writes the tokens of `text` over the first entries of `tokens` and returns how many
/// there are; entries past them are spare.
fn tokenize_into(text: &str, tokens: &mut Vec<Token>) -> usize {
    let mut out = Emitter { tokens, len: 0, position: 0 };
    let mut run = Vec::new();
    let mut chars = text.char_indices();
    // The character under the cursor: each loop stops on the first one it does not take.
    let mut at = chars.next();
    while let Some((start, c)) = at {
        if is_cjk(c) {
            run.clear();
            while let Some((i, c)) = at.filter(|&(_, c)| is_cjk(c)) {
                run.push((i, c));
                at = chars.next();
            }
            emit_cjk(&mut out, &run, text.len());
        } else if is_word_char(c) {
            let mut end = start;
            while let Some((i, c)) = at.filter(|&(_, c)| is_word_char(c) || JOINERS.contains(&c)) {
                end = i + c.len_utf8();
                at = chars.next();
            }
            emit_identifier(&mut out, start, &text[start..end]);
        } else {
            at = chars.next();
        }
    }
    out.len
}

fn emit_cjk(out: &mut Emitter<'_>, run: &[(usize, char)], text_len: usize) {
    let end_of = |k: usize| run.get(k + 1).map_or(text_len, |&(i, _)| i).min(run[k].0 + run[k].1.len_utf8());
    if run.len() == 1 {
        let (i, c) = run[0];
        out.push(i, end_of(0), out.position, |s| s.push(c));
        out.position += 1;
        return;
    }
    for k in 0..run.len() - 1 {
        let (i, a) = run[k];
        let (_, b) = run[k + 1];
        out.push(i, end_of(k + 1), out.position, |s| {
            s.push(a);
            s.push(b);
        });
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
    if !has_joiner(word) && !has_hump(word) {
        out.push(start, start + word.len(), position, |s| lowercase_into(word, s));
        return;
    }
    // A piece equal to one already emitted here is left out; one that was dropped (a
    // stopword, an overlong whole) would be dropped again.
    let first = out.len;
    let emit = |out: &mut Emitter<'_>, from: usize, piece: &str| {
        let lower = lowercase(piece);
        if !out.emitted_since(first, &lower) {
            out.push(start + from, start + from + piece.len(), position, |s| s.push_str(&lower));
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
    let mut lower = String::with_capacity(word.len());
    lowercase_into(word, &mut lower);
    lower
}

/// `word` lowercased, appended to `out`; `str::to_lowercase` for non-ASCII words (it
/// handles the Greek final sigma, which char-by-char lowercasing gets wrong).
fn lowercase_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// Whether a lowercase letter is followed by an uppercase one (`parseUint`), or an
/// acronym runs into a word (`HTTPServer`): the cases [`camel_humps`] splits.
fn has_hump(word: &str) -> bool {
    // Every hump needs an uppercase letter; most words have none.
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
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
        assert_eq!(STOPWORDS.iter().map(|w| w.len()).max(), Some(LONGEST_STOPWORD));
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

    /// The tokenizer writes over the last text's tokens: none of them may leak into the
    /// next text's stream, nor a dropped stopword's leftover string.
    #[test]
    fn a_reused_tokenizer_streams_only_the_new_text() {
        let mut tokenizer = FixfindTokenizer::default();
        let mut texts = |text: &str| {
            let mut stream = tokenizer.token_stream(text);
            let mut out = Vec::new();
            while stream.advance() {
                out.push(stream.token().text.clone());
            }
            out
        };
        assert_eq!(
            texts("QuotaCenter force deny writing 内存不足"),
            terms("QuotaCenter force deny writing 内存不足")
        );
        assert_eq!(texts("the etcd"), vec!["etcd"]);
        assert_eq!(texts(""), Vec::<String>::new());
    }

    #[test]
    fn overlong_words_are_dropped_but_parts_kept() {
        let long = format!("{}_tail", "x".repeat(100));
        let t = terms(&long);
        assert_eq!(t, vec!["tail"]);
    }
}
