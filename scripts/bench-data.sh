#!/usr/bin/env bash
# `tunecalc data check` speed and memory against the yardstick, in one run (compare the ratio,
# not the absolute times: the machines are noisy).
#
#   file:      about 100 MB of unique OpenAI-format examples (scripts/gen_dataset.py 100MB), the
#              same system prompt on every line as real datasets have;
#   tunecalc:  `tunecalc data check FILE --format json`, exact o200k_base counts, every core;
#   yardstick: scripts/data_reference.py, the same checks and counts with Python's `json` and
#              OpenAI's `tiktoken` (installed into a virtual environment under target/).
# Both must report the same examples and token totals (the script stops if not). Then the median
# wall time of RUNS runs each, tunecalc on one thread too, and tunecalc's peak memory.
#
# Usage: scripts/bench-data.sh [SIZE] [RUNS]     (default 100MB, 3 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100MB}
runs=${2:-3}
cargo build --release --locked --quiet
bin=$PWD/target/release/tunecalc
work=$PWD/target/bench-data
mkdir -p "$work"
file=$work/train-$size.jsonl
[ -s "$file" ] || python3 scripts/gen_dataset.py "$file" "$size" 11
venv=$PWD/target/tiktoken-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet tiktoken
fi
# tiktoken downloads its encodings on first use; offline, give it the files tiktoken-rs embeds
# (the same BPE ranks), named as tiktoken's cache names them (sha1 of the download address).
export TIKTOKEN_CACHE_DIR=$work/tiktoken-cache
mkdir -p "$TIKTOKEN_CACHE_DIR"
assets=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/tiktoken-rs-*/assets | tail -1)
for enc in o200k_base cl100k_base; do
  key=$(python3 -c "import hashlib,sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())" \
    "https://openaipublic.blob.core.windows.net/encodings/$enc.tiktoken")
  [ -s "$TIKTOKEN_CACHE_DIR/$key" ] || cp "$assets/$enc.tiktoken" "$TIKTOKEN_CACHE_DIR/$key"
done

echo "file: $file ($(du -m "$file" | cut -f1) MB, $(wc -l <"$file") lines)"
python3 - "$bin" "$venv/bin/python" "$file" "$runs" <<'PY'
import json, statistics, subprocess, sys, time, os
bin, python, file, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def run(cmd, env=None):
    out = subprocess.run(cmd, check=False, capture_output=True, env=env)
    return json.loads(out.stdout)

ours = run([bin, "data", "check", file, "--format", "json"])["files"][0]
theirs = run([python, "scripts/data_reference.py", file])
pick = lambda t: {k: t[k] for k in ("total", "min", "median", "p95", "max")}
print(f"tunecalc: {ours['examples']} examples, tokens {pick(ours['tokens'])}")
print(f"tiktoken: {theirs['examples']} examples, tokens {pick(theirs['tokens'])}")
if ours["examples"] != theirs["examples"] or pick(ours["tokens"]) != pick(theirs["tokens"]):
    sys.exit("the counts differ: fix tunecalc before timing it")

def timed(cmd, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

one = dict(os.environ, RAYON_NUM_THREADS="1")
t_ours = timed([bin, "data", "check", file, "--format", "json"])
t_one = timed([bin, "data", "check", file, "--format", "json"], env=one)
t_theirs = timed([python, "scripts/data_reference.py", file])
mb = os.path.getsize(file) / 1e6
print(f"median of {runs} runs: tunecalc {t_ours:.2f} s ({mb / t_ours:.0f} MB/s), "
      f"one thread {t_one:.2f} s, Python json + tiktoken {t_theirs:.2f} s")
print(f"tunecalc is {t_theirs / t_ours:.1f}x faster ({t_theirs / t_one:.1f}x on one thread)")
PY
/usr/bin/time -f "peak memory of tunecalc: %M KB" "$bin" data check "$file" >/dev/null 2>"$work/time.txt" || true
tail -1 "$work/time.txt"
gzip -c "$file" >"$file.gz" 2>/dev/null
/usr/bin/time -f "peak memory of tunecalc on the gzipped file: %M KB" "$bin" data check "$file.gz" >/dev/null 2>"$work/time.txt" || true
tail -1 "$work/time.txt"
