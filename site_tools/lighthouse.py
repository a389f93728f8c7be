"""Lighthouse (npm `lighthouse`, pinned in .ci/package.json) on pages of the built site.

Lighthouse drives Debian's Chromium (verify/browser.chromium_path) headless against the site
served on 127.0.0.1 (verify/browser.serve). Used by tests/test_lighthouse.py (accessibility
and best practices, which do not depend on the machine's speed) and by `make bench`
(every category, at mobile and desktop settings).

    report = run(url, ["accessibility", "best-practices"], "mobile")
    scores(report)            -> {"accessibility": 100, "best-practices": 100}
    median_run([run(url, ["performance"]) for _ in range(PERFORMANCE_RUNS)])
    failed_audits(report, "accessibility") -> ["target-size: Touch targets do not ..."]
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from site_tools.browser import chromium_path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / ".ci" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
# What `make bench` requires (issue 16): performance depends on the machine; the rest not.
TARGETS = {
    ("performance", "mobile"): 90,
    ("performance", "desktop"): 98,
    ("accessibility", "mobile"): 100,
    ("accessibility", "desktop"): 100,
    ("best-practices", "mobile"): 100,
    ("best-practices", "desktop"): 100,
    ("seo", "mobile"): 100,
    ("seo", "desktop"): 100,
}
TIMEOUT = 300  # seconds for one Lighthouse run
# Performance depends on the machine's load: one run of the same page varies by 10 points and
# more here. Lighthouse's docs/variability.md: "The median Lighthouse score of 5 runs is twice
# as stable as 1 run" (https://github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md).
PERFORMANCE_RUNS = 5


class LighthouseError(RuntimeError):
    pass


def binary() -> Path:
    if not BINARY.exists():
        raise LighthouseError(
            f"no Lighthouse at {BINARY.relative_to(ROOT)}: run `make` (npm ci --prefix .ci)"
        )
    return BINARY


def run(url: str, categories: list[str] | tuple[str, ...], form_factor: str = "mobile") -> dict:
    """Lighthouse's JSON report of `url` for `categories`, at "mobile" (its default: a
    Moto G Power, slow 4G, 4x CPU slowdown) or "desktop" (its desktop preset) settings."""
    if form_factor not in FORM_FACTORS:
        raise ValueError(f"form_factor: one of {FORM_FACTORS}, not {form_factor!r}")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(binary()),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(categories)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--disable-full-page-screenshot",  # a picture of the page, in no score
        ]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        with tempfile.TemporaryFile() as stderr:
            process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env={**os.environ, "CHROME_PATH": chromium_path(), "TMPDIR": tmp},
            )
            report = wait_for_report(process, out, Path(tmp))
            if report is None:
                stderr.seek(0)
                message = stderr.read().decode("utf-8", "replace")
                raise LighthouseError(f"lighthouse {url} failed ({process.returncode}):\n{message}")
    if report.get("runtimeError"):
        raise LighthouseError(f"lighthouse {url}: {report['runtimeError']}")
    return report


def wait_for_report(process: subprocess.Popen, out: Path, tmp: Path) -> dict | None:
    """The report of a Lighthouse `process` writing to `out`, or None if it ended without one.

    Lighthouse 12.2.3 writes the report, then has chrome-launcher kill Chromium and remove
    the profile directory it made in TMPDIR (`tmp`/lighthouse.*), then waits for a timer it
    never cleared (the 5 s budget of collectExtraDetails in
    core/gather/gatherers/image-elements.js) before Node exits: 4 s of nothing per run. Once
    the report is whole and the profile gone, the process is ended instead.
    """
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None:
        if not any(tmp.glob("lighthouse.*")) and (report := whole_json(out)) is not None:
            process.terminate()
            process.wait()
            return report
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise LighthouseError(f"lighthouse: no report after {TIMEOUT} s")
        time.sleep(0.1)
    return whole_json(out) if process.returncode == 0 else None


def whole_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # not there yet, or still being written


def median_run(reports: list[dict]) -> dict:
    """Of several reports of one page, the one whose performance score is the median (the
    lower middle of an even count; a run Lighthouse could not score counts as 0)."""
    if not reports:
        raise ValueError("median_run: no report")
    ranked = sorted(reports, key=lambda report: scores(report)["performance"] or 0)
    return ranked[(len(ranked) - 1) // 2]


def scores(report: dict) -> dict[str, int | None]:
    """Each category's score out of 100 (None when Lighthouse could not score it)."""
    return {
        name: None if category["score"] is None else round(category["score"] * 100)
        for name, category in report["categories"].items()
    }


def failed_audits(report: dict, category: str) -> list[str]:
    """The audits that cost `category` points: "id: title (score)"."""
    failed = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit["score"] is not None and audit["score"] < 1:
            failed.append(f"{audit['id']}: {audit['title']} ({audit['score']:.2f})")
    return failed


def misses(
    results: dict[str, dict[str, dict[str, int | None]]],
) -> list[tuple[str, str, str, int | None, int]]:
    """The targets missed by `results` ({page: {form_factor: {category: score}}}), each as
    (page, form factor, category, score, target). A category not measured is a miss."""
    missed = []
    for page, by_form in results.items():
        for (category, form_factor), target in TARGETS.items():
            if form_factor not in by_form:
                continue
            score = by_form[form_factor].get(category)
            if score is None or score < target:
                missed.append((page, form_factor, category, score, target))
    return missed
