"""The finder of facts in numbers and the questions it proposes, on small texts written for
these tests in the shapes of real law text (no database)."""

import pytest

from quizzes.cloze.finder import MAX_STEM, Kind, facts_in_text, sentences
from quizzes.cloze.proposals import BLANK, CHOICE_BLANK, accepted_forms, distractors, drafts_for


def facts(*parts, number=1):
    return facts_in_text(
        number, [("item" if p.startswith("（") else "paragraph", p) for p in parts]
    )


def only(found):
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "quantity"),
    [
        ("村民会议应当有五名以上村民代表联名提议方可召开。", Kind.HEADCOUNT, "五名"),
        ("十人以上的居民联名，可以书面提出意见。", Kind.HEADCOUNT, "十人"),
        ("有关部门应当自收到申请之日起十五日内作出答复。", Kind.PERIOD, "十五日"),
        ("议事会应当在两个月内将办理结果告知提出人。", Kind.PERIOD, "两个月"),
        ("公告应当在会议召开7日前张贴于村务公开栏。", Kind.PERIOD, "7日"),
        ("章程的修改须经全体成员的三分之二以上通过。", Kind.SHARE, "三分之二"),
        ("决定由全体成员的过半数通过后生效。", Kind.SHARE, "过半数"),
        ("出席成员半数以上同意的，议题列入议程。", Kind.SHARE, "半数"),
        ("五分之一以上的成员提议，可以临时召集会议。", Kind.SHARE, "五分之一"),
        ("年满十八周岁的本村村民都有权参加议事会选举。", Kind.AGE, "十八周岁"),
        ("议事会成员每届任期五年，可以连选连任。", Kind.TERM, "五年"),
        ("成员无正当理由三次不参加会议的，其资格终止。", Kind.TIMES, "三次"),
    ],
)
def test_each_kind_is_found_with_its_unit(text, kind, quantity):
    fact = only(facts(text))
    assert (fact.kind, fact.quantity) == (kind, quantity)
    assert fact.clause == text


def test_numbers_that_are_not_quantities_are_left_alone():
    text = (
        "本规则自2024年6月30日起施行，于本届第一次会议通过，由下一次会议审议其执行情况，"
        "依照第十二条的规定办理。"
    )
    assert facts(text) == []


def test_the_same_quantity_twice_makes_no_blank_but_two_different_ones_make_two():
    assert facts("申请人应当在十日内补正，逾期十日内未补正的，视为撤回。") == []
    found = facts("一般事项应当在三十日内答复；复杂事项可以延长，但延长不得超过三十五日。")
    assert [f.quantity for f in found] == ["三十日", "三十五日"]
    # Each is cut to its own sentence, between the semicolons, and ends as a sentence does.
    assert found[0].clause == "一般事项应当在三十日内答复。"


def test_an_item_is_read_after_the_sentence_its_list_hangs_from():
    found = facts(
        "成员有下列情形之一的，其资格终止：",
        "（一）迁出本村的；",
        "（二）无正当理由两次不参加会议的；",
    )
    fact = only(found)
    # A list of cases reads as one sentence: who, the case, what follows.
    assert fact.clause == "成员无正当理由两次不参加会议的，其资格终止。"
    assert fact.quantity == "两次"


def test_an_item_of_another_list_follows_its_lead_after_an_ellipsis():
    fact = only(facts("下列议题应当公告：", "（一）五名以上成员联名提出的议题；"))
    assert fact.clause == "下列议题应当公告：……五名以上成员联名提出的议题。"
    assert fact.quantity == "五名"


def test_broken_lines_and_spaces_inside_a_paragraph_are_joined():
    fact = only(facts("议事会应当自收到建议之日起\n三个月内 答复。"))
    assert fact.clause == "议事会应当自收到建议之日起三个月内答复。"


def test_a_long_sentence_is_cut_to_its_clauses_for_a_phone():
    long = (
        "村民委员会、村务监督委员会、村集体经济组织以及驻村的各类组织和个人，"
        "应当支持村民代表依法开展调查研究、走访群众、收集意见和参加议事活动，"
        "对村民代表提出的意见建议，应当自收到之日起两个月内研究办理并答复，"
        "不得推诿、拖延或者敷衍，办理情况应当在村务公开栏和村民微信群中如实公布，"
        "接受村民的监督。"
    )
    assert len(long) > MAX_STEM
    fact = only(facts(long))
    assert len(fact.clause) <= MAX_STEM + 4  # the …… marks
    assert "两个月" in fact.clause and fact.clause.startswith("……")


def test_a_clause_too_short_to_answer_is_left_out():
    assert facts("（三）五日；") == []


def test_sentences_keep_their_closing_marks():
    assert sentences("一句。二句；三句") == ["一句。", "二句；", "三句"]


def test_the_blank_hides_the_number_and_the_choice_the_quantity():
    fact = only(facts("议事会应当自收到建议之日起三个月内答复。"))
    blank, choice = drafts_for(fact, [fact])
    assert blank.stem == f"议事会应当自收到建议之日起{BLANK}个月内答复。"
    assert blank.answer == "三" and set(blank.accepted) == {"三", "3"}
    assert choice.stem == f"议事会应当自收到建议之日起{CHOICE_BLANK}内答复。"
    assert choice.answer == "三个月"
    assert len(choice.distractors) == 3
    assert all(d.endswith("个月") and d != "三个月" for d in choice.distractors)


def test_two_is_accepted_written_both_ways():
    fact = only(facts("成员无正当理由两次不参加会议的，其资格终止。"))
    assert set(accepted_forms(fact)) == {"两", "二", "2"}


def test_distractors_come_first_from_the_law_and_share_the_kind_and_unit():
    law = facts(
        "一般事项应当自受理之日起十五日内办结。",
        "情况复杂的，经负责人批准，可以在四十日内办结。",
        "村务公开栏每三个月至少公布一次财务收支。",
        "成员满五名的，可以成立议事小组。",
    )
    fifteen = next(f for f in law if f.quantity == "十五日")
    wrong = distractors(fifteen, law)
    assert "四十日" in wrong  # the law's own other period in days
    assert "三个月" not in wrong and "五名" not in wrong  # other units and kinds
    assert any(f.quantity == "三个月" for f in law)  # 每三个月: a period all the same
    assert len(wrong) == 3 and "十五日" not in wrong
    assert all(d.endswith("日") for d in wrong)


def test_distractors_never_repeat_the_answer_in_another_spelling():
    law = facts("公告应当在会议召开7日前张贴。", "决定应当在七日内公布于众。")
    seven = next(f for f in law if f.quantity == "7日")
    assert not {"七日", "7日"} & set(distractors(seven, law))


def test_shares_have_shares_as_distractors():
    fact = only(facts("章程的修改须经全体成员的三分之二以上通过。"))
    wrong = distractors(fact, [fact])
    assert "三分之二" not in wrong and len(wrong) == 3
    assert all("分之" in w or w == "半数" for w in wrong)
    majority = only(facts("决定由全体成员的过半数通过后生效。"))
    assert "过半数" not in distractors(majority, [majority])


def test_the_finder_s_kinds_are_the_proposal_s_kinds():
    from quizzes.models import ClozeProposal

    kinds = {value for name, value in vars(Kind).items() if not name.startswith("_")}
    assert kinds == set(ClozeProposal.Kind.values)
