"""The 审议意见汇总, read back: the .docx with python-docx, the PDF's text with pypdf. Only the
marked remarks of the deputies present on this report, by section and kind, in their words;
attributed, each with its deputy's name; anonymous, no deputy's name anywhere in either file."""

from io import BytesIO

import docx
import pytest
from pypdf import PdfReader

from deliberation.groups import documents, services

from .groups_world import NAMES, build


def docx_text(group) -> str:
    document = docx.Document(BytesIO(documents.render_docx(group)))
    props = document.core_properties
    meta = " ".join(filter(None, [props.author, props.last_modified_by, props.title]))
    return "\n".join(p.text for p in document.paragraphs) + "\n" + meta


def pdf_text(group) -> str:
    reader = PdfReader(BytesIO(documents.render_pdf(group)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return text + "\n" + meta


def squeeze(text: str) -> str:
    """The PDF's text without the breaks and spaces its lines put in."""
    return "".join(text.split())


@pytest.fixture
def world(station, station_staff):
    return build(station, by=station_staff)


@pytest.fixture
def anonymous_world(station, station_staff):
    return build(station, attributed=False, by=station_staff)


def test_the_docx_holds_the_marked_remarks_grouped_and_named(world):
    text = docx_text(world.group)
    assert text.splitlines()[0] == "关于《河口镇人民政府工作报告》的审议意见汇总"
    assert "召集人：王秀英" in text
    for r in (world.praise, world.problem, world.question, world.suggestion):
        assert r.text in text
    assert "村道多修了4公里，值得肯定。（王秀英代表）" in text
    assert "镇财政所" in text and "（张桂兰代表）" in text
    # Not marked, not present, another report: left out.
    for r in (world.unmarked, world.absent, world.elsewhere):
        assert r.text not in text
    assert "赵德明" not in text
    # By section, in the report's order; within a section 肯定, then 问题.
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "2025年工作回顾" in line)
    second = next(i for i, line in enumerate(lines) if "（一）道路" in line)
    water = next(i for i, line in enumerate(lines) if "（二）饮水" in line)
    praise = next(i for i, line in enumerate(lines) if world.praise.text in line)
    problem = next(i for i, line in enumerate(lines) if world.problem.text in line)
    question = next(i for i, line in enumerate(lines) if world.question.text in line)
    suggestion = next(i for i, line in enumerate(lines) if world.suggestion.text in line)
    assert first < praise < problem < second < question < water < suggestion
    # The people: three present, three whose remarks are carried.
    present = next(line for line in lines if line.startswith("出席代表："))
    assert present.startswith("出席代表：3人：")
    assert all(name in present for name in NAMES[:3])
    carried = next(line for line in lines if line.startswith("意见被汇总的代表："))
    assert carried.startswith("意见被汇总的代表：3人：")
    assert "东街" not in text  # the station is the test's, not the demo's
    assert world.session.station.name in text


def test_the_pdf_says_the_same(world):
    text = squeeze(pdf_text(world.group))
    for r in (world.praise, world.problem, world.question, world.suggestion):
        assert squeeze(r.text) in text
    assert "（王秀英代表）" in text and "（李建国代表）" in text
    for r in (world.unmarked, world.absent, world.elsewhere):
        assert squeeze(r.text) not in text
    assert "审议意见汇总" in text
    assert text.index("2025年工作回顾") < text.index(squeeze(world.problem.text))
    assert text.index(squeeze(world.problem.text)) < text.index("（一）道路")


def test_anonymous_the_files_name_no_deputy(anonymous_world):
    w = anonymous_world
    for text in (docx_text(w.group), squeeze(pdf_text(w.group))):
        for name in NAMES:
            assert name not in text
        assert "代表）" not in text
        assert squeeze(w.problem.text) in squeeze(text)
        # The numbers stay.
        assert "出席代表：3人" in squeeze(text)
        assert "召集人" not in text


def test_unmarking_takes_a_remark_out(world):
    services.set_marks(group=world.group, remark_ids=[world.question.pk])
    text = docx_text(world.group)
    assert world.question.text in text
    assert world.praise.text not in text and world.problem.text not in text
    assert "王秀英代表" not in text and "李建国代表" not in text


def test_nothing_marked_says_so(world):
    services.set_marks(group=world.group, remark_ids=[])
    text = docx_text(world.group)
    assert "尚未标记需要汇总的意见。" in text
    assert "意见被汇总的代表：0人" in text


def test_a_deputy_who_edits_a_marked_remark_is_quoted_as_now(world):
    """The summary keeps the deputy's words: as they stand, never rewritten by the clerk."""
    world.problem.text = "养老点使用率偏低，建议查明原因。"
    world.problem.save()
    assert "养老点使用率偏低，建议查明原因。（李建国代表）" in docx_text(world.group)


def test_the_conveners_summing_up_follows_its_section(world):
    road = world.question.paragraph.section
    services.set_marks(
        group=world.group,
        remark_ids=[world.question.pk, world.suggestion.pk],
        notes={road.pk: "代表们关心养护资金的分配，请镇财政所书面答复。"},
    )
    lines = docx_text(world.group).splitlines()
    note = lines.index("召集人小结：代表们关心养护资金的分配，请镇财政所书面答复。")
    question = next(i for i, line in enumerate(lines) if world.question.text in line)
    water = next(i for i, line in enumerate(lines) if "（二）饮水" in line)
    assert question < note < water
    assert "召集人小结：代表们关心养护资金的分配" in squeeze(pdf_text(world.group))
    # Emptied: gone.
    services.set_marks(group=world.group, remark_ids=[world.question.pk], notes={road.pk: " "})
    assert "召集人小结" not in docx_text(world.group)


def test_a_summing_up_only_for_a_section_with_remarks(world):
    opening = world.report.sections.get(position=1)
    with pytest.raises(services.GroupError):
        services.set_marks(group=world.group, remark_ids=[], notes={opening.pk: "开头部分。"})
    with pytest.raises(services.GroupError):
        road = world.question.paragraph.section
        services.set_marks(group=world.group, remark_ids=[], notes={road.pk: "长" * 301})
