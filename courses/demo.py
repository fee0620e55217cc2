"""A demo course in the project's own words: the Deputy Law for new deputies.

Lessons explain the law and quote the articles they discuss (代表法 as amended in 2025). A
quoted article shows the official text only where the law has been imported; otherwise the
lesson's own explanation stands alone and names the article in its text.
"""

import json

from wagtail.models import Page, Site

from materials.models import Article, LawPage

from .models import CourseIndexPage, CoursePage, LessonPage

LAW_SLUG = "daibiaofa"

COURSE = {
    "slug": "daibiaofa-rumen",
    "title": "代表法入门：新任代表必读",
    "summary": "用四课时间读懂代表法的主干：代表是谁、有哪些权利和义务、开会时怎样提议案和建议、"
    "闭会期间怎样联系群众。适合刚当选的县乡两级人大代表。",
}

# (slug, title, minutes, blocks). A block is ("text", html), ("article", number, note) or
# ("callout", kind, html).
LESSONS = [
    (
        "daibiao-shi-shui",
        "第一课　代表是谁：地位与任期",
        12,
        [
            (
                "text",
                "<p>人大代表由选民或者选举单位依法选举产生，是国家权力机关的组成人员。"
                "乡镇人大代表由本乡镇选民直接选举，县级人大代表由县域内各选区的选民直接选举。</p>"
                "<p>代表每届任期五年，从本届人民代表大会第一次会议开始，到下届第一次会议为止。"
                "这意味着代表履职不止在开会的几天，而是贯穿整整五年。</p>",
            ),
            ("article", 2, "代表法第二条：代表依法选举产生，每届任期五年。"),
            (
                "text",
                "<p>选谁当代表，就由谁来监督代表。代表要经常向原选区选民报告履职情况，"
                "听取他们的评议。</p>",
            ),
            ("article", 10, "代表法第十条：代表受原选区选民或者原选举单位的监督。"),
            ("callout", "key", "<p>记住两点：任期五年；对选民负责、受选民监督。</p>"),
        ],
    ),
    (
        "quanli-he-yiwu",
        "第二课　代表的权利和义务",
        15,
        [
            (
                "text",
                "<p>代表法把代表的权利和义务分别列成清单。权利包括出席会议、审议议案和报告、"
                "联名提出议案、提出建议批评和意见、参加选举和表决、参加闭会期间的活动、"
                "获得履职所需的信息和保障等。</p>",
            ),
            ("article", 7, "代表法第七条列出代表享有的各项权利。"),
            (
                "text",
                "<p>义务同样具体：遵守宪法和法律，按时出席会议，积极参加视察和调研，"
                "加强学习、提高履职能力，与选民保持密切联系，廉洁自律。</p>",
            ),
            ("article", 8, "代表法第八条列出代表应当履行的义务，其中明确要求加强履职学习。"),
            (
                "callout",
                "tip",
                "<p>参加本平台的学习，就是在履行“加强履职学习和调查研究”这项义务。</p>",
            ),
        ],
    ),
    (
        "yian-he-jianyi",
        "第三课　开会期间：议案和建议有什么不同",
        15,
        [
            (
                "text",
                "<p>议案和建议是代表在会议期间最常用的两种方式，但性质不同。"
                "议案要由法定人数的代表联名，提出属于本级人大职权范围内、需要人代会审议决定的事项，"
                "由主席团决定是否列入会议议程。议案必须写清案由、案据和方案。</p>",
            ),
            ("article", 15, "代表法第十五条：议案应当有案由、案据和方案。"),
            (
                "text",
                "<p>建议、批评和意见则可以由代表一人提出，范围是对各方面工作的意见，"
                "交有关机关和组织研究办理并负责答复。</p>",
            ),
            (
                "article",
                24,
                "代表法第二十四条：建议、批评和意见应当明确具体，注重反映实际情况和问题。",
            ),
            (
                "callout",
                "warning",
                "<p>“建议加强某某工作”不是好建议。写清楚问题在哪里、原因是什么、"
                "希望谁在什么时候做什么。</p>",
            ),
        ],
    ),
    (
        "bihui-qijian",
        "第四课　闭会期间：联系群众，开展活动",
        12,
        [
            (
                "text",
                "<p>人代会一年只开几天，代表的大部分工作在闭会期间。闭会期间的活动以集体活动为主，"
                "以代表小组活动为基本形式，代表联络站就是开展这些活动的主要阵地。</p>",
            ),
            (
                "article",
                26,
                "代表法第二十六条：闭会期间的活动以集体活动为主，以代表小组活动为基本形式。",
            ),
            (
                "text",
                "<p>对乡镇人大代表，代表法专门作了规定：根据统一安排开展调研等活动，"
                "组成代表小组，分工联系选民，反映群众的意见和要求。</p>",
            ),
            ("article", 37, "代表法第三十七条是专门针对乡镇人大代表闭会期间活动的规定。"),
            (
                "text",
                "<p>代表依法履职受到保障：在人民代表大会各种会议上的发言和表决，不受法律追究。</p>",
            ),
            ("article", 38, "代表法第三十八条：言论免责。"),
        ],
    ),
]


def _children_by_slug(parent):
    return {page.slug: page for page in parent.get_children().specific()}


def _body(blocks, law):
    body = []
    for block in blocks:
        kind = block[0]
        if kind == "text":
            body.append({"type": "text", "value": block[1]})
        elif kind == "callout":
            body.append({"type": "callout", "value": {"kind": block[1], "text": block[2]}})
        elif kind == "article":
            number, note = block[1], block[2]
            in_force = law and Article.objects.current().filter(version__law=law, number=number)
            if in_force and in_force.exists():
                body.append(
                    {
                        "type": "law_article",
                        "value": {"law": law.pk, "article": number, "note": note},
                    }
                )
            else:
                # Without the official text, the lesson keeps its own words about the article.
                body.append({"type": "callout", "value": {"kind": "key", "text": f"<p>{note}</p>"}})
    return json.dumps(body, ensure_ascii=False)


def seed_course() -> CoursePage:
    """Create what is missing of the course list and the demo course; existing pages are left
    as editors may have changed them."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page if site else Page.get_first_root_node()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))
    course = _children_by_slug(index).get(COURSE["slug"])
    if course is None:
        course = index.add_child(
            instance=CoursePage(
                title=COURSE["title"],
                slug=COURSE["slug"],
                summary=COURSE["summary"],
                required=True,
            )
        )
    law = LawPage.objects.filter(slug=LAW_SLUG).first()
    existing = _children_by_slug(course)
    for slug, title, minutes, blocks in LESSONS:
        if slug not in existing:
            course.add_child(
                instance=LessonPage(
                    title=title, slug=slug, estimated_minutes=minutes, body=_body(blocks, law)
                )
            )
    return course


def seed_learning(course: CoursePage, *, deputies, assigned_by, reader) -> None:
    """Assign the demo course to the deputies, and show one reader part-way through it: the
    first lesson read, the second started."""
    from django.utils import timezone

    from .models import LessonProgress
    from .services import enrol, required_seconds

    for deputy in deputies:
        enrol(deputy=deputy, course=course, assigned_by=assigned_by)
    lessons = list(course.lessons()[:2])
    if len(lessons) == 2:
        first, second = lessons
        LessonProgress.objects.get_or_create(
            deputy=reader,
            lesson=first,
            defaults={
                "seconds": required_seconds(first),
                "reached_end": True,
                "clock": timezone.now(),
                "completed_at": timezone.now(),
            },
        )
        LessonProgress.objects.get_or_create(
            deputy=reader,
            lesson=second,
            defaults={"seconds": required_seconds(second) // 3, "clock": timezone.now()},
        )
