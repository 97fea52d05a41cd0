"""Find a conventional submodule (``beat``, ``seed``, …) in each of the project's apps."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.conf import settings


def app_submodules(name: str) -> Iterator[ModuleType]:
    """Import and yield ``<app>.<name>`` for each app in LOCAL_APPS that has one, in order."""
    for app in settings.LOCAL_APPS:
        module_name = f"{app}.{name}"
        if find_spec(module_name) is None:
            continue
        yield import_module(module_name)
