"""The 审议意见汇总: the remarks the clerk marked, in the deputies' own words, by the report's
sections, as .docx (python-docx) and as PDF (WeasyPrint, the CJK font embedded and subset as in
the other PDFs, `common.pdfs`). Both are written from one outline (`outline`), in the site's
default language: it is a document the station sends on.

Attributed, each remark ends with its deputy's name (（王秀英代表）) and the deputies present are
listed; anonymous, the document holds no deputy's name at all (not the convener's either) and
gives the numbers only."""

from dataclasses import dataclass, field
from io import BytesIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.pdfs import write_pdf
from deliberation.models import GroupDeliberation, RemarkKind

from . import selectors


@dataclass
class Part:
    """One kind of remark within a section: a label and its items (an assessment's items are
    run together as one paragraph)."""

    kind: str
    label: str
    items: list[str]


@dataclass
class Section:
    heading: str
    parts: list[Part] = field(default_factory=list)
    note: str = ""  # the convener's summing-up, labelled


@dataclass
class Outline:
    title: str
    facts: list[tuple[str, str]]
    sections: list[Section]
    prepared_by: str
    day: str
    count: int


def _heading(section: selectors.SectionGroup) -> str:
    """The report's own heading, numbered as the report numbers it."""
    if section.heading is None:
        return _("Remarks no longer tied to a paragraph of the report")
    return section.heading or _("The opening of the report")


def _item(remark, attributed: bool) -> str:
    text = remark.text.strip()
    if remark.kind == RemarkKind.QUESTION and remark.department:
        text = _("To %(department)s: %(text)s") % {"department": remark.department, "text": text}
    if attributed:
        text += _("(Deputy %(name)s)") % {"name": remark.deputy.user.name}
    return text


PART_LABELS = {
    RemarkKind.ASSESSMENT: lambda: pgettext("opinions summary", "What the deputies affirmed"),
    RemarkKind.PROBLEM: lambda: pgettext("opinions summary", "Problems"),
    RemarkKind.QUESTION: lambda: pgettext("opinions summary", "Questions asked"),
    RemarkKind.SUGGESTION: lambda: pgettext("opinions summary", "Suggestions"),
}


def outline(group: GroupDeliberation) -> Outline:
    """What both files say, in the site's default language."""
    data = selectors.summary(group)
    session = group.session
    with translation.override(settings.LANGUAGE_CODE):
        starts = timezone.localtime(session.starts_at)
        present, carried = data["present"], data["carried_deputies"]
        facts = [
            (_("Liaison station"), session.station.name),
            (_("Date"), formats.date_format(starts, "DATE_FORMAT")),
            (_("Place"), session.place),
        ]
        if group.attributed and group.convener:
            facts.append((_("Convener"), group.convener))

        def people(deputies):
            count = _("%(count)s deputies") % {"count": len(deputies)}
            if group.attributed and deputies:
                return f"{count}：" + "、".join(d.user.name for d in deputies)
            return count

        facts += [
            (_("Deputies present"), people(present)),
            (_("Deputies whose remarks are carried"), people(carried)),
        ]
        sections = []
        for section in data["sections"]:
            parts = [
                Part(
                    kind=k.kind,
                    label=PART_LABELS[k.kind](),
                    items=[_item(r, group.attributed) for r in k.remarks],
                )
                for k in sorted(section.kinds, key=lambda k: _DOCUMENT_ORDER.index(k.kind))
            ]
            note = getattr(section, "note", "")
            if note:
                note = _("Convener's summing-up") + "：" + note
            sections.append(Section(heading=_heading(section), parts=parts, note=note))
        title = _("Summary of the deliberation opinions on “%(report)s”") % {
            "report": group.exercise.title
        }
        day = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    return Outline(
        title=title,
        facts=[(label, value) for label, value in facts if value],
        sections=sections,
        prepared_by=session.station.name,
        day=day,
        count=data["count"],
    )


# A short affirmation first, then what the government must study and answer.
_DOCUMENT_ORDER = [
    RemarkKind.ASSESSMENT,
    RemarkKind.PROBLEM,
    RemarkKind.QUESTION,
    RemarkKind.SUGGESTION,
]


def filename(group: GroupDeliberation, ext: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        name = _("Summary of deliberation opinions %(report)s %(date)s") % {
            "report": group.exercise.title,
            "date": timezone.localtime(group.session.starts_at).date().isoformat(),
        }
    return f"{name}.{ext}"


def render_docx(group: GroupDeliberation) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    plan = outline(group)
    document = docx.Document()
    core = document.core_properties
    core.author = core.last_modified_by = plan.prepared_by
    core.title = plan.title
    core.comments = ""
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    normal.font.name = "仿宋"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(plan.title)
    run.bold = True
    run.font.size = Pt(20)
    for label, value in plan.facts:
        document.add_paragraph(f"{label}：{value}")
    if not plan.sections:
        with translation.override(settings.LANGUAGE_CODE):
            document.add_paragraph(_("No remark has been marked to carry forward."))
    for section in plan.sections:
        document.add_heading(section.heading, level=2)
        for part in section.parts:
            if part.kind == RemarkKind.ASSESSMENT:
                document.add_paragraph(f"{part.label}：" + "".join(part.items))
                continue
            document.add_paragraph().add_run(f"{part.label}：").bold = True
            for n, item in enumerate(part.items, start=1):
                document.add_paragraph(f"{n}. {item}")
        if section.note:
            document.add_paragraph(section.note)
    for line in (plan.prepared_by, plan.day):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(group: GroupDeliberation) -> bytes:
    plan = outline(group)
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "deliberation/groups/summary_pdf.html",
            {"plan": plan, "assessment": RemarkKind.ASSESSMENT},
        )
    return write_pdf(html)
