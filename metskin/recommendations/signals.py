"""A catalogue change queues the rewarm of the candidate ids people asked for
(``selectors.candidates_rewarm``, docs/adr/0022)."""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver
from kombu.exceptions import KombuError

from metskin.catalog.version import catalog_version_changed
from metskin.core.enqueue import enqueue

logger = logging.getLogger(__name__)


@receiver(catalog_version_changed, dispatch_uid="recommendations.candidates_rewarm")
def _catalog_changed(sender: Any, **kwargs: Any) -> None:
    try:
        enqueue("recommendations.candidates_rewarm")
    except (KombuError, OSError):  # the broker is down: requests work them out, as before
        logger.warning("Could not queue the candidates rewarm", exc_info=True)
