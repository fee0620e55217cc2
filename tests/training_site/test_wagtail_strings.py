"""The words we give Wagtail's admin in Chinese (training_site/wagtail_strings.py): each is still
one of Wagtail's own strings (an upgrade that rewords one makes ours dead), and each is
translated in our catalogue, so `make messages` cannot drop it unnoticed."""

from pathlib import Path

import pytest
import wagtail
from django.utils import translation
from django.utils.functional import Promise

from training_site.wagtail_strings import WAGTAIL_STRINGS


def _wagtail_catalogue_text() -> str:
    root = Path(wagtail.__file__).parent
    return "\n".join(
        path.read_text(encoding="utf-8") for path in root.glob("**/locale/en/LC_MESSAGES/django.po")
    )


def _msgid(entry) -> str:
    if isinstance(entry, Promise):
        # ngettext_lazy: the singular, from the arguments it pickles itself with.
        return entry.__reduce__()[1][3]["singular"]
    return entry


def _po_quoted(text: str) -> str:
    return text.replace('"', '\\"')


@pytest.fixture(scope="module")
def wagtail_text():
    return _wagtail_catalogue_text().replace('"\n"', "")


@pytest.mark.parametrize("entry", WAGTAIL_STRINGS, ids=_msgid)
def test_each_is_wagtails_and_ours_in_chinese(entry, wagtail_text):
    msgid = _msgid(entry)
    assert f'msgid "{_po_quoted(msgid)}"' in wagtail_text, "no longer one of Wagtail's strings"
    with translation.override("zh-hans"):
        if isinstance(entry, Promise):
            plural = entry.__reduce__()[1][3]["plural"]
            chinese = translation.ngettext(msgid, plural, 2)
        else:
            chinese = translation.gettext(msgid)
    assert chinese != msgid and any("\u4e00" <= c <= "\u9fff" for c in chinese)
