"""A report exercise's writing exercise follows it: whenever the report exercise is saved (in
the content admin, or at the end of an import of its text, `reports.services.import_report`)
the speech's exercise is brought in step; when it is deleted, the exercise is retired."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from deliberation.models import ReportExercise

from .services import retire_speech_exercise, sync_speech_exercise


@receiver(post_save, sender=ReportExercise, dispatch_uid="speech_exercise_in_step")
def keep_in_step(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_speech_exercise(report=instance)


@receiver(post_delete, sender=ReportExercise, dispatch_uid="speech_exercise_retired")
def retire(sender, instance, **kwargs):
    if instance.speech_exercise_id is not None:
        exercise = instance.speech_exercise
        if exercise is not None:
            retire_speech_exercise(exercise=exercise)
