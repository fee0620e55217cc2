"""The pieces of `make bench` that its figures rest on: the ceiling view answers through the
site's own stack, a session `prepare.py` writes signs its deputy in as the sign-in form would,
and the report judges each target by the figures it is given."""

import copy

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from benchmarks.prepare import sessions_for
from benchmarks.report import markdown
from benchmarks.where_time_goes import ROOT, installed, measure


@override_settings(ROOT_URLCONF="benchmarks.urls")
def test_the_ceiling_answers_a_constant_beside_the_sites_pages(client, db):
    constant = client.get("/bench/constant")
    assert constant.status_code == 200 and constant.content == b"ok"
    assert client.get("/healthz").status_code == 200


def test_a_prepared_session_signs_the_deputy_in(client, deputy, other_station_deputy):
    key, other = sessions_for([deputy.user, other_station_deputy.user])
    assert key != other

    client.cookies["sessionid"] = key
    page = client.get("/", headers={"accept-language": "en"})

    assert page.status_code == 200 and page.context["user"] == deputy.user
    assert "My learning" in page.content.decode()


def test_the_profile_splits_a_requests_time_and_names_what_takes_it(client, deputy):
    client.force_login(deputy.user)
    client.get("/")
    with CaptureQueriesContext(connection) as counted:
        client.get("/")
    queries = len(counted)  # read now: each request empties Django's log of queries

    found = measure(lambda: client.get("/"), rounds=2)

    assert found["queries"] == queries
    assert found["sql_ms"] > 0 and found["template_ms"] > 0 and found["rest_ms"] > 0
    assert found["ms"] == pytest.approx(
        found["sql_ms"] + found["template_ms"] + found["rest_ms"], rel=0.5
    )
    assert found["ours"][0]["function"].startswith("training_site/views.py:")
    assert all(0 < item["share"] <= 1 for item in found["ours"])


@pytest.mark.parametrize(
    "where",
    [
        ".venv/lib/python3.13/site-packages/django/test/client.py",
        ".venv-3.12/lib/python3.12/site-packages/django/test/client.py",
        "env/lib64/python3.12/dist-packages/wagtail/models/pages.py",
    ],
)
def test_an_installed_package_inside_the_checkout_is_not_ours(where):
    """CI makes its second venv in the checkout under another name (`.venv-3.12`)."""
    assert installed(ROOT / where)
    assert not installed(ROOT / "training_site" / "views.py")


def test_a_prepared_session_ends_with_a_password_change(client, deputy):
    """Stored like a sign-in's (with the password's hash): changing the password ends it."""
    [key] = sessions_for([deputy.user])
    deputy.user.set_password("another-password-2026")
    deputy.user.save()

    client.cookies["sessionid"] = key
    assert client.get("/").wsgi_request.user.is_anonymous


def test_the_report_says_where_each_requests_time_goes():
    record = copy.deepcopy(RECORD)
    lesson = {"ms": 18.0, "times_constant": 20.0, "queries": 16, "sql_ms": 1.0,
              "template_ms": 5.0, "rest_ms": 12.0,
              "ours": [{"function": "courses/routing.py:68 serve", "share": 0.59, "ms": 10.6},
                       {"function": "courses/models/pages.py:358 get_context", "share": 0.28,
                        "ms": 5.0}]}  # fmt: skip
    record["setups"]["sqlite"]["profile"] = {"lesson page": lesson}

    table = markdown(record)

    assert "Where the time goes, SQLite, 2,500 deputies:" in table
    assert (
        "| lesson page | 18.0 (× 20.0) | 16, 1.0 | 5.0 | 12.0 | "
        "`courses/routing.py:68 serve` 59%; `courses/models/pages.py:358 get_context` 28% |"
    ) in table
    assert "Where the time goes" not in markdown(RECORD)  # a run without the profile


RECORD = {
    "machine": {
        "date": "2026-11-26 06:00 UTC", "commit": "abc1234", "cores": 2, "cpu": "AMD EPYC",
        "memory_gb": 23, "python": "3.12.1", "gunicorn_workers": 4, "users_a_phase": 8,
        "seconds_a_phase": 20, "took_s": 1500,
    },
    "setups": {
        "sqlite": {
            "label": "SQLite, 2,500 deputies",
            "phases": {
                "constant view": {"rps": 800.0, "p50_ms": 8, "p95_ms": 15, "failures": 0,
                                  "share_of_ceiling": 1.0},
                "lesson page": {"rps": 400.0, "p50_ms": 20, "p95_ms": 30, "failures": 0,
                                "share_of_ceiling": 0.5},
                "my learning": {"rps": 400.0, "p50_ms": 20, "p95_ms": 30, "failures": 0,
                                "share_of_ceiling": 0.5},
                "save answer": {"rps": 480.0, "p50_ms": 10, "p95_ms": 20, "failures": 0,
                                "share_of_ceiling": 0.6},
                "submit quiz": {"rps": 240.0, "p50_ms": 30, "p95_ms": 50, "failures": 0,
                                "share_of_ceiling": 0.3},
                "county dashboard, one at a time": {"rps": 10.0, "p50_ms": 90, "p95_ms": 299,
                                                    "failures": 0, "share_of_ceiling": 0.0125},
            },
            # 25,000 requests at the constant view's 800 a second: 31 s; twice that, 62 s.
            "burst": {"deputies": 1000, "requests": 25000, "wall_s": 62, "errors": 0,
                      "p50_ms": 100, "p95_ms": 900, "submitted": 1000, "cpu_ms_a_deputy": 60},
            "capacity": {"think_s": "30,90", "seconds_a_step": 180, "users": 250,
                         "users_a_core": 125, "limit_found": True,
                         "steps": [{"users": 250, "rps": 4, "p50_ms": 10, "p95_ms": 100,
                                    "failures": 0, "held": True, "locust_cpu_share": 0.05},
                                   {"users": 500, "rps": 8, "p50_ms": 300, "p95_ms": 700,
                                    "failures": 0, "held": False, "locust_cpu_share": 0.1}]},
            "faults": {"deputies": 200, "requests": 5400, "wall_s": 60, "failed": 300,
                       "failed_in_outage": 290, "failed_otherwise": 10, "database_down_s": 5.4,
                       "recover_s": 7.2, "lost": 0, "half_written": 0, "submitted": 200,
                       "extra": 0},
            "memory": {"max_mb": 150.0, "total_mb": 600.0},
        }
    },
    "certificates": {"pdf_ms_median": 100, "pdf_ms_p95": 140, "pdf_kb_median": 24,
                     "batch_size": 1000, "workers": 2, "batch_s": 60, "batch_ms_each": 60,
                     "zip_mb": 24.0},
}  # fmt: skip


def targets(record) -> list[str]:
    text = markdown(record)
    return [line for line in text.splitlines() if line.startswith("- ")]


def test_the_report_says_met_for_figures_on_the_targets():
    lines = targets(RECORD)
    assert len(lines) == 11
    assert not any("not met" in line for line in lines), lines
    assert all(line.endswith(", met") for line in lines), lines
    table = markdown(RECORD)
    assert "| lesson page | 400 req/s = 50%; p50 20 ms, p95 30 ms |" in table
    assert "| exam, 30–90 s between answers | 250: p95 100 ms, 0 failed, 4 req/s (held); " in table
    assert "250 deputies = 125 a core; locust used up to 10% of the machine" in table
    assert (
        "| quiz burst, PostgreSQL restarted and workers killed | 200 deputies, 5,400 requests in "
        "60 s: 300 failed, 290 of them in the outage; database down 5 s, answering again 7.2 s "
        "after the stop |"
    ) in table
    assert (
        "0 answers lost, 0 half-written, 200 of 200 submitted; 290 requests failed during the "
        "outage, answering again 7.2 s after the stop, met"
    ) in table


@pytest.mark.parametrize(
    ("path", "value", "target"),
    [
        (("setups", "sqlite", "phases", "lesson page", "share_of_ceiling"), 0.49, "lesson page"),
        (("setups", "sqlite", "phases", "my learning", "share_of_ceiling"), 0.49, "my learning"),
        (("setups", "sqlite", "phases", "save answer", "share_of_ceiling"), 0.59, "saving an"),
        (("setups", "sqlite", "phases", "submit quiz", "share_of_ceiling"), 0.29, "submitting"),
        (("setups", "sqlite", "burst", "wall_s"), 63, "quiz burst"),
        (("setups", "sqlite", "burst", "errors"), 1, "quiz burst"),
        (("setups", "sqlite", "burst", "submitted"), 999, "quiz burst"),
        (("setups", "sqlite", "burst", "cpu_ms_a_deputy"), 61, "one deputy's whole quiz"),
        (("setups", "sqlite", "capacity", "users_a_core"), 124, "deputies sitting"),
        (("setups", "sqlite", "faults", "lost"), 1, "quiz burst while PostgreSQL"),
        (("setups", "sqlite", "faults", "half_written"), 1, "quiz burst while PostgreSQL"),
        (("setups", "sqlite", "faults", "submitted"), 199, "quiz burst while PostgreSQL"),
        (("setups", "sqlite", "faults", "extra"), 1, "quiz burst while PostgreSQL"),
        (("certificates", "pdf_ms_median"), 101, "a certificate"),
        (("certificates", "pdf_kb_median"), 101, "a certificate"),
        (("certificates", "batch_ms_each"), 61, "a batch of 1,000"),
        (("certificates", "workers"), 1, "a batch of 1,000"),
        (("setups", "sqlite", "phases", "county dashboard, one at a time", "p95_ms"), 300,
         "county dashboard"),
    ],
)  # fmt: skip
def test_the_report_says_not_met_when_a_figure_misses(path, value, target):
    record = copy.deepcopy(RECORD)
    place = record
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value

    [missed] = [line for line in targets(record) if "not met" in line]
    assert missed.startswith(f"- {target}")


def test_a_burst_without_the_constant_view_to_compare_is_not_met():
    record = copy.deepcopy(RECORD)
    del record["setups"]["sqlite"]["phases"]["constant view"]

    [missed] = [line for line in targets(record) if "not met" in line]
    assert "no constant view measured to compare" in missed


def test_a_capacity_whose_every_step_held_says_the_limit_is_higher():
    record = copy.deepcopy(RECORD)
    record["setups"]["sqlite"]["capacity"]["limit_found"] = False

    assert "(every step held: the limit is higher)" in markdown(record)


def test_a_burst_under_faults_that_never_answered_again_says_so():
    record = copy.deepcopy(RECORD)
    record["setups"]["sqlite"]["faults"]["recover_s"] = None

    assert "no request succeeded after the stop" in markdown(record)


@pytest.mark.parametrize(("p95", "verdict"), [(999, "met"), (1000, "**not met**")])
def test_the_all_counties_dashboard_is_judged_on_postgresql(p95, verdict):
    record = copy.deepcopy(RECORD)
    alone = {"rps": 1.2, "p50_ms": 800, "p95_ms": p95, "failures": 0, "share_of_ceiling": None}
    record["setups"]["postgres"] = {
        "label": "PostgreSQL + Redis, 100,000 deputies",
        "phases": {"all-counties dashboard, one at a time": alone},
        "memory": {"max_mb": 150.0, "total_mb": 600.0},
    }

    [line] = [line for line in targets(record) if "all-counties" in line]
    assert line == (
        "- all-counties dashboard < 1 s at 100,000 deputies (PostgreSQL), PostgreSQL + Redis, "
        f"100,000 deputies: p50 800 ms, p95 {p95} ms one at a time, {verdict}"
    )
    table = markdown(record)
    assert (
        f"| all-counties dashboard, one at a time |  | 1 req/s; p50 800 ms, p95 {p95} ms |" in table
    )
