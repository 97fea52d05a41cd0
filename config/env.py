"""The one place settings read the environment.

Every setting that can change between machines comes through ``env`` below, so
``.env.example`` and the README's table can list them all. A secret may also be
given as ``<NAME>_FILE`` pointing at a file (Docker/Kubernetes secrets).
"""

from __future__ import annotations

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.smart_cast = False

# A local .env is read when present (never required); real environment variables win.
_dotenv = BASE_DIR / ".env"
if _dotenv.is_file():
    environ.Env.read_env(str(_dotenv), overwrite=False)

# What a process writes locally by default (embedded database and broker, dev key, media
# without S3). A worker on another machine, or a read-only checkout, points it elsewhere.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))


def env_secret(name: str, default: str = "") -> str:
    """Read ``name`` or, when ``name_FILE`` is set, the stripped contents of that file."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return env.str(name, default=default)
