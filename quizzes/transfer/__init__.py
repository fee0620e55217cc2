"""Question banks in and out: `import_questions` stores what a reader in `quizzes.formats` read
(`importer`), and `export_questions_xlsx` writes questions in the template's layout,
`export_questions_gift` as Moodle's GIFT, each of which reads back to the same questions
(`exporter`)."""

from .exporter import export_questions_gift, export_questions_xlsx, questions_for_export
from .importer import import_questions

__all__ = [
    "export_questions_gift",
    "export_questions_xlsx",
    "import_questions",
    "questions_for_export",
]
