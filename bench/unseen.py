#!/usr/bin/env python3
"""Writes the mined cases whose GitHub thread the knowledge base does not cite.

    bench/unseen.py content tests/eval/mined/*.jsonl > target/unseen.jsonl
    cargo run --release -- eval --split validation target/unseen.jsonl

A section's `Seen in:` line names the threads it was written from. Cases were mined from
threads too, and 2 in 5 of them come from a thread some section cites: the content was
written from the same facts the paste shows, so those cases are easier than a paste from
a thread nobody read. The cases left here measure how the knowledge base does on problems
it learned from other threads only. Standard library only.
"""
import glob
import json
import re
import sys

SEEN_IN = re.compile(r"Seen in: ([^·\n]*)")
THREAD = re.compile(r"([\w.-]+/[\w.-]+)#(\d+)")


def cited(content):
    threads = set()
    for page in glob.glob(f"{content}/*/*.md"):
        for line in SEEN_IN.findall(open(page, encoding="utf-8").read()):
            threads.update(f"{repo.lower()}#{n}" for repo, n in THREAD.findall(line))
    return threads


def main(content, files):
    threads = cited(content)
    kept = total = 0
    for path in files:
        for line in open(path, encoding="utf-8"):
            case = json.loads(line)
            total += 1
            if case.get("source", "").lower() not in threads:
                kept += 1
                print(json.dumps(case, ensure_ascii=False))
    print(f"{kept} of {total} cases come from threads the content does not cite "
          f"({len(threads)} cited threads)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
