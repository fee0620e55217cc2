"""What an editor reads before a law text is stored: the preview of an import and its warnings.

The parser warns of what it sees in the text alone (a gap or a repeat in the numbering, a
heading it does not know). The checks here need the library as well: a last article that stops
mid-sentence, as a file cut short does, and fewer articles than the version in force. Both the
admin's preview page and the import_law command show the same `LawPreview`; the command prints
it with `preview_text`.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .lawtext import chinese_numeral
from .models import LawPage, LawVersion
from .parsedlaw import Article, LawWarning, ParsedLaw

# A sentence ends with one of these, or with one of them and closing quotes (。” 。』).
SENTENCE_END = re.compile(r"[。；：！？][”’」』\"')）]*$")


@dataclass
class ShownArticle:
    label: str
    text: str
    line: int


@dataclass
class LawPreview:
    title: str
    effective_date: date | None
    chapters: int
    sections: int
    articles: int
    first: ShownArticle | None
    last: ShownArticle | None
    warnings: list[LawWarning]
    law: LawPage | None = None  # the law it is a version of, None for a new law
    in_force: LawVersion | None = None
    # Why it cannot be imported whatever the editor confirms (a different text for a date
    # already in the library), and whether the very same text is in already.
    problem: str = ""
    unchanged: bool = False


def _shown(article: Article | None) -> ShownArticle | None:
    if article is None:
        return None
    return ShownArticle(f"第{chinese_numeral(article.number)}条", article.text, article.line)


def check_law(parsed: ParsedLaw, *, law: LawPage | None, effective_date: date | None) -> LawPreview:
    """The preview of importing `parsed` as the version of `law` (None: a new law) in force
    from `effective_date`, with the parser's warnings and the library's."""
    articles = parsed.articles
    last = articles[-1] if articles else None
    warnings = list(parsed.warnings)
    if last is not None and not SENTENCE_END.search(last.text.strip()):
        warnings.append(
            LawWarning(
                last.line,
                "mid_sentence",
                _("the last article, %(label)s, stops mid-sentence: the file may be cut short")
                % {"label": f"第{chinese_numeral(last.number)}条"},
            )
        )
    in_force = law.versions.current().first() if law is not None else None
    # An older version imported late may well be shorter; one that will replace the version
    # in force should not be.
    replaces = in_force is not None and (
        effective_date is None or effective_date > in_force.effective_date
    )
    if replaces:
        count = in_force.articles.count()
        if len(articles) < count:
            warnings.append(
                LawWarning(
                    0,
                    "fewer_articles",
                    _(
                        "%(articles)d articles, fewer than the %(count)d of the version in "
                        "force (%(date)s): part of the text may be missing"
                    )
                    % {
                        "articles": len(articles),
                        "count": count,
                        "date": in_force.effective_date.isoformat(),
                    },
                )
            )
    return LawPreview(
        title=parsed.title,
        effective_date=effective_date,
        chapters=sum(1 for chapter in parsed.chapters if chapter.number),
        sections=parsed.section_count,
        articles=len(articles),
        first=_shown(articles[0] if articles else None),
        last=_shown(last),
        warnings=warnings,
        law=law,
        in_force=in_force,
    )


def warning_text(warning: LawWarning) -> str:
    if warning.line:
        return _("line %(line)d: %(message)s") % {"line": warning.line, "message": warning.message}
    return warning.message


def preview_text(preview: LawPreview) -> str:
    """The preview as the import_law command prints it."""
    values = {
        "chapters": preview.chapters,
        "sections": preview.sections,
        "articles": preview.articles,
    }
    lines = [
        preview.title,
        "  "
        + _("effective %(date)s")
        % {"date": preview.effective_date.isoformat() if preview.effective_date else "?"},
        "  " + _("%(chapters)d chapters, %(sections)d sections, %(articles)d articles") % values,
    ]
    if preview.law is None:
        lines.append("  " + _("a law new to the library"))
    elif preview.in_force is not None:
        lines.append(
            "  "
            + _("version in force: %(date)s")
            % {"date": preview.in_force.effective_date.isoformat()}
        )
    for name, article in ((_("first article"), preview.first), (_("last article"), preview.last)):
        if article is not None:
            text = article.text.replace("\n", "\n      ")
            lines.append(f"  {name}: {article.label}\n      {text}")
    if preview.warnings:
        count = len(preview.warnings)
        lines.append(
            "  " + ngettext("%(count)d warning:", "%(count)d warnings:", count) % {"count": count}
        )
        lines.extend(f"    {warning_text(warning)}" for warning in preview.warnings)
    else:
        lines.append("  " + _("no warnings"))
    if preview.problem:
        lines.append("  " + preview.problem)
    return "\n".join(lines)
