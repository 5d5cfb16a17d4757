//! Pure text helpers for rendering: everything here returns plain strings that the
//! components put into text nodes, never HTML.

/// Splits `text` into (piece, highlighted) runs by byte ranges; ranges that overlap, run
/// backwards or cut a character are skipped rather than trusted.
pub fn highlight_runs(text: &str, ranges: &[(usize, usize)]) -> Vec<(String, bool)> {
    let mut ranges = ranges.to_vec();
    ranges.sort_unstable();
    // `strconv.ParseUint`, `member_id`: one mark, not pieces split by punctuation.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        if let Some(last) = merged.last_mut()
            && start >= last.1
            && start - last.1 <= 2
            && text
                .get(last.1..start)
                .is_some_and(|gap| gap.chars().all(|c| matches!(c, '.' | '_' | '-' | '/')))
        {
            last.1 = last.1.max(end);
            continue;
        }
        merged.push((start, end));
    }
    let ranges = merged;
    let mut runs = Vec::new();
    let mut at = 0;
    for (start, end) in ranges {
        let valid = start >= at
            && start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !valid {
            continue;
        }
        if start > at {
            runs.push((text[at..start].to_owned(), false));
        }
        runs.push((text[start..end].to_owned(), true));
        at = end;
    }
    if at < text.len() {
        runs.push((text[at..].to_owned(), false));
    }
    runs
}

/// The first `max` characters of `text`, with an ellipsis when cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}

/// A link that opens a new Milvus issue with the paste prefilled (title: the paste's first
/// non-empty line; body: the paste in a code block), short enough for any browser.
pub fn issue_url(paste: &str, encode: impl Fn(&str) -> String) -> String {
    let first_line = paste.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let title = truncate_chars(first_line, 90);
    let excerpt = truncate_chars(paste.trim(), 1500);
    let fence = if excerpt.contains("```") { "~~~~" } else { "```" };
    let body = format!(
        "**Error or symptom**\n\n{fence}\n{excerpt}\n{fence}\n\n**Environment**\n\n- Milvus version:\n- Deployment (Docker / Helm / Operator / Zilliz Cloud):\n- SDK and version:\n\n_fixfind found no confident match for this text._\n"
    );
    format!("https://github.com/milvus-io/milvus/issues/new?title={}&body={}", encode(&title), encode(&body))
}

/// Only web links from the knowledge base become `href`s.
pub fn safe_link(url: &str) -> Option<&str> {
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
}
