#!/usr/bin/env python3
"""Writes scenarios/data/municipal-locked-workloads.csv, the workloads of
scenarios/japan-municipal-locked-2027.toml: the bundled municipal workloads
(scenarios/data/municipal-workloads.csv), each with its own split today.

    python3 benches/municipal-locked/generate.py [OUT.csv] [SEED]

Each system runs on its vendor's cloud, drawn with the Government Cloud's
shares of systems in March 2025 (F, ITmedia May 2025: AWS 97%, Oracle 1.8%,
Microsoft 0.5%, Google 0.5%; Sakura, certified later, given the rest), and
keeps 5-35% of its load (disaster recovery, batch; A) on any other certified
provider. Shares to 4 decimals, so that almost no two systems are alike.
The same seed gives the same file (the bundled one: seed 2028).
"""
import csv, os, random, sys

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "../../scenarios/data")
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(data, "municipal-locked-workloads.csv")
r = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 2028)
clouds = [("aws", 0.97), ("oracle", 0.018), ("azure", 0.005), ("google", 0.005), ("sakura", 0.002)]
with open(os.path.join(data, "municipal-workloads.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
with open(out, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    for row in rows:
        first = r.choices(range(len(clouds)), weights=[c[1] for c in clouds])[0]
        second = r.choice([i for i in range(len(clouds)) if i != first])
        share = round(r.uniform(0.05, 0.35), 4)
        row["current"] = f"{clouds[first][0]}:{1 - share:.4f};{clouds[second][0]}:{share:.4f}"
        w.writerow(row)
