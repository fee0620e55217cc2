"""What the checker's commands share (`check_proposal`, `check_deliberation`): reading a text
file as Chinese offices save it, and writing the findings for a person or a script."""

import re
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.textfiles import UndecodableText, decode_text_file

from ..checker import PART_LABELS, Report

# Far more than any 建议, 议案 or speech (a draft part holds 5,000 characters); a larger file
# is something else, and reading it whole would only waste memory.
MAX_BYTES = 1_000_000
# Control characters other than tab and breaks: a text file has none, a binary file that
# happens to decode as GB18030 has plenty.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Word's manual line break (vertical tab) and page break, kept by some ways of saving as text.
_WORD_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
SEVERITIES = {"error": "must_fix", "warning": "advice"}


def read_text_file(name: str, *, too_large: str, allow_empty=False, returncode=1) -> str:
    """The text of the file (or of standard input for "-"): UTF-8 or GB18030, a byte-order
    mark dropped, Word's breaks made line breaks. A CommandError with `returncode` says why
    it cannot be had: missing or unreadable, larger than MAX_BYTES (`too_large`, a message
    with %(file)s and %(size)s), not text, or (unless `allow_empty`) empty."""
    shown = _("standard input") if name == "-" else name

    def refuse(message: str):
        return CommandError(message, returncode=returncode)

    if name == "-":
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        content = stream.read(MAX_BYTES + 1)
        if isinstance(content, str):  # a text stream without a buffer (a test's StringIO)
            content = content.encode("utf-8")
    else:
        try:
            with Path(name).open("rb") as handle:
                content = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise refuse(
                _("Cannot read %(file)s: %(reason)s") % {"file": shown, "reason": exc.strerror}
            ) from exc
    if len(content) > MAX_BYTES:
        raise refuse(too_large % {"file": shown, "size": f"{MAX_BYTES:,}"})
    not_text = _("%(file)s is not a text file in UTF-8 or GB18030.") % {"file": shown}
    try:
        text = decode_text_file(content)
    except UndecodableText as exc:
        raise refuse(not_text) from exc
    if _CONTROL.search(text):
        raise refuse(not_text)
    text = text.lstrip("\ufeff").translate(_WORD_BREAKS)
    if not text.strip() and not allow_empty:
        raise refuse(_("%(file)s is empty: there is nothing to check.") % {"file": shown})
    return text


def finding_dicts(report: Report) -> list[dict]:
    """The findings for a script: rule, severity (must_fix or advice), quote and message first."""
    return [
        {
            "rule": finding.rule.code,
            "name": finding.rule.name,
            "severity": SEVERITIES[finding.rule.severity],
            "part": finding.part,
            "quote": finding.quote,
            "words": list(finding.words),
            "message": finding.message,
            "fix": finding.rule.fix,
            "basis": finding.rule.basis,
        }
        for finding in report.findings
    ]


def finding_lines(report: Report) -> list[str]:
    """The findings for a person, in reading order: each with its rule, where it is, the quote,
    the words that made it, what is wrong, how to fix it and the basis."""
    lines = []
    if report.findings:
        count = len(report.findings)
        lines.append(
            ngettext("%(count)d finding:", "%(count)d findings:", count) % {"count": count}
        )
    else:
        lines.append(_("No findings."))
    severities = {"error": _("Must fix"), "warning": _("Worth improving")}
    for number, finding in enumerate(report.findings, start=1):
        rule = finding.rule
        where = str(PART_LABELS[finding.part]) if finding.part else _("the whole text")
        lines.append(f"{number}. [{severities[rule.severity]}] {rule.name} · {where}")
        if finding.quote:
            lines.append("   " + _("Quote: %(quote)s") % {"quote": f"「{finding.quote}」"})
        if finding.words:
            lines.append("   " + _("Words: %(words)s") % {"words": "、".join(finding.words)})
        lines.append("   " + finding.message)
        lines.append("   " + _("How to fix: %(fix)s") % {"fix": rule.fix})
        lines.append("   " + _("Basis: %(basis)s") % {"basis": rule.basis})
    return lines
