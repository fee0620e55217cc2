"""The proposer on the official texts kept beside the project (skips without them)."""

import pytest
from django.core.management import call_command

from materials.models import LawVersion
from quizzes.cloze.services import ProposalError, propose_questions
from quizzes.models import ClozeProposal

Kind, Type = ClozeProposal.Kind, ClozeProposal.QuestionType


def proposals(version):
    return {
        (p.article.number, p.kind, p.question_type, p.answer): p
        for p in ClozeProposal.objects.filter(version=version).select_related("article")
    }


def test_the_deputy_law_and_the_zhejiang_measures_propose_their_facts(db, shared_laws):
    call_command("import_law", str(shared_laws / "daibiaofa-2015-08-29.md"), verbosity=0)
    call_command("import_law", str(shared_laws / "daibiaofa-2025-03-11.md"), verbosity=0)
    call_command(
        "import_law", str(shared_laws / "zhejiang-daibiaofa-shishi-2016-05-27.md"), verbosity=0
    )
    deputy_law = LawVersion.objects.get(effective_date="2025-03-11")
    zhejiang = LawVersion.objects.get(effective_date="2016-05-27")
    # The 2015 text is no longer in force: it proposes nothing.
    with pytest.raises(ProposalError):
        propose_questions(version=LawVersion.objects.get(effective_date="2015-08-29"))

    result = propose_questions(version=deputy_law)
    found = proposals(deputy_law)
    assert 8 <= result.created <= 30
    # Article 51: suggestions are answered within three months of being referred, six if
    # complex.
    answer = found[(51, Kind.PERIOD, Type.BLANK, "三")]
    assert answer.stem.endswith("并自交办之日起____个月内答复。")
    absences = found[(62, Kind.TIMES, Type.BLANK, "两")]
    assert absences.stem == "代表未经批准____次不出席本级人民代表大会会议的，其代表资格终止。"
    assert set(answer.accepted_answers) >= {"三", "3"}
    choice = found[(51, Kind.PERIOD, Type.CHOICE, "三个月")]
    assert "六个月" in choice.distractors and "三个月" not in choice.distractors
    assert choice.explanation.startswith("代表法第五十一条：")
    assert (51, Kind.PERIOD, Type.BLANK, "六") in found
    # Article 2: a term of five years; article 62: two absences without leave end it.
    assert (2, Kind.TERM, Type.BLANK, "五") in found
    assert (62, Kind.TIMES, Type.CHOICE, "两次") in found
    # Nothing from the adoption and amendment history (年, 次会议) or from ordinals.
    assert all("次会议" not in p.answer and "届" not in p.answer for p in found.values())

    result = propose_questions(version=zhejiang)
    found = proposals(zhejiang)
    assert 10 <= result.created <= 40
    # Article 43: a dissatisfied deputy's suggestion is handled again within one month.
    assert (43, Kind.PERIOD, Type.BLANK, "一") in found
    # Article 35: at least fifteen days a year for county-level deputies, seven for township.
    days = found[(35, Kind.PERIOD, Type.CHOICE, "七日")]
    assert "十五日" in days.distractors

    again = propose_questions(version=zhejiang)
    assert again.created == 0 and again.existing == result.created


def test_the_demo_proposes_from_each_text_in_force_once(db, shared_laws):
    from materials.demo import import_law_folder
    from quizzes.demo import seed_cloze_proposals

    assert seed_cloze_proposals() == []  # no official text: nothing to propose from
    import_law_folder(shared_laws)

    first = seed_cloze_proposals()

    assert [version for version, _pending in first] == [
        "代表法 (2025-03-11)",
        "浙江省实施代表法办法 (2016-05-27)",
    ]
    assert all(pending >= 10 for _version, pending in first)
    assert seed_cloze_proposals() == first
    assert ClozeProposal.objects.count() == sum(pending for _version, pending in first)
