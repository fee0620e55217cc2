#!/usr/bin/env python3
"""Write docs/performance.md, and the README's performance section, from the benchmark's
results, so neither drifts from them.

    .venv/bin/python scripts/performance_doc.py           # write both
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
README = ROOT / "README.md"
MARKER = "reading-written-for:"
# The README's performance section lies between these two lines, written from the results.
README_BEGIN = "<!-- performance: written by scripts/performance_doc.py -->"
README_END = "<!-- /performance -->"


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


def readme_section(results: Path = RESULTS) -> str:
    """The README's performance section: when and where the latest run was measured, and each
    target with its figure, met or not, as latest.md states them."""
    latest = (results / "latest.md").read_text(encoding="utf-8").splitlines()
    measured = latest[0]
    judged = [line for line in latest if line.startswith("- ")]
    return "\n".join(
        [
            README_BEGIN,
            measured,
            "",
            *judged,
            "",
            "The whole table and its reading: [docs/performance.md](docs/performance.md).",
            README_END,
        ]
    )


def render_readme(readme: str, results: Path = RESULTS) -> str:
    """`readme` with its performance section replaced by the one the results give."""
    before, found, rest = readme.partition(README_BEGIN)
    if not found or README_END not in rest:
        raise ValueError(f"README.md must hold the lines {README_BEGIN!r} and {README_END!r}")
    after = rest.split(README_END, 1)[1]
    return before + readme_section(results) + after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args(argv)
    readme = README.read_text(encoding="utf-8")
    wanted = {PAGE: render(), README: render_readme(readme)}
    if args.check:
        stale = [
            path for path, text in wanted.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]  # fmt: skip
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run scripts/performance_doc.py")
        return 1 if stale else 0
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")
        print(f"Wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
