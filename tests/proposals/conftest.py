import pytest

from proposals.models import Draft, Exercise, Genre, Level
from proposals.services import start_draft

# A suggestion the shipped rules pass: one matter, concrete measures, a named unit.
GOOD = {
    "title": "关于修复杨家村村道的建议",
    "problem": "杨家村村口到镇上的村道长约3公里，路面多处断裂下沉，雨天积水，上月有老人骑车摔伤。",
    "causes": "村北石料厂每天有20多辆满载货车经过，超出村道的设计荷载；厂方答应维修后一直未动工。",
    "measures": "由镇政府组织检测，今年11月底前完成破损路段修复，并在村口设置限重标志。",
    "handler": "镇人民政府交通管理办公室",
}

# One the checker sends back: measures that only exhort, a handler that names no unit.
VAGUE = {
    "title": "村道问题",
    "problem": "杨家村村口到镇上的村道被大货车压坏了，坑坑洼洼，很多人有意见。",
    "causes": "货车太多太重。",
    "measures": "希望有关部门高度重视，尽快解决。",
    "handler": "有关部门",
}

# Written for these tests: a suggestion as a deputy would type it in WeChat, no headings.
WHOLE = (
    "关于修复杨家村村道的建议\n"
    "杨家村村口到镇上的村道长约3公里，路面多处断裂下沉，雨天积水，上月有老人骑车摔伤。\n"
    "由于村北石料厂每天有20多辆满载货车经过，超出村道的设计荷载，厂方答应维修后一直未动工。\n"
    "因此建议由镇政府组织检测，今年11月底前完成破损路段修复，并在村口设置限重标志。\n"
    "承办单位：镇人民政府交通管理办公室"
)
# One the checker sends back: the measures only exhort, and no unit is named.
WHOLE_VAGUE = (
    "关于村道的建议\r\n"
    "杨家村的村道被大货车压坏了，坑坑洼洼，很多人有意见。\r\n"
    "因为货车太多太重。\r\n"
    "建议：希望有关部门高度重视，尽快解决。"
)


def make_exercise(**fields) -> Exercise:
    values = {
        "title": "村道被货车压坏",
        "genre": Genre.SUGGESTION,
        "level": Level.TOWNSHIP,
        "scenario": "村民在选民接待日反映：村道被运石料的货车压坏了。\n\n下雨天坑里积水。",
        "guidance": "写清哪一段坏了，由谁来修。",
        "live": True,
        **fields,
    }
    return Exercise.objects.create(**values)


@pytest.fixture
def exercise(db):
    return make_exercise()


@pytest.fixture
def motion_exercise(db):
    return make_exercise(
        title="集市占道经营", genre=Genre.MOTION, scenario="集市摆满了主街。", guidance=""
    )


@pytest.fixture
def draft(deputy, exercise) -> Draft:
    return start_draft(deputy=deputy, exercise=exercise)


@pytest.fixture
def other_draft(other_station_deputy, exercise) -> Draft:
    return start_draft(deputy=other_station_deputy, exercise=exercise)
