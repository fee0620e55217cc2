"""Dashboard latency on seed_scale's data: `make bench-dashboard` (DEPUTIES=2500 by default).

    .venv/bin/python benchmarks/dashboard.py [deputies] [--rounds 20]

Builds its own database: a SQLite file in the temporary folder (one per number of deputies), or
the database BENCH_DATABASE_URL (else DATABASE_URL) names, such as a PostgreSQL database made
for it. Migrates it and runs `seed_scale --deputies N` there, unless an earlier run left that
very data set in it (it is then reused, which saves minutes at 100,000 deputies). Then signs in
as the first county's officer and times, in process through Django's test client, the county
dashboard, the pages of the county's first township and of that township's first station, and
the county's Excel export; then, signed in as a superuser (made here if the data set has none),
the all-counties page, every deputy of the data set: median and p95 of the runs, the queries one
request makes, and the ratio to /healthz measured in the same run, since these machines are
noisy. A page that is not there yet is reported with its status, and the others are still timed.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description="Time the dashboards on seed_scale's data.")
parser.add_argument("deputies", type=int, nargs="?", default=2500)
parser.add_argument("--rounds", type=int, default=20, help="timed requests a page (default 20)")
ARGS = parser.parse_args()

SQLITE = Path(tempfile.gettempdir()) / f"bench-dashboard-{ARGS.deputies}.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training_site.settings.dev")
os.environ["DATABASE_URL"] = (
    os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE}"
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from deputies.models import County, Deputy, LiaisonStation, Township, User  # noqa: E402

FIRST_COUNTY = "900001"
OFFICER = "15100000001"
# Not a mobile seed_scale gives (150-153...), so making it leaves the data set seed_scale's.
SUPERUSER = "19900000001"


def prepare(deputies: int) -> str:
    """Migrate, and build the data set unless it is there already; says which it did."""
    call_command("migrate", verbosity=0)
    if County.objects.filter(code=FIRST_COUNTY).exists():
        there = Deputy.objects.filter(user__mobile__startswith="150").count()
        if there != deputies:
            sys.exit(
                f"{connection.settings_dict['NAME']} holds seed_scale's data for {there:,} "
                f"deputies, not {deputies:,}: ask for {there}, or start from a fresh database."
            )
        return "seed_scale's data already there, reused"
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("seed_scale", "--deputies", str(deputies), stdout=quiet)
    return f"seed_scale --deputies {deputies}: {time.perf_counter() - started:.1f} s"


def fetch(client: Client, url: str):
    """One request, its body read to the end (an export may stream)."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def measure(client: Client, url: str, rounds: int) -> dict:
    response, body = fetch(client, url)  # warm caches, as a running server has them
    result = {"url": url, "status": response.status_code}
    if response.status_code != 200:
        return result
    # The capture stops Django clearing the query log at each request: clear it here, as a
    # log already full (DEBUG keeps the last 9,000, the seeding's included) counts nothing.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    runs = []
    for _ in range(rounds):
        started = time.perf_counter()
        response, body = fetch(client, url)
        runs.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    runs.sort()
    result.update(
        median=statistics.median(runs),
        p95=runs[max(0, int(len(runs) * 0.95) - 1)],
        queries=len(queries),
        size=len(body),
        type=response.get("Content-Type", ""),
    )
    return result


def row(label: str, result: dict, base: float) -> str:
    url = result["url"]
    if result["status"] != 200:
        note = " (not built yet?)" if result["status"] == 404 else ""
        return f"| {label} `{url}` | {result['status']}{note} | | | | | |"
    kb = result["size"] / 1000
    return (
        f"| {label} `{url}` | 200 | {result['median']:.1f} | {result['p95']:.1f} | "
        f"{result['median'] / base:.1f} | {result['queries']} | {kb:,.0f} KB |"
    )


def main() -> None:
    setup = prepare(ARGS.deputies)
    county = County.objects.get(code=FIRST_COUNTY)
    township = Township.objects.filter(county=county).order_by("pk").first()
    station = LiaisonStation.objects.filter(township=township).order_by("pk").first()
    officer = User.objects.get(mobile=OFFICER)
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(officer)

    healthz = measure(client, "/healthz", ARGS.rounds)
    base = healthz["median"]
    pages = [
        ("county", f"/dashboard/counties/{county.pk}/"),
        ("township", f"/dashboard/townships/{township.pk}/"),
        ("station", f"/dashboard/stations/{station.pk}/"),
        ("export", f"/dashboard/counties/{county.pk}/export.xlsx"),
    ]
    in_county = Deputy.objects.filter(township__county=county)
    print(
        f"Dashboards on seed_scale's data, {ARGS.deputies:,} deputies "
        f"({connection.vendor}), {ARGS.rounds} runs a page, in process"
    )
    print(setup)
    print(
        f"Signed in as the county officer {OFFICER} of {county.name} (pk {county.pk}): "
        f"{in_county.count():,} deputies, {county.townships.count()} townships; "
        f"first township {township.name} (pk {township.pk}): "
        f"{in_county.filter(township=township).count()} deputies; "
        f"its first station {station.name} (pk {station.pk})"
    )
    print(f"/healthz median {base:.2f} ms (the ratio's base), {healthz['queries']} queries\n")
    print("| page | status | median ms | p95 ms | × /healthz | queries | size |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for label, url in pages:
        result = measure(client, url, ARGS.rounds)
        print(row(label, result, base))
        if label == "export" and result["status"] == 200 and "sheet" not in result["type"]:
            print(f"  (the export answered {result['type']!r}, not a spreadsheet)")
    superuser = User.objects.filter(mobile=SUPERUSER).first() or User.objects.create_superuser(
        SUPERUSER, name="基准超级管理员"
    )
    client.force_login(superuser)
    print(row("all counties", measure(client, "/dashboard/all/", ARGS.rounds), base))


if __name__ == "__main__":
    main()
