"""Reading a budget: the table's figures (`figures`), the questions they make (`questions`),
reading a table from .xlsx (`reading`, `template`), writes (`services`) and reads
(`selectors`). The models live in deliberation.models.budgets."""
