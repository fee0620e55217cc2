"""What the law library tells other apps. It knows no other app, so an app that keeps data
derived from law text (quiz questions citing articles) listens here.

The rule of every engine's announcement (courses/hooks.py): it is sent inside the transaction
that makes it true, and its listeners write in that same transaction; a listener that raises
rolls the whole thing back (the import, or the deletion), and the editor tries again.
"""

from django.dispatch import Signal

# Sent by `services.import_law`, inside its transaction, when it has stored a new version that
# is now its law's newest (by effective date), with `version=` that LawVersion. A receiver that
# fails rolls the import back. A receiver may return a sentence for the editor about what the
# new version means for its app's content (how many lessons quote changed articles): the
# import's messages and the import_law command show it (`ImportResult.notices`).
law_version_imported = Signal()

# Sent by `services.delete_version`, inside its transaction, before the version is deleted, with
# `version=` that LawVersion: a receiver takes back what it did when the version was imported
# (the review flags it recorded as `models.ReviewFlag`) and returns how many objects it changed.
law_version_deleting = Signal()
