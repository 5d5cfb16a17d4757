//! fixfind over the real Milvus docs (issue 8: "your own docs"). The docs are not in this
//! repository; `scripts/test.sh` points `FIXFIND_REAL_DOCS` at a checkout of them
//! (`../shared/corpus/milvus-docs`) and runs this ignored test.

mod common;

use std::path::PathBuf;
use std::process::Command;

#[test]
#[ignore = "needs the Milvus docs: FIXFIND_REAL_DOCS=<dir> (scripts/test.sh sets it)"]
fn real_milvus_docs_build_and_link_to_their_pages() {
    let docs = PathBuf::from(std::env::var("FIXFIND_REAL_DOCS").expect("FIXFIND_REAL_DOCS is set"));
    assert!(docs.join("zh/troubleshooting.md").is_file(), "no Milvus docs at {}", docs.display());
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("milvus-docs");
    common::copy_dir(&docs, &content);
    std::fs::write(
        content.join("fixfind.yaml"),
        "base_url:\n  en: https://milvus.io/docs/\n  zh: https://milvus.io/docs/zh/\n",
    )
    .unwrap();
    let bundle = dir.path().join("docs.bundle");
    let fixfind = env!("CARGO_BIN_EXE_fixfind");
    let out = Command::new(fixfind)
        .args(["build", "--content", content.to_str().unwrap(), "--out", bundle.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let paste = "etcd 08:10:21.31 INFO  ==> Detected data from previous deployments\n\
                 Error: bad member ID arg (strconv.ParseUint: parsing \"\": invalid syntax), expecting ID in Hex";
    let out = Command::new(fixfind)
        .args(["search", "--index", bundle.to_str().unwrap(), "--lang", "zh", "--json", paste])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["verdict"], "strong");
    assert_eq!(json["hits"][0]["id"], "2-etcd-pod-crash");
    assert_eq!(json["hits"][0]["url"], "https://milvus.io/docs/zh/troubleshooting.md#2-etcd-pod-crash");
}
