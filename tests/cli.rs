//! The `fixfind` binary as scripts and operators use it.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn fixfind(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fixfind"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fixfind runs");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.unwrap_or_default().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn build(content: &Path, out: &Path) -> Output {
    fixfind(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()], None)
}

#[test]
fn build_search_json_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("kb.bundle");
    let out = build(&common::root().join("tests/fixtures/html"), &bundle);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("zh: 1 pages, 5 sections, 3 commands"));

    let paste = "etcd 08:10:21.31 INFO  ==> Starting etcd\nError: bad member ID arg (strconv.ParseUint: parsing \"\": invalid syntax), expecting ID in Hex\n";
    let out = fixfind(
        &["search", "--index", bundle.to_str().unwrap(), "--lang", "zh", "--json", "-"],
        Some(paste.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["verdict"], "strong");
    assert_eq!(json["hits"][0]["id"], "2-etcd-pod-crash");
    for key in [
        "id",
        "lang",
        "page",
        "title",
        "breadcrumb",
        "url",
        "score",
        "confidence",
        "matched",
        "snippet",
        "commands",
    ] {
        assert!(json["hits"][0].get(key).is_some(), "hit has no `{key}`");
    }

    let out = fixfind(&["search", "--index", bundle.to_str().unwrap(), "npm ERR! code ERESOLVE"], None);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No confident match"));

    let out = fixfind(&["search", "--index", dir.path().join("missing").to_str().unwrap(), "x"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixfind build"));
}

#[test]
fn invalid_utf8_and_large_streams_on_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("kb.bundle");
    assert!(build(&common::root().join("tests/fixtures/html"), &bundle).status.success());
    let mut junk: Vec<u8> = vec![0xff, 0xfe, 0x00, 0xc3, 0x28];
    for i in 0..200_000 {
        junk.extend_from_slice(
            format!("[2024/05/07 09:12:44.123 +00:00] [INFO] [x.go:{i}] heartbeat\n").as_bytes(),
        );
    }
    junk.extend_from_slice(
        b"Error: bad member ID arg (strconv.ParseUint: parsing \"\": invalid syntax), expecting ID in Hex\n",
    );
    let out = fixfind(&["search", "--index", bundle.to_str().unwrap(), "--json"], Some(&junk));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["hits"][0]["id"], "2-etcd-pod-crash");
}

#[test]
fn broken_content_fails_the_build_and_keeps_the_good_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_dir(&common::root().join("tests/fixtures/markdown"), &content);
    let bundle = dir.path().join("kb.bundle");
    assert!(build(&content, &bundle).status.success());
    let good = std::fs::read(&bundle).unwrap();
    let chunks = || {
        let mut files: Vec<_> =
            std::fs::read_dir(dir.path().join("kb-text")).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        files
    };
    let good_chunks = chunks();

    let page = content.join("en/operations.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let broken_cases: Vec<(&str, String, &str)> = vec![
        (
            "front matter",
            original.replacen("title: Operations FAQ (fixture)", "title: [unclosed", 1),
            "operations.md:3",
        ),
        ("unclosed fence", format!("{original}\n```bash\nkubectl get pods\n"), "code fence is never closed"),
        ("empty file", String::new(), "empty file"),
        ("heading without text", format!("{original}\n## {{#nameless}}\n\ntext\n"), "heading has no text"),
        (
            "duplicate id",
            format!("{original}\n## Again {{#what-if-etcd-is-full}}\n\ntext\n"),
            "duplicate section id",
        ),
    ];
    for (name, text, expected) in broken_cases {
        std::fs::write(&page, text).unwrap();
        let out = build(&content, &bundle);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(stderr.contains("operations.md"), "{name}: {stderr}");
        assert_eq!(std::fs::read(&bundle).unwrap(), good, "{name}: the good bundle was replaced");
        assert_eq!(chunks(), good_chunks, "{name}: the good bundle's text was touched");
        let check = fixfind(&["check", "--content", content.to_str().unwrap()], None);
        assert_eq!(check.status.code(), Some(1), "{name}");
    }
    // Not text at all: the same clear error, exit code and untouched bundle as the rest.
    std::fs::write(&page, [0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe]).unwrap();
    let out = build(&content, &bundle);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "invalid UTF-8: {stderr}");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("operations.md"), "{stderr}");
    assert_eq!(std::fs::read(&bundle).unwrap(), good, "invalid UTF-8: the good bundle was replaced");
}

#[test]
fn sections_lists_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("kb.bundle");
    assert!(build(&common::root().join("tests/fixtures/html"), &bundle).status.success());
    let out = fixfind(&["sections", "--index", bundle.to_str().unwrap(), "--json"], None);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 5);
    let all = rows.iter().find(|r| r["id"] == "4-All-pods-crash").unwrap();
    assert_eq!(all["commands"], 2);
}

/// The hostile inputs of issue 7, through the CLI's stdin: each ends with a result or a
/// clean "no confident match", never a crash, within a generous bound.
#[test]
fn hostile_pastes_through_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("kb.bundle");
    assert!(build(&common::root().join("content"), &bundle).status.success());
    let mut cases: Vec<Vec<u8>> = vec![
        b"x".repeat(1 << 20),
        "a\n".repeat(100_000).into_bytes(),
        "y".repeat(100_000).into_bytes(),
        b"\0\x01\x02\x1b[31m\x7f error \xff\xfe".to_vec(),
        "\u{202e}collection not loaded\u{200d}\u{200b}e\u{301}\u{301}".as_bytes().to_vec(),
        "😱🔥💥".repeat(1000).into_bytes(),
        "内存不足，加载失败。".repeat(100_000).into_bytes(),
        b"field:x AND ( \" * ~2 title:foo^3 [a TO b] -(".to_vec(),
        b"<script>alert(1)</script><img src=x onerror=alert(1)>".to_vec(),
    ];
    cases.push(Vec::new());
    for input in cases {
        let started = std::time::Instant::now();
        let out = fixfind(&["search", "--index", bundle.to_str().unwrap(), "--json", "-"], Some(&input));
        let code = out.status.code();
        assert!(matches!(code, Some(0) | Some(1)), "{code:?}: {}", String::from_utf8_lossy(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
        // The verdict is the first hit's, and exit code 1 goes with `none`.
        let first = json["hits"].get(0).map_or(serde_json::json!("none"), |h| h["confidence"].clone());
        assert_eq!(json["verdict"], first, "{}", String::from_utf8_lossy(&out.stdout));
        assert_eq!(code == Some(1), json["verdict"] == "none", "exit code {code:?}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{} bytes", input.len());
    }
}

/// The index parts and the section text travel beside the bundle (`kb.bundle` →
/// `kb-text/`): the CLI reads them all, and a missing or damaged one is an error naming
/// the file. A new build removes the files no bundle names any more.
#[test]
fn a_missing_or_damaged_part_or_text_chunk_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("kb.bundle");
    let out = build(&common::root().join("content"), &bundle);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("2 index parts"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // One text chunk per page and language.
    let pages: usize = ["en", "zh"]
        .iter()
        .map(|lang| std::fs::read_dir(common::root().join("content").join(lang)).unwrap().count())
        .sum();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!("and {pages} text chunks")),
        "{pages} pages: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let chunk_dir = dir.path().join("kb-text");
    let mut files: Vec<_> = std::fs::read_dir(&chunk_dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (mut parts, mut chunks): (Vec<_>, Vec<_>) =
        files.iter().cloned().partition(|c| c.extension().is_some_and(|e| e == "part"));
    parts.sort();
    chunks.sort();
    assert_eq!(parts.len(), 2, "{files:?}");
    assert!(chunks.len() >= 2, "{chunks:?}");
    assert!(chunks.iter().all(|c| c.extension().is_some_and(|e| e == "chunk")), "{chunks:?}");
    let search = || fixfind(&["search", "--index", bundle.to_str().unwrap(), "--json", "etcd"], None);
    assert!(matches!(search().status.code(), Some(0 | 1)));
    // The search fails with exit code 2, naming `file` and saying `says`.
    let refused = |file: &Path, says: &str| {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let out = search();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&name) && stderr.contains(says), "{stderr}");
    };

    // A part missing, then the other language's part in its place.
    let good = std::fs::read(&parts[0]).unwrap();
    std::fs::remove_file(&parts[0]).unwrap();
    refused(&parts[0], "index part");
    std::fs::copy(&parts[1], &parts[0]).unwrap();
    refused(&parts[0], "another build");
    std::fs::write(&parts[0], &good).unwrap();
    assert!(matches!(search().status.code(), Some(0 | 1)));

    let good = std::fs::read(&chunks[0]).unwrap();
    std::fs::remove_file(&chunks[0]).unwrap();
    refused(&chunks[0], "fixfind build");

    // Another page's chunk in its place: recognised, not trusted.
    std::fs::copy(&chunks[1], &chunks[0]).unwrap();
    refused(&chunks[0], "another build");
    std::fs::write(&chunks[0], &good).unwrap();
    assert!(matches!(search().status.code(), Some(0 | 1)));

    // A build of other content: its own chunks, the old ones gone.
    assert!(build(&common::root().join("tests/fixtures/html"), &bundle).status.success());
    let after: Vec<_> = std::fs::read_dir(&chunk_dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(after.iter().all(|c| !files.contains(c)), "{after:?}");
    assert!(matches!(search().status.code(), Some(0 | 1)));
}
