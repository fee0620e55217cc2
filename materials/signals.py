"""What the law library tells other apps. It knows no other app, so an app that keeps data
derived from law text (quiz questions citing articles) listens here."""

from django.dispatch import Signal

# Sent by `services.import_law`, inside its transaction, when it has stored a new version that
# is now its law's newest (by effective date), with `version=` that LawVersion. A receiver that
# fails rolls the import back.
law_version_imported = Signal()
