"""A station clerk opens the activity register of the demo's 东街 station from its export page
and reads it as it will print, on a phone and at a desk: the reception days, the voters'
matters (no voter's name) and the lines to sign."""

import re

import pytest
from django.urls import reverse

from deputies.demo import DEMO_PASSWORD
from deputies.models import LiaisonStation
from receptions.models import Matter

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "zh-hans": ("打开台账，打印", "活动台账", "五、接待选民", "六、选民反映事项", "填表人"),
    "en": (
        "Open the register to print",
        "activity register",
        "5. Voter reception",
        "6. Voters' matters",
        "Filled in by",
    ),
}


@pytest.mark.parametrize(
    ("size", "language"), [("phone", "zh-hans"), ("desktop", "en")], ids=["phone", "desktop"]
)
def test_a_clerk_opens_the_register_to_print(demo, new_page, screenshot, size, language):
    button, title, receptions, matters, sign = WORDS[language]
    station = LiaisonStation.objects.get(name="东街社区代表联络站")
    page = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(page, "13700000003", DEMO_PASSWORD)
    page.goto(reverse("exports:register", args=["station", station.pk]))
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r"/print/\?from="))
    assert_fits(page)
    text = page.locator("main").inner_text()
    for words in (title, receptions, matters, sign):
        assert words in text
    voters = Matter.objects.exclude(voter_name="").values_list("voter_name", flat=True)
    assert voters and not any(name in text for name in voters)
    print_button = "打印" if language == "zh-hans" else "Print"
    assert page.get_by_role("button", name=print_button, exact=True).is_visible()
    screenshot(page, f"activity-register-{size}-{language}")
