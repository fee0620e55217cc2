"""Fixtures and helpers of the question import and export tests, imported by those modules
(conftest.py belongs to the quiz tests). Fixture functions are named `*_fixture` so that a test
taking the fixture does not shadow the imported name."""

import io

import pytest
from openpyxl import Workbook

from materials.lawtext import parse_law
from materials.models import LawPage
from materials.services import import_law, library_index
from tests.materials.texts import SAMPLE

HEADER = [
    "类型/type",
    "题干/stem",
    *(f"选项{letter}/option {letter}" for letter in "ABCDEF"),
    "答案/answer",
    "解析/explanation",
    "难度/difficulty",
    "分类/category",
    "标签/tags",
    "法条/articles",
]


def workbook_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(kind, stem, options=(), answer="", explanation="解析。", **more):
    """A template row: the six option columns filled from `options`."""
    options = (list(options) + [""] * 6)[:6]
    extra = [more.get(key, "") for key in ("difficulty", "category", "tags", "articles")]
    return [kind, stem, *options, answer, explanation, *extra]


@pytest.fixture(name="rules_law")
def rules_law_fixture(db):
    """A law with its text imported: six articles, URL name "yishi", short name 议事规则."""
    return import_law(parsed=parse_law(SAMPLE), short_name="议事规则", slug="yishi").version.law


@pytest.fixture(name="untexted_law")
def untexted_law_fixture(db):
    """A law in the library whose text is not imported yet."""
    law = LawPage(title="中华人民共和国监督法", slug="jiandufa", short_name="监督法", live=True)
    library_index().add_child(instance=law)
    return law
