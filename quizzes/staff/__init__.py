"""Staff's quiz pages (`views`, `urls`): the quiz results of the deputies they look after, and
grading short answers. Editors' pages for the question bank are in `quizzes.cms`."""
