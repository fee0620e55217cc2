"""Law texts broken the way PDFs and web pages break them read word for word like the clean copy."""

import random
import re
from datetime import date

import pytest

from materials.lawtext import parse_law

from .texts import AMENDED, SAMPLE, assert_same_law, numbered_law

SHARED = [
    "daibiaofa-2015-08-29.md",
    "daibiaofa-2025-03-11.md",
    "zhejiang-daibiaofa-shishi-2016-05-27.md",
]
PAGE_NUMBERS = ["- {n} -", "第 {n} 页", "{n}", "{n}/{pages}", "—{n}—"]
ENDS = "。；：！？;:!?"
HEADING = re.compile(r"^(第[零一二三四五六七八九十百千]+[编章节])[\s\u3000]*(.*)$")


def break_like_pdf(text: str, *, width: int = 17, every: int = 23, seed: int = 1, indent=False):
    """The clean text as it comes out of a PDF: lines wrapped every `width` characters in
    mid-sentence, a page number and the title as running header every `every` lines, the title
    broken over lines, long chapter titles split, the history as one bracketed paragraph,
    random blank lines and mixed spaces. With `indent`, paragraphs start indented as in a
    web page, and a line may then also break just after a full stop."""
    rng = random.Random(seed)
    title, history, blocks = "", [], []
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith("<!--"):
            continue
        if not title:
            title = line.lstrip("# ")
        elif not blocks and line[:4].isdigit():
            history.append(line)
        elif not blocks and re.sub(r"\s", "", line) == re.sub(r"\s", "", title):
            continue  # the title again above the body: printed again below
        elif not blocks and not line.startswith("#"):
            history[-1] += line  # an entry the clean copy broke over lines
        elif line.startswith("#") and not HEADING.match(line.lstrip("# ")):
            blocks[-1] = (
                "heading",
                blocks[-1][1] + line.lstrip("# "),
            )  # "## 第二章" / "## 议事程序"
        elif line.startswith("#"):
            blocks.append(("heading", line.lstrip("# ")))
        else:
            blocks.append(("paragraph", line))
    title = re.sub(r"\s", "", title)
    out = _pieces(title, max(4, len(title) // 2 + 1))
    if history:
        paragraph = "（" + "　根据".join(history).rstrip("）)") + "）"
        out += wrap(paragraph, width, rng, indent=False)
    out += _pieces(title, max(4, len(title) // 3 + 1))  # the title again above the body
    for kind, line in blocks:
        if kind == "heading":
            out += _heading(line, rng)
        else:
            line = re.sub(
                r"^(第[零一二三四五六七八九十百千]+条)[\s\u3000]+",
                lambda m: m.group(1) + rng.choice([" ", "\u3000", "  ", "\u3000 "]),
                line,
            )
            out += wrap(line, width, rng, indent=indent)
    pages = len(out) // every + 1
    paged = []
    for index, line in enumerate(out):
        if index and index % every == 0:
            page = index // every
            paged.append(rng.choice(PAGE_NUMBERS).format(n=page, pages=pages))
            paged += [title] if rng.random() < 0.5 else _pieces(title, len(title) // 2 + 1)
        paged.append(line)
        if rng.random() < 0.15:
            paged.append(rng.choice(["", " ", "\u3000"]))
    return "\n".join(paged)


def _pieces(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def _heading(line: str, rng) -> list[str]:
    match = HEADING.match(line)
    label, rest = match.groups()
    rest = re.sub(r"\s", "", rest)
    spaced = label + rng.choice([" ", "\u3000", "\u3000\u3000"])
    if len(rest) > 8:
        half = len(rest) // 2
        return [spaced + rest[:half], rest[half:]]
    if rng.random() < 0.3:
        return [label, rest]
    if rest[:2].isascii() or not all(ord(c) > 0x2E80 for c in rest[:2]):
        return [spaced + rest]
    return [spaced + rest[:1] + rng.choice(["", "\u3000", " "]) + rest[1:]]


def wrap(paragraph: str, width: int, rng, *, indent: bool) -> list[str]:
    """Lines of about `width` characters, broken where a browser would: anywhere in Chinese,
    at a space between Latin words or numbers (which the break then replaces). Without an
    indent to mark new paragraphs, never just after a full stop inside a paragraph, which
    no reader of plain text could tell from the paragraph's end."""
    lines, start = [], 0
    while len(paragraph) - start > width:
        cut = min(start + width + rng.randint(-2, 2), len(paragraph) - 1)
        while cut > start + 1 and not _breakable(paragraph, cut, indent):
            cut -= 1
        if cut <= start + 1:
            break
        lines.append(paragraph[start:cut].rstrip(" "))
        start = cut + (1 if paragraph[cut] == " " else 0)
    lines.append(paragraph[start:])
    if indent:
        lines[0] = "\u3000\u3000" + lines[0]
    return lines


def _breakable(text: str, cut: int, indent: bool) -> bool:
    before, after = text[cut - 1], text[cut]
    if after == " ":
        return True
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return False
    if before in ENDS and not indent:
        return False
    # A column is wider than the article's number. A line may start with a citation
    # ("…依照本法" / "第三十条规定"), which must not be read as an article.
    return not re.match(r"第[零一二三四五六七八九十百千]*$", text[:cut])


OWN = {
    "sample": SAMPLE,
    "amended": AMENDED,
    "large": numbered_law("某某省代表工作条例", chapters=4, articles_per_chapter=6),
}


@pytest.mark.parametrize("name", OWN)
@pytest.mark.parametrize(
    ("width", "every", "seed", "indent"), [(17, 23, 1, False), (9, 7, 2, False), (23, 40, 3, True)]
)
def test_own_texts_broken_like_pdfs_read_like_the_clean_copy(name, width, every, seed, indent):
    clean = OWN[name]
    assert_same_law(
        break_like_pdf(clean, width=width, every=every, seed=seed, indent=indent), clean
    )


@pytest.mark.parametrize("name", SHARED)
@pytest.mark.parametrize(
    ("width", "every", "seed", "indent"), [(17, 23, 1, False), (31, 11, 5, True)]
)
def test_official_texts_broken_like_pdfs_read_like_the_clean_copy(
    shared_laws, name, width, every, seed, indent
):
    clean = (shared_laws / name).read_text(encoding="utf-8")
    assert_same_law(
        break_like_pdf(clean, width=width, every=every, seed=seed, indent=indent), clean
    )


def test_the_breaker_breaks():
    """The tests above would prove nothing if the broken text were the clean one."""
    broken = break_like_pdf(SAMPLE, width=9, every=7, seed=2).split("\n")
    assert len(broken) > 2 * len([line for line in SAMPLE.split("\n") if line])
    assert "某某县村务议事规则" in broken[10:]


def test_a_title_over_lines_and_a_chapter_heading_broken_in_two():
    text = (
        "中华人民共和国地方各级人民代表大会\n和地方各级人民政府组织法\n\n"
        "（1979年7月1日第五届全国人民代表大会第二次会议通过　根据1982年12月10日第五届全国"
        "人民代表大会第五次会议《关于修改〈中华人民共和国地方各级人民代表大会和地方各级人民\n"
        "政府组织法〉的若干规定的决议》第一次修正）\n\n"
        "中华人民共和国地方各级人民代表大会\n和地方各级人民政府组织法\n"
        "第一章　总　则\n第一条　为了健全地方各级人民代表大会和地方各级人民政府的组织和工作\n"
        "制度，根据宪法，制定本法。\n- 1 -\n"
        "第二章 听取和审议人民政府、人民法院和\n人民检察院的专项工作报告\n"
        "第二条　各级人民代表大会常务委员会依照本法\n第一条规定的程序听取报告。\n"
    )
    law = parse_law(text)
    assert law.title == "中华人民共和国地方各级人民代表大会和地方各级人民政府组织法"
    assert [e.date for e in law.history] == [date(1979, 7, 1), date(1982, 12, 10)]
    assert law.history[1].text.startswith("1982年12月10日第五届")
    assert [c.title for c in law.chapters] == [
        "总则",
        "听取和审议人民政府、人民法院和人民检察院的专项工作报告",
    ]
    assert [a.text for a in law.articles] == [
        "为了健全地方各级人民代表大会和地方各级人民政府的组织和工作制度，根据宪法，制定本法。",
        "各级人民代表大会常务委员会依照本法第一条规定的程序听取报告。",
    ]


def test_latin_words_and_numbers_keep_their_space():
    clean = "某办法\n\n2020年1月1日 通过\n\n第一条　适用 ISO 9001 标准和 GB/T 19001 标准的单位。"
    broken = "某办法\n2020年1月1日 通过\n第一条　适用 ISO\n9001 标准和 GB/T\n19001 标准的单位。"
    assert parse_law(broken).articles[0].text == parse_law(clean).articles[0].text


def test_parts_above_chapters_and_chapters_numbered_again():
    text = (
        "某某法典\n\n2020年5月28日 通过\n\n目　录\n第一编　总则\n第一章　基本规定\n"
        "第二编　物权\n第一分编　通则\n第一章　一般规定\n\n"
        "第一编　总　则\n第一章　基本规定\n第一条　甲。\n"
        "第二编　物权\n第一分编　通则\n第一章　一般规定\n第二条　乙。\n"
        "第二章　物权的设立\n第三条　丙。\n"
    )
    law = parse_law(text)
    assert [(c.part, c.number, c.title) for c in law.chapters] == [
        ("第一编　总则", 1, "基本规定"),
        ("第二编　物权　第一分编　通则", 1, "一般规定"),
        ("第二编　物权　第一分编　通则", 2, "物权的设立"),
    ]
    assert not law.warnings


def test_an_unknown_heading_is_a_warning():
    text = SAMPLE.replace("## 第三章　附则\n", "附　则\n")
    law = parse_law(text)
    assert [w.code for w in law.warnings] == ["unknown_heading"]
    assert law.warnings[0].line == text.split("\n").index("附　则") + 1
    assert law.articles[-1].text == "本规则自公布之日起施行。"


@pytest.mark.parametrize(
    "mark", ["- 3 -", "第 3 页", "3", "3/12", "— 3 —", "第3页 共12页", "－3－"]
)
def test_page_numbers_between_lines_are_dropped(mark):
    broken = SAMPLE.replace("第二条　本规则适用于", f"第二条　本规则适用\n{mark}\n\n于")
    assert_same_law(broken, SAMPLE)


def test_a_running_header_other_than_the_title_is_dropped():
    """A gazette prints its own name on every page; the law's text goes on under it."""
    lines = break_like_pdf(SAMPLE, width=8, every=1000).split("\n")
    for position in range(len(lines) - 4, 4, -6):
        lines[position:position] = [f"- {position} -", "某某县人民代表大会常务委员会公报"]
    assert_same_law("\n".join(lines), SAMPLE)


def test_a_table_of_contents_broken_over_lines_is_skipped():
    contents = (
        "目　录\n第一章　总则\n第二章　议事\n程序\n第一节　提出\n第二节　表决\n第三章　附则\n"
    )
    text = SAMPLE.replace("## 第一章　总　则", contents + "## 第一章　总　则")
    assert_same_law(break_like_pdf(text, width=11, every=9, seed=4), SAMPLE)


def test_a_history_as_a_list_in_brackets():
    text = SAMPLE.replace(
        "2020年1月1日 某某县人民代表大会常务委员会第一次会议通过\n\n2024年6月30日",
        "（2020年1月1日某某县人民代表大会常务委员会第一次会议通过）\n（根据2024年6月30日",
    ).replace("第九次会议修正", "第九次会议\n修正）")
    law = parse_law(text)
    assert [e.text for e in law.history] == [
        "2020年1月1日某某县人民代表大会常务委员会第一次会议通过",
        "2024年6月30日 某某县人民代表大会常务委员会第九次会议修正",
    ]
    assert_same_law(text, SAMPLE)


@pytest.mark.parametrize("after", ["规定的程序听取报告。", "关于听取报告的程序办理。"])
def test_an_article_cited_at_the_start_of_a_line_goes_on_the_sentence(after):
    text = f"某办法\n2020年1月1日 通过\n第一条　甲。\n第二条　乙。\n第三条　依照\n第二条{after}"
    assert [a.text for a in parse_law(text).articles][-1] == f"依照第二条{after}"


def test_a_web_page_copy():
    """Copied from a web page: the title over two lines, the history entries in brackets,
    centred headings with spaces, paragraphs indented, a long one broken after a full stop."""
    page = (
        "　　　　某某县村务\n　　　　议事规则\n\n"
        "（2020年1月1日某某县人民代表大会常务委员会第一次会议通过　根据2024年6月30日"
        "某某县人民代表大会常务委员会第九次会议修正）\n\n"
        "目　　录\n　　第一章　总　　则\n　　第二章　议事程序\n　　第三章　附　　则\n\n"
        "　　　　第一章　总　　则\n\n"
        "　　第一条　为了规范村务议事，制定本规则。\n"
        "　　第二条　本规则适用于本县各村。\n　　村民代表会议依照本规则议事。\n"
        "　　　　第二章　议事程序\n\n　　　　第一节　提　　出\n"
        "　　第三条　议题可以由下列人员提出：\n　　（一）村民委员会；\n"
        "　　（二）五分之一以上的村民代表。\n　　第四条　议题应当写明事由。\n"
        "　　　　第二节　表　　决\n　　第五条　表决实行少数服从多数。\n"
        "　　　　第三章　附　　则\n　　第六条　本规则自公布之日起施行。\n"
    )
    assert_same_law(page, SAMPLE)


def test_a_markdown_title_over_two_lines():
    text = SAMPLE.replace("# 某某县村务议事规则", "# 某某县村务\n# 议事规则")
    assert_same_law(text, SAMPLE)


def test_an_item_cited_at_the_start_of_a_line_goes_on_the_sentence():
    text = "某办法\n2020年1月1日 通过\n第一条　有下列情形之一的：\n（一）甲；\n（二）乙。\n"
    text += "第二条　有前条第\n（二）项情形的，依照本办法处理。"
    assert parse_law(text).articles[-1].text == "有前条第（二）项情形的，依照本办法处理。"
