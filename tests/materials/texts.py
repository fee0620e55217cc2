"""Small law texts written for the tests, in the shapes official texts take."""

import io
import zipfile
from html import escape

from materials.lawtext import chinese_numeral, parse_law

SAMPLE = """# 某某县村务议事规则

2020年1月1日 某某县人民代表大会常务委员会第一次会议通过

2024年6月30日 某某县人民代表大会常务委员会第九次会议修正

<!-- INFO END -->

某某县村务议事规则

## 第一章　总　则

第一条　为了规范村务议事，制定本规则。

第二条　本规则适用于本县各村。

村民代表会议依照本规则议事。

## 第二章

## 议事程序

### 第一节　提出

第三条　议题可以由下列人员提出：

（一）村民委员会；

（二）五分之一以上的村民代表。

第四条　议题应当写明事由。

### 第二节　表决

第五条　表决实行少数服从多数。

## 第三章　附则

第六条　本规则自公布之日起施行。
"""

AMENDED = """# 某某县村务议事规则

2020年1月1日 某某县人民代表大会常务委员会第一次会议通过

2025年1月1日 某某县人民代表大会常务委员会第十二次会议修正

## 第一章　总则

第一条　为了规范村务议事，保障村民参与，制定本规则。

第二条　本规则适用于本县各村。

村民代表会议依照本规则议事。

第三条　村务公开应当及时。

## 第二章　议事程序

第四条　议题可以由下列人员提出：

（一）村民委员会；

（二）五分之一以上的村民代表。

第五条　表决实行少数服从多数。

## 第三章　附则

第六条　本规则自公布之日起施行。
"""


def numbered_law(title: str, chapters: int, articles_per_chapter: int, date="2024-01-01") -> str:
    """A law of the given size, for tests that compare small and large texts."""
    year, month, day = (int(x) for x in date.split("-"))
    lines = [f"# {title}", "", f"{year}年{month}月{day}日 某某会议通过", ""]
    n = 0
    for c in range(1, chapters + 1):
        lines += [f"## 第{chinese_numeral(c)}章　第{c}部分", ""]
        for _ in range(articles_per_chapter):
            n += 1
            lines += [f"第{chinese_numeral(n)}条　这是第{n}条的内容，涉及代表的权利和义务。", ""]
            lines += ["（一）第一项；", "（二）第二项。", ""]
    return "\n".join(lines)


def docx_bytes(text: str) -> bytes:
    """A minimal .docx whose paragraphs are the lines of the text."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>'
        for line in text.replace("&", "&amp;").replace("<", "&lt;").split("\n")
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


# A small rule's articles, each a list of paragraphs (items stay with their paragraph), for
# tests that move, merge and split them between versions.
PURPOSE = ["为了规范村务议事，制定本规则。"]
SCOPE = ["本规则适用于本县各村。", "村民代表会议依照本规则议事，议事记录应当存档备查。"]
PROPOSERS = ["议题可以由下列人员提出：\n（一）村民委员会；\n（二）五分之一以上的村民代表。"]
REASONS = ["议题应当写明事由，并附有关材料。"]
VOTING = ["表决实行少数服从多数，表决结果当场公布。"]
PUBLICITY = ["村民委员会应当将议事结果在村务公开栏公布，接受村民监督。"]
START = ["本规则自公布之日起施行。"]
BASE = [PURPOSE, SCOPE, PROPOSERS, REASONS, VOTING, PUBLICITY, START]


def rule(articles, date: str) -> str:
    """The rule's text as a version dated `date` (YYYY-MM-DD) would read."""
    year, month, day = date.split("-")
    history = f"{year}年{int(month)}月{int(day)}日 某某县人大常委会通过"
    lines = ["# 某某县村务议事规则", "", history, ""]
    for n, paragraphs in enumerate(articles, start=1):
        lines += [f"第{chinese_numeral(n)}条　{paragraphs[0]}", ""]
        for paragraph in paragraphs[1:]:
            lines += [paragraph, ""]
    return "\n".join(lines)


def law_html(text: str) -> str:
    """A clean law text laid out as the national law database prints it: the title centred,
    the history as one bracketed paragraph, indented paragraphs, the title as a running header
    and page numbers in the margins, in a column narrow enough that lines wrap mid-sentence."""
    title, history, body = "", [], []
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith("<!--"):
            continue
        if not title:
            title = line.lstrip("# ")
        elif line.startswith("#"):
            level = min(line.count("#"), 3)
            body.append(f"<h{level}>{escape(line.lstrip('# '))}</h{level}>")
        elif not body and line[:4].isdigit():
            history.append(escape(line))
        else:
            body.append(f"<p>{escape(line)}</p>")
    joined = "　根据".join(history).rstrip("）)")
    history_html = f"<p class=history>（{joined}）</p>" if history else ""
    return f"""<html><head><meta charset="utf-8"><style>
@page {{ size: 100mm 140mm; margin: 18mm 14mm;
  @top-center {{ content: "{escape(title)}"; font-size: 8pt; }}
  @bottom-center {{ content: "- " counter(page) " -"; font-size: 8pt; }} }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 10.5pt; line-height: 1.5; }}
h1 {{ font-size: 14pt; text-align: center; }}
h2, h3 {{ font-size: 11pt; text-align: center; }}
p {{ text-indent: 2em; margin: 0; text-align: justify; }}
</style></head><body><h1>{escape(title)}</h1>{history_html}{"".join(body)}</body></html>"""


def pdf_bytes(text: str) -> bytes:
    """The law as a PDF with a text layer, rendered by WeasyPrint."""
    from weasyprint import HTML

    return HTML(string=law_html(text)).write_pdf()


def assert_same_law(got, clean: str):
    """`got`, a ParsedLaw or a text, is the clean text's law to the word: title, history
    dates, chapters, sections, and every article part by part."""
    expected = parse_law(clean)
    if isinstance(got, str):
        got = parse_law(got)
    assert got.title == expected.title
    assert [e.date for e in got.history] == [e.date for e in expected.history]
    assert [(c.number, c.title) for c in got.chapters] == [
        (c.number, c.title) for c in expected.chapters
    ]
    assert got.section_count == expected.section_count
    assert [(s.number, s.title) for c in got.chapters for s in c.sections] == [
        (s.number, s.title) for c in expected.chapters for s in c.sections
    ]
    assert len(got.articles) == len(expected.articles)
    for mine, theirs in zip(got.articles, expected.articles, strict=True):
        assert mine.number == theirs.number
        assert [(p.kind, p.number, p.text) for p in mine.parts] == [
            (p.kind, p.number, p.text) for p in theirs.parts
        ], f"第{mine.number}条"
    assert not got.warnings
