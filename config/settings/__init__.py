"""Settings split by topic; ``config.django.base`` imports them all."""
