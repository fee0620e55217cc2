from datetime import date
from urllib.parse import unquote

import pytest

from materials.lawtext import parse_law
from materials.models import Article, LawIndexPage, LawPage, LawVersion
from materials.services import LawImportError, default_short_name, import_law

from .texts import AMENDED, SAMPLE


def test_first_import_creates_the_library_and_the_law(db):
    result = import_law(parsed=parse_law(SAMPLE), source_name="sample.md")

    assert result.created and result.law_created
    assert (result.chapters, result.sections, result.articles) == (3, 2, 6)
    library = LawIndexPage.objects.get()
    law = result.version.law
    assert law.get_parent().specific == library
    assert law.live and law.slug == "某某县村务议事规则"
    assert unquote(law.url) == "/laws/某某县村务议事规则/"
    assert result.version.effective_date == date(2024, 6, 30)
    history = list(result.version.history.all())
    assert [e.date for e in history] == [date(2020, 1, 1), date(2024, 6, 30)]
    assert history[1].text == "2024年6月30日 某某县人民代表大会常务委员会第九次会议修正"


def test_importing_the_same_text_twice_changes_nothing(sample_version):
    counts = (LawVersion.objects.count(), Article.objects.count(), LawPage.objects.count())

    again = import_law(parsed=parse_law(SAMPLE.replace("\n\n", "\n")), source_name="again.md")

    assert not again.created and again.version == sample_version
    assert (LawVersion.objects.count(), Article.objects.count(), LawPage.objects.count()) == counts


def test_a_different_text_for_an_existing_date_is_refused(sample_version):
    changed = SAMPLE.replace("制定本规则", "特制定本规则")

    with pytest.raises(LawImportError, match="already has a different text"):
        import_law(parsed=parse_law(changed))
    assert Article.objects.filter(text__contains="特制定").count() == 0


def test_a_new_version_joins_its_law(sample_version, amended_version):
    assert amended_version.law == sample_version.law
    assert list(sample_version.law.versions.current()) == [amended_version, sample_version]


def test_the_effective_date_can_be_given(db):
    version = import_law(parsed=parse_law(SAMPLE), effective_date=date(2024, 7, 1)).version
    assert version.effective_date == date(2024, 7, 1)


def test_a_text_without_history_needs_a_date(db):
    undated = parse_law("某办法\n\n第一条　甲。")
    with pytest.raises(LawImportError, match="effective date"):
        import_law(parsed=undated)
    assert not LawVersion.objects.exists()


def test_a_future_version_is_not_yet_in_force(sample_version):
    future = import_law(parsed=parse_law(AMENDED), effective_date=date(2099, 1, 1)).version
    assert sample_version.law.versions.current().first() == sample_version
    assert future.law == sample_version.law


def test_known_laws_get_short_names():
    assert (
        default_short_name("中华人民共和国全国人民代表大会和地方各级人民代表大会代表法") == "代表法"
    )
    assert (
        default_short_name(
            "浙江省实施《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》办法"
        )
        == "浙江省实施代表法办法"
    )


def test_official_texts_import_with_their_counts(db, shared_laws):
    results = {
        name: import_law(parsed=parse_law((shared_laws / name).read_text()), source_name=name)
        for name in (
            "daibiaofa-2015-08-29.md",
            "daibiaofa-2025-03-11.md",
            "zhejiang-daibiaofa-shishi-2016-05-27.md",
        )
    }
    counts = {name: (r.chapters, r.articles) for name, r in results.items()}
    assert counts == {
        "daibiaofa-2015-08-29.md": (6, 52),
        "daibiaofa-2025-03-11.md": (6, 65),
        "zhejiang-daibiaofa-shishi-2016-05-27.md": (5, 53),
    }
    daibiaofa = results["daibiaofa-2025-03-11.md"].version.law
    assert daibiaofa.slug == "daibiaofa" and daibiaofa.short_name == "代表法"
    assert daibiaofa.versions.count() == 2


def test_a_code_with_parts_imports_chapters_numbered_again_in_each(client, db):
    code = (
        "某某法典\n\n2020年5月28日 通过\n\n"
        "第一编　总则\n第一章　基本规定\n第一条　甲。\n"
        "第二编　物权\n第一章　一般规定\n第二条　乙。\n第二章　物权的设立\n第三条　丙。\n"
    )
    result = import_law(parsed=parse_law(code))

    chapters = list(result.version.chapters.order_by("id"))
    assert [(c.part, c.number) for c in chapters] == [
        ("第一编　总则", 1),
        ("第二编　物权", 1),
        ("第二编　物权", 2),
    ]
    assert len({c.anchor for c in chapters}) == 3
    page = client.get(result.version.law.url).content.decode()
    assert page.count('class="part-heading"') == 2
    assert page.index("第一编　总则") < page.index("基本规定") < page.index("第二编　物权")
