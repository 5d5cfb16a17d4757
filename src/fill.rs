//! Filling command placeholders from the paste.
//!
//! Knowledge-base commands name what the reader must supply: `<etcd-sts>`, `<release>`,
//! `<your milvus container id>`, `<host>`, `<collection_name>`. The paste often carries
//! those values already — a pod name such as `my-release-etcd-2`, a `host:port` in a
//! connection error, a `collection_name=…` field. Each rule below reads one kind of
//! value; a placeholder is filled only when a rule found a value for its slot. Never
//! guess: no value, no fill.

use regex_lite::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A kind of value a placeholder asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slot {
    Release,
    EtcdStatefulSet,
    Pod,
    Container,
    Host,
    Port,
    Collection,
    Namespace,
}

/// Placeholder spellings used in the knowledge base and in the Milvus docs, by slot.
const SPELLINGS: &[(Slot, &[&str])] = &[
    (Slot::Release, &["release", "release-name", "release_name", "your-release", "my-release"]),
    (Slot::EtcdStatefulSet, &["etcd-sts", "etcd-statefulset"]),
    (Slot::Pod, &["pod", "pod-name", "pod_name", "etcd-pod", "querynode-pod"]),
    (
        Slot::Container,
        &["your milvus container id", "container", "container-id", "container_id", "container id"],
    ),
    (Slot::Host, &["host", "milvus-host", "milvus_host", "ip", "server-ip"]),
    (Slot::Port, &["port"]),
    (Slot::Collection, &["collection_name", "collection", "collection-name", "your_collection"]),
    (Slot::Namespace, &["namespace", "ns"]),
];

/// Values read from a paste.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts(BTreeMap<Slot, String>);

impl Facts {
    pub fn get(&self, slot: Slot) -> Option<&str> {
        self.0.get(&slot).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn offer(&mut self, slot: Slot, value: &str) {
        self.0.entry(slot).or_insert_with(|| value.to_owned());
    }
}

/// A piece of a command: plain text, a placeholder left for the reader, or a placeholder
/// filled from the paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Placeholder(String),
    Filled { placeholder: String, value: String },
}

macro_rules! re {
    ($pattern:expr) => {
        LazyLock::new(|| Regex::new($pattern).expect("valid built-in pattern"))
    };
}

/// `my-release-etcd-2` → release `my-release`, statefulset `my-release-etcd`.
static ETCD_POD: LazyLock<Regex> = re!(r"\b([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-etcd-(\d+)\b");
/// `my-release-milvus-querynode-5d8f7b9c4-x2k9p` → release `my-release`.
static MILVUS_POD: LazyLock<Regex> = re!(
    r"\b(([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-milvus-(?:standalone|proxy|querynode|datanode|indexnode|streamingnode|rootcoord|querycoord|datacoord|indexcoord|mixcoord)(?:-[a-z0-9]{5,10}){0,2})\b"
);
/// A `docker ps` line: `3f2a9c1b7d4e   milvusdb/milvus:v2.4.5 …`.
static DOCKER_PS: LazyLock<Regex> = re!(r"(?m)^([0-9a-f]{12})\s+milvusdb/milvus");
/// `Fail connecting to server on 10.0.0.5:19530`, `dial tcp 10.0.0.5:9000: connect:`.
static ADDRESS: LazyLock<Regex> = re!(
    r"(?:server on|dial tcp|connect to|connecting to|address|uri=|url=|host=)\s*[:=]?\s*(?:https?://)?\[?([A-Za-z0-9.-]*[A-Za-z0-9]|[0-9a-fA-F:]+)\]?:(\d{2,5})\b"
);
/// `collection_name=book`, `collection="book"`, `collection: book` (not numeric ids).
static COLLECTION: LazyLock<Regex> =
    re!(r#"\b(?:collection_name|collectionName|collection)\s*[=:]\s*["']?([A-Za-z_][A-Za-z0-9_]{0,254})\b"#);
/// `-n milvus`, `--namespace milvus`, `namespace=milvus`, `namespace: "milvus"`.
static NAMESPACE: LazyLock<Regex> = re!(
    r#"(?:\s-n\s+|--namespace[=\s]+|\bnamespace\s*[=:]\s*["']?)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\b"#
);
/// `<etcd-sts>`, `<your milvus container id>`: a placeholder in a command.
/// The one placeholder grammar of the knowledge base: a word or a few in angle brackets,
/// starting with a letter (`<etcd-sts>`, `<your milvus container id>`). A message such as
/// `<MilvusException: (code=1, …)>` is not one. Error templates leave placeholders out
/// ([`crate::engine`]) by the same rule.
pub(crate) static PLACEHOLDER: LazyLock<Regex> = re!(r"<([A-Za-z][A-Za-z0-9 _-]{0,40})>");

/// Reads the values a paste carries.
///
/// Values are read from the lines the search reads ([`crate::analyze::read_lines`]): the
/// CLI, given a whole log, and the app, which replaces a long paste by those lines, fill
/// the same values from the same log; and the rules stay cheap on a megabyte of logs.
pub fn facts(paste: &str) -> Facts {
    let text = &crate::analyze::read_lines(paste).join("\n");
    let mut facts = Facts::default();
    if let Some(m) = ETCD_POD.captures(text) {
        // `data-<release>-etcd-0` is the member's PVC, not a pod.
        let release = m[1].strip_prefix("data-").unwrap_or(&m[1]);
        facts.offer(Slot::Pod, &format!("{release}-etcd-{}", &m[2]));
        facts.offer(Slot::Release, release);
        facts.offer(Slot::EtcdStatefulSet, &format!("{release}-etcd"));
    }
    if let Some(m) = MILVUS_POD.captures(text) {
        facts.offer(Slot::Pod, &m[1]);
        facts.offer(Slot::Release, &m[2]);
    }
    if let Some(m) = DOCKER_PS.captures(text) {
        facts.offer(Slot::Container, &m[1]);
    }
    if let Some(m) = ADDRESS.captures(text) {
        facts.offer(Slot::Host, &m[1]);
        facts.offer(Slot::Port, &m[2]);
    }
    if let Some(m) = COLLECTION.captures(text) {
        facts.offer(Slot::Collection, &m[1]);
    }
    if let Some(m) = NAMESPACE.captures(text) {
        facts.offer(Slot::Namespace, &m[1]);
    }
    facts
}

fn slot_of(placeholder: &str) -> Option<Slot> {
    let name = placeholder.to_ascii_lowercase();
    SPELLINGS.iter().find(|(_, names)| names.contains(&name.as_str())).map(|(slot, _)| *slot)
}

/// Cuts a command into text and placeholders, filling those the facts answer.
pub fn segments(command: &str, facts: &Facts) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut last = 0;
    for m in PLACEHOLDER.captures_iter(command) {
        let whole = m.get(0).expect("match");
        if whole.start() > last {
            out.push(Segment::Text(command[last..whole.start()].to_owned()));
        }
        let placeholder = whole.as_str().to_owned();
        match slot_of(&m[1]).and_then(|slot| facts.get(slot)) {
            Some(value) => out.push(Segment::Filled { placeholder, value: value.to_owned() }),
            None => out.push(Segment::Placeholder(placeholder)),
        }
        last = whole.end();
    }
    if last < command.len() {
        out.push(Segment::Text(command[last..].to_owned()));
    }
    out
}

/// The command with every answerable placeholder filled, or `None` when nothing was.
pub fn fill(command: &str, facts: &Facts) -> Option<String> {
    let segments = segments(command, facts);
    if !segments.iter().any(|s| matches!(s, Segment::Filled { .. })) {
        return None;
    }
    Some(
        segments
            .into_iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Placeholder(t) => t,
                Segment::Filled { value, .. } => value,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_log_fills_the_same_values_as_its_condensed_lines() {
        // A pod named early on a line without an error, and the failing one later: both
        // front ends must read the failing one.
        let mut log = String::from("starting my-release-etcd-0 ok\n");
        for i in 0..20_000 {
            log.push_str(&format!("[INFO] heartbeat {i}\n"));
        }
        log.push_str("[ERROR] other-etcd-2 failed: etcdserver: mvcc: database space exceeded\n");
        let condensed = crate::analyze::condense(&log).expect("a long log is condensed");
        assert_eq!(facts(&log), facts(&condensed.text));
        assert_eq!(facts(&log).get(Slot::Release), Some("other"));
    }

    #[test]
    fn etcd_pod_gives_statefulset_and_release() {
        let f = facts("my-release-etcd-2   0/1   CrashLoopBackOff   7   12m");
        assert_eq!(f.get(Slot::EtcdStatefulSet), Some("my-release-etcd"));
        assert_eq!(f.get(Slot::Release), Some("my-release"));
        assert_eq!(f.get(Slot::Pod), Some("my-release-etcd-2"));
        assert_eq!(
            fill("kubectl scale sts <etcd-sts> --replicas=1", &f).as_deref(),
            Some("kubectl scale sts my-release-etcd --replicas=1")
        );
        assert_eq!(
            fill("kubectl delete pvc data-<release>-etcd-1", &f).as_deref(),
            Some("kubectl delete pvc data-my-release-etcd-1")
        );
    }

    #[test]
    fn etcd_pvc_name_gives_the_release_too() {
        let f = facts("persistentvolumeclaim \"data-milvus-etcd-1\" not found");
        assert_eq!(f.get(Slot::Release), Some("milvus"));
        assert_eq!(f.get(Slot::Pod), Some("milvus-etcd-1"));
    }

    #[test]
    fn milvus_component_pod_gives_release() {
        let f = facts("pod milvus-prod-milvus-querynode-5d8f7b9c4-x2k9p OOMKilled");
        assert_eq!(f.get(Slot::Release), Some("milvus-prod"));
        assert_eq!(f.get(Slot::Pod), Some("milvus-prod-milvus-querynode-5d8f7b9c4-x2k9p"));
        assert_eq!(f.get(Slot::EtcdStatefulSet), None);
    }

    #[test]
    fn docker_ps_line_gives_container_id() {
        let f =
            facts("CONTAINER ID   IMAGE\n3f2a9c1b7d4e   milvusdb/milvus:v2.4.5   \"/tini -- milvus run…\"");
        assert_eq!(
            fill("docker logs <your milvus container id>", &f).as_deref(),
            Some("docker logs 3f2a9c1b7d4e")
        );
    }

    #[test]
    fn connection_error_gives_host_and_port() {
        let f = facts(
            "MilvusException: (code=2, message=Fail connecting to server on 10.0.3.7:19530, illegal connection params or server unavailable)",
        );
        assert_eq!(f.get(Slot::Host), Some("10.0.3.7"));
        assert_eq!(f.get(Slot::Port), Some("19530"));
        assert_eq!(
            fill("curl http://<host>:9091/healthz", &f).as_deref(),
            Some("curl http://10.0.3.7:9091/healthz")
        );
        let f = facts("dial tcp minio.storage.svc:9000: connect: connection refused");
        assert_eq!(f.get(Slot::Host), Some("minio.storage.svc"));
    }

    #[test]
    fn collection_fields_but_not_numeric_ids() {
        let f = facts("[\"failed to search\"] [collection_name=book_v2] [error=\"collection not loaded\"]");
        assert_eq!(f.get(Slot::Collection), Some("book_v2"));
        let f = facts("collection not loaded[collection=451234567890123456]");
        assert_eq!(f.get(Slot::Collection), None);
    }

    #[test]
    fn namespace_from_kubectl_flags() {
        assert_eq!(facts("kubectl logs my-release-etcd-0 -n milvus").get(Slot::Namespace), Some("milvus"));
        assert_eq!(facts("namespace: \"vector-db\"").get(Slot::Namespace), Some("vector-db"));
    }

    #[test]
    fn no_value_no_fill() {
        let f = facts("collection not loaded");
        assert!(f.is_empty());
        assert_eq!(fill("kubectl scale sts <etcd-sts> --replicas=0", &f), None);
        assert_eq!(
            segments("kubectl scale sts <etcd-sts> --replicas=0", &f),
            vec![
                Segment::Text("kubectl scale sts ".into()),
                Segment::Placeholder("<etcd-sts>".into()),
                Segment::Text(" --replicas=0".into()),
            ]
        );
    }

    #[test]
    fn unknown_placeholders_stay() {
        let f = facts("my-release-etcd-0 crashed");
        assert_eq!(fill("etcdctl compact <rev>", &f), None);
    }
}
