"""Reminders by email and SMS. SMS_BACKEND is the one switch for SMS (file by default)."""

from config.env import VAR_DIR, env, env_secret

# "metskin.notifications.sms.FileSmsBackend" (default: appends to SMS_FILE_PATH),
# "metskin.notifications.sms.ConsoleSmsBackend" or "metskin.notifications.sms.TwilioSmsBackend".
SMS_BACKEND = env.str("SMS_BACKEND", default="metskin.notifications.sms.FileSmsBackend")
SMS_FILE_PATH = env.str("SMS_FILE_PATH", default=str(VAR_DIR / "sms" / "outbox.jsonl"))
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env_secret("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM_NUMBER = env.str("TWILIO_FROM_NUMBER", default="")
# A send that keeps failing is retried this many times with exponential backoff, then recorded.
REMINDER_MAX_RETRIES = env.int("REMINDER_MAX_RETRIES", default=5)
# Appointment reminders are planned this far ahead (the largest reminder_hours_before allowed).
REMINDER_PLANNING_HOURS = env.int("REMINDER_PLANNING_HOURS", default=7 * 24 + 1)
# A reminder claimed by a worker that died while sending is given up after this many minutes
# (never sent again: a duplicate is worse than a missed reminder; see docs/adr/0009).
REMINDER_STUCK_MINUTES = env.int("REMINDER_STUCK_MINUTES", default=30)
# The first retry waits this long; each next one twice as long.
REMINDER_RETRY_BACKOFF_SECONDS = env.int("REMINDER_RETRY_BACKOFF_SECONDS", default=60)
# Phone verification by SMS code: SMS reminders go only to a verified number.
PHONE_CODE_TTL_MINUTES = env.int("PHONE_CODE_TTL_MINUTES", default=10)
PHONE_CODE_MAX_ATTEMPTS = env.int("PHONE_CODE_MAX_ATTEMPTS", default=5)
