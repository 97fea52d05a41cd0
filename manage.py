#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A setting that cannot work (a DATABASE_URL of an unknown kind, a missing secret in
        # production): one line that names it, not a traceback.
        first_line = str(exc).strip().splitlines()[0]
        sys.stderr.write(f"MetSkin cannot start: settings: {first_line}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
