#!/usr/bin/env python3
"""Write docs/performance.md from the benchmark's results, so the page never drifts from them.

    .venv/bin/python scripts/performance_doc.py           # write docs/performance.md
    .venv/bin/python scripts/performance_doc.py --check   # exit 1 if it is out of date

The page is the text in scripts/performance.md.in with `make bench`'s latest table
(benchmarks/results/latest.md) in it. The reading of the figures is written by hand for one
run, named on the template's first line (`reading-written-for: <commit>`); when latest.json
comes from another commit the page says that the reading is older than the figures.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TEMPLATE = ROOT / "scripts" / "performance.md.in"
PAGE = ROOT / "docs" / "performance.md"
MARKER = "reading-written-for:"


def render(results: Path = RESULTS, template: Path = TEMPLATE) -> str:
    """The page as it should be, from the results folder and the template."""
    first, text = template.read_text(encoding="utf-8").split("\n", 1)
    if not first.startswith(MARKER):
        raise ValueError(f"{template} must start with '{MARKER} <commit>'")
    written_for = first.removeprefix(MARKER).strip()
    latest = (results / "latest.md").read_text(encoding="utf-8")
    run = json.loads((results / "latest.json").read_text(encoding="utf-8"))["machine"]
    if run["commit"] == written_for:
        note = f"Written for the run above ({run['date']}, commit {run['commit']})."
    else:
        note = (
            f"**Written for an earlier run (commit {written_for}), not the one above "
            f"({run['date']}, commit {run['commit']}):** check it against the new figures, then "
            f"put {run['commit']} on the first line of scripts/performance.md.in."
        )
    return text.replace("{{latest}}", latest).replace("{{reading_note}}", note)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args(argv)
    page = render()
    if args.check:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != page:
            print(f"{PAGE.relative_to(ROOT)} is out of date: run scripts/performance_doc.py")
            return 1
        return 0
    PAGE.write_text(page, encoding="utf-8")
    print(f"Wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
