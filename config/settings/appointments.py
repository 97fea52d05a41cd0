"""Booking rules: how late a patient may change a booking, waitlist offers."""

from config.env import env

# A patient may cancel or reschedule up to this many hours before the start; a doctor any time.
APPOINTMENT_CANCEL_CUTOFF_HOURS = env.int("APPOINTMENT_CANCEL_CUTOFF_HOURS", default=24)
# How long a freed slot is held for the next person on a doctor's waitlist.
WAITLIST_OFFER_HOURS = env.int("WAITLIST_OFFER_HOURS", default=12)
# How far ahead the directory looks for each doctor's soonest free slot.
DIRECTORY_SOONEST_DAYS = env.int("DIRECTORY_SOONEST_DAYS", default=14)
# Each doctor's soonest free slot is stored for the directory's order (docs/adr/0021) and
# recomputed at least this often (and at once when a booking or a schedule changes) ...
DIRECTORY_NEXT_SLOT_TTL_S = env.int("DIRECTORY_NEXT_SLOT_TTL_S", default=600)
# ... and one directory request recomputes at most this many stale doctors itself.
DIRECTORY_REFRESH_MAX = env.int("DIRECTORY_REFRESH_MAX", default=20)
# A doctor sees the analyses a patient shared for a visit until this many days after it ends.
APPOINTMENT_SHARE_DAYS_AFTER_VISIT = env.int("APPOINTMENT_SHARE_DAYS_AFTER_VISIT", default=30)
# Upcoming bookings and offers one patient may hold at once; one more is refused (409).
APPOINTMENT_LIVE_BOOKINGS_MAX = env.int("APPOINTMENT_LIVE_BOOKINGS_MAX", default=5)
