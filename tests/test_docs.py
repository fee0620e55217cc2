"""The documentation stays true to the tree: every relative link in README.md and docs/ leads to
a file (and heading) that exists, and docs/performance.md and the README's performance section
are what scripts/performance_doc.py writes from benchmarks/results/."""

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _script():
    spec = importlib.util.spec_from_file_location(
        "performance_doc", ROOT / "scripts" / "performance_doc.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _prose(path: Path) -> str:
    """The file's text without code, where a bracket and a parenthesis are not a link."""
    return CODE_SPAN.sub("", FENCE.sub("", path.read_text(encoding="utf-8")))


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the file's headings: lower case, punctuation dropped, spaces
    as hyphens, a repeated heading numbered."""
    seen: dict[str, int] = {}
    out = set()
    for heading in HEADING.findall(FENCE.sub("", path.read_text(encoding="utf-8"))):
        text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
        slug = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
        out.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return out


def broken_links(paths: list[Path]) -> list[str]:
    """Each relative link among the files that leads nowhere, as `file: target`."""
    broken = []
    for path in paths:
        for target in LINK.findall(_prose(path)):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                continue  # https:, mailto: and the like
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            if not linked.exists():
                broken.append(f"{path.name}: {target}")
            elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
                broken.append(f"{path.name}: {target} (no such heading)")
    return broken


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_every_relative_link_in_the_docs_leads_somewhere():
    assert broken_links(documents()) == []


def test_a_broken_link_or_anchor_is_found(tmp_path):
    (tmp_path / "there.md").write_text("# A heading, with punctuation\n\n## 集中学习 (group)\n")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](there.md) [ok](there.md#a-heading-with-punctuation) [ok](there.md#集中学习-group)\n"
        "[web](https://example.com/x) `[code](nowhere.md)`\n"
        "[gone](missing.md) [bad anchor](there.md#nothing) ![img](img/none.png)\n"
    )
    assert broken_links([page]) == [
        "page.md: missing.md",
        "page.md: there.md#nothing (no such heading)",
        "page.md: img/none.png",
    ]


def test_the_docs_link_every_page_of_docs():
    """A page nobody links to is a page nobody finds."""
    linked = set()
    for path in documents():
        for target in LINK.findall(_prose(path)):
            if not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                linked.add((path.parent / target.partition("#")[0]).resolve())
    pages = {p.resolve() for p in (ROOT / "docs").rglob("*.md")}
    assert sorted(p.relative_to(ROOT).as_posix() for p in pages - linked) == []


def test_the_performance_page_is_written_from_the_latest_results():
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert page == _script().render(), "run .venv/bin/python scripts/performance_doc.py"


def test_the_performance_page_follows_the_results(tmp_path):
    """New figures change the page, and a reading written for another run says so."""
    script = _script()
    shutil.copytree(ROOT / "benchmarks" / "results", tmp_path, dirs_exist_ok=True)
    latest = tmp_path / "latest.md"
    latest.write_text("| a new request | 1,234 req/s |\n", encoding="utf-8")
    record = tmp_path / "latest.json"
    record.write_text(record.read_text(encoding="utf-8").replace('"commit": "', '"commit": "0ff'))

    page = script.render(results=tmp_path)

    assert "| a new request | 1,234 req/s |" in page
    assert (ROOT / "benchmarks" / "results" / "latest.md").read_text(encoding="utf-8") not in page
    assert "Written for an earlier run" in page


def test_the_readmes_performance_section_is_written_from_the_latest_results():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == _script().render_readme(readme), "run scripts/performance_doc.py"
    assert "- lesson page ≥ 50% of the constant view's throughput" in readme


def test_the_readmes_performance_section_follows_the_results(tmp_path):
    script = _script()
    shutil.copytree(ROOT / "benchmarks" / "results", tmp_path, dirs_exist_ok=True)
    (tmp_path / "latest.md").write_text(
        "Measured today.\n\n| a | b |\n\nTargets:\n\n- a new target: 1 ms, met\n", encoding="utf-8"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    section = script.render_readme(readme, results=tmp_path).split(script.README_BEGIN)[1]

    assert section.split(script.README_END)[0].splitlines()[1:4] == [
        "Measured today.",
        "",
        "- a new target: 1 ms, met",
    ]
    with pytest.raises(ValueError, match="must hold the lines"):
        script.render_readme("# A README without the section\n", results=tmp_path)
