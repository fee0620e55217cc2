"""Demo courses in the project's own words: the Deputy Law for new deputies (required), and
writing motions and suggestions (elective).

Lessons explain the law and quote the articles they discuss (代表法 as amended in 2025). A
quoted article shows the official text only where the law has been imported; otherwise the
lesson's own explanation stands alone and names the article in its text.
"""

import json

from wagtail.models import Page, Site

from materials.models import Article, LawPage

from .models import CourseIndexPage, CoursePage, LessonPage

LAW_SLUG = "daibiaofa"

DEPUTY_LAW_COURSE = {
    "slug": "daibiaofa-rumen",
    "required": True,
    "title": "代表法入门：新任代表必读",
    "summary": "用四课时间读懂代表法的主干：代表是谁、有哪些权利和义务、开会时怎样提议案和建议、"
    "闭会期间怎样联系群众。适合刚当选的县乡两级人大代表。",
}

# (slug, title, minutes, blocks). A block is ("text", html), ("article", number, note) or
# ("callout", kind, html).
DEPUTY_LAW_LESSONS = [
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


WRITING_COURSE = {
    "slug": "yian-jianyi-xiezuo",
    "required": False,
    "title": "怎样写好议案和建议",
    "summary": "从分清议案和建议开始，学会一事一议、写清问题和办法，了解提出以后怎样交办、"
    "办理和答复。配合本平台的写作练习使用。",
}

WRITING_LESSONS = [
    (
        "fenqing",
        "第一课　先分清：议案还是建议",
        10,
        [
            (
                "text",
                "<p>同一个问题，可以写成议案，也可以写成建议，关键看要人代会做什么。"
                "需要本级人民代表大会审议决定、属于本级人大职权范围的事项，写议案；"
                "希望有关机关改进工作、解决问题的，写建议。</p>",
            ),
            ("article", 15, "代表法第十五条：议案属于本级人大职权范围，应当有案由、案据和方案。"),
            ("article", 24, "代表法第二十四条：建议、批评和意见应当明确具体。"),
            (
                "callout",
                "tip",
                "<p>拿不准时问自己：要的是人代会的一项决定，还是某个部门的一项行动？"
                "前者是议案，后者多半是建议。</p>",
            ),
        ],
    ),
    (
        "xie-jianyi",
        "第二课　写好一件建议",
        15,
        [
            (
                "text",
                "<p>好建议有四个部分：标题写成“关于……的建议”；写清问题是什么、涉及多少群众；"
                "分析原因并拿出事实和数据；提出具体办法，说明希望哪个单位在什么时候做什么。</p>"
                "<p>一件建议只讲一件事。把道路、饮水、学校写在一起，交办时无法分给一个单位，"
                "答复也难以落实。</p>",
            ),
            ("article", 36, "代表法第三十六条：闭会期间也可以随时提出建议、批评和意见。"),
            (
                "callout",
                "warning",
                "<p>这些不宜写成建议：个人或家庭的私事，某一个单位自己的事务，"
                "正在审理的具体案件。写成请示、报告或者书信的格式也不合适。</p>",
            ),
        ],
    ),
    (
        "xie-yian",
        "第三课　写好一件议案",
        15,
        [
            (
                "text",
                "<p>议案由案由、案据、方案三部分组成。案由说明要解决什么问题；"
                "案据写明法律依据和事实依据；方案提出具体的、可以由人代会作出决定的办法。</p>"
                "<p>议案要有法定人数的代表联名。按照地方组织法的规定，县级人大代表十人以上、"
                "乡镇人大代表五人以上联名，才能提出议案。</p>",
            ),
            ("article", 15, "代表法第十五条：议案由主席团决定是否列入会议议程。"),
            (
                "callout",
                "key",
                "<p>联名不是签个名就行：联名的代表应当了解议案内容、同意其中的意见。</p>",
            ),
        ],
    ),
    (
        "banli-dafu",
        "第四课　提出以后：交办、办理和答复",
        10,
        [
            (
                "text",
                "<p>建议提出后，由人大常委会办事机构或者乡镇人大主席团交有关机关研究办理。"
                "承办单位要同代表联系沟通，在规定期限内答复。代表可以对答复表示满意或者不满意。</p>",
            ),
            (
                "article",
                51,
                "代表法第五十一条：一般建议自交办之日起三个月内答复，"
                "涉及面广、处理难度大的六个月内答复。",
            ),
            ("article", 52, "代表法第五十二条：人大有关机构和乡镇人大主席团应当加强督促办理。"),
        ],
    ),
]

COURSES = [(DEPUTY_LAW_COURSE, DEPUTY_LAW_LESSONS), (WRITING_COURSE, WRITING_LESSONS)]


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


def seed_courses() -> list[CoursePage]:
    """Create what is missing of the course list and the demo courses; existing pages are left
    as editors may have changed them. Returns the courses, the required one first."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page if site else Page.get_first_root_node()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))
    law = LawPage.objects.filter(slug=LAW_SLUG).first()
    courses = []
    for course_data, lessons in COURSES:
        course = _children_by_slug(index).get(course_data["slug"])
        if course is None:
            course = index.add_child(
                instance=CoursePage(
                    title=course_data["title"],
                    slug=course_data["slug"],
                    summary=course_data["summary"],
                    required=course_data["required"],
                )
            )
        existing = _children_by_slug(course)
        for slug, title, minutes, blocks in lessons:
            if slug not in existing:
                course.add_child(
                    instance=LessonPage(
                        title=title, slug=slug, estimated_minutes=minutes, body=_body(blocks, law)
                    )
                )
        courses.append(course)
    return courses


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
