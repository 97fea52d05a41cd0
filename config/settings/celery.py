"""Celery: Redis in production and CI; a broker that needs no server for `make run`."""

from config.env import VAR_DIR, env

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
# A web request that queues a task must not hang on a broker that is down: connect for at
# most this long, and retry a refused publish only briefly (the analysis sweeper re-queues
# what could not be queued; see metskin/analysis/beat.py).
BROKER_CONNECT_TIMEOUT_S = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_CONNECT_TIMEOUT_S
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
_EMBEDDED_BROKER = CELERY_BROKER_URL.startswith("filesystem://")
if _EMBEDDED_BROKER:
    # kombu's filesystem transport: queues are folders under var/, shared by the web
    # process, the worker and beat on one machine.
    _QUEUE_DIR = VAR_DIR / "celery" / "queue"
    # kombu does not create its folders; every process that imports settings may need them.
    _QUEUE_DIR.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "processed").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_QUEUE_DIR),
        "data_folder_out": str(_QUEUE_DIR),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        # Exchange tables; kombu's default is ./control in the current directory.
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A task whose worker died unacknowledged is redelivered after this long; it must be
        # longer than the longest task (analysis of a video takes seconds, not minutes).
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        # Without these a broker that accepts the TCP connection but never answers (failover,
        # half-open connection) makes a publish, and so the web request, wait forever.
        # socket_timeout must stay above kombu's BRPOP timeout (1 s) or workers reconnect.
        "socket_connect_timeout": BROKER_CONNECT_TIMEOUT_S,
        "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=5.0),
    }
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND",
    default=(
        f"db+sqlite:///{VAR_DIR / 'celery' / 'results.sqlite3'}"
        if _EMBEDDED_BROKER
        else CELERY_BROKER_URL
    ),
)
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
# A task is acknowledged only when it has finished, and put back when its worker is lost,
# so a crash never drops work; tasks are written to be idempotent for that reason.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="metskin")
# Periodic tasks live in each app's beat.py (collected by metskin/core/beat.py). Beat keeps
# their last-run times in the database (django-celery-beat), never in a local file: a beat
# started on another machine, or after a redeploy, knows what already ran and fires nothing
# twice (docs/adr/0018).
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Beat sends a heartbeat task this often; /healthz?worker=1 calls beat down when the last one
# that a worker ran is older than BEAT_STALE_AFTER_S.
BEAT_HEARTBEAT_S = env.float("BEAT_HEARTBEAT_SECONDS", default=15.0)
BEAT_STALE_AFTER_S = env.float("BEAT_STALE_AFTER_SECONDS", default=120.0)
