"""Reads of the group deliberation. Staff reach one through the group-study sessions in their
scope (`studysessions.selectors.staff_sessions`): outside it, it does not exist (404).

The remarks shown are those on the deliberation's report by the deputies present at its session
(checked in or marked present): a remark of a deputy who was not there is never shown, nor
carried into the summary. Each page reads them in a fixed number of queries, however many."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from deliberation.models import CarriedRemark, GroupDeliberation, Remark, RemarkKind, SectionNote
from deputies.models import Deputy
from studysessions.models import Attendance, StudySession
from studysessions.selectors import staff_sessions

# The order of the kinds on the screen and the clerk's page.
KIND_ORDER = [RemarkKind.ASSESSMENT, RemarkKind.PROBLEM, RemarkKind.QUESTION, RemarkKind.SUGGESTION]


def staff_groups(user) -> QuerySet[GroupDeliberation]:
    return GroupDeliberation.objects.filter(session__in=staff_sessions(user))


def staff_group(user, pk) -> GroupDeliberation:
    return get_object_or_404(
        staff_groups(user).select_related("session__station", "exercise"), pk=pk
    )


def session_groups(session: StudySession) -> list[GroupDeliberation]:
    return list(
        GroupDeliberation.objects.filter(session=session)
        .select_related("exercise")
        .order_by("created_at", "pk")
    )


def running_for(session: StudySession, attendance) -> list[GroupDeliberation]:
    """The open group deliberations of the session on a live report, for a deputy present."""
    if attendance is None:
        return []
    return list(
        GroupDeliberation.objects.filter(
            session=session, status=GroupDeliberation.Status.OPEN, exercise__live=True
        )
        .select_related("exercise")
        .order_by("created_at", "pk")
    )


def present_deputies(group: GroupDeliberation) -> list[Deputy]:
    return list(
        Deputy.objects.filter(
            pk__in=Attendance.objects.filter(session=group.session_id).values("deputy")
        )
        .select_related("user")
        .order_by("user__name", "pk")
    )


def remarks(group: GroupDeliberation) -> list[Remark]:
    """The remarks on the report by the deputies present, in the report's order."""
    present = Attendance.objects.filter(session=group.session_id).values("deputy")
    return list(
        Remark.objects.filter(exercise=group.exercise_id, deputy__in=present)
        .select_related("deputy__user", "paragraph__section")
        .order_by("paragraph__section__position", "paragraph__position", "created_at", "pk")
    )


def carried_ids(group: GroupDeliberation) -> set[int]:
    return set(CarriedRemark.objects.filter(group=group).values_list("remark_id", flat=True))


def notes(group: GroupDeliberation) -> dict[int, str]:
    """The convener's summing-up of each section, by section id."""
    return dict(SectionNote.objects.filter(group=group).values_list("section_id", "text"))


@dataclass
class KindGroup:
    kind: str
    label: str
    remarks: list = field(default_factory=list)


@dataclass
class SectionGroup:
    heading: str  # "" for the opening paragraphs, None for remarks no longer attached
    position: int
    pk: int | None = None  # the section's id; None for remarks no longer attached
    kinds: list[KindGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(k.remarks) for k in self.kinds)


def grouped(rows: list[Remark]) -> list[SectionGroup]:
    """The remarks by section of the report, then by kind (in KIND_ORDER); remarks whose
    paragraph is gone come last. Kinds without remarks are left out."""
    sections: dict = {}
    for remark in rows:
        section = remark.paragraph.section if remark.paragraph_id else None
        key = section.position if section else 10**6
        if key not in sections:
            sections[key] = SectionGroup(
                heading=section.heading if section else None,
                position=key,
                pk=section.pk if section else None,
                kinds=[KindGroup(kind, RemarkKind(kind).label) for kind in KIND_ORDER],
            )
        kinds = sections[key].kinds
        kinds[KIND_ORDER.index(remark.kind)].remarks.append(remark)
    result = [sections[key] for key in sorted(sections)]
    for section in result:
        section.kinds = [k for k in section.kinds if k.remarks]
    return result


def summary(group: GroupDeliberation) -> dict:
    """What the 审议意见汇总 holds: the marked remarks of the deputies present, grouped (with
    the convener's summing-up of each section that has one), and the people (names only when
    the deliberation is attributed; counts always)."""
    rows = remarks(group)
    marked = carried_ids(group)
    carried = [r for r in rows if r.pk in marked]
    present = present_deputies(group)
    carried_deputies = {r.deputy_id for r in carried}
    sections = grouped(carried)
    written = notes(group)
    for section in sections:
        section.note = written.get(section.pk, "")
    return {
        "sections": sections,
        "present": present,
        "carried_deputies": [d for d in present if d.pk in carried_deputies],
        "count": len(carried),
    }
