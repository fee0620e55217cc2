"""What changed between two versions of a law, article by article, matched by content.

An amendment moves, merges and splits articles as well as rewording them, so numbers and
positions say little: a deputy must not read "removed" for an article whose words now stand
as a paragraph of another one. The comparison runs in three passes:

1. Articles with the same words (whatever their numbers) pair up: unchanged, or renumbered.
2. The rest pair up by similarity of the whole article (difflib's ratio, best pairs first):
   reworded, perhaps renumbered as well.
3. Every paragraph (款, with its items) that has not found its words in its article's partner
   is looked for in all the new paragraphs, counting only runs of three characters or more (a
   share of characters scattered singly would find any Chinese sentence in any long one). An
   article whose paragraphs went to another article was merged into it, or moved there if that
   article had no other source; one whose paragraphs went to several articles was split; only
   an article whose words are mostly found nowhere was removed.

difflib is in the standard library and compares characters, which suits Chinese (no spaces
between words). To stay fast on laws of a few hundred articles, full comparisons are made only
for pairs that share enough character trigrams (an inverted index finds them).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .lawtext import ITEM, chinese_numeral

# Two articles this alike are taken as one article reworded.
SIMILAR = 0.55
# A paragraph lives on where this share of its characters is found, in order, in runs of RUN.
LIVES_ON = 0.6
RUN = 3
# Within a known pair of articles, a paragraph went where this much of it is found.
KEPT = 0.3
# A new paragraph this much found in its article's partner is that partner's, not a home.
FILLED = 0.9
# An article whose found paragraphs make less than this share of its words was removed.
SURVIVES = 0.4
# Pairs sharing fewer trigrams than this share of the smaller text are not compared at all,
PREFILTER = 0.2

# and of the rest only the pairs sharing most.
CANDIDATES = 8

# The filters of the changes page, each the kinds it shows.
FILTERS = ("added", "removed", "modified", "moved")


@dataclass(frozen=True)
class Place:
    """Where an old article's words stand in the new version: an article, or some of its
    paragraphs (款), numbered from 1."""

    article: object  # Article
    paragraphs: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        return self.article.label + "、".join(f"第{chinese_numeral(n)}款" for n in self.paragraphs)

    @property
    def text(self) -> str:
        if not self.paragraphs:
            return self.article.text
        paragraphs = paragraphs_of(self.article.text)
        return "\n".join(paragraphs[n - 1] for n in self.paragraphs)


@dataclass
class ArticleChange:
    # "added", "removed", "renumbered", "reworded", "merged", "split" or "unchanged"
    kind: str
    old: object | None = None  # Article
    new: object | None = None  # Article: the first of the places
    places: list[Place] = field(default_factory=list)
    old_html: SafeString = field(default_factory=lambda: mark_safe(""))
    new_html: SafeString = field(default_factory=lambda: mark_safe(""))
    similarity: float = 1.0

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old.number != self.new.number)

    @property
    def sort_key(self):
        return (self.new.number if self.new else self.old.number - 0.5, self.old is None)

    @property
    def anchor(self) -> str:
        return f"change-{self.old.number}" if self.old else f"change-new-{self.new.number}"

    @property
    def filters(self) -> set[str]:
        """The changes page's filters that show this change."""
        if self.kind in ("added", "removed"):
            return {self.kind}
        shown = set()
        if self.kind in ("reworded", "merged", "split"):
            shown.add("modified" if self.kind == "reworded" else "moved")
        if self.kind in ("renumbered", "merged", "split") or self.renumbered:
            shown.add("moved")
        return shown

    @property
    def marked_places(self) -> list[tuple[Place, SafeString]]:
        """Each place with what it does not share with the old article marked: for a merged
        or split article, where the words went and what changed on the way."""
        return [(place, mark_changes(self.old.text, place.text)[1]) for place in self.places]

    @property
    def marked_old(self) -> SafeString:
        """The old text with what none of its places carries marked."""
        return mark_changes(self.old.text, "\n".join(p.text for p in self.places))[0]

    @property
    def short_label(self) -> str:
        """The change in the jump list: by the number it has now, or had if it has none."""
        if self.kind in ("removed", "merged", "split"):
            return _("formerly %(old)s") % {"old": self.old.label}
        return self.new.label

    @property
    def label(self) -> str:
        """Where the old article went, as a deputy reads it: 第三条 → 第四条第一款."""
        places = "、".join(place.label for place in self.places)
        if self.kind == "added":
            return self.new.label
        if self.kind == "removed":
            return _("formerly %(old)s") % {"old": self.old.label}
        if self.kind == "merged":
            return _("%(old)s merged into %(new)s") % {"old": self.old.label, "new": places}
        if self.kind == "split":
            return _("%(old)s split into %(new)s") % {"old": self.old.label, "new": places}
        if self.renumbered:
            return _("%(old)s → %(new)s") % {"old": self.old.label, "new": places}
        return self.new.label


@dataclass
class VersionDiff:
    changes: list[ArticleChange]

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(c.kind for c in self.changes)
        kinds = ("added", "removed", "renumbered", "reworded", "merged", "split", "unchanged")
        return {kind: counted[kind] for kind in kinds}

    @property
    def filter_counts(self) -> dict[str, int]:
        return {name: len(self.filtered(name)) for name in FILTERS}

    @property
    def changed(self) -> list[ArticleChange]:
        return [c for c in self.changes if c.kind != "unchanged"]

    def filtered(self, name: str | None) -> list[ArticleChange]:
        """The changes a filter of the changes page shows; every change for None."""
        return [c for c in self.changed if name is None or name in c.filters]

    def mapping(self) -> dict[int, tuple[str, list[tuple[int, tuple[int, ...]]]]]:
        """Old article number → (kind, [(new number, paragraphs)]): the diff reduced to what
        the old-number lookup needs, small enough to cache."""
        return {
            c.old.number: (c.kind, [(p.article.number, p.paragraphs) for p in c.places])
            for c in self.changes
            if c.old is not None
        }


def normalise(text: str) -> str:
    """A text as compared: without the spaces and line breaks that layout puts in."""
    return "".join(text.split())


def paragraphs_of(text: str) -> list[str]:
    """An article's text (its parts, one a line) as paragraphs (款), each with its items."""
    paragraphs: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if ITEM.match(line.strip()) and paragraphs:
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
    return paragraphs


def _trigrams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)} or {text}


def _found(part: str, whole: str) -> float:
    """The share of part's characters found in whole, in order, in runs of RUN or more."""
    if not part:
        return 0.0
    blocks = SequenceMatcher(None, part, whole, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= RUN) / len(part)


def _candidates(texts: list[str], pool: list[str]) -> dict[int, list[int]]:
    """For each text, the indexes of the pool's texts that share enough trigrams with it, most
    shared first: only these are worth a full comparison."""
    index = defaultdict(list)
    pool_grams = [_trigrams(t) for t in pool]
    for j, grams in enumerate(pool_grams):
        for gram in grams:
            index[gram].append(j)
    found = {}
    for i, text in enumerate(texts):
        grams = _trigrams(text)
        shared = Counter(j for gram in grams for j in index.get(gram, ()))
        found[i] = [
            j
            for j, n in shared.most_common(CANDIDATES)
            if n >= PREFILTER * min(len(grams), len(pool_grams[j]))
        ]
    return found


def mark_changes(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML, with what the other lacks wrapped in <del> and <ins>."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    old_html, new_html = [], []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            old_html.append(escape(old[a1:a2]))
            new_html.append(escape(new[b1:b2]))
            continue
        if a2 > a1:
            old_html.append(f"<del>{escape(old[a1:a2])}</del>")
        if b2 > b1:
            new_html.append(f"<ins>{escape(new[b1:b2])}</ins>")
    return mark_safe("".join(old_html)), mark_safe("".join(new_html))  # noqa: S308 - escaped


def _pair_articles(old_articles, new_articles) -> dict[int, tuple[int, float]]:
    """Passes 1 and 2: old index → (new index, similarity) for articles that stay articles."""
    pairs: dict[int, tuple[int, float]] = {}
    by_text = defaultdict(list)
    for i, article in enumerate(old_articles):
        by_text[normalise(article.text)].append(i)
    for j, article in enumerate(new_articles):
        same = by_text.get(normalise(article.text))
        if same:
            pairs[same.pop(0)] = (j, 1.0)

    left_old = [i for i in range(len(old_articles)) if i not in pairs]
    taken = {j for j, _ in pairs.values()}
    left_new = [j for j in range(len(new_articles)) if j not in taken]
    old_texts = [normalise(old_articles[i].text) for i in left_old]
    new_texts = [normalise(new_articles[j].text) for j in left_new]
    scored = []
    for a, near in _candidates(old_texts, new_texts).items():
        for b in near:
            matcher = SequenceMatcher(None, old_texts[a], new_texts[b], autojunk=False)
            if matcher.quick_ratio() >= SIMILAR and (ratio := matcher.ratio()) >= SIMILAR:
                # Ties go to the pair nearest in position: the article that stayed in place.
                scored.append((-ratio, abs(left_old[a] - left_new[b]), left_old[a], left_new[b]))
    for negative, _distance, i, j in sorted(scored):
        if i not in pairs and j not in taken:
            pairs[i] = (j, -negative)
            taken.add(j)
    return pairs


def compare(old_articles, new_articles) -> VersionDiff:
    """Compare two versions' articles (each a list ordered by number)."""
    old_articles, new_articles = list(old_articles), list(new_articles)
    pairs = _pair_articles(old_articles, new_articles)
    new_paragraphs = [
        (j, n, normalise(text))
        for j, article in enumerate(new_articles)
        for n, text in enumerate(paragraphs_of(article.text), start=1)
    ]

    # Pass 3: paragraphs not found in their article's partner, and where they went. A new
    # paragraph that its own partner's words already fill cannot have come from elsewhere.
    orphans = []  # (old index, paragraph text, how much of it the partner has)
    for i, article in enumerate(old_articles):
        partner = normalise(new_articles[pairs[i][0]].text) if i in pairs else ""
        for text in paragraphs_of(article.text):
            text = normalise(text)
            own = _found(text, partner) if partner else 0.0
            if own < LIVES_ON:
                orphans.append((i, text, own))
    old_of = {j: normalise(old_articles[i].text) for i, (j, _) in pairs.items()}
    open_paragraphs = [
        (j, n, text)
        for j, n, text in new_paragraphs
        if j not in old_of or _found(text, old_of[j]) < FILLED
    ]
    homes = defaultdict(dict)  # old index → {new index: {paragraph numbers}}
    found_share = Counter()
    near = _candidates([t for _, t, _ in orphans], [t for _, _, t in open_paragraphs])
    for k, (i, text, own) in enumerate(orphans):
        score, p = max(((_found(text, open_paragraphs[p][2]), -p) for p in near[k]), default=(0, 0))
        if score >= LIVES_ON and score > own:
            j, n, _ = open_paragraphs[-p]
            if pairs.get(i, (None,))[0] != j:
                homes[i].setdefault(j, set()).add(n)
                found_share[i] += len(text)

    def survives(i):
        return found_share[i] >= SURVIVES * (len(normalise(old_articles[i].text)) or 1)

    changes = []
    sources = {j: i for i, (j, _) in pairs.items()}
    # An old article whose words went wholly into an article with no other source moved there;
    # the largest contributor claims it.
    for i in sorted(homes, key=lambda i: -found_share[i]):
        if i in pairs or len(homes[i]) != 1 or not survives(i):
            continue
        (j,) = homes[i]
        if j not in sources:
            sources[j] = i
            pairs[i] = (j, 0.0)
            del homes[i]
    for i, article in enumerate(old_articles):
        if i in pairs:
            j, similarity = pairs[i]
            given = {new_articles[k]: ns for k, ns in homes.get(i, {}).items()}
            changes.append(_paired(article, new_articles[j], similarity, given))
        elif not survives(i):
            homes.pop(i, None)
            changes.append(ArticleChange("removed", article))
        else:
            places = [_place(new_articles[j], ns) for j, ns in sorted(homes[i].items())]
            kind = "merged" if len(places) == 1 else "split"
            changes.append(ArticleChange(kind, article, places[0].article, places))
    received = {j for i in homes for j in homes[i]}
    changes.extend(
        ArticleChange("added", None, new, [Place(new)])
        for j, new in enumerate(new_articles)
        if j not in sources and j not in received
    )
    changes.sort(key=lambda c: c.sort_key)
    return VersionDiff(changes)


def _paired(old, new, similarity, given) -> ArticleChange:
    """The change of an old article that stayed an article (perhaps giving paragraphs away)."""
    moved = old.number != new.number and normalise(old.text) != normalise(new.text)
    place = _place(new, _paragraphs_taken(old, new) if moved else ())
    if given:
        places = [place] + [_place(article, ns) for article, ns in given.items()]
        places.sort(key=lambda place: place.article.number)
        return ArticleChange("split", old, places[0].article, places)
    if normalise(old.text) == normalise(new.text):
        kind = "unchanged" if old.number == new.number else "renumbered"
        return ArticleChange(kind, old, new, [place])
    if not similarity:
        similarity = SequenceMatcher(None, old.text, new.text, autojunk=False).ratio()
    old_html, new_html = mark_changes(old.text, new.text)
    return ArticleChange("reworded", old, new, [place], old_html, new_html, similarity)


def _paragraphs_taken(old, new) -> set[int]:
    """The paragraphs of new where old's paragraphs went: an article that became one paragraph
    of another reads 第二十七条第一款. The two are known to be one article, so a paragraph goes
    where most of it went even if it was reworded (KEPT, below LIVES_ON)."""
    paragraphs = [normalise(p) for p in paragraphs_of(new.text)]
    taken = set()
    for text in paragraphs_of(old.text):
        text = normalise(text)
        score, n = max((_found(text, p), -n) for n, p in enumerate(paragraphs, start=1))
        if score >= KEPT:
            taken.add(-n)
    return taken


def _place(article, paragraphs) -> Place:
    """A Place, naming paragraphs only if they are not all of the article's."""
    if len(set(paragraphs)) >= len(paragraphs_of(article.text)):
        return Place(article)
    return Place(article, tuple(sorted(paragraphs)))
