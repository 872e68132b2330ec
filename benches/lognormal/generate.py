#!/usr/bin/env python3
"""Writes a scenario shaped like a real estate rather than like our own
generator (issue 32): the data that made tayoka slower than PuLP + HiGHS.

    python3 benches/lognormal/generate.py N [SEED] [int] > real.toml

- demands log-normal over three orders of magnitude (0.1 to about 100);
- three capabilities (llm, gpu, iaas) with quality floors, so that
  eligibility is sparse and uneven;
- data classes with certification, residency and domestic-only rules;
- 30% of workloads critical;
- twelve providers in four countries, a company's providers in pairs;
- capacities set from today's load plus 10-40% headroom, so many bind;
- each workload its own `current` over 1-3 eligible providers and
  `max_change = 0.3`; with `int`, its own `max_providers` (1-3, at least
  as many as today's split uses) instead. Today's split keeps every rule,
  so every scenario has a plan.

Every number is illustrative (A). The same seed gives the same file.
"""
import math
import random
import sys

n = int(sys.argv[1])
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
intrules = len(sys.argv) > 3 and sys.argv[3] == "int"  # "change" (or nothing): max_change
r = random.Random(seed)
countries = ["JP", "US", "EU", "KR"]
caps = ["llm", "gpu", "iaas"]
classes = {
    "public": {},
    "internal": {"certifications": ["ISMAP"]},
    "special": {"certifications": ["ISMAP"], "residency": ["JP"], "domestic_only": True},
}
out = ['[scenario]\nname = "lognormal"\nhome = "JP"\n']
for c in countries:
    out.append(f'[countries.{c}]\nname = "{c}"\n')
for cid, rules in classes.items():
    lines = [f"[classes.{cid}]"]
    for k, v in rules.items():
        if isinstance(v, bool):
            lines.append(f"{k} = {'true' if v else 'false'}")
        else:
            lines.append(f"{k} = [{', '.join(repr(x).replace(chr(39), chr(34)) for x in v)}]")
    out.append("\n".join(lines) + "\n")

providers = []
for i in range(12):
    country = countries[i % 4]
    # Each provider has one to three capabilities, with its own quality.
    have = {c: round(r.uniform(0.55, 0.95), 2) for c in r.sample(caps, r.randint(1, 3))}
    certified = r.random() < 0.7 or country == "JP"
    providers.append({
        "id": f"p{i:02d}", "company": f"co{i // 2}", "country": country,
        "caps": have, "certs": ["ISMAP"] if certified else [],
        "price": 100 + 9 * i + r.randint(0, 20), "load": 0.0,
    })


def eligible(w, p):
    cls = classes[w["class"]]
    return (
        p["caps"].get(w["capability"], 0.0) >= w["min_quality"]
        and set(cls.get("certifications", [])) <= set(p["certs"])
        and (not cls.get("domestic_only") or p["country"] == "JP")
    )


workloads = []
for k in range(n):
    while True:
        w = {
            "id": f"w{k}",
            "capability": r.choice(caps),
            "min_quality": round(r.uniform(0.5, 0.85), 2),
            "class": r.choices(list(classes), weights=[5, 4, 1])[0],
            "demand": round(math.exp(r.uniform(math.log(0.1), math.log(100.0))), 3),
            "critical": r.random() < 0.3,
        }
        ok = [p for p in providers if eligible(w, p)]
        if ok:
            break
    ps = r.sample(ok, min(len(ok), r.randint(1, 3)))
    fr = [r.random() + 0.1 for _ in ps]
    total = sum(fr)
    fr = [round(f / total, 4) for f in fr]
    fr[-1] = round(1 - sum(fr[:-1]), 4)
    w["current"] = list(zip(ps, fr))
    for p, f in w["current"]:
        p["load"] += f * w["demand"]
    workloads.append(w)

for p in providers:
    # Today's load plus headroom; a provider nobody uses today gets some room.
    capacity = max(p["load"], n * 0.5) * r.uniform(1.1, 1.4)
    caps_text = ", ".join(f"{c} = {q}" for c, q in p["caps"].items())
    certs = ", ".join(f'"{c}"' for c in p["certs"])
    out.append(
        f'[providers.{p["id"]}]\ncompany = "{p["company"]}"\ncountry = "{p["country"]}"\n'
        f'regions = ["{p["country"]}"]\ncapacity = {capacity:.1f}\nprice = {p["price"]}.0\n'
        f'exit_cost = {5 + int(p["id"][1:])}.0\ncapabilities = {{ {caps_text} }}\n'
        f'certifications = [{certs}]\n'
    )
for w in workloads:
    cur = ", ".join(f'{p["id"]} = {f}' for p, f in w["current"])
    # At least as many as today's split uses: today's plan stays feasible.
    extra = f"max_providers = {r.randint(len(w['current']), 3)}\n" if intrules else ""
    out.append(
        f'[workloads.{w["id"]}]\ncapability = "{w["capability"]}"\nmin_quality = {w["min_quality"]}\n'
        f'class = "{w["class"]}"\ndemand = {w["demand"]}\ncritical = {"true" if w["critical"] else "false"}\n'
        f'current = {{ {cur} }}\n{extra}'
    )
out.append(
    '[policy]\nobjective = "diversify"\ndiversify = ["provider", "company", "country"]\n'
    'tie_break = "cost"\n' + ("" if intrules else "max_change = 0.3\n")
)
print("\n".join(out))
