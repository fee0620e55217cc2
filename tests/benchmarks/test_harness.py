"""The pieces of `make bench` that its figures rest on: the ceiling view answers through the
site's own stack, a session `prepare.py` writes signs its deputy in as the sign-in form would,
and the report judges each target by the figures it is given."""

import copy

import pytest
from django.test import override_settings

from benchmarks.prepare import sessions_for
from benchmarks.report import markdown


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


def test_a_prepared_session_ends_with_a_password_change(client, deputy):
    """Stored like a sign-in's (with the password's hash): changing the password ends it."""
    [key] = sessions_for([deputy.user])
    deputy.user.set_password("another-password-2026")
    deputy.user.save()

    client.cookies["sessionid"] = key
    assert client.get("/").wsgi_request.user.is_anonymous


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
    assert len(lines) == 10
    assert not any("not met" in line for line in lines), lines
    assert all(line.endswith(", met") for line in lines), lines
    table = markdown(RECORD)
    assert "| lesson page | 400 req/s = 50%; p50 20 ms, p95 30 ms |" in table
    assert "| exam, 30–90 s between answers | 250: p95 100 ms, 0 failed, 4 req/s (held); " in table
    assert "250 deputies = 125 a core; locust used up to 10% of the machine" in table


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
