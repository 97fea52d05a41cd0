"""Privacy rights: the notice's version, deletion, export and retention (docs/privacy.md)."""

from config.env import env

# Raise it when the privacy notice or terms change in substance: everyone is asked to agree
# again at their next sign-in (templates/privacy/notice.html says what changed).
PRIVACY_NOTICE_VERSION = env.int("PRIVACY_NOTICE_VERSION", default=1)
# An account whose deletion was asked for is deleted this many days later, unless the person
# signs in again before then.
ACCOUNT_DELETION_GRACE_DAYS = env.int("ACCOUNT_DELETION_GRACE_DAYS", default=7)
# The download link of a data export works this long (and once); the zip is deleted after.
DATA_EXPORT_LINK_HOURS = env.int("DATA_EXPORT_LINK_HOURS", default=48)
# Retention (beat jobs in metskin/privacy/beat.py).
RETENTION_AXES_DAYS = env.int("RETENTION_AXES_DAYS", default=30)
RETENTION_SENT_REMINDERS_DAYS = env.int("RETENTION_SENT_REMINDERS_DAYS", default=365)
RETENTION_RAW_VIDEO_HOURS = env.int("RETENTION_RAW_VIDEO_HOURS", default=24)
