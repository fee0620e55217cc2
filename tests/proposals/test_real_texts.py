"""The checker on whole texts, as deputies paste them: split by `split_text` and checked by the
shipped rules, compared with a reviewer's labels.

Two sets: the real deputies' texts in ../shared/proposals (test input only, never copied into the
project; skipped on a clone without them) and the drafts written for these tests in
tests/proposals/corpus. A text agrees with its label when a good one gets no error and a flawed
one gets an error from the rule for one of its flags (vague_handler is advice, never counted).
Run with -s to see the table of every text."""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from proposals.checker import LEVELS, PROPOSAL_GENRES, Rule, check
from proposals.rule_defaults import DEFAULT_RULES
from proposals.split import split_text
from tests.conftest import SHARED_LAWS

# Beside the clone, or beside the laws that a worktree elsewhere names (tests/conftest.py).
SHARED = SHARED_LAWS.parent / "proposals"
CORPUS = Path(__file__).parent / "corpus"
RULES = [Rule.from_dict(entry) for entry in DEFAULT_RULES]
GENRE_OF_KIND = {"建议": "suggestion", "议案": "motion"}
# The rules that answer each flag: an error from any of them is the checker seeing that flaw.
FLAG_RULES = {
    "multiple_issues": {"one-matter", "generic-title"},
    "no_concrete_measure": {"no-concrete-measure"},
    "no_cause_or_evidence": {"no-evidence"},
    "should_be_suggestion": {"kind-mismatch"},
    "personal_matter": {"personal-matter"},
    "court_case": {"court-case"},
    "complaint_letter": {"request-letter"},
    "out_of_scope": {"beyond-powers", "set-penalty"},
    "advertising": {"advertising"},
    "not_prose": {"not-prose"},
}
# A minor flaw that leaves a good text good: the checker may advise on it, never more.
ADVICE_FLAGS = {"vague_handler"}
SHARED_AGREEMENT = 11  # of the 13 shared texts


@dataclass
class Row:
    file: str
    label: dict
    errors: list[str]  # codes of the rules that found an error, in reading order
    warnings: list[str]

    @property
    def agrees(self) -> bool:
        return agrees(self.label, set(self.errors))

    @property
    def verdict(self) -> str:
        return "must_fix" if self.errors else "pass"


def agrees(label: dict, errors: set[str]) -> bool:
    """Whether the checker's errors agree with the reviewer's label."""
    if label["quality"] == "good":
        return not errors
    wanted = set().union(*(FLAG_RULES.get(flag, set()) for flag in label["flags"]))
    return bool(errors & wanted)


def level_of(label: dict) -> str:
    """The checker knows township and county congresses; a city's, a province's or an unknown
    one reads most like a county's."""
    return label["level"] if label["level"] in LEVELS else "county"


def labels(folder: Path) -> list[dict]:
    return json.loads((folder / "labels.json").read_text("utf-8"))


def checked(folder: Path) -> list[Row]:
    rows = []
    for label in labels(folder):
        text = (folder / label["file"]).read_text("utf-8-sig")
        genre = GENRE_OF_KIND[label["kind"]]
        parts = split_text(text, genre)
        report = check(parts, genre=genre, level=level_of(label), rules=RULES)
        codes = {"error": [], "warning": []}
        for finding in report.findings:
            found = codes[finding.rule.severity]
            if finding.rule.code not in found:
                found.append(finding.rule.code)
        rows.append(Row(label["file"], label, codes["error"], codes["warning"]))
    return rows


def table(rows: list[Row]) -> str:
    """One line a text: file, label, verdict, rules fired (advice in brackets), agreement."""
    lines = ["| file | label | verdict | rules fired | agree |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        label = " ".join([row.label["kind"], row.label["level"], row.label["quality"]])
        if row.label["flags"]:
            label += ": " + ", ".join(row.label["flags"])
        fired = ", ".join(row.errors + [f"({code})" for code in row.warnings]) or "-"
        agree = "yes" if row.agrees else "NO"
        lines.append(f"| {row.file} | {label} | {row.verdict} | {fired} | {agree} |")
    agreed = sum(row.agrees for row in rows)
    lines.append(f"\n{agreed} of {len(rows)} agree")
    return "\n".join(lines)


needs_shared = pytest.mark.skipif(
    not (SHARED / "labels.json").exists(), reason="../shared/proposals is not here"
)


@needs_shared
def test_the_shared_real_texts_agree_with_their_labels():
    rows = checked(SHARED)
    report = table(rows)
    print(f"\nReal texts (../shared/proposals), default rules:\n{report}")

    good_with_errors = [row.file for row in rows if row.label["quality"] == "good" and row.errors]
    assert not good_with_errors, f"errors on texts labelled good\n{report}"
    assert sum(row.agrees for row in rows) >= SHARED_AGREEMENT, report


def test_every_synthetic_draft_agrees_with_its_label():
    rows = checked(CORPUS)
    report = table(rows)
    print(f"\nSynthetic drafts (tests/proposals/corpus), default rules:\n{report}")

    assert [row.file for row in rows if not row.agrees] == [], report


# The harness itself.


@pytest.mark.parametrize(
    ("label", "errors", "expected"),
    [
        ({"quality": "good", "flags": []}, set(), True),
        ({"quality": "good", "flags": ["vague_handler"]}, set(), True),
        ({"quality": "good", "flags": []}, {"missing-part"}, False),
        ({"quality": "flawed", "flags": ["court_case"]}, {"court-case"}, True),
        ({"quality": "flawed", "flags": ["court_case"]}, {"missing-part"}, False),
        ({"quality": "flawed", "flags": ["court_case"]}, set(), False),
        ({"quality": "flawed", "flags": ["multiple_issues"]}, {"generic-title"}, True),
        ({"quality": "flawed", "flags": ["no_concrete_measure", "vague_handler"]}, set(), False),
        (
            {"quality": "flawed", "flags": ["vague_handler", "out_of_scope"]},
            {"vague-handler"},
            False,
        ),
    ],
)
def test_a_text_agrees_only_by_an_error_of_its_own_flags_rules(label, errors, expected):
    assert agrees(label, errors) is expected


@pytest.mark.parametrize(
    "folder",
    [pytest.param(SHARED, marks=needs_shared, id="shared"), pytest.param(CORPUS, id="own")],
)
def test_the_labels_are_complete_and_readable(folder):
    entries = labels(folder)
    files = sorted(path.name for path in folder.glob("*.txt"))

    assert sorted(entry["file"] for entry in entries) == files
    for entry in entries:
        assert entry["kind"] in GENRE_OF_KIND and entry["quality"] in ("good", "flawed")
        assert set(entry["flags"]) <= set(FLAG_RULES) | ADVICE_FLAGS, entry["file"]
        serious = set(entry["flags"]) - ADVICE_FLAGS
        assert bool(serious) == (entry["quality"] == "flawed"), entry["file"]


def test_the_synthetic_drafts_cover_every_flaw_both_levels_and_both_kinds():
    entries = labels(CORPUS)

    flags = {flag for entry in entries for flag in entry["flags"]}
    assert flags >= set(FLAG_RULES) - {"out_of_scope"} | ADVICE_FLAGS
    good = [entry for entry in entries if entry["quality"] == "good"]
    assert {(entry["kind"], entry["level"]) for entry in good} == {
        (kind, level) for kind in GENRE_OF_KIND for level in LEVELS
    }
    assert len(entries) >= 24


def test_every_flag_is_answered_by_a_shipped_rule():
    shipped = {rule.code: rule for rule in RULES}

    for flag, codes in FLAG_RULES.items():
        present = codes & set(shipped)
        assert present, f"no shipped rule for {flag}: {sorted(codes)}"
        assert any(shipped[code].severity == "error" for code in present), flag


def test_every_level_and_genre_the_harness_uses_is_the_checkers():
    assert set(GENRE_OF_KIND.values()) == set(PROPOSAL_GENRES)
    assert {level_of({"level": level}) for level in ("city", "province", "unknown")} == {"county"}
