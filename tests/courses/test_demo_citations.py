"""Every article of the 代表法 that the demo content or the interface cites is an article of the
text in force (as amended on 11 March 2025): quoted as a lesson's article block, tied to a
question, or named in running text (代表法第五十一条, 代表法第二十四条、第三十六条). The same for
the Zhejiang implementing measures, the demo province's own rules. Held to the official texts
kept beside the project; skipped without them."""

import re
from pathlib import Path

from common.numerals import chinese_numeral
from materials.lawtext import read_law_file

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "courses" / "demo_content").rglob("*.md")),
    *sorted((ROOT / "courses" / "demo_content").glob("*.gift")),
    *sorted((ROOT / "materials" / "demo_content").glob("*.md")),
    *sorted((ROOT / "quizzes" / "demo_content").glob("*.gift")),
    ROOT / "studysessions" / "demo.py",
    ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
]
N = "零一二三四五六七八九十百"
NUMBERS = {chinese_numeral(n): n for n in range(1, 300)}
# A law's name, its first article, and the articles listed after it (、第三十六条 / 和第三十六条).
RUNNING = re.compile(rf"(代表法|浙江省实施代表法办法)第([{N}]+)条((?:[、和及]第[{N}]+条)*)")
FOLLOWING = re.compile(rf"第([{N}]+)条")
TAGGED = re.compile(r"(?:```article|\[article:)\s*daibiaofa (\d+)")


def citations(text: str) -> list[tuple[str, int]]:
    found = [("代表法", int(number)) for number in TAGGED.findall(text)]
    for match in RUNNING.finditer(text):
        law = match.group(1)
        found.append((law, NUMBERS[match.group(2)]))
        found += [(law, NUMBERS[n]) for n in FOLLOWING.findall(match.group(3))]
    return found


def test_citations_are_read_in_running_text_and_in_blocks():
    text = (
        "代表法第二十四条、第三十六条要求建议明确具体；浙江省实施代表法办法第四十三条。\n"
        "```article daibiaofa 51\n[article:daibiaofa 7]（第五十二条）"
    )
    assert sorted(citations(text)) == [
        ("代表法", 7),
        ("代表法", 24),
        ("代表法", 36),
        ("代表法", 51),
        ("浙江省实施代表法办法", 43),
    ]


def test_every_cited_article_is_one_of_the_text_in_force(shared_laws):
    articles = {}
    for name, law in (
        ("daibiaofa-2025-03-11.md", "代表法"),
        ("zhejiang-daibiaofa-shishi-2016-05-27.md", "浙江省实施代表法办法"),
    ):
        parsed = read_law_file(name, (shared_laws / name).read_bytes())
        articles[law] = {article.number for article in parsed.articles}
    assert len(articles["代表法"]) == 65

    cited = {(path, law, n) for path in SOURCES for law, n in citations(path.read_text())}
    assert len({(law, n) for _path, law, n in cited}) >= 40
    wrong = [
        f"{path.relative_to(ROOT)}: {law}第{chinese_numeral(n)}条"
        for path, law, n in sorted(cited)
        if n not in articles[law]
    ]
    assert wrong == []
