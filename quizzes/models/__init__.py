"""The question bank (`bank`) and the quizzes built from it with what deputies did in them
(`quizzes`), one module each; every model is importable from `quizzes.models` as before."""

from .bank import (
    AcceptedAnswer,
    Category,
    Difficulty,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Option,
    Question,
    QuestionArticle,
    QuestionQuerySet,
    QuestionTag,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from .cloze import ClozeProposal, ClozeProposalQuerySet
from .quizzes import (
    Attempt,
    AttemptQuerySet,
    AttemptQuestion,
    GradeChange,
    PracticeAnswer,
    Quiz,
    QuizDraw,
    QuizQuerySet,
    QuizQuestion,
    WrongAnswer,
)

__all__ = [
    "AcceptedAnswer",
    "Attempt",
    "AttemptQuerySet",
    "AttemptQuestion",
    "Category",
    "ClozeProposal",
    "ClozeProposalQuerySet",
    "Difficulty",
    "FillBlankQuestion",
    "GradeChange",
    "MultipleChoiceQuestion",
    "Option",
    "PracticeAnswer",
    "Question",
    "QuestionArticle",
    "QuestionQuerySet",
    "QuestionTag",
    "Quiz",
    "QuizDraw",
    "QuizQuerySet",
    "QuizQuestion",
    "ShortAnswerQuestion",
    "SingleChoiceQuestion",
    "TrueFalseQuestion",
    "WrongAnswer",
]
