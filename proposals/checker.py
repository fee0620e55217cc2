"""The proposal checker: reads a practice 建议 (suggestion) or 议案 (motion) the way the township
presidium or the county congress staff would, and says what they would send back.

Each finding names its rule, quotes the words it concerns (an exact substring of the part, so the
page can highlight it), says how to fix them and cites the law or the accepted practice behind
the rule. Each criterion scores 100 less the weights of its findings; a draft passes when no
finding is an error.

The rules are data, not code: a `Rule` (seeded from `rule_defaults.DEFAULT_RULES`, edited as
CheckRule rows) carries its wording, word list and settings, and its `kind` picks the detector
in `DETECTORS` that runs it. An editor adds a rule of an existing kind with its own words;
a new kind needs a detector here. The checker is pure Python and deterministic: no word
segmentation, no model, the same draft always gets the same report, in a few milliseconds.
"""

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from . import reading
from .reading import simplified

GENRES = ("suggestion", "motion")  # 建议, 议案
LEVELS = ("township", "county")  # the congress the draft goes to
SEVERITIES = ("error", "warning")
PARTS = {
    # 标题, 问题, 原因和依据, 具体建议, 建议承办单位
    "suggestion": ("title", "problem", "causes", "measures", "handler"),
    # 标题, 案由, 案据, 方案, 联名代表（含领衔代表） (one name per line, the lead deputy first)
    "motion": ("title", "reason", "basis", "plan", "cosigners"),
}
ALL_PARTS = tuple(dict.fromkeys(PARTS["suggestion"] + PARTS["motion"]))
# A context keeps these apart from the same English words elsewhere ("Reason" is 原因 on a
# certificate's revocation, but 案由 here).
PART_LABELS = {
    "title": pgettext_lazy("proposal part", "Title"),
    "problem": pgettext_lazy("proposal part", "Problem"),
    "causes": pgettext_lazy("proposal part", "Causes and grounds"),
    "measures": pgettext_lazy("proposal part", "Suggested measures"),
    "handler": pgettext_lazy("proposal part", "Suggested handling unit"),
    "reason": pgettext_lazy("proposal part", "Subject"),
    "basis": pgettext_lazy("proposal part", "Grounds"),
    "plan": pgettext_lazy("proposal part", "Plan"),
    "cosigners": pgettext_lazy("proposal part", "Joint signers (lead deputy included)"),
}


class Criterion(models.TextChoices):
    COMPLETE = "complete", pgettext_lazy("checker criterion", "Complete")  # 要素齐全
    FOCUS = "focus", _("One matter")  # 一事一议
    CONCRETE = "concrete", _("Concrete and feasible")  # 具体可行
    FORM = "form", pgettext_lazy("checker criterion", "Form")  # 格式规范
    SCOPE = "scope", _("Within the deputy's role")  # 属于职权、非个人事务
    WORDING = "wording", _("Clear wording")  # 表述清楚


def _strings(value) -> tuple[str, ...]:
    """A list as editors keep it: a sequence, or a text with one item a line; blanks dropped."""
    if value is None:
        return ()
    items = value.splitlines() if isinstance(value, str) else value
    return tuple(text for text in (str(item).strip() for item in items) if text)


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    criterion: str
    name: str
    message: str
    fix: str
    basis: str
    words: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    severity: str = "error"
    weight: int = 20
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self):
        # Lists from JSON or a form become tuples, so a rule stays hashable and immutable.
        for name in ("words", "parts", "genres", "levels"):
            object.__setattr__(self, name, _strings(getattr(self, name)))
        # A copy, so the caller's dict cannot change the rule; anything but a mapping is kept
        # as it is for rule_problems to report.
        params = self.params if self.params is not None else {}
        object.__setattr__(self, "params", dict(params) if isinstance(params, Mapping) else params)

    @classmethod
    def from_dict(cls, data: Mapping) -> "Rule":
        """A rule from a DEFAULT_RULES entry or a row's values; keys that are not fields (a
        row's id) are ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})

    def applies_to(self, *, genre: str, level: str) -> bool:
        return (not self.genres or genre in self.genres) and (
            not self.levels or level in self.levels
        )


@dataclass(frozen=True)
class Finding:
    rule: Rule
    part: str  # a part key, or "" for the draft as a whole
    quote: str  # an exact substring of the part's text, "" when there is nothing to quote
    message: str
    # The words in the quote that made the finding, for the page to mark: each an exact
    # substring of the quote. Empty when the quote as a whole is the point (a title).
    words: tuple[str, ...] = ()


@dataclass
class Report:
    findings: list[Finding]
    scores: dict[str, int]
    overall: int
    passed: bool

    def for_part(self, part: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.part == part]

    def as_dict(self) -> dict:
        """A JSON snapshot kept with a submitted revision: it stays as it was when the rules
        change later."""
        return {
            "findings": [
                {
                    "code": f.rule.code,
                    "name": f.rule.name,
                    "criterion": f.rule.criterion,
                    "severity": f.rule.severity,
                    "part": f.part,
                    "quote": f.quote,
                    "words": list(f.words),
                    "message": f.message,
                    "fix": f.rule.fix,
                    "basis": f.rule.basis,
                }
                for f in self.findings
            ],
            "scores": dict(self.scores),
            "overall": self.overall,
            "passed": self.passed,
        }


# Reading text. Chinese has no spaces between words, so rules match listed words and patterns
# as they are written, and quote the sentence around them.

_SENTENCE = re.compile(r"[^。！？!?；;\r\n]+")


@lru_cache(maxsize=16)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each sentence or line of the text, without surrounding spaces."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return tuple(spans)


def _containing(spans: Sequence[tuple[int, int]], start: int, end: int):
    """The span that holds start..end, among sorted spans that do not overlap; or None."""
    index = bisect_right(spans, (start, float("inf"))) - 1
    return spans[index] if index >= 0 and spans[index][1] >= end else None


def sentence_of(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence that holds text[start:end], if one does."""
    return _containing(sentences(text), start, end)


def quote_around(text: str, start: int, end: int, window: int = 20) -> str:
    """The sentence holding text[start:end], or, in a long sentence, `window` characters
    either side of it: enough to find the place without quoting a page."""
    first, last = sentence_of(text, start, end) or (0, len(text))
    if last - first <= 2 * window + (end - start):
        return text[first:last].strip()
    return text[max(first, start - window) : min(last, end + window)].strip()


@lru_cache(maxsize=512)
def word_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for a word list, longest first, so 高度重视 is found whole before 重视."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


def _parts(rule: Rule, genre: str, default: Sequence[str] = ()) -> list[str]:
    """The parts of this genre the rule reads, in the draft's order."""
    wanted = rule.parts or default or PARTS[genre]
    return [part for part in PARTS[genre] if part in wanted]


def _finding(rule: Rule, part: str, quote: str, words=()) -> Finding:
    label = str(PART_LABELS.get(part, "")) if part else ""
    # replace(), not format(): an editor's stray brace must not break the check.
    marked = tuple(dict.fromkeys(word for word in words if word and word in quote))
    return Finding(rule, part, quote, rule.message.replace("{part}", label), marked)


# Every part written as prose: all but the list of co-signers.
_WRITTEN = ("title", "problem", "causes", "measures", "handler", "reason", "basis", "plan")


# Detectors: detector(rule, parts, genre, level) -> findings. `parts` holds every part of the
# genre as text. Settings come from rule.params, checked beforehand by `rule_problems`.


def detect_missing(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A part left empty, or shorter than params["min_length"] (a number for every part, or a
    number per part) counting characters other than spaces."""
    minimum = rule.params.get("min_length", 1)
    findings = []
    for part in _parts(rule, genre):
        text = parts[part]
        size = len("".join(text.split()))
        need = minimum.get(part, 1) if isinstance(minimum, dict) else minimum
        if size == 0:
            findings.append(_finding(rule, part, ""))
        elif size < need:
            findings.append(_finding(rule, part, text.strip()))
    return findings


def detect_words(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """Any listed word, or a match of params["patterns"] (regular expressions), in the parts:
    one finding a sentence. params["except"] lists longer phrases in which a word is harmless
    (提案人 for 提案); params["window"] sets how much of a long sentence to quote."""
    patterns = [word_pattern(rule.words)] + [re.compile(p) for p in rule.params.get("patterns", ())]
    harmless = word_pattern(_strings(rule.params.get("except")))
    window = rule.params.get("window", 20)
    findings = []
    for part in _parts(rule, genre, _WRITTEN):
        text = parts[part]
        # Read as Simplified, quoted as written: the two have the same positions.
        plain = simplified(text)
        hits = sorted(m.span() for p in patterns if p for m in p.finditer(plain) if m.group())
        if harmless:
            safe = [m.span() for m in harmless.finditer(plain)]
            hits = [hit for hit in hits if not _containing(safe, *hit)]
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
                findings.append(_finding(rule, part, quote, words))
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
    for part in _parts(rule, genre, ("title", "measures", "plan")):
        text = simplified(parts[part])
        if part == "title":
            quote = _mixed_title(text, topics, split)
        else:
            quote = _mixed_body(text, topics, min_hits, min_topics)
        if quote:
            findings.append(_finding(rule, part, quote))
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
        _strings(rule.params.get("actions")),
        rule.params.get("quantity", ""),
        rule.params.get("time", ""),
    )
    vague = word_pattern(rule.words)
    findings = []
    for part in _parts(rule, genre, ("measures", "plan")):
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
        findings.append(_finding(rule, part, quote, [text[a:b] for a, b in spans]))
    return findings


def detect_evidence(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A problem asserted, not shown: the problem and its causes (案由 and 案据) together have
    no figure with a unit, no date or time, and no word of things seen happening
    (`reading.evidence`). Quotes the first sentence and marks the rule's words of bare
    assertion (不足, 不完善, 严重). Left to the missing-part rule when both parts are empty."""
    first = PARTS[genre][1]
    wanted = _parts(rule, genre, PARTS[genre][1:3])
    text = "\n".join(parts[part] for part in wanted)
    if not text.strip() or reading.evidence(text):
        return []
    part = next((p for p in wanted if parts[p].strip()), first)
    own = parts[part]
    span = next(iter(sentences(own)), (0, len(own)))
    quote = quote_around(own, *span, window=40)
    pattern = word_pattern(rule.words)
    found = pattern.finditer(simplified(quote)) if pattern else ()
    return [_finding(rule, part, quote, [quote[m.start() : m.end()] for m in found])]


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
    for part in _parts(rule, genre, ("handler",)):
        text = parts[part]
        plain = simplified(text)
        general = [m.span() for m in pattern.finditer(plain)] if pattern else []
        if not plain.strip():
            if not _names_an_office(simplified(parts.get("measures", ""))):
                findings.append(_finding(rule, part, ""))
        elif general and not _names_an_office(plain):
            quote = quote_around(text, *general[0])
            findings.append(_finding(rule, part, quote, [text[a:b] for a, b in general]))
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
    wanted = _parts(rule, genre, ("title", "reason", "basis", "plan"))
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
    return [_finding(rule, part, quote, [parts[part][match.start() : match.end()]])]


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
    for part in _parts(rule, genre, _WRITTEN):
        text = parts[part]
        plain = simplified(text)
        selling = [m.span() for m in _SELLING.finditer(plain)]
        signs = [m.span() for m in _SIGNS.finditer(plain)]
        if selling and len(selling) + len(signs) >= 2:
            spans = sorted(selling + signs)
            quote = quote_around(text, *selling[0], window=30)
            findings.append(_finding(rule, part, quote, [text[a:b] for a, b in spans]))
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
    for part in _parts(rule, genre, _WRITTEN):
        text = parts[part]
        letters = [ch for ch in text if ch.isalpha()]
        if not letters:
            continue
        marks = [m.span() for m in _MARKUP.finditer(text)]
        share = 100 * sum(1 for ch in letters if _CJK.match(ch)) / len(letters)
        if len(marks) >= markup_min or (len(letters) >= 8 and share < min_share):
            at = marks[0] if marks else (0, min(len(text), 20))
            quote = quote_around(text, *at, window=20)
            findings.append(_finding(rule, part, quote, [text[a:b] for a, b in marks]))
    return findings


def detect_powers(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A 议案 on a matter outside the powers of the congress it goes to: a word of
    params[level] (township: 国防, 高速公路, 中考…; county: 国防, 修改法律…) in what it asks
    for. A 建议 may be about any matter (代表法第二十四条) and is never found here."""
    if genre != "motion":
        return []
    pattern = word_pattern(_strings(rule.params.get(level)))
    findings = []
    for part in _parts(rule, genre, ("title", "plan")) if pattern else ():
        text = parts[part]
        spans = [m.span() for m in pattern.finditer(simplified(text))]
        if spans:
            quote = quote_around(text, *spans[0], window=30)
            findings.append(_finding(rule, part, quote, [text[a:b] for a, b in spans]))
    return findings


_NUMBERING = re.compile(
    r"\s*(?:[（(]\s*[0-9０-９一二三四五六七八九十]+\s*[)）]|[0-9０-９]+\s*[.、．)）]?"
    r"|[一二三四五六七八九十]+\s*[、.．)）])\s*"
)
# A label before the names, or alone on its line as a heading: 领衔代表：, 附议代表:,
# 联名代表（含领衔代表）：, 联名人, 代表签名：. Without a colon, only a label word with nothing
# after it is one, so that a name like 代表甲 is still a name.
_LABEL = re.compile(
    r"\s*(?:(?:附议|联名|领衔)(?:代表|人)|代表)\s*(?:[（(][^（()）\n]{0,10}[)）])?"
    r"(?:[^：:\n]{0,6}[：:]|\s*$)"
)
_NAME = re.compile(r"[^、，,；;]+")
# An aside after a name: 张三（领衔）, 李四(县人大代表).
_ASIDE = re.compile(r"\s*[（(][^（()）]*[)）]\s*$")


def signer_names(text: str) -> list[tuple[str, str]]:
    """The deputies listed, as (the name as written, the name without spaces), one a line;
    names on one line may be separated by 、 or ，. Numbering (1. 2、), labels (领衔代表：,
    联名代表（含领衔代表）：) and an aside after a name (（领衔）) are skipped."""
    names = []
    for line in text.splitlines():
        for prefix in (_NUMBERING, _LABEL, _NUMBERING):
            if skipped := prefix.match(line):
                line = line[skipped.end() :]
        for match in _NAME.finditer(line):
            name = _ASIDE.sub("", match.group()).strip()
            if any(ch.isalpha() for ch in name):
                names.append((name, "".join(name.split())))
    return names


def detect_cosigners(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """Fewer distinct deputies than params[level] (township 5, county 10) among the joint
    signers, the lead deputy counted with them."""
    need = rule.params.get(level, 0)
    findings = []
    for part in _parts(rule, genre, ("cosigners",)):
        if len({key for _name, key in signer_names(parts[part])}) < need:
            findings.append(_finding(rule, part, ""))
    return findings


def detect_duplicates(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A deputy listed twice among the joint signers (the lead deputy written again among the
    others, say): quotes the repeated name."""
    findings = []
    for part in _parts(rule, genre, ("cosigners",)):
        seen = set()
        for name, key in signer_names(parts[part]):
            if key in seen:
                findings.append(_finding(rule, part, name))
            seen.add(key)
    return findings


def detect_roster(
    rule: Rule, parts: dict[str, str], genre: str, level: str, *, roster=None
) -> list[Finding]:
    """A joint signer who is not a deputy of the congress the motion goes to: each name not
    on `roster` (names without spaces), quoted once. Quiet when the roster is unknown (None)."""
    findings = []
    for part in _parts(rule, genre, ("cosigners",)) if roster is not None else ():
        seen = set()
        for name, key in signer_names(parts[part]):
            if key not in roster and key not in seen:
                findings.append(_finding(rule, part, name))
            seen.add(key)
    return findings


def detect_pattern(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A part whose text (spaces trimmed) does not match params["patterns"][genre], a regular
    expression: the title's 关于……的建议 form. An empty part is left to the missing-part rule."""
    pattern = rule.params.get("patterns", {}).get(genre)
    findings = []
    for part in _parts(rule, genre, ("title",)) if pattern else ():
        text = parts[part].strip()
        if text and not re.search(pattern, simplified(text)):
            findings.append(_finding(rule, part, text))
    return findings


Detector = Callable[[Rule, dict[str, str], str, str], list[Finding]]
DETECTORS: dict[str, Detector] = {
    "missing": detect_missing,
    "words": detect_words,
    "topics": detect_topics,
    "concrete": detect_vague_measures,
    "cosigners": detect_cosigners,
    "duplicates": detect_duplicates,
    "pattern": detect_pattern,
    "evidence": detect_evidence,
    "handler": detect_handler,
    "kind": detect_kind,
    "advert": detect_advert,
    "prose": detect_prose,
    "powers": detect_powers,
    "roster": detect_roster,
}
# What a detector reads beside the text, by kind: facts the caller of `check` may know.
CONTEXT: dict[str, tuple[str, ...]] = {"roster": ("roster",)}


# Checking a rule as an editor saved it: the admin form shows these problems, and `check`
# leaves out a rule that has any, so a slip in the admin never breaks a deputy's page.


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000


def _is_regex(value) -> bool:
    try:
        re.compile(value)
    except (re.error, TypeError):
        return False
    return isinstance(value, str)


def _is_list(check: Callable) -> Callable:
    return lambda value: isinstance(value, list | tuple) and all(map(check, value))


def _is_map(keys: Sequence[str], check: Callable) -> Callable:
    return lambda value: (
        isinstance(value, dict) and all(key in keys and check(item) for key, item in value.items())
    )


# The settings (Rule.params) each kind reads, all optional, and the test of each value:
# missing     min_length: a count, or {part: count}
# words       patterns: [regex], except: [phrase], window: a count of characters
# topics      title_split: regex, body_min_hits: count, body_min_topics: count
# concrete    actions: [word], quantity: regex, time: regex
# cosigners   township: count, county: count
# pattern     patterns: {genre: regex}
# prose       min_share: percent of letters that are Chinese, markup_min: count
# powers      township: [word], county: [word]
# evidence, handler, kind, advert: no settings
# roster      none: the names come from the caller of `check`
PARAMS: dict[str, dict[str, Callable]] = {
    "missing": {"min_length": lambda v: _is_count(v) or _is_map(ALL_PARTS, _is_count)(v)},
    "words": {
        "patterns": _is_list(_is_regex),
        "except": _is_list(lambda v: isinstance(v, str)),
        "window": _is_count,
    },
    "topics": {"title_split": _is_regex, "body_min_hits": _is_count, "body_min_topics": _is_count},
    "concrete": {
        "actions": _is_list(lambda v: isinstance(v, str)),
        "quantity": _is_regex,
        "time": _is_regex,
    },
    "cosigners": dict.fromkeys(LEVELS, _is_count),
    "duplicates": {},
    "pattern": {"patterns": _is_map(GENRES, _is_regex)},
    "evidence": {},
    "handler": {},
    "kind": {},
    "advert": {},
    "prose": {"min_share": _is_count, "markup_min": _is_count},
    "powers": dict.fromkeys(LEVELS, _is_list(lambda v: isinstance(v, str))),
    "roster": {},
}


def rule_problems(rule: Rule) -> list[str]:
    """What keeps a rule from running, in words an editor can act on; empty when it is sound."""
    problems = []
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", str(rule.code)):
        problems.append(gettext("The code is lower-case letters, digits and hyphens."))
    if rule.kind not in DETECTORS:
        problems.append(gettext("Unknown kind: %(kind)s.") % {"kind": rule.kind})
    if rule.criterion not in Criterion.values:
        problems.append(gettext("Unknown criterion: %(c)s.") % {"c": rule.criterion})
    if rule.severity not in SEVERITIES:
        problems.append(gettext("The severity is error or warning."))
    if not _is_count(rule.weight) or rule.weight > 100:
        problems.append(gettext("The weight is a whole number from 0 to 100."))
    explained = (rule.name, rule.message, rule.fix, rule.basis)
    if not all(isinstance(text, str) and text.strip() for text in explained):
        problems.append(gettext("Name, message, fix and basis are all needed."))
    unknown = (
        [p for p in rule.parts if p not in ALL_PARTS]
        + [g for g in rule.genres if g not in GENRES]
        + [lv for lv in rule.levels if lv not in LEVELS]
    )
    if unknown:
        problems.append(gettext("Unknown part, genre or level: %(x)s.") % {"x": ", ".join(unknown)})
    if not isinstance(rule.params, dict):
        return [*problems, gettext("The settings are a JSON object: {} when there are none.")]
    shapes = PARAMS.get(rule.kind, {})
    for key, value in rule.params.items():
        if key not in shapes or not shapes[key](value):
            problems.append(gettext("Setting %(key)s is not valid here.") % {"key": key})
    if rule.kind == "topics" and len(topic_table(rule.words)) < 2:
        problems.append(
            gettext("List at least two topics, one a line: a name, a colon, then its words.")
        )
    return problems


# The check.


def check(
    parts: Mapping[str, str],
    *,
    genre: str,
    level: str,
    rules: Sequence[Rule],
    roster: Collection[str] | None = None,
) -> Report:
    """Check a draft against the rules that apply to its genre and level, in the order given.

    `roster` holds the names of the deputies of the congress the draft goes to, for the rule
    that joint signers be its deputies; None when they are not known (the command line), and
    that rule then stays quiet. Spaces in the names are ignored.

    Any text is read as plain text: a missing or None part counts as empty, markup and emoji
    are just characters. A rule with `rule_problems` is left out rather than let fail. An
    unknown genre or level is the caller's mistake and raises ValueError.
    """
    if genre not in GENRES or level not in LEVELS:
        raise ValueError(f"Unknown genre or level: {genre!r}, {level!r}")
    given = parts if isinstance(parts, Mapping) else {}
    texts = {part: _text(given.get(part)) for part in PARTS[genre]}
    known = {"roster": None if roster is None else {"".join(str(n).split()) for n in roster}}
    found = []
    for rule in rules:
        if rule.applies_to(genre=genre, level=level) and not rule_problems(rule):
            context = {name: known[name] for name in CONTEXT.get(rule.kind, ())}
            found += DETECTORS[rule.kind](rule, texts, genre, level, **context)
    findings = _in_reading_order(list(dict.fromkeys(found)), texts, genre)
    lost = dict.fromkeys(Criterion.values, 0)
    for finding in findings:
        lost[finding.rule.criterion] += finding.rule.weight
    scores = {criterion: max(0, 100 - points) for criterion, points in lost.items()}
    return Report(
        findings=findings,
        scores=scores,
        # Half up, as a reader rounds; the scores are never negative.
        overall=int(sum(scores.values()) / len(scores) + 0.5),
        passed=not any(finding.rule.severity == "error" for finding in findings),
    )


def _text(value) -> str:
    return "" if value is None else str(value)


def _in_reading_order(findings: list[Finding], texts: dict[str, str], genre: str):
    order = {part: index for index, part in enumerate(PARTS[genre])}

    def place(finding: Finding) -> tuple[int, int]:
        if not finding.part:
            return (-1, -1)
        position = texts[finding.part].find(finding.quote) if finding.quote else -1
        return (order.get(finding.part, len(order)), position)

    # A stable sort: findings at the same place keep the order of the rules.
    return sorted(findings, key=place)
