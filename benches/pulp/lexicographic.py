#!/usr/bin/env python3
"""A researcher's hand-written PuLP model of a tayoka scenario: the baseline
tayoka is timed against (benches/pulp/compare.sh).

It is what one would write in a notebook for the `diversify` objective of the
bundled scenarios: eligibility (DESIGN 4.1), demand, capacity, budget with exit
costs, limits with scope, `max_provider_fraction` (4.2), then the
lexicographic stages min T_k for each dimension of `policy.diversify` and the
cost tie-break (4.3), each stage held within 1e-6 relative (1e-9 absolute)
before the next. Workloads come from the TOML and from `[[import]]` CSV files
(`;` lists, `key:value;...` tables). No aggregation: one variable per eligible
(workload, provider) pair, in volume units, as a notebook would have it.

It also models the sourcing economics (DESIGN 4.2): workload `prices`,
amount limits (`max_amount`/`min_amount`), `contract_cost` and `min_volume`
(a binary u_p per provider: load_p <= capacity_p u_p, load_p >= min_volume_p
u_p), `max_contracts` (sum u_p <= K) and all-units volume `discounts` (a
binary b_pl and a discount g_pl per level: load_p >= from_l b_pl, g_pl <=
off_l spend_p, g_pl <= off_l M_p b_pl, sum_l b_pl <= 1), and applies one
`--variant` from the file's [variants] by deep merge.

It also models `max_change` (lock-in, DESIGN 4.2) and the per-workload
integer rules `min_providers`/`max_providers` (binary z_wp, x_wp <= d_w z_wp,
with the 1% floor that makes a provider count toward min_providers), for the
heterogeneous benchmarks (benches/heterogeneous.sh). Features it does not
model (variants, survive, min_allocation_fraction, mosaic, sovereignty/cost/
resilience objectives, balance tie-break) are refused rather than
half-modelled.

Usage: python3 benches/pulp/lexicographic.py SCENARIO.toml [--solver cbc|highs] [--variant NAME]
Prints one line per stage, `name value`, then timings on stderr.
"""

import csv
import os
import sys
import time
import tomllib

import pulp

HOLD_REL, HOLD_ABS = 1e-6, 1e-9


def merge(base, over):
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value


def load(path, variant=None):
    with open(path, "rb") as f:
        sc = tomllib.load(f)
    # `economics+@cost`: variants and presets in order, as tayoka reads them.
    for name in variant.split("+") if variant else []:
        if name.startswith("@"):
            merge(sc, {"policy": {"objective": name[1:]}})
            continue
        body = dict(sc.get("variants", {})[name])
        body.pop("description", None)
        merge(sc, body)
    base = os.path.dirname(path)
    workloads = dict(sc.get("workloads", {}))
    providers = dict(sc.get("providers", {}))
    for imp in sc.get("import", []):
        for kind, table in (("workloads", workloads), ("providers", providers)):
            if kind in imp:
                with open(os.path.join(base, imp[kind]), newline="") as f:
                    for row in csv.DictReader(f):
                        table[row.pop("id")] = parse_row(row)
    return sc, providers, workloads


def parse_row(row):
    out = {}
    for key, text in row.items():
        if text == "":
            continue
        if key in ("demand", "min_quality", "priority", "weight", "capacity", "price"):
            out[key] = float(text)
        elif key in ("min_providers", "max_providers"):
            out[key] = int(text)
        elif key == "critical":
            out[key] = text == "true"
        elif key in ("data", "only", "exclude", "regions", "certifications"):
            out[key] = text.split(";")
        elif key in ("current", "capabilities", "tags"):
            pairs = (part.split(":") for part in text.split(";"))
            out[key] = {k: (v if key == "tags" else float(v)) for k, v in pairs}
        else:
            out[key] = text
    return out


def value_of(dim, pid, p):
    if dim == "provider":
        return pid
    if dim == "company":
        return p.get("company", pid)
    if dim == "country":
        return p["country"]
    return p.get("tags", {}).get(dim)


def eligible(w, pid, p, classes, home):
    cls = classes.get(w.get("class", ""), {})
    quality = p.get("capabilities", {}).get(w["capability"])
    return (
        quality is not None
        and quality >= w.get("min_quality", 0.0)
        and set(cls.get("certifications", [])) <= set(p.get("certifications", []))
        and p.get("sovereignty", 0) >= cls.get("min_sovereignty", 0)
        and (not cls.get("residency") or set(cls["residency"]) & set(p.get("regions", [])))
        and (not cls.get("domestic_only") or p["country"] == home)
        and ("only" not in w or pid in w["only"])
        and pid not in w.get("exclude", [])
        and p["capacity"] > 0
    )


def main():
    args = sys.argv[1:]
    solver_name = "cbc"
    if "--solver" in args:
        i = args.index("--solver")
        solver_name = args[i + 1]
        del args[i : i + 2]
    variant = None
    if "--variant" in args:
        i = args.index("--variant")
        variant = args[i + 1]
        del args[i : i + 2]
    t0 = time.perf_counter()
    sc, providers, workloads = load(args[0], variant)
    policy = sc.get("policy", {})
    for key in ("survive", "min_allocation_fraction", "mosaic_max_categories"):
        if key in policy:
            sys.exit(f"the baseline does not model policy.{key}")
    objective = policy.get("objective", "diversify")
    if objective not in ("diversify", "cost") or policy.get("tie_break", "cost") != "cost":
        sys.exit("the baseline models objective = diversify (tie_break = cost) or cost only")
    home = sc["scenario"]["home"]
    classes = sc.get("classes", {})
    count_home = policy.get("count_home", False)
    t_load = time.perf_counter()

    prob = pulp.LpProblem("diversify", pulp.LpMinimize)
    x = {}  # (w, p) -> volume
    for wid, w in workloads.items():
        for pid, p in providers.items():
            if eligible(w, pid, p, classes, home):
                x[wid, pid] = pulp.LpVariable(f"x_{len(x)}", lowBound=0)
    by_w, by_p = {}, {}
    for (wid, pid), v in x.items():
        by_w.setdefault(wid, []).append(v)
        by_p.setdefault(pid, []).append(v)
    for wid, w in workloads.items():
        prob += pulp.lpSum(by_w.get(wid, [])) == w["demand"]
    for pid, p in providers.items():
        if pid in by_p:
            prob += pulp.lpSum(by_p[pid]) <= p["capacity"]
    # Integer rules: z = 1 where a provider serves the workload.
    for wid, w in workloads.items():
        if "min_providers" not in w and "max_providers" not in w:
            continue
        zs = []
        for pid in providers:
            if (wid, pid) not in x:
                continue
            z = pulp.LpVariable(f"z_{len(zs)}_{wid}", cat="Binary")
            prob += x[wid, pid] <= w["demand"] * z
            if "min_providers" in w:
                prob += x[wid, pid] >= 0.01 * w["demand"] * z
            zs.append(z)
        if "min_providers" in w:
            prob += pulp.lpSum(zs) >= w["min_providers"]
        if "max_providers" in w:
            prob += pulp.lpSum(zs) <= w["max_providers"]
    mpf = policy.get("max_provider_fraction")
    if mpf is not None:
        for (wid, pid), v in x.items():
            prob += v <= mpf * workloads[wid]["demand"]

    # Cost: price per unit, plus exit cost of demand moved away from today;
    # with max_change, at most that fraction of each workload moves.
    max_change = policy.get("max_change")
    def price(wid, pid):
        return workloads[wid].get("prices", {}).get(pid, providers[pid]["price"])

    cost_terms = [(v, price(wid, pid)) for (wid, pid), v in x.items()]
    # Sourcing economics: a contract binary where a rule needs it, a binary
    # and a discount per volume-discount level.
    max_contracts = policy.get("max_contracts")
    contracts = []
    for pid, p in providers.items():
        if pid not in by_p:
            continue
        load_p = pulp.lpSum(by_p[pid])
        terms = p.get("contract_cost", 0) > 0 or p.get("min_volume", 0) > 0
        if terms or max_contracts is not None:
            u = pulp.LpVariable(f"u_{pid}", cat="Binary")
            prob += load_p <= p["capacity"] * u
            if p.get("min_volume", 0) > 0:
                prob += load_p >= p["min_volume"] * u
            cost_terms.append((u, p.get("contract_cost", 0.0)))
            contracts.append(u)
        levels = [d for d in p.get("discounts", []) if d["from"] <= p["capacity"]]
        if levels:
            spend = pulp.LpAffineExpression(
                [(x[wid, pid], price(wid, pid)) for (wid, q) in x if q == pid]
            )
            most = p["capacity"] * max(price(wid, pid) for (wid, q) in x if q == pid)
            bs = []
            for k, d in enumerate(levels):
                b = pulp.LpVariable(f"b_{pid}_{k}", cat="Binary")
                g = pulp.LpVariable(f"g_{pid}_{k}", lowBound=0)
                prob += load_p >= d["from"] * b
                prob += g <= d["off"] * spend
                prob += g <= d["off"] * most * b
                cost_terms.append((g, -1.0))
                bs.append(b)
            prob += pulp.lpSum(bs) <= 1
    if max_contracts is not None:
        prob += pulp.lpSum(contracts) <= max_contracts
    for wid, w in workloads.items():
        moved = []
        for pid, frac in w.get("current", {}).items():
            exit_cost = providers[pid].get("exit_cost", 0.0)
            if frac <= 0 or (exit_cost <= 0 and max_change is None):
                continue
            m = pulp.LpVariable(f"m_{wid}_{pid}", lowBound=0)
            prob += m + x.get((wid, pid), 0) >= frac * w["demand"]
            cost_terms.append((m, exit_cost))
            moved.append(m)
        if max_change is not None and moved:
            prob += pulp.lpSum(moved) <= max_change * w["demand"]
    cost = pulp.LpAffineExpression(cost_terms)
    if "budget" in policy:
        prob += cost <= policy["budget"]

    def shares(dim, scope):
        """share_k(v) for every value v of a dimension, over a scope."""
        inside = {
            wid: w for wid, w in workloads.items() if scope == "all" or w.get("critical", False)
        }
        total = sum(w.get("weight", 1.0) * w["demand"] for w in inside.values())
        terms = {}
        for (wid, pid), v in x.items():
            if wid in inside:
                value = value_of(dim, pid, providers[pid])
                if value is not None:
                    terms.setdefault(value, []).append((v, inside[wid].get("weight", 1.0) / total))
        return {value: pulp.LpAffineExpression(t) for value, t in terms.items()}

    for name, lim in policy.get("limits", {}).items():
        by_value = shares(lim["dimension"], lim.get("scope", "all"))
        if lim.get("min_share", 0) > 0 and lim.get("value") not in by_value:
            sys.exit(f"limit {name} cannot hold: no eligible {lim.get('value')}")
        for value, share in by_value.items():
            if "value" in lim and lim["value"] != value:
                continue
            if "max_share" in lim:
                prob += share <= lim["max_share"], f"{name}_max_{value}"
            if "min_share" in lim:
                prob += share >= lim["min_share"], f"{name}_min_{value}"
        if "max_amount" in lim or "min_amount" in lim:
            scope = lim.get("scope", "all")
            inside = [
                v
                for (wid, pid), v in x.items()
                if value_of(lim["dimension"], pid, providers[pid]) == lim.get("value")
                and (scope == "all" or workloads[wid].get("critical", False))
            ]
            if "max_amount" in lim:
                prob += pulp.lpSum(inside) <= lim["max_amount"], f"{name}_max_amount"
            if "min_amount" in lim:
                prob += pulp.lpSum(inside) >= lim["min_amount"], f"{name}_min_amount"

    stages = []
    dims = policy.get("diversify", ["provider", "company", "country"])
    for dim in dims if objective == "diversify" else []:
        t = pulp.LpVariable(f"T_{dim}", lowBound=0)
        for value, share in shares(dim, "all").items():
            if dim == "country" and value == home and not count_home:
                continue
            prob += share <= t
        stages.append((f"max_share:{dim}", t))
    # Cost is solved in units of the dearest price, so its hold is relative.
    scale = 1.0 / max(p["price"] for p in providers.values())
    stages.append(("cost", cost))
    if objective == "cost":
        # DESIGN 4.3: then the largest provider share, so the plan is unique.
        t = pulp.LpVariable("T_provider", lowBound=0)
        for share in shares("provider", "all").values():
            prob += share <= t
        stages.append(("max_share:provider", t))
    t_build = time.perf_counter()

    if solver_name == "highs":
        solver = pulp.HiGHS(msg=False)
    else:
        solver = pulp.PULP_CBC_CMD(msg=False)
    for name, expr in stages:
        prob.setObjective(expr * scale if name == "cost" else expr)
        status = prob.solve(solver)
        if pulp.LpStatus[status] != "Optimal":
            sys.exit(f"stage {name}: {pulp.LpStatus[status]}")
        best = pulp.value(expr)
        print(f"{name} {best:.9g}")
        prob += expr <= best + max(HOLD_REL * abs(best), HOLD_ABS)
    t_solve = time.perf_counter()
    print(
        f"pairs {len(x)}; load {t_load - t0:.3f} s, build {t_build - t_load:.3f} s, "
        f"solve {t_solve - t_build:.3f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
