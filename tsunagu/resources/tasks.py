"""Background work of the directory, run by `tsunagu worker`."""

from django.tasks import task

from tsunagu.resources.models import ImportRun
from tsunagu.resources.services import run_import


@task()
def run_opendata_import(run_id: int) -> dict[str, object]:
    """A file given on the web page, imported (自治体標準オープンデータ)."""
    run = ImportRun.objects.select_related("requested_by").get(pk=run_id)
    done = run_import(run)
    return {"status": done.status, "rows": done.report.get("rows", 0)}
