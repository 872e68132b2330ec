#!/usr/bin/env python3
"""Writes a scenario whose workloads cannot merge (benches/heterogeneous.sh).

    python3 benches/heterogeneous/generate.py N [SEED] [int|int3] > het.toml

12 providers in 4 countries (two per company), capacity N/4 each; N
workloads, each with its own `current` split over 1-3 random providers
(fractions to 4 decimals) and a random demand; policy diversify over
provider, company and country, then cost, with max_change = 0.3. With `int`,
each workload gets its own max_providers (1-3) instead of max_change; with
`int3`, max_providers = 3 for every workload (a rule most plans keep). All
numbers are illustrative (A): the shape is that of a national estate where
each body is locked into its own vendor mix. The same seed gives the same file.
"""
import random, sys
n = int(sys.argv[1]); seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
mode = sys.argv[3] if len(sys.argv) > 3 else ""
intrules = mode in ("int", "int3")
r = random.Random(seed)
countries = ["JP", "US", "EU", "KR"]
out = ['[scenario]\nname = "het"\nhome = "JP"\n']
for c in countries:
    out.append(f'[countries.{c}]\nname = "{c}"\n')
provs = []
for i in range(12):
    c = countries[i % 4]
    pid = f"p{i:02d}"
    provs.append(pid)
    out.append(f'[providers.{pid}]\ncompany = "co{i//2}"\ncountry = "{c}"\nregions = ["{c}"]\n'
               f'capacity = {n*0.25:.1f}\nprice = {100 + 7*i}.0\nexit_cost = {5 + i}.0\ncapabilities = {{ iaas = 0.9 }}\n')
for w in range(n):
    k = r.randint(1, 3)
    ps = r.sample(provs, k)
    fr = [r.random() + 0.1 for _ in ps]
    s = sum(fr)
    fr = [round(f / s, 4) for f in fr]
    fr[-1] = round(1 - sum(fr[:-1]), 4)
    cur = ", ".join(f"{p} = {f}" for p, f in zip(ps, fr))
    extra = ""
    if intrules:
        # Drawn in both integer modes, so that they share everything else.
        most = r.randint(1, 3)
        extra = f"max_providers = {most if mode == 'int' else 3}\n"
    out.append(f'[workloads.w{w}]\ncapability = "iaas"\ndemand = {r.uniform(0.5, 2.0):.3f}\ncurrent = {{ {cur} }}\n{extra}')
out.append('[policy]\nobjective = "diversify"\ndiversify = ["provider", "company", "country"]\ntie_break = "cost"\n' + ('' if intrules else 'max_change = 0.3\n'))
print("\n".join(out))
