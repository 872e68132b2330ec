"""The time from a changed control to the updated page of `tayoka serve`,
in real Chromium driven over WebDriver (chromedriver), Python's standard
library only.

    python3 benches/serve/bench.py SCENARIO [CHANGES]

Starts the release binary's server and chromedriver, opens the page, then
moves the US cap (policy.limits.us.max_share) CHANGES times (default 15),
one change at a time, each to a value the page has not shown. For each
change the page itself records, from the control's input event
(window.tayokaTimes): the first frame with the new figures on the page, the
first frame with the new charts too, and the POST /api/solve round trip
within them. Both page times include the 30 ms the page lets typing settle.
The medians, least and most are printed; the first load is left out.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("TAYOKA_BIN", os.path.join(ROOT, "target", "release", "tayoka"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.load(r)["value"]


def wait(what, ready, limit=600):
    until = time.time() + limit
    while True:
        value = ready()
        if value:
            return value
        if time.time() > until:
            sys.exit(f"gave up waiting for {what}")
        time.sleep(0.01)


def main():
    scenario = sys.argv[1]
    changes = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    server = subprocess.Popen([BIN, "serve", scenario, "--port", "0", "--time-limit", "600"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = server.stdout.readline().strip()
    port = free_port()
    driver = subprocess.Popen([os.environ.get("TAYOKA_CHROMEDRIVER", "chromedriver"), f"--port={port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait("chromedriver", lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, 30)
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,2400"]
        session = call(base, "POST", "/session",
                       {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"args": args}}}})["sessionId"]
        s = f"/session/{session}"

        def script(text, *args):
            return call(base, "POST", s + "/execute/sync", {"script": text, "args": list(args)})

        call(base, "POST", s + "/url", {"url": url})
        wait("the first plan", lambda: script("return (window.tayokaTimes || []).length"))
        figures, totals, solves = [], [], []
        for k in range(changes):
            value = round(0.40 + 0.01 * (k % 20), 2)
            seen = script("return window.tayokaTimes.length")
            script("const i = document.querySelector('[data-path=\"policy.limits.us.max_share\"]');"
                   "i.value = arguments[0]; i.dispatchEvent(new Event('input'));", value)
            wait(f"the plan at {value}",
                 lambda: script("return window.tayokaTimes.length > arguments[0] && "
                                "JSON.stringify(window.tayokaShown.set)", seen))
            last = script("return window.tayokaTimes[window.tayokaTimes.length - 1]")
            figures.append(last["figures"])
            totals.append(last["total"])
            solves.append(last["solve"])
        call(base, "DELETE", s)
    finally:
        driver.kill()
        server.kill()
    name = os.path.basename(scenario)
    print(f"{name}: {changes} changes of the US cap, from the input event to the updated page")
    for label, xs, what in [
        ("figures", figures, "answer, shares, what holds the plan, moved workloads on the page"),
        ("charts ", totals, "and the three charts decoded and shown: the page fully updated"),
    ]:
        print(f"  {label} median {statistics.median(xs):8.1f} ms   least {min(xs):8.1f}   most {max(xs):8.1f}   ({what})")
    print(f"  request median {statistics.median(solves):8.1f} ms   least {min(solves):8.1f}   most {max(solves):8.1f}"
          "   (the POST /api/solve round trip: solve, charts, JSON)")


main()
