#!/usr/bin/env python3
"""Does each section's own Symptom text find that section first?

    cargo run --release -- build --content content --out target/kb.bundle
    bench/selfcheck.py content target/kb.bundle            # every section
    bench/selfcheck.py content target/kb.bundle ID [ID …]   # only these sections

A section's Symptom part lists the exact strings users paste (backticked, on bullet lines)
and, in Chinese, quoted phrasings (“…”). Each is run through `fixfind eval --json` as a
case expecting its own section; the script prints how many find it at rank 1 (whatever
the verdict) and every one that does not, with what came first. A miss means two
sections claim the same words, or a string too short to tell its topic: a check for the
content, not a quality measure (the strings were written into the sections they test).
Standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HEADING = re.compile(r"^## .*\{#([a-z0-9-]+)\}\s*$")
SYMPTOM = ("**Symptom.**", "**现象。**")
AFTER_SYMPTOM = ("**Cause.**", "**原因。**", "**Fix.**", "**解决")
BACKTICKED = re.compile(r"`([^`]{12,})`")
QUOTED_ZH = re.compile(r"“([^”]{4,})”")


def cases(content, only):
    """(query, lang, section id) for every Symptom string, each once."""
    seen = set()
    for lang in ("en", "zh"):
        folder = os.path.join(content, lang)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".md"):
                continue
            section, in_symptom = None, False
            for line in open(os.path.join(folder, name), encoding="utf-8"):
                heading = HEADING.match(line)
                if heading:
                    section, in_symptom = heading.group(1), False
                    continue
                if section is None or (only and section not in only):
                    continue
                if line.startswith(SYMPTOM):
                    in_symptom = True
                elif line.startswith(AFTER_SYMPTOM):
                    in_symptom = False
                if not in_symptom:
                    continue
                found = BACKTICKED.findall(line) if line.lstrip().startswith("- ") else []
                if lang == "zh":
                    found += QUOTED_ZH.findall(line)
                for query in found:
                    if (query, section) not in seen:
                        seen.add((query, section))
                        yield query, lang, section


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content")
    parser.add_argument("bundle")
    parser.add_argument("ids", nargs="*", help="only these sections")
    parser.add_argument("--fixfind", default="target/release/fixfind", help="the fixfind binary")
    args = parser.parse_args()

    tried = list(cases(args.content, set(args.ids)))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for query, lang, section in tried:
            f.write(json.dumps({"query": query, "lang": lang, "expect": [section]}, ensure_ascii=False) + "\n")
    try:
        run = subprocess.run([args.fixfind, "eval", "--index", args.bundle, "--json", f.name],
                             capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    if run.returncode != 0:
        sys.exit(run.stderr)
    report = json.loads(run.stdout)
    got = {m["query"]: m["got"] for m in report["misses"]}
    first = report["first"]
    print(f"{sum(f['rank'] == 1 for f in first)} of {len(first)} Symptom strings find their own section first")
    for f, (query, lang, section) in zip(first, tried):
        if f["rank"] != 1:
            print(f"miss {section} ({lang}): {query[:100]!r} -> rank {f['rank']}, first {got.get(query, [])[:2]}")


if __name__ == "__main__":
    main()
