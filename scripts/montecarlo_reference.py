"""The Monte Carlo benchmark's model in squigglepy + numpy: the yardstick for tunecalc's speed.

The same six uncertain inputs as scripts/montecarlo-bench.toml, sampled with squigglepy and
evaluated with numpy the way a Python user would: month by month over all samples at once, each
sample's payback interpolated in the month its cumulative savings cross the up-front cost.

    python3 scripts/montecarlo_reference.py [SAMPLES]

prints the chance of paying back within 12 months, payback percentiles and net savings at 36
months, so the figures can be compared with tunecalc's (they agree within sampling error).
"""

import sys
import time

import numpy as np
import squigglepy as sq

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
TARGET, HORIZON, MAX_MONTHS = 12, 36, 1200
HOURS = 730

start = time.perf_counter()
sq.set_seed(1)
# squigglepy's lognorm(a, b) is the lognormal with a 90 % interval from a to b, as "a to b".
cost = sq.sample(sq.lognorm(300, 900), n=N)
calls = sq.sample(sq.lognorm(30_000, 120_000), n=N)
growth = sq.sample(sq.uniform(0.0, 0.08), n=N)
prompting = sq.sample(sq.lognorm(0.4, 0.6), n=N) / 1000
tuned = sq.sample(sq.pert(0.15, 0.2, 0.3), n=N) / 1000
hourly = sq.sample(sq.lognorm(0.02, 0.06), n=N)
sampled = time.perf_counter()

saving = prompting - tuned
fee = hourly * HOURS
payback = np.full(N, np.inf)
cumulative = np.zeros(N)
net = None
volume = calls.copy()
open_ = np.ones(N, dtype=bool)
for month in range(1, MAX_MONTHS + 1):
    monthly = volume * saving - fee
    after = cumulative + monthly
    crossed = open_ & (after >= cost) & (monthly > 0)
    payback[crossed] = (month - 1) + (cost[crossed] - cumulative[crossed]) / monthly[crossed]
    open_ &= ~crossed
    cumulative = after
    if month == HORIZON:
        net = cumulative - cost
    volume = volume * (1 + growth)
    if month >= HORIZON and not open_.any():
        break
computed = time.perf_counter()

finite = payback[np.isfinite(payback)]
print(f"samples: {N}")
print(f"chance to pay back within {TARGET} months: {np.mean(payback <= TARGET):.4f}")
print(f"never: {np.mean(~np.isfinite(payback)):.4f}")
print("payback P5 P50 P95:", np.percentile(payback, [5, 50, 95]))
print("net at 36 months P5 P50 P95:", np.percentile(net, [5, 50, 95]))
print(f"sampling {sampled - start:.2f} s, payback {computed - sampled:.2f} s", file=sys.stderr)
