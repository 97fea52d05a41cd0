"""Sign-in rate limiting with django-axes."""

from datetime import timedelta

from config.env import env

AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Lock an account for a client, not a whole office behind one address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "email"
# Locked-out sign-ins get our JSON error shape with Retry-After, not axes' HTML page.
AXES_LOCKOUT_CALLABLE = "metskin.accounts.lockout.lockout_response"
