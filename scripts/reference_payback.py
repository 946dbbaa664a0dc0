#!/usr/bin/env python3
"""A straightforward Python implementation of tunecalc's point figures, with `decimal`.

It is the yardstick of scripts/bench-run.sh (tunecalc must be far faster) and an independent
cross-check of the figures: it follows DESIGN.md's maths directly (a month loop for payback,
bisection for the volume target under growth), sharing no code with the Rust engine.

    python3 scripts/reference_payback.py FILE|DIR... > figures.json

Covers the keys scripts/gen_scenarios.py writes (per-1000-call and per-token prices, the
three training price forms, minimum charge, setup, retraining, growth with an optional cap,
monthly and hourly hosting, the decision table).
"""
import json
import math
import os
import sys
import tomllib
from decimal import Decimal, getcontext, ROUND_CEILING

getcontext().prec = 28
MAX_MONTHS = 1200
MILLION = Decimal(1_000_000)


def D(v):
    return Decimal(str(v))


def fraction(v):
    if v is None:
        return Decimal(0)
    s = str(v).strip()
    if s.endswith("%"):
        return D(s[:-1]) / 100
    return D(s)


def default_epochs(n):
    if n * 3 < 100:
        return min(25, 100 // n)
    if n * 3 > 25000:
        return max(1, 25000 // n)
    return 3


def call_cost(side, parent=None):
    if "price_per_1k_calls" in side:
        return D(side["price_per_1k_calls"]) / 1000, None
    p = parent or {}
    inp = D(side["input_tokens"])
    out = D(side.get("output_tokens", p.get("output_tokens", 0)))
    ip = D(side.get("input_price_per_1m_tokens", p.get("input_price_per_1m_tokens", 0)))
    op = D(side.get("output_price_per_1m_tokens", p.get("output_price_per_1m_tokens", 0)))
    return (inp * ip + out * op) / MILLION, inp + out


def training_cost(t):
    n = int(t["examples"])
    if "cost" in t:
        c = D(t["cost"])
    elif "cost_per_example" in t:
        c = D(t["cost_per_example"]) * n
    else:
        epochs = int(t.get("epochs", default_epochs(n)))
        c = D(t["price_per_1m_tokens"]) * n * D(t["tokens_per_example"]) * epochs / MILLION
    return max(c, D(t.get("minimum_charge", 0)))


def calls_in(c0, g, cap, m):
    v = c0 * (1 + g) ** (m - 1)
    return min(v, cap) if cap is not None else v


def payback(c0, g, cap, per_call, hosting, upfront):
    """(months, calls served) or None, by the month loop."""
    if upfront <= 0:
        return Decimal(0), Decimal(0)
    saved = Decimal(0)
    calls = Decimal(0)
    v = c0
    for m in range(1, MAX_MONTHS + 1):
        vm = min(v, cap) if cap is not None else v
        s = vm * per_call - hosting
        if saved + s >= upfront and s > 0:
            f = (upfront - saved) / s
            return (m - 1) + f, calls + f * vm
        saved += s
        calls += vm
        v = v * (1 + g)
    return None


def main():
    files = []
    for a in sys.argv[1:]:
        if os.path.isdir(a):
            files += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith(".toml"))
        else:
            files.append(a)
    out = []
    for path in files:
        with open(path, "rb") as fh:
            s = tomllib.load(fh)
        t, u, d = s["training"], s["usage"], s.get("decision", {})
        job = training_cost(t)
        upfront = job + D(t.get("setup_cost", 0))
        pc, ptok = call_cost(s["prompting"])
        tc, ttok = call_cost(s["tuned"], s["prompting"])
        tuned = s["tuned"]
        if "hosting_per_hour" in tuned:
            hosting = D(tuned["hosting_per_hour"]) * 730
        else:
            hosting = D(tuned.get("hosting_per_month", 0))
        c0 = D(u["calls_per_month"])
        g = fraction(u.get("monthly_growth"))
        cap = D(u["max_calls_per_month"]) if "max_calls_per_month" in u else None
        per_call = pc - tc
        retrain = t.get("retrain_every_months")
        target = D(d.get("target_payback_months", 12))
        horizon = int(d.get("horizon_months", 36))
        window = min(target, D(retrain)) if retrain else target
        pb = payback(c0, g, cap, per_call, hosting, upfront) if per_call > 0 else None
        if pb and retrain and pb[0] > retrain:
            pb = None

        def pays(c):
            r = payback(c, g, cap, per_call, hosting, upfront)
            return r is not None and r[0] <= window

        need = None
        if per_call > 0:
            if g == 0:
                need = ((upfront / window + hosting) / per_call).to_integral_value(ROUND_CEILING)
                if cap is not None and need > cap:
                    need = None
            else:
                lo, hi = Decimal(0), Decimal(1)
                while not pays(hi) and hi < Decimal("1e24"):
                    hi *= 2
                if pays(hi):
                    lo, hi = int(lo), int(hi)
                    while hi - lo > 1:
                        mid = (lo + hi) // 2
                        if pays(Decimal(mid)):
                            hi = mid
                        else:
                            lo = mid
                    need = Decimal(hi)
        net = Decimal(0)
        for m in range(1, horizon + 1):
            net += calls_in(c0, g, cap, m) * per_call - hosting
        retrains = (horizon - 1) // retrain if retrain else 0
        net -= upfront + job * retrains
        n_ex = int(t["examples"])
        blocked = n_ex < int(d.get("min_examples", 50)) or not d.get("task_is_stable", True)
        cost_ok = pb is not None and pb[0] <= window
        verdict = "tune" if cost_ok and not blocked else (
            "tune_for_consistency" if d.get("needs_consistency") and not blocked
            else "stay_with_prompting")
        out.append({
            "name": s["name"], "file": path,
            "training_cost": str(job), "upfront_cost": str(upfront),
            "prompting_cost_per_call": str(pc), "tuned_cost_per_call": str(tc),
            "savings_per_call": str(per_call),
            "tokens_saved_per_call": str(ptok - ttok) if ptok is not None and ttok is not None else None,
            "savings_per_month": str(calls_in(c0, g, cap, 1) * per_call - hosting),
            "payback_months": str(pb[0]) if pb else None,
            "payback_months_rounded_up": math.ceil(pb[0]) if pb else None,
            "break_even_calls": int(pb[1].to_integral_value(ROUND_CEILING)) if pb else None,
            "calls_per_month_for_target": int(need) if need is not None else None,
            "net_savings_at_horizon": str(net), "verdict": verdict,
        })
    json.dump({"scenarios": out}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
