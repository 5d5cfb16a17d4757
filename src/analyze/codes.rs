//! Milvus error codes carried by a paste.
//!
//! Every Milvus client prints the server's error code next to the message:
//! pymilvus `<MilvusException: (code=101, message=…)>`, Go server logs
//! `[errorCode=1100]`, the RESTful API `{"code":1100,"message":"…"}`, the Java SDK
//! `ErrorCode: 65535`. The code names the problem even when the message around it is
//! worded differently in every release, so the engine matches it against the codes
//! sections declare, beside the words.
//!
//! Codes are read from the lines the search reads ([`read_lines`]), before masking and
//! prefix stripping: `[errorCode=100]` is log furniture to the word search.

use super::normalize::read_lines;
use regex_lite::Regex;
use std::sync::LazyLock;

/// A paste rarely names more than a few; past this it is a dump of unrelated lines.
pub const MAX_CODES: usize = 8;

/// The largest code Milvus defines (`unexpected error`).
const MAX_CODE: u32 = 65535;

/// `code=101`, `code: 101`, `"code":101`, `errorCode=1100`, `error_code: 5`,
/// `ErrorCode: 65535`. Not `status`: HTTP statuses (500, 503) collide with Milvus codes.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:^|[^a-z_])(?:error_?code|err_?code|code)"?\s*[=:]\s*"?(\d{1,5})\b"#)
        .expect("valid built-in pattern")
});

/// The distinct error codes in `raw`, in order of appearance; `0` (success) is not one.
pub fn error_codes(raw: &str) -> Vec<u32> {
    codes_in(&read_lines(raw))
}

/// [`error_codes`] of lines already selected by [`read_lines`].
pub fn codes_in(lines: &[&str]) -> Vec<u32> {
    let mut codes = Vec::new();
    for found in lines.iter().flat_map(|line| CODE.captures_iter(line)) {
        let Some(code) = found.get(1).and_then(|m| m.as_str().parse::<u32>().ok()) else { continue };
        if code == 0 || code > MAX_CODE || codes.contains(&code) {
            continue;
        }
        codes.push(code);
        if codes.len() == MAX_CODES {
            break;
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_client_shape_is_read() {
        let cases = [
            ("<MilvusException: (code=1401, message=privilege not permitted)>", vec![1401]),
            (r#"[error="collection not found[collection=x]"] [errorCode=100]"#, vec![100]),
            (r#"{"code":1100,"message":"invalid parameter"}"#, vec![1100]),
            ("io.milvus.exception.ServerException: ErrorCode: 65535 unexpected error", vec![65535]),
            ("error_code: 5 reason: x", vec![5]),
        ];
        for (paste, codes) in cases {
            assert_eq!(error_codes(paste), codes, "{paste}");
        }
    }

    #[test]
    fn look_alikes_are_not_codes() {
        assert!(error_codes("HTTP status: 500 Internal Server Error").is_empty());
        assert!(error_codes("barcode=12 zipcode: 10115").is_empty());
        assert!(error_codes("code=0, message=").is_empty());
        assert!(error_codes("code=123456").is_empty());
    }

    #[test]
    fn repeated_codes_count_once() {
        assert_eq!(error_codes("code=101 … code=101 … code=1100"), vec![101, 1100]);
    }
}
