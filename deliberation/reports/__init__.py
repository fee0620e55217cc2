"""Report exercises: the editors' import of a report's text, and the deputy's reading and
remarking (models in `deliberation.models.reports`)."""
