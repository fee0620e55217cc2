"""Background work (run by `manage.py db_worker`): spreadsheets too big to build while the
browser waits."""

from django.tasks import task


@task()
def build_export_task(export_id: int) -> str:
    from .exports import run_export

    export = run_export(export_id)
    return export.status if export else "deleted"
