"""Time the proposal checker per draft: `.venv/bin/python benchmarks/proposals_checker.py [runs]`.

Checks every test draft (tests/proposals/drafts/*.toml) and one generated draft of about
20,000 characters with the default rules, `runs` times each (100 by default), and prints the
median and p95 per draft and over all of them. The sentence cache is emptied before each run,
as every keystroke's save brings new text; the compiled word lists stay warm, as they do in a
running server. Target: well under 200 ms a draft.

Then a whole pasted text of about 5,000 characters (a test draft's text under its headings,
each paragraph repeated, as a long 建议 pasted from Word), timed as `split_text` and `check`
together: what the draft page and `manage.py check_proposal` do with a paste. jieba's
dictionary and the word lists are loaded first. Target: under 50 ms.
"""

import os
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training_site.settings.dev")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

from proposals import reading  # noqa: E402
from proposals.checker import Rule, check, sentences  # noqa: E402
from proposals.rule_defaults import DEFAULT_RULES  # noqa: E402
from proposals.split import split_text  # noqa: E402

DRAFTS = ROOT / "tests" / "proposals" / "drafts"
LONG_CHARS = 20_000
PASTED_CHARS = 5_000
PASTED_TARGET_MS = 50
HEADINGS = {"problem": "一、存在的问题", "causes": "二、原因分析", "measures": "三、具体建议"}


def drafts() -> dict[str, dict]:
    found = {
        path.stem: tomllib.loads(path.read_text("utf-8")) for path in sorted(DRAFTS.glob("*.toml"))
    }
    # The longest draft a deputy is likely to paste: a clean suggestion, every part repeated
    # to about a third of LONG_CHARS.
    base = found["streetlights_school_road"]
    parts = {key: text * (LONG_CHARS // 3 // len(text) + 1) for key, text in base["parts"].items()}
    parts["title"], parts["handler"] = base["parts"]["title"], base["parts"]["handler"]
    found[f"generated, {sum(map(len, parts.values())):,} chars"] = {**base, "parts": parts}
    return found


def clear_caches() -> None:
    """Forget what was read of the last text, as a new keystroke's save brings new text: the
    sentences, the words jieba cut and the Simplified reading. jieba's dictionary and the
    compiled word lists stay loaded, as in a running server."""
    sentences.cache_clear()
    reading.words.cache_clear()
    reading.simplified.cache_clear()


def timed(draft: dict, rules: list[Rule], runs: int) -> list[float]:
    arguments = {"genre": draft["genre"], "level": draft["level"], "rules": rules}
    check(draft.get("parts", {}), **arguments)  # compile the word lists, as a server has them
    samples = []
    for _ in range(runs):
        clear_caches()
        start = time.perf_counter()
        check(draft.get("parts", {}), **arguments)
        samples.append((time.perf_counter() - start) * 1000)
    return sorted(samples)


def pasted_text(draft: dict) -> str:
    """A whole 建议 of about PASTED_CHARS characters as a deputy pastes it: the title, each part
    under its heading with its paragraphs said again (long drafts repeat themselves), then the
    handling unit."""
    parts = {key: text.strip() for key, text in draft["parts"].items()}
    body = "".join(parts[key] for key in HEADINGS)
    times = -(-PASTED_CHARS // len(body))  # rounded up: at least PASTED_CHARS
    lines = [parts["title"]]
    for key, heading in HEADINGS.items():
        lines += [heading] + [parts[key]] * times
    lines.append(f"承办单位：{parts['handler']}")
    return "\n".join(lines)


def warm_jieba() -> None:
    """Load the checker's jieba tagger and dictionary (about a second, once per process), as a
    server that has checked a text has them."""
    reading.words("村口装上路灯")


def timed_pasted(text: str, rules: list[Rule], runs: int) -> list[float]:
    arguments = {"genre": "suggestion", "level": "township", "rules": rules}
    check(split_text(text, "suggestion"), **arguments)
    samples = []
    for _ in range(runs):
        clear_caches()
        start = time.perf_counter()
        check(split_text(text, "suggestion"), **arguments)
        samples.append((time.perf_counter() - start) * 1000)
    return sorted(samples)


def p95(samples: list[float]) -> float:
    return samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    translation.activate("zh-hans")
    rules = [Rule.from_dict(entry) for entry in DEFAULT_RULES]
    every = []
    print(f"Proposal checker, {len(rules)} default rules, {runs} runs a draft, in process\n")
    print("| draft | chars | median ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for name, draft in drafts().items():
        samples = timed(draft, rules, runs)
        every += samples
        size = sum(len(text) for text in draft.get("parts", {}).values())
        print(f"| {name} | {size:,} | {statistics.median(samples):.2f} | {p95(samples):.2f} |")
    every.sort()
    print(
        f"\nAll drafts: median {statistics.median(every):.2f} ms, p95 {p95(every):.2f} ms, "
        f"worst {every[-1]:.2f} ms (target: well under 200 ms)"
    )

    warm_jieba()
    text = pasted_text(drafts()["streetlights_school_road"])
    samples = timed_pasted(text, rules, runs)
    print(
        f"\nWhole pasted text, split_text + check, {len(text):,} chars, {runs} runs: "
        f"median {statistics.median(samples):.2f} ms, p95 {p95(samples):.2f} ms "
        f"(target: under {PASTED_TARGET_MS} ms)"
    )


if __name__ == "__main__":
    main()
