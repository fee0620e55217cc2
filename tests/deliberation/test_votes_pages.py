"""The mock vote's pages: the deputy's ballot (present, not present, not of the session, closed),
the staff's pages and their scope, the secret ballot on every staff page, the links from group
study's pages, and each page's number of queries, which more data does not raise."""

import pytest
from django.urls import reverse

from deliberation.models.votes import Ballot, MockVote, VoteProject
from deliberation.votes import services
from deputies.factories import UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from studysessions.services import invite_more

from .votes_world import deputies_of, present, session_with, vote_at

pytestmark = pytest.mark.usefixtures("english", "in_english")


@pytest.fixture
def other_station_staff(other_station):
    user = UserFactory(name="邻站站务", mobile="13700000009")
    grant_role(user=user, kind=StaffRole.Kind.STATION, place=other_station)
    return user


@pytest.fixture
def six(station, deputy):
    return [deputy, *deputies_of(station, 5)]


@pytest.fixture
def session(station, six):
    """Six invited, the deputy and three others checked in."""
    return session_with(station, six, present_ones=six[:4])


@pytest.fixture
def vote(session, station_staff):
    return vote_at(session, by=station_staff)


def ballot_url(vote):
    return reverse("deliberation:vote_ballot", args=[vote.pk])


def staff_urls(vote):
    project = vote.projects.first()
    return [
        reverse("deliberation:vote_create", args=[vote.session_id]),
        reverse("deliberation:vote_manage", args=[vote.pk]),
        reverse("deliberation:vote_edit", args=[vote.pk]),
        reverse("deliberation:vote_project_add", args=[vote.pk]),
        reverse("deliberation:vote_project_edit", args=[vote.pk, project.pk]),
        reverse("deliberation:vote_results", args=[vote.pk]),
    ]


# The deputy's side ---------------------------------------------------------------------------


def test_a_deputy_present_votes_from_the_session_page(client, deputy, vote, session):
    client.force_login(deputy.user)
    page = client.get(reverse("studysessions:detail", args=[session.pk]))
    assert ballot_url(vote) in page.content.decode()
    a, b, _c = vote.projects.all()
    page = client.get(ballot_url(vote))
    assert page.status_code == 200
    assert 'value="yes"' in page.content.decode()
    response = client.post(ballot_url(vote), {f"project-{a.pk}": "yes", f"project-{b.pk}": "no"})
    assert response.status_code == 302
    # Sent again (a second tab): still one ballot a project, the last sent.
    client.post(ballot_url(vote), {f"project-{a.pk}": "abstain", f"project-{b.pk}": "no"})
    assert Ballot.objects.filter(deputy=deputy).count() == 2
    assert Ballot.objects.get(deputy=deputy, project=a).choice == "abstain"
    page = client.get(ballot_url(vote)).content.decode()
    assert "You have voted on 2 of 3 projects" in page
    assert f'name="project-{a.pk}" value="abstain"' in page and "checked" in page


def test_an_empty_ballot_is_refused_with_a_message(client, deputy, vote):
    client.force_login(deputy.user)
    response = client.post(ballot_url(vote), {"project-1": "maybe"})
    assert response.status_code == 400
    assert "at least one project" in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_deputy_not_checked_in_reads_why_and_cannot_vote(client, six, vote):
    absent = six[5]
    client.force_login(absent.user)
    page = client.get(ballot_url(vote))
    assert page.status_code == 200
    assert "Only deputies checked in at the session vote" in page.content.decode()
    assert 'name="project-' not in page.content.decode()
    project = vote.projects.first()
    response = client.post(ballot_url(vote), {f"project-{project.pk}": "yes"})
    assert response.status_code == 403
    assert "not checked in" in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("who", ["other_station_deputy", "other_county_deputy", "station_staff"])
def test_anyone_not_of_the_session_gets_404(client, vote, who, request):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    assert client.get(ballot_url(vote)).status_code == 404
    project = vote.projects.first()
    assert client.post(ballot_url(vote), {f"project-{project.pk}": "yes"}).status_code == 404
    assert not Ballot.objects.exists()


def test_a_draft_is_not_shown_to_deputies(client, deputy, session):
    draft = vote_at(session, open_it=False)
    client.force_login(deputy.user)
    assert client.get(ballot_url(draft)).status_code == 404
    page = client.get(reverse("studysessions:detail", args=[session.pk])).content.decode()
    assert ballot_url(draft) not in page


def test_a_ballot_sent_after_the_close_is_refused_and_the_result_shown(client, deputy, vote):
    project = vote.projects.first()
    client.force_login(deputy.user)
    client.post(ballot_url(vote), {f"project-{project.pk}": "yes"})
    services.close_vote(vote=vote)
    response = client.post(ballot_url(vote), {f"project-{project.pk}": "no"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Voting has closed" in text
    assert "1 for: not more than half of all 6 deputies expected (4 needed): not passed." in text
    assert Ballot.objects.get().choice == "yes"


# The staff's side ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["station_staff", "township_staff", "county_officer"])
def test_staff_covering_the_station_see_every_page(client, vote, who, request):
    services.close_vote(vote=vote)
    draft = vote_at(vote.session, open_it=False)
    client.force_login(request.getfixturevalue(who))
    for url in staff_urls(draft):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("deliberation:vote_results", args=[vote.pk])).status_code == 200


@pytest.mark.parametrize("who", ["other_station_staff", "deputy", "other_county_deputy"])
def test_staff_of_another_station_and_deputies_get_404(client, vote, who, request):
    draft = vote_at(vote.session, open_it=False)
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    for url in staff_urls(draft):
        assert client.get(url).status_code == 404, url
    project = draft.projects.first()
    for name, args in [
        ("vote_open", [draft.pk]),
        ("vote_close", [vote.pk]),
        ("vote_project_remove", [draft.pk, project.pk]),
        ("vote_project_add", [draft.pk]),
        ("vote_further_round", [vote.pk]),
    ]:
        url = reverse(f"deliberation:{name}", args=args)
        assert client.post(url, {"name": "x"}).status_code == 404, url
    vote.refresh_from_db()
    draft.refresh_from_db()
    assert (vote.status, draft.status) == ("open", "draft")
    assert draft.projects.count() == 3


def test_the_clerk_sets_up_opens_and_closes_a_vote(client, station_staff, session, six):
    client.force_login(station_staff)
    page = client.get(reverse("studysessions:staff_session", args=[session.pk]))
    create = reverse("deliberation:vote_create", args=[session.pk])
    assert create in page.content.decode()
    response = client.post(create, {"title": "2027 年民生实事", "rule": "present"})
    vote = MockVote.objects.get()
    assert response.url == reverse("deliberation:vote_manage", args=[vote.pk])
    add = reverse("deliberation:vote_project_add", args=[vote.pk])
    client.post(add, {"name": "村道硬化", "description": "两公里", "cost": "96.5"})
    client.post(add, {"name": "老年食堂", "cost": "42"})
    bad = client.post(add, {"name": "", "cost": "-3"})
    assert bad.status_code == 400
    assert [(p.name, str(p.cost)) for p in vote.projects.all()] == [
        ("村道硬化", "96.5"),
        ("老年食堂", "42.0"),
    ]
    client.post(reverse("deliberation:vote_open", args=[vote.pk]))
    vote.refresh_from_db()
    assert vote.is_open
    # Once open, the projects stay as they were.
    client.post(add, {"name": "迟到的项目"})
    assert vote.projects.count() == 2
    response = client.post(reverse("deliberation:vote_close", args=[vote.pk]))
    assert response.url == reverse("deliberation:vote_results", args=[vote.pk])
    vote.refresh_from_db()
    assert vote.is_closed


def test_a_refused_step_says_why_and_changes_nothing(client, station_staff, session):
    empty = vote_at(session, projects=0, open_it=False)
    client.force_login(station_staff)
    response = client.post(reverse("deliberation:vote_open", args=[empty.pk]), follow=True)
    assert "Add at least one candidate project" in response.content.decode()
    response = client.post(reverse("deliberation:vote_close", args=[empty.pk]), follow=True)
    assert "Only an open vote can be closed." in response.content.decode()
    empty.refresh_from_db()
    assert empty.is_draft


def test_staff_pages_never_show_who_voted_what(client, station_staff, vote, six):
    a = vote.projects.first()
    for deputy, choice in zip(six[:4], ["yes", "no", "abstain", "yes"], strict=True):
        services.cast_ballot(vote=vote, deputy=deputy, choices={a.pk: choice})
    client.force_login(station_staff)
    pages = [
        reverse("deliberation:vote_manage", args=[vote.pk]),
        reverse("deliberation:vote_results", args=[vote.pk]),
    ]
    open_texts = [client.get(url).content.decode() for url in pages]
    assert "4 of 4 deputies present have voted" in open_texts[1]
    services.close_vote(vote=vote)
    closed_texts = [client.get(url).content.decode() for url in pages]
    for text in open_texts + closed_texts:
        assert "Secret ballot" in text
        for deputy in six:
            assert deputy.user.name not in text
    # While open, for and against are not shown; closed, the counts are.
    assert "2 for" not in open_texts[1]
    assert "2 for: not more than half of all 6 deputies expected (4 needed)" in closed_texts[1]


def test_the_results_page_refreshes_only_while_open(client, station_staff, vote):
    client.force_login(station_staff)
    url = reverse("deliberation:vote_results", args=[vote.pk])
    assert "data-vote-refresh" in client.get(url).content.decode()
    assert "<header" not in client.get(url + "?screen=1").content.decode()
    services.close_vote(vote=vote)
    assert "data-vote-refresh" not in client.get(url).content.decode()


# Queries -------------------------------------------------------------------------------------


def more_of_everything(station, session, vote):
    """More deputies present, ballots and projects: no page may need more queries for them."""
    others = deputies_of(station, 6, start=50)
    invite_more(session=session, deputies=others)
    present(session, others)
    VoteProject.objects.bulk_create(
        VoteProject(vote=vote, name=f"多{n}", order=10 + n) for n in range(4)
    )
    for deputy in others:
        Ballot.objects.bulk_create(
            Ballot(project=p, deputy=deputy, choice="yes") for p in vote.projects.all()
        )


def _pinned(client, django_assert_max_num_queries, url, limit, method="get", data=None):
    with django_assert_max_num_queries(limit):
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)


@pytest.mark.parametrize("closed", [False, True])
def test_the_deputys_ballot_page_queries(
    client, deputy, vote, station, session, closed, django_assert_max_num_queries
):
    client.force_login(deputy.user)
    client.get(ballot_url(vote))
    limit = 12
    if closed:
        services.close_vote(vote=vote)
    _pinned(client, django_assert_max_num_queries, ballot_url(vote), limit)
    if not closed:
        more_of_everything(station, session, vote)
    _pinned(client, django_assert_max_num_queries, ballot_url(vote), limit)


@pytest.mark.parametrize("projects", [3, 9])
def test_casting_a_ballot_queries(client, deputy, session, projects, django_assert_max_num_queries):
    vote = vote_at(session, projects=projects)
    client.force_login(deputy.user)
    choices = {f"project-{p.pk}": "yes" for p in vote.projects.all()}
    client.get(ballot_url(vote))
    _pinned(client, django_assert_max_num_queries, ballot_url(vote), 18, "post", choices)
    # Changing every vote: the same.
    choices = dict.fromkeys(choices, "no")
    _pinned(client, django_assert_max_num_queries, ballot_url(vote), 18, "post", choices)
    assert set(Ballot.objects.values_list("choice", flat=True)) == {"no"}


@pytest.mark.parametrize("state", ["draft", "open", "closed"])
def test_the_staff_pages_queries(
    client, station_staff, session, station, state, django_assert_max_num_queries
):
    vote = vote_at(session, open_it=state != "draft")
    if state == "closed":
        services.close_vote(vote=vote)
    client.force_login(station_staff)
    urls = [
        reverse("deliberation:vote_manage", args=[vote.pk]),
        reverse("deliberation:vote_results", args=[vote.pk]),
        reverse("deliberation:vote_edit", args=[vote.pk]),
        reverse("deliberation:vote_project_add", args=[vote.pk]),
        reverse("deliberation:vote_create", args=[session.pk]),
    ]
    for url in urls:
        client.get(url)
        _pinned(client, django_assert_max_num_queries, url, 12)
    if state != "closed":
        more_of_everything(station, session, vote)
    for url in urls:
        _pinned(client, django_assert_max_num_queries, url, 12)


def test_the_session_pages_need_one_query_for_their_votes(
    client, station_staff, deputy, session, vote, django_assert_max_num_queries
):
    """The links on group study's pages: one query each, whatever the votes."""
    staff_url = reverse("studysessions:staff_session", args=[session.pk])
    deputy_url = reverse("studysessions:detail", args=[session.pk])
    client.force_login(station_staff)
    client.get(staff_url)
    with django_assert_max_num_queries(30) as first:
        client.get(staff_url)
    vote_at(session)
    vote_at(session, open_it=False)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(staff_url)
    client.force_login(deputy.user)
    client.get(deputy_url)
    with django_assert_max_num_queries(30) as first:
        assert ballot_url(vote) in client.get(deputy_url).content.decode()
    vote_at(session)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(deputy_url)


def test_the_clerk_sets_up_the_further_round_from_the_result(client, station_staff, session, six):
    vote = vote_at(session, max_chosen=1, projects=2)
    a, b = vote.projects.all()
    for deputy in six[:4]:
        services.cast_ballot(vote=vote, deputy=deputy, choices={a.pk: "yes", b.pk: "yes"})
    services.close_vote(vote=vote)
    client.force_login(station_staff)
    results = reverse("deliberation:vote_results", args=[vote.pk])
    page = client.get(results).content.decode()
    assert "A tie for the last place" in page
    further = reverse("deliberation:vote_further_round", args=[vote.pk])
    assert further in page
    assert further not in client.get(results + "?screen=1").content.decode()
    response = client.post(further)
    following = MockVote.objects.exclude(pk=vote.pk).get()
    assert response.url == reverse("deliberation:vote_manage", args=[following.pk])
    assert following.projects.count() == 2 and following.max_chosen == 1
