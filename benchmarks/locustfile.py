"""The load `make bench` puts on the server: one user class a measurement, chosen by name on
locust's command line, reading what to ask for from the plan `prepare.py` wrote (BENCH_PLAN).

Every throughput class asks as fast as answers come (no think time): its requests a second
against the same figure for `Constant` is the page's share of the ceiling. `QuizBurst` is the
other kind: each deputy opens the quiz, starts it, answers twenty questions with a pause to
think before each, submits and reads the result, once. `QuizUnderFaults` is the burst again
while `run.py` restarts the database and kills processes: each deputy resends what failed, as
the quiz page's script does, and keeps a record of what the server confirmed for the check
afterwards.
"""

import itertools
import json
import os
import random
import re
import time

import gevent
from locust import FastHttpUser, constant, events, task

PLAN = json.loads(open(os.environ["BENCH_PLAN"]).read())  # noqa: SIM115 (read once, at import)
CSRF = "benchmarkbenchmarkbenchmarkbench"  # any 32 letters: the cookie and the header agree
# Each user takes the next session (or attempt) of its pool.
DEPUTIES = itertools.cycle(PLAN["deputies"])
ANSWERING = iter(PLAN["answering"])
SUBMITTING = iter(PLAN["submitting"])
BURST = iter(PLAN["burst"]["sessions"])
EXAM = iter(PLAN.get("exam", {}).get("sessions", []))
FAULTS = iter(PLAN.get("faults", {}).get("sessions", []))
FINISHED = []  # deputies of the burst done (or failed): the last one ends the run
CHOICE = re.compile(r'<input type="radio" name="(q(\d+))" id="[^"]*" value="(\d+)"')


class Deputy(FastHttpUser):
    abstract = True
    wait_time = constant(0)
    done = False  # a user with nothing left to do idles: locust would start a stopped one again

    def sign_in(self, session: str) -> None:
        self.headers = {
            "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Accept-Language": "zh-hans",
        }

    def on_start(self):
        self.sign_in(next(DEPUTIES))

    def get(self, url: str, name: str, **kwargs):
        with self.client.get(
            url, headers=self.headers, name=name, catch_response=True, **kwargs
        ) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")
            return r

    def post(self, url: str, name: str, data: dict, expect: int, **kwargs):
        with self.client.post(
            url, data=data, headers=self.headers, name=name, catch_response=True, **kwargs
        ) as r:
            if r.status_code != expect:
                r.failure(f"{r.status_code}: {r.text[:200]}")
            return r


class Constant(Deputy):
    """The ceiling: a view that answers two bytes, through the same middleware and workers."""

    @task
    def constant(self):
        self.get("/bench/constant", "constant view")


class Lesson(Deputy):
    @task
    def lesson(self):
        self.get(random.choice(PLAN["lessons"]), "lesson page")


class MyLearning(Deputy):
    @task
    def my_learning(self):
        self.get("/", "my learning")


class SaveAnswer(Deputy):
    """Changes its answers over and over, as the page's script saves each as it is given."""

    def on_start(self):
        self.attempt = next(ANSWERING)
        self.sign_in(self.attempt["session"])

    @task
    def answer(self):
        item, field, options = random.choice(self.attempt["items"])
        self.post(
            f"/quizzes/attempts/{self.attempt['attempt']}/answer/",
            "save answer",
            {"item": item, field: random.choice(options)},
            200,
        )


class SubmitQuiz(Deputy):
    """Submits attempts answered beforehand, one each time, until none is left."""

    def on_start(self):
        pass

    @task
    def submit(self):
        attempt = next(SUBMITTING, None)
        if attempt is None:
            gevent.sleep(1)
            return
        self.sign_in(attempt["session"])
        self.post(
            f"/quizzes/attempts/{attempt['attempt']}/submit/",
            "submit quiz",
            {},
            302,
            allow_redirects=False,
        )


class Dashboard(Deputy):
    """The first county's officer on their county's dashboard."""

    who, page, name = "officer", "dashboard", "county dashboard"

    def on_start(self):
        self.sign_in(PLAN[self.who])

    @task
    def dashboard(self):
        self.get(PLAN[self.page], self.name)


class AllCounties(Dashboard):
    """A superuser's dashboard of every county: every deputy of the data set."""

    who, page, name = "superuser", "all_counties", "all-counties dashboard"


class OneQuizEach(Deputy):
    """Each user takes the whole quiz once (`the_whole_quiz`), with the next session of the
    plan's pool `POOL`; the last one to finish ends the run."""

    abstract = True
    POOL = ""

    @task
    def take_the_quiz(self):
        if self.done:
            gevent.sleep(1)
            return
        self.done = True
        try:
            self.the_whole_quiz()
        finally:
            FINISHED.append(self)
            if len(FINISHED) == len(PLAN[self.POOL]["sessions"]):
                # In a greenlet of its own: quitting stops every user, this one included.
                gevent.spawn(self.environment.runner.quit)

    def the_whole_quiz(self):
        raise NotImplementedError

    def think(self) -> None:
        gevent.sleep(random.uniform(*self.THINK))


class QuizBurst(OneQuizEach):
    """One deputy's whole quiz, once: open, start, twenty answers each after a pause, submit,
    read the result. THINK is the pause, in seconds, from and to."""

    POOL = "burst"
    THINK = tuple(float(s) for s in os.environ.get("BENCH_THINK", "0.5,2.5").split(","))

    def on_start(self):
        session = next(BURST, None)
        self.done = session is None
        if session is not None:
            self.sign_in(session)

    def the_whole_quiz(self):
        take_the_whole_quiz(self, PLAN["burst"]["quiz"], "burst")


def take_the_whole_quiz(user: Deputy, quiz: int, phase: str) -> None:
    """Open the quiz, start it, read the twenty questions, answer each after `user.think()`,
    submit after another, read the result: one deputy's whole quiz, as a browser asks it."""
    user.get(f"/quizzes/{quiz}/", f"{phase}: quiz page")
    # A browser follows the redirect after a POST with a GET: so does this.
    started = user.post(
        f"/quizzes/{quiz}/start/", f"{phase}: start", {}, 302, allow_redirects=False
    )
    take = started.headers.get("Location", "")
    choices = {}
    with user.client.get(
        take, headers=user.headers, name=f"{phase}: the questions", catch_response=True
    ) as page:
        for field, item, option in CHOICE.findall(page.text or ""):
            choices.setdefault((field, item), []).append(option)
        if page.status_code != 200 or len(choices) != 20:
            page.failure(f"{page.status_code}, {len(choices)} questions, not 20")
            return
    for (field, item), options in choices.items():
        user.think()
        user.post(
            f"{take}answer/",
            f"{phase}: save answer",
            {"item": item, field: random.choice(options)},
            200,
        )
    user.think()
    user.post(f"{take}submit/", f"{phase}: submit", {}, 302, allow_redirects=False)
    user.get(f"{take}result/", f"{phase}: result")


class Exam(Deputy):
    """A deputy sitting a twenty-question exam with Moodle's think time (its published load
    test: 30 to 90 s between answers), over and over until the run ends: the capacity phase
    steps the number of these users. All start together, each after a wait drawn from nothing
    to one mean think time, so that the load is at its steady rate (users / mean think time)
    within a minute rather than a wave in the first second."""

    THINK = tuple(float(s) for s in os.environ.get("BENCH_EXAM_THINK", "30,90").split(","))

    def on_start(self):
        session = next(EXAM, None)
        self.done = session is None
        if session is not None:
            self.sign_in(session)
            gevent.sleep(random.uniform(0, sum(self.THINK) / 2))

    @task
    def sit_the_exam(self):
        if self.done:
            gevent.sleep(1)
            return
        take_the_whole_quiz(self, PLAN["exam"]["quiz"], "exam")
        self.think()

    def think(self) -> None:
        gevent.sleep(random.uniform(*self.THINK))


class QuizUnderFaults(OneQuizEach):
    """The quiz burst while the database restarts and processes die: each deputy takes the whole
    quiz once, then changes a few answers, as `QuizBurst` does, but sends every answer as the
    quiz page's script does (static/js/quiz.js): numbered (`seq`), and sent again every
    RESEND seconds until the server confirms it (saved, or stale: a later change is saved),
    a connection error or a server error being no answer. Opening the quiz, starting, reading
    the questions, submitting and reading the result are sent again the same way (a browser's
    reload; starting gives the open attempt, submitting twice grades once).

    Records, for `run.py`'s check against the database (BENCH_FAULTS_RECORD): each request's
    start, end and outcome; each deputy's attempt, the option last confirmed for each question
    and any change never confirmed; whether the submission was."""

    POOL = "faults"
    THINK = QuizBurst.THINK
    RESEND = float(os.environ.get("BENCH_RESEND", 5))  # the page's flush: every 5 s
    GIVE_UP = float(os.environ.get("BENCH_GIVE_UP", 150))  # a deputy's whole quiz, at most
    CHANGES = 3  # answers changed after the first pass: the last change must win
    requests: list = []  # [start, end, ok, name], every deputy's, in time.time() seconds
    deputies: list = []

    def on_start(self):
        session = next(FAULTS, None)
        self.done = session is None
        if session is not None:
            self.sign_in(session)
            self.mine = {"attempt": None, "saved": {}, "unsent": {}, "submitted": False}
            QuizUnderFaults.deputies.append(self.mine)

    def until_answered(self, method: str, url: str, name: str, ok, **kwargs):
        """The request, sent again every RESEND seconds until `ok(response)`; None if the deputy
        gave up (GIVE_UP seconds after starting). Compare with None: a response whose status is
        not 2xx (a redirect) is falsy."""
        while True:
            began = time.time()
            with getattr(self.client, method)(
                url, headers=self.headers, name=name, catch_response=True, **kwargs
            ) as r:
                answered = ok(r)
                if not answered:
                    r.failure(f"{r.status_code}: {(r.text or '')[:200]}")
            QuizUnderFaults.requests.append([began, time.time(), answered, name])
            if answered:
                return r
            if time.monotonic() > self.until:
                return None
            gevent.sleep(self.RESEND)

    def the_whole_quiz(self):
        self.until = time.monotonic() + self.GIVE_UP
        quiz = PLAN["faults"]["quiz"]
        phase = "faults"
        opened = self.until_answered(
            "get", f"/quizzes/{quiz}/", f"{phase}: quiz page", lambda r: r.status_code == 200
        )
        if opened is None:
            return
        started = self.until_answered(
            "post",
            f"/quizzes/{quiz}/start/",
            f"{phase}: start",
            lambda r: r.status_code == 302,
            data={},
            allow_redirects=False,
        )
        if started is None:
            return
        take = started.headers.get("Location", "")
        self.mine["attempt"] = int(take.rstrip("/").rsplit("/", 1)[-1])
        choices = {}

        def read(page) -> bool:
            choices.clear()
            for field, item, option in CHOICE.findall(page.text or ""):
                choices.setdefault((field, item), []).append(option)
            return page.status_code == 200 and len(choices) == 20

        if self.until_answered("get", take, f"{phase}: the questions", read) is None:
            return
        seq = {}
        changes = [*choices.items(), *random.sample(list(choices.items()), self.CHANGES)]
        for (field, item), options in changes:
            self.think()
            option = random.choice(
                [o for o in options if o != self.mine["saved"].get(item)] or options
            )
            seq[item] = seq.get(item, 0) + 1
            self.mine["unsent"][item] = option
            confirmed = self.until_answered(
                "post",
                f"{take}answer/",
                f"{phase}: save answer",
                # 200: saved, or stale (a later change is saved); the page stops at 400 and
                # 409 too, but neither should come here.
                lambda r: r.status_code == 200,
                data={"item": item, "seq": seq[item], field: option},
            )
            if confirmed is None:
                return
            self.mine["saved"][item] = self.mine["unsent"].pop(item)
        self.think()
        submitted = self.until_answered(
            "post",
            f"{take}submit/",
            f"{phase}: submit",
            lambda r: r.status_code == 302 and "/result/" in r.headers.get("Location", ""),
            data={},
            allow_redirects=False,
        )
        if submitted is not None:
            self.mine["submitted"] = True
            self.until_answered(
                "get", f"{take}result/", f"{phase}: result", lambda r: r.status_code == 200
            )


@events.quitting.add_listener
def write_the_faults_record(environment, **kwargs):
    if QuizUnderFaults.deputies and os.environ.get("BENCH_FAULTS_RECORD"):
        record = {"requests": QuizUnderFaults.requests, "deputies": QuizUnderFaults.deputies}
        with open(os.environ["BENCH_FAULTS_RECORD"], "w") as out:
            json.dump(record, out)
