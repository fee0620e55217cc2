"""Old article numbers: where an article of an older version stands in the version in force.

Deputies hold printed handbooks, and lessons and questions were written, with an older
version's numbers. The answer follows the diff of each pair of consecutive versions (see
diff.py), so an article moved, merged or split is found where its words went. The diff of two
versions never changes (a version's text is never replaced), so each pair's map is cached,
keyed by both versions' fingerprints; a warm lookup costs three queries.
"""

import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

from django.core.cache import cache

from .diff import ArticleChange, Place, VersionDiff, normalise
from .lawtext import chinese_number
from .models import Article, LawVersion
from .selectors import diff_versions, in_force

CACHE_KEY = "materials:article-map:1:{old.pk}:{old.fingerprint}:{new.pk}:{new.fingerprint}"
NUMBERS_KEY = "materials:article-numbers:1:{version.pk}:{version.fingerprint}"


def parse_article_number(text: str) -> int | None:
    """What a deputy types for an article: 19, １９, 十九, 第十九条 → 19; None if it is none."""
    text = "".join(unicodedata.normalize("NFKC", text or "").split())
    text = text.removeprefix("第").removesuffix("条")
    try:
        number = chinese_number(text)
    except ValueError:
        return None
    return number or None


def article_map(old: LawVersion, new: LawVersion) -> dict:
    """Old article number → (kind, [(new number, paragraphs)]) between two versions."""
    key = CACHE_KEY.format(old=old, new=new)
    mapping = cache.get(key)
    if mapping is None:
        mapping = diff_versions(old, new).mapping()
        cache.set(key, mapping, None)
    return mapping


def article_numbers(version: LawVersion) -> list[int]:
    """The version's article numbers, in order; cached like the map (a version's text never
    changes), so no query once cached."""
    key = NUMBERS_KEY.format(version=version)
    numbers = cache.get(key)
    if numbers is None:
        numbers = list(version.articles.order_by("number").values_list("number", flat=True))
        cache.set(key, numbers, None)
    return numbers


def mapped_diff(old: LawVersion, new: LawVersion) -> VersionDiff:
    """The diff of two versions rebuilt from the cached map and the new version's numbers:
    every change with its kind and places (articles as unsaved rows that know only their
    number, enough for counts and labels), the added articles included. No query once both
    are cached; the texts and their marked words are for the changes page (diff_versions)."""
    mapping = article_map(old, new)
    changes, received = [], set()
    for number, (kind, places) in mapping.items():
        spots = [Place(Article(number=n), tuple(paragraphs)) for n, paragraphs in places]
        received.update(n for n, _paragraphs in places)
        first = spots[0].article if spots else None
        changes.append(ArticleChange(kind, Article(number=number), first, spots))
    changes += [
        ArticleChange("added", None, Article(number=n), [Place(Article(number=n))])
        for n in article_numbers(new)
        if n not in received
    ]
    changes.sort(key=lambda c: c.sort_key)
    return VersionDiff(changes)


def changed_articles(old: LawVersion, new: LawVersion) -> dict[int, ArticleChange]:
    """Old article number → its change, for every article of `old` whose words changed, moved,
    merged, split or went in `new`: what lessons and questions citing `old`'s numbers are
    checked against. Read from the cached map, so no query once it is cached."""
    changes = {}
    for number, (kind, places) in article_map(old, new).items():
        if kind == "unchanged":
            continue
        # The map keeps numbers only; unsaved articles are enough for the labels.
        spots = [Place(Article(number=n), tuple(paragraphs)) for n, paragraphs in places]
        first = spots[0].article if spots else None
        changes[number] = ArticleChange(kind, Article(number=number), first, spots)
    return changes


@dataclass
class Answer:
    """Where an old article is now: `change` says how (its label reads 第十九条 → 第二十七条第一款),
    or `missing` that the old version has no such article."""

    version: LawVersion  # the older version asked about
    number: int
    current: LawVersion | None
    old: Article | None = None
    change: ArticleChange | None = None
    places: list[Place] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.old is None


def trace(old: Article, versions: list[LawVersion]) -> Answer:
    """Follow an article of an older version to the version in force. `versions` are its
    law's versions, newest first (selectors.versions_of)."""
    current = in_force(versions)
    answer = Answer(version=old.version, number=old.number, current=current, old=old)
    if current is None or current.effective_date <= old.version.effective_date:
        return answer
    chain = sorted(
        (
            v
            for v in versions
            if old.version.effective_date <= v.effective_date <= current.effective_date
        ),
        key=lambda v: v.effective_date,
    )
    at = [(old.number, ())]
    kinds = set()
    for before, after in pairwise(chain):
        mapping = article_map(before, after)
        following = []
        for number, paragraphs in at:
            kind, places = mapping.get(number, ("removed", []))
            kinds.add(kind)
            following += [(n, p or paragraphs) for n, p in places]
        at = list(dict.fromkeys(following))
    found = {a.number: a for a in current.articles.filter(number__in=[n for n, _ in at])}
    answer.places = [Place(found[n], p) for n, p in at if n in found]
    answer.change = _change(old, answer.places, kinds)
    return answer


def _change(old: Article, places: list[Place], kinds: set[str]) -> ArticleChange:
    """The whole journey from the old version to the one in force, as one change."""
    if not places:
        return ArticleChange("removed", old)
    if len(places) > 1:
        kind = "split"
    elif "merged" in kinds:
        kind = "merged"
    elif normalise(old.text) != normalise(places[0].text):
        kind = "reworded"
    else:
        kind = "renumbered" if places[0].article.number != old.number else "unchanged"
    return ArticleChange(kind, old, places[0].article, places)


def lookup(version: LawVersion, number: int, versions: list[LawVersion]) -> Answer:
    """The old-number lookup: article `number` of `version`, followed to the version in force."""
    old = version.articles.filter(number=number).first()
    if old is None:
        return Answer(version=version, number=number, current=in_force(versions))
    old.version = version
    return trace(old, versions)
