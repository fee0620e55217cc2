"""Demo people: one county, three townships, five liaison stations, 40 deputies, and a user
for every role. Safe to run again: it finds what exists and adds only what is missing."""

from django.contrib.auth.hashers import make_password
from factory import Transformer

from .factories import (
    CountyFactory,
    DeputyFactory,
    LiaisonStationFactory,
    TownshipFactory,
    UserFactory,
)
from .models import Deputy, StaffRole, User
from .services import grant_role

DEMO_PASSWORD = "demo-2026"  # noqa: S105 (printed for the demo on purpose)

PLACES = {
    "城关镇": ["城关镇人大代表联络站", "东街社区代表联络站"],
    "石桥镇": ["石桥镇人大代表之家", "新村代表联络站"],
    "白云乡": ["白云乡人大代表联络站"],
}

# Division codes (the demo county's 339001 is made up): 镇 have 1xx, 乡 2xx after the county's.
TOWNSHIP_CODES = {"城关镇": "339001100", "石桥镇": "339001101", "白云乡": "339001200"}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
# Given names, with the gender they are used for in the demo.
GIVEN = [
    ("秀英", "female"), ("建国", "male"), ("丽华", "female"), ("志强", "male"),
    ("桂兰", "female"), ("海燕", "female"), ("国平", "male"), ("春梅", "female"),
    ("文斌", "male"), ("玉珍", "female"), ("明辉", "male"), ("晓燕", "female"),
    ("永红", "female"), ("德明", "male"), ("美玲", "female"), ("立新", "male"),
    ("淑芬", "female"), ("卫东", "male"), ("红霞", "female"), ("振华", "male"),
]  # fmt: skip


def demo_deputies():
    """40 deputies spread over the five stations: (name, mobile, gender, level, station name).
    Every fifth is a county deputy; the others are township deputies."""
    stations = [s for names in PLACES.values() for s in names]
    for i in range(40):
        # Surname and given name both cycle; the i // 20 shift keeps all 40 names distinct.
        given, gender = GIVEN[(i * 7 + i // 20) % len(GIVEN)]
        level = Deputy.Level.COUNTY if i % 5 == 0 else Deputy.Level.TOWNSHIP
        yield (
            SURNAMES[i % len(SURNAMES)] + given,
            f"1390000{i + 1:04d}",
            gender,
            level,
            stations[i % len(stations)],
        )


# Deputies just imported from a roster, in the township furthest behind: no password yet, never
# signed in, no course yet. The county officer prints their sign-in sheet; the dashboard counts
# them as not yet taking part.
NEWCOMERS = [("郑春燕", "13900000041", "female"), ("谢国强", "13900000042", "male"),
             ("韩桂英", "13900000043", "female")]  # fmt: skip
NEWCOMER_STATION = "白云乡人大代表联络站"


def seed_newcomers() -> list[Deputy]:
    """The newcomers, added after the demo's courses were assigned (so they have none)."""
    station = LiaisonStationFactory(
        township=TownshipFactory(county=CountyFactory(code="339001"), name="白云乡"),
        name=NEWCOMER_STATION,
    )
    newcomers = []
    for name, mobile, gender in NEWCOMERS:
        user = User.objects.filter(mobile=mobile).first() or User.objects.create_user(
            mobile, name=name
        )
        newcomers.append(
            DeputyFactory(
                user=user,
                gender=gender,
                level=Deputy.Level.TOWNSHIP,
                term=8,
                station=station,
                township=station.township,
            )
        )
    return newcomers


def seed_people() -> list[tuple[str, str, str]]:
    """Create what is missing of the demo county and its people. Returns the demo sign-ins,
    each as (role, mobile number, what the account sees)."""
    county = CountyFactory(code="339001", name="青溪县")
    stations = {}
    for township_name, station_names in PLACES.items():
        township = TownshipFactory(county=county, name=township_name)
        if not township.code:
            township.code = TOWNSHIP_CODES[township_name]
            township.save(update_fields=["code"])
        for station_name in station_names:
            stations[station_name] = LiaisonStationFactory(township=township, name=station_name)

    # One hash for every demo account, as they share the password: PBKDF2 takes a third of a
    # second a hash, and hashing it for each account was half of seed_demo's time.
    password = Transformer.Force(make_password(DEMO_PASSWORD))
    for name, mobile, gender, level, station_name in demo_deputies():
        user = UserFactory(mobile=mobile, name=name, password=password)
        station = stations[station_name]
        DeputyFactory(
            user=user,
            gender=gender,
            level=level,
            term=18 if level == Deputy.Level.COUNTY else 8,
            station=station,
            township=station.township,
        )

    if not User.objects.filter(mobile="13800000000").exists():
        User.objects.create_superuser("13800000000", DEMO_PASSWORD, name="系统管理员")
    chengguan = stations["城关镇人大代表联络站"].township
    accounts = [
        ("13700000001", "陈志明", StaffRole.Kind.COUNTY, county),
        ("13700000002", "刘建华", StaffRole.Kind.TOWNSHIP, chengguan),
        ("13700000003", "周丽萍", StaffRole.Kind.STATION, stations["东街社区代表联络站"]),
        ("13700000004", "林晓雯", StaffRole.Kind.EDITOR, None),
    ]
    for mobile, name, kind, place in accounts:
        user = UserFactory(mobile=mobile, name=name, password=password)
        grant_role(user=user, kind=kind, place=place)

    return [
        ("deputy", "13900000001", Deputy.objects.get(user__mobile="13900000001").user.name),
        ("station staff", "13700000003", "东街社区代表联络站"),
        ("township staff", "13700000002", chengguan.name),
        ("county officer", "13700000001", county.name),
        ("content editor", "13700000004", "/admin/"),
        ("administrator", "13800000000", "/admin/"),
    ]
