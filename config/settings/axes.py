"""Sign-in lockout (django-axes) and the other limits on abuse of the account endpoints."""

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
# The client address as DRF's throttles see it (TRUSTED_PROXY_COUNT), never a raw header.
AXES_CLIENT_IP_CALLABLE = "metskin.accounts.client_ip.client_ip"
# Failed sign-ins to one account from any address before it is paused for the cool-off:
# spreading guesses over many addresses does not escape the (email, address) lockout above.
SIGNIN_ACCOUNT_FAILURE_LIMIT = env.int("SIGNIN_ACCOUNT_FAILURE_LIMIT", default=20)
# Reset and verification emails one address may receive an hour (no mailbox flooding).
ACCOUNT_EMAILS_PER_HOUR = env.int("ACCOUNT_EMAILS_PER_HOUR", default=5)
