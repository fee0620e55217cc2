"""A .docx law as text: the archive and the XML read with the guards a hostile upload needs."""

import io
import lzma
import zipfile
import zlib
from xml.etree import ElementTree

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml import ElementTree as DefusedElementTree
from django.utils.translation import gettext as _

from materials.lawlines import LawParseError

# A law's document.xml is well under a megabyte; far more is a zip bomb, not a law.
MAX_DOCX_XML_BYTES = 20 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(content: bytes) -> str:
    """The paragraphs of a .docx as lines of text: what the national law database offers for
    download. Reads the document XML directly; formatting is of no use to the importer."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            info = archive.getinfo("word/document.xml")
            # zipfile reads no more than the size checked: a member that unpacks to more
            # fails its check.
            too_large = info.file_size > MAX_DOCX_XML_BYTES
            xml = b"" if too_large else archive.read(info)
    except UNREADABLE_ZIP as exc:
        raise LawParseError(1, _("not a .docx file")) from exc
    if too_large:
        raise LawParseError(
            1,
            _("the document is larger than %(mb)d MB unpacked: not a law text")
            % {"mb": MAX_DOCX_XML_BYTES // (1024 * 1024)},
        )
    try:
        # Word never writes a DOCTYPE. One in a document is there to declare entities: to
        # expand them a billion times, or to read files of the server. Refused before any is.
        root = DefusedElementTree.fromstring(xml, forbid_dtd=True)
    except DTDForbidden as exc:
        raise LawParseError(1, _("not a .docx file: its XML declares a DOCTYPE")) from exc
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise LawParseError(1, _("not a .docx file: its text is not readable XML")) from exc
    lines = []
    for paragraph in root.iter(f"{W}p"):
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{W}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{W}tab":
                pieces.append("\u3000")
            elif node.tag in (f"{W}br", f"{W}cr"):
                # A line broken inside a paragraph, as text pasted from a web page keeps it.
                pieces.append("\n")
        lines.append("".join(pieces))
    return "\n".join(lines)


# What zipfile raises for a broken, truncated, encrypted or oddly compressed archive.
UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OSError,
    zlib.error,
    lzma.LZMAError,
)
