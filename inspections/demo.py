"""The demo's inspection: the demo deputy leads an inspection of the village elderly-care
stations of their liaison station, with a second deputy; findings at both stops with photos
(drawn here with Pillow, kept in media, never committed), and the report drafted from them,
its suggestions written and submitted for the staff's review. Written in the project's own
words. Idempotent: an inspection of the same title at the station is left as it is."""

import io
import uuid
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageDraw

from deputies.models import Deputy, User
from proposals.services import save_draft, submit_draft

from .factories import make_inspection
from .models import Inspection
from .services import compose_report, finding_to_suggestion, record_finding

LEADER = "13900000001"  # the demo deputy (proposals.demo.READER)
MEMBER = "13900000006"  # a township deputy of the same station
CLERK = "13700000002"  # the township's staff, who create it
TITLE = "村级养老服务站运行情况"
STOPS = [("东门村养老服务站", "助餐和日间照料"), ("西坝村养老服务站", "活动室和上门服务")]
# (stop, who, text, colour of the photo's wall or None for no photo); the UUIDs are fixed so
# that seeding again records nothing twice.
FINDINGS = [
    (
        0,
        LEADER,
        "助餐点每天中午供餐，登记本上本月日均就餐23人；厨房只有1台消毒柜，坏了两周未修。",
        (200, 170, 120),
    ),
    (
        0,
        MEMBER,
        "站里有6张午休床，当天来了9位老人，有3位只能在椅子上休息。",
        (170, 190, 210),
    ),
    (
        1,
        MEMBER,
        "活动室门口有三级台阶，没有扶手和坡道，坐轮椅的2位老人进不去。",
        (190, 190, 160),
    ),
    (1, LEADER, "上门服务名单有31人，今年只上门过两次，老人说希望每月来一次。", None),
]
# What the leader made of the template's plan before the day.
PLAN = {
    "focus_questions": (
        "1. 东门村养老服务站的助餐点：每天有多少位老人就餐？看本月的就餐登记本。\n"
        "2. 东门村养老服务站：午休床有几张？午休时来了几位老人？\n"
        "3. 西坝村养老服务站的活动室：坐轮椅的老人怎样进门？有没有坡道、扶手，数一数台阶。\n"
        "4. 西坝村的上门服务：名单上有多少人？今年上门了几次？看服务记录。"
    ),
    "participants": "王秀英（带队，提问）、杨立新（记录、拍照）。",
}
RECOMMENDATIONS = (
    "1. 建议镇民政办督促东门村在12月底前修好消毒柜，并把助餐点餐具消毒记录挂在墙上公示。\n"
    "2. 建议镇人民政府在2027年3月底前为东门村养老服务站增设3张午休床。\n"
    "3. 建议镇规划建设办在2027年4月底前为西坝村养老服务站活动室加装扶手和坡道。\n"
    "4. 建议镇民政办为西坝村的31位老人安排每月1次上门服务，并把服务记录每季度报镇人大主席团。"
)


def photo(colour, name: str) -> SimpleUploadedFile:
    """A small picture of a building's front, as a camera would send it: with the phone's make
    and the place it was taken (removed when it is kept)."""
    image = Image.new("RGB", (480, 360), (150, 200, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 270, 480, 360), fill=(120, 160, 90))
    draw.rectangle((80, 120, 400, 290), fill=colour)
    draw.polygon([(60, 130), (240, 50), (420, 130)], fill=(150, 70, 60))
    draw.rectangle((210, 200, 270, 290), fill=(90, 60, 40))
    draw.rectangle((110, 160, 170, 210), fill=(230, 240, 250))
    draw.rectangle((310, 160, 370, 210), fill=(230, 240, 250))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DemoPhone"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (30.0, 38.0, 12.0), 3: "E", 4: (119.0, 40.0, 48.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def seed_inspection() -> list[str]:
    leader = Deputy.objects.filter(user__mobile=LEADER).select_related("station").first()
    member = Deputy.objects.filter(user__mobile=MEMBER).first()
    clerk = User.objects.filter(mobile=CLERK).first()
    if leader is None or member is None or leader.station is None:
        return []
    inspection = Inspection.objects.filter(station=leader.station, title=TITLE).first()
    if inspection is None:
        inspection = make_inspection(
            station=leader.station,
            organiser=leader,
            deputies=[member],
            title=TITLE,
            stops=STOPS,
            user=clerk,
            starts_on=date(2026, 11, 18),
        )
    plan = inspection.plan
    if plan.editable and plan.saved_version <= 1:  # still as the template drafted it
        save_draft(draft=plan, parts=PLAN, saved_version=plan.saved_version)
    deputies = {LEADER: leader, MEMBER: member}
    stops = list(inspection.stops.order_by("position"))
    findings = []
    for n, (stop, who, text, colour) in enumerate(FINDINGS, start=1):
        finding, _created = record_finding(
            deputy=deputies[who],
            inspection=inspection,
            stop_id=stops[stop].pk,
            text=text,
            uuid=uuid.UUID(int=0x1D5EC7 * 1000 + n),
            photo=photo(colour, f"IMG_{n:04d}.jpg") if colour else None,
        )
        findings.append(finding)
    # The member turns their finding on the steps into a suggestion of their own.
    finding_to_suggestion(finding=findings[2])
    report = compose_report(inspection=inspection)
    if report.editable and not report.revisions.exists():
        parts = {**report.parts, "recommendations": RECOMMENDATIONS}
        submit_draft(draft=report, parts=parts, saved_version=report.saved_version)
    return [f"Inspection: {inspection.title}, {len(findings)} findings, report submitted"]
