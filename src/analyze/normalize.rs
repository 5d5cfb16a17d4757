//! Query normalisation: from a raw paste to the text that carries the error.
//!
//! A pasted log line is mostly noise for search: timestamps, ids, addresses, the source
//! file that logged it. Like Sentry's grouping and Drain3's masking, variable parts are
//! masked in a fixed order (timestamps before numbers, UUIDs before hex) so that two
//! pastes of the same error normalise to the same text. The same masking is applied to
//! the knowledge base at index time.
//!
//! A long paste (a whole `kubectl logs`) is cut down first, on the raw lines, so the cost
//! of everything after — NFKC, masking, analysis, search — is bounded whatever the size of
//! the input.

use aho_corasick::Input;
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use regex_lite::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Of a longer paste only its last this many bytes are read: 2 MB is already a whole log
/// file, and logs end in their error. The CLI keeps the same tail of a stream on stdin,
/// so a log piped in and the same log pasted into the app are read alike.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;
/// Pastes with at most this many lines are taken whole.
pub const MAX_LINES_WHOLE: usize = 12;
/// At most this many error lines are kept from a long paste.
pub const MAX_SELECTED_LINES: usize = 24;
/// Each kept line is cut to this many bytes (a 100 000-character line is not an error).
pub const MAX_LINE_BYTES: usize = 1024;
/// The normalised query never exceeds this many bytes.
pub const MAX_QUERY_BYTES: usize = 8 * 1024;
/// A paste longer than this is a log file, not a message: the app replaces it with the
/// lines the search reads ([`condense`]). Laying out a megabyte of text in the input froze
/// the page for over 100 ms, longer than the search itself.
pub const CONDENSE_ABOVE_BYTES: usize = 64 * 1024;

/// Words that mark a line as carrying an error, compared in lowercase.
const ERROR_MARKERS: &[&str] = &[
    "error",
    "err=",
    "fail",
    "panic",
    "fatal",
    "exception",
    "denied",
    "refused",
    "timeout",
    "timed out",
    "deadline",
    "unavailable",
    "exceeded",
    "exceeds",
    "not found",
    "not loaded",
    "invalid",
    "cannot",
    "can't",
    "unable",
    "crash",
    "oom",
    "killed",
    "warn",
    "traceback",
    "错误",
    "失败",
    "异常",
    "报错",
    "超时",
    "拒绝",
    "崩溃",
    "无法",
    "不足",
];

/// All markers in one automaton: a megabyte of log is scanned once, not once per marker,
/// and no line is lowercased (the Chinese markers have no case). A DFA, built directly
/// rather than through `AhoCorasick`, which links every automaton kind it might pick and
/// their SIMD prefilters (about 28 KB of wasm for some 40 short markers); without a
/// prefilter the DFA reads each byte once, which is all these lines need.
static MARKERS: LazyLock<DFA> = LazyLock::new(|| {
    DFA::builder()
        .ascii_case_insensitive(true)
        .prefilter(false)
        .build(ERROR_MARKERS)
        .expect("valid built-in markers")
});

macro_rules! re {
    ($pattern:expr) => {
        LazyLock::new(|| Regex::new($pattern).expect("valid built-in pattern"))
    };
}

/// Variable parts, masked in this order. Each pattern is replaced by a space.
static MASKS: LazyLock<[Regex; 6]> = LazyLock::new(|| {
    [
        // Timestamps: 2024/01/02 12:34:56.789 +00:00, 2024-01-02T12:34:56Z, 12:34:56.789
        Regex::new(r"\d{4}[-/]\d{2}[-/]\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|\s?[+-]\d{2}:?\d{2})?)?|\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b").unwrap(),
        // UUIDs
        Regex::new(r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b").unwrap(),
        // Long hex: container ids, hashes, 0x addresses
        Regex::new(r"(?i)\b(?:0x[0-9a-f]+|[0-9a-f]{12,})\b").unwrap(),
        // IPv4 with optional port
        Regex::new(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b").unwrap(),
        // Numbers in ids (collection ids, segment ids, ms timestamps), even inside a word
        Regex::new(r"\d{10,}").unwrap(),
        // Pod name hash suffixes: milvus-querynode-5d8f7b9c4-x2k9p → milvus-querynode
        Regex::new(r"-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\b").unwrap(),
    ]
});

/// A number written with thousands separators, as docs write limits (`16,384`), read as
/// the bare number an error message prints (`top k should be in range [1, 16384]`). The
/// first group has no leading zero, so `0,100` stays two numbers; a group must be three
/// digits ending the number, so `[1,16384]` is not one.
static DIGIT_GROUPS: LazyLock<Regex> = re!(r"\b[1-9]\d{0,2}(?:,\d{3})+\b");

/// Log-line furniture that names no error: levels, source locations, JSON log keys.
static PREFIXES: LazyLock<Regex> = re!(concat!(
    r#"(?i)\[(?:debug|info|warn|warning|error|fatal|panic)\]|\blevel=\w+|"#,
    r#"\[?[\w./-]+\.(?:go|py|java|cc|cpp|h|rs|js|ts):\d+\]?|"#,
    r#""(?:level|ts|time|caller|logger|stacktrace)"\s*:\s*"[^"]*",?|"#,
    r#"^\s*File "[^"]*", line \d+(?:, in \S+)?\s*$"#,
));

/// The module path of an exception class (`pymilvus.exceptions.` in
/// `pymilvus.exceptions.MilvusException`) is the same for every error it wraps.
static EXCEPTION_PATH: LazyLock<Regex> = re!(r"\b(?:[a-z_][a-z0-9_]*\.)+([A-Z]\w*(?:Exception|Error))\b");

/// Whether `line` could hold one of [`PREFIXES`]: each of its alternatives needs a `[`,
/// an `=`, a `"` or a `:` before a digit. Asking the pattern costs a walk of every
/// character through all its alternatives (regex-lite has no literal prefilter).
fn may_have_prefix(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.iter().any(|b| matches!(b, b'[' | b'=' | b'"'))
        || bytes.windows(2).any(|w| w[0] == b':' && w[1].is_ascii_digit())
}

/// Whether `line` could hold an [`EXCEPTION_PATH`]: its class name ends in one of these.
fn may_have_exception_path(line: &str) -> bool {
    line.contains("Exception") || line.contains("Error")
}

/// Index-time normalisation: NFKC and masking, nothing removed.
pub fn normalize_text(text: &str) -> String {
    mask(&text.nfkc().collect::<String>())
}

/// Query-time normalisation of a raw paste or description.
pub fn normalize_query(raw: &str) -> String {
    normalize_lines(&read_lines(raw))
}

/// [`normalize_query`] of lines already selected by [`read_lines`]: a caller that also
/// reads the codes of the same paste selects its lines once.
pub fn normalize_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for &line in lines {
        let line: String = line.nfkc().collect();
        let line = if may_have_prefix(&line) { PREFIXES.replace_all(&line, " ") } else { line.into() };
        let line =
            if may_have_exception_path(&line) { EXCEPTION_PATH.replace_all(&line, "$1") } else { line };
        let line = mask(&line);
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() || out.len() + line.len() + 1 > MAX_QUERY_BYTES {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

/// The lines of `raw` the search reads, as pasted, each cut to [`MAX_LINE_BYTES`]: what
/// [`normalize_query`] normalises and what other readers of a paste (error codes,
/// placeholder values) look at, so all of them see the same lines.
pub fn read_lines(raw: &str) -> Vec<&str> {
    let lines = non_empty_lines(last_bytes(raw, MAX_INPUT_BYTES));
    select_lines(&lines).into_iter().map(|l| truncate(l, MAX_LINE_BYTES)).collect()
}

/// A long paste cut down to the lines the search reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condensed {
    /// The kept lines as pasted (each cut to [`MAX_LINE_BYTES`]), one per line.
    pub text: String,
    pub kept: usize,
    /// Non-empty lines in the paste (of its last [`MAX_INPUT_BYTES`]).
    pub lines: usize,
    /// Whether the kept lines carry an error marker; when no line does, the paste's last
    /// lines are kept instead (logs end in their error).
    pub errors: bool,
}

/// The lines of a paste longer than [`CONDENSE_ABOVE_BYTES`] that [`normalize_query`]
/// reads, as pasted; `None` for a shorter paste. Searching the condensed text finds what
/// searching the paste finds: the kept lines are all selected again.
pub fn condense(raw: &str) -> Option<Condensed> {
    if raw.len() <= CONDENSE_ABOVE_BYTES {
        return None;
    }
    let lines = non_empty_lines(last_bytes(raw, MAX_INPUT_BYTES));
    let kept: Vec<&str> = select_lines(&lines).into_iter().map(|l| truncate(l, MAX_LINE_BYTES)).collect();
    let errors = kept.iter().any(|l| has_error_marker(l));
    Some(Condensed { text: kept.join("\n"), kept: kept.len(), lines: lines.len(), errors })
}

fn mask(text: &str) -> String {
    let needs = Needs::of(text);
    let mut text = text.to_string();
    for (pattern, possible) in MASKS.iter().zip(needs.possible()) {
        if possible && pattern.is_match(&text) {
            text = pattern.replace_all(&text, " ").into_owned();
        }
    }
    // After the masks: a timestamp's `12:34:56,789` is gone by now.
    if needs.digit_comma && DIGIT_GROUPS.is_match(&text) {
        text = DIGIT_GROUPS.replace_all(&text, |c: &regex_lite::Captures| c[0].replace(',', "")).into_owned();
    }
    text
}

/// What the text has of what each of [`MASKS`] needs to match: most text (a section's
/// words, an error line without ids) can match none of them, and one pass over its bytes
/// is much cheaper than asking each pattern (regex-lite's matcher walks every character
/// per pattern; a tenth of the native query time). Masking only replaces characters with
/// spaces, so what the original lacks the masked text lacks too.
struct Needs {
    digits: usize,
    digit_run: usize,
    hex_run: usize,
    hex_prefix: bool,
    dots: usize,
    dashes: usize,
    /// A comma between two digits: what [`DIGIT_GROUPS`] needs.
    digit_comma: bool,
}

impl Needs {
    fn of(text: &str) -> Needs {
        let mut needs = Needs {
            digits: 0,
            digit_run: 0,
            hex_run: 0,
            hex_prefix: false,
            dots: 0,
            dashes: 0,
            digit_comma: false,
        };
        let (mut digit_run, mut hex_run, mut previous, mut before) = (0, 0, 0u8, 0u8);
        for &b in text.as_bytes() {
            digit_run = if b.is_ascii_digit() { digit_run + 1 } else { 0 };
            hex_run = if b.is_ascii_hexdigit() { hex_run + 1 } else { 0 };
            needs.digits += usize::from(b.is_ascii_digit());
            needs.digit_run = needs.digit_run.max(digit_run);
            needs.hex_run = needs.hex_run.max(hex_run);
            needs.hex_prefix |= previous == b'0' && (b == b'x' || b == b'X');
            needs.dots += usize::from(b == b'.');
            needs.dashes += usize::from(b == b'-');
            needs.digit_comma |= previous == b',' && before.is_ascii_digit() && b.is_ascii_digit();
            before = previous;
            previous = b;
        }
        needs
    }

    /// For each of [`MASKS`], in order, whether it could match.
    fn possible(&self) -> [bool; 6] {
        [
            // A time has at least six digits (hh:mm:ss), a date eight.
            self.digits >= 6,
            // A UUID: eight hex digits, then dashes.
            self.hex_run >= 8 && self.dashes >= 4,
            self.hex_prefix || self.hex_run >= 12,
            // An IPv4 address: four numbers, three dots.
            self.digits >= 4 && self.dots >= 3,
            self.digit_run >= 10,
            // A pod's two hash suffixes, each after a dash.
            self.dashes >= 2,
        ]
    }
}

/// The lines worth searching: the whole paste when short; otherwise the distinct lines
/// that carry an error marker, or the last lines when none does (logs end in the error).
fn select_lines<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    if lines.len() <= MAX_LINES_WHOLE {
        return lines.to_vec();
    }
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::new();
    for line in lines {
        let probe = truncate(line, MAX_LINE_BYTES);
        if has_error_marker(probe) && seen.insert(shape(probe)) {
            kept.push(*line);
            if kept.len() == MAX_SELECTED_LINES {
                break;
            }
        }
    }
    if kept.is_empty() {
        kept = lines[lines.len().saturating_sub(MAX_LINES_WHOLE)..].to_vec();
    }
    kept
}

fn non_empty_lines(raw: &str) -> Vec<&str> {
    raw.lines().filter(|l| !l.trim().is_empty()).collect()
}

fn has_error_marker(line: &str) -> bool {
    // The DFA is built for unanchored search, the only kind asked for: it cannot fail.
    MARKERS.try_find(&Input::new(line).earliest(true)).is_ok_and(|m| m.is_some())
}

/// A cheap key for deduplicating log lines that differ only in digits.
fn shape(line: &str) -> String {
    line.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// The end of `s`, at most `max` bytes, from a character boundary on.
pub fn last_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app reads a pasted log the way the CLI reads it from stdin: its last 2 MB.
    /// The cheap pre-check only skips patterns that cannot match: for texts at the edge of
    /// each pattern's needs, and for every eval paste and fixture, masking with it gives what
    /// asking every pattern gives.
    #[test]
    fn the_pre_check_never_skips_a_match() {
        let every_pattern = |text: &str| {
            let mut text = text.to_string();
            for pattern in MASKS.iter() {
                text = pattern.replace_all(&text, " ").into_owned();
            }
            DIGIT_GROUPS.replace_all(&text, |c: &regex_lite::Captures| c[0].replace(',', "")).into_owned()
        };
        let mut texts: Vec<String> = [
            "12:34:56",
            "at 2024-01-02",
            "id 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
            "0x1f",
            "deadbeefcafe",
            "1.2.3.4",
            "10.0.0.1:19530",
            "1234567890",
            "milvus-querynode-5d8f7b9c4-x2k9p",
            "a-bcdfgh-bcdfg",
            "collection not loaded",
            "12:34",
            "1.2.3",
            "123456789",
            "deadbeefcaf",
            "1,000",
            "a1,0",
            "1,a000",
        ]
        .map(String::from)
        .to_vec();
        let eval = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eval");
        for dir in [eval.to_owned(), format!("{eval}/mined")] {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                if entry.path().extension().is_some_and(|e| e == "jsonl") {
                    texts.extend(std::fs::read_to_string(entry.path()).unwrap().lines().map(String::from));
                }
            }
        }
        for text in &texts {
            assert_eq!(mask(text), every_pattern(text), "{text}");
        }
    }

    #[test]
    fn an_oversized_paste_is_read_from_its_end() {
        let mut paste = String::from("ERROR first failure alpha\n");
        while paste.len() < MAX_INPUT_BYTES + (1 << 20) {
            paste.push_str("[INFO] heartbeat ok 日志\n");
        }
        paste.push_str("ERROR last failure omega\n");
        let lines = read_lines(&paste);
        assert!(lines.iter().any(|l| l.contains("omega")), "{lines:?}");
        assert!(!lines.iter().any(|l| l.contains("alpha")), "{lines:?}");
        let condensed = condense(&paste).unwrap();
        assert!(condensed.text.contains("omega") && !condensed.text.contains("alpha"));
        assert!(last_bytes(&paste, 5).len() <= 5);
        assert!(last_bytes("日志", 4) == "志");
    }

    #[test]
    fn milvus_go_log_line_keeps_the_message() {
        let q = normalize_query(
            r#"[2024/05/07 09:12:44.123 +00:00] [WARN] [querynodev2/services.go:812] ["failed to search"] [collectionID=449876543210987654] [error="collection not loaded"]"#,
        );
        assert!(q.contains("failed to search"), "{q}");
        assert!(q.contains("collection not loaded"), "{q}");
        assert!(!q.contains("2024"), "{q}");
        assert!(!q.contains("services.go"), "{q}");
        assert!(!q.contains("449876543210987654"), "{q}");
        assert!(!q.contains("WARN"), "{q}");
    }

    #[test]
    fn bitnami_etcd_log_keeps_the_error() {
        let q = normalize_query(
            "etcd 09:12:44.12 INFO  ==> ** Starting etcd setup **\n\
             etcd 09:12:44.15 INFO  ==> Validating settings in ETCD_* env vars..\n\
             Error: bad member ID arg (strconv.ParseUint: parsing \"\": invalid syntax), expecting ID in Hex",
        );
        assert!(q.contains("strconv.ParseUint"), "{q}");
        assert!(!q.contains("09:12:44"), "{q}");
    }

    #[test]
    fn json_etcd_log_drops_furniture_keys() {
        let q = normalize_query(
            r#"{"level":"warn","ts":"2024-03-01T10:00:00.000Z","caller":"etcdserver/util.go:166","msg":"apply request took too long","took":"1.2s"}"#,
        );
        assert!(q.contains("apply request took too long"), "{q}");
        assert!(!q.contains("caller"), "{q}");
        assert!(!q.contains("util.go"), "{q}");
    }

    #[test]
    fn python_traceback_drops_frames() {
        let q = normalize_query(
            "Traceback (most recent call last):\n  File \"/app/main.py\", line 12, in <module>\n    client.search(...)\npymilvus.exceptions.MilvusException: <MilvusException: (code=101, message=collection not loaded)>",
        );
        assert!(q.contains("collection not loaded"), "{q}");
        assert!(q.contains("code=101"), "{q}");
        assert!(!q.contains("main.py"), "{q}");
        assert!(q.contains("MilvusException") && !q.contains("pymilvus.exceptions"), "{q}");
    }

    #[test]
    fn full_width_chinese_becomes_half_width() {
        let q = normalize_query("etcd　报错：ｄａｔａｂａｓｅ　ｓｐａｃｅ　ｅｘｃｅｅｄｅｄ");
        assert!(q.contains("database space exceeded"), "{q}");
        assert!(q.contains("报错:"), "{q}");
    }

    #[test]
    fn masks_uuids_ips_and_pod_hashes() {
        let q = normalize_query(
            "pod milvus-querynode-5d8f7b9c4-x2k9p dial tcp 10.1.2.3:9000 request 123e4567-e89b-12d3-a456-426614174000",
        );
        assert!(q.contains("milvus-querynode "), "{q}");
        assert!(!q.contains("x2k9p") && !q.contains("10.1.2.3") && !q.contains("426614174000"), "{q}");
    }

    #[test]
    fn thousands_separators_fold_into_the_number() {
        assert_eq!(
            normalize_text("topK is at most 16,384; 1,000,000 rows"),
            "topK is at most 16384; 1000000 rows"
        );
        // A pair of numbers and a leading zero stay apart; a log timestamp's millis are masked.
        assert_eq!(normalize_text("range [1,16384] or (0,100]"), "range [1,16384] or (0,100]");
        let q = normalize_query("2022-07-25 11:26:22,835 ERROR load 900,000 rows");
        assert!(q.contains("900000") && !q.contains("835"), "{q}");
    }

    #[test]
    fn error_codes_survive_masking() {
        let q = normalize_query("grpc: received message larger than max (8388608 vs. 67108864)");
        assert!(q.contains("67108864") && q.contains("8388608"), "{q}");
    }

    #[test]
    fn long_paste_keeps_distinct_error_lines_only() {
        let mut paste = String::new();
        for i in 0..10_000 {
            paste.push_str(&format!("[INFO] heartbeat ok seq={i}\n"));
            if i % 1000 == 0 {
                paste.push_str(&format!("[ERROR] failed to load segment {i}: insufficient memory\n"));
            }
        }
        let q = normalize_query(&paste);
        assert_eq!(q.lines().count(), 1, "{q}");
        assert!(q.contains("insufficient memory"));
        assert!(q.len() <= MAX_QUERY_BYTES);
    }

    #[test]
    fn long_paste_without_errors_keeps_its_tail() {
        let paste: String = (0..100).map(|i| format!("line number {i}\n")).collect();
        let q = normalize_query(&paste);
        assert!(q.contains("line number 99") && !q.contains("line number 50"), "{q}");
    }

    #[test]
    fn huge_single_token_is_bounded() {
        let q = normalize_query(&"x".repeat(100_000));
        assert!(q.len() <= MAX_LINE_BYTES);
    }

    #[test]
    fn condensed_paste_searches_like_the_paste() {
        let mut paste = String::new();
        for i in 0..5_000 {
            paste.push_str(&format!("[2024/05/07 09:00:{:02}.1 +00:00] [INFO] [datacoord/services.go:88] [\"received heartbeat\"] [nodeID={i}]\n", i % 60));
            if i % 700 == 0 {
                paste.push_str(
                    "[WARN] [proxy/impl.go:2954] [\"Search failed\"] [error=\"collection not loaded\"]\n",
                );
            }
        }
        paste.push_str(
            "[ERROR] [querynodev2/segments.go:12] [\"load failed\"] [error=\"insufficient memory\"]\n",
        );
        let condensed = condense(&paste).expect("a 400 KB paste is condensed");
        assert_eq!(condensed.kept, 2, "{}", condensed.text);
        assert_eq!(condensed.lines, 5_009);
        assert!(condensed.text.contains("[proxy/impl.go:2954]"), "kept as pasted: {}", condensed.text);
        assert_eq!(normalize_query(&condensed.text), normalize_query(&paste));
        assert!(condensed.errors);
        assert_eq!(condense("collection not loaded"), None);
    }

    #[test]
    fn a_long_paste_without_errors_keeps_its_last_lines_and_says_so() {
        let paste: String = (0..9_000).map(|i| format!("[INFO] heartbeat from node {i}\n")).collect();
        let condensed = condense(&paste).expect("condensed");
        assert!(!condensed.errors);
        assert_eq!(condensed.kept, MAX_LINES_WHOLE);
        assert!(condensed.text.ends_with("node 8999"), "{}", condensed.text);
    }
}
