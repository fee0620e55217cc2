"""The text layer of a PDF law, as lines, for `parse_law` by way of `logical_lines`.

pdfplumber reads the characters: of the three libraries measured on CJK PDFs rendered like
the national law database's (pdfplumber, pypdf, pdfminer.six), pdfplumber and pypdf kept
every character in order, pdfminer.six's own text extraction moved characters across lines,
and pdfplumber alone gives each line's position. The position tells a new paragraph (indented
two characters, as official texts are) from a line the column broke after a full stop.
"""

import io
import re
import unicodedata

import pdfplumber
from django.utils.translation import gettext as _
from pdfminer.pdfdocument import PDFPasswordIncorrect

from materials.lawlines import LawParseError

MAX_PAGES = 200  # the longest code, with its index, is well under this
MAX_PDF_BYTES = 30 * 1024 * 1024
INDENT = "\u3000\u3000"
# Some Chinese fonts map characters to their look-alike Kangxi radicals (⼀ for 一, ⼈ for 人):
# the same character to a reader, another one to search and to the diff.
RADICAL = re.compile("[\u2e80-\u2fdf]")
UNMAPPED = "(cid:"  # what pdfminer writes for a glyph its font does not map to a character


def pdf_text(content: bytes) -> str:
    """The PDF's text, a line per printed line, paragraph starts indented; refused with the
    reason when it cannot be read or has no text to read (a scan)."""
    if len(content) > MAX_PDF_BYTES:
        raise LawParseError(
            1,
            _("the PDF is larger than %(mb)d MB: not a law text")
            % {"mb": MAX_PDF_BYTES // (1024 * 1024)},
        )
    try:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise LawParseError(
                    1,
                    _("the PDF has more than %(count)d pages: not one law text")
                    % {"count": MAX_PAGES},
                )
            lines = [line for page in pdf.pages for line in _page_lines(page)]
    except LawParseError:
        raise
    except Exception as exc:
        # pdfminer raises many kinds of error on a damaged file, few of them its own, and
        # pdfplumber wraps some of them: a broken upload must be a refusal, not a crash.
        if _caused_by(exc, PDFPasswordIncorrect):
            raise LawParseError(1, _("the PDF is protected by a password")) from exc
        raise LawParseError(1, _("not a readable PDF file")) from exc
    if not any(line.strip() for line in lines):
        raise LawParseError(
            1,
            _(
                "the PDF has no text, only images: it is a scan. Download the text version "
                "(Word or PDF) from the national law database."
            ),
        )
    if any(UNMAPPED in line for line in lines):
        raise LawParseError(
            1,
            _(
                "the PDF's fonts do not say which characters they show, so its text cannot "
                "be read. Use the Word version."
            ),
        )
    return RADICAL.sub(lambda m: unicodedata.normalize("NFKC", m.group()), "\n".join(lines))


def _page_lines(page) -> list[str]:
    lines = page.extract_text_lines(return_chars=True)
    if not lines:
        return []
    left = min(line["x0"] for line in lines)
    result = []
    for line in lines:
        size = line["chars"][0]["size"] if line["chars"] else 10
        indented = line["x0"] - left >= size * 1.5
        result.append((INDENT if indented else "") + line["text"])
    return result


def _caused_by(exc: BaseException, kind: type) -> bool:
    while exc is not None:
        if isinstance(exc, kind) or any(isinstance(arg, kind) for arg in exc.args):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
