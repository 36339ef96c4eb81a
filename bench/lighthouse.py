"""Lighthouse scores (issue 4, Figures).

Runs Lighthouse 12.2.3 (npm devDependency; `npm ci` first) with Debian's Chromium,
in its default mobile mode (emulated phone, throttled network and CPU), against
the production-like server that bench/frontend_weight.py starts, on the home
page, a topic page and the journal. Prints performance, accessibility and
best-practices scores. Targets: >= 95, 100, >= 95.

Run: npm ci && .venv/bin/python bench/lighthouse.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from frontend_weight import ROOT, free_port, prepare, serve  # noqa: E402

PAGES = ["/", "/learn/current-treatments/", "/journal/"]
CATEGORIES = ["performance", "accessibility", "best-practices"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95}


def lighthouse(url: str, out: Path) -> dict:
    lighthouse_bin = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse_bin.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci` first.")
    subprocess.run(
        [str(lighthouse_bin), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"],
        cwd=ROOT, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True,
    )  # fmt: skip
    return json.loads(out.read_text())


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="ros1-lighthouse-") as tmp:
        env = prepare(Path(tmp))
        port = free_port()
        server = serve(env, port)
        try:
            for path in PAGES:
                report = lighthouse(f"http://127.0.0.1:{port}{path}", Path(tmp) / "report.json")
                scores = {
                    name: round((report["categories"][name]["score"] or 0) * 100)
                    for name in CATEGORIES
                }
                failing = [
                    f"{audit['id']} ({audit['score']})"
                    for audit in report["audits"].values()
                    if audit.get("score") is not None
                    and audit["score"] < 1
                    and audit.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"}
                ]
                metrics = {
                    key: report["audits"][key]["displayValue"]
                    for key in (
                        "first-contentful-paint",
                        "largest-contentful-paint",
                        "total-blocking-time",
                        "cumulative-layout-shift",
                    )  # fmt: skip
                }
                rows.append((path, scores, metrics, failing, report["lighthouseVersion"]))
        finally:
            server.terminate()
            server.wait(timeout=10)

    print(f"Lighthouse {rows[0][4]}, mobile (default throttling), Chromium at /usr/bin/chromium")
    print(f"{'page':<30} {'perf':>5} {'a11y':>5} {'best':>5}")
    for path, scores, _metrics, _failing, _version in rows:
        marks = [
            f"{scores[name]:>5}" + ("" if scores[name] >= TARGETS[name] else "!")
            for name in CATEGORIES
        ]
        print(f"{path:<30} {' '.join(marks)}")
    print("(! = below target: performance >= 95, accessibility 100, best practices >= 95)")
    for path, _scores, metrics, failing, _version in rows:
        print(f"{path}: " + ", ".join(f"{k} {v}" for k, v in metrics.items()))
        if failing:
            print(f"  audits not passed: {', '.join(failing)}")


if __name__ == "__main__":
    sys.exit(main())
