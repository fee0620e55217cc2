"""Time reading a law and comparing two versions: `.venv/bin/python benchmarks/law_import.py`.

For a pair of versions (../shared/laws' 代表法 2015 and 2025 when they are beside the project,
else a generated law of 300 articles and an amendment that rewords some), it prints the median
of `runs` (5 by default) for: parsing the clean text, reading back the newer one rendered as a
PDF the way the tests do (narrow column, running header, page numbers), and comparing the two
versions by content. It also says whether the PDF read back to the very same law. No database
is needed.
"""

import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training_site.settings.dev")

import django  # noqa: E402

django.setup()

from materials.diff import compare  # noqa: E402
from materials.lawtext import chinese_numeral, parse_law, read_law_file  # noqa: E402
from tests.materials.texts import numbered_law, pdf_bytes  # noqa: E402

SHARED = ROOT.parent / "shared" / "laws"


class Stored:
    """An article as the diff reads it from the library: number, text and label."""

    def __init__(self, article):
        self.number, self.text = article.number, article.text

    @property
    def label(self) -> str:
        return f"第{chinese_numeral(self.number)}条"


def versions() -> tuple[str, str, str]:
    old, new = SHARED / "daibiaofa-2015-08-29.md", SHARED / "daibiaofa-2025-03-11.md"
    if old.exists() and new.exists():
        return "代表法 2015 → 2025", old.read_text("utf-8"), new.read_text("utf-8")
    before = numbered_law("某某县议事办法", 10, 30, date="2020-01-01")
    after = numbered_law("某某县议事办法", 10, 30, date="2024-01-01")
    # The articles whose number starts with 1 (1, 10–19, 100–199) reworded.
    after = after.replace("这是第1", "这里规定的是第1")
    return "generated, 300 articles", before, after


def median_ms(work, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main(runs: int) -> None:
    name, old_text, new_text = versions()
    old = [Stored(a) for a in parse_law(old_text).articles]
    new = [Stored(a) for a in parse_law(new_text).articles]
    pdf = pdf_bytes(new_text)
    from_pdf = read_law_file("law.pdf", pdf)
    kinds = Counter(change.kind for change in compare(old, new).changes)
    print(f"{name}: {len(old)} → {len(new)} articles, median of {runs} runs")
    timings = {
        "parse the clean text": median_ms(lambda: parse_law(new_text), runs),
        f"read the PDF ({len(pdf) // 1024} KB)": median_ms(
            lambda: read_law_file("l.pdf", pdf), runs
        ),
        "compare by content": median_ms(lambda: compare(old, new), runs),
    }
    for what, ms in timings.items():
        print(f"  {what:<26}{ms:8.1f} ms")
    same = from_pdf.fingerprint() == parse_law(new_text).fingerprint()
    print(f"  the PDF reads as the clean text: {same}")
    print("  changes: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
