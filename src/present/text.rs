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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_join_across_identifier_punctuation_and_skip_bad_ranges() {
        let text = "strconv.ParseUint failed";
        let runs = highlight_runs(text, &[(0, 7), (8, 17)]);
        assert_eq!(runs, [("strconv.ParseUint".to_owned(), true), (" failed".to_owned(), false)]);
        // Out of bounds, backwards and overlapping ranges are dropped, the text kept whole.
        let runs = highlight_runs(text, &[(30, 40), (5, 2), (0, 3), (1, 4)]);
        let joined: String = runs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(joined, text);
        assert_eq!(runs.iter().filter(|(_, m)| *m).count(), 1);
    }

    #[test]
    fn a_range_inside_a_chinese_character_is_not_trusted() {
        let text = "集合未加载";
        let runs = highlight_runs(text, &[(1, 3)]);
        assert_eq!(runs, [(text.to_owned(), false)]);
    }

    #[test]
    fn truncation_counts_characters_and_marks_the_cut() {
        assert_eq!(truncate_chars("集合未加载", 2), "集合…");
        assert_eq!(truncate_chars("short", 10), "short");
    }

    #[test]
    fn the_issue_link_carries_the_first_line_as_title_and_stays_short() {
        let paste = format!("\n  npm ERR! code ERESOLVE\n{}", "x".repeat(10_000));
        let url = issue_url(&paste, |s| s.replace(' ', "%20").replace('\n', "%0A"));
        assert!(url.starts_with(
            "https://github.com/milvus-io/milvus/issues/new?title=npm%20ERR!%20code%20ERESOLVE&body="
        ));
        assert!(url.len() < 2_000, "{}", url.len());
        // A paste with a code fence of its own gets a different fence.
        assert!(issue_url("a ``` b", |s| s.to_owned()).contains("~~~~"));
    }

    #[test]
    fn only_web_links_become_hrefs() {
        assert_eq!(safe_link("https://milvus.io/docs"), Some("https://milvus.io/docs"));
        assert_eq!(safe_link("javascript:alert(1)"), None);
        assert_eq!(safe_link("data:text/html,x"), None);
    }
}
