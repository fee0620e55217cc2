"""The detectors that read a draft's prose: detector(rule, parts, genre, level) -> findings.
`parts` holds every part of the genre as text; settings come from rule.params, checked
beforehand by `rule_problems`. Text is read as Simplified (`reading.simplified`, position for
position) and quoted as written."""

import re
from functools import lru_cache

from .. import reading
from ..reading import simplified
from .core import PARTS, Finding, Rule, as_strings
from .text import (
    WRITTEN,
    containing,
    make_finding,
    parts_read,
    quote_around,
    sentence_of,
    sentences,
    word_pattern,
)


def detect_missing(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A part left empty, or shorter than params["min_length"] (a number for every part, or a
    number per part) counting characters other than spaces."""
    minimum = rule.params.get("min_length", 1)
    findings = []
    for part in parts_read(rule, genre):
        text = parts[part]
        size = len("".join(text.split()))
        need = minimum.get(part, 1) if isinstance(minimum, dict) else minimum
        if size == 0:
            findings.append(make_finding(rule, part, ""))
        elif size < need:
            findings.append(make_finding(rule, part, text.strip()))
    return findings


def detect_words(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """Any listed word, or a match of params["patterns"] (regular expressions), in the parts:
    one finding a sentence. params["except"] lists longer phrases in which a word is harmless
    (提案人 for 提案); params["window"] sets how much of a long sentence to quote."""
    patterns = [word_pattern(rule.words)] + [re.compile(p) for p in rule.params.get("patterns", ())]
    harmless = word_pattern(as_strings(rule.params.get("except")))
    window = rule.params.get("window", 20)
    findings = []
    for part in parts_read(rule, genre, WRITTEN):
        text = parts[part]
        # Read as Simplified, quoted as written: the two have the same positions.
        plain = simplified(text)
        hits = sorted(m.span() for p in patterns if p for m in p.finditer(plain) if m.group())
        if harmless:
            safe = [m.span() for m in harmless.finditer(plain)]
            hits = [hit for hit in hits if not containing(safe, *hit)]
        by_sentence: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for start, end in hits:
            by_sentence.setdefault(sentence_of(text, start, end) or (start, end), []).append(
                (start, end)
            )
        quotes_seen = set()
        for spans in by_sentence.values():
            start, end = spans[0]
            quote = quote_around(text, start, end, window)
            # A sentence repeated down a pasted page is one finding: check() would drop the
            # copies too, but only after building thousands of them.
            if quote not in quotes_seen:
                quotes_seen.add(quote)
                words = [text[a:b] for a, b in spans]
                findings.append(make_finding(rule, part, quote, words))
    return findings


@lru_cache(maxsize=64)
def topic_table(words: tuple[str, ...]) -> tuple[tuple[str, re.Pattern], ...]:
    """Topics from lines like "交通：道路 公路 桥梁": a name, then its words."""
    table = []
    for line in words:
        name, sep, rest = line.replace(":", "：").partition("：")
        keywords = tuple(re.split(r"[\s、，,]+", rest.strip())) if sep else ()
        pattern = word_pattern(tuple(k for k in keywords if k))
        if name.strip() and pattern:
            table.append((name.strip(), pattern))
    return tuple(table)


TITLE_SPLIT = r"以及|、|，|,|；|;|和(?![谐美睦])|(?<!参)与|及(?!时)|并(?!且)"


def detect_topics(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """More than one matter (一事一议). The title mixes matters when two of its pieces joined by
    和/及/与/、 name topics with nothing in common; the measures or plan mix matters when
    params["body_min_topics"] (3) topics each come up params["body_min_hits"] (2) times or more.
    Two strong topics are allowed: a school bus is both schooling and transport."""
    topics = topic_table(rule.words)
    split = rule.params.get("title_split", TITLE_SPLIT)
    min_hits = rule.params.get("body_min_hits", 2)
    min_topics = rule.params.get("body_min_topics", 3)
    findings = []
    for part in parts_read(rule, genre, ("title", "measures", "plan")):
        text = simplified(parts[part])
        if part == "title":
            quote = _mixed_title(text, topics, split)
        else:
            quote = _mixed_body(text, topics, min_hits, min_topics)
        if quote:
            findings.append(make_finding(rule, part, quote))
    return findings


def _mixed_title(text: str, topics, split: str) -> str:
    pieces = [{name for name, p in topics if p.search(piece)} for piece in re.split(split, text)]
    named = [piece for piece in pieces if piece]
    if any(a.isdisjoint(b) for i, a in enumerate(named) for b in named[i + 1 :]):
        return text.strip()
    return ""


def _mixed_body(text: str, topics, min_hits: int, min_topics: int) -> str:
    strong = []
    for _name, pattern in topics:
        hits = [m.start() for m in pattern.finditer(text)]
        if len(hits) >= min_hits:
            strong.append(hits[0])
    if len(strong) < max(min_topics, 2):
        return ""
    # Quote where the second matter starts: the reader sees where the draft wanders off.
    second = sorted(strong)[1]
    return quote_around(text, second, second + 1, window=30)


@lru_cache(maxsize=64)
def _concrete_pattern(actions: tuple[str, ...], quantity: str, time: str) -> re.Pattern:
    alternatives = [p for p in (quantity, time) if p]
    if actions:
        alternatives.append(word_pattern(actions).pattern)
    return re.compile("|".join(f"(?:{p})" for p in alternatives) or r"(?!)")


def detect_vague_measures(
    rule: Rule, parts: dict[str, str], genre: str, level: str
) -> list[Finding]:
    """Measures with nothing an office could go and do. The part is concrete when it has an
    act done to a thing (`reading.concrete_acts`: 安装隔离桩, 对桥梁进行加宽改造), a
    quantity (params["quantity"]), a time limit (params["time"]) or one of params["actions"];
    otherwise it fails, quoting the first sentence and marking its exhorting words (the
    rule's words and `reading.EXHORTING`: 加强, 重视, 尽快解决)."""
    concrete = _concrete_pattern(
        as_strings(rule.params.get("actions")),
        rule.params.get("quantity", ""),
        rule.params.get("time", ""),
    )
    vague = word_pattern(rule.words)
    findings = []
    for part in parts_read(rule, genre, ("measures", "plan")):
        text = parts[part]
        plain = simplified(text)
        if not plain.strip() or concrete.search(plain) or reading.concrete_acts(text):
            continue
        spans = sorted(
            reading.exhortations(text)
            + ([m.span() for m in vague.finditer(plain)] if vague else [])
        )
        first = spans[0] if spans else next(iter(sentences(text)), (0, len(text)))
        quote = quote_around(text, *first, window=30)
        findings.append(make_finding(rule, part, quote, [text[a:b] for a, b in spans]))
    return findings


def detect_evidence(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A problem asserted, not shown: the problem and its causes (案由 and 案据) together have
    no figure with a unit, no date or time, and no word of things seen happening
    (`reading.evidence`). Quotes the first sentence and marks the rule's words of bare
    assertion (不足, 不完善, 严重). Left to the missing-part rule when both parts are empty."""
    first = PARTS[genre][1]
    wanted = parts_read(rule, genre, PARTS[genre][1:3])
    text = "\n".join(parts[part] for part in wanted)
    if not text.strip() or reading.evidence(text):
        return []
    part = next((p for p in wanted if parts[p].strip()), first)
    own = parts[part]
    span = next(iter(sentences(own)), (0, len(own)))
    quote = quote_around(own, *span, window=40)
    pattern = word_pattern(rule.words)
    found = pattern.finditer(simplified(quote)) if pattern else ()
    return [make_finding(rule, part, quote, [quote[m.start() : m.end()] for m in found])]


# A named office: 县交通运输局, 镇人民政府, 区财政局, 交警大队, 县供电公司.
_UNIT = re.compile(
    r"[\u4e00-\u9fff]{1,10}?(?:人民政府|政府|管委会|办事处|委员会|办公室|中心|公司|局|委|办|院|所|站|队)"
)
_NOT_A_UNIT = re.compile(r"^(?:有关|相关|各|上级|职能|政府)")


def _names_an_office(plain: str) -> bool:
    return any(not _NOT_A_UNIT.match(m.group()) for m in _UNIT.finditer(plain))


def detect_handler(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """No office named to handle the suggestion: the handler box is empty and the measures
    name none, or the box holds only a general word (the rule's words: 有关部门). Marks the
    general word."""
    pattern = word_pattern(rule.words)
    findings = []
    for part in parts_read(rule, genre, ("handler",)):
        text = parts[part]
        plain = simplified(text)
        general = [m.span() for m in pattern.finditer(plain)] if pattern else []
        if not plain.strip():
            if not _names_an_office(simplified(parts.get("measures", ""))):
                findings.append(make_finding(rule, part, ""))
        elif general and not _names_an_office(plain):
            quote = quote_around(text, *general[0])
            findings.append(make_finding(rule, part, quote, [text[a:b] for a, b in general]))
    return findings


# What a congress decides (地方组织法 on the powers of county and township congresses): a
# motion asks the congress, not an office, to act.
_CONGRESS_DECIDES = re.compile(
    r"(?:人民代表大会|人代会|大会|主席团|本次会议)[^。；]{0,30}?(?:审议|审查|决定|批准|通过|作出|讨论|听取)"
    r"|审议(?:并)?(?:决定|通过|批准)|审查(?:和|并)?批准|作出(?:决议|决定)|形成决议"
    r"|(?:制定|通过|出台|修改|废止)[^。；]{0,12}?(?:决议|决定|条例|办法|规定)"
    r"|(?:列入|纳入)[^。；]{0,16}?(?:预算|计划|民生实事|实事项目|重点项目|规划)"
    r"|(?:拨款|拨付|安排|列支)[^。；]{0,10}?[0-9一二三四五六七八九十百千万]+\s*万?元"
)
_ASKS_OFFICE = re.compile(
    r"(?:请求|建议|要求|希望|恳请|请)[^。；，,]{0,4}?(?:[\u4e00-\u9fff]{0,8}?(?:政府|局|部门|单位|委|办|公司))"
)


def detect_kind(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A 议案 that petitions an office (请求区政府…, 建议县水利局…) and nowhere asks for what a
    congress decides: to 审议/决定/批准, a resolution, something put in the budget or plan,
    a sum granted. Quotes and marks the petition. A plan that only gives the work to an
    office (由镇人民政府在……完成) or only lists it is given the benefit of the doubt."""
    if genre != "motion":
        return []
    wanted = parts_read(rule, genre, ("title", "reason", "basis", "plan"))
    if not any(parts[p].strip() for p in wanted if p != "title"):
        return []
    plain = {part: simplified(parts[part]) for part in wanted}
    if any(_CONGRESS_DECIDES.search(text) for text in plain.values()):
        return []
    # The plan's petition is quoted first, where there is one.
    asks = {part: _ASKS_OFFICE.search(plain[part]) for part in sorted(wanted, key="plan".__ne__)}
    petitions = [(part, match) for part, match in asks.items() if match]
    if not petitions:
        return []  # a plan that gives the work to an office, or only lists it
    part, match = petitions[0]
    quote = quote_around(parts[part], *match.span(), window=30)
    return [make_finding(rule, part, quote, [parts[part][match.start() : match.end()]])]


# Selling: one of these words, and with it a second sign of an advertisement.
_SELLING = re.compile(
    r"优惠|折扣|打折|[一二三四五六七八九0-9]\s*折(?![叠断射合])|特价|促销|仅售|包邮|热销|抢购|欢迎(?:选购|惠顾|订购|来电)"
    r"|订购|旗舰店|专卖店|扫码|加微信|微信号|[®™]|[¥￥]\s*[0-9]"
)
_SIGNS = re.compile(
    r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])|(?<![0-9])0[0-9]{2,3}-?[0-9]{7,8}(?![0-9])"
    r"|https?://|www\.|[0-9.]+\s*元\s*/\s*[斤件个盒箱瓶袋]|每[斤件个盒箱瓶袋]\s*[0-9.]+\s*元"
    r"|品牌|牌子|热线|电话|价格|原价|现价"
)


def detect_advert(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """An advertisement: a selling word (优惠, 包邮, 扫码, X折) and a second sign of one
    (another selling word, a price per jin, a phone number, a web address, a brand). A price
    or a phone number alone is not enough: a proposal may give a purchase price, and its
    deputy's number."""
    findings = []
    for part in parts_read(rule, genre, WRITTEN):
        text = parts[part]
        plain = simplified(text)
        selling = [m.span() for m in _SELLING.finditer(plain)]
        signs = [m.span() for m in _SIGNS.finditer(plain)]
        if selling and len(selling) + len(signs) >= 2:
            spans = sorted(selling + signs)
            quote = quote_around(text, *selling[0], window=30)
            findings.append(make_finding(rule, part, quote, [text[a:b] for a, b in spans]))
    return findings


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MARKUP = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|[{};]\s*$|\b(?:function|def|return|import|var|const"
    r"|class|SELECT|INSERT|console\.log)\b|[=!<>]=|=>|&&|\|\||\$\{|#include|[A-Za-z_]+\(\)",
    re.MULTILINE,
)


def detect_prose(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """Text that is not written Chinese: markup or program code (params["markup_min"], 2
    signs of it or more), or little Chinese in it at all (fewer than params["min_share"]
    percent, 50, of its characters other than spaces, digits and punctuation). Quotes the
    first sign of it and marks every one."""
    min_share = rule.params.get("min_share", 50)
    markup_min = rule.params.get("markup_min", 2)
    findings = []
    for part in parts_read(rule, genre, WRITTEN):
        text = parts[part]
        letters = [ch for ch in text if ch.isalpha()]
        if not letters:
            continue
        marks = [m.span() for m in _MARKUP.finditer(text)]
        share = 100 * sum(1 for ch in letters if _CJK.match(ch)) / len(letters)
        if len(marks) >= markup_min or (len(letters) >= 8 and share < min_share):
            at = marks[0] if marks else (0, min(len(text), 20))
            quote = quote_around(text, *at, window=20)
            findings.append(make_finding(rule, part, quote, [text[a:b] for a, b in marks]))
    return findings


def detect_powers(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A 议案 on a matter outside the powers of the congress it goes to: a word of
    params[level] (township: 国防, 高速公路, 中考…; county: 国防, 修改法律…) in what it asks
    for. A 建议 may be about any matter (代表法第二十四条) and is never found here."""
    if genre != "motion":
        return []
    pattern = word_pattern(as_strings(rule.params.get(level)))
    findings = []
    for part in parts_read(rule, genre, ("title", "plan")) if pattern else ():
        text = parts[part]
        spans = [m.span() for m in pattern.finditer(simplified(text))]
        if spans:
            quote = quote_around(text, *spans[0], window=30)
            findings.append(make_finding(rule, part, quote, [text[a:b] for a, b in spans]))
    return findings


def detect_pattern(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A part whose text (spaces trimmed) does not match params["patterns"][genre], a regular
    expression: the title's 关于……的建议 form. An empty part is left to the missing-part rule."""
    pattern = rule.params.get("patterns", {}).get(genre)
    findings = []
    for part in parts_read(rule, genre, ("title",)) if pattern else ():
        text = parts[part].strip()
        if text and not re.search(pattern, simplified(text)):
            findings.append(make_finding(rule, part, text))
    return findings
