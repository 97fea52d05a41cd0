"""Email: console by default, SMTP (or any backend) from EMAIL_URL."""

from config.env import VAR_DIR, env

_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="MetSkin <no-reply@metskin.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The development outbox (metskin/core/outbox.py): local settings send every email, the web's
# and the worker's, to this folder when no EMAIL_URL is set, and show it at /dev/outbox/.
EMAIL_FOLDER = env.str("EMAIL_FOLDER", default=str(VAR_DIR / "mail"))
# The outbox page and `manage.py demo_codes` exist on a developer's machine only.
DEVELOPMENT_TOOLS = False
