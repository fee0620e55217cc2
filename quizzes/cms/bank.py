"""The question bank's editing views in the content admin."""
