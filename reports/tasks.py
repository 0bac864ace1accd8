"""Background tasks, run by `manage.py db_worker` (django-tasks' database backend)."""
from django_tasks import task

from reports import jobs


@task()
def ingest_job_run(job_id: int) -> None:
    jobs.job_run(job_id=job_id)
