"""Article and chapter numbers in running text: as the law writes them in Chinese (第五十条),
in digits in English (article 50)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from common.numerals import chinese_numeral, law_number


@pytest.mark.parametrize(
    ("number", "written"),
    [(1, "一"), (10, "十"), (12, "十二"), (50, "五十"), (105, "一百零五"), (110, "一百一十")],
)
def test_numbers_are_written_as_the_laws_write_them(number, written):
    assert chinese_numeral(number) == written


def test_an_article_number_follows_the_readers_language():
    with translation.override("zh-hans"):
        assert law_number(50) == "五十"
    with translation.override("en"):
        assert law_number(50) == "50"


def test_a_link_to_an_article_reads_第五十条_in_chinese_and_article_50_in_english():
    template = Template(
        "{% load i18n materials_tags %}{% blocktranslate with law='代表法' number=n|law_number %}"
        "{{ law }}, article {{ number }}{% endblocktranslate %}"
    )
    with translation.override("zh-hans"):
        assert template.render(Context({"n": 50})) == "代表法第五十条"
    with translation.override("en"):
        assert template.render(Context({"n": 50})) == "代表法, article 50"
