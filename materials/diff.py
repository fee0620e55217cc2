"""What changed between two versions of a law, article by article.

Articles are paired first by identical text (whatever their numbers), then by similarity, in
order, so that an article that moved and was reworded is still recognised. Each pair, and each
article left over, is one change: added, removed, renumbered, reworded, or unchanged. Reworded
text is compared character by character, since Chinese has no spaces between words, and the
changed runs are marked.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Two articles this alike are taken as one article reworded; below it, one removed and one added.
SIMILAR = 0.55


@dataclass
class ArticleChange:
    kind: str  # "added", "removed", "renumbered", "reworded", "unchanged"
    old: object | None = None  # Article
    new: object | None = None  # Article
    old_html: SafeString = field(default_factory=lambda: mark_safe(""))
    new_html: SafeString = field(default_factory=lambda: mark_safe(""))
    similarity: float = 1.0

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old.number != self.new.number)

    @property
    def sort_key(self):
        return (self.new.number if self.new else self.old.number - 0.5, self.old is None)


@dataclass
class VersionDiff:
    changes: list[ArticleChange]

    def of_kind(self, kind: str) -> list[ArticleChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def counts(self) -> dict[str, int]:
        kinds = ("added", "removed", "renumbered", "reworded", "unchanged")
        return {kind: len(self.of_kind(kind)) for kind in kinds}

    @property
    def changed(self) -> list[ArticleChange]:
        return [c for c in self.changes if c.kind != "unchanged"]

    def successor(self, old_article):
        """The new version's article that an old article became, or None if it was removed."""
        for change in self.changes:
            if change.old is not None and change.old.pk == old_article.pk:
                return change.new
        return None


def _normalise(text: str) -> str:
    return "".join(text.split())


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


def compare(old_articles, new_articles) -> VersionDiff:
    """Compare two versions' articles (each a list ordered by number)."""
    changes: list[ArticleChange] = []
    unmatched_old = list(old_articles)
    unmatched_new = list(new_articles)

    # 1. Identical text: unchanged, or renumbered.
    by_text = {}
    for article in unmatched_old:
        by_text.setdefault(_normalise(article.text), []).append(article)
    still_new = []
    for article in unmatched_new:
        same = by_text.get(_normalise(article.text))
        if same:
            old = same.pop(0)
            unmatched_old.remove(old)
            kind = "unchanged" if old.number == article.number else "renumbered"
            changes.append(ArticleChange(kind, old, article))
        else:
            still_new.append(article)
    unmatched_new = still_new

    # 2. Similar text, best pairs first; a pair may not cross another (articles keep order).
    candidates = []
    for i, old in enumerate(unmatched_old):
        for j, new in enumerate(unmatched_new):
            matcher = SequenceMatcher(None, old.text, new.text, autojunk=False)
            if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILAR:
                candidates.append((ratio, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    paired: list[tuple[int, int, float]] = []
    for ratio, i, j in candidates:
        if any(i == pi or j == pj or (i < pi) != (j < pj) for pi, pj, _ in paired):
            continue
        paired.append((i, j, ratio))
    for i, j, ratio in paired:
        old, new = unmatched_old[i], unmatched_new[j]
        old_html, new_html = mark_changes(old.text, new.text)
        changes.append(ArticleChange("reworded", old, new, old_html, new_html, ratio))
    used_old = {i for i, _, _ in paired}
    used_new = {j for _, j, _ in paired}

    # 3. The rest were added or removed.
    changes.extend(
        ArticleChange("removed", old, None)
        for i, old in enumerate(unmatched_old)
        if i not in used_old
    )
    changes.extend(
        ArticleChange("added", None, new)
        for j, new in enumerate(unmatched_new)
        if j not in used_new
    )
    changes.sort(key=lambda c: c.sort_key)
    return VersionDiff(changes)
