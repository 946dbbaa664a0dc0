#!/usr/bin/env python3
"""The yardstick for `tunecalc data check` on OpenAI chat files: the script a team would write
with the standard `json` module and OpenAI's `tiktoken`.

Reads a JSONL file, checks each line the way a careful notebook would (valid JSON, an object
with a non-empty `messages` list, known roles, non-empty string content, the assistant's turn
last), counts tokens with the usual chat framing (3 per message + role + content, +1 per name,
+3 per example) and prints one JSON object: examples, bad lines, and the token statistics.

    python3 scripts/data_reference.py train.jsonl [--encoding o200k_base]

tiktoken downloads its encodings on first use; offline, point TIKTOKEN_CACHE_DIR at a folder
holding them (scripts/bench-data.sh does this from the files tiktoken-rs embeds).
"""
import argparse
import json
import math
import sys

import tiktoken

ROLES = {"system", "user", "assistant"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--encoding", default="o200k_base")
    args = ap.parse_args()
    enc = tiktoken.get_encoding(args.encoding)
    counts = []
    bad = 0
    with open(args.file, encoding="utf-8-sig") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                example = json.loads(line)
            except json.JSONDecodeError:
                bad += 1
                continue
            messages = example.get("messages") if isinstance(example, dict) else None
            ok = (
                isinstance(messages, list)
                and messages
                and all(
                    isinstance(m, dict)
                    and m.get("role") in ROLES
                    and isinstance(m.get("content"), str)
                    and m["content"]
                    for m in messages
                )
                and messages[-1]["role"] == "assistant"
            )
            if not ok:
                bad += 1
                continue
            n = 3
            for m in messages:
                n += 3 + len(enc.encode_ordinary(m["role"])) + len(enc.encode_ordinary(m["content"]))
                if "name" in m:
                    n += 1 + len(enc.encode_ordinary(m["name"]))
            counts.append(n)
    counts.sort()

    def rank(q):
        if not counts:
            return 0
        i = min(max(math.ceil(len(counts) * q), 1), len(counts)) - 1
        return counts[i]

    json.dump(
        {
            "examples": len(counts),
            "bad_lines": bad,
            "tokens": {
                "total": sum(counts),
                "min": counts[0] if counts else 0,
                "median": rank(0.5),
                "p95": rank(0.95),
                "max": counts[-1] if counts else 0,
            },
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
