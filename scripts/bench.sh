#!/usr/bin/env bash
# Measures what the notes report: release binary size, and the wall time (median of 50 runs)
# of the README's main command. Needs hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
bin=target/release/tunecalc
echo "binary size: $(stat -c %s "$bin") bytes"
hyperfine -N --warmup 5 --runs 50 "$bin run scenarios/" --export-json /tmp/tunecalc-bench.json
python3 -c "import json;r=json.load(open('/tmp/tunecalc-bench.json'))['results'][0];print('median: %.2f ms' % (r['median']*1000))"
