#!/usr/bin/env bash
# Monte Carlo speed and memory against the yardstick, in one run (compare the ratio, not the
# absolute times: the machines are noisy).
#
#   tunecalc:  `tunecalc run scripts/montecarlo-bench.toml --samples N` (six uncertain inputs,
#              compound growth and an hourly fee), the whole process;
#   yardstick: scripts/montecarlo_reference.py, the same model in squigglepy + numpy (installed
#              into a virtual environment under target/ on first use).
# Both print the chance of paying back within 12 months; they should agree within sampling
# error. Peak memory (max RSS) of tunecalc is measured with /usr/bin/time.
#
# Usage: scripts/bench-montecarlo.sh [SAMPLES] [RUNS]     (default 1,000,000 samples, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=${2:-5}
cargo build --release --locked --quiet
bin=$PWD/target/release/tunecalc
venv=$PWD/target/squigglepy-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet squigglepy numpy
fi
scenario=scripts/montecarlo-bench.toml

echo "tunecalc:"
"$bin" run "$scenario" --samples "$n" --date 2026-11-27 --format json 2>/dev/null |
  python3 -c "import json,sys; u=json.load(sys.stdin)['scenarios'][0]['uncertainty']; print('  chance within 12 months:', u['p_payback_within_target'], ' payback P50:', u['payback_months']['p50'])"
echo "squigglepy + numpy:"
"$venv/bin/python" scripts/montecarlo_reference.py "$n" 2>/dev/null | sed 's/^/  /'

python3 - "$bin" "$venv/bin/python" "$scenario" "$n" "$runs" <<'PY'
import statistics, subprocess, sys, time
bin, python, scenario, n, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])

def timed(cmd):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

ours = timed([bin, "run", scenario, "--samples", n, "--date", "2026-11-27"])
theirs = timed([python, "scripts/montecarlo_reference.py", n])
print(f"{n} samples, median of {runs} runs: tunecalc {ours:.3f} s, squigglepy + numpy {theirs:.2f} s: {theirs / ours:.1f}x")
default = timed([bin, "run", scenario, "--date", "2026-11-27"])
print(f"default 100,000 samples: tunecalc {default * 1000:.0f} ms")
PY
/usr/bin/time -f "peak memory of tunecalc at $n samples: %M KB" "$bin" run "$scenario" --samples "$n" --date 2026-11-27 >/dev/null 2>/tmp/tunecalc-mc-time.txt || true
tail -1 /tmp/tunecalc-mc-time.txt
