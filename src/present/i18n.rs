//! The interface's words in English and Chinese. Results follow the interface language.

use crate::section::Lang;

/// Every fixed string the interface shows, in one language.
pub struct Strings {
    pub tagline: &'static str,
    pub input_label: &'static str,
    pub placeholder: &'static str,
    pub keys_hint: &'static str,
    pub clear: &'static str,
    pub switch_to: &'static str,
    pub switch_label: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub searching_soon: &'static str,
    pub empty_title: &'static str,
    pub empty_body: &'static str,
    pub examples: &'static str,
    pub strong: &'static str,
    pub possible: &'static str,
    pub weak: &'static str,
    pub why: &'static str,
    pub commands: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub copy_label: &'static str,
    pub placeholder_hint: &'static str,
    pub filled_title: &'static str,
    pub filled_note: &'static str,
    pub source: &'static str,
    pub codes: &'static str,
    pub seen_in: &'static str,
    pub fixed_in: &'static str,
    pub read_other: &'static str,
    pub read_back: &'static str,
    /// Under a card's title while its section text is on its way.
    pub text_loading: &'static str,
    /// On a card whose section text could not be loaded, before the reason.
    pub text_failed: &'static str,
    pub only_other: &'static str,
    pub no_match_title: &'static str,
    pub no_match_body: &'static str,
    pub closest: &'static str,
    pub open_issue: &'static str,
    pub footer: &'static str,
    pub fatal: &'static str,
}

const EN: Strings = Strings {
    tagline: "Paste a Milvus error, get the fix",
    input_label: "Paste an error message or log line, or describe the symptom",
    placeholder: "e.g. Error: bad member ID arg (strconv.ParseUint: parsing \"\": invalid syntax), expecting ID in Hex",
    keys_hint: "Press / to focus · Esc to clear",
    clear: "Clear",
    switch_to: "中文",
    switch_label: "切换到中文界面",
    loading: "Loading the knowledge base…",
    load_failed: "The knowledge base could not be loaded",
    retry: "Try again",
    searching_soon: "Your search runs as soon as the knowledge base is loaded.",
    empty_title: "Everything stays in your browser",
    empty_body: "Paste an error from a Milvus log, a failing command's output, or describe what you see. Nothing you type leaves this page.",
    examples: "Try an example",
    strong: "Strong match",
    possible: "Possible match",
    weak: "Weak match",
    why: "Why it matched",
    commands: "Commands",
    copy: "Copy",
    copied: "Copied",
    copy_failed: "Copy failed: select the text and copy it by hand",
    copy_label: "Copy this command",
    placeholder_hint: "Replace the highlighted <placeholders> with your own values.",
    filled_title: "Filled in from your paste; the command says",
    filled_note: "Values filled in from your paste. Original:",
    source: "Original documentation",
    codes: "Error codes",
    seen_in: "Seen in",
    fixed_in: "fixed in",
    read_other: "阅读中文版",
    read_back: "Back to English",
    text_loading: "Loading the section text…",
    text_failed: "The text of this section could not be loaded:",
    only_other: "Only available in Chinese",
    no_match_title: "No confident match",
    no_match_body: "The knowledge base has no section that clearly explains this. The closest sections are below; if none helps, ask the Milvus community.",
    closest: "Closest sections",
    open_issue: "Open a Milvus GitHub issue with this text",
    footer: "fixfind runs entirely in your browser: nothing you paste is sent anywhere.",
    fatal: "fixfind stopped because of an internal error. Reload the page; if it happens again, please report it.",
};

const ZH: Strings = Strings {
    tagline: "粘贴 Milvus 报错，找到解决办法",
    input_label: "粘贴报错信息或日志，或描述你遇到的现象",
    placeholder: "例如：etcd pod 一直重启",
    keys_hint: "按 / 聚焦输入框 · Esc 清空",
    clear: "清空",
    switch_to: "English",
    switch_label: "Switch to English",
    loading: "正在加载知识库…",
    load_failed: "知识库加载失败",
    retry: "重试",
    searching_soon: "知识库加载完成后会立即搜索。",
    empty_title: "所有内容都留在你的浏览器里",
    empty_body: "粘贴 Milvus 日志中的报错、失败命令的输出，或描述你看到的现象。你输入的内容不会离开本页面。",
    examples: "试试这些例子",
    strong: "高度匹配",
    possible: "可能匹配",
    weak: "弱匹配",
    why: "匹配原因",
    commands: "命令",
    copy: "复制",
    copied: "已复制",
    copy_failed: "复制失败：请手动选中文本复制",
    copy_label: "复制这条命令",
    placeholder_hint: "请把高亮的 <占位符> 替换成你自己的值。",
    filled_title: "已根据你粘贴的内容填入，原占位符为",
    filled_note: "部分值已根据你粘贴的内容填入。原命令：",
    source: "原始文档",
    codes: "错误码",
    seen_in: "出现于",
    fixed_in: "修复版本",
    read_other: "Read in English",
    read_back: "返回中文",
    text_loading: "正在加载章节内容…",
    text_failed: "本节内容加载失败：",
    only_other: "仅有英文版",
    no_match_title: "没有可信的匹配",
    no_match_body: "知识库里没有能明确解释这个问题的章节。下面是最接近的几节；如果都没有帮助，可以向 Milvus 社区求助。",
    closest: "最接近的章节",
    open_issue: "用这段文字在 GitHub 上给 Milvus 提 issue",
    footer: "fixfind 完全在你的浏览器中运行：你粘贴的内容不会被发送到任何地方。",
    fatal: "fixfind 因内部错误停止运行。请刷新页面；如果再次出现，请反馈这个问题。",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// "3 results in 1.2 ms", or "No confident match · 1.2 ms".
pub fn result_count(lang: Lang, count: usize, confident: bool, ms: f64) -> String {
    if !confident {
        return match lang {
            Lang::En => format!("No confident match · {ms:.1} ms"),
            Lang::Zh => format!("没有可信的匹配 · 用时 {ms:.1} 毫秒"),
        };
    }
    match (lang, count) {
        (Lang::En, 1) => format!("1 result in {ms:.1} ms"),
        (Lang::En, n) => format!("{n} results in {ms:.1} ms"),
        (Lang::Zh, n) => format!("{n} 条结果，用时 {ms:.1} 毫秒"),
    }
}

/// "Loading… 120 KB of 300 KB (40%)".
pub fn progress(lang: Lang, received: u64, total: Option<u64>) -> String {
    let kb = |b: u64| (b as f64 / 1024.0).round() as u64;
    let base = strings(lang).loading;
    match total {
        Some(total) if total > 0 => {
            let percent = (received.min(total) * 100) / total;
            match lang {
                Lang::En => format!("{base} {} KB of {} KB ({percent}%)", kb(received), kb(total)),
                Lang::Zh => format!("{base} {} KB / {} KB（{percent}%）", kb(received), kb(total)),
            }
        }
        _ => format!("{base} {} KB", kb(received)),
    }
}

/// "Ready · 312 sections".
pub fn ready(lang: Lang, sections: usize) -> String {
    match lang {
        Lang::En => format!("Ready · {sections} sections"),
        Lang::Zh => format!("就绪 · 共 {sections} 节"),
    }
}

/// What became of a long paste: "Long paste (1.0 MB, 9431 lines): kept the 3 lines that
/// carry errors"; when no line carried one, the last lines were kept and it says so.
pub fn condensed(lang: Lang, bytes: usize, kept: usize, lines: usize, errors: bool) -> String {
    let size = if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    };
    match (lang, kept, errors) {
        (Lang::En, 1, true) => {
            format!("Long paste ({size}, {lines} lines): kept the line that carries the error.")
        }
        (Lang::En, n, true) => {
            format!("Long paste ({size}, {lines} lines): kept the {n} lines that carry errors.")
        }
        (Lang::En, n, false) => {
            format!("Long paste ({size}, {lines} lines): no line carries an error; kept the last {n}.")
        }
        (Lang::Zh, n, true) => format!("粘贴内容较长（{size}，{lines} 行）：只保留了含报错的 {n} 行。"),
        (Lang::Zh, n, false) => {
            format!("粘贴内容较长（{size}，{lines} 行）：没有含报错的行，只保留了最后 {n} 行。")
        }
    }
}

/// The language's name for the `lang` attribute of the document.
pub fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    }
}

/// Example queries for the empty state.
pub fn examples(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "Error: bad member ID arg (strconv.ParseUint: parsing \"\": invalid syntax), expecting ID in Hex",
            "collection not loaded",
            "etcd pod 一直重启",
            "metric type not match",
        ],
        Lang::Zh => &[
            "etcd pod 一直重启",
            "Error: bad member ID arg (strconv.ParseUint: parsing \"\": invalid syntax), expecting ID in Hex",
            "collection not loaded",
            "查询时内存不足",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(result_count(Lang::En, 1, true, 0.5), "1 result in 0.5 ms");
        assert_eq!(result_count(Lang::En, 3, true, 2.0), "3 results in 2.0 ms");
        assert_eq!(result_count(Lang::Zh, 3, true, 2.0), "3 条结果，用时 2.0 毫秒");
    }

    #[test]
    fn the_long_paste_note_says_whether_error_lines_were_found() {
        let with = condensed(Lang::En, 3 << 20, 2, 9000, true);
        assert_eq!(with, "Long paste (3.0 MB, 9000 lines): kept the 2 lines that carry errors.");
        let without = condensed(Lang::En, 70 * 1024, 12, 900, false);
        assert_eq!(without, "Long paste (70 KB, 900 lines): no line carries an error; kept the last 12.");
        assert!(condensed(Lang::Zh, 70 * 1024, 12, 900, false).contains("没有含报错的行"));
    }

    #[test]
    fn progress_without_a_total_shows_bytes_only() {
        assert_eq!(progress(Lang::En, 10 * 1024, None), "Loading the knowledge base… 10 KB");
        assert_eq!(progress(Lang::En, 10 * 1024, Some(0)), "Loading the knowledge base… 10 KB");
    }

    #[test]
    fn both_languages_offer_examples_that_are_not_blank() {
        for lang in [Lang::En, Lang::Zh] {
            assert!(examples(lang).len() >= 3);
            assert!(examples(lang).iter().all(|e| !e.trim().is_empty()));
        }
    }
}
