"""Two-factor sign-in (TOTP, django-otp) for dermatologists and staff."""

from config.env import env

OTP_TOTP_ISSUER = "MetSkin"
# Wrong codes in a row before the second step is locked for OTP_LOCKOUT_MINUTES.
OTP_FAILURE_LIMIT = env.int("OTP_FAILURE_LIMIT", default=5)
OTP_LOCKOUT_MINUTES = env.int("OTP_LOCKOUT_MINUTES", default=15)
# How long the second step may follow a correct password.
OTP_PENDING_SECONDS = env.int("OTP_PENDING_SECONDS", default=600)
# How long an emailed link to set up an authenticator app works (hours).
TWO_FACTOR_ENROLMENT_LINK_HOURS = env.int("TWO_FACTOR_ENROLMENT_LINK_HOURS", default=24)
# Backup codes (django-otp's static device) given at enrolment and on request; each works once.
TWO_FACTOR_BACKUP_CODES = 10
