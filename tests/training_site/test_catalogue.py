"""The Chinese catalogue is whole: every string has its Chinese, none a guess, and every string
in the code can reach it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# The names makemessages looks for (xgettext's keywords as Django sets them).
KNOWN = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext",
         "pgettext_lazy", "npgettext", "npgettext_lazy", "gettext_noop"}  # fmt: skip
ALIAS = re.compile(r"from django\.utils\.translation import .*\b(\w*gettext\w*) as (\w+)")


def entries():
    """(flags, msgid, msgstr) of each entry, the plural forms' msgstr joined."""
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        text, key = {"msgid": "", "msgstr": ""}, None
        for line in lines:
            if line.startswith(("msgid ", "msgid_plural ")):
                key = "msgid" if line.startswith("msgid ") else None
            elif line.startswith("msgstr"):
                key = "msgstr"
            elif not line.startswith('"'):
                continue
            if key:
                text[key] += line.partition('"')[2].rstrip('"')
        yield flags, text["msgid"], text["msgstr"]


def test_every_string_has_its_chinese_and_none_is_a_guess():
    found = list(entries())
    assert len(found) > 1000
    assert [msgid for flags, msgid, _str in found if "fuzzy" in flags] == []
    assert [msgid for _flags, msgid, msgstr in found if msgid and not msgstr] == []


def test_no_module_hides_gettext_under_a_name_makemessages_does_not_know():
    hidden = []
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {".venv", "node_modules", "tests"}:
            continue
        for _name, alias in ALIAS.findall(path.read_text(encoding="utf-8")):
            if alias not in KNOWN:
                hidden.append(f"{path.relative_to(ROOT)}: {alias}")
    assert hidden == []
