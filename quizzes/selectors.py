"""Reads of the question bank and of attempts that span relations: the questions a draw picks
from, the category tree, where a question is used; an attempt's questions and its result, in a
fixed number of queries."""

import functools

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from materials.models import Article

from .models import (
    Attempt,
    AttemptQuestion,
    Category,
    Question,
    QuestionArticle,
    Quiz,
    QuizDraw,
    QuizQuestion,
)


def _category_children() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    return children


def _subtree(category_id: int, children) -> list[int]:
    found, todo = [], [category_id]
    while todo:
        pk = todo.pop()
        found.append(pk)
        todo.extend(children.get(pk, ()))
    return found


def category_tree_ids(category_id: int) -> list[int]:
    """The category and all its subcategories, at any depth, in one query: the tree is
    small, so it is read whole and walked here rather than joined level by level."""
    return _subtree(category_id, _category_children())


def category_paths() -> dict[int, str]:
    """Every category's path ("代表法/闭会期间的活动") by id, in one query."""
    rows = {
        pk: (name, parent_id)
        for pk, name, parent_id in Category.objects.values_list("pk", "name", "parent_id")
    }
    paths: dict[int, str] = {}

    def path(pk):
        if pk not in paths:
            name, parent_id = rows[pk]
            paths[pk] = f"{path(parent_id)}/{name}" if parent_id in rows else name
        return paths[pk]

    for pk in rows:
        path(pk)
    return paths


def _draw_filter(draw: QuizDraw, children) -> Q:
    """What a question must be to fit the draw, besides ready."""
    fits = Q()
    if draw.category_id:
        fits &= Q(category_id__in=_subtree(draw.category_id, children))
    if draw.law_id:
        links = QuestionArticle.objects.filter(law_id=draw.law_id)
        if draw.chapter is not None:
            numbers = Article.objects.current().filter(
                version__law_id=draw.law_id, chapter__number=draw.chapter
            )
            links = links.filter(article__in=numbers.values("number"))
        fits &= Q(pk__in=links.values("question_id"))
    if draw.difficulty:
        fits &= Q(difficulty=draw.difficulty)
    return fits


def draw_candidates(draw: QuizDraw) -> QuerySet[Question]:
    """The ready questions a random draw may pick from: every filter the draw sets must match.

    - category: the category or any of its subcategories;
    - law: questions with an article link to that law;
    - law and chapter: links whose article number is in that chapter of the version in force
      (a law without imported text has no chapters, so nothing matches);
    - difficulty.

    One query to read the category tree when the draw has a category; the questions are a
    lazy queryset without joins, so it never repeats a question.
    """
    children = _category_children() if draw.category_id else {}
    return Question.objects.ready().filter(_draw_filter(draw, children))


def draw_pool_sizes(draws) -> list[tuple[QuizDraw, int]]:
    """Each draw with how many questions it can pick from, in two queries however many draws
    (the category tree, then one count per draw in a single aggregate)."""
    draws = list(draws)
    if not draws:
        return []
    children = _category_children() if any(draw.category_id for draw in draws) else {}
    counts = Question.objects.ready().aggregate(
        **{
            f"draw_{i}": Count("pk", filter=_draw_filter(draw, children) or None)
            for i, draw in enumerate(draws)
        }
    )
    return [(draw, counts[f"draw_{i}"]) for i, draw in enumerate(draws)]


def question_usage(question: Question) -> dict[str, int]:
    """How many attempts and quizzes use the question: either keeps it from being deleted."""
    return {
        "attempts": AttemptQuestion.objects.filter(question=question).count(),
        "quizzes": QuizQuestion.objects.filter(question=question).values("quiz").distinct().count(),
    }


def quizzes_with_question_counts() -> QuerySet[Quiz]:
    """Every quiz with `question_count`: the questions it chooses plus those its draws ask for,
    counted in the same query."""
    picks = (
        QuizQuestion.objects.filter(quiz=OuterRef("pk"))
        .values("quiz")
        .annotate(n=Count("pk"))
        .values("n")
    )
    drawn = (
        QuizDraw.objects.filter(quiz=OuterRef("pk"))
        .values("quiz")
        .annotate(n=Sum("count"))
        .values("n")
    )
    return Quiz.objects.annotate(
        question_count=Coalesce(Subquery(picks, output_field=IntegerField()), 0)
        + Coalesce(Subquery(drawn, output_field=IntegerField()), 0)
    )


def own_attempt(user, pk) -> Attempt:
    """The user's own attempt, with its quiz and deputy, in one query; or 404: nobody sees
    another deputy's attempt this way, and a user who is no deputy has none."""
    attempt = (
        Attempt.objects.select_related("quiz", "deputy")
        .filter(pk=pk, deputy__user_id=user.pk)
        .first()
    )
    if attempt is None:
        raise Http404("No such attempt")
    # The user's deputy is known now: linking them spares the page's menu asking again.
    attempt.deputy.user = user
    return attempt


# What the answer a page's script sends needs of its question, besides the attempt's and the
# quiz's rows: its id, type and last change (the key `questions_for_answers` keeps it under).
_ANSWERED_QUESTION_FIELDS = ("id", "polymorphic_ctype_id", "updated_at")


@functools.cache
def _answerable_sql() -> tuple[str, list[tuple]]:
    """The SQL of `answerable_item`, written once a process from the models' own tables and
    columns: composing it through the ORM on each call cost more than running it (about 0.7 of
    1.1 ms, measured), and this is the busiest request of a quiz. With, for each model read, its
    class, its field names and how many columns it takes."""
    qn = connection.ops.quote_name
    models = [
        (AttemptQuestion, "i", [f.attname for f in AttemptQuestion._meta.concrete_fields]),
        (Attempt, "a", [f.attname for f in Attempt._meta.concrete_fields]),
        (Quiz, "z", [f.attname for f in Quiz._meta.concrete_fields]),
        (Question, "q", list(_ANSWERED_QUESTION_FIELDS)),
    ]
    columns = ", ".join(
        f"{alias}.{qn(model._meta.get_field(name).column)}"
        for model, alias, names in models
        for name in names
    )
    table = {model: qn(model._meta.db_table) for model, _alias, _names in models}
    deputy = qn(Attempt._meta.get_field("deputy").related_model._meta.db_table)
    sql = (
        f"SELECT {columns} FROM {table[AttemptQuestion]} i"  # noqa: S608 (model names, quoted; values as parameters)
        f" INNER JOIN {table[Attempt]} a ON i.{qn('attempt_id')} = a.{qn('id')}"
        f" INNER JOIN {deputy} d ON a.{qn('deputy_id')} = d.{qn('id')}"
        f" INNER JOIN {table[Quiz]} z ON a.{qn('quiz_id')} = z.{qn('id')}"
        f" INNER JOIN {table[Question]} q ON i.{qn('question_id')} = q.{qn('id')}"
        f" WHERE i.{qn('id')} = %s AND i.{qn('attempt_id')} = %s AND d.{qn('user_id')} = %s"
    )
    return sql, [(model, names, _converters(model, names)) for model, _alias, names in models]


def _converters(model, names) -> list[tuple]:
    """How each column comes back from the database as the ORM would give it (JSON, decimals,
    dates on SQLite): the backend's converters, then the field's own, with the column."""
    found = []
    for name in names:
        field = model._meta.get_field(name)
        column = field.get_col(model._meta.db_table)
        found.append(
            (column, connection.ops.get_db_converters(column) + field.get_db_converters(connection))
        )
    return found


def answerable_item(user, attempt_pk, item_pk) -> AttemptQuestion | None:
    """The question `item_pk` of the user's own attempt `attempt_pk`, with the attempt, its quiz
    and the question's id, type and last change, in one query: the answer a page's script sends
    is the busiest request of a quiz (twenty an attempt), so it asks once for what three lookups
    would find, in SQL written once (`_answerable_sql`). None when the user is no deputy, the
    attempt not theirs or the question not in it."""
    if not str(item_pk).isdigit() or not str(attempt_pk).isdigit():
        return None
    sql, models = _answerable_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [int(item_pk), int(attempt_pk), user.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    converted, start = [], 0
    for model, names, converters in models:
        values = list(row[start : start + len(names)])
        start += len(names)
        for n, (column, functions) in enumerate(converters):
            for convert in functions:
                values[n] = convert(values[n], column, connection)
        converted.append(model.from_db(connection.alias, names, values))
    item, attempt, quiz, question = converted
    attempt.quiz = quiz
    item.attempt, item.question = attempt, question
    return item


@functools.cache
def _answered_sql() -> str:
    qn = connection.ops.quote_name
    return (
        f"SELECT COUNT(*) FROM {qn(AttemptQuestion._meta.db_table)}"  # noqa: S608 (model names, quoted; values as parameters)
        f" WHERE {qn('attempt_id')} = %s AND {qn('response')} IS NOT NULL"
    )


def answered_count(attempt: Attempt) -> int:
    """How many of the attempt's questions have an answer: told back after each saved answer,
    so in SQL written once (`_answerable_sql` says why)."""
    with connection.cursor() as cursor:
        cursor.execute(_answered_sql(), [attempt.pk])
        return cursor.fetchone()[0]


def quiz_for_deputy(deputy, pk) -> tuple[Quiz, list[Attempt]]:
    """The quiz's page for a deputy: the quiz, with `is_open` (placed where deputies may
    open it: quizzes.access), and the deputy's attempts at it. A closed quiz is shown only to
    a deputy who took it while it was open (their results stay theirs); to anyone else it
    does not exist (404). Two queries: whether it is open is part of the first."""
    quiz = Quiz.objects.with_open().filter(pk=pk).first()
    if quiz is None:
        raise Http404("No such quiz")
    attempts = attempts_at(quiz, deputy)
    if not quiz.is_open and not attempts:
        raise Http404("The quiz is not placed where deputies may open it")
    return quiz, attempts


def open_quiz(pk) -> Quiz:
    """A quiz a deputy may start: placed where deputies may open it (quizzes.access), else
    404. One query."""
    quiz = Quiz.objects.open_to_deputies().filter(pk=pk).first()
    if quiz is None:
        raise Http404("No such quiz open to deputies")
    return quiz


def attempts_at(quiz: Quiz, deputy) -> list[Attempt]:
    return list(Attempt.objects.filter(quiz=quiz, deputy=deputy).order_by("number"))


def specific_questions(ids) -> dict[int, Question]:
    """The questions by id as their own types, options and accepted answers fetched: one query
    for the base rows, one per type present, one each for options and accepted answers."""
    return {
        q.pk: q
        for q in Question.objects.filter(pk__in=ids).prefetch_related("options", "accepted_answers")
    }


# How long a question read for answers stays in the cache: its key changes with every edit, so
# this only bounds how long a key nobody asks for any more takes room.
QUESTION_CACHE_SECONDS = 60 * 60
# Questions read for answers, kept in this process as well (the shared cache, a file or Redis,
# still costs a read and an unpickling a question): a question's key changes with every edit,
# so an entry is never out of date, only unused; past this many the memo starts again.
_MEMO_SIZE = 2000
_memo: dict[str, Question] = {}


def _question_key(pk: int, updated_at) -> str:
    return f"quizzes:question:{pk}:{updated_at.timestamp()}"


def questions_for_answers(questions) -> dict[int, Question]:
    """`questions_at` for question rows (each with its `updated_at`)."""
    return questions_at((q.pk, q.updated_at) for q in questions)


def questions_at(versions) -> dict[int, Question]:
    """The questions of `versions` (pairs of a question's id and its `updated_at`), each in its
    own type with its options and accepted answers, by id: what reading and scoring answers
    needs. Found in this process's
    memo, else in the cache, else read (one query for the base rows, one a type, one each for
    options and accepted answers) and kept in both. The questions are shared between requests
    of a process: reading, scoring and showing answers only read them (the options a page
    letters are copies: `ordered_options`).

    Kept under the question's last change: an edit in the bank saves the question, options
    included, so it makes a new key."""
    keys = {_question_key(pk, updated_at): pk for pk, updated_at in versions}
    # .get, not `in` then [ ]: another thread may start the memo again in between.
    found = {pk: q for key, pk in keys.items() if (q := _memo.get(key)) is not None}
    missing = [key for key, pk in keys.items() if pk not in found]
    if missing:
        cached = cache.get_many(missing)
        unread = [keys[key] for key in missing if key not in cached]
        read = specific_questions(unread) if unread else {}
        if read:
            cache.set_many(
                {_question_key(q.pk, q.updated_at): q for q in read.values()},
                QUESTION_CACHE_SECONDS,
            )
        if len(_memo) + len(missing) > _MEMO_SIZE:
            _memo.clear()
        for key in missing:
            question = cached.get(key) or read[keys[key]]
            _memo[key] = question
            found[question.pk] = question
    return found


def question_for_answers(question: Question) -> Question:
    """`question` in its own type with its options and accepted answers (`questions_for_answers`):
    each of a quiz's twenty saved answers asks nothing of the database for its question. One
    read so already (`attempt_items`' questions, on the page that saves without JavaScript) is
    used as it is."""
    if "options" in getattr(question, "_prefetched_objects_cache", {}):
        return question
    return questions_for_answers([question])[question.pk]


def attempt_items(attempt: Attempt, *, only=None) -> list:
    """The attempt's questions in order (or only the item with the pk `only`), each item
    carrying its specific `question`, the `options` in the order this deputy sees them, and its
    form field `name`."""
    rows = attempt.items.filter(pk=only) if only else attempt.items.all()
    items = list(rows.select_related("question"))
    # Shared with the process's other requests: only read here (the options in the deputy's
    # order are copies, `ordered_options`).
    questions = questions_for_answers([item.question for item in items])
    shuffle = attempt.quiz.shuffle_options
    for item in items:
        item.question = questions[item.question_id]
        item.name = item.field_name
        ordered = getattr(item.question, "ordered_options", None)
        item.options = ordered(seed=item.pk if shuffle else None) if ordered else []
        item.seed = item.pk if shuffle else None
    return items


def answers_shown(attempt: Attempt, today=None) -> bool:
    """Whether the result may show the right answers and explanations, by the quiz's rule."""
    rule = attempt.quiz.show_answers
    if attempt.status == Attempt.Status.IN_PROGRESS or rule == Quiz.ShowAnswers.NEVER:
        return False
    if rule == Quiz.ShowAnswers.AFTER_DUE and attempt.quiz.due_date:
        return (today or timezone.localdate()) > attempt.quiz.due_date
    return True


def attach_articles(items: list) -> None:
    """Give each item `articles`: the law articles its question tests, with their text in force
    (or, for a law whose text is not imported, just the law and number). Three queries."""
    links = list(
        QuestionArticle.objects.filter(question_id__in={i.question_id for i in items})
        .select_related("law")
        .order_by("sort_order", "pk")
    )
    wanted = Q()
    for link in links:
        wanted |= Q(version__law_id=link.law_id, number=link.article)
    found = {}
    if links:
        found = {
            (a.version.law_id, a.number): a
            for a in Article.objects.current()
            .filter(wanted)
            .select_related("version")
            .prefetch_related("parts")
        }
    for item in items:
        item.articles = [
            {"link": link, "text": found.get((link.law_id, link.article))}
            for link in links
            if link.question_id == item.question_id
        ]


def result_items(attempt: Attempt, *, only=None) -> list:
    """The attempt's questions for the result page: the deputy's answer in words, the right
    answer, the feedback on the answer given and the articles, and whether it was right."""
    items = attempt_items(attempt, only=only)
    attach_articles(items)
    for item in items:
        question = item.question
        # The options in this deputy's order, lettered once (`attempt_items`).
        order = {"seed": item.seed, "options": item.options or None}
        item.given = question.answer_text(item.response, **order)
        item.right_answer = question.right_answer_text(**order)
        item.answer_feedback = question.answer_feedback(item.response, **order)
    return items
