"""What the scale data set says: names of people and places, the courses, lesson and session
topics, the final test's questions. Made up, in the project's own words."""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from courses.models import CoursePage
from deputies.models import Deputy

WEEKS = 16  # how far back the history goes

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛"
)
# Common surnames come first and are drawn more often.
SURNAME_WEIGHTS = list(accumulate(1 / (rank + 4) for rank in range(len(SURNAMES))))
GIVEN = {
    Deputy.Gender.MALE: "建国志强明辉德立新卫东振华平文斌伟军勇杰涛超刚磊鹏峰海波林庆春生福荣",
    Deputy.Gender.FEMALE: "秀英丽华桂兰海燕春梅玉珍晓美玲淑芬红霞静敏芳娟婷雪琴慧萍莉颖凤",
}
# Place names are a first and a second character: 青溪, 石桥, 龙泉, 梅林…
PLACE_FIRST = "青白石东西南北清新永长平丰龙桃梅柳松金银凤双三大小高黄红安太"
PLACE_SECOND = "溪云桥山岭湖塘河安宁乐阳泽泉源林坪口湾岗坝田庄店铺洲江港集桂"
PLACE_NAMES = [a + b for a in PLACE_FIRST for b in PLACE_SECOND if a != b]
TOWNSHIP_SUFFIXES = (("镇", 6), ("乡", 3), ("街道", 1))
LESSON_TOPICS = (
    "代表的权利", "代表的义务", "闭会期间的活动", "视察与专题调研", "联系选民", "提出议案",
    "提出建议、批评和意见", "质询和询问", "代表的执行职务保障", "选区划分", "选民登记",
    "候选人的提出", "差额选举", "乡镇人大主席团", "预算审查", "监督法要点", "代表联络站工作",
    "建议的写法", "案由、案据和方案", "答复与办理",
)  # fmt: skip
SESSION_TOPICS = (
    "学习《代表法》：代表的权利和义务",
    "如何写好一件代表建议",
    "选民接待日经验交流",
    "学习《地方组织法》乡镇人大部分",
    "预算审查监督专题学习",
    "闭会期间代表活动交流",
)
DECLINE_REASONS = ("当天在外地", "家中有事", "身体不适", "单位有会议")
QUESTIONS = (
    ("县乡两级人大代表每届任期几年？", "五年", ("三年", "四年", "十年")),
    ("乡镇人大代表由谁选举产生？", "选民直接选举", ("县人大选举", "乡镇政府任命", "上级推荐")),
    ("一般的代表建议应当自交办之日起多长时间内答复？", "三个月", ("一个月", "一年", "两年")),
    ("闭会期间代表活动以什么形式为主？", "集体活动", ("个人活动", "网络活动", "不开展")),
    ("代表联络站的主要作用是什么？", "联系群众", ("审批项目", "处理案件", "收取费用")),
    ("提出议案需要满足什么条件？", "代表联名", ("一人即可", "政府同意", "法院批准")),
    ("乡镇人大主席团什么时候工作？", "会期和闭会期间", ("只在开会时", "只在闭会时", "只在选举时")),
    ("代表在人大会议上的发言和表决受到什么保护？", "不受法律追究", ("需审查", "可追究", "须报备")),
    ("代表执行职务时所在单位应当如何对待？", "给予时间保障", ("扣发工资", "不予支持", "另行考核")),
    ("选民有权对本选区代表做什么？", "提出罢免要求", ("任命", "撤职", "调动")),
)  # fmt: skip


@dataclass
class CourseSpec:
    slug: str
    title: str
    summary: str
    required: bool
    for_county_deputies: bool
    due_in_days: int | None
    assigned_weeks_ago: int
    share: float  # of the lessons
    eagerness: float  # scales the townships' diligence: how far readers get
    with_final_test: bool = False
    page: CoursePage | None = None
    lessons: list = field(default_factory=list)  # (pk, seconds that count it read)
    minutes: int = 0
    hours: Decimal | None = None


def course_specs() -> list[CourseSpec]:
    """A required course past its due date with a final test, a required one for township
    deputies still open, and an elective some deputies chose."""
    return [
        CourseSpec(
            "scale-lvzhi",
            "代表履职基础",
            "代表的权利和义务，闭会期间怎样履职。",
            required=True,
            for_county_deputies=True,
            due_in_days=-28,
            assigned_weeks_ago=WEEKS,
            share=0.4,
            eagerness=0.9,
            with_final_test=True,
        ),
        CourseSpec(
            "scale-xuanju",
            "选举法与乡镇人大工作",
            "乡镇人大代表的选举和乡镇人大主席团的工作。",
            required=True,
            for_county_deputies=False,
            due_in_days=28,
            assigned_weeks_ago=8,
            share=0.35,
            eagerness=0.6,
        ),
        CourseSpec(
            "scale-jianyi",
            "代表建议写作",
            "选修：怎样把群众的呼声写成一件好建议。",
            required=False,
            for_county_deputies=True,
            due_in_days=None,
            assigned_weeks_ago=WEEKS,
            share=0.25,
            eagerness=0.7,
        ),
    ]
