//! The parser over fixtures written in both formats of the real Milvus docs.

use fixfind::parse;
use fixfind::section::{Lang, Section};
use std::path::PathBuf;

fn load(folder: &str) -> Vec<Section> {
    let content =
        parse::load(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(folder)]);
    assert!(!content.has_errors(), "{:?}", content.diagnostics);
    content.sections
}

fn section<'a>(sections: &'a [Section], id: &str) -> &'a Section {
    sections.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no section {id}"))
}

#[test]
fn html_in_markdown_sections() {
    let sections = load("html");
    let ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["Troubleshooting", "Boot-issues", "etcd-crash-issues", "2-etcd-pod-crash", "4-All-pods-crash"]
    );
    assert!(sections.iter().all(|s| s.lang == Lang::Zh && s.page == "troubleshooting.md"));

    let crash = section(&sections, "2-etcd-pod-crash");
    assert_eq!(crash.title, "2. etcd pod 反复重启");
    assert_eq!(crash.breadcrumb, vec!["故障排查", "etcd 故障"]);
    assert!(crash.signatures.contains(
        &r#"Error: bad member ID arg (strconv.ParseUint: parsing "": invalid syntax), expecting ID in Hex"#.to_string()
    ));
    assert!(!crash.text.contains("svg") && !crash.text.contains("&quot;"));
}

#[test]
fn html_code_blocks_become_exact_commands() {
    let sections = load("html");
    let all = section(&sections, "4-All-pods-crash");
    let texts: Vec<&str> = all.commands.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "kubectl kubectl scale sts <etcd-sts> --replicas=0",
            "kubectl kubectl scale sts <etcd-sts> --replicas=1",
        ]
    );
    let boot = section(&sections, "Boot-issues");
    assert_eq!(boot.commands[0].text, "docker logs <your milvus container id>");
    assert_eq!(boot.title, "启动失败");
}

#[test]
fn plain_markdown_faq_sections() {
    let sections = load("markdown");
    let illegal = section(&sections, "why-does-my-container-exit-with-illegal-instruction");
    assert_eq!(illegal.breadcrumb, vec!["Operations FAQ (fixture)"]);
    assert_eq!(illegal.commands[0].text, "lscpu | grep -e sse4_2 -e avx -e avx2 -e avx512");
    let varchar = section(&sections, "how-do-i-raise-the-varchar-limit");
    assert_eq!(varchar.commands[0].lang.as_deref(), Some("python"));
    assert!(varchar.signatures.contains(&"length of varchar field exceeds max length".to_string()));
    let full = section(&sections, "what-if-etcd-is-full");
    let texts: Vec<&str> = full.commands.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, vec!["etcdctl compact <rev>", "etcdctl defrag --endpoints=<endpoints>"]);
    assert_eq!(full.commands[1].note.as_deref(), Some("then reclaim the space"));
    assert!(full.signatures.contains(&"etcdserver: mvcc: database space exceeded".to_string()));
}

#[test]
fn folder_config_gives_links_to_the_published_pages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("zh")).unwrap();
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/zh/troubleshooting.md"),
        dir.path().join("zh/troubleshooting.md"),
    )
    .unwrap();
    std::fs::write(dir.path().join("fixfind.yaml"), "base_url:\n  zh: https://milvus.io/docs/zh/\n").unwrap();
    let content = parse::load(&[dir.path().to_path_buf()]);
    let crash = content.sections.iter().find(|s| s.id == "2-etcd-pod-crash").unwrap();
    assert_eq!(crash.url.as_deref(), Some("https://milvus.io/docs/zh/troubleshooting.md#2-etcd-pod-crash"));
}

#[test]
fn shipped_content_pairs_every_section() {
    let content = parse::load(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content")]);
    assert!(content.diagnostics.is_empty(), "{:#?}", content.diagnostics);
    let en = content.sections.iter().filter(|s| s.lang == Lang::En).count();
    let zh = content.sections.iter().filter(|s| s.lang == Lang::Zh).count();
    assert_eq!(en, zh);
    assert!(en >= 56, "{en} sections");
}
