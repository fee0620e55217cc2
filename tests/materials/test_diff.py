from materials.diff import mark_changes
from materials.lawtext import parse_law
from materials.selectors import diff_versions
from materials.services import import_law


def test_mark_changes_marks_only_what_differs():
    old, new = mark_changes("代表应当听取意见。", "代表应当认真听取群众意见。")
    assert old == "代表应当听取意见。"
    assert new == "代表应当<ins>认真</ins>听取<ins>群众</ins>意见。"


def test_mark_changes_escapes_html():
    old, new = mark_changes("<b>甲</b>", "<b>乙</b>")
    assert old == "&lt;b&gt;<del>甲</del>&lt;/b&gt;"
    assert new == "&lt;b&gt;<ins>乙</ins>&lt;/b&gt;"


def test_sample_amendment(sample_version, amended_version):
    diff = diff_versions(sample_version, amended_version)
    summary = {
        (c.kind, c.old.number if c.old else None, c.new.number if c.new else None)
        for c in diff.changes
    }

    assert summary == {
        ("reworded", 1, 1),  # 保障村民参与 added
        ("unchanged", 2, 2),
        ("added", None, 3),  # 村务公开
        ("renumbered", 3, 4),
        ("removed", 4, None),  # 议题应当写明事由 dropped
        ("unchanged", 5, 5),
        ("unchanged", 6, 6),
    }
    reworded = diff.of_kind("reworded")[0]
    assert reworded.new_html == "为了规范村务议事，<ins>保障村民参与，</ins>制定本规则。"
    assert diff.successor(sample_version.articles.get(number=3)).number == 4
    assert diff.successor(sample_version.articles.get(number=4)) is None


def test_the_deputy_law_2015_to_2025(db, shared_laws):
    old = import_law(parsed=parse_law((shared_laws / "daibiaofa-2015-08-29.md").read_text()))
    new = import_law(parsed=parse_law((shared_laws / "daibiaofa-2025-03-11.md").read_text()))

    diff = diff_versions(old.version, new.version)
    counts = diff.counts

    # Every article of each version is accounted for exactly once.
    assert counts["unchanged"] + counts["renumbered"] + counts["reworded"] + counts["removed"] == 52
    assert counts["unchanged"] + counts["renumbered"] + counts["reworded"] + counts["added"] == 65
    # 2015's article 1 (the purpose) is reworded in place in 2025.
    first = next(c for c in diff.changes if c.new and c.new.number == 1)
    assert first.old.number == 1
    # 2015's article 5 moved to 9 unchanged (four new articles on principles came before it).
    fifth = next(c for c in diff.changes if c.old and c.old.number == 5)
    assert (fifth.kind, fifth.new.number) == ("renumbered", 9)
    assert counts["added"] >= 13
