"""Demo writing exercises, in the project's own words, and the demo reader's drafts: one still
being written, which the checker has much to say about, and one submitted for review; and the
demo graduate's accepted draft of the road exercise, which the writing course asks for (seed
the exercises before the courses, so that its lesson can name it), and which earned its half
credit hour (学时), shown in the graduate's learning archive. A motion and the county-level
suggestion take longer and credit an hour.

Made through the same services a deputy's page uses. Running it again adds only what is
missing: exercises are found by title, drafts by deputy and exercise.
"""

from decimal import Decimal

from deputies.models import Deputy, User
from deputies.selectors import deputies_in_care_of

from .models import Draft, Example, Exercise, Genre, Level, Review
from .reviews import publish_example, review_revision
from .services import save_draft, set_consent, start_draft, submit_draft

READER = "13900000001"
GRADUATE = "13900000002"  # who completes the writing course (certificates.demo)
MOTION_WRITER = "13900000007"  # whose motion came back from review
# Who reviews in the demo: the first of these staff who looks after the deputy.
REVIEWERS = ["13700000003", "13700000002", "13700000001"]

ROAD = "村道被运石料的货车压坏了"
WATER = "上坳自然村的饮水问题"
SCHOOL_BUS = "学生搭乘无证面包车上学"
MARKET = "集市占道经营"

EXERCISES = [
    {
        "title": ROAD,
        "genre": Genre.SUGGESTION,
        "level": Level.TOWNSHIP,
        "scenario": (
            "在联络站的选民接待日上，杨家村的六位村民一起来反映：从村口到镇上的村道长约三公里，"
            "去年春天村北的石料厂开工以后，每天有二三十辆满载石料的大货车来回，路面被压得坑坑洼洼，"
            "有几段水泥板已经断裂下沉。\n\n"
            "村民说，下雨天坑里积水，看不清深浅，上个月一位老人骑电动车摔伤了腿；孩子上学要绕着坑走，"
            "家长很担心。村里找过石料厂，厂方口头答应修，一直没有动静。村民希望代表帮忙反映。"
        ),
        "guidance": (
            "先把事情问清楚：哪一段坏了、坏了多久、影响多少户；再想想原因在哪里，"
            "该由谁来修、修到什么程度、什么时候修好。石料厂该承担什么，也可以写进去。"
        ),
        "pass_by_checker": True,
        "credit_hours": Decimal("0.5"),
    },
    {
        "title": WATER,
        "genre": Genre.SUGGESTION,
        "level": Level.TOWNSHIP,
        "scenario": (
            "上坳是半山腰上的一个自然村，住着四十六户人家，年轻人大多外出务工，留在村里的多是老人。"
            "全村吃的是山顶一口蓄水池里的水，管子是二〇〇八年铺的，一直没有换过。\n\n"
            "每年七八月，蓄水池的水发黄，有时一连几天放不出水，老人只能下山挑水。"
            "镇自来水厂的管网已经通到山脚的下坳村，离上坳不到两公里。"
        ),
        "guidance": "想一想：接入镇里的管网要做哪些事，大约要花多少钱，哪个单位牵头比较合适。",
        "pass_by_checker": False,
        "credit_hours": Decimal("1.0"),
    },
    {
        "title": SCHOOL_BUS,
        "genre": Genre.SUGGESTION,
        "level": Level.COUNTY,
        "scenario": (
            "白云乡的初中生都在县城中学寄宿，每周五下午回家、周日下午返校。乡里到县城只有早晚两班客车，"
            "和放学时间对不上，很多家长只好让孩子搭乘私人面包车。\n\n"
            "这些车没有营运资格，七座的车常常坐上十来个学生。县里的定制校车目前只在城关镇开行。"
            "你是县人大代表，家长们在走访中向你反映了这件事。"
        ),
        "guidance": (
            "这件事乡里自己办不了：客运班次、校车线路归县里管。写清楚涉及多少学生、"
            "现在的风险在哪里，再提出县里能办的具体办法。"
        ),
        "pass_by_checker": False,
        "credit_hours": Decimal("1.0"),
    },
    {
        "title": MARKET,
        "genre": Genre.MOTION,
        "level": Level.TOWNSHIP,
        "scenario": (
            "城关镇逢五逢十赶集，两百多个摊位摆满了穿镇而过的主街，车辆只能从摊位中间慢慢挤过去，"
            "去年集日发生过两起剐蹭事故。集市没有公厕，散集后垃圾要清扫到晚上。\n\n"
            "镇供销社后面有一块约十二亩的空地，归镇集体所有。镇人代会明年初召开，"
            "几位代表商量联名提出议案，请大会决定把集市迁到这块空地上。"
        ),
        "guidance": (
            "议案请人代会作出决定，要写清案由、案据和方案，还要有本镇五位以上人大代表联名，"
            "领衔代表也算在内。"
            "想一想：迁建要花多少钱、钱从哪里来、什么时候迁。"
        ),
        "pass_by_checker": False,
        "credit_hours": Decimal("1.0"),
    },
]

# What the checker should catch: a title not in the usual form, measures that only exhort,
# a handler that names no unit.
DRAFT_IN_PROGRESS = {
    "title": "村道问题",
    "problem": "杨家村村口到镇上的村道被石料厂的大货车压坏，坑坑洼洼，群众反映强烈。",
    "causes": "货车太多太重。",
    "measures": "希望有关部门高度重视，尽快解决。",
    "handler": "有关部门",
}

SUBMITTED = {
    "title": "关于将上坳自然村接入镇自来水管网的建议",
    "problem": (
        "上坳自然村有46户人家，常住的多是老人。全村饮用山顶蓄水池的水，每年七八月水质发黄，"
        "有时连续三四天停水，老人只能下山挑水。"
    ),
    "causes": (
        "村里的供水管是2008年铺设的，已经老化渗漏；蓄水池靠山泉补水，夏季水量不足、"
        "没有净化设施。镇自来水厂管网已通到山脚的下坳村，距上坳不到2公里，具备接入条件。"
    ),
    "measures": (
        "一、由镇政府牵头，今年10月底前完成从下坳村到上坳自然村约2公里供水管的勘测和预算；\n"
        "二、把接入工程列入明年镇级民生实事项目，争取县里农村饮水安全资金补助，"
        "明年汛期前完成铺设并通水；\n"
        "三、通水前，每年7月至9月由镇自来水厂每周送水2次，保障老人饮水。"
    ),
    "handler": "镇人民政府农业农村办公室，镇自来水厂",
}


# The graduate's suggestion on the road, which the checker passes: the exercise lets the checker
# decide, so submitting it accepts it.
ACCEPTED = {
    "title": "关于修复杨家村至镇区村道的建议",
    "problem": (
        "杨家村村口到镇上的村道长约3公里，是全村300多户出行和学生上学的必经之路。"
        "目前路面有8处坑槽，两段水泥板断裂下沉，雨天积水，上个月一位老人骑电动车摔伤。"
    ),
    "causes": (
        "去年春天村北石料厂开工后，每天有20多辆满载石料的货车往返，远超村道的设计荷载。"
        "村委会与厂方协商过维修，厂方口头答应后一直没有动工。"
    ),
    "measures": (
        "一、由镇政府组织对村道破损路段进行检测，今年10月底前完成坑槽修补和断板更换；\n"
        "二、督促石料厂按照损坏程度承担修复费用，并在村口设置限重标志。"
    ),
    "handler": "镇人民政府交通管理办公室",
}


# A motion signed by three deputies of the writer's township congress (城关镇, where the market
# is), the writer leading, where five are needed; and a plan without money or dates: the
# reviewer sends it back, counting the lead deputy among the five as the law does.
MOTION_RETURNED = {
    "title": "关于将城关镇集市迁至供销社后空地的议案",
    "reason": (
        "城关镇集市占用穿镇主街，集日两百多个摊位与过往车辆混行，去年发生两起剐蹭事故；"
        "集市没有公厕，散集后垃圾清扫到深夜。提请镇人民代表大会决定将集市迁建到镇供销社后的空地。"
    ),
    "basis": (
        "镇供销社后空地约12亩，属镇集体所有，距主街不到300米；镇政府已将集贸市场建设列入"
        "本年度工作要点。"
    ),
    "plan": "由镇政府负责集市迁建工作，做好规划和宣传。",
    "cosigners": "领衔代表：黄丽华\n联名代表：李春梅、孙卫东",
}
RETURN_COMMENTS = {
    "plan": "方案要写清建什么、花多少钱、钱从哪里来、什么时候迁，现在只有一句原则话。",
    "cosigners": (
        "乡镇人大代表五人以上联名才能提出议案，领衔代表也算在内。现在连你在内只有三人，"
        "还要再请两位以上本镇人大代表联名。"
    ),
}

SHOWN_NOTE = "问题写得具体，措施落到了单位和时间，石料厂的责任也提到了。"


def seed_proposals() -> list[Exercise]:
    """The four demo exercises, live, the reader's two drafts, the graduate's accepted one
    (shown in the example gallery), and a motion returned by its reviewer with comments."""
    exercises = []
    for data in EXERCISES:
        exercise = Exercise.objects.filter(title=data["title"]).first()
        if exercise is None:
            exercise = Exercise.objects.create(live=True, **data)
        exercises.append(exercise)
    by_title = {exercise.title: exercise for exercise in exercises}
    reader = Deputy.objects.filter(user__mobile=READER).first()
    if reader is not None:
        _draft(reader, by_title[ROAD], DRAFT_IN_PROGRESS, submit=False)
        _draft(reader, by_title[WATER], SUBMITTED, submit=True)
    graduate = Deputy.objects.filter(user__mobile=GRADUATE).first()
    if graduate is not None:
        _draft(graduate, by_title[ROAD], ACCEPTED, submit=True, consent=True)
        _show(graduate, by_title[ROAD])
    writer = Deputy.objects.filter(user__mobile=MOTION_WRITER).first()
    if writer is not None:
        _draft(writer, by_title[MARKET], MOTION_RETURNED, submit=True)
        _return(writer, by_title[MARKET])
    return exercises


def _reviewer(deputy):
    for mobile in REVIEWERS:
        user = User.objects.filter(mobile=mobile).first()
        if user is not None and deputies_in_care_of(user).filter(pk=deputy.pk).exists():
            return user
    return None


def _return(deputy, exercise: Exercise) -> None:
    draft = Draft.objects.get(deputy=deputy, exercise=exercise)
    reviewer = _reviewer(deputy)
    if draft.status != Draft.Status.SUBMITTED or reviewer is None:
        return
    review_revision(
        revision=draft.revisions.order_by("-number").first(),
        reviewer=reviewer,
        scores={"complete": 3, "focus": 5, "concrete": 1, "form": 4, "scope": 5, "wording": 3},
        comments=RETURN_COMMENTS,
        general_comment="选题好，属于镇人代会职权。把方案写实、联名人数补足后再提交。",
        decision=Review.Decision.RETURNED,
    )


def _show(deputy, exercise: Exercise) -> None:
    draft = Draft.objects.get(deputy=deputy, exercise=exercise)
    reviewer = _reviewer(deputy)
    if draft.status != Draft.Status.ACCEPTED or reviewer is None:
        return
    if Example.objects.filter(revision__draft=draft).exists():
        return
    publish_example(
        revision=draft.revisions.order_by("-number").first(),
        by=reviewer,
        show_author=True,
        note=SHOWN_NOTE,
    )


def _draft(deputy, exercise: Exercise, parts: dict, *, submit: bool, consent=False) -> None:
    draft = Draft.objects.filter(deputy=deputy, exercise=exercise).first()
    if draft is not None:
        if consent and not draft.consent_to_publish:
            set_consent(draft=draft, consent=True)
        return
    draft = start_draft(deputy=deputy, exercise=exercise)
    if consent:
        set_consent(draft=draft, consent=True)
    if submit:
        submit_draft(draft=draft, parts=parts, saved_version=draft.saved_version)
    else:
        save_draft(draft=draft, parts=parts, saved_version=draft.saved_version)
