"""`make bench`: the whole benchmark, from an empty database to a table of figures.

    .venv/bin/python benchmarks/run.py [--only sqlite|postgres|certificates] [--reuse]
                                       [--phase Constant --phase SaveAnswer …]

`--reuse` keeps a data set an earlier run seeded; `--phase` runs only the locust classes named
(QuizBurst and Exam included) and, named Faults, the faults phase: for profiling one request
before and after a change, or for that phase alone (`--only postgres --phase Faults`).

For each of two set-ups it builds seed_scale's data, serves it with gunicorn as production does
and drives it with locust, headless, from this machine:
- SQLite (WAL, sessions in the database), 2,500 deputies: a county on one machine;
- PostgreSQL with Redis (cache and sessions), 100,000 deputies: a province's data behind the
  same pages.
In each: throughput and p50/p95 for a bare view answering a constant (the ceiling), a lesson
page, "my learning", saving a quiz answer, submitting a quiz and the county dashboard, each
with the same number of users asking without pause; the dashboard again one request at a time
(its latency), and on PostgreSQL a superuser's dashboard of every county, one at a time; then
the quiz burst, 1,000 deputies taking a twenty-question quiz within a minute.
On PostgreSQL, then, the capacity phase (the exam, see CAPACITY_STEPS) and the faults phase:
a burst of 200 deputies during which the harness restarts the local PostgreSQL server
(`pg_ctlcluster`), kills a gunicorn worker and the tasks worker (`faults()`). It needs root on
a machine whose database server nothing else relies on: never run it in CI (the test suite
does not, and run.py leaves it out when CI is set). PostgreSQL is started again whatever
happens.
Then the certificates: time and size a PDF, and a batch of 1,000 with two workers.
Before the load, in each set-up, every request is asked again in one process
(benchmarks/where_time_goes.py): its time split into SQL, templates and the rest, and the
functions of ours that take the most, so that a target not met comes with its cause measured.

Writes benchmarks/results/latest.json and latest.md (scripts/performance_doc.py puts the table
in docs/performance.md) and prints the table. Every figure of a run comes from that run, so
ratios are between like and like.
"""

import argparse
import contextlib
import csv
import json
import os
import platform
import random
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from report import markdown  # benchmarks/, this script's folder, is on the path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
WORK = Path(os.environ.get("BENCH_WORK") or Path(tempfile.gettempdir()) / "bench-run")
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
PORT = int(os.environ.get("BENCH_PORT", 8737))
WORKERS = 4  # gunicorn's sync workers: two a core, as CPU-bound pages want
USERS = 8  # concurrent users of a throughput phase: enough to keep every worker busy
SECONDS = int(os.environ.get("BENCH_SECONDS", 20))  # a throughput phase's length

SETUPS = {
    "sqlite": {"label": "SQLite, 2,500 deputies", "deputies": 2500},
    "postgres": {"label": "PostgreSQL + Redis, 100,000 deputies", "deputies": 100_000},
}
# The capacity phase (Moodle's load test: a twenty-question exam, 30 to 90 s between answers):
# users in steps, each step BENCH_CAPACITY_SECONDS long, until one misses p95 < 500 ms with no
# error; run on the production set-up only (a step takes minutes).
CAPACITY_SETUPS = os.environ.get("BENCH_CAPACITY_SETUPS", "postgres").split(",")
CAPACITY_STEPS = [
    int(n) for n in os.environ.get("BENCH_CAPACITY_STEPS", "1000,2000,4000,8000").split(",")
]
CAPACITY_SECONDS = int(os.environ.get("BENCH_CAPACITY_SECONDS", 180))
CAPACITY_P95_MS = 500
PHASES = [  # (locust class, what it measures, users)
    ("Constant", "constant view", USERS),
    ("Lesson", "lesson page", USERS),
    ("MyLearning", "my learning", USERS),
    ("SaveAnswer", "save answer", USERS),
    ("SubmitQuiz", "submit quiz", USERS),
    ("Dashboard", "county dashboard", USERS),
]


def say(line: str) -> None:
    print(line, flush=True)


def run(args: list, env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], env=env, cwd=ROOT, check=True, **kwargs)


def manage(env: dict, *args) -> None:
    run([PYTHON, "manage.py", *args], env)


# Databases ---------------------------------------------------------------------------------


def fresh_database(setup: str, deputies: int, reuse: bool) -> tuple[str, bool]:
    """The database URL for the set-up, emptied unless `reuse` finds it seeded already; and
    whether it must be seeded."""
    if setup == "sqlite":
        path = WORK / f"bench-{deputies}.sqlite3"
        if reuse and path.exists():
            return f"sqlite:///{path}", False
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}", True
    import psycopg

    name = f"bench_scale_{deputies}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reuse:
            return f"{PG_SERVER}/{name}", False
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_SERVER}/{name}", True


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


# The server --------------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn(env: dict):
    log = open(WORK / "gunicorn.log", "ab")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [
            ROOT / ".venv" / "bin" / "gunicorn",
            "training_site.wsgi:application",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={WORKERS}",
            "--backlog=2048",
            "--timeout=120",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
                break
            except OSError as exc:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(
                        f"gunicorn did not start: see {WORK / 'gunicorn.log'}"
                    ) from exc
                time.sleep(0.5)
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def memory_of(server: subprocess.Popen) -> dict:
    """The resident memory of gunicorn's workers, in MB."""
    import psutil

    workers = psutil.Process(server.pid).children()
    sizes = [w.memory_info().rss / 1e6 for w in workers]
    return {"workers": len(sizes), "max_mb": round(max(sizes), 1), "total_mb": round(sum(sizes), 1)}


def locust(env: dict, user_class: str, users: int, spawn_rate: float, seconds: int, tag: str):
    """One locust run, headless; the rows of its stats file, by request name."""
    prefix = WORK / tag
    run(
        [
            ROOT / ".venv" / "bin" / "locust",
            "-f",
            BENCH / "locustfile.py",
            "--headless",
            "--only-summary",
            "--skip-log-setup",
            f"--users={users}",
            f"--spawn-rate={spawn_rate}",
            f"--run-time={seconds}s",
            f"--host=http://127.0.0.1:{PORT}",
            f"--csv={prefix}",
            "--stop-timeout=30",
            "--exit-code-on-error=0",
            user_class,
        ],
        env,
        stdout=subprocess.DEVNULL,
        stderr=open(WORK / "locust.log", "ab"),  # noqa: SIM115
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def figures(row: dict) -> dict:
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "max_ms": float(row["Max Response Time"]),
    }


def burst_outcome(env: dict, plan: dict) -> dict:
    """What the database says the burst did: attempts started and submitted."""
    code = (
        "from quizzes.models import Attempt;"
        f"a = Attempt.objects.filter(quiz_id={plan['burst']['quiz']});"
        "print(a.count(), a.exclude(status='open').count())"
    )
    out = run([PYTHON, "manage.py", "shell", "-c", code], env, capture_output=True, text=True)
    started, submitted = (int(n) for n in out.stdout.splitlines()[-1].split())
    return {"started": started, "submitted": submitted}


def serve_and_load(setup: str, reuse: bool, only: list | None) -> dict:
    spec = SETUPS[setup]
    url, seed = fresh_database(setup, spec["deputies"], reuse)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(WORK / "media"),
        "PYTHONUNBUFFERED": "1",
    }
    say(f"\n== {spec['label']} ({url})")
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v", "0")
    if seed:
        manage(env, "seed_scale", "--deputies", spec["deputies"], "-v", "0")
    seeding = time.perf_counter() - started
    say(f"database ready in {seeding:.0f} s")
    if setup == "postgres":
        flush_redis()
    plan_path = WORK / f"plan-{setup}.json"
    capacity_wanted = setup in CAPACITY_SETUPS and (not only or "Exam" in only)
    exam = max(CAPACITY_STEPS) if capacity_wanted else 0
    # Never where CI runs (CI=true in GitHub's and GitLab's runners): it restarts the server.
    faults_wanted = (
        setup == "postgres" and (not only or "Faults" in only) and not os.environ.get("CI")
    )
    run(
        [
            PYTHON,
            BENCH / "prepare.py",
            plan_path,
            f"--exam={exam}",
            f"--faults={FAULTS_DEPUTIES if faults_wanted else 0}",
        ],
        env,
    )
    plan = json.loads(plan_path.read_text())
    env["BENCH_PLAN"] = str(plan_path)
    result = {"label": spec["label"], "deputies": spec["deputies"], "seed_s": round(seeding)}
    result["county"] = plan["county"]
    if not only:
        result["profile"] = where_time_goes(env, setup)
    with gunicorn(env) as server:
        phases = {}
        for user_class, label, users in PHASES:
            if only and user_class not in only:
                continue
            rows = locust(env, user_class, users, users, SECONDS, f"{setup}-{user_class}")
            phases[label] = {"users": users, **figures(rows[label])}
            say(f"  {label}: {phases[label]}")
        if not only or "Dashboard" in only:
            rows = locust(env, "Dashboard", 1, 1, SECONDS, f"{setup}-dashboard-alone")
            alone = {"users": 1, **figures(rows["county dashboard"])}
            phases["county dashboard, one at a time"] = alone
            say(f"  county dashboard alone: {alone}")
        if setup == "postgres" and (not only or "AllCounties" in only):
            # The province's view: every county, a superuser's, one request at a time.
            rows = locust(env, "AllCounties", 1, 1, SECONDS, f"{setup}-all-counties")
            alone = {"users": 1, **figures(rows["all-counties dashboard"])}
            phases["all-counties dashboard, one at a time"] = alone
            say(f"  all-counties dashboard alone: {alone}")
        ceiling = phases.get("constant view", {}).get("rps")
        for phase in phases.values():
            phase["share_of_ceiling"] = round(phase["rps"] / ceiling, 3) if ceiling else None
        result["phases"] = phases
        if not only or "QuizBurst" in only:
            result["burst"] = quiz_burst(env, plan, setup, server)
        if capacity_wanted:
            result["capacity"] = capacity(env, plan, setup)
        if faults_wanted:
            result["faults"] = faults(env, plan, setup, server)
        result["memory"] = memory_of(server)
    return result


def where_time_goes(env: dict, setup: str) -> dict:
    """Each measured request's time in one process, split into SQL, templates and the rest,
    with the functions of ours that take the most (benchmarks/where_time_goes.py)."""
    out = WORK / f"profile-{setup}.json"
    run([PYTHON, BENCH / "where_time_goes.py", out], env)
    found = json.loads(out.read_text())
    say(f"  in one process: { {name: f['ms'] for name, f in found.items()} } ms")
    return found


def server_cpu_s(server: subprocess.Popen) -> float:
    """The CPU time gunicorn (its master and workers) has used so far, in seconds."""
    import psutil

    master = psutil.Process(server.pid)
    times = [p.cpu_times() for p in [master, *master.children()]]
    return sum(t.user + t.system for t in times)


def children_cpu_s() -> float:
    """The CPU time of this process's children that have ended (a locust run, once it has)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


BURST_THINK = [float(s) for s in os.environ.get("BENCH_THINK", "0.5,2.5").split(",")]


def quiz_burst(env: dict, plan: dict, setup: str, server: subprocess.Popen) -> dict:
    """1,000 deputies arrive over the first 20 seconds and each takes the whole quiz once,
    thinking 0.5 to 2.5 s before each answer and before submitting: done within a minute if
    the server keeps up. The run ends when the last deputy has read their result, or at 180 s.
    The server's CPU time over the run, shared by the deputies, is one deputy's whole quiz."""
    deputies = len(plan["burst"]["sessions"])
    cpu = server_cpu_s(server)
    started = time.perf_counter()
    rows = locust(env, "QuizBurst", deputies, deputies / 20, 180, f"{setup}-burst")
    took = time.perf_counter() - started
    cpu = server_cpu_s(server) - cpu
    total = rows["Aggregated"]
    burst = {
        "deputies": deputies,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "max_ms": float(total["Max Response Time"]),
        "rps": round(float(total["Requests/s"]), 1),
        "by_request": {name: figures(row) for name, row in rows.items() if name != "Aggregated"},
        "wall_s": round(took),
        "cpu_ms_a_deputy": round(cpu * 1000 / deputies, 1),
        # However fast the server: the last deputy arrives at 20 s, then thinks 21 times.
        "think_floor_s": round(20 + 21 * sum(BURST_THINK) / 2),
        **burst_outcome(env, plan),
    }
    say(f"  quiz burst: { ({k: v for k, v in burst.items() if k != 'by_request'}) }")
    return burst


def capacity(env: dict, plan: dict, setup: str) -> dict:
    """The most deputies sitting the exam at once (Moodle's think time) that the server answers
    with p95 under 500 ms and no error: steps of CAPACITY_STEPS users, stopping at the first
    step that misses, then one step halfway between the last that held and it. For each step,
    locust's own CPU share of the machine: when it nears the cores, the load generator, not the
    server, is the limit."""
    sessions = len(plan["exam"]["sessions"])
    steps, held, missed = [], None, None

    def step(users: int) -> bool:
        cpu = children_cpu_s()
        began = time.perf_counter()
        rows = locust(env, "Exam", users, users, CAPACITY_SECONDS, f"{setup}-exam-{users}")
        wall = time.perf_counter() - began
        total = rows["Aggregated"]
        figures_ = {
            "users": users,
            **figures(total),
            "locust_cpu_share": round((children_cpu_s() - cpu) / (wall * os.cpu_count()), 2),
        }
        ok = figures_["failures"] == 0 and figures_["p95_ms"] < CAPACITY_P95_MS
        steps.append({**figures_, "held": ok})
        say(f"  exam with {users:,} deputies: {steps[-1]}")
        return ok

    for users in sorted(n for n in CAPACITY_STEPS if n <= sessions):
        if step(users):
            held = users
        else:
            missed = users
            break
    if held and missed and missed - held > held // 4:
        middle = (held + missed) // 2
        if step(middle):
            held = middle
    cores = os.cpu_count()
    return {
        "think_s": os.environ.get("BENCH_EXAM_THINK", "30,90"),
        "seconds_a_step": CAPACITY_SECONDS,
        "steps": steps,
        "users": held or 0,
        "users_a_core": round((held or 0) / cores),
        "limit_found": missed is not None,
    }


# Faults ------------------------------------------------------------------------------------

FAULTS_DEPUTIES = 200
# When the faults strike, in seconds after the burst begins: about a third of its length
# (arrivals over 10 s, then 24 pauses of 0.5 to 2.5 s).
FAULT_AT = float(os.environ.get("BENCH_FAULT_AT", 15))
DATABASE_DOWN_S = float(os.environ.get("BENCH_DATABASE_DOWN", 5))


def postgres(action: str) -> subprocess.CompletedProcess:
    """`pg_ctlcluster` on the machine's cluster (Debian's layout: /etc/postgresql/<version>)."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        capture_output=True,
        text=True,
        check=action != "status",
    )


class TasksWorker:
    """`manage.py db_worker` kept running as systemd keeps it (deploy/systemd: Restart=always,
    RestartSec=5): started again 5 s after it ends, however it ended."""

    def __init__(self, env: dict):
        self.env, self.process, self.starts, self.stopping = env, None, 0, False
        self.log = open(WORK / "db_worker.log", "ab")  # noqa: SIM115 (closed in stop())
        self.start()
        self.watch = threading.Thread(target=self.keep_running, daemon=True)
        self.watch.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker"],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        self.starts += 1

    def keep_running(self) -> None:
        while not self.stopping:
            if self.process.poll() is not None:
                time.sleep(5)
                if not self.stopping:
                    self.start()
            time.sleep(0.2)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)

    def stop(self) -> None:
        self.stopping = True
        self.watch.join()
        self.process.terminate()
        self.process.wait(timeout=130)
        self.log.close()


def faults(env: dict, plan: dict, setup: str, server: subprocess.Popen) -> dict:
    """200 deputies take the quiz (`QuizUnderFaults`: they resend as the page does) while, at
    FAULT_AT seconds, PostgreSQL stops for DATABASE_DOWN_S seconds and one gunicorn worker and
    the tasks worker are killed with SIGKILL (gunicorn's master and the tasks worker's
    supervisor start new ones), the two killed first, with requests in hand, then the database
    stopped. Measures the requests that failed while the site was out and
    the time from the stop until a request sent after it succeeds again; then checks the
    database against what each deputy was told (benchmarks/faults_check.py). PostgreSQL is
    started again whatever happens."""
    import psutil

    deputies = len(plan["faults"]["sessions"])
    record_path = WORK / f"{setup}-faults-record.json"
    record_path.unlink(missing_ok=True)
    env = {**env, "BENCH_FAULTS_RECORD": str(record_path)}
    worker = TasksWorker(env)
    moments = {}

    def strike():
        time.sleep(FAULT_AT)
        random.choice(psutil.Process(server.pid).children()).send_signal(signal.SIGKILL)
        worker.kill()
        moments["stop"] = time.time()
        try:
            postgres("stop")
            moments["stopped"] = time.time()
            time.sleep(DATABASE_DOWN_S)
        finally:
            moments["start"] = time.time()
            postgres("start")

    striker = threading.Thread(target=strike, daemon=True)
    try:
        striker.start()
        started = time.perf_counter()
        rows = locust(env, "QuizUnderFaults", deputies, deputies / 10, 240, f"{setup}-faults")
        took = time.perf_counter() - started
    finally:
        striker.join()
        if postgres("status").returncode != 0:
            postgres("start")
        time.sleep(6)  # the supervisor's 5 s, should the worker have ended again meanwhile
        worker_running = worker.process.poll() is None
        worker.stop()
    record = json.loads(record_path.read_text())
    requests = record["requests"]
    stop = moments["stop"]
    back = min(
        (end for begun, end, ok, _name in requests if ok and begun >= moments["stopped"]),
        default=None,
    )
    failed = [end for _begun, end, ok, _name in requests if not ok]
    out = run(
        [PYTHON, BENCH / "faults_check.py", WORK / f"plan-{setup}.json", record_path],
        env,
        capture_output=True,
        text=True,
    )
    result = {
        "deputies": deputies,
        "requests": len(requests),
        "failed": len(failed),
        "failed_in_outage": sum(1 for end in failed if stop <= end <= (back or end)),
        "failed_otherwise": sum(1 for end in failed if end < stop or (back and end > back)),
        # From the stop asked until the start asked: the server takes a moment more to answer.
        "database_down_s": round(moments["start"] - stop, 1),
        "recover_s": round(back - stop, 1) if back else None,
        "tasks_worker_starts": worker.starts,
        "tasks_worker_running": worker_running,
        "wall_s": round(took),
        "locust_failures": int(rows["Aggregated"]["Failure Count"]),
        **json.loads(out.stdout.strip().splitlines()[-1]),
    }
    say(f"  quiz burst under faults: {result}")
    return result


# Certificates ------------------------------------------------------------------------------


def certificates() -> dict:
    (WORK / "certificates").mkdir(exist_ok=True)
    env = {**os.environ, "BENCH_WORK": str(WORK / "certificates")}
    out = run([PYTHON, BENCH / "certificates.py", "--json"], env, stdout=subprocess.PIPE, text=True)
    out = out.stdout
    result = json.loads(out.strip().splitlines()[-1])
    say(f"\n== certificates: {result}")
    return result


# The record --------------------------------------------------------------------------------


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1]) // 1024**2
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory,
        "python": platform.python_version(),
        "commit": commit,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "gunicorn_workers": WORKERS,
        "users_a_phase": USERS,
        "seconds_a_phase": SECONDS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=[*SETUPS, "certificates"], action="append")
    parser.add_argument("--reuse", action="store_true", help="keep a data set already seeded")
    parser.add_argument(
        "--phase",
        action="append",
        help="only this locust class, or Faults (repeat for more): for profiling",
    )
    args = parser.parse_args()
    wanted = args.only or [*SETUPS, "certificates"]
    WORK.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(WORK / "media", ignore_errors=True)
    began = time.perf_counter()
    static = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    manage({**static, "DATABASE_URL": "sqlite://:memory:"}, "collectstatic", "--noinput", "-v", "0")
    record = {"machine": machine(), "setups": {}}
    RESULTS.mkdir(exist_ok=True)

    def save():  # after each part, so that a later part failing loses nothing measured
        record["machine"]["took_s"] = round(time.perf_counter() - began)
        (RESULTS / "latest.json").write_text(
            json.dumps(record, indent=2, ensure_ascii=False) + "\n"
        )

    for setup in SETUPS:
        if setup in wanted:
            record["setups"][setup] = serve_and_load(setup, args.reuse, args.phase)
            save()
    if "certificates" in wanted:
        record["certificates"] = certificates()
        save()
    table = markdown(record)
    (RESULTS / "latest.md").write_text(table)
    say("\n" + table)


if __name__ == "__main__":
    main()
