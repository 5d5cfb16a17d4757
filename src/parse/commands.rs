//! Code blocks → commands to copy, and text → error signatures.
//!
//! A shell block often holds several commands with comments between them; an operator
//! copies them one at a time, so each command line becomes its own [`Command`] and the
//! comment before it its note. Configuration and program code (`yaml`, `python`, …) are
//! copied whole. A block of log output is not a command at all: its lines are error
//! messages, kept as signatures.

use crate::section::Command;

/// Languages whose blocks are split into one command per line.
const SHELL: &[&str] = &["bash", "sh", "shell", "console", "zsh", "shell-session"];

/// Languages that hold log output rather than something to run.
const OUTPUT: &[&str] = &["text", "log", "logs", "plaintext", "txt", "output"];

/// First words that make a line a command, not a message.
const COMMAND_WORDS: &[&str] = &[
    "kubectl",
    "docker",
    "docker-compose",
    "helm",
    "pip",
    "pip3",
    "python",
    "python3",
    "etcdctl",
    "curl",
    "wget",
    "ulimit",
    "lscpu",
    "sudo",
    "cd",
    "ls",
    "cat",
    "rm",
    "cp",
    "mv",
    "export",
    "echo",
    "git",
    "npm",
    "go",
    "java",
    "mvn",
    "gradle",
    "systemctl",
    "journalctl",
    "apt",
    "apt-get",
    "yum",
    "tar",
    "grep",
    "find",
    "df",
    "du",
    "free",
    "mkdir",
    "chmod",
    "chown",
    "sed",
    "minikube",
    "pulsarctl",
    "pulsar-admin",
    "bin/pulsar-admin",
    "milvus",
    "birdwatcher",
    "nvidia-smi",
    "ssh",
    "scp",
    "set",
];

/// Words that mark a string as an error message.
const MESSAGE_MARKERS: &[&str] = &[
    "error",
    "err",
    "fail",
    "failed",
    "exception",
    "panic",
    "fatal",
    "denied",
    "refused",
    "timeout",
    "exceeded",
    "exceeds",
    "exceed",
    "invalid",
    "cannot",
    "can't",
    "unable",
    "not",
    "no",
    "missing",
    "mismatch",
    "unavailable",
    "illegal",
    "unexpected",
    "larger",
    "deadline",
    "unbound",
    "too",
    "doesn't",
    "does",
    "incompatible",
    "unauthenticated",
    "deny",
    "insufficient",
    "quota",
    "offline",
];

/// What one `<pre>` block contributes to its section.
#[derive(Debug, Default, PartialEq)]
pub struct Block {
    pub commands: Vec<Command>,
    pub messages: Vec<String>,
}

/// Reads one code block with its language tag.
pub fn read_block(code: &str, lang: Option<&str>) -> Block {
    let lang = lang.map(|l| l.to_ascii_lowercase()).filter(|l| !l.is_empty());
    let code = code.trim_end_matches(['\n', '\r', ' ']).trim_start_matches(['\n', '\r']);
    if code.trim().is_empty() {
        return Block::default();
    }
    match lang.as_deref() {
        Some(l) if OUTPUT.contains(&l) => Block { commands: Vec::new(), messages: message_lines(code) },
        None if looks_like_output(code) => Block { commands: Vec::new(), messages: message_lines(code) },
        Some(l) if !SHELL.contains(&l) => {
            Block { commands: vec![whole(code, lang.clone())], messages: Vec::new() }
        }
        _ if is_script(code) => Block { commands: vec![whole(code, lang.clone())], messages: Vec::new() },
        _ => Block { commands: split_shell(code, lang), messages: Vec::new() },
    }
}

fn whole(code: &str, lang: Option<String>) -> Command {
    Command { lang, text: code.to_owned(), note: None }
}

/// Heredocs, loops and functions only make sense whole.
fn is_script(code: &str) -> bool {
    code.contains("<<")
        || code.lines().any(|l| {
            let line = l.trim();
            let first = line.split(|c: char| c.is_whitespace() || c == ';').next().unwrap_or("");
            // Whole words only: `docker` and `fio` start with `do` and `fi`.
            SCRIPT_WORDS.contains(&first) || line.ends_with('{')
        })
}

/// Shell words that open or close a compound command: a block holding one is a script,
/// copied whole.
const SCRIPT_WORDS: &[&str] = &[
    "for", "while", "until", "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "function",
    "{", "}",
];

/// One command per logical line (`\` continues it); `$ ` prompts dropped; a comment
/// becomes the note of the next command.
fn split_shell(code: &str, lang: Option<String>) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut note: Option<String> = None;
    let mut current = String::new();
    for line in code.lines() {
        let trimmed = line.trim();
        if current.is_empty() {
            if trimmed.is_empty() {
                continue;
            }
            if let Some(comment) = trimmed.strip_prefix('#') {
                let comment = comment.trim();
                note = Some(match note.take() {
                    Some(n) => format!("{n} {comment}"),
                    None => comment.to_owned(),
                });
                continue;
            }
            let without_prompt = line.trim_start().strip_prefix("$ ").unwrap_or(line.trim_start());
            current.push_str(without_prompt.trim_end());
        } else {
            current.push('\n');
            current.push_str(line.trim_end());
        }
        if !current.ends_with('\\') {
            commands.push(Command {
                lang: lang.clone(),
                text: std::mem::take(&mut current),
                note: note.take(),
            });
        }
    }
    if !current.is_empty() {
        commands.push(Command { lang, text: current, note: note.take() });
    }
    commands
}

/// An untagged block whose every line reads like a message is log output.
fn looks_like_output(code: &str) -> bool {
    let lines: Vec<&str> = code.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    !lines.is_empty() && lines.iter().all(|l| reads_like_message(l))
}

fn message_lines(code: &str) -> Vec<String> {
    code.lines().map(str::trim).filter(|l| reads_like_message(l)).map(str::to_owned).collect()
}

/// True for strings such as `collection not loaded` or
/// `Error: bad member ID arg (…)`: three words or more, an error word, not a command.
pub fn reads_like_message(text: &str) -> bool {
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 3 || text.len() > 400 {
        return false;
    }
    let first = words[0].trim_start_matches("$").to_ascii_lowercase();
    if COMMAND_WORDS.contains(&first.as_str()) || first.starts_with("./") || first.starts_with('-') {
        return false;
    }
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| MESSAGE_MARKERS.contains(&w.to_ascii_lowercase().as_str()))
}

/// Quoted strings in prose that read like messages ("…", “…”, 「…」).
pub fn quoted_messages(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('"', '"'), ('“', '”'), ('「', '」')] {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else { break };
            let quoted = &after[..end];
            if !quoted.contains('\n') && reads_like_message(quoted) && !out.iter().any(|q| q == quoted) {
                out.push(quoted.to_owned());
            }
            rest = &after[end + close.len_utf8()..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_starting_like_keywords_are_not_scripts() {
        let block = read_block("docker ps\ndocker logs <id>\nfio --name=x", Some("bash"));
        let texts: Vec<&str> = block.commands.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["docker ps", "docker logs <id>", "fio --name=x"]);
        let script = read_block("for p in a b; do\n  echo $p\ndone", Some("bash"));
        assert_eq!(script.commands.len(), 1);
    }

    fn texts(block: &Block) -> Vec<&str> {
        block.commands.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn shell_block_splits_into_commands_with_notes() {
        let block = read_block(
            "kubectl kubectl scale sts <etcd-sts> --replicas=0\n# delete the pvc for etcd-0, etcd-1, etcd-2\nkubectl kubectl scale sts <etcd-sts> --replicas=1\n# restore the backup data\n",
            None,
        );
        assert_eq!(
            texts(&block),
            vec![
                "kubectl kubectl scale sts <etcd-sts> --replicas=0",
                "kubectl kubectl scale sts <etcd-sts> --replicas=1",
            ]
        );
        assert_eq!(block.commands[1].note.as_deref(), Some("delete the pvc for etcd-0, etcd-1, etcd-2"));
    }

    #[test]
    fn continuation_lines_stay_one_command() {
        let block = read_block(
            "$ helm upgrade my-release milvus/milvus \\\n  --set etcd.replicaCount=3\n",
            Some("bash"),
        );
        assert_eq!(
            texts(&block),
            vec!["helm upgrade my-release milvus/milvus \\\n  --set etcd.replicaCount=3"]
        );
    }

    #[test]
    fn config_and_code_are_copied_whole() {
        let block = read_block("etcd:\n  autoCompactionMode: revision\n", Some("yaml"));
        assert_eq!(texts(&block), vec!["etcd:\n  autoCompactionMode: revision"]);
    }

    #[test]
    fn heredoc_is_one_command() {
        let block = read_block("cat <<EOF > a.yaml\nx: 1\nEOF\n", Some("bash"));
        assert_eq!(block.commands.len(), 1);
    }

    #[test]
    fn log_output_is_signatures_not_commands() {
        let block = read_block(
            "Error: bad member ID arg (strconv.ParseUint: parsing \"\": invalid syntax), expecting ID in Hex\n",
            None,
        );
        assert!(block.commands.is_empty());
        assert_eq!(block.messages.len(), 1);
    }

    #[test]
    fn messages_are_told_from_commands() {
        assert!(reads_like_message("collection not loaded"));
        assert!(reads_like_message("etcdserver: mvcc: database space exceeded"));
        assert!(!reads_like_message("kubectl get pods -n milvus"));
        assert!(!reads_like_message("minio.address"));
        assert!(!reads_like_message("create the index first"));
    }

    #[test]
    fn quoted_messages_in_prose() {
        let q = quoted_messages("日志里有 “failed to create etcd client: context deadline exceeded” 这一行");
        assert_eq!(q, vec!["failed to create etcd client: context deadline exceeded"]);
    }
}
