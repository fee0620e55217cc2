"""Law texts as .docx: good ones read; broken, hostile and bomb-laden ones are refused with a
LawParseError fast and in bounded memory."""

import resource
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from materials.lawtext import LawParseError, docx_text, read_law_file

from .strategies import PDF, PNG, with_bomb, zip_bytes

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraphs(*lines: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return b"<w:document " + W + b"><w:body>" + body.encode() + b"</w:body></w:document>"


LAW = paragraphs("代表法", "（2025年3月11日修正）", "第一章 总则", "第一条 为了保障代表行使职权。")
GOOD = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": LAW})


def laughs(levels: int = 10) -> bytes:
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, levels)
    )
    return (
        b'<?xml version="1.0"?><!DOCTYPE w:document [' + entities + b"]>"
        b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&lol%d;</w:t></w:r></w:p>"
        b"</w:body></w:document>" % (levels - 1)
    )


EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)

HOSTILE = {
    "empty": b"",
    "a pdf renamed": PDF,
    "a png renamed": PNG,
    "text renamed": "代表法\n第一条 x".encode(),
    "truncated": GOOD[: len(GOOD) // 2],
    "no document member": zip_bytes({"word/other.xml": LAW}),
    "broken xml": zip_bytes({"word/document.xml": LAW[:-20]}),
    "billion laughs": zip_bytes({"word/document.xml": laughs()}),
    "billion laughs in utf-16": zip_bytes(
        {
            "word/document.xml": laughs()
            .decode()
            .replace("?>", ' encoding="utf-16"?>', 1)
            .encode("utf-16")
        }
    ),
    "external entity": zip_bytes({"word/document.xml": EXTERNAL}),
    "zip bomb": with_bomb(
        GOOD, "word/document.xml", LAW[: LAW.index(b"<w:body>")], 400 << 20, b"</w:document>"
    ),
    "stored, not compressed": zip_bytes({"word/document.xml": LAW}, compression=0),
}


@pytest.mark.parametrize("name", [name for name in HOSTILE if name != "stored, not compressed"])
def test_hostile_docx_is_refused_fast_in_bounded_memory(in_english, name):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(LawParseError) as refused:
        read_law_file("law.docx", HOSTILE[name])
    assert refused.value.message.strip() and refused.value.line == 1
    assert "passwd" not in refused.value.message
    if name == "zip bomb":
        assert "larger than 20 MB unpacked" in refused.value.message
    assert time.monotonic() - started < 5
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 200


def test_a_good_docx_reads(in_english):
    assert read_law_file("law.docx", GOOD).articles[0].number == 1
    assert "第一条" in docx_text(HOSTILE["stored, not compressed"])


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_damaged_docx_reads_or_is_refused(data):
    content = bytearray(data.draw(st.sampled_from([GOOD, HOSTILE["stored, not compressed"]])))
    for _ in range(data.draw(st.integers(1, 4))):
        content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    try:
        read_law_file("law.docx", bytes(content[: data.draw(st.integers(0, len(content)))]))
    except LawParseError as exc:
        assert exc.message.strip()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_document_xml_reads_or_is_refused(xml):
    try:
        docx_text(zip_bytes({"word/document.xml": LAW[:40] + xml}))
    except LawParseError as exc:
        assert exc.message.strip()
