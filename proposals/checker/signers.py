"""The detectors that read a motion's joint signers (联名代表, the lead deputy counted with
them): how many, whether one is listed twice, and whether each is a deputy of the congress."""

import re

from .core import Finding, Rule
from .text import make_finding, parts_read

_NUMBERING = re.compile(
    r"\s*(?:[（(]\s*[0-9０-９一二三四五六七八九十]+\s*[)）]|[0-9０-９]+\s*[.、．)）]?"
    r"|[一二三四五六七八九十]+\s*[、.．)）])\s*"
)
# A label before the names, or alone on its line as a heading: 领衔代表：, 附议代表:,
# 联名代表（含领衔代表）：, 联名人, 代表签名：. Without a colon, only a label word with nothing
# after it is one, so that a name like 代表甲 is still a name.
_LABEL = re.compile(
    r"\s*(?:(?:附议|联名|领衔)(?:代表|人)|代表)\s*(?:[（(][^（()）\n]{0,10}[)）])?"
    r"(?:[^：:\n]{0,6}[：:]|\s*$)"
)
_NAME = re.compile(r"[^、，,；;]+")
# An aside after a name: 张三（领衔）, 李四(县人大代表).
_ASIDE = re.compile(r"\s*[（(][^（()）]*[)）]\s*$")


def signer_names(text: str) -> list[tuple[str, str]]:
    """The deputies listed, as (the name as written, the name without spaces), one a line;
    names on one line may be separated by 、 or ，. Numbering (1. 2、), labels (领衔代表：,
    联名代表（含领衔代表）：) and an aside after a name (（领衔）) are skipped."""
    names = []
    for line in text.splitlines():
        for prefix in (_NUMBERING, _LABEL, _NUMBERING):
            if skipped := prefix.match(line):
                line = line[skipped.end() :]
        for match in _NAME.finditer(line):
            name = _ASIDE.sub("", match.group()).strip()
            if any(ch.isalpha() for ch in name):
                names.append((name, "".join(name.split())))
    return names


def detect_cosigners(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """Fewer distinct deputies than params[level] (township 5, county 10) among the joint
    signers, the lead deputy counted with them."""
    need = rule.params.get(level, 0)
    findings = []
    for part in parts_read(rule, genre, ("cosigners",)):
        if len({key for _name, key in signer_names(parts[part])}) < need:
            findings.append(make_finding(rule, part, ""))
    return findings


def detect_duplicates(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A deputy listed twice among the joint signers (the lead deputy written again among the
    others, say): quotes the repeated name."""
    findings = []
    for part in parts_read(rule, genre, ("cosigners",)):
        seen = set()
        for name, key in signer_names(parts[part]):
            if key in seen:
                findings.append(make_finding(rule, part, name))
            seen.add(key)
    return findings


def detect_roster(
    rule: Rule, parts: dict[str, str], genre: str, level: str, *, roster=None
) -> list[Finding]:
    """A joint signer who is not a deputy of the congress the motion goes to: each name not
    on `roster` (names without spaces), quoted once. Quiet when the roster is unknown (None)."""
    findings = []
    for part in parts_read(rule, genre, ("cosigners",)) if roster is not None else ():
        seen = set()
        for name, key in signer_names(parts[part]):
            if key not in roster and key not in seen:
                findings.append(make_finding(rule, part, name))
            seen.add(key)
    return findings
