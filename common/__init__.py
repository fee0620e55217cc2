"""Helpers every app uses, apart from the apps and from the project's wiring (training_site):
form widgets (widgets), the content admin's form pages (admin_views), upload readers (workbooks,
textfiles), the PDFs' CJK font (fonts) and Chinese numerals (numerals). A module here imports
no app and not training_site (the import-linter contracts in pyproject.toml); it is not a
Django app."""
