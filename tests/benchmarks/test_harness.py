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
                "county dashboard, one at a time": {"rps": 10.0, "p50_ms": 90, "p95_ms": 299,
                                                    "failures": 0, "share_of_ceiling": 0.0125},
            },
            "burst": {"deputies": 1000, "requests": 25000, "wall_s": 60, "errors": 0,
                      "p50_ms": 100, "p95_ms": 499, "submitted": 1000},
            "memory": {"max_mb": 150.0, "total_mb": 600.0},
        }
    },
    "certificates": {"pdf_ms_median": 100, "pdf_ms_p95": 140, "pdf_kb_median": 24,
                     "batch_size": 1000, "workers": 2, "batch_s": 70, "batch_ms_each": 70,
                     "zip_mb": 24.0},
}  # fmt: skip


def targets(record) -> list[str]:
    text = markdown(record)
    return [line for line in text.splitlines() if line.startswith("- ")]


def test_the_report_says_met_for_figures_on_the_targets():
    lines = targets(RECORD)
    assert len(lines) == 4
    assert all(line.endswith("met") or ", met;" in line for line in lines), lines
    assert not any("not met" in line for line in lines)
    assert "| lesson page | 400 req/s = 50%; p50 20 ms, p95 30 ms |" in markdown(RECORD)


@pytest.mark.parametrize(
    ("path", "value", "target"),
    [
        (("setups", "sqlite", "phases", "lesson page", "share_of_ceiling"), 0.49, "lesson page"),
        (("setups", "sqlite", "burst", "p95_ms"), 500, "quiz burst"),
        (("setups", "sqlite", "burst", "errors"), 1, "quiz burst"),
        (("setups", "sqlite", "burst", "submitted"), 999, "quiz burst"),
        (("certificates", "pdf_ms_median"), 101, "a certificate"),
        (("certificates", "pdf_kb_median"), 101, "a certificate"),
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
