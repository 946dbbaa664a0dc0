#!/usr/bin/env python3
"""Writes N varied, valid tunecalc scenarios into a directory, the same ones for the same seed.

The mix follows what users write: per-1000-call and per-token prices, the three training price
forms, growth (positive and negative), monthly and hourly hosting, retraining, and decision
tables. Used by the benchmarks (scripts/bench-run.sh) and for cross-checks against
scripts/reference_payback.py.

    python3 scripts/gen_scenarios.py OUT_DIR [N] [--seed S] [--v1]

--v1 keeps to the keys of the first scenario format (no growth cap), so older builds read them.
"""
import os
import random
import sys


def money(rng, lo, hi, places=2):
    return f"{rng.uniform(lo, hi):.{places}f}"


def scenario(rng, i, v1):
    lines = [f'name = "Generated scenario {i}"', 'currency = "USD"', "", "[training]"]
    examples = rng.choice([20, 30, 60, 100, 200, 500, 1000, 2000, 5000, 12000])
    lines.append(f"examples = {examples}")
    form = rng.random()
    per_token = form < 0.5
    if form < 0.5:
        lines.append(f'price_per_1m_tokens = "{money(rng, 1, 25)}"')
        lines.append(f"tokens_per_example = {rng.randint(100, 2000)}")
        if rng.random() < 0.5:
            lines.append(f"epochs = {rng.randint(1, 5)}")
    elif form < 0.8:
        lines.append(f'cost = "{money(rng, 5, 500)}"')
    else:
        lines.append(f'cost_per_example = "{money(rng, 0.01, 0.5, 3)}"')
    if rng.random() < 0.2:
        lines.append(f'minimum_charge = "{money(rng, 1, 20)}"')
    if rng.random() < 0.4:
        lines.append(f'setup_cost = "{money(rng, 0, 2000)}"')
    if rng.random() < 0.15:
        lines.append(f"retrain_every_months = {rng.choice([3, 6, 12])}")
    lines += ["", "[usage]", f"calls_per_month = {rng.choice([1000, 5000, 20000, 100000, 500000, 2000000])}"]
    if rng.random() < 0.4:
        lines.append(f'monthly_growth = "{rng.uniform(-0.05, 0.3):.3f}"')
        if not v1 and rng.random() < 0.5:
            lines.append(f"max_calls_per_month = {rng.choice([3000000, 10000000, 50000000])}")
    tokens = per_token or rng.random() < 0.5
    lines += ["", "[prompting]"]
    if tokens:
        lines.append(f"input_tokens = {rng.randint(500, 6000)}")
        lines.append(f"output_tokens = {rng.randint(10, 600)}")
        base_in = rng.uniform(0.05, 3)
        lines.append(f'input_price_per_1m_tokens = "{base_in:.3f}"')
        lines.append(f'output_price_per_1m_tokens = "{base_in * 4:.3f}"')
        lines += ["", "[tuned]", f"input_tokens = {rng.randint(50, 600)}"]
        if rng.random() < 0.6:
            mult = rng.choice([1, 1.5, 2])
            lines.append(f'input_price_per_1m_tokens = "{base_in * mult:.3f}"')
            lines.append(f'output_price_per_1m_tokens = "{base_in * mult * 4:.3f}"')
    else:
        p = rng.uniform(0.02, 2)
        lines.append(f'price_per_1k_calls = "{p:.4f}"')
        lines += ["", "[tuned]", f'price_per_1k_calls = "{p * rng.uniform(0.2, 1.1):.4f}"']
    h = rng.random()
    if h < 0.1:
        lines.append(f'hosting_per_month = "{money(rng, 10, 500)}"')
    elif h < 0.2:
        lines.append(f'hosting_per_hour = "{money(rng, 0.5, 3)}"')
    lines += ["", "[decision]", f"target_payback_months = {rng.choice([3, 6, 12, 18, 24])}",
              f"horizon_months = {rng.choice([12, 24, 36, 60])}"]
    if rng.random() < 0.2:
        lines.append("needs_consistency = true")
    if rng.random() < 0.1:
        lines.append("task_is_stable = false")
    return "\n".join(lines) + "\n"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    seed = 1
    if "--seed" in sys.argv:
        seed = int(sys.argv[sys.argv.index("--seed") + 1])
        args = [a for a in args if a != str(seed)]
    v1 = "--v1" in sys.argv
    out = args[0]
    n = int(args[1]) if len(args) > 1 else 10000
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    width = len(str(n))
    for i in range(1, n + 1):
        with open(os.path.join(out, f"s{i:0{width}d}.toml"), "w") as f:
            f.write(scenario(rng, i, v1))


if __name__ == "__main__":
    main()
