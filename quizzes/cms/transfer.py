"""Importing and exporting questions in the content admin."""
