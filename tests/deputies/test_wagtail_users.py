import pytest
from django.urls import reverse
from wagtail.models import Page

from deputies.factories import UserFactory
from deputies.models import User

INDEX = reverse("wagtailusers_users:index")
ADD = reverse("wagtailusers_users:add")


def edit(user):
    return reverse("wagtailusers_users:edit", args=[user.pk])


@pytest.fixture
def admin(english, superuser):
    english.force_login(superuser)
    return english


def new_user(**changes):
    data = {
        "mobile": "+86 135 1234 0001",
        "name": "钱立新",
        "email": "",
        "password1": "green-hills-42",
        "password2": "green-hills-42",
    }
    data.update(changes)
    return data


def test_a_superuser_sees_the_users_by_name_and_number(admin):
    UserFactory(name="钱立新", mobile="13512340077")

    response = admin.get(INDEX)

    assert response.status_code == 200
    assert "钱立新" in response.text
    assert "13512340077" in response.text


def test_the_user_forms_ask_for_a_mobile_number_and_one_name(admin, editor):
    for url in [ADD, edit(editor)]:
        response = admin.get(url)

        assert response.status_code == 200
        assert 'name="mobile"' in response.text
        assert 'name="name"' in response.text
        assert 'name="first_name"' not in response.text
        assert 'name="last_name"' not in response.text
    assert 'value="13700000004"' in admin.get(edit(editor)).text


def test_a_superuser_creates_a_user_with_mobile_and_name(admin):
    response = admin.post(ADD, new_user())

    assert response.status_code == 302
    user = User.objects.get(mobile="13512340001")
    assert user.name == "钱立新"
    assert user.check_password("green-hills-42")
    assert not user.is_superuser


@pytest.mark.parametrize(
    ("mobile", "message"),
    [
        ("1351234", "11-digit mainland mobile number"),
        ("13700000004", "already exists"),
        ("137 0000 0004", "already exists"),
    ],
)
def test_a_bad_or_taken_number_is_refused(admin, editor, mobile, message):
    users = User.objects.count()

    response = admin.post(ADD, new_user(mobile=mobile))

    assert response.status_code == 200
    assert message in str(response.context["form"].errors["mobile"])
    assert User.objects.count() == users


def test_a_name_is_required(admin):
    response = admin.post(ADD, new_user(name=""))

    assert "name" in response.context["form"].errors
    assert not User.objects.filter(mobile="13512340001").exists()


def test_a_superuser_edits_a_user(admin, editor):
    data = new_user(mobile="13700000004", name="编辑部", password1="", password2="")
    data["is_active"] = "on"

    response = admin.post(edit(editor), data)

    assert response.status_code == 302
    editor.refresh_from_db()
    assert (editor.mobile, editor.name, editor.is_active) == ("13700000004", "编辑部", True)
    assert editor.check_password("pass-word-1")


def test_an_editor_opens_the_content_admin(client, editor):
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200
    # The users' list is not theirs: Wagtail sends them back to the dashboard.
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_an_editor_publishes_pages_but_a_station_clerk_cannot(editor, station_staff):
    """Editors publish what they write (deputies/migrations/0002): there is no moderator."""
    root = Page.get_first_root_node()

    assert root.permissions_for_user(editor).can_publish_subpage()
    assert root.permissions_for_user(editor).can_add_subpage()
    assert not root.permissions_for_user(station_staff).can_publish_subpage()


@pytest.mark.parametrize("who", ["deputy", "station_staff"])
def test_people_without_admin_access_are_sent_to_sign_in(client, db, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user.user if who == "deputy" else user)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "login" in response.url


@pytest.mark.parametrize("query", ["钱立", "立新", "13512340077", "0077", "qian@example.cn"])
def test_the_user_search_finds_people_by_name_mobile_or_email(admin, query):
    UserFactory(name="钱立新", mobile="13512340077", email="qian@example.cn")
    UserFactory(name="孙美玲", mobile="13512340088")

    response = admin.get(INDEX, {"q": query})

    assert response.status_code == 200
    assert [user.name for user in response.context["users"]] == ["钱立新"]


def test_the_user_search_takes_a_number_as_people_write_it(admin):
    UserFactory(name="钱立新", mobile="13512340077")

    response = admin.get(INDEX, {"q": "135 1234 0077"})

    assert [user.name for user in response.context["users"]] == ["钱立新"]


def test_the_users_are_sorted_by_name(admin):
    for name, mobile in [("孙美玲", "13512340088"), ("安立新", "13512340077")]:
        UserFactory(name=name, mobile=mobile)

    response = admin.get(INDEX, {"ordering": "-name"})

    names = [user.name for user in response.context["users"]]
    assert names == sorted(names, reverse=True) and "安立新" in names
    assert "Mobile number" in response.text
