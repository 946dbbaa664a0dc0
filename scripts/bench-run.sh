#!/usr/bin/env bash
# Whole-process timings of the engine against its yardstick, in one run (ratios, not absolute
# times, are what to compare: the machines are noisy).
#
#   run:    `tunecalc run DIR --format json` over 10,000 generated scenarios, against
#           scripts/reference_payback.py (straightforward Python with `decimal`) on the same files;
#           the figures of both are compared, field by field, on the way.
#   report: `tunecalc report DIR -o r.html` over 100 generated scenarios.
#
# Usage: scripts/bench-run.sh [N_SCENARIOS] [RUNS]      (needs python3; hyperfine not needed)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-5}
cargo build --release --locked --quiet
bin=$PWD/target/release/tunecalc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/gen_scenarios.py "$work/many" "$n"
python3 scripts/gen_scenarios.py "$work/hundred" 100

python3 - "$bin" "$work" "$runs" <<'PY'
import json, statistics, subprocess, sys, time
from decimal import Decimal

bin, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def timed(cmd, out=subprocess.DEVNULL):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=out, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)

many = f"{work}/many"
rust = timed([bin, "run", many, "--format", "json"])
py = timed([sys.executable, "scripts/reference_payback.py", many])
print(f"run over {many}: tunecalc {rust*1000:.0f} ms, Python decimal {py*1000:.0f} ms "
      f"(median of {runs}); tunecalc is {py/rust:.1f}x faster")

# The two must agree on every figure (the reference rounds break-even calls from a 28-digit
# quotient, so a count may differ by one call where the exact value is a whole number).
a = json.loads(subprocess.run([bin, "run", many, "--format", "json"], capture_output=True, check=True).stdout)["scenarios"]
b = json.loads(subprocess.run([sys.executable, "scripts/reference_payback.py", many], capture_output=True, check=True).stdout)["scenarios"]
fields = ["training_cost", "upfront_cost", "savings_per_month", "payback_months",
          "break_even_calls", "calls_per_month_for_target", "net_savings_at_horizon", "verdict"]
bad = 0
for x, y in zip(a, b):
    for f in fields:
        u, v = x.get(f), y.get(f)
        if u is None or v is None:
            ok = u is None and v is None
        elif f == "verdict":
            ok = u == v
        elif f == "break_even_calls":
            ok = abs(int(u) - int(v)) <= 1
        else:
            ok = abs(Decimal(str(u)) - Decimal(str(v))) <= Decimal("1e-18") * max(1, abs(Decimal(str(u))))
        if not ok:
            bad += 1
            print("  differs:", x["file"], f, u, v)
print(f"figures compared: {len(a)} scenarios x {len(fields)} fields, {bad} differ")

hundred = f"{work}/hundred"
report = timed([bin, "report", hundred, "-o", f"{work}/r.html", "--date", "2026-11-27"])
print(f"report of 100 scenarios: {report*1000:.0f} ms (median of {runs})")
PY
