"""The printed activity register, asked with any period a browser can send: the page, the
export page with the errors (400), never a 500."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .strategies import any_text

PAGE = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
dates = st.one_of(st.dates().map(lambda d: d.isoformat()), any_text, st.just(""))


def test_the_printed_register_answers_any_period(client, station_staff, station):
    client.force_login(station_staff)
    url = reverse("exports:register_print", args=["station", station.pk])

    @PAGE
    @given(st.dictionaries(st.sampled_from(["from", "to"]), dates))
    def check(query):
        assert client.get(url, query).status_code in (200, 400)

    check()
