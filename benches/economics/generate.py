#!/usr/bin/env python3
"""Writes a scenario with sourcing economics for benches/economics.sh.

    python3 benches/economics/generate.py N [SEED] [locked|priced] > econ.toml

12 providers in 4 countries (two per company), each with a yearly contract
cost, two all-units volume-discount levels (at a quarter and at half of its
capacity), a minimum volume on every third, and an NVIDIA or AMD chips tag
with a shared NVIDIA supply (an amount limit at 60% of demand); at most 9
contracts. N workloads:
- `locked`: each its own `current` split over 1-3 providers under
  max_change = 0.3, objective diversify (provider, company, country), then
  cost: the shape of benches/heterogeneous with the economics added.
- `priced`: three capabilities with random quality floors, a fifth of the
  workloads with their own price on one provider (an API priced per
  workload), objective cost: where discounts pull the plan together.
All numbers are illustrative (A). The same seed gives the same file.
"""
import random, sys

n = int(sys.argv[1])
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
shape = sys.argv[3] if len(sys.argv) > 3 else "locked"
if shape not in ("locked", "priced"):
    sys.exit("shape: locked or priced")
r = random.Random(seed)
countries = ["JP", "US", "EU", "KR"]
caps = ["iaas", "llm", "ocr"]
out = ['[scenario]\nname = "econ"\nhome = "JP"\n']
for c in countries:
    out.append(f'[countries.{c}]\nname = "{c}"\n')
provs = []
capacity = n * 0.25
for i in range(12):
    c = countries[i % 4]
    pid = f"p{i:02d}"
    provs.append(pid)
    chips = "NVIDIA" if i % 3 else "AMD"
    quality = ", ".join(f"{k} = {r.uniform(0.6, 1.0):.2f}" for k in caps)
    minimum = f"min_volume = {capacity * 0.1:.1f}\n" if i % 3 == 0 else ""
    out.append(
        f'[providers.{pid}]\ncompany = "co{i//2}"\ncountry = "{c}"\nregions = ["{c}"]\n'
        f"capacity = {capacity:.1f}\nprice = {100 + 7*i}.0\nexit_cost = {5 + i}.0\n"
        f"capabilities = {{ {quality} }}\ntags = {{ chips = \"{chips}\" }}\n"
        f"contract_cost = {n * r.uniform(2, 8):.1f}\n{minimum}"
        f"discounts = [ {{ from = {capacity * 0.25:.1f}, off = {r.uniform(0.04, 0.08):.3f} }}, "
        f"{{ from = {capacity * 0.5:.1f}, off = {r.uniform(0.10, 0.18):.3f} }} ]\n"
    )
demand = 0.0
for w in range(n):
    d = r.uniform(0.5, 2.0)
    demand += d
    lines = [f"[workloads.w{w}]", f"demand = {d:.3f}"]
    if shape == "locked":
        k = r.randint(1, 3)
        ps = r.sample(provs, k)
        fr = [r.random() + 0.1 for _ in ps]
        s = sum(fr)
        fr = [round(f / s, 4) for f in fr]
        fr[-1] = round(1 - sum(fr[:-1]), 4)
        cur = ", ".join(f"{p} = {f}" for p, f in zip(ps, fr))
        lines += ['capability = "iaas"', f"current = {{ {cur} }}"]
    else:
        lines += [f'capability = "{r.choice(caps)}"', f"min_quality = {r.uniform(0.5, 0.8):.2f}"]
        if r.random() < 0.2:
            p = r.choice(provs)
            lines.append(f"prices = {{ {p} = {r.uniform(60, 120):.1f} }}")
    out.append("\n".join(lines) + "\n")
policy = "[policy]\n" + ("max_contracts = 9\n" if shape == "priced" else "")
if shape == "locked":
    policy += 'objective = "diversify"\ndiversify = ["provider", "company", "country"]\ntie_break = "cost"\nmax_change = 0.3\n'
else:
    policy += 'objective = "cost"\n'
policy += (
    f'[policy.limits.nvidia-supply]\ndimension = "chips"\nvalue = "NVIDIA"\n'
    f"max_amount = {demand * 0.6:.1f}\n"
)
out.append(policy)
print("\n".join(out))
