"""Decoding an uploaded text file (a law text, a GIFT or Aiken question file) as Chinese
offices save them."""

BYTE_ORDER_MARKS_16 = (b"\xff\xfe", b"\xfe\xff")


class UndecodableText(ValueError):
    """Neither UTF-8, UTF-16 with its mark, nor GB18030."""


def decode_text_file(content: bytes) -> str:
    """UTF-8 (with or without the mark Windows Notepad writes), UTF-16 with its mark (Notepad's
    "Unicode"), or else GB18030, which is what a Chinese Windows saves "ANSI" text as (a
    superset of GBK and GB2312)."""
    encodings = ["utf-8-sig", "gb18030"]
    if content.startswith(BYTE_ORDER_MARKS_16):
        encodings.insert(0, "utf-16")
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UndecodableText
