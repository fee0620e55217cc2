"""Search latency on the demo data: `make bench-search`.

Loads the demo (with the official texts in ../shared/laws when they are there) into its own
SQLite file, or into the database DATABASE_URL names, then times the search page for terms a
deputy types, in process through Django's test client. Each figure is also given as a ratio to
/healthz measured in the same run, since these machines are noisy.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training_site.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench-search.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

TERMS = ["议案", "联名", "质询", "罢免", "选民", "代表小组", "人民代表大会", "差额选举"]
ROUNDS = 30


def timed(client: Client, url: str, params=None) -> list[float]:
    client.get(url, params)  # warm caches, as a running server has them
    runs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url, params)
        runs.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return runs


def main() -> None:
    call_command("migrate", verbosity=0)
    laws = ROOT.parent / "shared" / "laws"
    seed = ["seed_demo", "--laws", str(laws)] if laws.is_dir() else ["seed_demo"]
    with open(os.devnull, "w") as quiet:
        call_command(*seed, stdout=quiet)
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="zh-hans")
    bare = statistics.median(timed(client, "/healthz"))
    engine = django.db.connection.vendor
    print(f"Search on the demo data ({engine}), {ROUNDS} runs a term, in process")
    print(f"/healthz median {bare:.1f} ms (the ratio's base)\n")
    print("| term | median ms | p95 ms | × /healthz |")
    print("| --- | ---: | ---: | ---: |")
    worst = 0.0
    for term in TERMS:
        runs = sorted(timed(client, "/search/", {"q": term}))
        median, p95 = statistics.median(runs), runs[int(len(runs) * 0.95) - 1]
        worst = max(worst, p95)
        print(f"| {term} | {median:.1f} | {p95:.1f} | {median / bare:.1f} |")
    print(f"\nWorst p95: {worst:.1f} ms (target: under 200 ms)")


if __name__ == "__main__":
    main()
