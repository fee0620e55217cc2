"""Hypothesis strategies and hostile files shared by the fuzz tests: text as people and broken
tools write it, and bytes in the encodings a Chinese office produces."""

import io
import zipfile

from hypothesis import strategies as st

# Characters that break naive parsers: NUL and other controls, right-to-left marks, a BOM,
# full-width digits and letters, the private-use characters GIFT borrows, line separators.
AWKWARD = "\x00\x01\x08\x0b\x0c\x1b\x7f\u200b\u200e\u200f\u202e\u2028\u2029\ufeff\ue000\ue001"
AWKWARD += "０１９ＡＢａ：．、；\u3000\xa0\r\n\t"
MARKUP = "{}=~#:%->\\/$[]()（）《》第章节条款项一二三十百千零〇"

# Text as a form receives it: any code point but surrogates, which a browser cannot send.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
awkward_text = st.text(st.sampled_from(AWKWARD + MARKUP + "abcAB 123"), max_size=200)
texts = st.one_of(any_text, awkward_text)


@st.composite
def encoded(draw, text_strategy=texts):
    """Text as bytes in an encoding a file might really use, or just as broken bytes."""
    text = draw(text_strategy)
    encoding = draw(
        st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "big5"])
    )
    data = text.encode(encoding, errors="replace")
    cut = draw(st.integers(0, len(data)))
    return draw(st.sampled_from([data, data[:cut], data + b"\xff\xfe\x80", b"\x81" + data]))


raw_bytes = st.one_of(st.binary(max_size=500), encoded())


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def replace_member(content: bytes, name: str, data: bytes) -> bytes:
    """The zip with one member's content replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    members = {info.filename: source.read(info.filename) for info in source.infolist()}
    members[name] = data
    return zip_bytes(members)


def with_bomb(content: bytes, name: str, head: bytes, size: int, tail: bytes = b"") -> bytes:
    """The zip with member `name` replaced by `head`, `size` bytes of spaces and `tail`: well
    formed XML when head and tail are, and deflated to about a thousandth of its size. Written
    a megabyte at a time, so the test itself stays small in memory."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info.filename, source.read(info.filename))
        with archive.open(name, "w", force_zip64=True) as member:
            member.write(head)
            for _ in range(size >> 20):
                member.write(chunk)
            member.write(tail)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 20
