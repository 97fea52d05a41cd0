"""The Celery application. Workers start with ``celery -A config worker``."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import beat_init, worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")

app = Celery("metskin")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work, in code so it is reviewed like code. Beat must run once per deployment.
# Apps register their entries in their own ``beat.py`` (see metskin/core/beat.py).
app.conf.beat_schedule = {}


@app.on_after_finalize.connect
def _load_beat_schedules(sender: Celery, **kwargs: object) -> None:
    from metskin.core.beat import collect_beat_schedule

    sender.conf.beat_schedule = collect_beat_schedule()


@beat_init.connect
def _forget_removed_beat_entries(sender: object, **kwargs: object) -> None:
    # Runs before the database scheduler copies the code's schedule in (at its first tick).
    from metskin.core.beat import forget_undeclared_periodic_tasks

    forget_undeclared_periodic_tasks(set(app.conf.beat_schedule))


@worker_init.connect
@worker_process_init.connect
def _one_core_per_analysis(**kwargs: object) -> None:
    # Workers scale by processes (one per core, or per machine). OpenCV's own thread pool
    # would make each process spread over every core and fight the others for them.
    import cv2
    from django.conf import settings

    cv2.setNumThreads(settings.ANALYSIS_OPENCV_THREADS)
