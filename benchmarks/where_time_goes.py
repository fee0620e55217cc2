"""Where a request's time goes, in one process: `make bench` runs it in each set-up, before the
load, so that a target not met comes with its cause measured.

    DJANGO_SETTINGS_MODULE=benchmarks.settings DATABASE_URL=… BENCH_PLAN=plan.json \\
        python benchmarks/where_time_goes.py out.json [--rounds 30]

Asks each measured request through Django's test client (no server, no network), signed in
with a session of the plan, as many times as `--rounds`, after one request to warm the caches
as a running worker has them. For each it records the median time and how it splits:
- SQL: the queries one request makes, and the time spent waiting for them (the database's
  answer and the driver), taken by a `connection.execute_wrapper`;
- templates: the time inside the template engine, less the SQL it runs (lazy querysets);
- the rest: Python of ours and Django's (routing, middleware, building queries, views);
and, from cProfile over the same rounds, the functions of this project that take the most of
it (by cumulative time, leaving out those that wrap the whole request, such as middleware).

The constant view is measured the same way: every figure is a multiple of it, as on the load
test's table. Submitting takes attempts the plan set aside for it, which it removes from the
plan so that the load test does not submit them again.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREFIXES = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.template.backends import django as django_backend  # noqa: E402
from django.test import Client  # noqa: E402

# A middleware's hooks wrap the whole request: what they take is said by the view's share.
MIDDLEWARE_HOOKS = {"__call__", "process_request", "process_view", "process_response"}


class Timer:
    """SQL and template time of the requests asked while it is installed."""

    def __init__(self):
        self.sql_s = 0.0
        self.queries = 0
        self.template_s = 0.0
        self._depth = 0

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql_s += time.perf_counter() - began
            self.queries += 1

    @contextmanager
    def installed(self):
        render = django_backend.Template.render
        timer = self

        def timed_render(template, *args, **kwargs):
            if timer._depth:
                return render(template, *args, **kwargs)
            timer._depth += 1
            began, sql = time.perf_counter(), timer.sql_s
            try:
                return render(template, *args, **kwargs)
            finally:
                timer._depth -= 1
                timer.template_s += time.perf_counter() - began - (timer.sql_s - sql)

        django_backend.Template.render = timed_render
        try:
            with connection.execute_wrapper(self):
                yield self
        finally:
            django_backend.Template.render = render


def installed(path: Path) -> bool:
    """A file of an installed package or of Python itself, wherever the environment lives: a
    venv inside the checkout may be called anything (CI makes `.venv-3.12`)."""
    return (
        "site-packages" in path.parts
        or "dist-packages" in path.parts
        or any(prefix in path.parents for prefix in PREFIXES)
    )


def ours(stats: pstats.Stats, total_s: float, median_ms: float) -> list[dict]:
    """The project's own functions taking the most of the requests, by cumulative time, with
    the middleware left out: their share of the profiled requests, and that share of the
    median time (the profiler slows every call, so its own times are not the request's)."""
    found = []
    for (filename, line, name), (_, _, _, cumulative, _) in stats.stats.items():
        path = Path(filename)
        if not path.is_absolute() or ROOT not in path.parents or installed(path):
            continue
        if path.parent.name == "benchmarks" or name in MIDDLEWARE_HOOKS:
            continue
        share = min(cumulative / total_s, 1)
        found.append(
            {
                "function": f"{path.relative_to(ROOT)}:{line} {name}",
                "share": round(share, 2),
                "ms": round(share * median_ms, 1),
            }
        )
    found.sort(key=lambda f: -f["share"])
    # A function and the one it calls with nearly all its time say the same: keep the outer.
    kept = []
    for item in found:
        if any(abs(item["share"] - k["share"]) < 0.05 * k["share"] for k in kept):
            continue
        kept.append(item)
        if len(kept) == 4:
            break
    return kept


def measure(ask, rounds: int) -> dict:
    ask()  # warm: the caches a running worker has
    timer = Timer()
    times = []
    with timer.installed():
        for _ in range(rounds):
            began = time.perf_counter()
            ask()
            times.append(time.perf_counter() - began)
    profiler = cProfile.Profile()
    profiler.enable()
    began = time.perf_counter()
    for _ in range(rounds):
        ask()
    profiled_s = time.perf_counter() - began
    profiler.disable()
    total, median_ms = sum(times), statistics.median(times) * 1000
    return {
        "ms": round(median_ms, 2),
        "queries": round(timer.queries / rounds),
        "sql_ms": round(timer.sql_s * 1000 / rounds, 2),
        "template_ms": round(timer.template_s * 1000 / rounds, 2),
        "rest_ms": round((total - timer.sql_s - timer.template_s) * 1000 / rounds, 2),
        "ours": ours(pstats.Stats(profiler), profiled_s, median_ms),
    }


def client_for(session: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.cookies["sessionid"] = session
    return client


def expect(response, status: int):
    if response.status_code != status:
        raise RuntimeError(f"{response.request['PATH_INFO']} answered {response.status_code}")
    return response


def requests(plan: dict, rounds: int) -> dict:
    """The requests measured, by the load test's names: a function asking each once."""
    deputy = client_for(plan["deputies"][0])
    answering = plan["answering"][0]
    answerer = client_for(answering["session"])
    item, field, options = answering["items"][0]
    answer_url = f"/quizzes/attempts/{answering['attempt']}/answer/"
    # One attempt a request (and one to warm), taken off the plan's list for the load test.
    to_submit = iter(plan["submitting"][-(rounds * 2 + 2) :])
    del plan["submitting"][-(rounds * 2 + 2) :]
    officer = client_for(plan["officer"])
    submitter = client_for("")  # one client: each new one would load the middleware again

    def submit():
        attempt = next(to_submit)
        submitter.cookies["sessionid"] = attempt["session"]
        expect(submitter.post(f"/quizzes/attempts/{attempt['attempt']}/submit/"), 302)

    return {
        "constant view": lambda: expect(deputy.get("/bench/constant"), 200),
        "lesson page": lambda: expect(deputy.get(plan["lessons"][0]), 200),
        "my learning": lambda: expect(deputy.get("/"), 200),
        "save answer": lambda: expect(
            answerer.post(answer_url, {"item": item, field: options[0]}), 200
        ),
        "submit quiz": submit,
        "county dashboard": lambda: expect(officer.get(plan["dashboard"]), 200),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    plan_path = Path(os.environ["BENCH_PLAN"])
    plan = json.loads(plan_path.read_text())
    asked = requests(plan, args.rounds)
    plan_path.write_text(json.dumps(plan))  # without the attempts submitted here
    found = {name: measure(ask, args.rounds) for name, ask in asked.items()}
    base = found["constant view"]["ms"]
    for figures in found.values():
        figures["times_constant"] = round(figures["ms"] / base, 1) if base else None
    args.out.write_text(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
